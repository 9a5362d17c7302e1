"""The ontology's namespace, checked: `GOV.Person` is a term of ontology/governance.ttl, and a
term the ontology does not define (`GOV.Persn`) raises AttributeError where it is written.

The terms are read from the ontology file itself (every IRI in the namespace that the file
declares), so the file stays the one source and the code never lists them.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import ClosedNamespace

from .iris import ONTOLOGY
from .resources import data_path


@lru_cache(maxsize=1)
def _terms() -> tuple[str, ...]:
    graph = Graph().parse(data_path("governance.ttl"), format="turtle")
    names = {str(s)[len(ONTOLOGY):] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)}
    return tuple(sorted(n for n in names if n))


GOV = ClosedNamespace(ONTOLOGY, _terms())
