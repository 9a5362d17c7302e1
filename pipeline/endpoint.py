"""SPARQL queries for `govkg serve`: run in worker processes, with a timeout and a result limit.

pyoxigraph cannot stop a query once started, so queries run in worker processes, each
with the store opened read-only (RocksDB allows many readers). A query that outlives
the timeout has its worker killed and replaced, and the client gets 503; the other
workers go on. A query waits for a free worker in a bounded queue: when `queue` queries
are waiting already, the next is refused at once (503) rather than queued without end.
Both 503s say when to try again (Retry-After). Every query sees the union of all graphs
as its default graph, unless the request names its own dataset (default-graph-uri,
named-graph-uri).

Results are chosen by content negotiation from what each query form can give:
SELECT and ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle,
N-Triples or RDF/XML. At most `limit` solutions (or triples) are returned: a longer
answer is cut there and flagged `truncated` (the server adds a header saying so). The
solutions kept are written as SPARQL JSON and, for the other formats, read back and
written again by pyoxigraph's own serializers.
"""
from __future__ import annotations

import asyncio
import json
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread
import mimeparse
import pyoxigraph as ox

from .write import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RETRY_AFTER_S = 5  # the Retry-After of a 503: the endpoint is busy or the query too long

# Offered media types per query form, the default LAST (mimeparse picks the last on ties).
RESULTS_TYPES = {
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/csv": ox.QueryResultsFormat.CSV,
    "application/xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
}
GRAPH_TYPES = {
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


@dataclass
class Answer:
    """A serialized query answer."""

    media_type: str
    body: bytes
    truncated: bool = False


class QueryFailed(Exception):
    """A query the endpoint does not answer: `status` is the HTTP status to give, with
    `headers` (e.g. Retry-After)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def unavailable(message: str) -> QueryFailed:
    """503 with Retry-After: try the endpoint again later."""
    return QueryFailed(503, message, {"Retry-After": str(RETRY_AFTER_S)})


# ---------------------------------------------------------------------------
# Inside a worker process


def _term_json(term) -> dict:
    """A term in the SPARQL 1.1 Query Results JSON Format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _solutions(results: ox.QuerySolutions, media_type: str, limit: int) -> Answer:
    variables = [v.value for v in results.variables]
    bindings, truncated = [], False
    for solution in results:
        if len(bindings) == limit:
            truncated = True
            break
        bindings.append({v: _term_json(solution[v]) for v in variables if solution[v] is not None})
    body = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")
    fmt = RESULTS_TYPES[media_type]
    if fmt != ox.QueryResultsFormat.JSON:
        body = ox.parse_query_results(body, ox.QueryResultsFormat.JSON).serialize(None, fmt)
    return Answer(media_type, body, truncated)


def _triples(results: ox.QueryTriples, media_type: str, limit: int) -> Answer:
    triples, truncated = [], False
    for triple in results:
        if len(triples) == limit:
            truncated = True
            break
        triples.append(triple)
    fmt = GRAPH_TYPES[media_type]
    body = ox.serialize(triples, None, fmt, prefixes=PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
    return Answer(media_type, body, truncated)


def negotiate(accept: str, offered: dict) -> str:
    """The offered media type that best fits an Accept header ('' means anything)."""
    best = mimeparse.best_match(list(offered), accept or "*/*")
    if not best:
        raise QueryFailed(406, f"none of the types this query gives ({', '.join(reversed(offered))}) "
                               f"is acceptable ({accept})")
    return best


def evaluate(store: ox.Store, request: dict) -> Answer:
    """Run one query request (query, accept, default_graphs, named_graphs) on the store."""
    options = {"use_default_graph_as_union": True}
    if request.get("default_graphs"):
        options = {"default_graph": [ox.NamedNode(g) for g in request["default_graphs"]]}
    if request.get("named_graphs"):
        options["named_graphs"] = [ox.NamedNode(g) for g in request["named_graphs"]]
    try:
        results = store.query(request["query"], **options)
    except SyntaxError as exc:
        raise QueryFailed(400, f"not a valid SPARQL query: {exc}") from None
    except ValueError as exc:  # e.g. an invalid graph IRI
        raise QueryFailed(400, str(exc)) from None
    limit, accept = request["limit"], request.get("accept", "")
    if isinstance(results, ox.QueryBoolean):
        media_type = negotiate(accept, RESULTS_TYPES)
        return Answer(media_type, results.serialize(None, RESULTS_TYPES[media_type]))
    if isinstance(results, ox.QueryTriples):
        return _triples(results, negotiate(accept, GRAPH_TYPES), limit)
    return _solutions(results, negotiate(accept, RESULTS_TYPES), limit)


def _worker_main(conn, store_dir: str) -> None:
    """A worker process: answer query requests from `conn` until it closes."""
    store = ox.Store.read_only(store_dir)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", evaluate(store, request)))
        except QueryFailed as exc:
            conn.send(("failed", exc.status, exc.message))
        except Exception as exc:  # the store failed: report, keep serving
            conn.send(("failed", 500, f"{type(exc).__name__}: {exc}"))


# ---------------------------------------------------------------------------
# In the server process


class _Worker:
    def __init__(self, store_dir: str):
        context = multiprocessing.get_context("spawn")  # no fork of an event loop or threads
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, store_dir), daemon=True,
                                       name="govkg-query-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(5)


class QueryPool:
    """`workers` query processes over a read-only store, each query bounded in time and size,
    at most `queue` queries waiting for a worker."""

    def __init__(self, store_dir: Path | str, workers: int = 2, timeout: float = 30.0, limit: int = 10_000,
                 queue: int = 64):
        self.store_dir = str(store_dir)
        self.size, self.timeout, self.limit, self.queue = workers, timeout, limit, queue
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []
        self.waiting = 0  # queries waiting for a worker

    def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self.store_dir)
        self._all.append(worker)
        self._idle.put_nowait(worker)

    def close(self) -> None:
        for worker in self._all:
            worker.stop()
        self._all.clear()

    async def run(self, query: str, accept: str = "", *, limit: int | None = None,
                  default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> Answer:
        """The answer to `query`; QueryFailed (with an HTTP status) when there is none."""
        request = {"query": query, "accept": accept, "limit": min(limit or self.limit, self.limit),
                   "default_graphs": default_graphs or [], "named_graphs": named_graphs or []}
        worker = await self._free_worker()
        try:
            worker.conn.send(request)
            ready = await anyio.to_thread.run_sync(worker.conn.poll, self.timeout, abandon_on_cancel=True)
            reply = worker.conn.recv() if ready else None
        except BaseException:  # a dead worker, or the client went away mid-query
            self._replace(worker)
            raise
        if reply is None:
            self._replace(worker)
            raise unavailable(f"the query took longer than {self.timeout:g} s and was stopped")
        self._idle.put_nowait(worker)
        if reply[0] == "failed":
            raise QueryFailed(reply[1], reply[2])
        return reply[1]

    async def _free_worker(self) -> _Worker:
        """An idle worker, waited for in the queue; 503 at once when the queue is full."""
        if self._idle.empty() and self.waiting >= self.queue:
            raise unavailable(f"the endpoint is busy: all {self.size} query workers are answering and "
                              f"{self.waiting} queries are waiting")
        self.waiting += 1
        try:
            return await self._idle.get()
        finally:
            self.waiting -= 1

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker whose query cannot be answered any more, and start a fresh one."""
        worker.stop()
        self._all.remove(worker)
        self._add()

    async def rows(self, query: str) -> list[dict[str, str]]:
        """The solutions of a SELECT query as {variable: value} (unbound ones left out),
        for the pages' own queries."""
        answer = await self.run(query, "application/sparql-results+json")
        data = json.loads(answer.body)
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
