"""Stage 1: reading articles and their sidecars, and finding them under a source."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from pipeline.ingest import ArticleError, find_articles, read_article

TEXT = "Sáng 5-3, Thủ tướng Lê Văn Hòa chủ trì phiên họp của Ủy ban nhân dân tỉnh Thanh Hóa.\nÔng yêu cầu..."


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: unicodedata.normalize("NFD", t).encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + unicodedata.normalize("NFD", t).replace("\n", "\r\n").encode("utf-8"),
        # the other tone placement: "Hoà", "Uỷ"
        lambda t: t.replace("Hòa", "Hoà").replace("Ủy", "Uỷ").encode("utf-8"),
    ],
    ids=["nfc", "nfd", "crlf", "bom", "bom-nfd-crlf", "tone-placement"],
)
def test_spellings_of_one_text_give_one_article_text(tmp_path, encode):
    expected = read_article(_write(tmp_path / "ref.txt", TEXT.encode("utf-8"))).text
    article = read_article(_write(tmp_path / "a01.txt", encode(TEXT)))
    assert article.text == expected
    assert unicodedata.is_normalized("NFC", article.text)
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    assert article.name == "a01" and article.source == "a01.txt"


def test_sidecar_is_read(tmp_path):
    txt = _write(tmp_path / "a01.txt", TEXT.encode("utf-8"))
    (tmp_path / "a01.meta.json").write_text(
        '{"published": "2025-11-14", "title": "Phiên họp Ủy ban", "url": "https://example.vn/a01"}', encoding="utf-8"
    )
    article = read_article(txt)
    assert article.published == dt.date(2025, 11, 14)
    assert article.title == "Phiên họp Ủy ban"
    assert article.url == "https://example.vn/a01"


def test_sidecar_is_optional_and_null_date_allowed(tmp_path):
    txt = _write(tmp_path / "a01.txt", TEXT.encode("utf-8"))
    assert read_article(txt).published is None
    (tmp_path / "a01.meta.json").write_text(
        '{"published": null, "title": null, "source": "original text written for this project"}', encoding="utf-8"
    )
    article = read_article(txt)
    assert article.published is None and article.title is None
    assert article.url is None  # a "source" that is not a URL is not an address
    (tmp_path / "a01.meta.json").write_text('{"source": "https://example.vn/x"}', encoding="utf-8")
    assert read_article(txt).url == "https://example.vn/x"


@pytest.mark.parametrize(
    "data, meta, problem",
    [
        (b"", None, r"a01\.txt: empty file"),
        (b" \r\n\t\n", None, r"a01\.txt: empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, None,
         r"a01\.txt: not UTF-8 \(invalid byte\(s\) 0x89 at byte offset 0 .*not a text file"),
        (b"abc\nd\xe9f", None, r"a01\.txt: not UTF-8 \(invalid byte\(s\) 0xe9 at byte offset 5 \(line 2"),
        (b"\x1f\x8b\x08\x00broken", None, r"a01\.txt: not a valid gzip file"),
        (TEXT.encode(), '{"published": "2025-11-14",\n "title": }', r"a01\.meta\.json: malformed JSON at line 2 column 11"),
        (TEXT.encode(), '["2025-11-14"]', r"a01\.meta\.json: expected a JSON object"),
        (TEXT.encode(), '{"published": "14/11/2025"}', r"a01\.meta\.json: bad date in \"published\": '14/11/2025'"),
        (TEXT.encode(), '{"published": "2025-02-30"}', r"a01\.meta\.json: bad date in \"published\": '2025-02-30'"),
        (TEXT.encode(), '{"published": 20251114}', r"a01\.meta\.json: bad date in \"published\""),
        (TEXT.encode(), '{"title": 3}', r"a01\.meta\.json: \"title\" must be a string"),
    ],
    ids=["empty", "blank", "binary", "short-latin1", "broken-gzip", "json-syntax", "json-not-object", "date-format",
         "date-invalid", "date-number", "title-type"],
)
def test_bad_input_names_the_file_and_the_problem(tmp_path, data, meta, problem):
    txt = _write(tmp_path / "a01.txt", data)
    if meta is not None:
        (tmp_path / "a01.meta.json").write_text(meta, encoding="utf-8")
    with pytest.raises(ArticleError, match=problem) as info:
        read_article(txt)
    assert str(tmp_path) in str(info.value)


def test_unreadable_or_missing_file(tmp_path):
    with pytest.raises(ArticleError, match=r"nope\.txt: no such file"):
        read_article(tmp_path / "nope.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(ArticleError, match=r"dir\.txt: is a directory"):
        read_article(tmp_path / "dir.txt")


def test_find_articles_walks_sources(tmp_path):
    for rel in ["b/d02.txt", "b/c/d03.txt", "a01.txt", "b/d02.gold.json", "b/d02.facts.json",
                "b/d02.meta.json", "b/notes.md", ".hidden/x.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    found = find_articles([tmp_path / "b", tmp_path / "a01.txt", tmp_path])
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["b/c/d03.txt", "b/d02.txt", "a01.txt"]  # each once, sorted per source
    with pytest.raises(ArticleError, match=r"missing: no such file or directory"):
        find_articles([tmp_path / "missing"])
    with pytest.raises(ArticleError, match=r"d02\.gold\.json: not an article"):
        find_articles([tmp_path / "b" / "d02.gold.json"])


def test_dev_set_reads(tmp_path):
    """The shared dev set, NFD + CRLF included, when it is beside the repository."""
    from pathlib import Path

    dev = Path(__file__).resolve().parents[2] / "shared" / "dev"
    if not dev.is_dir():
        pytest.skip(f"{dev} not found")
    for path in find_articles([dev]):
        article = read_article(path)
        assert unicodedata.is_normalized("NFC", article.text) and "\r" not in article.text
