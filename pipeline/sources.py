"""What a build reads: article files, JSON Lines corpora and standard input.

`find(sources)` walks the files and directories given on the command line and returns
the files to read, and every path it left out with the reason (a file that is no
article, a hidden folder, a symbolic link that loops or leads nowhere, a folder it
cannot read...), so that nothing is skipped without a word. The companions of an
article (NAME.meta.json, NAME.gold.json, NAME.facts.json) are not reported: the build
reads sidecars, and gold and facts files belong beside the articles.

`expand(file)` turns one file into the articles it holds, as `ArticleSource` records a
worker process can read on its own: one for a text or HTML file, one per line of a
JSON Lines corpus (`{"text": ..., "id"?, "title"?, "published"?, "url"?}`), and the
bytes of standard input (`-`), read once here. Expansion is lazy, so a corpus of any
size streams through the build.
"""
from __future__ import annotations

import errno
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from .decode import DecodeError, gunzip, is_gzip

TEXT_SUFFIX = ".txt"
HTML_SUFFIXES = (".html", ".htm")
CORPUS_SUFFIX = ".jsonl"
ARTICLE_SUFFIXES = (TEXT_SUFFIX, *HTML_SUFFIXES, CORPUS_SUFFIX)
COMPRESSED_SUFFIX = ".gz"
COMPANION_SUFFIXES = (".meta.json", ".gold.json", ".facts.json")
STDIN = "-"
STDIN_NAME = "stdin"
_SAFE_NAME = re.compile(r"[^/\\\x00-\x1f]{1,200}")


class SourceError(Exception):
    """A source named on the command line that cannot be read; `path` and `problem`."""

    def __init__(self, path: Path | str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):
        return (type(self), (self.path, self.problem))


@dataclass(frozen=True)
class ArticleSource:
    """Where one article comes from: enough for a worker process to read it."""

    path: str  # the file, or "-" for standard input
    name: str  # the article's name (unique in a build: it names its graph and facts file)
    line: int | None = None  # the line of a JSON Lines corpus that holds it
    data: bytes | None = None  # the bytes themselves (standard input, a corpus line)
    warnings: tuple[str, ...] = ()  # said about it before it was read (a renamed article)

    @property
    def label(self) -> str:
        """How messages name it: the file, "<stdin>", or "corpus.jsonl:12"."""
        where = "<stdin>" if self.path == STDIN else self.path
        return f"{where}:{self.line}" if self.line is not None else where

    @property
    def file_name(self) -> str:
        return STDIN_NAME if self.path == STDIN else Path(self.path).name


@dataclass(frozen=True)
class Skipped:
    """A path the build left out, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Found:
    files: list[str]  # article files and corpora, in order; "-" for standard input
    skipped: list[Skipped]


def article_suffix(name: str) -> str | None:
    """The article suffix of a file name (".txt", ".html", ".htm", ".jsonl", each also
    gzip-compressed: "a.txt.gz"), or None."""
    lower = name.lower()
    if lower.endswith(COMPRESSED_SUFFIX):
        lower = lower[: -len(COMPRESSED_SUFFIX)]
    for suffix in ARTICLE_SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            return suffix
    return None


def name_of(file_name: str) -> str:
    """The article name of a file: without its article suffix and ".gz" ("d01" for
    "d01.txt.gz"); a corpus record's source "corpus.jsonl#ID" gives ID."""
    before, sep, after = file_name.partition("#")
    if sep and (article_suffix(before) == CORPUS_SUFFIX or before == STDIN_NAME):
        return after
    suffix = article_suffix(file_name)
    if suffix is None:
        return Path(file_name).stem
    cut = len(suffix) + (len(COMPRESSED_SUFFIX) if file_name.lower().endswith(COMPRESSED_SUFFIX) else 0)
    return file_name[:-cut]


# ---------------------------------------------------------------------------
# Walking the sources


def find(sources: Iterable[Path | str]) -> Found:
    """Every article file under the sources, in order (directories walked recursively,
    sorted, symbolic links followed once), and every path left out with its reason.

    A source named directly must exist and be an article file, a directory or "-";
    otherwise SourceError. A file reached twice is read once.
    """
    files: list[str] = []
    skipped: list[Skipped] = []
    seen_files: dict[tuple, str] = {}
    walked: dict[tuple, str] = {}
    for source in sources:
        if str(source) == STDIN:
            if STDIN not in files:
                files.append(STDIN)
            continue
        src = Path(source)
        if src.is_dir():
            _walk(src, files, skipped, seen_files, walked)
        elif src.is_file():
            if article_suffix(src.name) is None:
                raise SourceError(src, "not an article: expected a .txt, .html, .htm or .jsonl file (each "
                                  "optionally .gz), a directory, or - for standard input")
            _add(src, files, skipped, seen_files)
        elif src.is_symlink():
            raise SourceError(src, "a symbolic link that leads nowhere")
        elif src.exists():
            raise SourceError(src, "neither a file nor a directory")
        else:
            raise SourceError(src, "no such file or directory")
    return Found(files, skipped)


