"""Incremental builds: a rebuild extracts only the articles that changed, reuses the
others from OUT/.cache, drops the removed ones, and gives the same bytes as a fresh
build; `govkg load` then replaces and removes only those graphs in the store."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import build as build_module
from pipeline import cache as cache_module
from pipeline import resources
from pipeline.build import build
from pipeline.cache import CACHE_DIR, ENTRY_SUFFIX, entry_file
from pipeline.store import load, open_store

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "tests" / "data" / "dev"
NAMES = ("d01", "d02", "d03", "d04")
OUTPUTS = ("graph.ttl", "graph.trig", "graph.nq")
GRAPH = "https://w3id.org/govkg/graph/"


@pytest.fixture
def src(tmp_path) -> Path:
    """Four development articles with their sidecars."""
    folder = tmp_path / "src"
    folder.mkdir()
    for name in NAMES:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(DEV / (name + suffix), folder / (name + suffix))
    return folder


@pytest.fixture
def extracted(monkeypatch) -> list[str]:
    """The names of the articles the extractors ran on (jobs=1: in this process)."""
    names: list[str] = []
    real = build_module.extract_facts

    def counting(article):
        names.append(article.name)
        return real(article)

    monkeypatch.setattr(build_module, "extract_facts", counting)
    return names


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def change_and_remove(src: Path) -> None:
    """d02 gets a paragraph more (the first of d05), d03 goes."""
    extra = (DEV / "d05.txt").read_text(encoding="utf-8").split("\n")[0]
    with (src / "d02.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n" + extra + "\n")
    (src / "d03.txt").unlink()
    (src / "d03.meta.json").unlink()


def cached_names(out: Path) -> set[str]:
    return {json.loads(gzip.decompress(p.read_bytes()))["name"] for p in (out / CACHE_DIR).glob("*" + ENTRY_SUFFIX)}


def test_a_rebuild_extracts_only_the_changed_article(src, tmp_path, extracted):
    out = tmp_path / "out"
    first = build([src], out)
    assert first.ok and sorted(extracted) == list(NAMES) and first.reused == 0
    assert cached_names(out) == set(NAMES)
    change_and_remove(src)
    extracted.clear()
    again = build([src], out)
    assert again.ok and extracted == ["d02"]
    assert again.articles == 3 and again.reused == 2
    nquads = (out / "graph.nq").read_text(encoding="utf-8")
    assert f"<{GRAPH}d03>" not in nquads and f"<{GRAPH}d02>" in nquads
    assert cached_names(out) == {"d01", "d02", "d04"}  # the removed article's entry is pruned


def test_outputs_from_the_cache_are_the_bytes_of_a_fresh_build(src, tmp_path, extracted):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build([src], out)
    change_and_remove(src)
    build([src], out)
    extracted.clear()
    full = build([src], fresh, reuse=False)
    assert sorted(extracted) == ["d01", "d02", "d04"] and full.reused == 0
    assert outputs(out) == outputs(fresh)
    extracted.clear()
    again = build([src], out)  # nothing changed: every article from the cache
    assert extracted == [] and again.reused == 3
    assert outputs(out) == outputs(fresh)


def test_worker_processes_take_the_cached_articles_in_order(src, tmp_path):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build([src], out, jobs=2)
    change_and_remove(src)
    seen: list[tuple[str, bool]] = []
    again = build([src], out, jobs=2, on_result=lambda r: seen.append((r.name, r.cached)))
    assert seen == [("d01", True), ("d02", False), ("d04", True)] and again.reused == 2
    build([src], fresh, reuse=False)
    assert outputs(out) == outputs(fresh)


def test_without_reuse_every_article_is_extracted_and_the_cache_refreshed(src, tmp_path, extracted):
    out = tmp_path / "out"
    build([src], out)
    extracted.clear()
    summary = build([src], out, reuse=False)
    assert sorted(extracted) == list(NAMES) and summary.reused == 0
    assert cached_names(out) == set(NAMES)


def test_a_changed_vocabulary_rebuilds_every_article(src, tmp_path, extracted, monkeypatch):
    out = tmp_path / "out"
    build([src], out)
    vocab = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), vocab)
    with (vocab / "vocab" / "abbreviations.tsv").open("a", encoding="utf-8") as fh:
        fh.write("# a comment: the vocabulary file changed, its entries did not\n")
    monkeypatch.setenv("GOVKG_ONTOLOGY_DIR", str(vocab))
    extracted.clear()
    build([src], out)
    assert sorted(extracted) == list(NAMES)


def test_changed_code_rebuilds_every_article(src, tmp_path, extracted, monkeypatch):
    out = tmp_path / "out"
    build([src], out)
    code = tmp_path / "pipeline"
    shutil.copytree(cache_module.PACKAGE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    with (code / "mapping.py").open("a", encoding="utf-8") as fh:
        fh.write("# changed\n")
    monkeypatch.setattr(cache_module, "PACKAGE_DIR", code)
    extracted.clear()
    build([src], out)
    assert sorted(extracted) == list(NAMES)


def test_a_changed_sidecar_is_a_changed_article(src, tmp_path, extracted):
    out = tmp_path / "out"
    build([src], out)
    meta = json.loads((src / "d04.meta.json").read_text(encoding="utf-8"))
    meta["published"] = "2024-01-02"
    (src / "d04.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    extracted.clear()
    build([src], out)
    assert extracted == ["d04"]


def test_failed_articles_are_not_cached_and_a_broken_entry_is_a_miss(src, tmp_path, extracted):
    out = tmp_path / "out"
    (src / "empty.txt").write_bytes(b"")
    first = build([src], out)
    assert [path for path, _ in first.failures] == [str(src / "empty.txt")]
    assert not entry_file(out / CACHE_DIR, "empty").exists()
    entry_file(out / CACHE_DIR, "d01").write_bytes(gzip.compress(b"{not json"))
    entry_file(out / CACHE_DIR, "d04").write_bytes(b"not gzip")
    extracted.clear()
    build([src], out)
    assert extracted == ["d01", "d04"]


def test_a_changed_line_of_a_corpus_is_the_only_one_extracted(tmp_path, extracted):
    texts = [(DEV / f"{name}.txt").read_text(encoding="utf-8") for name in NAMES[:3]]
    corpus = tmp_path / "news.jsonl"

    def write(records):
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")

    records = [{"id": f"a{k}", "text": text} for k, text in enumerate(texts)]
    write(records)
    build([corpus], tmp_path / "out")
    records[1]["text"] += "\n" + texts[0].split("\n")[0]
    write(records)
    extracted.clear()
    build([corpus], tmp_path / "out")
    assert extracted == ["a1"]


def graph_sizes(store_dir: Path) -> dict[str, int]:
    store = open_store(store_dir, read_only=True)
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    return {row["g"].value: int(row["n"].value) for row in store.query(query)}


def test_the_store_follows_the_rebuild(src, tmp_path):
    out, store = tmp_path / "out", tmp_path / "store"
    build([src], out)
    first = load(out, store)
    assert first.added == len(NAMES) + 2  # the articles, the reference bodies, the ontology
    before = graph_sizes(store)
    change_and_remove(src)
    build([src], out)
    again = load(out, store)
    assert (again.unchanged, again.replaced, again.added) == (4, 1, 0)  # d01, d04, reference, ontology; d02
    assert again.removed == [GRAPH + "d03"]
    assert "4 unchanged, 1 replaced, 0 added, 1 removed" in again.format()
    after = graph_sizes(store)
    d02 = sum(1 for line in (out / "graph.nq").read_text(encoding="utf-8").splitlines()
              if line.endswith(f"<{GRAPH}d02> ."))
    assert again.written == after[GRAPH + "d02"] == d02 != before[GRAPH + "d02"]
    assert set(after) == set(before) - {GRAPH + "d03"}
    assert {g: n for g, n in after.items() if g != GRAPH + "d02"} == \
        {g: n for g, n in before.items() if g not in (GRAPH + "d02", GRAPH + "d03")}


def test_the_cli_reuses_unless_told_not_to(src, tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))

    def govkg(*args):
        done = subprocess.run([sys.executable, "-m", "pipeline", "build", str(src), "--out", str(out),
                               "--no-validate", *args], cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, done.stderr
        return done.stdout

    govkg()
    again = govkg("--verbose")
    assert "articles: 4 built (4 unchanged, reused from the cache)" in again
    assert again.count("(unchanged, from the cache)") == 4
    rebuilt = govkg("--no-cache", "--verbose")
    assert "from the cache" not in rebuilt and "articles: 4 built" in rebuilt
