"""Load and query times of the embedded store for a corpus of N built articles (not a
test: prints figures).

The development articles are copied under distinct names until there are N of them
(each copy's sidecar gets its own publication date, a day apart, so the timelines have
a spread), built with `pipeline.build.build` (no validation), loaded into a fresh store
with `pipeline.store.load`, loaded a second time (nothing changed: every graph left as it was), and then every
question of ontology/queries/questions/ runs against the store and its whole answer is
read (the questions about one name also about everyone). Prints the time of each step and of each question, with its number of rows.

usage: python scripts/store_benchmark.py [ARTICLES] [JOBS]     (defaults: 1000 articles, 2 jobs)
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.build import build  # noqa: E402
from pipeline.query import open_dataset, question_files, run  # noqa: E402
from pipeline.store import load  # noqa: E402


def corpus(folder: Path, articles: int) -> None:
    """`articles` copies of the dev articles under distinct names, dated a day apart."""
    dev = sorted((REPO / "tests" / "data" / "dev").glob("*.txt"))
    start = dt.date(2024, 1, 1)
    for k in range(articles):
        txt = dev[k % len(dev)]
        name = f"{txt.stem}_{k:05d}"
        shutil.copy(txt, folder / f"{name}.txt")
        meta_path = txt.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        meta["published"] = (start + dt.timedelta(days=k)).isoformat()
        (folder / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def variants(path: Path) -> list[tuple[str, str]]:
    """The question as written and, when it asks about one name (a VALUES ?name line),
    also about everyone (that line commented out): the seed's names are not in the corpus."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    found = [k for k, line in enumerate(lines) if line.lstrip().startswith("VALUES ?name")]
    if not found:
        return [(path.name, text)]
    everyone = "".join("# " + line if k in found else line for k, line in enumerate(lines))
    return [(path.name, text), (path.name + " (everyone)", everyone)]


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{label:>32}: {time.perf_counter() - started:7.2f} s", flush=True)
    return result


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as tmp:
        src, out, store = Path(tmp) / "src", Path(tmp) / "out", Path(tmp) / "store"
        src.mkdir()
        corpus(src, articles)
        summary = timed(f"build {articles} articles ({jobs} jobs)", lambda: build([src], out, jobs=jobs))
        assert summary.ok, summary.failures[:3]
        size = (out / "graph.nq").stat().st_size / 2**20
        print(f"{'graph.nq':>32}: {summary.quads} quads, {size:.0f} MiB")
        first = timed("load into a new store", lambda: load(out, store))
        print(f"{'':>32}  {len(first.graphs)} graphs, {first.quads} quads")
        again = timed("load again (nothing changed)", lambda: load(out, store))
        assert again.unchanged == len(again.graphs)
        dataset = open_dataset(store_dir=store)
        total = 0.0
        for path in question_files():
            for label, query in variants(path):
                started = time.perf_counter()
                rows = sum(1 for _ in run(dataset, query, path.name))
                seconds = time.perf_counter() - started
                total += seconds
                print(f"{label:>32}: {seconds:7.2f} s  {rows} rows", flush=True)
        print(f"{'all questions':>32}: {total:7.2f} s")


if __name__ == "__main__":
    main()
