"""How the per-article work is mapped over the articles: the executors.

`process_article` (build.py) is a pure function: an article source in, an
`ArticleResult` (quads, counts, or the problem) out. An executor maps it over a stream
of items (sources to process, or results already known, which pass through) and yields
the results in the order of the items, so that what the build merges and writes after
the map is the same whichever executor ran it.

- `local` (the default): in this process, or in `jobs` worker processes.
- `ray`: Ray Data over a Ray cluster (a local one by default), `jobs` actors that each
  load the NLP pipeline once. Needs the extra `govkg[ray]`.

With Ray, an actor reads the article from its path, as a worker process does: the
article files (and their sidecars) must be at the same path on every node (shared
storage); standard input and JSON Lines records travel with their bytes. Only the
driver writes the outputs. A driver that came in through the Ray Client (ray://) runs
the Ray Data map in an actor inside the cluster, since Ray Data cannot run over the
client.
"""
from __future__ import annotations

import logging
import pickle
import warnings
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from . import build
from .build import ArticleResult
from .sources import ArticleSource

LOCAL, RAY = "local", "ray"
EXECUTORS = (LOCAL, RAY)
RETRIES = 2  # tries of an article after the first, when its Ray actor dies (Ray Data's default: forever)
RAY_MISSING = "the Ray executor needs Ray: install govkg[ray] (pip install 'govkg[ray]')"


class ExecutorError(Exception):
    """The executor cannot run (Ray missing, the cluster cannot be reached)."""


def results(items: Iterable[ArticleSource | ArticleResult], jobs: int = 1, executor: str = LOCAL,
            address: str | None = None, work=None) -> Iterator[ArticleResult]:
    """The results of `items`, in their order, from the executor named; `work` is the
    per-article function (default: build.process_article)."""
    require(executor)
    if executor == RAY:
        return ray_results(items, jobs, address, work)
    return local_results(items, jobs, work)


def require(executor: str) -> None:
    """Raise ExecutorError now, before any article is read, if `executor` cannot run here."""
    if executor not in EXECUTORS:
        raise ExecutorError(f"unknown executor {executor!r} (one of {', '.join(EXECUTORS)})")
    if executor == RAY:
        _import_ray()


# ---------------------------------------------------------------------------
# local: this process, or a pool of worker processes


def _died(src: ArticleSource) -> ArticleResult:
    return ArticleResult(path=src.label, name=src.name,
                         error="the worker process died while processing it (a crash, or out of memory)")


def _isolated(src: ArticleSource, work) -> ArticleResult:
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


def local_results(items: Iterable[ArticleSource | ArticleResult], jobs: int, work=None) -> Iterator[ArticleResult]:
    """Results in the order of `items` (sources to process, or results already known),
    from this process or from `jobs` workers, consuming `items` lazily.

    A bounded window of futures keeps memory flat on a corpus of any size. A worker
    that dies (a crash in native code, the OOM killer) breaks its pool: the article
    whose result was awaited then runs again alone, in a fresh worker, and is reported
    failed only if it kills that one too; the rest go on in a new pool.
    """
    items = iter(items)
    work = work or build.process_article  # looked up now: tests put a crashing one in its place
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


# ---------------------------------------------------------------------------
# ray: Ray Data, one actor per job


class ArticleMapper:
    """The Ray Data callable class: one per actor, the NLP pipeline loaded once, in
    __init__; each row holds one pickled source and gets its pickled result."""

    def __init__(self, work=None):
        from .extract import extract_facts
        from .model import Article

        extract_facts(Article(name="warm-up", source="warm-up", text="A.\n"))  # loads every model now
        self.work = work or build.process_article

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        done = [pickle.dumps(self.work(pickle.loads(s)), protocol=pickle.HIGHEST_PROTOCOL) for s in batch["source"]]
        return {"result": np.array(done, dtype=object)}


def _import_ray():
    try:
        import ray
        import ray.data
    except ImportError:
        raise ExecutorError(RAY_MISSING) from None
    return ray


