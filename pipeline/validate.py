"""Stage 6: check a written graph against the shapes and the ontology (`govkg validate`;
`govkg build` checks each article as it is built and the output with checks.py).

Three checks, all must pass:

1. SHACL with ontology/shapes.ttl: SHACL Core in pyshacl, with ontology/governance.ttl
   as the ontology graph. Mixing the ontology in lets targets and sh:class see the
   class hierarchy (a gov:Meeting is a gov:Event); no RDFS inference is run, because
   the shapes describe exactly what the mapper asserts, and domain/range inference
   would only add types that hide a wrong link instead of reporting it. The few
   SHACL-SPARQL constraints run as whole-graph queries in pyoxigraph (pyshacl would
   run one rdflib query per focus node: seconds for a dozen articles). pyshacl needs
   its graph in rdflib, in memory: a .ttl file is checked whole (fine for thousands
   of articles: 1,000 took 15 s and 0.6 GB), while a .trig/.nq file is checked in
   batches of whole article graphs (`batches`), so a corpus of any size is checked
   without ever being held in one rdflib graph.
2. OWL consistency: the ontology and the data are loaded into owlready2 and HermiT
   (Java) checks them, e.g. that no node is both a gov:Person and a gov:Organization.
   owlready2 does not read Turtle, so the graph goes through a temporary N-Triples
   file. HermiT only knows OWL 2's datatype map, which has no xsd:date or
   xsd:gMonthDay: those literals reach it as xsd:string (SHACL checks their datatype),
   and predicates the ontology does not declare reach it as annotation properties.
   HermiT sees one node per profile (checks.profile_sample: the node's types and, per
   predicate, the kinds of its values and whether it has several), with its triples
   and the types of what they link to: its input grows with the variety of the graph,
   not its size, and a subset that is inconsistent proves the whole is. A missing Java
   is an error, never a pass.
3. The checks across articles of ontology/queries/checks/*.rq (checks.py).

Every problem explains itself on one line: the article it comes from (its source
file), the focus node, the path, the value, the message of the shape and the sentence
the fact was read from. Values HermiT cannot read (a malformed URI, an ill-typed
number, a control character) are found before it runs, reported the same way, and
kept from it, so the reasoner never fails with a Java stack trace; should it fail all
the same, the report gives the exception's own message, not the trace. A graph with
no triples, or with no gov:Article, does not conform: it is not a build's graph.

`main_validate(path)` is the CLI's entry: exit 0 when both pass, 1 when not, 2 when
the file is missing or cannot be parsed (the message names the file). It can write
the SHACL results graph (Turtle, `--report FILE`) and print the report as JSON.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from . import atomic, resources
from .iris import ONTOLOGY, REFERENCE_GRAPH
from .values import is_valid_uri, unsafe_characters
from .write import PREFIXES, from_oxigraph, rdf_format, to_oxigraph

SH = Namespace("http://www.w3.org/ns/shacl#")
GOV = Namespace(ONTOLOGY)
# rdflib logs a Python traceback for every literal that is not valid for its datatype;
# this module reports those values itself, one line each.
logging.getLogger("rdflib.term").setLevel(logging.ERROR)
ONTOLOGY_FILE = ("governance.ttl",)
SHAPES_FILE = ("shapes.ttl",)

SHACL_BATCH_TRIPLES = 200_000  # triples per pyshacl run at most (whole named graphs): ~1 GB of rdflib
_REPORT_LINES = 60  # SHACL results printed in the report text at most
_SENTENCE_CHARS = 160  # characters of the source sentence quoted in a problem's line

# Datatypes of OWL 2's datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps).
_XSD_OWL2 = ("decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger "
             "long int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float "
             "string normalizedString token language Name NCName NMTOKEN boolean hexBinary "
             "base64Binary anyURI dateTime dateTimeStamp").split()
OWL2_DATATYPES = frozenset([XSD[d] for d in _XSD_OWL2] + [
    RDF.PlainLiteral, RDF.XMLLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational])
_DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
_BUILTIN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
            "http://www.w3.org/2002/07/owl#")


class InputError(Exception):
    """The graph file is missing or cannot be parsed; the message names the file."""


@dataclass
class Violation:
    """One problem (a SHACL result, a value the reasoner cannot read, a node of two
    disjoint classes), with what a person needs to find it in the articles."""

    focus: str
    path: str | None
    value: str | None
    message: str
    severity: str
    article: str | None = None  # the source file of the article the focus node comes from
    sentence: str | None = None  # the text of the span that states it
    result: tuple = ()  # the SHACL result as triples (for --report); empty for OWL problems

    def __str__(self) -> str:
        article = f"[{self.article}] " if self.article else ""
        where = f" {self.path}" if self.path else ""
        value = f" (value: {_one_line(self.value)})" if self.value is not None else ""
        sentence = f' | sentence: "{_one_line(self.sentence, _SENTENCE_CHARS)}"' if self.sentence else ""
        return f"{article}{self.focus}{where}: {self.message}{value}{sentence}"

    def as_dict(self) -> dict:
        return {"article": self.article, "focus": self.focus, "path": self.path, "value": self.value,
                "message": self.message, "severity": self.severity, "sentence": self.sentence}

    @property
    def key(self) -> tuple:
        return (self.focus, self.path or "", self.message, self.value or "")


def owl_lines(consistent: bool | None, note: str, suspects: list) -> list[str]:
    """The reasoner's verdict as a report prints it, with the likely causes of an inconsistency."""
    if consistent is True:
        return [f"OWL (HermiT): consistent{note}"]
    if consistent is False:
        return [f"OWL (HermiT): INCONSISTENT{note}"] + [f"  - likely cause: {s}" for s in suspects]
    return []


