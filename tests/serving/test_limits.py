"""`govkg serve` refuses what it will not answer with the status that says why: updates
(403), a body over the size limit (413, never read past the limit), a query string
over it (414), a malformed query (400), a query past the timeout or one more than the
queue holds (503 with Retry-After); and its one query worker, killed at a timeout, is
replaced: the next query is answered."""
from __future__ import annotations

import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .support import Server, free_port

MAX_BYTES = 2000
PERSONS = ("PREFIX gov: <https://w3id.org/govkg/ontology#> "
           "SELECT ?p WHERE { ?p a gov:Person }")
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def server(seed_store):
    """`govkg serve` with one worker, one place in the queue, a 2 s timeout, 2000-byte queries."""
    port = free_port()
    server = Server([sys.executable, "-m", "pipeline", "serve", "--store", str(seed_store), "--port", str(port),
                     "--timeout", "2", "--workers", "1", "--queue", "1", "--max-query-size", str(MAX_BYTES)],
                    port, seed_store.parent / "serve-limits.log")
    yield server
    server.stop()


def padded(query: str, size: int) -> str:
    """`query` made `size` bytes long by a comment at its end."""
    return query + "\n#" + "x" * (size - len(query.encode("utf-8")) - 2)


def raw_request(server, head: str, body: bytes = b"") -> str:
    """Send `head` (and `body`) on a socket; the status line of the answer."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(head.encode("ascii") + b"\r\n" + body)
        return sock.makefile("rb").readline().decode("ascii").strip()


def query_workers(pid: int) -> list[int]:
    """The query worker processes of the server `pid` (its multiprocessing children; a
    killed worker left unreaped would show as a zombie, without a command line)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    found = []
    for child in children:
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        state = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[0]
        assert state != "Z", f"worker {child} was killed but never reaped"
        if b"spawn_main" in cmdline:
            found.append(int(child))
    return found


def test_updates_are_refused_as_forbidden(server):
    url = server.url + "/sparql"
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for response in (httpx.post(url, content=update, headers={"Content-Type": "application/sparql-update"}),
                     httpx.post(url, data={"update": update}),
                     httpx.get(url, params={"update": update})):
        assert response.status_code == 403
        assert "read-only: SPARQL Update is not accepted" in response.text


def test_a_malformed_query_is_a_bad_request(server):
    response = httpx.get(server.url + "/sparql", params={"query": "SELECT ?x WHERE { ?x"}, headers=JSON)
    assert response.status_code == 400 and "not a valid SPARQL query" in response.text


def test_a_body_up_to_the_limit_is_answered_and_one_byte_more_refused(server):
    url, sparql_query = server.url + "/sparql", {"Content-Type": "application/sparql-query", **JSON}
    assert httpx.post(url, content=padded(PERSONS, MAX_BYTES), headers=sparql_query).status_code == 200
    too_long = httpx.post(url, content=padded(PERSONS, MAX_BYTES + 1), headers=sparql_query)
    assert too_long.status_code == 413
    assert f"is {MAX_BYTES + 1} bytes, more than the {MAX_BYTES} bytes this endpoint takes" in too_long.text
    form = httpx.post(url, data={"query": padded(PERSONS, MAX_BYTES)}, headers=JSON)
    assert form.status_code == 413  # the form's 'query=' takes the body past the limit


def test_a_declared_length_over_the_limit_is_refused_before_the_body_comes(server):
    # no body is ever sent: the server answers from the Content-Length alone
    status = raw_request(server, "POST /sparql HTTP/1.1\r\nHost: localhost\r\n"
                                 "Content-Type: application/sparql-query\r\nContent-Length: 1000000000\r\n")
    assert status == "HTTP/1.1 413 Request Entity Too Large"


def test_a_streamed_body_is_refused_once_past_the_limit(server):
    # chunks without a length, the last chunk never sent: the server stops reading at the limit
    chunk = b"#" * 1500
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(2))
    status = raw_request(server, "POST /sparql HTTP/1.1\r\nHost: localhost\r\n"
                                 "Content-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n", chunks)
    assert status == "HTTP/1.1 413 Request Entity Too Large"


def test_a_query_string_over_the_limit_is_refused_on_every_path(server):
    long_query = padded(PERSONS, MAX_BYTES + 1)
    response = httpx.get(server.url + "/sparql", params={"query": long_query}, headers=JSON)
    assert response.status_code == 414 and "send a long query by POST" in response.text
    assert httpx.get(server.url + "/search", params={"q": "a" * (MAX_BYTES + 1)}).status_code == 414
    # longer than uvicorn's parser takes by default (16 KiB, then its own 400): still ours
    assert httpx.get(server.url + "/search", params={"q": "a" * 30_000}).status_code == 414
    assert httpx.get(server.url + "/search", params={"q": "Hưng"}).status_code == 200


def test_a_query_past_the_timeout_is_503_and_its_worker_replaced(server):
    before = query_workers(server.process.pid)
    response = httpx.get(server.url + "/sparql", params={"query": ENDLESS}, headers=JSON, timeout=30)
    assert response.status_code == 503 and "longer than 2 s and was stopped" in response.text
    assert response.headers["Retry-After"].isdigit()
    answered = httpx.get(server.url + "/sparql", params={"query": PERSONS}, headers=JSON, timeout=30)
    assert answered.status_code == 200 and answered.json()["results"]["bindings"]
    after = query_workers(server.process.pid)
    assert len(before) == len(after) == 1 and before != after


def test_a_query_more_than_the_queue_holds_is_503_at_once(server):
    # one query runs, one waits in the queue, the third is refused without waiting
    def ask(_):
        return httpx.get(server.url + "/sparql", params={"query": ENDLESS}, headers=JSON, timeout=30)

    with ThreadPoolExecutor(3) as threads:
        responses = list(threads.map(ask, range(3)))
    assert [r.status_code for r in responses] == [503] * 3
    assert all(r.headers["Retry-After"].isdigit() for r in responses)
    busy = [r for r in responses if "the endpoint is busy" in r.text]
    assert len(busy) == 1 and "1 queries are waiting" in busy[0].text
    assert httpx.get(server.url + "/sparql", params={"query": PERSONS}, headers=JSON, timeout=30).status_code == 200
    assert len(query_workers(server.process.pid)) == 1
