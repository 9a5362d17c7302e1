"""A local load test of `govkg serve` (not a test: prints figures).

Builds the articles of SOURCE (default tests/data/dev) into a temporary directory, loads
them into a temporary store, starts `govkg serve` on it on 127.0.0.1 at a free port and
fires two bursts of queries, each QUERIES queries from CLIENTS concurrent clients (httpx,
async): the questions of ontology/queries/questions/ (POST application/sparql-query) and
small SELECTs and an ASK (GET), in turn. For each burst it prints requests per second,
latency percentiles and the answers by status (and transport errors by kind); before
the bursts and after each, the server's process tree: its resident memory, open file
descriptors, threads and query workers (their pids: a worker killed at a timeout is
replaced by a new pid), and any zombie left.

usage: python scripts/endpoint_load.py [--source DIR] [--queries N] [--clients N] [--workers N] [--queue N]
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.build import build  # noqa: E402
from pipeline.query import question_files  # noqa: E402
from pipeline.store import load  # noqa: E402

SMALL = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?p ?name WHERE { ?p a gov:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 20",
    "PREFIX gov: <https://w3id.org/govkg/ontology#> ASK { ?d a gov:Directive }",
    "SELECT DISTINCT ?type WHERE { ?s a ?type } LIMIT 50",
]
JSON = "application/sparql-results+json"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=REPO / "tests" / "data" / "dev")
    parser.add_argument("--queries", type=int, default=2000, help="queries per burst (default 2000)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--workers", type=int, default=2, help="the server's query workers (default 2)")
    parser.add_argument("--queue", type=int, default=64, help="the server's queue (default 64)")
    return parser.parse_args()


# ---------------------------------------------------------------------------
# The store and the server


def build_store(source: Path, tmp: Path) -> Path:
    started = time.perf_counter()
    summary = build([source], tmp / "out")
    assert summary.ok, summary.failures[:3]
    loaded = load(tmp / "out", tmp / "store")
    print(f"store: {source.relative_to(REPO) if source.is_relative_to(REPO) else source}, "
          f"{len(loaded.graphs)} graphs, {loaded.quads} quads (built and loaded in "
          f"{time.perf_counter() - started:.0f} s)", flush=True)
    return tmp / "store"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path, port: int, args, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "pipeline", "serve", "--store", str(store), "--port", str(port),
               "--workers", str(args.workers), "--queue", str(args.queue)]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}: {log.read_text()}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": SMALL[0]}, timeout=5)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not answer in 30 s")


# ---------------------------------------------------------------------------
# The process tree, from /proc


def descendants(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *descendants(int(child))]
    return found


def status_field(pid: int, name: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def fd_kinds(pid: int) -> collections.Counter:
    kinds = collections.Counter()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):  # closed meanwhile
            target = os.readlink(fd)
            kinds[target.split(":[")[0] if ":[" in target else "file"] += 1
    return kinds


def snapshot(pid: int) -> dict:
    time.sleep(2)  # the connections the clients closed are closed by the server too
    tree = [pid, *descendants(pid)]
    workers = [p for p in tree if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
    zombies = [p for p in tree if Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"]
    return {"rss": sum(status_field(p, "VmRSS") for p in tree) / 1024,
            "server_rss": status_field(pid, "VmRSS") / 1024,
            "fds": fd_kinds(pid),
            "tree_fds": sum(len(os.listdir(f"/proc/{p}/fd")) for p in tree if p not in zombies),
            "threads": status_field(pid, "Threads"), "processes": len(tree),
            "workers": workers, "zombies": len(zombies)}


def show(label: str, s: dict) -> None:
    print(f"{label:>14}: process tree RSS {s['rss']:.1f} MiB (server {s['server_rss']:.1f} MiB), "
          f"{s['processes']} processes, server fds {s['fds'].total()} {dict(sorted(s['fds'].items()))} "
          f"(tree {s['tree_fds']}), "
          f"server threads {s['threads']}, workers {len(s['workers'])} {s['workers']}, zombies {s['zombies']}",
          flush=True)


# ---------------------------------------------------------------------------
# The burst


def mix() -> list[tuple[str, str]]:
    """(label, query): each question as written, and each small query twice."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in question_files()] + [
        (f"small {k}", q) for k, q in enumerate(SMALL * 2)]


async def ask(client: httpx.AsyncClient, label: str, query: str) -> httpx.Response:
    if label.startswith("small"):
        return await client.get("/sparql", params={"query": query}, headers={"Accept": JSON})
    return await client.post("/sparql", content=query.encode("utf-8"),
                             headers={"Content-Type": "application/sparql-query", "Accept": JSON})


async def burst(url: str, total: int, clients: int) -> tuple[float, list[float], collections.Counter]:
    queries, outcomes, latencies = mix(), collections.Counter(), []
    turns = iter(range(total))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client_loop(client: httpx.AsyncClient) -> None:
        for k in turns:
            label, query = queries[k % len(queries)]
            started = time.perf_counter()
            try:
                response = await ask(client, label, query)
                outcomes[response.status_code] += 1
            except httpx.HTTPError as exc:
                outcomes[type(exc).__name__] += 1
            latencies.append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
        return time.perf_counter() - started, latencies, outcomes


def report(label: str, seconds: float, latencies: list[float], outcomes: collections.Counter) -> None:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    errors = sum(n for status, n in outcomes.items() if status != 200)
    print(f"{label:>14}: {len(latencies)} queries in {seconds:.1f} s, {len(latencies) / seconds:.1f} requests/s; "
          f"latency p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms; answers {dict(sorted(outcomes.items(), key=str))}; errors {errors}",
          flush=True)


def leak_check(first: dict, second: dict) -> None:
    """What the second burst added to what the first left (the first warms the caches up)."""
    print(f"{'leak check':>14}: burst 2 added {second['rss'] - first['rss']:+.1f} MiB RSS to the tree, "
          f"{second['fds'].total() - first['fds'].total():+d} server fds, {second['threads'] - first['threads']:+d} "
          f"threads, {len(second['workers']) - len(first['workers']):+d} workers "
          f"({'the same' if second['workers'] == first['workers'] else 'new'} worker pids), "
          f"{second['zombies']} zombies", flush=True)


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        store, port = build_store(args.source, tmp), free_port()
        server = start_server(store, port, args, tmp / "serve.log")
        try:
            print(f"server: pid {server.pid} on 127.0.0.1:{port}, {args.workers} workers, queue {args.queue}; "
                  f"a cycle of {len(mix())} queries; {args.queries} queries per burst from {args.clients} clients",
                  flush=True)
            snapshots = [snapshot(server.pid)]
            show("before", snapshots[0])
            for n in (1, 2):
                report(f"burst {n}", *asyncio.run(burst(f"http://127.0.0.1:{port}", args.queries, args.clients)))
                snapshots.append(snapshot(server.pid))
                show(f"after burst {n}", snapshots[-1])
            leak_check(*snapshots[1:])
        finally:
            server.terminate()
            server.wait(10)
        print(f"server log: {(tmp / 'serve.log').read_text().strip() or '(empty)'}")


if __name__ == "__main__":
    main()
