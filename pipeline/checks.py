"""Validation where the graph is made: per article, across articles, and OWL on profiles.

1. `article_violations(quads)` runs in the worker, on the graph of one article: the SHACL
   Core shapes of ontology/shapes.ttl (compiled once per process, shacl.py) and the
   SHACL-SPARQL constraints (one pyoxigraph query each), with the ontology's class
   hierarchy and the types of the reference bodies at hand. Each problem is a
   `validate.Violation` naming the article's file, the focus node, path, value and
   sentence.
2. `corpus_violations(store)` runs the queries of ontology/queries/checks/*.rq over the
   written output (an on-disk pyoxigraph store of graph.nq): what no single article can
   show (one label per person, no dangling link...). A query selects ?this (the node),
   optionally ?value and ?source (a source file that states it); its leading comment
   lines are the message.
3. `profile_sample(store, triples)` picks one node per *profile* (its types, and per
   predicate the kind of its values and whether it has one or several) with its triples,
   for HermiT: the reasoner's input grows with the variety of the graph, not its size.
"""
from __future__ import annotations

import itertools
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from . import mapping, resources, shacl, validate
from .store import BATCH_QUADS, ontology_quads
from .write import from_oxigraph, to_oxigraph

CHECKS_DIR = ("queries", "checks")


# ---------------------------------------------------------------------------
# 1. One article


@dataclass(frozen=True)
class _Shapes:
    """What a worker needs to validate an article, read once per process."""

    core: list  # shacl.NodeShape
    sparql: list  # validate.SparqlConstraint
    supers: dict  # class -> its superclasses
    reference_types: dict  # reference body -> its types
    hierarchy: tuple  # the rdfs:subClassOf quads, for the SHACL-SPARQL targets


@lru_cache(maxsize=1)
def shapes() -> _Shapes:
    ontology, graph = validate._ontology(), validate._shapes()
    reference: dict = {}
    for s, p, o, _ in mapping.reference_quads():
        if p == RDF.type:
            reference.setdefault(s, set()).add(o)
    return _Shapes(core=shacl.compile_shapes(graph, validate._path), sparql=validate.sparql_constraints(graph),
                   supers=shacl.superclasses(ontology), reference_types=reference,
                   hierarchy=tuple(ox.Quad(*map(to_oxigraph, t))
                                   for t in ontology.triples((None, RDFS.subClassOf, None))))


def article_violations(quads: Iterable[tuple]) -> list[validate.Violation]:
    """The shapes' violations in the graph of one article (quads or triples)."""
    s = shapes()
    triples = list(dict.fromkeys(q[:3] for q in quads))
    failures = shacl.check(s.core, shacl.Data(triples, s.supers, s.reference_types))
    found = _sparql_failures(triples, s) if s.sparql else []
    if not failures and not found:
        return []
    graph = Graph()
    for t in triples:
        graph.add(t)
    out = [validate._explained(graph, focus, path=prop.path_text, message=prop.message, severity="Violation",
                               value=validate._short(value) if value is not None else None)
           for focus, prop, value in failures]
    out += [validate._explained(graph, f, path=None, value=v, message=m, severity="Violation",
                                result=validate._sparql_result(f, raw, m, shape)) for f, v, m, shape, raw in found]
    unique = {v.key: v for v in out}
    return [unique[k] for k in sorted(unique)]


def _sparql_failures(triples: list, s: _Shapes) -> list[tuple]:
    """The rows of the SHACL-SPARQL constraints, run on the article's graph in memory."""
    store = ox.Store()
    store.extend(ox.Quad(*map(to_oxigraph, t)) for t in triples)
    store.extend(s.hierarchy)
    return validate.run_sparql_constraints(store, s.sparql)


# ---------------------------------------------------------------------------
# 2. Across articles


@dataclass(frozen=True)
class Check:
    name: str
    message: str
    query: str


@lru_cache(maxsize=1)
def corpus_checks() -> tuple[Check, ...]:
    """The queries of ontology/queries/checks/, each with its message (its leading comments)."""
    found = []
    for path in sorted(resources.data_path(*CHECKS_DIR).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("# ").strip())
        found.append(Check(name=path.stem, message=" ".join(c for c in comments if c), query=text))
    return tuple(found)


