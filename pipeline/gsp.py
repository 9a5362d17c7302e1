"""Load a build into any SPARQL 1.1 store over HTTP: the Graph Store HTTP Protocol.

Each named graph of the build (one per article, the reference bodies) and the ontology
graph are sent with `PUT <endpoint>?graph=<graph IRI>` as N-Triples
(https://www.w3.org/TR/sparql11-http-rdf-update/#http-put): the store replaces that
graph, so loading again never doubles an article. Works with Oxigraph
(`http://HOST:7878/store`), Apache Jena Fuseki (`http://HOST:3030/DATASET/data`),
GraphDB (`http://HOST:7200/repositories/REPO/rdf-graphs/service`) and any other store
that implements the protocol.

Authentication is HTTP basic (user, password) or a bearer token. Each request has a
timeout; a store that is down, times out or answers 429/5xx is tried again `retries`
times with pauses that double (back-off). A store that refuses (401, 403, 404, 405,
415...) is not tried again: the error names the graph, the status and what the store
said.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from .store import dataset, dataset_file

RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_BODY_SHOWN = 300  # characters of an error response quoted in the message


class GraphStoreError(RuntimeError):
    """The store refused a graph, or could not be reached; the message says which and why."""


@dataclass
class GraphStore:
    """Where and how to send graphs: a Graph Store HTTP Protocol endpoint."""

    endpoint: str
    auth: tuple[str, str] | None = None  # HTTP basic
    token: str | None = None  # HTTP bearer
    timeout: float = 60.0  # seconds per request
    retries: int = 3
    backoff: float = 0.5  # seconds before the first retry; doubles each time

    def client(self) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return httpx.Client(auth=self.auth, headers=headers, timeout=self.timeout)

    def send(self, client: httpx.Client, method: str, graph: str, ntriples: bytes) -> None:
        """PUT (replace) or POST (add to) one graph, trying again while the store is down
        or busy; GraphStoreError when it refuses or stays unreachable."""
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = client.request(method, self.endpoint, params={"graph": graph}, content=ntriples,
                                          headers={"Content-Type": "application/n-triples"})
            except httpx.TransportError as exc:  # refused connection, DNS, timeout...
                problem = f"cannot reach {self.endpoint}: {_reason(exc)}"
                continue
            if response.is_success:
                return
            problem = (f"{self.endpoint} answered {response.status_code} {response.reason_phrase} "
                       f"to {method} of graph <{graph}>: {_excerpt(response.text)}")
            if response.status_code not in RETRY_STATUS:
                raise GraphStoreError(problem)
        tries = f" (tried {self.retries + 1} times)" if self.retries else ""
        raise GraphStoreError(problem + tries)


@dataclass
class EndpointSummary:
    """What `load_endpoint` sent."""

    source: Path
    endpoint: str
    graphs: list[str] = field(default_factory=list)
    quads: int = 0
    seconds: float = 0.0

    def format(self) -> str:
        return (f"loaded {self.source} into {self.endpoint}: {len(self.graphs)} graphs, "
                f"{self.quads} triples in {self.seconds:.1f} s")


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer in time ({text})"
    return text


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return (text[:_BODY_SHOWN] + "…") if len(text) > _BODY_SHOWN else (text or "(no message)")


def load_endpoint(source: Path | str, target: GraphStore) -> EndpointSummary:
    """Send every named graph of a build (and the ontology graph) to the store, one
    request per graph, streamed. A graph that a file splits into several runs (a build
    never does) is PUT with its first run and its later runs are added with POST."""
    start = time.perf_counter()
    path = dataset_file(source)
    summary = EndpointSummary(source=path, endpoint=target.endpoint)
    sent: set[str] = set()
    with target.client() as client:
        for graph, quads in dataset(path):
            body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
            method = "POST" if graph.value in sent else "PUT"
            target.send(client, method, graph.value, body)
            if graph.value not in sent:
                sent.add(graph.value)
                summary.graphs.append(graph.value)
            summary.quads += len(quads)
    summary.seconds = time.perf_counter() - start
    return summary
