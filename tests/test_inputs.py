"""News as users have it: text in other encodings, HTML pages, JSON Lines corpora, gzip,
standard input; every skipped path reported; reserved and duplicate names.

All texts are our own sentences.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.ingest import ArticleError, read_article, read_source
from pipeline.normalize import normalize_text
from pipeline.sources import ArticleSource, expand, find

REPO = Path(__file__).resolve().parents[1]
TEXT = ("Sáng 14/11, tại Trụ sở Tỉnh ủy Hà Tĩnh, Bí thư Tỉnh ủy Hà Tĩnh Phan Đình Lộc chủ trì hội nghị "
        "Ban Thường vụ Tỉnh ủy. Đồng chí yêu cầu Ủy ban nhân dân tỉnh Hà Tĩnh đẩy nhanh tiến độ các "
        "công trình trọng điểm.\n"
        "Chiều cùng ngày, Phó Chủ tịch UBND tỉnh Hà Tĩnh Lê Thị Vân tiếp đoàn công tác của Bộ Nội vụ.\n")
PAGE = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Hội nghị Ban Thường vụ Tỉnh ủy | Báo Hà Tĩnh</title>
<meta property="og:url" content="https://baohatinh.example/hoi-nghi.html">
<meta property="article:published_time" content="2025-11-14T08:00:00+07:00">
<script>var banner = "Thủ tướng yêu cầu quảng cáo";</script><style>p {{ color: red }}</style></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a> | <a href="/kinh-te">Kinh tế</a></nav>
<article><h1>Hội nghị Ban Thường vụ Tỉnh ủy</h1>
{''.join(f"<p>{line}</p>" for line in TEXT.splitlines())}
</article><footer>Bản quyền thuộc về Báo Hà Tĩnh. Liên hệ quảng cáo: 0123 456 789.</footer></body></html>
"""
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Text in Windows-1258: precomposed base letters, tone marks as combining characters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def read(path: Path):
    return read_source(ArticleSource(path=str(path), name=path.name.split(".")[0]))


# ---------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("encode, assumed", [
    (lambda t: t.encode("utf-16"), "read as UTF-16 (its byte order mark says so)"),
    (lambda t: t.encode("utf-16-be"), "read as UTF-16"),  # no BOM: detected
    (lambda t: t.encode("utf-32"), "read as UTF-32 (its byte order mark says so)"),
    (cp1258, "read as windows-1258"),
], ids=["utf16-bom", "utf16be-no-bom", "utf32-bom", "windows-1258"])
def test_encodings_are_read_where_the_bytes_tell_with_a_warning(tmp_path, encode, assumed):
    path = tmp_path / "a01.txt"
    path.write_bytes(encode(TEXT))
    got = read(path)
    assert got.article.text == normalize_text(TEXT)
    assert len(got.warnings) == 1 and assumed in got.warnings[0]


def test_utf8_gives_no_warning(tmp_path):
    path = tmp_path / "a01.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert read(path).warnings == []


# ---------------------------------------------------------------------------
# HTML


def test_an_html_page_gives_its_main_text_and_metadata(tmp_path):
    path = tmp_path / "a01.html"
    path.write_text(PAGE, encoding="utf-8")
    got = read(path)
    text = got.article.text
    assert "Phan Đình Lộc chủ trì hội nghị" in text and "Lê Thị Vân tiếp đoàn" in text
    for noise in ("<", "quảng cáo", "Trang chủ", "banner", "color"):
        assert noise not in text, noise
    assert got.article.title and "Hội nghị Ban Thường vụ Tỉnh ủy" in got.article.title
    assert got.article.published == dt.date(2025, 11, 14)
    assert got.article.url == "https://baohatinh.example/hoi-nghi.html"
    assert got.article.name == "a01" and got.article.source == "a01.html"
    assert got.warnings == []


def test_a_sidecar_wins_over_the_page_metadata(tmp_path):
    (tmp_path / "a01.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a01.meta.json").write_text('{"published": "2025-11-15", "title": "Tiêu đề khác"}', encoding="utf-8")
    article = read(tmp_path / "a01.htm").article
    assert article.published == dt.date(2025, 11, 15) and article.title == "Tiêu đề khác"
    assert article.url == "https://baohatinh.example/hoi-nghi.html"  # the sidecar has none