def _connect(ray, address: str | None) -> bool:
    """Join the cluster at `address` (or RAY_ADDRESS, or the one `ray start` began on
    this machine; else a new local one); True if this call made the connection."""
    if ray.is_initialized():
        return False
    try:
        ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    except Exception as exc:  # ConnectionError, a bad address...
        raise ExecutorError(f"cannot reach the Ray cluster {address or '(local)'}: {exc}") from None
    return True


def _dataset(ray, sources: list[ArticleSource], jobs: int, work):
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # results come back in input order
    ctx.enable_progress_bars = False  # govkg draws its own
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # nor does it say so, or log each run
    rows = [{"source": pickle.dumps(s, protocol=pickle.HIGHEST_PROTOCOL)} for s in sources]
    ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), 200)))
    custom = {"fn_constructor_args": (work,)} if work is not build.process_article else {}
    with warnings.catch_warnings():  # Ray 2.60 to 2.63 take the retries only as "ray_remote_args"
        warnings.simplefilter("ignore", DeprecationWarning)
        # an actor that dies is restarted; the article it died on is tried RETRIES times more
        return ds.map_batches(ArticleMapper, batch_size=1, batch_format="numpy", num_cpus=1,
                              compute=ray.data.ActorPoolStrategy(size=jobs), **custom,
                              max_restarts=-1, max_task_retries=RETRIES)


def ray_results(items: Iterable[ArticleSource | ArticleResult], jobs: int, address: str | None = None,
                work=None) -> Iterator[ArticleResult]:
    """Results in the order of `items`, the sources processed by `jobs` Ray actors; the
    results already known pass through in their place. `items` is read whole first
    (sources are small: a path, or the bytes of a corpus line)."""
    ray = _import_ray()
    work = work or build.process_article
    items = list(items)
    started = _connect(ray, address) if any(not isinstance(it, ArticleResult) for it in items) else False
    try:
        while items:
            items = yield from _ray_run(ray, items, jobs, work)
    finally:
        if started:
            ray.shutdown()


def _ray_run(ray, items: list, jobs: int, work):
    """Yield the results of `items` in order; return the items not done when an article
    kept killing its actor (that one is then run alone in a local worker, as `local`
    does, and reported failed only if it kills that one too)."""
    sources = [it for it in items if not isinstance(it, ArticleResult)]
    done = _pickled_results(ray, sources, jobs, work)
    for k, item in enumerate(items):
        if isinstance(item, ArticleResult):
            yield item
            continue
        try:
            result = next(done)
        except ray.exceptions.RayError:  # the actors died on it RETRIES + 1 times
            yield _isolated(item, work)
            return items[k + 1:]
        yield pickle.loads(result)
    return []


def _pickled_results(ray, sources: list[ArticleSource], jobs: int, work) -> Iterator[bytes]:
    """The results of `sources` in order, pickled: from Ray Data run here or, when this
    process came in through the Ray Client (ray://), where Ray Data cannot run, from Ray
    Data run by an actor inside the cluster."""
    if not sources:
        return iter(())
    from ray.util.client import ray as client

    if not client.is_connected():
        return (row["result"] for row in _dataset(ray, sources, jobs, work).iter_rows())
    return _through_the_client(ray, sources, jobs, work)


class RemoteMap:
    """The Ray Data map, run in an actor inside the cluster for a driver outside it."""

    def __init__(self, sources: list[ArticleSource], jobs: int, work):
        import ray

        self.rows = iter(_dataset(ray, sources, jobs, work).iter_rows())

    def next(self) -> bytes | None:
        row = next(self.rows, None)
        return None if row is None else row["result"]


def _through_the_client(ray, sources: list[ArticleSource], jobs: int, work) -> Iterator[bytes]:
    remote = ray.remote(num_cpus=0)(RemoteMap).remote(sources, jobs, work)
    while (result := ray.get(remote.next.remote())) is not None:
        yield result
