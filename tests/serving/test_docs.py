"""The committed HTML documentation of the ontology and the shapes is current."""
from __future__ import annotations

import re

from rdflib import Graph, URIRef

from pipeline.docs import shapes, shapes_html
from pipeline.iris import ONTOLOGY
from pipeline.resources import data_path

from .support import REPO

DOCS = REPO / "docs" / "ontology"


def test_every_term_of_the_ontology_has_its_anchor_in_the_documentation():
    html = (DOCS / "index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'id="([^"]+)"', html))
    graph = Graph().parse(data_path("governance.ttl"), format="turtle")
    terms = {str(s)[len(ONTOLOGY):] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)}
    assert terms and terms <= anchors, f"run scripts/ontology_docs.py: missing {sorted(terms - anchors)}"
    for label in graph.objects(URIRef(ONTOLOGY + "Person"), URIRef("http://www.w3.org/2004/02/skos/core#definition")):
        assert str(label) in html  # the definitions, in English and Vietnamese


def test_the_shapes_page_is_the_one_the_shapes_give():
    assert (DOCS / "shapes.html").read_text(encoding="utf-8") == shapes_html(), "run scripts/ontology_docs.py"
    _, found = shapes()
    assert {"ArticleShape", "PersonShape"} <= {s["id"] for s in found}


def test_the_readme_links_the_documentation_and_shows_the_screenshot():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/ontology/index.html" in readme and "docs/screenshot.png" in readme
    assert (REPO / "docs" / "screenshot.png").stat().st_size > 20_000