def _one_line(text: str | None, limit: int = 200) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass
class Report:
    """The outcome of `validate`: `conforms` is SHACL-valid *and* OWL-consistent, no errors."""

    path: Path
    triples: int = 0  # triples checked by SHACL (the reference graph counts once per batch)
    batches: int = 1
    shacl_conforms: bool = False
    violations: list[Violation] = field(default_factory=list)
    consistent: bool | None = None  # None: the OWL check could not run (see errors)
    owl_note: str = ""
    unreadable: list[Violation] = field(default_factory=list)  # values kept from the reasoner
    suspects: list[Violation] = field(default_factory=list)  # likely causes of an inconsistency
    errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    articles: int = 0  # gov:Article nodes seen
    checks: list[Violation] = field(default_factory=list)  # of the queries across articles (checks.py)

    @property
    def conforms(self) -> bool:
        return (self.shacl_conforms and self.consistent is True and not self.errors and not self.unreadable
                and not self.checks)

    def as_dict(self) -> dict:
        """The report for machines (`govkg validate --json`)."""
        return {
            "graph": str(self.path), "conforms": self.conforms, "triples": self.triples,
            "batches": self.batches, "articles": self.articles,
            "shacl": {"conforms": self.shacl_conforms, "violations": [v.as_dict() for v in self.violations]},
            "owl": {"consistent": self.consistent, "note": self.owl_note.lstrip("; "),
                    "unreadable_values": [v.as_dict() for v in self.unreadable],
                    "likely_causes": [v.as_dict() for v in self.suspects]},
            "checks": [v.as_dict() for v in self.checks],
            "errors": list(self.errors),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }

    def results_graph(self) -> Graph:
        """The SHACL validation report (sh:ValidationReport) of every batch, as one graph."""
        g = Graph()
        g.bind("sh", SH)
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.shacl_conforms)))
        for v in self.violations:
            for t in v.result:
                g.add(t)
            node = next((s for s, p, o in v.result if p == RDF.type and o == SH.ValidationResult), None)
            if node is not None:
                g.add((report, SH.result, node))
        return g

    @property
    def text(self) -> str:
        lines = [f"{self.path}: {self.triples} triples" + (f" in {self.batches} batches" if self.batches > 1 else "")]
        if self.shacl_conforms:
            lines.append(f"SHACL: conforms ({self.seconds.get('shacl', 0):.1f} s)")
        else:
            lines.append(f"SHACL: {len(self.violations)} violation(s) ({self.seconds.get('shacl', 0):.1f} s)")
            lines += [f"  - {v}" for v in self.violations[:_REPORT_LINES]]
            if len(self.violations) > _REPORT_LINES:
                lines.append(f"  ... and {len(self.violations) - _REPORT_LINES} more")
        if self.checks:
            lines.append(f"across articles: {len(self.checks)} problem(s)")
            lines += [f"  - {v}" for v in self.checks[:_REPORT_LINES]]
        if self.unreadable:
            lines.append(f"OWL: {len(self.unreadable)} value(s) the reasoner cannot read (left out of its check)")
            lines += [f"  - {v}" for v in self.unreadable[:_REPORT_LINES]]
        lines += owl_lines(self.consistent, f" ({self.seconds.get('owl', 0):.1f} s){self.owl_note}", self.suspects)
        lines += [f"ERROR: {e}" for e in self.errors]
        lines.append("result: " + ("OK" if self.conforms else "FAILED"))
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# Reading


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    """The ontology, parsed once per process (read only)."""
    return Graph().parse(resources.data_path(*ONTOLOGY_FILE), format="turtle")


