"""The embedded store: a build's named graphs in a persistent pyoxigraph (RocksDB) store.

`load(source, store_dir)` reads a build (its graph.nq or graph.trig, or such a file
given directly) and puts each named graph into the store: one graph per article
(`graph/NAME`), the reference bodies (`graph/reference`) and the ontology
(`graph/ontology`, from ontology/governance.ttl, so queries can walk the class
hierarchy and read gov:code). Loading again *replaces* each graph the source holds: the
graph is dropped before its new quads go in, so a reloaded article is never doubled.
Graphs the source does not hold are left as they are.

The source is read as a stream and written one graph at a time: nothing holds more
than one article's quads. A file that turns out to be broken half-way stops the load
with an error naming the file and the line; the graphs before it are loaded (each one
whole), the broken one and those after it are not touched.

`open_store(store_dir, read_only=True)` opens an existing store for queries.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from . import resources
from .facts import ONTOLOGY_FILE, ONTOLOGY_GRAPH
from .write import rdf_format

DEFAULT_STORE = Path("output") / "store"
DATASET_FILES = ("graph.nq", "graph.trig")  # what `load` reads from a build directory
DATASET_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)  # formats that carry named graphs
BATCH_QUADS = 50_000  # quads per call of the bulk loader


class StoreError(ValueError):
    """A source or a store that cannot be used; the message names the file and the problem."""


@dataclass
class LoadSummary:
    """What `load` put into the store."""

    source: Path
    graphs: list[str] = field(default_factory=list)  # graph IRIs loaded, in order
    replaced: int = 0  # how many of them were already in the store (and were replaced)
    quads: int = 0
    seconds: float = 0.0

    def format(self) -> str:
        articles = sum(1 for g in self.graphs if g not in (ONTOLOGY_GRAPH.value, REFERENCE))
        return (f"loaded {self.source}: {len(self.graphs)} graphs ({articles} articles, "
                f"{self.replaced} replaced), {self.quads} quads in {self.seconds:.1f} s")


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


def load(source: Path | str, store_dir: Path | str = DEFAULT_STORE) -> LoadSummary:
    """Load a build (or its .nq/.trig file) into the store, replacing the graphs it holds.

    Graphs go in through pyoxigraph's bulk loader in batches of about BATCH_QUADS quads
    (one call per article would cost a bulk load's overhead a thousand times); a graph
    the store already holds is dropped when the source first shows it.
    """
    start = time.perf_counter()
    path = dataset_file(source)
    store = open_store(store_dir)
    summary = LoadSummary(source=path)
    seen: set[ox.NamedNode] = set()
    batch: list[ox.Quad] = []
    try:
        for graph, quads in dataset(path):
            if graph not in seen:
                seen.add(graph)
                summary.graphs.append(graph.value)
                if store.contains_named_graph(graph):
                    store.remove_graph(graph)
                    summary.replaced += 1
            batch += quads
            summary.quads += len(quads)
            if len(batch) >= BATCH_QUADS:
                store.bulk_extend(batch)
                batch = []
    finally:  # the graphs read whole before an error go in too
        store.bulk_extend(batch)
        store.flush()
        summary.seconds = time.perf_counter() - start
    return summary
