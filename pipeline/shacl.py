"""The SHACL Core shapes of ontology/shapes.ttl, compiled once per process for small graphs.

pyshacl takes ~50 ms for one article's graph (~500 triples), as long as extracting it;
the build validates every article in its worker, so the shapes are read from shapes.ttl
once per process (`compiled()`) and turned into plain Python checks over an index of the
article's triples: about 1 ms an article. shapes.ttl stays the one source of the
constraints: this module knows the constraint *components* (sh:minCount, sh:datatype,
sh:class...), never a shape. A component it does not know makes `compile_shapes` raise,
so a new kind of constraint cannot be skipped silently; pyshacl (`validate.check_shacl`)
remains the reference for whole graph files, and tests check that both agree.

Semantics follow pyshacl with the ontology as its ontology graph: targets and sh:class
see the class hierarchy (rdfs:subClassOf, no other inference), and `types` can add the
types of nodes defined elsewhere (the reference bodies an article links to).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

SH = "http://www.w3.org/ns/shacl#"
_sh = lambda name: URIRef(SH + name)  # noqa: E731

# Predicates of a shape that are no constraint (or that a constraint reads with another one).
_NOT_CONSTRAINTS = {_sh(n) for n in ("path", "message", "name", "description", "severity", "order", "group",
                                     "targetClass", "property", "sparql", "declare", "prefixes",
                                     "qualifiedMinCount", "qualifiedMaxCount", "qualifiedValueShapesDisjoint",
                                     "deactivated")} | {RDF.type, RDFS.label, RDFS.comment}
_NODE_KINDS = {
    _sh("IRI"): (URIRef,), _sh("BlankNode"): (BNode,), _sh("Literal"): (Literal,),
    _sh("BlankNodeOrIRI"): (BNode, URIRef), _sh("BlankNodeOrLiteral"): (BNode, Literal),
    _sh("IRIOrLiteral"): (URIRef, Literal),
}


class Data:
    """The triples of a small graph, indexed both ways, with the class hierarchy."""

    def __init__(self, triples: Iterable[tuple], supers: dict, types: dict | None = None):
        self.out: dict = defaultdict(lambda: defaultdict(list))
        self.inv: dict = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            self.out[s][p].append(o)
            if not isinstance(o, Literal):  # no path here starts from a literal
                self.inv[o][p].append(s)
        self.supers = supers
        self.extra_types = types or {}
        self._classes: dict = {}

    def objects(self, s, p) -> list:
        found = self.out.get(s)
        return found.get(p, []) if found else []

    def subjects(self, p, o) -> list:
        found = self.inv.get(o)
        return found.get(p, []) if found else []

    def classes(self, node) -> set:
        """Every class `node` is an instance of (asserted here or in `types`, with superclasses)."""
        if node not in self._classes:
            out = set()
            for t in [*self.objects(node, RDF.type), *self.extra_types.get(node, ())]:
                out |= self.supers.get(t, {t})
            self._classes[node] = out
        return self._classes[node]

    def instances(self, cls) -> list:
        return sorted({s for t, subs in self.supers.items() if cls in subs for s in self.subjects(RDF.type, t)}
                      | set(self.subjects(RDF.type, cls)), key=str)


ValueTest = Callable[[object, Data], bool]


@dataclass
class PropertyShape:
    node: object
    path: tuple  # ((predicate, inverse), ...): the alternatives
    path_text: str
    message: str
    min_count: int | None = None
    max_count: int | None = None
    tests: list[ValueTest] = field(default_factory=list)  # each value must pass each
    qualified: tuple | None = None  # (test, min, max)
    less_than: URIRef | None = None

    def values(self, focus, data: Data) -> list:
        seen = {}
        for p, inverse in self.path:
            for v in (data.subjects(p, focus) if inverse else data.objects(focus, p)):
                seen.setdefault(v, None)
        return list(seen)

    def failures(self, focus, data: Data) -> list:
        """The failing values (None: a failure that names no value, e.g. a count)."""
        values = self.values(focus, data)
        bad: list = []
        if self.min_count is not None and len(values) < self.min_count:
            bad.append(None)
        if self.max_count is not None and len(values) > self.max_count:
            bad.append(None)
        bad += [v for v in values if not all(test(v, data) for test in self.tests)]
        if self.qualified is not None:
            test, low, high = self.qualified
            n = sum(1 for v in values if test(v, data))
            if (low is not None and n < low) or (high is not None and n > high):
                bad.append(None)
        if self.less_than is not None:
            others = data.objects(focus, self.less_than)
            bad += [v for v in values if not all(_less(v, o) for o in others)]
        return bad


@dataclass
class NodeShape:
    node: object
    targets: list
    properties: list[PropertyShape]


def _less(a, b) -> bool:
    try:
        return isinstance(a, Literal) and isinstance(b, Literal) and bool(a.value < b.value)
    except TypeError:
        return False


def _datatype_test(dt) -> ValueTest:
    def test(v, data) -> bool:
        if not isinstance(v, Literal):
            return False
        if dt == RDF.langString:
            return bool(v.language)
        if dt == XSD.string:
            return v.language is None and v.datatype in (None, XSD.string)
        return v.datatype == dt and v.ill_typed is not True
    return test


def _lang_test(langs: list[str]) -> ValueTest:
    wanted = [l.lower() for l in langs]
    return lambda v, data: (isinstance(v, Literal) and bool(v.language)
                            and any(v.language.lower() == l or v.language.lower().startswith(l + "-") for l in wanted))


def _min_inclusive(bound) -> ValueTest:
    def test(v, data) -> bool:
        try:
            return isinstance(v, Literal) and v.value is not None and bool(v.value >= bound.value)
        except TypeError:
            return False
    return test


def _value_tests(g: Graph, shape) -> list[ValueTest]:
    """The constraints of `shape` that each value must meet on its own."""
    tests: list[ValueTest] = []
    for p, o in g.predicate_objects(shape):
        if p == _sh("datatype"):
            tests.append(_datatype_test(o))
        elif p == _sh("languageIn"):
            tests.append(_lang_test([str(x) for x in g.items(o)]))
        elif p == _sh("minLength"):
            tests.append(lambda v, data, n=int(o): not isinstance(v, BNode) and len(str(v)) >= n)
        elif p == _sh("nodeKind"):
            tests.append(lambda v, data, kinds=_NODE_KINDS[o]: isinstance(v, kinds))
        elif p == _sh("class"):
            tests.append(lambda v, data, c=o: c in data.classes(v))
        elif p == _sh("in"):
            tests.append(lambda v, data, allowed=frozenset(g.items(o)): v in allowed)
        elif p == _sh("minInclusive"):
            tests.append(_min_inclusive(o))
        elif p == _sh("or"):
            alternatives = [_shape_test(g, s) for s in g.items(o)]
            tests.append(lambda v, data, alts=alternatives: any(a(v, data) for a in alts))
    return tests


def _shape_test(g: Graph, shape) -> ValueTest:
    """A shape used as a value's shape (in sh:or, sh:qualifiedValueShape): its value tests."""
    _check_known(g, shape, allowed={_sh("datatype"), _sh("languageIn"), _sh("minLength"), _sh("nodeKind"),
                                    _sh("class"), _sh("in"), _sh("minInclusive"), _sh("or")})
    tests = _value_tests(g, shape)
    return lambda v, data: all(t(v, data) for t in tests)


