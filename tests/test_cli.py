"""The `govkg` command end to end, as a user runs it: `python -m pipeline ...`.

These check behaviour that holds whatever the extractors find (exit codes, files
written, JSON with the gold keys); accuracy is tested with the extractors.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLD_KEYS = {"article", "published", "persons", "organizations", "positions", "events", "directives", "quotes"}

GOOD = (
    "Sáng 14/11, tại Trụ sở Tỉnh ủy Thanh Hóa, đồng chí Lưu Đình Khải, Ủy viên Bộ Chính trị, "
    "làm việc với Ban Thường vụ Tỉnh ủy Thanh Hóa. Đồng chí yêu cầu Tỉnh ủy Thanh Hóa "
    "tập trung hoàn thành các chỉ tiêu năm 2025.\n"
)
GOLD = {
    "article": "a01.txt",
    "published": "2025-11-14",
    "persons": [{"name": "Lưu Đình Khải"}],
    "organizations": [{"name": "Bộ Chính trị"}, {"name": "Ban Thường vụ Tỉnh ủy Thanh Hóa"}],
    "positions": [{"person": "Lưu Đình Khải", "title": "Ủy viên Bộ Chính trị", "organization": "Bộ Chính trị"}],
    "events": [{"kind": "meeting", "date": "2025-11-14", "location": "Trụ sở Tỉnh ủy Thanh Hóa",
                "chair": "Lưu Đình Khải", "participants": [], "organizations": ["Ban Thường vụ Tỉnh ủy Thanh Hóa"]}],
    "directives": [{"issuer": "Lưu Đình Khải", "trigger": "yêu cầu", "addressee": "Tỉnh ủy Thanh Hóa",
                    "evidence": "hoàn thành các chỉ tiêu năm 2025"}],
    "quotes": [],
}


def govkg(*args, cwd=REPO) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture
def corpus(tmp_path):
    """One good article with a sidecar and gold, one that is not text."""
    src = tmp_path / "articles"
    src.mkdir()
    (src / "a01.txt").write_text(GOOD, encoding="utf-8")
    (src / "a01.meta.json").write_text('{"published": "2025-11-14", "title": "Làm việc tại Thanh Hóa"}',
                                       encoding="utf-8")
    (src / "a01.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (src / "b02.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # an image saved as .txt
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A graph built (and validated) from one good article."""
    src = tmp_path_factory.mktemp("src")
    (src / "a01.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    result = govkg("build", src, "--out", out)
    return result, out


def test_help():
    result = govkg("--help")
    assert result.returncode == 0
    for command in ("build", "validate", "facts", "eval"):
        assert command in result.stdout
    assert govkg("build", "--help").returncode == 0


def test_usage_errors_exit_2(tmp_path):
    assert govkg().returncode == 2
    assert govkg("frobnicate").returncode == 2
    result = govkg("build", tmp_path / "missing", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "missing: no such file or directory" in result.stderr
    result = govkg("build", tmp_path, "--out", tmp_path / "out")  # a directory without articles
    assert result.returncode == 2 and "no articles" in result.stderr
    assert govkg("build", tmp_path, "--jobs", "0").returncode == 2


def test_build_reports_a_bad_article_and_builds_the_rest(corpus, tmp_path):
    out = tmp_path / "out"
    result = govkg("build", corpus, "--out", out, "--no-validate")
    assert result.returncode == 1, result.stderr
    assert "b02.txt" in result.stdout and "not UTF-8" in result.stdout
    assert "articles: 1 built, 1 failed" in result.stdout
    for kind in ("persons", "organizations", "positions", "events", "directives", "quotes"):
        assert f"{kind}: " in result.stdout
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "a01.txt" in ttl and "b02" not in ttl
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "graph:a01" in trig or "graph/a01>" in trig


def test_build_is_the_same_with_worker_processes(corpus, tmp_path):
    (corpus / "b02.txt").unlink()
    (corpus / "c03.txt").write_text(GOOD.replace("Thanh Hóa", "Nghệ An"), encoding="utf-8")
    one = govkg("build", corpus, "--out", tmp_path / "one", "--no-validate")
    two = govkg("build", corpus, "--out", tmp_path / "two", "--no-validate", "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert (tmp_path / "one" / "graph.nq").read_bytes() == (tmp_path / "two" / "graph.nq").read_bytes()


def test_build_validates_by_default(built):
    result, out = built
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validation: ok" in result.stdout
    assert (out / "graph.ttl").is_file() and (out / "graph.trig").is_file()


def test_validate_exit_codes(built, tmp_path):
    _, out = built
    good = out / "graph.ttl"
    assert govkg("validate", good).returncode == 0

    bad = tmp_path / "bad.ttl"  # an article without its source file, with a date that is not one
    bad.write_text(good.read_text(encoding="utf-8") + "\n<https://w3id.org/govkg/article/zz> a "
                   "<https://w3id.org/govkg/ontology#Article> ; <https://w3id.org/govkg/ontology#published> "
                   '"14/11/2025" .\n', encoding="utf-8")
    result = govkg("validate", bad)
    assert result.returncode == 1, result.stdout + result.stderr

    assert govkg("validate", tmp_path / "missing.ttl").returncode == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n@@@ not turtle\n", encoding="utf-8")
    result = govkg("validate", broken)
    assert result.returncode == 2
    assert "broken.ttl" in result.stdout + result.stderr


def test_facts_writes_one_gold_format_file_per_article(built, tmp_path):
    _, out = built
    result = govkg("facts", out / "graph.ttl", "--out", tmp_path / "facts")
    assert result.returncode == 0, result.stderr
    doc = json.loads((tmp_path / "facts" / "a01.facts.json").read_text(encoding="utf-8"))
    assert GOLD_KEYS <= set(doc)
    assert doc["article"] == "a01.txt"
    assert govkg("facts", tmp_path / "missing.ttl", "--out", tmp_path / "f2").returncode == 2


def test_eval_builds_and_prints_the_table(corpus, tmp_path):
    (corpus / "b02.txt").unlink()
    result = govkg("eval", corpus)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for kind in ("persons", "organizations", "positions", "events", "directives", "quotes", "all"):
        assert any(line.split()[:1] == [kind] for line in lines), kind
    assert any(line.startswith("a01 ") for line in lines)

    result = govkg("eval", corpus, "--json", "--out", tmp_path / "work")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["summary"]["all"]["gold"] == 9  # 1 + 2 + 1 + (the event, its location, chair, body) + 1
    assert (tmp_path / "work" / "facts" / "a01.facts.json").is_file()


def test_eval_of_given_facts(corpus, tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "a01.facts.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    result = govkg("eval", corpus, "--facts", facts, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["all"]["f1"] == 1.0
    (facts / "a01.facts.json").write_text("{not json", encoding="utf-8")
    result = govkg("eval", corpus, "--facts", facts)
    assert result.returncode == 2 and "a01.facts.json: malformed JSON" in result.stderr
    assert govkg("eval", tmp_path / "nowhere").returncode == 2


# ---------------------------------------------------------------------------
# Limits that say what they are


def test_version():
    from pipeline import __version__

    result = govkg("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"govkg {__version__}"


def test_jobs_are_capped_at_the_cpu_count_with_a_warning(corpus, tmp_path):
    from pipeline.cli import cpu_count

    (corpus / "b02.txt").unlink()
    result = govkg("build", corpus, "--out", tmp_path / "out", "--no-validate", "--jobs", "1000")
    assert result.returncode == 0, result.stderr
    assert f"--jobs 1000 is more than the {cpu_count()} CPU(s) here: using {cpu_count()}" in result.stderr


def test_facts_out_naming_a_file_is_a_usage_error(built, tmp_path):
    _, out = built
    target = tmp_path / "facts.json"
    target.write_text("keep me", encoding="utf-8")
    result = govkg("facts", out / "graph.ttl", "--out", target)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{target}: exists and is not a directory" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_build_where_no_article_builds_keeps_the_previous_outputs(built, tmp_path):
    _, good = built
    out = tmp_path / "out"
    out.mkdir()
    before = {}
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        before[name] = (good / name).read_bytes()
        (out / name).write_bytes(before[name])
    src = tmp_path / "bad"
    src.mkdir()
    (src / "x.txt").write_bytes(b"")
    result = govkg("build", src, "--out", out)
    assert result.returncode == 1
    assert "no article was built: the outputs in" in result.stdout and "validating" not in result.stdout
    assert {name: (out / name).read_bytes() for name in before} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_an_empty_graph_file_does_not_validate(tmp_path):
    empty = tmp_path / "graph.nq"
    empty.write_bytes(b"")  # what a crash used to leave
    result = govkg("validate", empty)
    assert result.returncode == 1 and "the graph is empty" in result.stdout


def test_pipes_lists_the_components_in_order_with_no_problem():
    done = govkg("pipes")
    assert done.returncode == 0, done.stderr
    names = [line for line in done.stdout.splitlines() if line and not line.startswith(" ")]
    assert names[0] == "sentences" and names[-1] == "finalize" and names.index("view") < names.index("holdings")
    assert "problem" not in done.stdout


def test_explain_a_sentence_and_an_article_file(tmp_path):
    done = govkg("explain", "Phó Thủ tướng Kiều Văn Đông dự.")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "[TITLE Phó Thủ tướng] [NAME Kiều Văn Đông] [CUE:event dự] ."
    assert "  post        Kiều Văn Đông | Phó Thủ tướng | Chính phủ" in done.stdout.splitlines()
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    done = govkg("explain", str(article), "--published", "2025-11-14")
    assert done.returncode == 0, done.stderr
    assert "event       meeting 2025-11-14" in done.stdout


def test_explain_names_a_file_it_cannot_read(tmp_path):
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    done = govkg("explain", str(broken))
    assert done.returncode == 2 and "broken.txt.gz" in done.stderr and "gzip" in done.stderr
