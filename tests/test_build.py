"""The build: one bad article (unreadable, or an extractor that raises) is reported and
left out, every other article is still written."""
from __future__ import annotations

import pytest

from pipeline import build as build_module
from pipeline.build import build, process_article
from pipeline.ingest import ArticleError

TEXT = "Sáng 5-3, tại Hà Nội, Bộ trưởng Bộ Xây dựng Trần Văn Sơn chủ trì hội nghị.\n"


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a01.txt").write_text(TEXT, encoding="utf-8")
    (src / "sub" / "a02.txt").write_text(TEXT, encoding="utf-8")
    (src / "a03.txt").write_text(TEXT, encoding="utf-8")
    (src / "a03.meta.json").write_text('{"published": "5/3/2025"}', encoding="utf-8")
    return src


def test_failures_are_isolated(corpus, tmp_path, monkeypatch):
    real = build_module.extract_facts

    def flaky(article):
        if article.name == "a02":
            raise RuntimeError("extractor bug")
        return real(article)

    monkeypatch.setattr(build_module, "extract_facts", flaky)
    seen = []
    summary = build([corpus], tmp_path / "out", on_result=seen.append)
    assert [r.name for r in seen] == ["a01", "a03", "a02"]  # sorted walk: a01.txt, a03.txt, sub/a02.txt
    assert summary.articles == 1 and not summary.ok
    problems = dict(summary.failures)
    assert "RuntimeError: extractor bug" in problems[str(corpus / "sub" / "a02.txt")]
    assert "bad date" in problems[str(corpus / "a03.meta.json")]  # the sidecar is the file named
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    assert "a01.txt" in nq and "a02.txt" not in nq and "a03.txt" not in nq
    assert {p.name for p in summary.files} == {"graph.ttl", "graph.trig", "graph.nq"}


def test_duplicate_names_are_reported(corpus, tmp_path):
    (corpus / "sub" / "a01.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "a03.meta.json").unlink()
    summary = build([corpus], tmp_path / "out")
    assert summary.articles == 3
    assert [p for p, _ in summary.failures] == [str(corpus / "sub" / "a01.txt")]
    assert "duplicate article name 'a01'" in summary.failures[0][1]


def test_worker_results_are_picklable_and_jobs_give_the_same_graph(corpus, tmp_path):
    import pickle

    (corpus / "a03.meta.json").unlink()
    result = process_article(str(corpus / "a01.txt"))
    assert result.ok and result.quads
    assert pickle.loads(pickle.dumps(result)).quads == result.quads
    one = build([corpus], tmp_path / "one")
    two = build([corpus], tmp_path / "two", jobs=2)
    assert one.ok and two.ok and one.counts == two.counts
    assert (tmp_path / "one" / "graph.nq").read_bytes() == (tmp_path / "two" / "graph.nq").read_bytes()


def test_sources_must_exist_and_hold_articles(tmp_path):
    with pytest.raises(ArticleError, match="no such file or directory"):
        build([tmp_path / "missing"], tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArticleError, match="no articles"):
        build([tmp_path / "empty"], tmp_path / "out")


def _crash_on_a02(source):
    """A worker that dies the hard way (as a segfault or the OOM killer would) on a02."""
    import os

    if source.path.endswith("a02.txt"):
        os._exit(3)
    return process_article(source)


@pytest.mark.skipif(__import__("multiprocessing").get_start_method() != "fork",
                    reason="the crashing worker is patched in, which needs forked workers")
def test_a_dying_worker_loses_only_its_article(corpus, tmp_path, monkeypatch):
    (corpus / "a03.meta.json").unlink()
    for i in range(4, 12):
        (corpus / f"a{i:02d}.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(build_module, "process_article", _crash_on_a02)
    summary = build([corpus], tmp_path / "out", jobs=2)
    assert summary.articles == 10
    assert [p for p, _ in summary.failures] == [str(corpus / "sub" / "a02.txt")]
    assert "worker process died" in summary.failures[0][1]