_PROPERTY_PARAMS = {_sh(n) for n in ("datatype", "languageIn", "minLength", "nodeKind", "class", "in",
                                     "minInclusive", "or", "minCount", "maxCount", "qualifiedValueShape",
                                     "lessThan")}


def _check_known(g: Graph, shape, allowed: set) -> None:
    for p in set(g.predicates(shape)):
        if p not in allowed and p not in _NOT_CONSTRAINTS:
            raise NotImplementedError(f"shapes.ttl: {p} (on {shape}) is a constraint the fast checker "
                                      "does not know; add it to pipeline/shacl.py")


def _path(g: Graph, path) -> tuple:
    if isinstance(path, URIRef):
        return ((path, False),)
    inverse = g.value(path, _sh("inversePath"))
    if isinstance(inverse, URIRef):
        return ((inverse, True),)
    alternatives = g.value(path, _sh("alternativePath"))
    if alternatives is not None:
        return tuple(step for p in g.items(alternatives) for step in _path(g, p))
    raise NotImplementedError(f"shapes.ttl: the path {path} is not one the fast checker knows")


def _property(g: Graph, node, path_text: Callable) -> PropertyShape:
    _check_known(g, node, _PROPERTY_PARAMS)
    one = lambda name: g.value(node, _sh(name))  # noqa: E731
    path = one("path")
    shape = PropertyShape(node=node, path=_path(g, path), path_text=path_text(g, path),
                          message=" / ".join(sorted(str(m) for m in g.objects(node, _sh("message"))))
                          or "(no message)", tests=_value_tests(g, node))
    shape.min_count = int(one("minCount")) if one("minCount") is not None else None
    shape.max_count = int(one("maxCount")) if one("maxCount") is not None else None
    if one("qualifiedValueShape") is not None:
        low, high = one("qualifiedMinCount"), one("qualifiedMaxCount")
        shape.qualified = (_shape_test(g, one("qualifiedValueShape")),
                           int(low) if low is not None else None, int(high) if high is not None else None)
    shape.less_than = one("lessThan")
    return shape


def compile_shapes(g: Graph, path_text: Callable) -> list[NodeShape]:
    """The node shapes of a shapes graph with their property shapes, as checks.
    `path_text(graph, path)` writes a path for the report (as pyshacl's results show it)."""
    shapes = []
    for node in sorted(set(g.subjects(_sh("targetClass"), None)), key=str):
        _check_known(g, node, set())
        props = [_property(g, p, path_text) for p in sorted(g.objects(node, _sh("property")), key=str)]
        shapes.append(NodeShape(node=node, targets=sorted(g.objects(node, _sh("targetClass")), key=str),
                                properties=props))
    return shapes


def superclasses(ontology: Graph) -> dict:
    """class -> itself and every class above it (rdfs:subClassOf*)."""
    classes = set(ontology.subjects(RDFS.subClassOf, None)) | set(ontology.objects(RDFS.subClassOf, None))
    return {c: set(ontology.transitive_objects(c, RDFS.subClassOf)) for c in classes}


def check(shapes: list[NodeShape], data: Data) -> list[tuple]:
    """(focus, property shape, value or None) for every failure, in a stable order."""
    found = []
    for shape in shapes:
        focus_nodes = sorted({n for cls in shape.targets for n in data.instances(cls)}, key=str)
        for focus in focus_nodes:
            for prop in shape.properties:
                found += [(focus, prop, v) for v in prop.failures(focus, data)]
    return found
