"""Stage 1: find article files and read them into `Article` records.

An article is a UTF-8 text file `NAME.txt`, optionally with a sidecar
`NAME.meta.json` beside it: `{"published": "YYYY-MM-DD" | null, "title": ...,
"url" | "source": ...}`. The text is normalized on the way in (`normalize_text`:
BOM, CRLF, NFD, tone placement), so every later stage sees one spelling.

Bad input raises `ArticleError`, whose message names the file and the problem,
so a build can report it and carry on with the other articles.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Iterable

from .model import Article
from .normalize import normalize_text

ARTICLE_SUFFIX = ".txt"
META_SUFFIX = ".meta.json"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


class ArticleError(Exception):
    """An article (or its sidecar, or a source path) that cannot be read.

    `path` is the offending file; `problem` says what is wrong with it.
    """

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # keep both fields when sent back from a worker process
        return (type(self), (self.path, self.problem))


def article_name(path: Path | str) -> str:
    """The article's name: its file name without `.txt` ("d01" for "dev/d01.txt")."""
    name = Path(path).name
    return name[: -len(ARTICLE_SUFFIX)] if name.endswith(ARTICLE_SUFFIX) else Path(name).stem


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


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 text (a leading BOM is allowed), or an error saying where the first bad byte is."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.end].hex(" ")
        raise ArticleError(
            path,
            f"not UTF-8: invalid byte(s) 0x{bad} at byte offset {exc.start} "
            f"(line {line}, byte {column} of the line); save the file as UTF-8",
        ) from None


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
    text = _decode(side, _read_bytes(side)).lstrip("\ufeff")
    try:
        meta = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(side, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(meta, dict):
        raise ArticleError(side, f"expected a JSON object, found {type(meta).__name__}")
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


def read_article(path: Path | str) -> Article:
    """One article: the normalized text of `NAME.txt` and the fields of its sidecar."""
    path = Path(path)
    data = _read_bytes(path)
    if not data:
        raise ArticleError(path, "empty file")
    text = normalize_text(_decode(path, data))
    if not text.strip():
        raise ArticleError(path, "empty file (only whitespace)")
    meta = read_meta(path)
    return Article(
        name=article_name(path),
        source=path.name,
        text=text,
        published=meta.get("published"),
        title=meta.get("title"),
        url=meta.get("url"),
    )


def find_articles(sources: Iterable[Path | str]) -> list[Path]:
    """Every `*.txt` under the given files and directories, recursively.

    Directories are walked in sorted order, skipping hidden ones (`.git`, `.venv`);
    a file named directly must be a `.txt`. A file reached twice is listed once.
    A source that does not exist raises `ArticleError`.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for source in sources:
        src = Path(source)
        if src.is_dir():
            candidates = sorted(
                p
                for p in src.rglob("*" + ARTICLE_SUFFIX)
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(src).parts)
            )
        elif src.is_file():
            if src.suffix != ARTICLE_SUFFIX:
                raise ArticleError(src, f"not an article: expected a {ARTICLE_SUFFIX} file or a directory")
            candidates = [src]
        elif src.exists():
            raise ArticleError(src, "neither a file nor a directory")
        else:
            raise ArticleError(src, "no such file or directory")
        for p in candidates:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                found.append(p)
    return found
