"""Fixtures of the store, query and serving tests: the seed article built once, loaded
into the embedded store, and real servers (Oxigraph's, `govkg serve`) started on
127.0.0.1 at free ports and stopped at the end of the session."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from .support import SEED, SEEDS, Server, free_port, oxigraph_command


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The seed article built (graph.ttl, graph.trig, graph.nq), not validated."""
    from pipeline.build import build

    out = tmp_path_factory.mktemp("seed-build")
    summary = build([SEEDS], out)
    assert summary.ok, summary.failures
    return out


@pytest.fixture(scope="session")
def dated_build(tmp_path_factory) -> Path:
    """The seed article twice, under two names with two publication dates: one person
    seen in two articles, for the timeline and 'most often' questions."""
    from pipeline.build import build

    src = tmp_path_factory.mktemp("dated-src")
    for name, published in (("early", "2025-03-05"), ("late", "2025-06-01")):
        shutil.copy(SEED, src / f"{name}.txt")
        (src / f"{name}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    out = tmp_path_factory.mktemp("dated-build")
    summary = build([src], out)
    assert summary.ok, summary.failures
    return out


@pytest.fixture(scope="session")
def seed_store(seed_build, tmp_path_factory) -> Path:
    """The embedded store with the seed build loaded (closed again: servers open it read-only)."""
    from pipeline.store import load

    store = tmp_path_factory.mktemp("seed-store")
    load(seed_build, store)
    return store


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server (PyPI package `oxigraph`), read-write, union default graph."""
    location = tmp_path_factory.mktemp("oxigraph-data")
    port = free_port()
    server = Server([oxigraph_command(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                     "--union-default-graph"], port, location.parent / "oxigraph.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def govkg_server(seed_store):
    """`govkg serve` over the seed store, with a short timeout and a small result limit."""
    port = free_port()
    server = Server([sys.executable, "-m", "pipeline", "serve", "--store", str(seed_store), "--port", str(port),
                     "--timeout", "3", "--limit", "200"], port, seed_store.parent / "serve.log")
    yield server
    server.stop()
