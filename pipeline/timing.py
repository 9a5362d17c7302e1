"""Cheap per-stage timing: `with stage("normalize"): ...` adds the seconds to the current
record, `with recording() as seconds:` opens a record (one per article, one per build).

Stages nest and are exclusive: the seconds of a stage inside another are not counted
twice (reading an article includes normalizing it; "read" gets only its own share),
also across records (the build's "wait" for a result excludes the stages of an article
built in the same process). An article is built by one thread, so a plain module-level
stack is enough.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator

_records: list[dict[str, float]] = [{}]  # the innermost is the current one
_inner: list[float] = []  # per open stage: seconds spent in the stages nested in it


@contextmanager
def recording() -> Iterator[dict[str, float]]:
    """A fresh record of seconds per stage for the block (filled when its stages end)."""
    record: dict[str, float] = {}
    _records.append(record)
    try:
        yield record
    finally:
        _records.remove(record)


@contextmanager
def stage(name: str) -> Iterator[None]:
    record = _records[-1]
    start = time.perf_counter()
    _inner.append(0.0)
    try:
        yield
    finally:
        total = time.perf_counter() - start
        nested = _inner.pop()
        record[name] = record.get(name, 0.0) + total - nested
        if _inner:
            _inner[-1] += total


def add(total: dict[str, float], more: dict[str, float]) -> None:
    """Add the seconds of `more` into `total`."""
    for name, seconds in more.items():
        total[name] = total.get(name, 0.0) + seconds
