"""The embedded store: a build's named graphs in a persistent pyoxigraph (RocksDB) store.

`load(source, store_dir)` reads a build (its graph.nq or graph.trig, or such a file
given directly) and puts each named graph into the store: one graph per article
(`graph/NAME`), the reference bodies (`graph/reference`) and the ontology
(`graph/ontology`, from ontology/governance.ttl, so queries can walk the class
hierarchy and read gov:code).

Loading again follows the build: the store remembers a digest of each graph it holds
and the build it came from (`STORE/govkg-graphs.json`, see `GraphRecords`). A graph
whose content is the same is left alone, one that changed is dropped before its new
quads go in (so a reloaded article is never doubled), and the graphs of articles the
same build no longer holds are removed. Graphs of other builds or files are left as
they are. The summary says how many graphs were unchanged, replaced, added and removed.

The source is read as a stream and written one graph at a time: nothing holds more
than one article's quads. A file that turns out to be broken half-way stops the load
with an error naming the file and the line; the graphs before it are loaded (each one
whole), the broken one and those after it are not touched, and nothing is removed.

`open_store(store_dir, read_only=True)` opens an existing store for queries.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from . import atomic, resources
from .facts import ONTOLOGY_FILE, ONTOLOGY_GRAPH
from .write import rdf_format

DEFAULT_STORE = Path("output") / "store"
DATASET_FILES = ("graph.nq", "graph.trig")  # what `load` reads from a build directory
DATASET_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)  # formats that carry named graphs
BATCH_QUADS = 50_000  # quads per call of the bulk loader
RECORDS_FILE = "govkg-graphs.json"  # in the store folder: each graph's digest and build


class StoreError(ValueError):
    """A source or a store that cannot be used; the message names the file and the problem."""


@dataclass
class LoadSummary:
    """What `load` did to the store."""

    source: Path
    graphs: list[str] = field(default_factory=list)  # graph IRIs of the source, in order
    unchanged: int = 0  # of them, already in the store with the same content: left alone
    replaced: int = 0  # already in the store with other content: replaced
    added: int = 0  # new to the store
    removed: list[str] = field(default_factory=list)  # graphs of this build it no longer holds
    quads: int = 0  # quads of the source
    written: int = 0  # quads put into the store
    seconds: float = 0.0

    def format(self) -> str:
        articles = sum(1 for g in self.graphs if g not in (ONTOLOGY_GRAPH.value, REFERENCE))
        return (f"loaded {self.source}: {len(self.graphs)} graphs ({articles} articles): "
                f"{self.unchanged} unchanged, {self.replaced} replaced, {self.added} added, "
                f"{len(self.removed)} removed; {self.written} of {self.quads} quads written "
                f"in {self.seconds:.1f} s")


REFERENCE = "https://w3id.org/govkg/graph/reference"


def dataset_file(source: Path | str) -> Path:
    """The file of a build that holds its named graphs: `source` itself when it is a
    .nq/.trig file, else graph.nq (or graph.trig) in the build directory `source`."""
    path = Path(source)
    if path.is_dir():
        for name in DATASET_FILES:
            if (path / name).is_file():
                return path / name
        raise StoreError(f"{path}: no {' or '.join(DATASET_FILES)} here (build it with `govkg build`)")
    if not path.is_file():
        raise StoreError(f"{path}: no such file or directory")
    try:
        fmt = rdf_format(path)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    if fmt not in DATASET_FORMATS:
        raise StoreError(f"{path}: holds no named graphs (one per article); give graph.nq or graph.trig")
    return path


def named_graphs(path: Path) -> Iterator[tuple[ox.NamedNode, list[ox.Quad]]]:
    """(graph, its quads) for each run of quads of one graph in a .nq/.trig file, streamed.

    A build writes each graph's quads together; a file from elsewhere may split a graph
    into several runs, which `load` handles. Raises StoreError on a syntax error or a
    triple outside any named graph.
    """
    quads = ox.parse(path=str(path), format=rdf_format(path))
    try:
        for graph, run in itertools.groupby(quads, key=lambda q: q.graph_name):
            if not isinstance(graph, ox.NamedNode):
                raise StoreError(f"{path}: a triple outside any named graph ({next(run)}); "
                                 "every triple must be in its article's graph")
            yield graph, list(run)
    except SyntaxError as exc:
        raise StoreError(f"{path}: cannot parse: {exc}") from None


def ontology_quads() -> list[ox.Quad]:
    """The ontology (ontology/governance.ttl) as quads of the ontology graph."""
    path = resources.data_path(*ONTOLOGY_FILE)
    triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    return [ox.Quad(q.subject, q.predicate, q.object, ONTOLOGY_GRAPH) for q in triples]


def dataset(path: Path) -> Iterator[tuple[ox.NamedNode, list[ox.Quad]]]:
    """What a load sends anywhere: the ontology graph, then the source's named graphs."""
    yield ONTOLOGY_GRAPH, ontology_quads()
    yield from named_graphs(path)


def open_store(store_dir: Path | str, *, read_only: bool = False) -> ox.Store:
    """The store in `store_dir`: created when missing (unless read-only), StoreError when
    it cannot be opened (not a store, or held by another process)."""
    path = Path(store_dir)
    if read_only and not path.is_dir():
        raise StoreError(f"{path}: no store here (fill one with `govkg load`)")
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: exists and is not a directory")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        hint = " (is another govkg command using it?)" if "lock" in str(exc).lower() else ""
        raise StoreError(f"{path}: cannot open the store: {exc}{hint}") from None