def _value(term) -> str | None:
    if term is None:
        return None
    return term.value if isinstance(term, ox.Literal) else validate._short(from_oxigraph(term))


def corpus_violations(store: ox.Store) -> list[validate.Violation]:
    """Every row of every check query over the store (the union of its graphs)."""
    out = []
    for check in corpus_checks():
        rows = store.query(check.query, use_default_graph_as_union=True)
        names = {v.value for v in rows.variables}
        for row in rows:
            get = lambda n: row[n] if n in names else None  # noqa: E731
            out.append(validate.Violation(
                focus=_value(get("this")), path=f"({check.name})", value=_value(get("value")),
                message=check.message, severity="Violation", article=_value(get("source"))))
    return sorted(out, key=lambda v: (v.focus or "", v.key))


@dataclass
class OpenedStore:
    store: ox.Store
    directory: tempfile.TemporaryDirectory


def on_disk(path: Path | str) -> OpenedStore:
    """A graph file (.nq, .trig, .ttl) in a temporary on-disk store, with the ontology.

    Streamed in through the bulk loader BATCH_QUADS quads at a time (as store.py does):
    the memory stays that of one batch, whatever the size of the file."""
    tmp = tempfile.TemporaryDirectory(prefix="govkg-checks-")
    store = ox.Store(tmp.name)
    quads = ox.parse(path=str(path), format=validate.rdf_format(path))
    while batch := list(itertools.islice(quads, BATCH_QUADS)):
        store.bulk_extend(batch)
    store.bulk_extend(ontology_quads())  # the class hierarchy, for a/rdfs:subClassOf*
    store.flush()
    return OpenedStore(store, tmp)


# ---------------------------------------------------------------------------
# 3. OWL on one node per profile


def _subjects(triples: Iterable[ox.Triple]) -> Iterator[tuple]:
    """(subject, its triples) from a stream sorted by subject (graph.ttl is)."""
    current, group = None, []
    for t in triples:
        if t.subject != current and group:
            yield current, group
            group = []
        current = t.subject
        group.append(t)
    if group:
        yield current, group


class _Types:
    """rdf:type lookups in the store, with a bounded cache."""

    def __init__(self, store: ox.Store, size: int = 20_000):
        self.store, self.size, self.cache = store, size, OrderedDict()
        self.rdf_type = ox.NamedNode(str(RDF.type))

    def __call__(self, node) -> frozenset:
        if node in self.cache:
            self.cache.move_to_end(node)
            return self.cache[node]
        types = frozenset(q.object.value for q in self.store.quads_for_pattern(node, self.rdf_type, None, None))
        self.cache[node] = types
        if len(self.cache) > self.size:
            self.cache.popitem(last=False)
        return types


def _kind(term, types: _Types):
    if isinstance(term, ox.Literal):
        return ("literal", term.datatype.value, bool(term.language))
    return ("node", types(term)) if isinstance(term, ox.NamedNode) else ("blank",)


def profile(triples: list, types: _Types) -> tuple:
    """A node's profile: its types and, per predicate, the kinds of its values and
    whether it has several."""
    own = types(triples[0].subject)
    per: dict = {}
    for t in triples:
        per.setdefault(t.predicate.value, []).append(_kind(t.object, types))
    return own, frozenset((p, frozenset(kinds), len(kinds) > 1) for p, kinds in per.items())


def profile_sample(store: ox.Store, triples: Iterable[ox.Triple]) -> tuple[Graph, int, int]:
    """(one node per profile with its triples and the types of what they link to, the
    number of profiles, the number of subjects seen). `triples` must come sorted by subject."""
    types, seen, sample, subjects = _Types(store), set(), Graph(), 0
    for node, group in _subjects(triples):
        subjects += 1
        key = profile(group, types)
        if key in seen:
            continue
        seen.add(key)
        for t in group:
            sample.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
            if isinstance(t.object, ox.NamedNode) and t.predicate != types.rdf_type:
                for cls in types(t.object):
                    sample.add((URIRef(t.object.value), RDF.type, URIRef(cls)))
    return sample, len(seen), subjects


