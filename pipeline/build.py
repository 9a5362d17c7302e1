"""The main job: articles in, one knowledge graph out.

Each article goes through ingest -> extract -> mapping on its own (`build_article`
is a pure function of one article, `process_article` the worker that starts from a
path), and the build streams the per-article quad lists into the writer one at a
time: no stage ever holds the corpus in one graph, and with `jobs > 1` the
per-article work runs in worker processes (its inputs and results are plain,
picklable values).

A bad article (unreadable, no text, an extractor that raises...) is reported with
its file and the problem and left out; every other article still builds. Every path
the build leaves out is reported (sources.py), an article whose name is reserved for
another graph is renamed, and a build in which no article builds leaves the previous
outputs as they were.
"""
from __future__ import annotations

import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import checks, iris, mapping, timing, write
from .extract import extract_facts
from .ingest import ArticleError, article_name, read_source
from .model import Article, ArticleFacts
from .sources import ArticleSource, Found, Skipped, SourceError, expand, find

LISTS = ("persons", "organizations", "positions", "events", "directives", "quotes")


@dataclass
class ArticleResult:
    """What one article gave: its quads and a count per list, or the problem that stopped it."""

    path: str
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    quads: list[tuple] = field(default_factory=list)
    error: str | None = None  # the problem, when the article failed
    warnings: list[str] = field(default_factory=list)  # what was assumed to read it
    violations: list = field(default_factory=list)  # validate.Violation: where its graph breaks a shape
    seconds: dict[str, float] = field(default_factory=dict)  # per stage (timing.py)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BuildSummary:
    """The outcome of a build: what was written, what was found, what failed or was skipped."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)  # graph.ttl, graph.trig, graph.nq
    articles: int = 0  # articles built
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LISTS, 0))
    quads: int = 0  # distinct quads written (reference bodies included)
    triples: int = 0  # distinct triples of the union graph (graph.ttl)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, problem)
    skipped: list[Skipped] = field(default_factory=list)  # paths left out, with the reason
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, what was assumed)
    kept_previous: bool = False  # no article built: the outputs were left as they were
    violations: list[tuple[str, object]] = field(default_factory=list)  # (file, validate.Violation)
    output: checks.OutputReport | None = None  # the checks of the written output (when validated)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, summed over the articles

    @property
    def ok(self) -> bool:
        return not self.failures and not self.kept_previous

    @property
    def valid(self) -> bool:
        """No article broke a shape, and the output passed its checks (when they ran)."""
        return not self.violations and (self.output is None or self.output.ok)

    def add(self, result: ArticleResult) -> None:
        self.warnings += [(result.path, w) for w in result.warnings]
        self.violations += [(result.path, v) for v in result.violations]
        timing.add(self.seconds, result.seconds)
        if result.ok:
            self.articles += 1
            for k, n in result.counts.items():
                self.counts[k] = self.counts.get(k, 0) + n
        else:
            self.failures.append((result.path, result.error))

    def format(self, quiet: bool = False) -> str:
        """The summary; with `quiet`, skipped paths and warnings are counted, not listed."""
        tried = self.articles + len(self.failures)
        lines = [f"articles: {self.articles} built" + (f", {len(self.failures)} failed (of {tried})" if self.failures else "")]
        lines += [f"{k}: {self.counts.get(k, 0)}" for k in LISTS]
        if self.kept_previous:
            lines.append(f"no article was built: the outputs in {self.out_dir} were left as they were")
        else:
            lines.append(f"triples: {self.triples} ({self.quads} quads in {self.articles} article graphs and the reference graph)")
        lines += [f"wrote {f}" for f in self.files]
        for title, items in (("skipped", [(s.path, s.reason) for s in self.skipped]), ("warnings", self.warnings)):
            if items and quiet:
                lines.append(f"{title}: {len(items)} (run without --quiet to list them)")
            elif items:
                lines.append(f"{title}: {len(items)}")
                lines += [f"  {path}: {text}" for path, text in items]
        if self.failures:
            lines.append("failures:")
            lines += [f"  {path}: {problem}" for path, problem in self.failures]
        return "\n".join(lines + self._validation_lines())

    def _validation_lines(self) -> list[str]:
        if self.output is None and not self.violations:
            return []
        lines = [f"validation: {len(self.violations)} violation(s) in {len({p for p, _ in self.violations})} article(s)"
                 if self.violations else "validation: every article conforms to the shapes"]
        lines += [f"  - {v}" for _, v in self.violations]
        if self.output is not None:
            lines.append(f"output checks: {len(self.output.violations)} violation(s)")
            lines += self.output.lines()
        lines.append("validation: " + ("ok" if self.valid else "FAILED"))
        return lines


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


def build_article(article: Article, validate: bool = True) -> ArticleResult:
    """Extract the facts of one article, map them to quads and check them against the
    shapes (no I/O, no shared state)."""
    facts = extract_facts(article)
    with timing.stage("map"):
        quads = mapping.article_quads(facts)
        check_quads(quads)
    violations = []
    if validate:
        with timing.stage("validate"):
            violations = checks.article_violations(quads)
    return ArticleResult(path=article.source, name=article.name, counts=counts_of(facts), quads=quads,
                         violations=violations)


def _where(exc: BaseException) -> str:
    """The innermost frame of a traceback, as file:line, to point at the failing code."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    f = frames[-1]
    return f" (at {Path(f.filename).name}:{f.lineno} in {f.name})"