def _shapes() -> Graph:
    return Graph().parse(resources.data_path(*SHAPES_FILE), format="turtle")


def read_graph(path: Path | str) -> Graph:
    """The union of all graphs in a .ttl/.trig/.nq/.nt file as one rdflib Graph.

    Parsed by pyoxigraph (strict, fast) and copied into rdflib for pyshacl.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        fmt = rdf_format(path)
        quads = ox.parse(path=str(path), format=fmt)
        graph = Graph()
        for q in quads:
            graph.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    except (ValueError, SyntaxError, OSError) as e:
        raise InputError(f"{path}: cannot parse: {e}") from e
    return graph


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, Literal):
        if term.datatype is not None:
            return Literal(str(term)).n3() + "^^" + _short(term.datatype)
        return term.n3()
    return str(term)


# ---------------------------------------------------------------------------
# Where a problem comes from: the article and the sentence


def _article_of(data: Graph, node) -> URIRef | None:
    """The article a node is stated in: itself, its gov:statedIn / gov:inArticle, or for
    a person, body or post, the first article that names it (by its mentions)."""
    if (node, RDF.type, GOV.Article) in data:
        return node
    for p in (GOV.statedIn, GOV.inArticle):
        found = data.value(node, p)
        if found is not None:
            return found
    for p in (GOV.mentionOf, GOV.post, GOV.holder, GOV.issuer, GOV.speaker, GOV.chair, GOV.participant):
        for fact in sorted(data.subjects(p, node), key=str):
            found = data.value(fact, GOV.statedIn)
            if found is not None:
                return found
    return None


def _sentence_of(data: Graph, node) -> str | None:
    """The text of a node's first evidence span (its own text, for a span; its first
    mention's evidence, for a person or body)."""
    own = data.value(node, GOV.spanText)
    if own is not None:
        return str(own)
    spans = list(data.objects(node, GOV.evidence))
    if not spans:
        for mention in sorted(data.subjects(GOV.mentionOf, node), key=str):
            spans += list(data.objects(mention, GOV.evidence))
    texts = []
    for span in spans:
        text = data.value(span, GOV.spanText)
        if text is not None:
            start = data.value(span, GOV.start)
            texts.append((int(start) if isinstance(start, Literal) and str(start).isdigit() else 0, str(text)))
    return min(texts)[1] if texts else None


def explain(data: Graph, node) -> tuple[str | None, str | None]:
    """(the article's source file, or its IRI; the sentence) for a focus node."""
    article = _article_of(data, node) if node is not None else None
    label = None
    if article is not None:
        source = data.value(article, GOV.sourceFile)
        label = str(source) if source is not None else _short(article)
    return label, _sentence_of(data, node) if node is not None else None


def _explained(data: Graph, node, **fields) -> Violation:
    article, sentence = explain(data, node)
    return Violation(focus=_short(node), article=article, sentence=sentence, **fields)


def _cbd(graph: Graph, node) -> tuple:
    """The triples about `node` and the blank nodes it leads to (a SHACL result node)."""
    out, todo, seen = [], [node], set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        for t in graph.triples((n, None, None)):
            out.append(t)
            if isinstance(t[2], BNode):
                todo.append(t[2])
    return tuple(out)


# ---------------------------------------------------------------------------
# SHACL

_IRI_IN_TEXT = re.compile(r"<?(https?://[^\s<>\"{}|^`]+?)>?(?=[\s,;)]|$)")


def _shorten_iris(text: str) -> str:
    """Full IRIs that pyshacl writes into messages, as prefixed names."""
    return _IRI_IN_TEXT.sub(lambda m: _short(URIRef(m.group(1))), text)