def test_html_saved_as_txt_is_detected_and_warned_about(tmp_path):
    path = tmp_path / "a01.txt"
    path.write_text(PAGE, encoding="utf-8")
    got = read(path)
    assert "<p>" not in got.article.text and "Phan Đình Lộc" in got.article.text
    assert any("looks like an HTML page" in w for w in got.warnings)


def test_html_recall_matches_the_plain_text(tmp_path):
    (tmp_path / "plain").mkdir()
    (tmp_path / "page").mkdir()
    (tmp_path / "plain" / "a01.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "page" / "a01.txt").write_text(PAGE, encoding="utf-8")
    plain = build([tmp_path / "plain"], tmp_path / "out1")
    page = build([tmp_path / "page"], tmp_path / "out2")
    for kind in ("persons", "positions", "directives"):
        assert page.counts[kind] == plain.counts[kind] > 0, kind


def test_a_page_without_main_text_is_an_error(tmp_path):
    path = tmp_path / "a01.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><div></div></body></html>", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"a01\.html: an HTML page with no main text"):
        read(path)


# ---------------------------------------------------------------------------
# Compressed files, JSON Lines corpora, standard input


def test_gzip_compressed_text_and_html(tmp_path):
    (tmp_path / "a01.txt.gz").write_bytes(gzip.compress(TEXT.encode("utf-8")))
    (tmp_path / "a02.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    a01, a02 = read_article(tmp_path / "a01.txt.gz"), read_article(tmp_path / "a02.html.gz")
    assert a01.name == "a01" and a01.text == normalize_text(TEXT)
    assert a02.name == "a02" and "Phan Đình Lộc" in a02.text and "<" not in a02.text


def corpus_lines() -> list[str]:
    return [
        json.dumps({"id": "h01", "text": TEXT, "title": "Hội nghị", "published": "2025-11-14",
                    "url": "https://example.vn/h01"}, ensure_ascii=False),
        "",  # blank lines are nothing
        json.dumps({"text": TEXT.replace("Hà Tĩnh", "Nghệ An")}, ensure_ascii=False),  # no id: corpus-3
        "{not json",
        json.dumps({"id": "h04", "title": "no text"}),
        json.dumps({"id": "h05", "text": PAGE}, ensure_ascii=False),  # HTML inside a record
        json.dumps({"id": "a/b", "text": TEXT}, ensure_ascii=False),  # an id that cannot name a file
    ]


def test_a_json_lines_corpus_gives_one_article_per_line(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(corpus_lines()) + "\n", encoding="utf-8")
    items = list(expand(str(corpus)))
    names = [getattr(i, "name", None) for i in items]
    assert names[:2] == ["h01", "corpus-3"] and names[5].startswith("a-b-")
    bad = items[2]
    assert bad.path == f"{corpus}:4" and "not a JSON line" in bad.problem
    first = read_source(items[0])
    assert first.article.source == "corpus.jsonl#h01" and first.article.published == dt.date(2025, 11, 14)
    assert first.article.title == "Hội nghị" and first.article.url == "https://example.vn/h01"
    with pytest.raises(ArticleError, match=r"corpus\.jsonl:5: \"text\" is missing"):
        read_source(items[3])
    page = read_source(items[4])
    assert "<" not in page.article.text and any("HTML" in w for w in page.warnings)
    assert any("cannot name a file" in w for w in items[5].warnings)


def test_a_compressed_corpus_builds_and_bad_lines_fail_alone(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "news.jsonl.gz").write_bytes(gzip.compress(("\n".join(corpus_lines()) + "\n").encode("utf-8")))
    summary = build([src], tmp_path / "out")
    assert summary.articles == 4  # h01, news-3, h05, the renamed a/b
    failed = dict(summary.failures)
    assert set(failed) == {f"{src / 'news.jsonl.gz'}:4", f"{src / 'news.jsonl.gz'}:5"}
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    assert '"news.jsonl.gz#h01"' in nq and "graph/news-3>" in nq


def govkg(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=REPO, env=env, input=stdin,
                          capture_output=True, timeout=600)


def test_standard_input_as_text_and_as_a_corpus(tmp_path):
    result = govkg("build", "-", "--out", tmp_path / "one", "--no-validate", "-v", stdin=TEXT.encode("utf-16"))
    out = result.stdout.decode()
    assert result.returncode == 0, out + result.stderr.decode()
    assert "  stdin: persons=" in out and "read as UTF-16" in out
    nq = (tmp_path / "one" / "graph.nq").read_text(encoding="utf-8")
    assert "graph/stdin>" in nq
    lines = "\n".join(json.dumps({"id": f"s{k}", "text": TEXT}, ensure_ascii=False) for k in (1, 2))
    result = govkg("build", "-", "--out", tmp_path / "two", "--no-validate", "-v", stdin=lines.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert "  s1: " in result.stdout.decode() and "  s2: " in result.stdout.decode()
    facts = govkg("facts", tmp_path / "two" / "graph.ttl", "--out", tmp_path / "facts")
    assert facts.returncode == 0
    assert sorted(p.name for p in (tmp_path / "facts").iterdir()) == ["s1.facts.json", "s2.facts.json"]


# ---------------------------------------------------------------------------
# Every skipped path is reported


def test_every_skipped_path_is_reported(tmp_path):
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a01.txt").write_text(TEXT, encoding="utf-8")
    (src / "a01.meta.json").write_text("{}", encoding="utf-8")  # a sidecar: no report
    (src / "a01.gold.json").write_text("{}", encoding="utf-8")
    (src / "notes.md").write_text("notes", encoding="utf-8")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (src / ".hidden").mkdir()
    (src / ".hidden" / "x.txt").write_text(TEXT, encoding="utf-8")
    (src / "sub" / "up").symlink_to(src)  # a loop back to the root
    (src / "sub" / "self").symlink_to(src / "sub" / "self")  # a link to itself
    (src / "dangling.txt").symlink_to(src / "missing.txt")
    (src / "alias.txt").symlink_to(src / "a01.txt")  # the same file twice
    os.mkfifo(src / "pipe.txt")
    found = find([src])
    assert found.files == [str(src / "a01.txt")]
    reasons = {Path(s.path).name: s.reason for s in found.skipped}
    assert reasons == {
        ".hidden": "hidden (its name starts with a dot)",
        "alias.txt": f"the same file as {src / 'a01.txt'}, read once",
        "dangling.txt": "a symbolic link that leads nowhere",
        "notes.md": "not an article ('.md'; articles are .txt, .html, .htm, .jsonl, optionally .gz)",
        "photo.jpg": "not an article ('.jpg'; articles are .txt, .html, .htm, .jsonl, optionally .gz)",
        "pipe.txt": "not a regular file (a pipe, socket or device)",
        "self": "a symbolic link loop",
        "up": f"a symbolic link loop back to {src}",
    }


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):
    src = tmp_path / "src"
    (src / "locked").mkdir(parents=True)
    (src / "a01.txt").write_text(TEXT, encoding="utf-8")
    if os.geteuid() != 0:  # a real permission error
        (src / "locked").chmod(0)
    else:  # root reads every folder: the same error, raised by os.scandir
        real = os.scandir

        def scandir(path):
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        found = find([src])
    finally:
        (src / "locked").chmod(0o755)
    assert found.files == [str(src / "a01.txt")]
    assert [(Path(s.path).name, s.reason) for s in found.skipped] == [
        ("locked", "cannot read the folder: Permission denied")]


def test_skipped_paths_are_listed_or_counted_by_the_cli(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a01.txt").write_text(TEXT, encoding="utf-8")
    (src / "notes.md").write_text("notes", encoding="utf-8")
    (src / "b.pdf").write_bytes(b"%PDF")
    loud = govkg("build", src, "--out", tmp_path / "out", "--no-validate").stdout.decode()
    assert "skipped: 2" in loud and f"  {src / 'notes.md'}: not an article" in loud and "b.pdf" in loud
    quiet = govkg("build", src, "--out", tmp_path / "out", "--no-validate", "-q").stdout.decode()
    assert "skipped: 2 (run without --quiet to list them)" in quiet and "notes.md" not in quiet


# ---------------------------------------------------------------------------
# Names


def test_a_reserved_article_name_is_renamed_with_a_warning(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "reference.txt").write_text(TEXT, encoding="utf-8")
    summary = build([src], tmp_path / "out")
    assert summary.ok and summary.articles == 1
    assert any("'reference' is reserved" in w and "'reference-article'" in w for _, w in summary.warnings)
    nq = (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")
    article_lines = [line for line in nq.splitlines() if "reference.txt" in line]
    assert article_lines and all(line.endswith("<https://w3id.org/govkg/graph/reference-article> .")
                                 for line in article_lines)
