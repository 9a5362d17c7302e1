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

Builds are incremental (cache.py): a source whose cached result in `OUT/.cache` is
still valid becomes that ready result before it reaches the workers, and every newly
built article is filed in the cache after; the outputs are the same bytes either way.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import checks, iris, mapping, timing, write
from .cache import ArticleCache
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
    cached: bool = False  # reused from the output folder's cache, not extracted again
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
    reused: int = 0  # of them, reused from the cache (cache.py) rather than extracted
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
            self.reused += result.cached
            for k, n in result.counts.items():
                self.counts[k] = self.counts.get(k, 0) + n
        else:
            self.failures.append((result.path, result.error))

    def format(self, quiet: bool = False) -> str:
        """The summary; with `quiet`, skipped paths and warnings are counted, not listed."""
        tried = self.articles + len(self.failures)
        lines = [f"articles: {self.articles} built" + (f", {len(self.failures)} failed (of {tried})" if self.failures else "")
                 + (f" ({self.reused} unchanged, reused from the cache)" if self.reused else "")]
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


def _results(items: Iterable[ArticleSource | ArticleResult], jobs: int, executor: str = "local",
             address: str | None = None, work: Callable | None = None) -> Iterator[ArticleResult]:
    """Results in the order of `items` (sources to process, or results already known,
    passed through), from the executor named (executors.py: local processes, or Ray)."""
    from .executors import results

    return results(items, jobs, executor, address, work)


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


def _reused(items: Iterable[ArticleSource | ArticleResult], cache: ArticleCache) -> Iterator[ArticleSource | ArticleResult]:
    """The items, each source whose cached result is valid turned into that result."""
    for item in items:
        entry = cache.lookup(item) if isinstance(item, ArticleSource) else None
        if entry is None:
            yield item
        else:
            yield ArticleResult(path=item.label, name=item.name, counts=entry.counts, quads=entry.quads,
                                warnings=entry.warnings, cached=True)


def _keep(cache: ArticleCache, result: ArticleResult) -> None:
    """Put a newly built article into the cache (a failed or reused one is not filed, nor one
    whose graph breaks a shape: it is checked, and reported, again next time)."""
    if not result.cached and not result.violations:
        cache.store(result.name, result.ok, result.counts, result.quads, result.warnings)


class _NothingBuilt(Exception):
    """Raised into the writer when no article was built, so it keeps the previous outputs."""


def build(
    sources: Iterable[Path | str],
    out_dir: Path | str,
    jobs: int = 1,
    on_result: Callable[[ArticleResult], None] | None = None,
    stdin=None,
    executor: str = "local",
    address: str | None = None,
    on_found: Callable[[Found], None] | None = None,
    reuse: bool = True,
    validate: bool = True,
    on_phase: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Build every article under `sources` into `out_dir` (graph.ttl, graph.trig, graph.nq).

    Raises `ArticleError` only when a source does not exist or holds no article file;
    problems with single articles are collected in the summary's `failures`, paths left
    out in `skipped`. `on_result` sees each article's result as it is done (progress
    reports). When no article builds, the previous outputs stay as they were
    (`kept_previous`). `stdin` is read for the source "-" (default: standard input).
    `executor` maps the per-article work (executors.py: "local", or "ray" at `address`)
    with `jobs` workers; `on_found` sees the files found before any is read.
    An article unchanged since the last build into `out_dir` is reused from its cache
    (cache.py) instead of being extracted again; `reuse=False` extracts every one.
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
    if on_found:
        on_found(found)

    cache = ArticleCache(out_dir, reuse=reuse, validated=validate)
    built: list[str] = []

    def stream() -> Iterator[list[tuple]]:
        yield mapping.reference_quads()
        work = process_article if validate else partial(process_article, validate=False)
        results = _results(_reused(_named(found, stdin), cache), jobs, executor, address, work)
        while True:
            with timing.stage("wait"):  # for a worker's result (or this process's own work)
                result = next(results, None)
            if result is None:
                break
            summary.add(result)
            if on_result:
                on_result(result)
            _keep(cache, result)
            if result.ok:
                built.append(result.name)
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
        cache.prune(built)
        summary.files = [f for f in (written.ttl, written.trig, written.nq) if f is not None]
        summary.quads, summary.triples = written.quads, written.triples
        if validate:
            if on_phase:
                on_phase(f"validating {out_dir}: the checks across articles, OWL on one node per profile")
            summary.output = checks.validate_output(written.nq, written.ttl)
    timing.add(summary.seconds, seconds)
    return summary
