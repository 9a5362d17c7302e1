"""The executors: the same articles give the same graph files, byte for byte, and the
same failures, whether the local executor or Ray Data (on a local Ray instance) ran
the per-article work."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from pipeline import executors
from pipeline.build import build, process_article
from pipeline.sources import ArticleSource

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "dev"
GRAPHS = ("graph.ttl", "graph.trig", "graph.nq")

try:
    import ray
except ImportError as exc:  # the extra govkg[ray] is not installed
    ray = None
    RAY_MISSING = f"Ray is not installed (pip install 'govkg[ray]'): {exc}"


@pytest.fixture(scope="module")
def local_ray():
    if ray is None:
        pytest.skip(RAY_MISSING)
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the actors run `_dies_on_bad` below
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=200 * 2**20, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three dev articles, the seed article, a JSON Lines corpus line, and two files
    that fail: an empty one and an image saved as .txt."""
    src = tmp_path_factory.mktemp("corpus")
    for name in ("d01", "d02", "d03"):
        for suffix in (".txt", ".meta.json"):
            shutil.copy(DEV / (name + suffix), src)
    shutil.copytree(REPO / "seeds", src / "seeds", ignore=shutil.ignore_patterns("*.gold.json"))
    text = (DEV / "d04.txt").read_text(encoding="utf-8")
    (src / "news.jsonl").write_text('{"id": "n1", "text": %s}\n' % __import__("json").dumps(text), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x81\x9d")
    return src


def _built(corpus, out, **how):
    return _built_from([corpus], out, **how)


def _built_from(sources, out, **how):
    summary = build(sources, out, **how)
    return summary, {name: (out / name).read_bytes() for name in GRAPHS}


def test_ray_gives_the_local_graph_byte_for_byte_and_the_same_failures(local_ray, corpus, tmp_path):
    order, seen = [], []
    local, local_graphs = _built(corpus, tmp_path / "local", on_result=order.append)
    remote, ray_graphs = _built(corpus, tmp_path / "ray", jobs=2, executor="ray", on_result=seen.append)
    assert local.articles == remote.articles == 5
    assert ray_graphs == local_graphs
    assert remote.failures == local.failures
    failed = dict(remote.failures)
    assert failed[str(corpus / "empty.txt")] == "empty file"
    assert str(corpus / "image.txt") in failed
    assert [(r.name, r.path, r.error, r.warnings) for r in seen] == [(r.name, r.path, r.error, r.warnings) for r in order]
    assert ray.is_initialized()  # a Ray instance the caller started is left running


def test_results_already_known_pass_through_in_their_place(local_ray, corpus):
    known = process_article(str(corpus / "empty.txt"))
    items = [ArticleSource(str(corpus / "d01.txt"), "d01"), known, ArticleSource(str(corpus / "d02.txt"), "d02")]
    got = list(executors.ray_results(items, jobs=2))
    assert [r.name for r in got] == ["d01", "empty", "d02"] and got[1] is known
    assert got[0].ok and got[0].quads == process_article(items[0]).quads


def _dies_on_bad(src):
    """An article that kills whatever process reads it (a crash in native code)."""
    if src.name == "bad":
        os._exit(3)
    return process_article(src)


def test_an_article_that_kills_its_actor_fails_alone(local_ray, corpus, tmp_path):
    (tmp_path / "bad.txt").write_text("A.\n", encoding="utf-8")
    items = [ArticleSource(str(corpus / "d01.txt"), "d01"), ArticleSource(str(tmp_path / "bad.txt"), "bad"),
             ArticleSource(str(corpus / "d02.txt"), "d02")]
    got = list(executors.ray_results(items, jobs=2, work=_dies_on_bad))
    assert [r.name for r in got] == ["d01", "bad", "d02"]
    assert got[0].ok and got[2].ok
    assert got[1].error == "the worker process died while processing it (a crash, or out of memory)"


def test_the_cli_asks_for_the_extra_when_ray_is_missing(corpus, tmp_path, monkeypatch, capsys):
    from pipeline import cli

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails
    code = cli.main(["build", str(corpus / "d01.txt"), "--out", str(tmp_path / "out"), "--executor", "ray",
                     "--no-validate"])
    assert code == 2
    assert "install govkg[ray]" in capsys.readouterr().err
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_driver_outside_the_cluster_builds_through_the_ray_client(local_ray, corpus, tmp_path):
    """Ray Data cannot run over the Ray Client: the map runs in an actor inside the cluster."""
    import socket
    import subprocess

    from ray.util.client.server.server import serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = serve("127.0.0.1", port)  # a Ray Client server for the cluster of this process
    try:
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        sources = [corpus / "d01.txt", corpus / "empty.txt", corpus / "d02.txt"]
        remote = subprocess.run([sys.executable, "-m", "pipeline", "build", *map(str, sources), "--out",
                                 str(tmp_path / "ray"), "--no-validate", "--executor", "ray", "--jobs", "2",
                                 "--ray-address", f"ray://127.0.0.1:{port}"],
                                cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    finally:
        server.stop(0)
    assert remote.returncode == 1, remote.stderr  # empty.txt failed
    assert f"failures:\n  {corpus / 'empty.txt'}: empty file" in remote.stdout
    _, local_graphs = _built_from(sources, tmp_path / "local")
    assert {name: (tmp_path / "ray" / name).read_bytes() for name in GRAPHS} == local_graphs
