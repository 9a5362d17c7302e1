"""Stage 1: read articles into `Article` records.

An article is a news text as users have it (see sources.py for how they are found):

- `NAME.txt`, plain text, optionally with a sidecar `NAME.meta.json` beside it:
  `{"published": "YYYY-MM-DD" | null, "title": ..., "url" | "source": ...}`;
- `NAME.html` / `NAME.htm`, a saved web page, or HTML saved as .txt: its main text
  through trafilatura (webpage.py), its title, date and URL standing in for a sidecar
  when there is none;
- a line of a JSON Lines corpus: `{"text": ..., "id"?, "title"?, "published"?, "url"?}`;
- any of these gzip-compressed, or on standard input.

Bytes become text in decode.py (UTF-8; UTF-16 and others where the bytes tell, with a
warning saying what was assumed), and the text is normalized on the way in
(`normalize_text`: BOM, line ends, NFD, tone placement, unsafe characters), so every
later stage sees one spelling.

Bad input raises `ArticleError`, whose message names the file and the problem, so a
build can report it and carry on with the other articles.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import timing
from .decode import DecodeError, decode, gunzip, is_gzip
from .model import Article
from .normalize import normalize_text
from .sources import (HTML_SUFFIXES, STDIN, ArticleSource, SourceError, article_suffix, expand, find,
                      name_of)

ARTICLE_SUFFIX = ".txt"
META_SUFFIX = ".meta.json"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")

# An ArticleError is a SourceError: the file (or corpus line) and its problem.
ArticleError = SourceError


@dataclass
class Ingested:
    """An article as read, and what was assumed to read it (encoding, HTML, renames)."""

    article: Article
    warnings: list[str] = field(default_factory=list)


def article_name(path: Path | str) -> str:
    """The article's name: its file name without the article suffix ("d01" for
    "dev/d01.txt" or "d01.html.gz"; "a17" for the corpus record "news.jsonl#a17")."""
    return name_of(Path(path).name if "#" not in str(path) else str(path).rsplit("/", 1)[-1])


def meta_path(path: Path) -> Path:
    """The sidecar of `NAME.txt`: `NAME.meta.json` in the same directory."""
    return path.with_name(article_name(path) + META_SUFFIX)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read file: {exc.strerror or exc}") from None


def _decode_utf8(path: Path, data: bytes) -> str:
    """A sidecar: UTF-8 (JSON's encoding; a leading BOM is allowed)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise ArticleError(path, f"not UTF-8: invalid byte(s) 0x{bad} at byte offset {exc.start} (line {line}); "
                           "save the file as UTF-8") from None


def _parse_date(path: Path, value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ArticleError(path, f'bad date in "published": {value!r} ({exc})') from None
    raise ArticleError(path, f'bad date in "published": {value!r} (expected "YYYY-MM-DD" or null)')


def _optional_str(path: Path, meta: dict, key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(path, f'"{key}" must be a string or null, not {type(value).__name__}')
    return normalize_text(value).strip() or None


def read_meta(path: Path) -> dict:
    """The sidecar of an article as a dict with `published`, `title`, `url` ({} if there is none)."""
    side = meta_path(path)
    if not side.exists():
        return {}
    text = _decode_utf8(side, _read_bytes(side)).lstrip("\ufeff")
    try:
        meta = json.loads(text, strict=False)  # a raw control character in a string: dropped later
    except json.JSONDecodeError as exc:
        raise ArticleError(side, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(meta, dict):
        raise ArticleError(side, f"expected a JSON object, found {type(meta).__name__}")
    return _fields(side, meta)


def _fields(where: Path | str, meta: dict) -> dict:
    """`published`, `title` and `url` of a sidecar or a corpus record, checked."""
    side = where
    url = _optional_str(side, meta, "url")
    if url is None:
        # "source" is a locator when it is a URL; otherwise it describes the provenance
        # in words ("original text written for this project") and is not an address.
        source = _optional_str(side, meta, "source")
        url = source if source and _URL.fullmatch(source) else None
    return {
        "published": _parse_date(side, meta.get("published")),
        "title": _optional_str(side, meta, "title"),
        "url": url,
    }


def _page(where: str, text: str, meta: dict, warnings: list[str], named_html: bool) -> tuple[str, dict]:
    """The main text of an HTML page, and the page's metadata where `meta` has none."""
    from .webpage import PageError, main_text

    if not named_html:
        warnings.append("looks like an HTML page, not plain text: reading its main text (trafilatura)")
    try:
        page = main_text(text)
    except PageError as exc:
        raise ArticleError(where, str(exc)) from None
    found = {"published": _parse_date(where, page.published) if page.published else None,
             "title": normalize_text(page.title).strip() if page.title else None,
             "url": page.url}
    return page.text, {k: meta.get(k) if meta.get(k) is not None else found[k] for k in found}


def _article(src: ArticleSource, source: str, text: str, meta: dict) -> Article:
    with timing.stage("normalize"):
        text = normalize_text(text)
    if not text.strip():
        raise ArticleError(src.label, "empty file (only whitespace)" if src.line is None else '"text" is empty')
    return Article(name=src.name, source=source, text=text, published=meta.get("published"),
                   title=meta.get("title"), url=meta.get("url"))


def _read_record(src: ArticleSource) -> Ingested:
    """One line of a JSON Lines corpus."""
    from .webpage import looks_like_html

    record = json.loads(src.data, strict=False)
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleError(src.label, '"text" is missing or not a string')
    meta = _fields(src.label, {k: record.get(k) for k in ("published", "title", "url", "source")})
    warnings = list(src.warnings)
    if looks_like_html(text):
        text, meta = _page(src.label, text, meta, warnings, named_html=False)
    return Ingested(_article(src, f"{src.file_name}#{src.name}", text, meta), warnings)


def read_source(src: ArticleSource) -> Ingested:
    """The article `src` points at, read, decoded and normalized (see the module docstring)."""
    from .webpage import looks_like_html

    if src.line is not None:
        return _read_record(src)
    path = Path(src.path)
    data = src.data if src.data is not None else _read_bytes(path)
    if not data:
        raise ArticleError(src.label, "empty file")
    warnings = list(src.warnings)
    try:
        if is_gzip(data):
            data = gunzip(data)
        named_html = article_suffix(path.name) in HTML_SUFFIXES
        text, note = decode(data, html=named_html or b"<" in data[:1024])
    except DecodeError as exc:
        raise ArticleError(src.label, str(exc)) from None
    if note:
        warnings.append(note)
    meta = read_meta(path) if src.path != STDIN else {}
    if named_html or looks_like_html(text):
        text, meta = _page(src.label, text, meta, warnings, named_html)
    return Ingested(_article(src, src.file_name, text, meta), warnings)


def read_article(path: Path | str) -> Article:
    """One article file (text, HTML, compressed or not) and the fields of its sidecar."""
    path = Path(path)
    return read_source(ArticleSource(path=str(path), name=article_name(path))).article


def find_articles(sources: Iterable[Path | str]) -> list[Path]:
    """Every article file under the given files and directories (see sources.find)."""
    return [Path(f) for f in find(sources).files if f != STDIN]


__all__ = ["ArticleError", "ArticleSource", "Ingested", "article_name", "expand", "find", "find_articles",
           "read_article", "read_meta", "read_source"]
