"""Output files that are never half-written.

Every file the pipeline writes (graph files, facts, validation reports; the store can
use the same helpers) is written to a temporary file *in the target's directory*,
flushed and fsynced, and only then renamed over the target (`os.replace`, atomic on
POSIX within one file system), after which the directory itself is fsynced so the
rename survives a power cut. Until that rename the previous file is untouched, so a
build killed at any point, or one that fills the disk, leaves the last good output
whole and usable.

`replace_together(targets)` stages several files and renames them one after the
other only once *all* of them are complete, so a failure while writing any of them
keeps every previous file. (The renames themselves are a few system calls: a kill
between two of them leaves each file whole, some from the new build.)

Temporary names carry the writer's process id: `.govkg-<pid>-<random>-<name>`.
`remove_stale(directory)` deletes those whose process no longer runs (debris of a
killed run), and leaves those of a live writer alone.

`GOVKG_TEST_WRITE_DELAY` (seconds, for tests only) makes every write to a staged file
sleep that long, so a test can kill a build while it is writing.
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import IO, Iterator

TEMP_PREFIX = ".govkg-"
_TEMP_NAME = re.compile(r"\.govkg-(\d+)-[0-9a-f]{8}-")
_LEGACY_WORK = re.compile(r"\.write-\w+")  # work folders of builds before atomic writes
_LEGACY_AGE = 3600  # seconds: older legacy work folders are debris
WRITE_DELAY_ENV = "GOVKG_TEST_WRITE_DELAY"


def temp_path(target: Path | str, what: str | None = None) -> Path:
    """A fresh temporary name beside `target`, marked with this process's id."""
    target = Path(target)
    return target.parent / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{what or target.name}"


def _write_delay() -> float:
    try:
        return max(0.0, float(os.environ.get(WRITE_DELAY_ENV) or 0))
    except ValueError:
        return 0.0


class _SlowFile:
    """A file whose writes each sleep first (the test hook, see the module docstring)."""

    def __init__(self, fh: IO, delay: float):
        self._fh, self._delay = fh, delay

    def write(self, data):
        time.sleep(self._delay)
        return self._fh.write(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self._fh, name)


def fsync_file(path: Path | str) -> None:
    """Flush a closed file's data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(directory: Path | str) -> None:
    """Make renames and deletions in `directory` durable (a no-op where unsupported)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def replace_together(targets: list[Path | str]) -> Iterator[list[Path]]:
    """Temporary paths for `targets` (same order); on a clean exit each is fsynced and
    renamed over its target, on an exception all are removed and no target changes."""
    targets = [Path(t) for t in targets]
    temps = [temp_path(t) for t in targets]
    try:
        yield temps
        for temp, target in zip(temps, targets):
            if not temp.exists():
                raise FileNotFoundError(f"{target}: nothing was written")
            fsync_file(temp)
    except BaseException:
        for temp in temps:
            _remove(temp)
        raise
    for temp, target in zip(temps, targets):
        os.replace(temp, target)
    for directory in {t.parent for t in targets}:
        fsync_dir(directory)


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """One temporary path for `target`, moved into place on a clean exit."""
    with replace_together([target]) as (temp,):
        yield temp


@contextlib.contextmanager
def open_staged(temp: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a staged temporary file for writing (slowed down by the test hook, if set)."""
    with open(temp, mode, encoding=None if "b" in mode else encoding) as fh:
        delay = _write_delay()
        yield _SlowFile(fh, delay) if delay else fh


@contextlib.contextmanager
def atomic_write(target: Path | str, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """A file handle whose content replaces `target` only when the block ends cleanly."""
    with atomic_path(target) as temp, open_staged(temp, mode, encoding) as fh:
        yield fh


def write_text(target: Path | str, text: str) -> None:
    """`Path.write_text`, atomically (UTF-8)."""
    with atomic_write(target) as fh:
        fh.write(text)


@contextlib.contextmanager
def work_dir(directory: Path | str) -> Iterator[Path]:
    """A scratch folder in `directory` (same disk as the outputs), removed at the end."""
    path = temp_path(Path(directory) / "work")
    path.mkdir()
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def is_stale(path: Path) -> bool:
    """A temporary file or folder of ours whose writer is gone."""
    m = _TEMP_NAME.match(path.name)
    if m:
        return not _alive(int(m.group(1)))
    if _LEGACY_WORK.fullmatch(path.name) and path.is_dir():
        with contextlib.suppress(OSError):
            return time.time() - path.stat().st_mtime > _LEGACY_AGE
    return False


def remove_stale(directory: Path | str) -> list[Path]:
    """Delete the debris of killed runs in `directory`; the paths removed."""
    directory = Path(directory)
    removed = []
    try:
        entries = list(directory.iterdir())
    except OSError:
        return removed
    for path in entries:
        if is_stale(path):
            _remove(path)
            removed.append(path)
    return removed
