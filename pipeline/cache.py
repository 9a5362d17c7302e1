"""Incremental builds: each article's result kept in the output folder, reused while valid.

A build keeps what every article gave (its quads, counts and warnings) in
`OUT/.cache/`, one small gzip-compressed JSON file per article (about a tenth of the
article's N-Quads), written atomically (atomic.py). The entry is keyed by a digest of

- the article's source bytes: the text or HTML file and its sidecar `NAME.meta.json`,
  or the bytes of a JSON Lines record or of standard input, as sources.py gives them;
- its name, file name and the warnings said about it before it was read (a rename);
- the pipeline itself (`pipeline_digest`): every file of the package and of the data
  folder (vocabularies, constructions, ontology, config), the package's version and the
  versions of the libraries that read and extract (spaCy, underthesea, trafilatura...).

The next build reads an article whose entry holds the same key from the cache instead
of extracting it again, so a rebuild after one article changed extracts that one only;
a change of code or vocabulary changes every key and rebuilds everything. The output
files are the same bytes either way (the writer sorts every quad). Failed articles
are never cached, and after a build the entries of articles it did not build (removed
from the sources, or failed) are deleted. `reuse=False` (`govkg build --no-cache`)
extracts every article and refreshes the cache with the results.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from . import atomic, resources
from .sources import ArticleSource

CACHE_DIR = ".cache"
ENTRY_SUFFIX = ".json.gz"
FORMAT = 1  # the layout of an entry; a new layout makes old entries misses
LIBRARIES = ("govkg", "spacy", "underthesea", "underthesea-core", "trafilatura", "charset-normalizer",
             "rdflib", "pyoxigraph")
PACKAGE_DIR = Path(__file__).resolve().parent
_SKIPPED_PARTS = ("__pycache__",)


@dataclass
class Entry:
    """What a cached article gave, as the build needs it."""

    counts: dict[str, int]
    quads: list[tuple]
    warnings: list[str]


def _digest(parts: Iterable[bytes]) -> str:
    """sha256 over length-prefixed parts, so no two lists of parts give one digest."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def tree_digest(folder: Path) -> str:
    """A digest of every file under `folder`: relative paths and bytes, in sorted order."""
    files = sorted(p for p in folder.rglob("*")
                   if p.is_file() and not any(part in _SKIPPED_PARTS for part in p.parts) and p.suffix != ".pyc")
    return _digest(x for p in files for x in (p.relative_to(folder).as_posix().encode(), p.read_bytes()))


def _library_versions() -> list[bytes]:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none".encode())
    return versions


@lru_cache(maxsize=4)
def _pipeline_digest(package: Path, data: Path) -> str:
    return _digest([tree_digest(package).encode(), tree_digest(data).encode(), *_library_versions()])


def pipeline_digest() -> str:
    """A digest of the code, the data folder (resources.ontology_dir) and the versions."""
    return _pipeline_digest(PACKAGE_DIR, resources.ontology_dir().resolve())


def _file_bytes(path: Path) -> bytes:
    """A file's bytes, or b"" when there is none (a text file without a sidecar)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def source_key(src: ArticleSource, pipeline: str) -> str | None:
    """The cache key of an article source, or None when its file cannot be read (the
    build then reports the problem as it would without a cache)."""
    from .ingest import meta_path

    try:
        if src.data is not None:
            data = [src.data, b""]
        else:
            data = [Path(src.path).read_bytes(), _file_bytes(meta_path(Path(src.path)))]
    except OSError:
        return None
    where = [src.name, src.file_name, "record" if src.line is not None else "file", *src.warnings]
    return _digest([pipeline.encode(), *data, *(w.encode() for w in where)])


def entry_file(folder: Path, name: str) -> Path:
    """The entry of article `name` (named by a digest: names may not fit a file name)."""
    return folder / (hashlib.sha256(name.encode()).hexdigest()[:32] + ENTRY_SUFFIX)


def nquads_text(quads: Iterable[tuple]) -> str:
    """Quads of rdflib terms as N-Quads lines."""
    from .write import to_oxigraph

    lines = []
    for s, p, o, g in quads:
        graph = "" if g is None else f" {to_oxigraph(g)}"
        lines.append(f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)}{graph} .\n")
    return "".join(lines)


def _term(term) -> URIRef | BNode | Literal | None:
    """A pyoxigraph term as rdflib's, the lexical form of a literal kept as written."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return None
    if term.language:
        return Literal(term.value, lang=term.language, normalize=False)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value, normalize=False)
    return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)


def parse_quads(text: str) -> list[tuple]:
    """N-Quads lines as quads of rdflib terms (the inverse of `nquads_text`)."""
    parsed = ox.parse(input=text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    terms: dict = {}  # each term converted once: most repeat (the graph, predicates, subjects)

    def term(t):
        if t not in terms:
            terms[t] = _term(t)
        return terms[t]

    return [(term(q.subject), term(q.predicate), term(q.object), term(q.graph_name)) for q in parsed]


class ArticleCache:
    """The cache of one output folder (see the module docstring)."""

    def __init__(self, out_dir: Path | str, reuse: bool = True, validated: bool = True):
        self.folder = Path(out_dir) / CACHE_DIR
        self.reuse = reuse
        # a result checked against the shapes is not the same as one that was not
        self.pipeline = pipeline_digest() + ("+validated" if validated else "")
        self._keys: dict[str, str] = {}  # article name -> key of the source being built
        atomic.remove_stale(self.folder)

    def lookup(self, src: ArticleSource) -> Entry | None:
        """The cached result of `src` when its entry holds the same key, else None (and
        the key is kept, for `store` to file the result under)."""
        key = source_key(src, self.pipeline)
        if key is None:
            return None
        entry = self._read(src.name, key) if self.reuse else None
        if entry is None:
            self._keys[src.name] = key
        return entry

    def _read(self, name: str, key: str) -> Entry | None:
        """The entry of `name` if it holds `key`; a missing, stale or unreadable one is a miss."""
        try:
            data = json.loads(gzip.decompress(entry_file(self.folder, name).read_bytes()))
            if data.get("format") != FORMAT or data.get("key") != key or data.get("name") != name:
                return None
            return Entry(counts=dict(data["counts"]), quads=parse_quads(data["quads"]),
                         warnings=list(data["warnings"]))
        except (OSError, EOFError, ValueError, KeyError, TypeError, SyntaxError):
            return None

    def store(self, name: str, ok: bool, counts: dict[str, int], quads: list[tuple], warnings: list[str]) -> None:
        """File a built article under the key `lookup` computed for it; a failed one is not filed."""
        key = self._keys.pop(name, None)
        if key is None or not ok:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT, "name": name, "key": key, "counts": counts, "warnings": warnings,
                "quads": nquads_text(quads)}
        with atomic.atomic_write(entry_file(self.folder, name), "wb") as fh:
            fh.write(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), compresslevel=6))

    def prune(self, built: Iterable[str]) -> list[Path]:
        """Delete the entries of every article but those `built`; the files deleted."""
        keep = {entry_file(self.folder, name).name for name in built}
        if not self.folder.is_dir():
            return []
        removed = [p for p in self.folder.iterdir() if p.name.endswith(ENTRY_SUFFIX) and p.name not in keep]
        for path in removed:
            path.unlink(missing_ok=True)
        if removed:
            atomic.fsync_dir(self.folder)
        return removed


__all__ = ["ArticleCache", "CACHE_DIR", "Entry", "pipeline_digest", "source_key", "tree_digest"]