def check_shacl(data: Graph, ontology: Graph | None = None) -> tuple[bool, list[Violation]]:
    """The project's shapes on `data`; results sorted, each with its readable message.

    SHACL Core runs in pyshacl. The SHACL-SPARQL constraints (sh:sparql) run here, once
    over the whole graph in pyoxigraph, instead of pyshacl's one rdflib query per focus
    node, which costs seconds on a few thousand spans (see `check_sparql_constraints`).
    """
    import pyshacl

    ontology = ontology if ontology is not None else _ontology()
    shapes = _shapes()
    core = Graph()
    for t in shapes:
        if t[1] != SH.sparql:
            core.add(t)
    conforms, results, _ = pyshacl.validate(data, shacl_graph=core, ont_graph=ontology,
                                            inference="none", abort_on_first=False, allow_warnings=False)
    violations = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        messages = sorted(_shorten_iris(str(m)) for m in results.objects(r, SH.resultMessage))
        violations.append(_explained(
            data, results.value(r, SH.focusNode),
            path=_path(results, path) if path is not None else None,
            value=_short(value) if value is not None else None,
            message=" / ".join(messages) or "(no message)",
            severity=_short(results.value(r, SH.resultSeverity)).replace("sh:", "").split("#")[-1].rstrip(">"),
            result=_cbd(results, r)))
    violations += check_sparql_constraints(data, shapes, ontology)
    # Two constraints of one property shape (datatype and language) can fail on one value
    # with the same message: report it once.
    unique = {v.key: v for v in violations}
    return bool(conforms) and not violations, [unique[k] for k in sorted(unique)]


def check_sparql_constraints(data: Graph, shapes: Graph, ontology: Graph) -> list[Violation]:
    """Each sh:SPARQLConstraint of a node shape, as one query over the whole graph
    (see `sparql_constraints`), with the ontology beside the data for the targets."""
    store = ox.Store()
    for graph in (data, ontology):
        store.extend(ox.Quad(*(to_oxigraph(t) for t in triple)) for triple in graph)
    return [_explained(data, focus, path=None, value=value, message=message, severity="Violation",
                       result=_sparql_result(focus, raw, message, shape))
            for focus, value, message, shape, raw in run_sparql_constraints(store, sparql_constraints(shapes))]


@dataclass(frozen=True)
class SparqlConstraint:
    """A SHACL-SPARQL constraint of a node shape, ready to run as one query."""

    shape: URIRef
    query: str  # the sh:select, prefixes declared, $this as ?this
    targets: tuple  # the node shape's sh:targetClass
    template: str  # the constraint's message, with {?var} placeholders
    heading: str | None  # the node shape's own message


def sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
    """The sh:sparql constraints of the shapes graph, read once.

    `$this` becomes a variable and the rows are kept for focus nodes of the shape's
    targets (sh:targetClass, subclasses included), which is the SHACL pre-binding
    semantics for queries where `$this` is a triple's subject, as in shapes.ttl.
    """
    found = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=str):
        prefixes = "".join(
            f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
            for decl in shapes.objects(constraint, SH.prefixes) for d in shapes.objects(decl, SH.declare))
        heading = shapes.value(shape, SH.message)
        found.append(SparqlConstraint(
            shape=shape, query=prefixes + str(shapes.value(constraint, SH.select)).replace("$this", "?this"),
            targets=tuple(sorted(shapes.objects(shape, SH.targetClass), key=str)),
            template=str(shapes.value(constraint, SH.message)), heading=str(heading) if heading else None))
    return found


def run_sparql_constraints(store: ox.Store, constraints: list[SparqlConstraint]) -> list[tuple]:
    """(focus, value as text, message, shape, value term) per row of each constraint whose
    focus is a target of its shape; the store holds the data and rdfs:subClassOf.
    Messages get their {?var} and {$this} placeholders filled in; the node shape's
    own message is the heading."""
    found = []
    for c in constraints:
        targets = set()
        for cls in c.targets:
            targets |= {r["x"] for r in store.query(f"SELECT ?x WHERE {{ ?x a/<{RDFS.subClassOf}>* <{cls}> }}")}
        if not targets:
            continue
        solutions = store.query(c.query)
        names = {v.value for v in solutions.variables}
        for row in solutions:
            if row["this"] not in targets:
                continue
            bound = {n: row[n].value if isinstance(row[n], ox.Literal) else _short(from_oxigraph(row[n]))
                     for n in names if row[n] is not None}
            message = re.sub(r"\{[?$](\w+)\}", lambda m: bound.get(m.group(1), m.group(0)), c.template)
            message = f"{c.heading}: {message}" if c.heading else message
            raw = from_oxigraph(row["value"]) if "value" in names and row["value"] is not None else None
            found.append((from_oxigraph(row["this"]), bound.get("value"), message, c.shape, raw))
    return found