def _source(item: ArticleSource | str | Path) -> ArticleSource:
    if isinstance(item, ArticleSource):
        return item
    return ArticleSource(path=str(item), name=article_name(item))


def process_article(item: ArticleSource | str, validate: bool = True) -> ArticleResult:
    """The worker: read, extract, map and validate one article (a source or a file path),
    with the seconds of each stage; never raises."""
    with timing.recording() as seconds:
        result = _process(item, validate)
    result.seconds = seconds
    return result


def _process(item: ArticleSource | str, validate: bool) -> ArticleResult:
    src = _source(item)
    warnings = list(src.warnings)
    try:
        with timing.stage("read"):
            ingested = read_source(src)
        warnings = ingested.warnings
        result = build_article(ingested.article, validate)
    except ArticleError as exc:  # exc.path may be the sidecar rather than the text
        return ArticleResult(path=exc.path, name=src.name, error=exc.problem, warnings=warnings)
    except Exception as exc:  # an extractor or mapper bug must not stop the other articles
        problem = f"{type(exc).__name__}: {exc}{_where(exc)}"
        return ArticleResult(path=src.label, name=src.name, error=problem, warnings=warnings)
    result.path = src.label
    result.warnings = warnings
    return result


def _died(src: ArticleSource) -> ArticleResult:
    return ArticleResult(path=src.label, name=src.name,
                         error="the worker process died while processing it (a crash, or out of memory)")