# ---------------------------------------------------------------------------
# After the write: the whole output


@dataclass
class OutputReport:
    """What the checks of a written build found (the per-article ones are in the build)."""

    violations: list = field(default_factory=list)  # corpus checks and the reference graph's shapes
    consistent: bool | None = None  # None: the reasoner could not run (see errors)
    owl_note: str = ""
    unreadable: list = field(default_factory=list)  # values kept from the reasoner
    suspects: list = field(default_factory=list)  # likely causes of an inconsistency
    errors: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations and self.consistent is True and not self.unreadable and not self.errors

    def lines(self) -> list[str]:
        out = [f"  - {v}" for v in self.violations]
        out += [f"  - the reasoner cannot read: {v}" for v in self.unreadable]
        out += validate.owl_lines(self.consistent, self.owl_note, self.suspects)
        out += [f"ERROR: {e}" for e in self.errors]
        return out


def owl_check(store: ox.Store, triples: Iterable, report) -> None:
    """HermiT on one node per profile of `triples` (sorted by subject); the outcome into
    `report` (an OutputReport or a validate.Report): consistent, note, the values the
    reasoner cannot read, and for an inconsistency its likely causes, explained from the
    store (the sample holds no sentence)."""
    ontology = validate._ontology()
    sample, profiles, subjects = profile_sample(store, triples)
    known = {v.key for v in report.unreadable}
    report.unreadable += [v for v in validate.unreadable_values(sample) if v.key not in known]
    readable = validate._without(sample, report.unreadable)
    report.owl_note = f" (on one node per profile: {profiles} profiles of {subjects} nodes, {len(readable)} triples)"
    try:
        report.consistent, _ = validate.check_owl(readable, ontology)
    except validate.ReasonerError as e:
        report.errors.append(e.problem)
        report.unreadable += validate._malformed_value(readable, e.problem)
    if report.consistent is False:
        report.suspects = _suspects(store, readable, ontology)


def _suspects(store: ox.Store, sample: Graph, ontology: Graph) -> list:
    """The nodes of two disjoint classes in the sample, explained by what the store says
    around them (their mentions, the facts that name them, those facts' spans)."""
    names = {v.focus for v in validate.disjointness_suspects(sample, ontology)}
    nodes = [n for n in set(sample.subjects()) | set(sample.objects()) if validate._short(n) in names]
    around = _around(store, nodes)
    for t in sample:
        around.add(t)
    return validate.disjointness_suspects(around, ontology)


def _around(store: ox.Store, nodes: list, hops: int = 3) -> Graph:
    """The triples of `nodes`, of what links to them, and onwards `hops` steps out."""
    out, todo, seen = Graph(), [ox.NamedNode(str(n)) for n in nodes if isinstance(n, URIRef)], set()
    for node in list(todo):
        todo += [q.subject for q in store.quads_for_pattern(None, None, node, None)]
    for _ in range(hops):
        nxt = []
        for node in todo:
            if node in seen:
                continue
            seen.add(node)
            for q in store.quads_for_pattern(node, None, None, None):
                out.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
                if isinstance(q.object, ox.NamedNode):
                    nxt.append(q.object)
        todo = nxt
    return out


def validate_output(nq: Path | str, ttl: Path | str, owl: bool = True) -> OutputReport:
    """The checks only the whole output can answer: the reference graph against the shapes,
    the corpus checks (queries/checks/*.rq) over graph.nq in an on-disk store, and HermiT
    on one node per profile of graph.ttl (which is sorted by subject)."""
    from . import timing

    report = OutputReport()
    with timing.stage("check corpus"):
        report.violations = article_violations(mapping.reference_quads())
        opened = on_disk(nq)
        report.violations += corpus_violations(opened.store)
    if owl:
        with timing.stage("owl"):
            owl_check(opened.store, ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE), report)
    del opened.store
    opened.directory.cleanup()
    return report
