"""The main job: articles in, one knowledge graph out.

Each article goes through ingest -> extract -> mapping on its own (`build_article`
is a pure function of one article, `process_article` the worker that starts from a
path), and the build streams the per-article quad lists into the writer one at a
time: no stage ever holds the corpus in one graph, and with `jobs > 1` the
per-article work runs in worker processes (its inputs and results are plain,
picklable values).

A bad article (unreadable, not UTF-8, an extractor that raises...) is reported with
its file and the problem and left out; every other article still builds.
"""
from __future__ import annotations

import traceback
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import mapping, write
from .extract import extract_facts
from .ingest import ARTICLE_SUFFIX, ArticleError, article_name, find_articles, read_article
from .model import Article, ArticleFacts

LISTS = ("persons", "organizations", "positions", "events", "directives", "quotes")


@dataclass
class ArticleResult:
    """What one article gave: its quads and a count per list, or the problem that stopped it."""

    path: str
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    quads: list[tuple] = field(default_factory=list)
    error: str | None = None  # the problem, when the article failed

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BuildSummary:
    """The outcome of a build: what was written, what was found, what failed."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)  # graph.ttl, graph.trig, graph.nq
    articles: int = 0  # articles built
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LISTS, 0))
    quads: int = 0  # distinct quads written (reference bodies included)
    triples: int = 0  # distinct triples of the union graph (graph.ttl)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, problem)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, result: ArticleResult) -> None:
        if result.ok:
            self.articles += 1
            for k, n in result.counts.items():
                self.counts[k] = self.counts.get(k, 0) + n
        else:
            self.failures.append((result.path, result.error))

    def format(self) -> str:
        tried = self.articles + len(self.failures)
        lines = [f"articles: {self.articles} built" + (f", {len(self.failures)} failed (of {tried})" if self.failures else "")]
        lines += [f"{k}: {self.counts.get(k, 0)}" for k in LISTS]
        lines.append(f"triples: {self.triples} ({self.quads} quads in {self.articles} article graphs and the reference graph)")
        lines += [f"wrote {f}" for f in self.files]
        if self.failures:
            lines.append("failures:")
            lines += [f"  {path}: {problem}" for path, problem in self.failures]
        return "\n".join(lines)


def counts_of(facts: ArticleFacts) -> dict[str, int]:
    return {k: len(getattr(facts, k)) for k in LISTS}


def check_quads(quads: list[tuple]) -> None:
    """Raise if a quad would not serialize (not four terms, an invalid IRI), so the
    article that made it fails here instead of the writer failing the whole build."""
    for quad in quads:
        if len(quad) != 4:
            raise ValueError(f"not a quad: {quad!r}")
        for term in quad:
            write.to_oxigraph(term)


def build_article(article: Article) -> ArticleResult:
    """Extract the facts of one article and map them to quads (no I/O, no shared state)."""
    facts = extract_facts(article)
    quads = mapping.article_quads(facts)
    check_quads(quads)
    return ArticleResult(path=article.source, name=article.name, counts=counts_of(facts), quads=quads)


def _where(exc: BaseException) -> str:
    """The innermost frame of a traceback, as file:line, to point at the failing code."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    f = frames[-1]
    return f" (at {Path(f.filename).name}:{f.lineno} in {f.name})"


def process_article(path: str) -> ArticleResult:
    """The worker: read, extract and map the article at `path`; never raises."""
    try:
        result = build_article(read_article(path))
    except ArticleError as exc:  # exc.path may be the sidecar rather than the text
        return ArticleResult(path=exc.path, name=article_name(path), error=exc.problem)
    except Exception as exc:  # an extractor or mapper bug must not stop the other articles
        problem = f"{type(exc).__name__}: {exc}{_where(exc)}"
        return ArticleResult(path=path, name=article_name(path), error=problem)
    result.path = path
    return result


def _died(path: str) -> ArticleResult:
    return ArticleResult(path=path, name=article_name(path),
                         error="the worker process died while processing it (a crash, or out of memory)")


def _isolated(path: str) -> ArticleResult:
    """One article in a worker of its own: tells whether it is the one that kills workers."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(process_article, path).result()
        except BrokenProcessPool:
            return _died(path)


def _results(paths: list[str], jobs: int) -> Iterator[ArticleResult]:
    """Results in the order of `paths`, from this process or from `jobs` workers.

    A worker that dies (a crash in native code, the OOM killer) breaks its pool. The
    article whose result was awaited then runs again alone, in a fresh worker, and is
    reported failed only if it kills that one too; the rest go on in a new pool.
    """
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield process_article(path)
        return
    start = 0
    while start < len(paths):
        broken_at = None
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            # A bounded window of futures keeps memory flat on a large corpus.
            pending = {k: pool.submit(process_article, paths[k]) for k in range(start, min(len(paths), start + jobs * 4))}
            for k in range(start, len(paths)):
                try:
                    nxt = k + jobs * 4
                    if nxt < len(paths):
                        pending[nxt] = pool.submit(process_article, paths[nxt])
                    result = pending.pop(k).result()
                except BrokenProcessPool:
                    broken_at = k
                    break
                except Exception as exc:  # e.g. a result that cannot be pickled
                    result = ArticleResult(path=paths[k], name=article_name(paths[k]),
                                           error=f"{type(exc).__name__}: {exc}")
                yield result
        if broken_at is None:
            return
        yield _isolated(paths[broken_at])
        start = broken_at + 1


def _unique(paths: list[Path]) -> tuple[list[str], list[ArticleResult]]:
    """Paths whose article names are unique (the name keys the named graph and the
    facts file), and a failure for every later article with a name already taken."""
    first: dict[str, str] = {}
    keep, dupes = [], []
    for p in paths:
        name = article_name(p)
        if name in first:
            dupes.append(ArticleResult(path=str(p), name=name,
                                       error=f"duplicate article name {name!r} (also {first[name]}); left out"))
        else:
            first[name] = str(p)
            keep.append(str(p))
    return keep, dupes


def build(
    sources: Iterable[Path | str],
    out_dir: Path | str,
    jobs: int = 1,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> BuildSummary:
    """Build every article under `sources` into `out_dir` (graph.ttl, graph.trig, graph.nq).

    Raises `ArticleError` only when a source does not exist or holds no article; problems with single
    articles are collected in the summary's `failures`. `on_result` sees each article's
    result as it is done (progress reports).
    """
    out_dir = Path(out_dir)
    sources = list(sources)
    found = find_articles(sources)
    if not found:
        raise ArticleError(", ".join(map(str, sources)), f"no articles (*{ARTICLE_SUFFIX}) found")
    paths, dupes = _unique(found)
    summary = BuildSummary(out_dir=out_dir)

    def stream() -> Iterator[list[tuple]]:
        yield mapping.reference_quads()
        for result in _results(paths, jobs):
            summary.add(result)
            if on_result:
                on_result(result)
            if result.ok:
                yield result.quads
            result.quads = []  # written: let it go

    written = write.write_graph(out_dir, stream())
    summary.files = [f for f in (written.ttl, written.trig, written.nq) if f is not None]
    summary.quads, summary.triples = written.quads, written.triples
    for result in dupes:
        summary.add(result)
        if on_result:
            on_result(result)
    return summary