def _isolated(src: ArticleSource, work: Callable = process_article) -> ArticleResult:
    """One article in a worker of its own: tells whether it is the one that kills workers."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(work, src).result()
        except BrokenProcessPool:
            return _died(src)


def _done(result: ArticleResult) -> Future:
    future: Future = Future()
    future.set_result(result)
    return future


def _results(items: Iterable[ArticleSource | ArticleResult], jobs: int,
             work: Callable[[ArticleSource], ArticleResult] = process_article) -> Iterator[ArticleResult]:
    """Results in the order of `items` (sources to process, or results already known),
    from this process or from `jobs` workers, consuming `items` lazily.

    A bounded window of futures keeps memory flat on a corpus of any size. A worker
    that dies (a crash in native code, the OOM killer) breaks its pool: the article
    whose result was awaited then runs again alone, in a fresh worker, and is reported
    failed only if it kills that one too; the rest go on in a new pool.
    """
    items = iter(items)
    if jobs <= 1:
        for item in items:
            yield item if isinstance(item, ArticleResult) else work(item)
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    submit = lambda item: _done(item) if isinstance(item, ArticleResult) else pool.submit(work, item)
    pending: deque = deque()
    try:
        while True:
            while len(pending) < jobs * 4 and (item := next(items, None)) is not None:
                pending.append((item, submit(item)))
            if not pending:
                return
            item, future = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                yield _isolated(item, work)
                pool = ProcessPoolExecutor(max_workers=jobs)
                pending = deque((it, submit(it)) for it, _ in pending)
                continue
            except Exception as exc:  # e.g. a result that cannot be pickled
                result = ArticleResult(path=item.label, name=item.name, error=f"{type(exc).__name__}: {exc}")
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _named(found: Found, stdin=None) -> Iterator[ArticleSource | ArticleResult]:
    """The articles of the found files, each with a unique name that is no reserved graph
    name: a reserved name is renamed (with a warning), a name already taken fails."""
    first: dict[str, str] = {}
    for file in found.files:
        for item in expand(file, stdin):
            if isinstance(item, SourceError):
                yield ArticleResult(path=item.path, name="", error=item.problem)
                continue
            if item.name in iris.RESERVED_NAMES:
                new = item.name + "-article"
                item = replace(item, name=new, warnings=item.warnings + (
                    f"the article name {item.name!r} is reserved (graph/{item.name} is not an article's graph): "
                    f"built as {new!r}",))
            if item.name in first:
                yield ArticleResult(path=item.label, name=item.name,
                                    error=f"duplicate article name {item.name!r} (also {first[item.name]}); left out")
                continue
            first[item.name] = item.label
            yield item


class _NothingBuilt(Exception):
    """Raised into the writer when no article was built, so it keeps the previous outputs."""


def build(
    sources: Iterable[Path | str],
    out_dir: Path | str,
    jobs: int = 1,
    on_result: Callable[[ArticleResult], None] | None = None,
    stdin=None,
    validate: bool = True,
    on_phase: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Build every article under `sources` into `out_dir` (graph.ttl, graph.trig, graph.nq).

    Raises `ArticleError` only when a source does not exist or holds no article file;
    problems with single articles are collected in the summary's `failures`, paths left
    out in `skipped`. `on_result` sees each article's result as it is done (progress
    reports). When no article builds, the previous outputs stay as they were
    (`kept_previous`). `stdin` is read for the source "-" (default: standard input).
    With `validate`, each article's graph is checked against the shapes in its worker
    (`violations`) and the written output by `checks.validate_output` (`output`);
    `seconds` holds the time of each stage; `on_phase` hears when the output's checks begin.
    """
    out_dir = Path(out_dir)
    sources = list(sources)
    found = find(sources)
    summary = BuildSummary(out_dir=out_dir, skipped=found.skipped)
    if not found.files:
        raise ArticleError(", ".join(map(str, sources)),
                           "no articles (.txt, .html, .htm or .jsonl files, optionally .gz) found"
                           + (f"; {len(found.skipped)} path(s) skipped" if found.skipped else ""))

    def stream() -> Iterator[list[tuple]]:
        yield mapping.reference_quads()
        work = process_article if validate else partial(process_article, validate=False)
        results = _results(_named(found, stdin), jobs, work)
        while True:
            with timing.stage("wait"):  # for a worker's result (or this process's own work)
                result = next(results, None)
            if result is None:
                break
            summary.add(result)
            if on_result:
                on_result(result)
            if result.ok:
                yield result.quads
            result.quads = []  # written: let it go
        if summary.articles == 0:
            raise _NothingBuilt

    with timing.recording() as seconds:
        try:
            with timing.stage("write"):
                written = write.write_graph(out_dir, stream())
        except _NothingBuilt:
            summary.kept_previous = True
            return summary
        summary.files = [f for f in (written.ttl, written.trig, written.nq) if f is not None]
        summary.quads, summary.triples = written.quads, written.triples
        if validate:
            if on_phase:
                on_phase(f"validating {out_dir}: the checks across articles, OWL on one node per profile")
            summary.output = checks.validate_output(written.nq, written.ttl)
    timing.add(summary.seconds, seconds)
    return summary