def graph_digest(runs: list[str]) -> str:
    """The digest of a graph from the digests of its runs in the source (one, from a build)."""
    return hashlib.sha256("\n".join(runs).encode()).hexdigest()


def _has_blank_node(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def run_digest(quads: list[ox.Quad]) -> str:
    """A digest of a run of quads that does not depend on their order, the file's syntax
    or the labels a parser gave its blank nodes (the ontology has some; they are
    canonicalized first)."""
    if any(map(_has_blank_node, quads)):
        dataset = ox.Dataset(quads)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        quads = list(dataset)
    return hashlib.sha256("\n".join(sorted(map(str, quads))).encode()).hexdigest()


def build_of(path: Path) -> str:
    """What names a build in the records: its folder for graph.nq/graph.trig, else the file."""
    path = path.resolve()
    return str(path.parent if path.name in DATASET_FILES else path)


class GraphRecords:
    """What the store holds, as `load` left it: per graph IRI its digest and the build it
    came from, in STORE/govkg-graphs.json. The file says "complete": false while a load
    changes the store, so the records of a load that was killed are not trusted (every
    graph is then loaded again)."""

    def __init__(self, store_dir: Path):
        self.path = Path(store_dir) / RECORDS_FILE
        self.graphs: dict[str, dict[str, str]] = self._read()
        self.changing = False

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # none yet, or unreadable: trust nothing, load every graph
            return {}
        if not isinstance(data, dict) or data.get("complete") is not True or not isinstance(data.get("graphs"), dict):
            return {}
        return data["graphs"]

    def digest(self, iri: str) -> str | None:
        return (self.graphs.get(iri) or {}).get("digest")

    def begin_change(self) -> None:
        """Mark the records untrusted before the first change to the store."""
        if not self.changing:
            self.changing = True
            self.write(complete=False)

    def write(self, complete: bool = True) -> None:
        atomic.write_text(self.path, json.dumps({"complete": complete, "graphs": self.graphs},
                                                ensure_ascii=False, indent=0, sort_keys=True))


class _Loader:
    """One load: each run of quads compared with the records, then kept, added or replaced."""

    def __init__(self, store: ox.Store, records: GraphRecords, build: str, summary: LoadSummary):
        self.store, self.records, self.build, self.summary = store, records, build, summary
        self.runs: dict[str, list[str]] = {}  # graph IRI -> digests of its runs so far
        self.kept: set[str] = set()  # graphs left alone so far
        self.batch: list[ox.Quad] = []

    def take(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        iri, first = graph.value, graph.value not in self.runs
        self.runs.setdefault(iri, []).append(run_digest(quads))
        digest = graph_digest(self.runs[iri])
        self.summary.quads += len(quads)
        if first:
            self.summary.graphs.append(iri)
            if self.records.digest(iri) == digest and self.store.contains_named_graph(graph):
                self.kept.add(iri)
                self.summary.unchanged += 1
                self.records.graphs[iri] = {"digest": digest, "build": self.build}
                return
            self._clear(graph)
        elif iri in self.kept:  # a later run of a graph kept as it was: it has more now
            self.kept.discard(iri)
            self.summary.unchanged -= 1
            self.summary.replaced += 1
            self.records.begin_change()
        self._add(quads)
        self.records.graphs[iri] = {"digest": digest, "build": self.build}

    def _clear(self, graph: ox.NamedNode) -> None:
        self.records.begin_change()
        if self.store.contains_named_graph(graph):
            self.store.remove_graph(graph)
            self.summary.replaced += 1
        else:
            self.summary.added += 1

    def _add(self, quads: list[ox.Quad]) -> None:
        self.batch += quads
        self.summary.written += len(quads)
        if len(self.batch) >= BATCH_QUADS:
            self.flush()

    def flush(self) -> None:
        self.store.bulk_extend(self.batch)
        self.batch = []

    def remove_missing(self) -> None:
        """Remove the graphs this build put in the store earlier and holds no more."""
        gone = [iri for iri, rec in self.records.graphs.items()
                if rec.get("build") == self.build and iri not in self.runs]
        for iri in gone:
            self.records.begin_change()
            if self.store.contains_named_graph(ox.NamedNode(iri)):
                self.store.remove_graph(ox.NamedNode(iri))
            del self.records.graphs[iri]
            self.summary.removed.append(iri)


def load(source: Path | str, store_dir: Path | str = DEFAULT_STORE) -> LoadSummary:
    """Load a build (or its .nq/.trig file) into the store: the graphs it holds replace
    those that changed, and those of the same build it no longer holds are removed.

    Graphs go in through pyoxigraph's bulk loader in batches of about BATCH_QUADS quads
    (one call per article would cost a bulk load's overhead a thousand times); a graph
    that changed is dropped when the source first shows it.
    """
    start = time.perf_counter()
    path = dataset_file(source)
    store = open_store(store_dir)
    summary = LoadSummary(source=path)
    records = GraphRecords(Path(store_dir))
    loader = _Loader(store, records, build_of(path), summary)
    try:
        for graph, quads in dataset(path):
            loader.take(graph, quads)
        loader.remove_missing()
    finally:  # the graphs read whole before an error go in too
        loader.flush()
        store.flush()
        records.write()
        summary.seconds = time.perf_counter() - start
    return summary
