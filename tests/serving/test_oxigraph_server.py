"""Any SPARQL store: `govkg load --endpoint` into a real Oxigraph server (Graph Store
HTTP Protocol), every query file answering there as in the embedded store; a store
that refuses, one that is down, authentication and retries."""
from __future__ import annotations

import base64
import json
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from pipeline.gsp import GraphStore, GraphStoreError, load_endpoint
from pipeline.query import open_dataset, run
from pipeline.resources import data_path
from pipeline.store import open_store

from .support import Server, free_port, govkg, normalized, oxigraph_command

QUERY_FILES = sorted(data_path("queries").rglob("*.rq"))  # the facts queries, the questions, the checks


@pytest.fixture(scope="module")
def loaded_server(oxigraph_server, seed_build):
    done = govkg("load", seed_build, "--endpoint", oxigraph_server.url + "/store")
    assert done.returncode == 0, done.stderr
    return oxigraph_server


def server_answer(server, query: str) -> list[tuple]:
    response = httpx.post(server.url + "/query", data={"query": query},
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
    response.raise_for_status()
    return normalized(response.json()["results"]["bindings"])


def embedded_answer(store_dir, query: str) -> list[tuple]:
    results = run(open_dataset(store_dir=store_dir), query)
    return normalized(json.loads(results.serialize(None, ox.QueryResultsFormat.JSON))["results"]["bindings"])


def test_every_graph_is_on_the_server(loaded_server, seed_store):
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert server_answer(loaded_server, query) == embedded_answer(seed_store, query)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.relative_to(data_path("queries")).as_posix())
def test_every_query_file_answers_alike_on_the_server_and_in_the_store(loaded_server, seed_store, path):
    query = path.read_text(encoding="utf-8")
    embedded = embedded_answer(seed_store, query)
    if path.parent.name != "checks":  # a check answers nothing on a good graph
        assert embedded, f"{path.name} answers nothing on the seeds"
    assert server_answer(loaded_server, query) == embedded


def test_loading_again_replaces_each_graph(loaded_server, seed_build):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = server_answer(loaded_server, count)
    assert govkg("load", seed_build / "graph.trig", "--endpoint", loaded_server.url + "/store").returncode == 0
    assert server_answer(loaded_server, count) == before


def test_a_store_that_refuses_is_a_clear_failure(seed_build, tmp_path):
    location = tmp_path / "read-only-data"
    open_store(location)  # an empty store for the read-only server
    port = free_port()
    server = Server([oxigraph_command(), "serve-read-only", "--location", str(location),
                     "--bind", f"127.0.0.1:{port}"], port, tmp_path / "ro.log")
    try:
        done = govkg("load", seed_build, "--endpoint", server.url + "/store")
    finally:
        server.stop()
    assert done.returncode == 1
    assert f"{server.url}/store answered 4" in done.stderr and "to PUT of graph <https://w3id.org/govkg/graph/" in done.stderr


def test_a_store_that_is_down_is_a_clear_failure_after_retries(seed_build):
    url = f"http://127.0.0.1:{free_port()}/store"  # nothing listens there
    started = time.monotonic()
    done = govkg("load", seed_build, "--endpoint", url, "--retries", "2", "--timeout", "2")
    assert done.returncode == 1
    assert f"cannot reach {url}" in done.stderr and "(tried 3 times)" in done.stderr
    assert time.monotonic() - started >= 1.5  # back-off: 0.5 s, then 1 s


class Gatekeeper:
    """A Graph Store endpoint (Starlette under uvicorn, in a thread) that checks the
    credentials, answers 503 to the first `busy` requests, and records what it got."""

    def __init__(self, busy: int = 0):
        self.busy, self.requests, self.graphs = busy, 0, {}
        self.port = free_port()
        app = Starlette(routes=[Route("/data", self.handle, methods=["PUT", "POST"])])
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    async def handle(self, request):
        self.requests += 1
        expected = {"Bearer s3cret", "Basic " + base64.b64encode(b"editor:pa55").decode()}
        if request.headers.get("authorization") not in expected:
            return Response("who are you?", status_code=401)
        if self.busy:
            self.busy -= 1
            return Response("busy", status_code=503)
        triples = list(ox.parse(await request.body(), format=ox.RdfFormat.N_TRIPLES))
        self.graphs[request.query_params["graph"]] = (request.method, len(triples))
        return Response(status_code=204)

    def __enter__(self):
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.mark.parametrize("auth", [{"token": "s3cret"}, {"auth": ("editor", "pa55")}])
def test_authentication_and_retries(seed_build, auth):
    with Gatekeeper(busy=2) as store:
        target = GraphStore(f"http://127.0.0.1:{store.port}/data", retries=3, backoff=0.05, **auth)
        summary = load_endpoint(seed_build, target)
    assert store.requests == 2 + 3  # two busy answers retried, then the three graphs
    assert set(store.graphs) == set(summary.graphs) and len(summary.graphs) == 3
    assert all(method == "PUT" and n > 0 for method, n in store.graphs.values())


def test_wrong_credentials_are_refused_without_retrying(seed_build):
    with Gatekeeper() as store:
        target = GraphStore(f"http://127.0.0.1:{store.port}/data", token="wrong", retries=3, backoff=0.05)
        with pytest.raises(GraphStoreError, match=r"answered 401 Unauthorized .*who are you\?"):
            load_endpoint(seed_build, target)
    assert store.requests == 1
