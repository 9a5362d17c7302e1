// The drawing of the graph around an entity (Cytoscape.js, vendored in static/vendor/):
// persons, posts, bodies and events as nodes; a click opens the node's page.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const colours = {person: "#2f6db5", body: "#b5472f", post: "#7a5bb5", event: "#2f8f5b",
                   article: "#5b6575", other: "#888888"};
  const elements = [
    ...data.nodes.map(n => ({data: {id: n.id, label: n.label, kind: n.kind, href: n.href,
                                    center: n.center ? 1 : 0}})),
    ...data.edges.map((e, k) => ({data: {id: "e" + k, source: e.source, target: e.target, label: e.label}})),
  ];
  const cy = cytoscape({
    container: document.getElementById("graph"),
    elements,
    style: [
      {selector: "node", style: {
        "label": "data(label)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 140,
        "background-color": n => colours[n.data("kind")] || colours.other,
        "width": 18, "height": 18, "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 3}},
      {selector: "node[center = 1]", style: {"width": 30, "height": 30, "font-weight": "bold", "font-size": 12,
                                             "border-width": 3, "border-color": "#a3262a"}},
      {selector: "node[kind = 'post']", style: {"shape": "round-rectangle"}},
      {selector: "node[kind = 'event']", style: {"shape": "diamond"}},
      {selector: "node[kind = 'body']", style: {"shape": "hexagon"}},
      {selector: "edge", style: {
        "width": 1.2, "line-color": "#b8bfca", "target-arrow-color": "#b8bfca", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": "data(label)", "font-size": 8, "color": "#5b6575",
        "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8}},
    ],
    // Rings around the entity: the posts and events next to it, persons and bodies outside.
    layout: {name: "concentric", animate: false, minNodeSpacing: 60, levelWidth: () => 1,
             concentric: n => n.data("center") ? 3 : (["post", "event"].includes(n.data("kind")) ? 2 : 1)},
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", event => {
    const href = event.target.data("href");
    if (href && !event.target.data("center")) window.location.href = href;
  });
  window.govkgGraph = cy;  // for the page's tests and for curious users
})();
