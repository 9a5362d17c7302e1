"""Every value that goes into the graph is made safe at the mapping (values.py).

Example-based tests pin the cases of the issue (a URL with Vietnamese letters, a space
or "|", control characters and noncharacters in the text); property-based tests
(hypothesis) write articles of arbitrary text, names and sidecar values to files,
build them as `govkg build` does, and check that every output file parses in
pyoxigraph's strict parser, and that the graph conforms to the shapes and, on small
corpora, to the ontology (HermiT).
"""
from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import validate, write
from pipeline.build import build
from pipeline.normalize import normalize_text
from pipeline.values import UNSAFE, clean_text, is_valid_uri, safe_uri

# Any code point, surrogates, controls and unassigned ones included.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=40)

# Pieces of governance prose of our own, for the extractors to find things in.
PIECES = ["Sáng 14/11, ", "tại Trụ sở Tỉnh ủy Hà Tĩnh, ", "Bộ trưởng Bộ Tài chính ", "Thủ tướng ",
          "Chủ tịch UBND tỉnh Quảng Bình ", "chủ trì hội nghị. ", "Đồng chí yêu cầu ", "Ủy ban nhân dân tỉnh ",
          "tiếp đoàn công tác của Bộ Nội vụ. ", "“Phải làm ngay”, ông nói. ", "Ảnh: ", "\n", "ông ", "bà "]
NAME_PARTS = ["Lê", "Trần", "Đặng", "Văn", "Thị", "Minh", "Hòa", "Uỷ"]
PERSON = st.lists(st.one_of(st.sampled_from(NAME_PARTS), st.text(ANY_CHAR, min_size=1, max_size=6)),
                  min_size=2, max_size=4).map(" ".join)
ARTICLE_TEXT = st.lists(st.one_of(st.sampled_from(PIECES), PERSON, ANY_TEXT), min_size=1, max_size=25).map("".join)
URL = st.one_of(ANY_TEXT, st.builds(lambda host, path: f"https://{host}/{path}", ANY_TEXT, ANY_TEXT),
                st.sampled_from(["https://báo.vn/tin tức|a", "http://", "tin tuc", ":x", "http://a/%"]))
# A file name: no "/" or NUL, not "." or "..", within the 255-byte limit of most file systems.
FILE_NAME = st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=30).filter(
    lambda n: n not in (".", "..") and not n.startswith(".") and len(n.encode("utf-8")) < 200)
SIDECAR = st.fixed_dictionaries({}, optional={
    "published": st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat)),
    "title": st.one_of(st.none(), ANY_TEXT),
    "url": st.one_of(st.none(), URL),
})
ARTICLE = st.tuples(FILE_NAME, ARTICLE_TEXT, st.one_of(st.none(), SIDECAR))

SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---------------------------------------------------------------------------
# Examples


@pytest.mark.parametrize("url, uri", [
    ("https://báo.vn/tin tức|a", "https://xn--bo-mia.vn/tin%20t%E1%BB%A9c%7Ca"),
    ("https://example.vn/a b", "https://example.vn/a%20b"),
    ("https://vi.wikipedia.org/wiki/H%C3%A0_N%E1%BB%99i", "https://vi.wikipedia.org/wiki/H%C3%A0_N%E1%BB%99i"),
    ("https://example.vn/x\x01y", "https://example.vn/xy"),
    ("https://example.vn/100%", "https://example.vn/100%25"),
    ("tin-tuc/abc.html", "tin-tuc/abc.html"),  # a relative reference is a URI reference too
    ("a:b:c", "a:b:c"),
    (":x", "%3Ax"),
    ("http://", None), ("http:", None), ("//", None), ("", None), ("\x00", None),
])
def test_urls_become_valid_uris_or_nothing(url, uri):
    assert safe_uri(url) == uri
    assert uri is None or is_valid_uri(uri)


def test_control_characters_and_noncharacters_are_dropped():
    assert clean_text("a\x01b\x7fc\x9fd\ufffee\uffff\ufdd0\U0010fffff\ud800g\th\ni") == "abcdef" + "g\th\ni"
    assert clean_text("a\x01b", keep_length=True) == "a\ufffdb"
    assert normalize_text("Bộ\x00 trưởng\x0cnói\u2028") == "Bộ trưởng\nnói\n"


@given(ANY_TEXT)
def test_safe_uri_is_a_valid_uri_or_none(text):
    uri = safe_uri(text)
    assert uri is None or (is_valid_uri(uri) and uri.isascii())


@given(ANY_TEXT)
def test_clean_text_leaves_nothing_unsafe(text):
    assert not UNSAFE.search(clean_text(text))
    assert len(clean_text(text, keep_length=True)) == len(text)


# ---------------------------------------------------------------------------
# Whole builds of arbitrary articles


def write_articles(directory: Path, articles) -> None:
    used = set()
    for name, text, sidecar in articles:
        if name.casefold() in used:
            continue
        used.add(name.casefold())
        (directory / f"{name}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
        if sidecar is not None:
            (directory / f"{name}.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")


def strict_parse(path: Path) -> list:
    return list(ox.parse(path=str(path), format=write.rdf_format(path)))


@settings(SLOW, max_examples=25)
@given(ARTICLE)
@example(("a01", "Sáng 14/11, Bộ trưởng Bộ Tài chính Lê Văn\x01 Hòa\ufffe chủ trì hội nghị.",
          {"url": "https://báo.vn/tin tức|a", "title": "Hội\x00 nghị\uffff"}))
def test_an_arbitrary_article_builds_into_a_graph_that_parses_and_conforms(article):
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        src.mkdir()
        write_articles(src, [article])
        summary = build([src], out)
        for problem in summary.failures:  # only input errors may stop an article, never the mapping
            assert "sidecar" in problem[1] or "meta.json" in problem[0] or "empty file" in problem[1], problem
        if not summary.articles:  # an empty text: nothing written, and nothing else may fail
            assert summary.kept_previous and summary.files == []
            return
        assert {p.name for p in summary.files} == {"graph.ttl", "graph.trig", "graph.nq"}
        for path in summary.files:
            strict_parse(path)
        conforms, violations = validate.check_shacl(validate.read_graph(out / "graph.ttl"))
        assert conforms, "\n".join(map(str, violations))


@settings(SLOW, max_examples=3)
@given(st.lists(ARTICLE, min_size=4, max_size=8))
def test_arbitrary_corpora_validate_against_shapes_and_ontology(articles):
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        src.mkdir()
        write_articles(src, articles + [("anchor", "Thủ tướng Lê Minh Hòa chủ trì hội nghị.", None)])
        summary = build([src], out)
        assert summary.articles >= 1
        report = validate.validate(out / "graph.ttl")  # SHACL and HermiT
        assert report.conforms, report.text