def _sparql_result(focus, value, message: str, shape) -> tuple:
    """A SHACL result (as pyshacl would write it) for a SHACL-SPARQL violation found here."""
    r = BNode()
    triples = [(r, RDF.type, SH.ValidationResult), (r, SH.focusNode, focus),
               (r, SH.resultMessage, Literal(message)), (r, SH.resultSeverity, SH.Violation),
               (r, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent), (r, SH.sourceShape, shape)]
    if value is not None:
        triples.append((r, SH.value, value))
    return tuple(triples)


def _path(g: Graph, path) -> str:
    """A SHACL property path in SPARQL syntax: gov:p, ^gov:p, (a|b), a/b."""
    if isinstance(path, URIRef):
        return _short(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(g, inverse)
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(g, p) for p in g.items(alternatives)) + ")"
    if (path, RDF.first, None) in g:
        return "/".join(_path(g, p) for p in g.items(path))
    return "(path)"


# ---------------------------------------------------------------------------
# OWL


def find_java() -> str | None:
    """`java` on PATH, else $JAVA_HOME/bin/java; None when neither exists."""
    found = shutil.which("java")
    if found:
        return found
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return None


def owl_projection(data: Graph, ontology: Graph) -> Graph:
    """Ontology + data as HermiT can read them: literals of datatypes outside OWL 2's map
    become xsd:string, undeclared predicates become annotation properties."""
    out = Graph()
    declared = {s for s, o in ontology.subject_objects(RDF.type) if o in _DECLARATIONS}
    for graph in (ontology, data):
        for s, p, o in graph:
            if isinstance(o, Literal) and o.datatype is not None and o.datatype not in OWL2_DATATYPES:
                o = Literal(str(o), datatype=XSD.string)
            out.add((s, p, o))
    for p in set(data.predicates()):
        if p not in declared and not str(p).startswith(_BUILTIN):
            out.add((p, RDF.type, OWL.AnnotationProperty))
    return out


def unreadable_values(data: Graph) -> list[Violation]:
    """Literals HermiT would stop on (a MalformedLiteralException and a stack trace):
    characters XML and the reasoner refuse, an xsd:anyURI that is no URI, a value not
    valid for its OWL 2 datatype ("abc"^^xsd:integer). Each is explained."""
    found = []
    for s, p, o in data:
        if not isinstance(o, Literal):
            continue
        text = str(o)
        bad = unsafe_characters(text)
        if bad:
            problem = f"holds characters RDF tools and the reasoner refuse ({', '.join(bad)})"
        elif o.datatype == XSD.anyURI and not is_valid_uri(text):
            problem = "is not a valid URI (RFC 3986): percent-encode spaces and other characters"
        elif o.datatype in OWL2_DATATYPES and o.ill_typed:
            problem = f"is not a valid {_short(o.datatype)}"
        else:
            continue
        found.append(_explained(data, s, path=_short(p), value=_short(o), severity="Violation",
                                message=f"the reasoner cannot read this value: it {problem}"))
    return sorted(found, key=lambda v: v.key)


def _without(data: Graph, problems: list[Violation]) -> Graph:
    """`data` without the triples of the unreadable values (so the reasoner checks the rest)."""
    if not problems:
        return data
    bad = {(v.focus, v.path, v.value) for v in problems}
    kept = Graph()
    for t in data:
        if isinstance(t[2], Literal) and (_short(t[0]), _short(t[1]), _short(t[2])) in bad:
            continue
        kept.add(t)
    return kept


_JAVA_EXCEPTION = re.compile(r"(?:Exception in thread \"[^\"]*\" )?(?:[\w$]+\.)*([\w$]*(?:Exception|Error)): (.*)")
_MALFORMED = re.compile(r'Literal "(.*)"(?:\^\^<[^>]*>)? is malformed')