def _identity(path: Path | os.DirEntry) -> tuple:
    st = os.stat(path)
    return (st.st_dev, st.st_ino)


def _add(path: Path, files: list[str], skipped: list[Skipped], seen: dict[tuple, str]) -> None:
    key = _identity(path)
    if key in seen:
        if seen[key] != str(path):
            skipped.append(Skipped(str(path), f"the same file as {seen[key]}, read once"))
        return
    seen[key] = str(path)
    files.append(str(path))


def _broken_link(path: Path) -> str | None:
    """Why a symbolic link leads to nothing readable, or None if it does lead somewhere."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        return "a symbolic link that leads nowhere"
    return None


def _walk(root: Path, files, skipped, seen_files, walked) -> None:
    try:
        key = _identity(root)
    except OSError as exc:
        skipped.append(Skipped(str(root), f"cannot read: {exc.strerror or exc}"))
        return
    if key in walked:
        loop = Path(walked[key]) in root.parents or str(root).startswith(walked[key] + os.sep)
        skipped.append(Skipped(str(root), ("a symbolic link loop back to " if loop else "already walked as ")
                               + walked[key]))
        return
    walked[key] = str(root)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(Skipped(str(root), f"cannot read the folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            skipped.append(Skipped(str(path), "hidden (its name starts with a dot)"))
            continue
        broken = _broken_link(path) if entry.is_symlink() else None
        if broken:
            skipped.append(Skipped(str(path), broken))
            continue
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            skipped.append(Skipped(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        if is_dir:
            _walk(path, files, skipped, seen_files, walked)
        elif not is_file:
            skipped.append(Skipped(str(path), "not a regular file (a pipe, socket or device)"))
        elif article_suffix(entry.name) is not None:
            _add(path, files, skipped, seen_files)
        elif not entry.name.lower().endswith(COMPANION_SUFFIXES):
            kind = f"'{path.suffix}'" if path.suffix else "no suffix"
            skipped.append(Skipped(str(path), f"not an article ({kind}; articles are .txt, .html, .htm, "
                                   ".jsonl, optionally .gz)"))


# ---------------------------------------------------------------------------
# One file: the articles it holds


def safe_name(name: str) -> str | None:
    """`name` when it can name a file and a graph (no "/", no control characters, not
    hidden), else None."""
    name = name.strip()
    if _SAFE_NAME.fullmatch(name) and not name.startswith(".") and name not in ("", "..", "."):
        return name
    return None


def _looks_like_json_lines(data: bytes) -> bool:
    first = data.lstrip()[:1]
    if first != b"{":
        return False
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line, strict=False), dict)
    except ValueError:
        return False


def expand(file: str, stdin: IO[bytes] | None = None) -> Iterator[ArticleSource | SourceError]:
    """The articles of one file found by `find`: one, or one per corpus line. A corpus
    line that cannot be an article is yielded as a SourceError (the others go on)."""
    if file == STDIN:
        data = (stdin or sys.stdin.buffer).read()
        if is_gzip(data):
            try:
                data = gunzip(data)
            except DecodeError as exc:
                yield SourceError("<stdin>", str(exc))
                return
        if _looks_like_json_lines(data):
            yield from _records(STDIN, STDIN_NAME, data.splitlines(keepends=True))
        else:
            yield ArticleSource(path=STDIN, name=STDIN_NAME, data=data)
        return
    if article_suffix(Path(file).name) == CORPUS_SUFFIX:
        yield from _corpus(file)
        return
    yield ArticleSource(path=file, name=name_of(Path(file).name))


def _corpus(file: str) -> Iterator[ArticleSource | SourceError]:
    import gzip

    try:
        with open(file, "rb") as probe:
            compressed = is_gzip(probe.read(2))
        opener = gzip.open if compressed else open
        with opener(file, "rb") as fh:
            yield from _records(file, name_of(Path(file).name), fh)
    except (OSError, EOFError) as exc:
        yield SourceError(file, f"cannot read the corpus: {getattr(exc, 'strerror', None) or exc}")


def _records(file: str, stem: str, lines: Iterable[bytes]) -> Iterator[ArticleSource | SourceError]:
    """One ArticleSource per non-blank line (its bytes; parsed again by the worker)."""
    where = "<stdin>" if file == STDIN else file
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw, strict=False)
        except ValueError as exc:
            yield SourceError(f"{where}:{number}", f"not a JSON line: {exc}")
            continue
        if not isinstance(record, dict):
            yield SourceError(f"{where}:{number}", f"expected a JSON object, found {type(record).__name__}")
            continue
        given = record.get("id")
        warnings = ()
        if given is None or str(given).strip() == "":
            name = f"{stem}-{number}"
        else:
            name = safe_name(str(given))
            if name is None:
                from .iris import article_id

                name = article_id(str(given))
                warnings = (f'"id" {str(given)!r} cannot name a file or graph: named {name!r}',)
        yield ArticleSource(path=file, name=name, line=number, data=bytes(raw), warnings=warnings)
