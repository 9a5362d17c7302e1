"""Throughput and memory of the main job on a synthetic corpus (not a test: prints figures).

The development articles are copied N times under distinct names into a temporary
folder and built with `pipeline.build.build`, in one process and with worker
processes. Prints articles per second and the peak resident memory of the process tree.

usage: python scripts/benchmark.py [COPIES] [JOBS]      (defaults: 20 copies of the 12 dev articles, 2 jobs)
"""
from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.build import build  # noqa: E402


def corpus(folder: Path, copies: int) -> int:
    dev = REPO / "tests" / "data" / "dev"
    n = 0
    for k in range(copies):
        for txt in sorted(dev.glob("*.txt")):
            shutil.copy(txt, folder / f"{txt.stem}_{k:04d}.txt")
            meta = txt.with_suffix(".meta.json")
            if meta.exists():
                shutil.copy(meta, folder / f"{txt.stem}_{k:04d}.meta.json")
            n += 1
    return n


def peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        n = corpus(src, copies)
        for label, j in (("1 process", 1), (f"{jobs} worker processes", jobs)):
            out = Path(tmp) / f"out{j}"
            start = time.perf_counter()
            summary = build([src], out, jobs=j)
            seconds = time.perf_counter() - start
            assert summary.ok, summary.failures[:3]
            print(f"{label:>20}: {n} articles in {seconds:6.1f} s = {n / seconds:6.1f} articles/s; "
                  f"{summary.triples} triples; peak RSS {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