def java_problem(message: str) -> str:
    """The exception and its message from a Java error output, without the stack trace."""
    for line in message.splitlines():
        m = _JAVA_EXCEPTION.search(line.strip())
        if m:
            return f"{m.group(1)}: {m.group(2)}"
    lines = [l.strip() for l in message.splitlines() if l.strip() and not l.strip().startswith("at ")]
    return lines[0] if lines else "no message"


class ReasonerError(RuntimeError):
    """The reasoner could not run or failed; `problem` is its one-line reason."""

    def __init__(self, problem: str):
        self.problem = problem
        super().__init__(problem)


def check_owl(data: Graph, ontology: Graph | None = None) -> tuple[bool, str]:
    """(consistent, note) from HermiT via owlready2, on all of `data` (give it a sample:
    checks.profile_sample). Raises RuntimeError when Java is missing or the reasoner
    fails for another reason than inconsistency."""
    import owlready2

    java = find_java()
    if java is None:
        raise ReasonerError("cannot run the OWL reasoner: Java not found (put java on PATH or set JAVA_HOME)")
    owlready2.JAVA_EXE = java
    ontology = ontology if ontology is not None else _ontology()
    sample, note = data, ""
    with tempfile.TemporaryDirectory(prefix="govkg-owl-") as tmp:
        nt = Path(tmp) / "graph.nt"
        owl_projection(sample, ontology).serialize(nt, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(nt.as_uri()).load(format="ntriples")
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False, note
        except owlready2.OwlReadyJavaError as e:
            raise ReasonerError(f"the OWL reasoner failed: {java_problem(str(e))}") from None
        finally:
            world.close()
    return True, note


def _malformed_value(data: Graph, problem: str) -> list[Violation]:
    """The literal a MalformedLiteralException names, found in the data and explained."""
    m = _MALFORMED.search(problem)
    if not m:
        return []
    lexical = m.group(1).rsplit("@", 1)[0] if "PlainLiteral" in problem else m.group(1)
    return [_explained(data, s, path=_short(p), value=_short(o), severity="Violation",
                       message=f"the reasoner cannot read this value ({problem})")
            for s, p, o in data if isinstance(o, Literal) and str(o) == lexical][:10]


def disjointness_suspects(data: Graph, ontology: Graph | None = None, limit: int = 10) -> list[Violation]:
    """Nodes whose types (asserted, or implied by a property's domain or range) fall in
    two disjoint classes: the usual cause of an inconsistency, named for the report."""
    ont = ontology if ontology is not None else _ontology()
    disjoint: set[frozenset] = {frozenset((a, b)) for a, b in ont.subject_objects(OWL.disjointWith)}
    for node in ont.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(ont.items(ont.value(node, OWL.members)))
        disjoint |= {frozenset((a, b)) for a in members for b in members if a != b}
    supers = lambda c: set(ont.transitive_objects(c, RDFS.subClassOf))
    types: dict = {}
    for s, o in data.subject_objects(RDF.type):
        types.setdefault(s, set()).update(supers(o))
    for p, d in ont.subject_objects(RDFS.domain):
        if isinstance(d, URIRef):
            for s in data.subjects(p, None):
                types.setdefault(s, set()).update(supers(d))
    for p, r in ont.subject_objects(RDFS.range):
        if isinstance(r, URIRef) and (r, RDF.type, OWL.Class) in ont:
            for o in data.objects(None, p):
                if not isinstance(o, Literal):
                    types.setdefault(o, set()).update(supers(r))
    found = []
    for node in sorted(types, key=str):
        clash = sorted({tuple(sorted(map(_short, pair))) for pair in disjoint if pair <= types[node]})
        if clash:
            found.append(_explained(data, node, path=None, value=None, severity="Violation",
                                    message=f"is both {clash[0][0]} and {clash[0][1]}, which are disjoint"))
    return found[:limit]


# ---------------------------------------------------------------------------
# Entry points


def batches(path: Path | str, size: int | None = None) -> Iterator[Graph]:
    """The graph file as rdflib graphs small enough for pyshacl.

    A triples file (.ttl, .nt) is one graph. A quads file (.trig, .nq) goes through an
    on-disk pyoxigraph store and comes out as batches of whole named graphs (at least
    one, about `size` triples), each with the reference graph added: every article's
    graph names the types and labels of what it links to (mapping.py), so it can be
    validated on its own, and no batch ever holds the corpus.
    """
    size = size or SHACL_BATCH_TRIPLES
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        fmt = rdf_format(path)
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            yield read_graph(path)
            return
        with tempfile.TemporaryDirectory(prefix="govkg-validate-") as tmp:
            store = ox.Store(tmp)
            store.bulk_load(path=str(path), format=fmt)
            reference = ox.NamedNode(str(REFERENCE_GRAPH))
            shared = list(store.quads_for_pattern(None, None, None, reference))
            shared += list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
            graphs = sorted((g for g in store.named_graphs() if g != reference), key=str)
            batch, fresh = _graph_of(shared), True
            for g in graphs:
                for q in store.quads_for_pattern(None, None, None, g):
                    batch.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
                fresh = False
                if len(batch) >= size:
                    yield batch
                    batch, fresh = _graph_of(shared), True
            if not fresh or not graphs:
                yield batch
    except (ValueError, SyntaxError, OSError) as e:
        raise InputError(f"{path}: cannot parse: {e}") from e


def _graph_of(quads) -> Graph:
    g = Graph()
    for q in quads:
        g.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    return g


def validate(graph_path: Path | str) -> Report:
    """SHACL and OWL checks of one graph file (see the module docstring).

    SHACL and the search for values the reasoner cannot read see every triple, batch by
    batch (see `batches`); the checks across articles (queries/checks/*.rq) run over the
    file in an on-disk store, and HermiT sees one node per profile without those values
    (`owl_on_profiles`). A graph without triples or without an article does not conform.
    Raises InputError when the file is missing or unparseable.
    """
    report = Report(path=Path(graph_path))
    ontology = _ontology()
    found: dict[tuple, Violation] = {}
    unreadable: dict[tuple, Violation] = {}
    report.shacl_conforms = True
    n_batches = 0
    t = time.perf_counter()
    for batch in batches(graph_path):
        n_batches += 1
        report.triples += len(batch)
        report.articles += sum(1 for _ in batch.subjects(RDF.type, GOV.Article))
        conforms, violations = check_shacl(batch, ontology)
        report.shacl_conforms &= conforms
        found.update({v.key: v for v in violations})
        unreadable.update({v.key: v for v in unreadable_values(batch)})
    report.violations = [found[k] for k in sorted(found)]
    report.unreadable = [unreadable[k] for k in sorted(unreadable)]
    report.batches = n_batches
    report.seconds["shacl"] = time.perf_counter() - t
    if report.triples == 0:
        report.errors.append(f"{report.path}: the graph is empty (no triples): nothing was built into it")
    elif report.articles == 0:
        report.errors.append(f"{report.path}: the graph holds no article (gov:Article): it is not a graph "
                             "built by govkg, or its build wrote no article")
    t = time.perf_counter()
    owl_on_profiles(graph_path, report)
    report.seconds["owl"] = time.perf_counter() - t
    return report


def owl_on_profiles(graph_path: Path | str, report: Report) -> None:
    """The checks across articles, and HermiT on one node per profile (checks.owl_check),
    into `report`. A node's profile is made of its triples that follow one another in
    the file: all of them in a graph.ttl, which is sorted by subject; those of one
    article in a .nq/.trig."""
    from . import checks

    opened = checks.on_disk(graph_path)
    try:
        report.checks = checks.corpus_violations(opened.store)
        checks.owl_check(opened.store, ox.parse(path=str(graph_path), format=rdf_format(graph_path)), report)
    finally:
        del opened.store
        opened.directory.cleanup()


def main_validate(path: Path | str, report_file: Path | str | None = None, as_json: bool = False) -> int:
    """Validate and print the report: 0 conforms and consistent, 1 not, 2 input error.

    `report_file` receives the SHACL results graph (Turtle); `as_json` prints the report
    as JSON (`Report.as_dict`) instead of text.
    """
    try:
        report = validate(path)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if report_file is not None:
        try:
            atomic.write_text(report_file, report.results_graph().serialize(format="turtle"))
        except OSError as e:
            print(f"error: {report_file}: cannot write the report: {e.strerror or e}", file=sys.stderr)
            return 2
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print(report.text)
    return 0 if report.conforms else 1
