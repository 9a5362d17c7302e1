"""HTML documentation of the ontology (pyLODE) and of the SHACL shapes.

`write_docs(out_dir)` writes index.html (ontology/governance.ttl, by pyLODE's OntPub
profile, with each term's anchor set to its local name so that the fragment of a term
IRI, `ontology#Person`, lands on the term) and shapes.html (ontology/shapes.ttl: each
shape with its target, message and property constraints, rendered from
docs/ontology/shapes.template.html). scripts/ontology_docs.py is the command.

pyLODE lists the members of an owl:unionOf from a Python set of HTML elements, so their
order may change from run to run; everything else is the same every time.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from . import resources
from .iris import ONTOLOGY

SH = Namespace("http://www.w3.org/ns/shacl#")
TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "ontology" / "shapes.template.html"
CONSTRAINTS = ("minCount", "maxCount", "datatype", "class", "nodeKind", "minLength", "maxLength", "pattern",
               "minInclusive", "maxInclusive", "hasValue", "in", "languageIn", "node", "or")


def ontology_html() -> str:
    """pyLODE's page for ontology/governance.ttl, term anchors = local names."""
    from pylode import OntPub

    path = resources.data_path("governance.ttl")
    graph = Graph().parse(path, format="turtle")
    doc = OntPub(ontology=str(path), sort_subjects=True)
    terms = {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)}
    doc.fids.update({str(t): str(t)[len(ONTOLOGY):] for t in terms})
    return doc.make_html()


def _short(graph: Graph, term) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:
            return f"<{term}>"
    if (term, RDF.first, None) in graph or term == RDF.nil:
        return "( " + " ".join(_short(graph, t) for t in Collection(graph, term)) + " )"
    if isinstance(term, BNode):  # an anonymous node (a path, a member of sh:or): its own statements
        return "[ " + " ; ".join(sorted(f"{_short(graph, p)} {_short(graph, o)}" for p, o in graph.predicate_objects(term))) + " ]"
    return str(term)  # a literal: its lexical form


def shapes() -> tuple[Graph, list[dict]]:
    """Each node shape of ontology/shapes.ttl as a dict for the template."""
    graph = Graph().parse(resources.data_path("shapes.ttl"), format="turtle")
    found = []
    for shape in sorted(set(graph.subjects(RDF.type, SH.NodeShape)), key=str):
        properties = []
        for prop in graph.objects(shape, SH.property):
            constraints = sorted((name, _short(graph, v)) for name in CONSTRAINTS for v in graph.objects(prop, SH[name]))
            properties.append({"path": _short(graph, graph.value(prop, SH.path)), "constraints": constraints,
                               "message": str(graph.value(prop, SH.message) or "")})
        targets = [("class", _short(graph, t)) for t in graph.objects(shape, SH.targetClass)]
        targets += [("subjects of", _short(graph, t)) for t in graph.objects(shape, SH.targetSubjectsOf)]
        targets += [("objects of", _short(graph, t)) for t in graph.objects(shape, SH.targetObjectsOf)]
        sparql = [str(graph.value(c, SH.message) or "a SPARQL constraint") for c in graph.objects(shape, SH.sparql)]
        found.append({"id": str(shape).rsplit("#", 1)[-1], "iri": str(shape), "targets": targets,
                      "message": str(graph.value(shape, SH.message) or ""),
                      "comment": str(graph.value(shape, RDFS.comment) or ""),
                      "properties": sorted(properties, key=lambda p: (p["path"], p["constraints"], p["message"])),
                      "sparql": sorted(sparql)})
    return graph, found


def shapes_html() -> str:
    from jinja2 import Template

    _, found = shapes()
    return Template(TEMPLATE.read_text(encoding="utf-8"), autoescape=True).render(shapes=found)


def write_docs(out_dir: Path | str) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, html in (("index.html", ontology_html()), ("shapes.html", shapes_html())):
        (out / name).write_text(html, encoding="utf-8")
        written.append(out / name)
    return written
