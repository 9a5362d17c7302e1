"""Stage 7: write the graph of a build as sorted, diff-friendly files.

`write_graph(out_dir, quad_lists)` takes a stream of per-article quad lists (see
`mapping.corpus_quads`) and writes

- `graph.ttl`  the union of all named graphs as one default graph (Turtle),
- `graph.trig` one named graph per article, plus the reference bodies (TriG),
- `graph.nq`   the same quads as N-Quads, one per line (optional).

All three are sorted (by graph, then subject, `rdf:type` first, then predicate and
object), so the same input always gives the same bytes and a diff between two builds
shows only real changes. Each file is written under a temporary name beside it and
renamed into place only when all three are complete (atomic.py): a build that dies
keeps the previous files whole. Nothing holds the corpus in memory: quads are appended to
temporary record files article by article, sorted by an external merge sort, and the
sorted stream is fed to pyoxigraph's streaming Turtle/TriG serializer, which declares
the prefixes below and groups a subject's triples with ';' and ','.
"""
from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from . import atomic
from .iris import BASE, ONTOLOGY

PREFIXES = {
    "gov": ONTOLOGY,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "body": BASE + "body/",
    "person": BASE + "person/",
    "organization": BASE + "org/",
    "post": BASE + "post/",
    "article": BASE + "article/",
    "graph": BASE + "graph/",
    "span": BASE + "span/",
    "mention": BASE + "mention/",
    "holding": BASE + "holding/",
    "event": BASE + "event/",
    "directive": BASE + "directive/",
    "quote": BASE + "quote/",
}

# The RDF syntax of each file suffix this package reads or writes.
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
           ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES}

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_CHUNK_LINES = 500_000  # records sorted in memory at a time


@dataclass
class GraphFiles:
    """What `write_graph` wrote."""

    ttl: Path
    trig: Path
    nq: Path | None
    quad_lists: int  # how many lists (articles, plus the reference graph) went in
    quads: int  # distinct quads
    triples: int  # distinct triples of the union graph


def to_oxigraph(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_oxigraph(term) -> URIRef | BNode | Literal:
    """A pyoxigraph term as the equal rdflib term (a simple literal is an xsd:string, RDF 1.1)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _records(quads: list[tuple]) -> Iterator[tuple[str, str]]:
    """(quad record, triple record) per quad: tab-separated N-Triples terms whose plain
    string order is the file order. N-Triples escapes tabs and newlines inside terms,
    so a tab only ever separates fields."""
    for s, p, o, g in quads:
        s, p, o = str(to_oxigraph(s)), str(to_oxigraph(p)), str(to_oxigraph(o))
        g = "" if g is None else str(to_oxigraph(g))
        pkey = ("0" if p == _RDF_TYPE else "1") + p
        yield f"{g}\t{s}\t{pkey}\t{o}\n", f"{s}\t{pkey}\t{o}\n"


def _sorted_unique(path: Path, workdir: Path) -> Iterator[str]:
    """The distinct lines of a file in code-point order: sorted chunks, then a k-way merge."""
    chunks: list[Path] = []
    with path.open(encoding="utf-8") as fh:
        while lines := list(itertools.islice(fh, _CHUNK_LINES)):
            lines.sort()
            chunk = workdir / f"{path.stem}.{len(chunks)}"
            chunk.write_text("".join(lines), encoding="utf-8")
            chunks.append(chunk)
    handles = [c.open(encoding="utf-8") for c in chunks]
    try:
        previous = None
        for line in heapq.merge(*handles):
            if line != previous:
                yield line
                previous = line
    finally:
        for h in handles:
            h.close()


def _unkey(pkey: str) -> str:
    return pkey[1:]


def _serialize(stream, path: Path, fmt: ox.RdfFormat, workdir: Path) -> None:
    """pyoxigraph's streaming serializer, with the @prefix lines put in sorted order
    (it writes them in its own hash order, which may change between versions)."""
    raw = workdir / f"raw{path.suffix}"
    ox.serialize(stream, str(raw), fmt, prefixes=PREFIXES)
    with raw.open(encoding="utf-8") as src, atomic.open_staged(path) as dst:
        header: list[str] = []
        for line in src:
            if line.startswith("@prefix ") and header is not None:
                header.append(line)
                continue
            if header is not None:
                dst.writelines(sorted(header))
                header = None
            dst.write(line)
        if header:
            dst.writelines(sorted(header))


def _write_records(quad_lists: Iterable[list[tuple]], quad_file: Path, triple_file: Path) -> int:
    """Append every quad (and its triple) as a sortable record; the number of lists read."""
    count = 0
    with quad_file.open("w", encoding="utf-8") as qf, triple_file.open("w", encoding="utf-8") as tf:
        for quads in quad_lists:
            count += 1
            for quad_record, triple_record in _records(quads):
                qf.write(quad_record)
                tf.write(triple_record)
    return count


def _write_nquads(quad_file: Path, path: Path, work: Path) -> int:
    n = 0
    with atomic.open_staged(path) as fh:
        for record in _sorted_unique(quad_file, work):
            g, s, pkey, o = record.rstrip("\n").split("\t")
            fh.write(f"{s} {_unkey(pkey)} {o} {g} .\n" if g else f"{s} {_unkey(pkey)} {o} .\n")
            n += 1
    return n


def _write_union(triple_file: Path, path: Path, work: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for record in _sorted_unique(triple_file, work):
            s, pkey, o = record.rstrip("\n").split("\t")
            fh.write(f"{s} {_unkey(pkey)} {o} .\n")
            n += 1
    return n


def write_graph(out_dir: Path | str, quad_lists: Iterable[list[tuple]], *, nquads: bool = True) -> GraphFiles:
    """Write graph.ttl, graph.trig (and graph.nq) for a stream of per-article quad lists.

    Nothing in `out_dir` changes until all three files are complete: they are written
    beside the targets under temporary names and renamed together at the end (see
    atomic.py), so an exception from the stream (or a full disk, or a kill) keeps the
    previous build whole. Debris of a killed earlier run is removed first.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    atomic.remove_stale(out)
    ttl, trig, nq = out / "graph.ttl", out / "graph.trig", out / "graph.nq"
    with atomic.work_dir(out) as work:
        quad_file, triple_file = work / "quads", work / "triples"
        count = _write_records(quad_lists, quad_file, triple_file)
        with atomic.replace_together([ttl, trig] + ([nq] if nquads else [])) as staged:
            ttl_tmp, trig_tmp = staged[0], staged[1]
            nq_tmp = staged[2] if nquads else work / "graph.nq"
            n_quads = _write_nquads(quad_file, nq_tmp, work)
            union = work / "union.nt"
            n_triples = _write_union(triple_file, union, work)
            _serialize(ox.parse(path=str(nq_tmp), format=ox.RdfFormat.N_QUADS), trig_tmp, ox.RdfFormat.TRIG, work)
            _serialize(ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES), ttl_tmp, ox.RdfFormat.TURTLE, work)
    return GraphFiles(ttl=ttl, trig=trig, nq=nq if nquads else None,
                      quad_lists=count, quads=n_quads, triples=n_triples)


def rdf_format(path: Path | str) -> ox.RdfFormat:
    """The RDF syntax of a graph file, from its suffix; ValueError names the file otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: unknown RDF file type {suffix!r} (expected one of {', '.join(FORMATS)})")
    return FORMATS[suffix]
