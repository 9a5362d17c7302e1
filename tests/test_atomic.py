"""atomic.py: a file is replaced only by a complete new one; debris of dead writers goes."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pipeline import atomic, write
from rdflib.namespace import RDFS

from pipeline.mapping import GOV


def _dead_pid() -> int:
    """The id of a process that has just ended (so no live writer owns it)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def debris(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith((".govkg-", ".write-")))


def test_a_failing_writer_leaves_the_targets_as_they_were(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic.replace_together([a, b]) as (ta, tb):
            ta.write_text("new a", encoding="utf-8")
            tb.write_text("half of new", encoding="utf-8")
            raise RuntimeError("the disk is full")
    assert a.read_text(encoding="utf-8") == "old a" and b.read_text(encoding="utf-8") == "old b"
    assert debris(tmp_path) == []


def test_a_clean_write_replaces_every_target_and_leaves_nothing_else(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a", encoding="utf-8")
    with atomic.replace_together([a, b]) as (ta, tb):
        assert ta.parent == tmp_path and ta.name.startswith(f".govkg-{os.getpid()}-")
        ta.write_text("new a", encoding="utf-8")
        tb.write_text("new b", encoding="utf-8")
        assert a.read_text(encoding="utf-8") == "old a"  # nothing moves before the end
    assert a.read_text(encoding="utf-8") == "new a" and b.read_text(encoding="utf-8") == "new b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_staged_file_that_was_never_written_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing was written"):
        with atomic.replace_together([tmp_path / "a.txt"]):
            pass
    assert list(tmp_path.iterdir()) == []


def test_write_text_and_atomic_write(tmp_path):
    atomic.write_text(tmp_path / "x.json", "{}\n")
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == "{}\n"
    with pytest.raises(ValueError):
        with atomic.atomic_write(tmp_path / "x.json") as fh:
            fh.write("{broken")
            raise ValueError
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == "{}\n"
    assert debris(tmp_path) == []


def test_stale_debris_of_dead_writers_is_removed_and_live_ones_kept(tmp_path):
    dead = _dead_pid()
    stale_file = tmp_path / f".govkg-{dead}-0123abcd-graph.nq"
    stale_dir = tmp_path / f".govkg-{dead}-89abcdef-work"
    live = tmp_path / f".govkg-{os.getpid()}-0123abcd-graph.ttl"
    legacy = tmp_path / ".write-x1y2z3"  # an older version's work folder, an hour old
    stale_file.write_text("half", encoding="utf-8")
    stale_dir.mkdir()
    (stale_dir / "quads").write_text("records", encoding="utf-8")
    live.write_text("being written", encoding="utf-8")
    legacy.mkdir()
    os.utime(legacy, (0, 0))
    keep = tmp_path / "graph.ttl"
    keep.write_text("output", encoding="utf-8")
    removed = atomic.remove_stale(tmp_path)
    assert sorted(p.name for p in removed) == sorted([stale_file.name, stale_dir.name, legacy.name])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "graph.ttl"])


def test_the_graph_writer_keeps_the_previous_build_when_its_input_fails(tmp_path):
    from rdflib import Literal, URIRef

    g = URIRef("https://w3id.org/govkg/graph/a1")
    s = URIRef("https://w3id.org/govkg/person/x-00000000")
    write.write_graph(tmp_path, [[(s, RDFS.comment, Literal("first build"), g)]])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def failing():
        yield [(s, RDFS.comment, Literal("second build"), g)]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write.write_graph(tmp_path, failing())
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
