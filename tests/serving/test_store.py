"""govkg load into the embedded store: one named graph per article; a reload replaces
the graphs that changed only (tests/test_incremental.py follows a rebuild)."""
from __future__ import annotations

import subprocess

import pyoxigraph as ox
import pytest

from pipeline.store import StoreError, load, open_store

from .support import govkg

GRAPH = "https://w3id.org/govkg/graph/"


def graphs(store_dir) -> dict[str, int]:
    store = open_store(store_dir, read_only=True)
    return {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()}


def test_one_graph_per_article_plus_reference_and_ontology(seed_build, dated_build, tmp_path):
    load(dated_build, tmp_path / "store")
    found = graphs(tmp_path / "store")
    assert set(found) == {GRAPH + "early", GRAPH + "late", GRAPH + "reference", GRAPH + "ontology"}
    assert all(n > 0 for n in found.values())
    store = open_store(tmp_path / "store", read_only=True)
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_loading_again_leaves_unchanged_graphs_instead_of_doubling(seed_build, tmp_path):
    first = load(seed_build, tmp_path / "store")
    before = graphs(tmp_path / "store")
    again = load(seed_build / "graph.trig", tmp_path / "store")  # the same build, as TriG this time
    assert first.replaced == 0 and first.added == len(first.graphs) == 3
    assert again.unchanged == len(again.graphs) == 3 and again.written == 0  # the ontology's blank nodes too
    assert graphs(tmp_path / "store") == before


def test_a_store_whose_records_are_lost_replaces_every_graph(seed_build, tmp_path):
    from pipeline.store import RECORDS_FILE

    load(seed_build, tmp_path / "store")
    before = graphs(tmp_path / "store")
    (tmp_path / "store" / RECORDS_FILE).unlink()
    again = load(seed_build, tmp_path / "store")
    assert again.replaced == 3 and again.unchanged == 0
    assert graphs(tmp_path / "store") == before


def test_a_changed_article_replaces_its_graph_and_leaves_the_others(dated_build, tmp_path):
    load(dated_build, tmp_path / "store")
    before = graphs(tmp_path / "store")
    # A new version of "late": only the quads stating the article's source file.
    lines = (dated_build / "graph.nq").read_text(encoding="utf-8").splitlines()
    newer = [ln for ln in lines if ln.endswith(f"<{GRAPH}late> .") and "sourceFile" in ln]
    (tmp_path / "late.nq").write_text("\n".join(newer) + "\n", encoding="utf-8")
    summary = load(tmp_path / "late.nq", tmp_path / "store")
    after = graphs(tmp_path / "store")
    assert summary.replaced == 1 and summary.unchanged == 1  # "late"; the ontology is the same
    assert summary.removed == []  # another file: the graphs it does not hold stay
    assert after[GRAPH + "late"] == 1
    assert after[GRAPH + "early"] == before[GRAPH + "early"]
    assert after[GRAPH + "reference"] == before[GRAPH + "reference"]


def test_a_broken_file_stops_at_the_error_and_keeps_whole_graphs(dated_build, tmp_path):
    lines = (dated_build / "graph.nq").read_text(encoding="utf-8").splitlines()
    late = [k for k, ln in enumerate(lines) if ln.endswith(f"<{GRAPH}late> .")]
    broken = lines[: late[3]] + ["<this is not N-Quads"] + lines[late[3]:]
    (tmp_path / "broken.nq").write_text("\n".join(broken) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"broken\.nq: cannot parse"):
        load(tmp_path / "broken.nq", tmp_path / "store")
    found = graphs(tmp_path / "store")
    assert GRAPH + "early" in found  # complete graphs before the error are in
    assert GRAPH + "late" not in found  # the broken one is not, not even in part


@pytest.mark.parametrize("make, problem", [
    (lambda d, t: t / "missing", "no such file or directory"),
    (lambda d, t: d / "graph.ttl", "holds no named graphs"),
    (lambda d, t: t, "no graph.nq or graph.trig here"),
])
def test_bad_sources_name_the_file_and_the_problem(seed_build, tmp_path, make, problem):
    source = make(seed_build, tmp_path)
    with pytest.raises(StoreError) as caught:
        load(source, tmp_path / "store")
    assert str(source) in str(caught.value) and problem in str(caught.value)


def test_cli_load_and_exit_codes(seed_build, tmp_path):
    store = tmp_path / "store"
    done = govkg("load", seed_build, "--store", store)
    assert done.returncode == 0, done.stderr
    assert "3 graphs (1 articles): 0 unchanged, 0 replaced, 3 added, 0 removed" in done.stdout
    missing = govkg("load", tmp_path / "nothing", "--store", store)
    assert missing.returncode == 2 and "nothing: no such file or directory" in missing.stderr
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    assert govkg("load", seed_build, "--store", not_a_dir).returncode == 2
    assert govkg("load", seed_build, "--token", "t").returncode == 2  # auth without --endpoint


def test_the_default_store_is_ignored_by_git():
    from .support import REPO

    checked = subprocess.run(["git", "check-ignore", "-q", "output/store/CURRENT"], cwd=REPO)
    assert checked.returncode == 0
