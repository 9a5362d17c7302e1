"""Throughput, stage times and memory of the main job on a realistic corpus (a script, not a test).

    python scripts/benchmark.py N [--jobs J] [--no-single] [--keep DIR]

Makes N articles from the seed and the dev articles (seeds/*.txt, tests/data/dev/*.txt with
their .meta.json): each copy gets other persons (a family name from
ontology/vocab/surnames.tsv, middle and given names from the names of the gold files,
drawn from a pool that grows with N, so persons recur across articles as in news),
other provinces (ontology/vocab/provinces.tsv, of the same kind) and other dates (the
publication date and the full dates in the text moved by the same number of days).
Then, in one run, prints:

- underthesea's word segmentation alone on the same articles (one process);
- the build in one process, with validation: articles/s, triples/s, the seconds of
  each stage, build / segmentation, the share of validation;
- the build with J worker processes: the speed-up and whether the graph files are
  byte-identical to the one-process build;
- the load of the build into the embedded store (pipeline/store.py, bulk loader);
- the peak memory (RSS summed over the process tree, sampled every 0.1 s) of each phase.
"""
from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import random
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.build import build  # noqa: E402
from pipeline.resources import read_tsv  # noqa: E402

STAGES = ("read", "normalize", "tokenize", "segment", "extract", "map", "validate", "wait", "write",
          "check corpus", "owl")
VALIDATION = ("validate", "check corpus", "owl")
_FULL_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


# ---------------------------------------------------------------------------
# The corpus


def originals() -> list[tuple[Path, dict, list[str]]]:
    """(text file, sidecar, persons of its gold file) of every seed and dev article."""
    found = []
    for folder in (REPO / "seeds", REPO / "tests" / "data" / "dev"):
        for txt in sorted(folder.glob("*.txt")):
            meta = txt.with_suffix(".meta.json")
            gold = txt.with_suffix(".gold.json")
            persons = [p["name"] for p in json.loads(gold.read_text("utf-8"))["persons"]] if gold.exists() else []
            found.append((txt, json.loads(meta.read_text("utf-8")) if meta.exists() else {}, persons))
    return found


class Names:
    """Synthetic persons: family names from surnames.tsv, middle and given names as the gold files write them."""

    def __init__(self, golds: list[str], pool: int, seed: int = 0):
        families = [r["surname"] for r in read_tsv("vocab", "surnames.tsv")]
        parts = [n.split() for n in golds if len(n.split()) >= 3]
        middles = sorted({" ".join(p[1:-1]) for p in parts})
        givens = sorted({p[-1] for p in parts})
        rng = random.Random(seed)
        self.pool = [f"{rng.choice(families)} {rng.choice(middles)} {rng.choice(givens)}" for _ in range(pool)]

    def draw(self, rng: random.Random) -> str:
        """A person of the pool, the first ones far more often (a few people are in most news)."""
        return self.pool[min(int(rng.paretovariate(1.2)) - 1, len(self.pool) - 1)
                         if rng.random() < 0.5 else rng.randrange(len(self.pool))]


def provinces() -> dict[str, list[str]]:
    by_kind: dict[str, list[str]] = {}
    for row in read_tsv("vocab", "provinces.tsv"):
        by_kind.setdefault(row["kind"], []).append(row["name"])
    return by_kind


def _replace_all(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text)


def _shift(m: re.Match, days: int) -> str:
    try:
        date = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) + dt.timedelta(days=days)
    except ValueError:
        return m.group(0)
    return f"{date.day}/{date.month}/{date.year}"


def variant(text: str, meta: dict, persons: list[str], names: Names, places: dict, rng: random.Random):
    """One article of the corpus: the text and sidecar with other persons, provinces and dates."""
    for person in sorted(set(persons), key=len, reverse=True):
        new = names.draw(rng)
        if person in text:
            text = _replace_all(text, person, new)
    for kind, group in places.items():
        for name in group:
            if name in text and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                text = _replace_all(text, name, rng.choice(group))
    days = rng.randint(-700, 300)
    text = _FULL_DATE.sub(lambda m: _shift(m, days), text)
    meta = dict(meta)
    published = dt.date.fromisoformat(meta.get("published") or "2025-06-01") + dt.timedelta(days=days)
    meta["published"] = published.isoformat()
    return text, meta


def make_corpus(folder: Path, n: int) -> list[str]:
    """N articles in `folder`; their normalized texts are read back by the build, the raw texts returned."""
    base = originals()
    names = Names([p for _, _, persons in base for p in persons], pool=max(50, n // 3))
    places = provinces()
    texts = []
    for k in range(n):
        txt, meta, persons = base[k % len(base)]
        rng = random.Random(k)
        text, new_meta = variant(txt.read_text("utf-8"), meta, persons, names, places, rng)
        stem = f"{txt.stem}_{k:05d}"
        (folder / f"{stem}.txt").write_text(text, "utf-8")
        (folder / f"{stem}.meta.json").write_text(json.dumps(new_meta, ensure_ascii=False), "utf-8")
        texts.append(text)
    return texts


# ---------------------------------------------------------------------------
# Measuring


def _tree_rss() -> int:
    """Resident bytes of this process and all its descendants (from /proc)."""
    me = os.getpid()
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            rss[int(entry)] = int(stat[21]) * page
            children.setdefault(int(stat[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [me]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


class Peak:
    """The peak RSS of the process tree while the block runs."""

    def __enter__(self):
        self.peak, self._stop = _tree_rss(), threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self):
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss())

    @property
    def mib(self) -> float:
        return self.peak / 2 ** 20


def segmentation_alone(folder: Path, sample: int | None = None) -> float:
    """Seconds of underthesea's word_tokenize on every line of every article (as read by
    the build), or of the first `sample` articles."""
    from underthesea import word_tokenize

    from pipeline.ingest import read_article

    texts = [read_article(p).text for p in sorted(folder.glob("*.txt"))[:sample]]
    word_tokenize("warm up")
    start = time.perf_counter()
    for text in texts:
        for line in text.split("\n"):
            if line.strip():
                word_tokenize(line)
    return time.perf_counter() - start


def _progress(n: int):
    """Prints the RSS of the process tree ten times during a build (is memory flat?)."""
    done, start = [0], time.perf_counter()

    def show(result) -> None:
        done[0] += 1
        if done[0] % max(1, n // 10) == 0:
            print(f"    after {done[0]} articles, {time.perf_counter() - start:.0f} s: RSS of the process tree "
                  f"{_tree_rss() / 2**20:,.0f} MiB", flush=True)
    return show


def timed_build(src: Path, out: Path, jobs: int, n: int):
    with Peak() as peak:
        start = time.perf_counter()
        summary = build([src], out, jobs=jobs, validate=True, on_result=_progress(n))
        seconds = time.perf_counter() - start
    if not summary.ok or not summary.valid:
        print(summary.format(quiet=True), file=sys.stderr)
    return summary, seconds, peak.mib


def identical(a: Path, b: Path) -> bool:
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in ("graph.ttl", "graph.trig", "graph.nq"))


def report_build(label: str, n: int, summary, seconds: float, mib: float) -> None:
    print(f"{label}: {n} articles in {seconds:.1f} s = {n / seconds:.2f} articles/s, "
          f"{summary.triples / seconds:,.0f} triples/s ({summary.triples:,} triples, {summary.quads:,} quads); "
          f"peak RSS {mib:,.0f} MiB; {'valid' if summary.valid else 'NOT VALID'}", flush=True)


def report_stages(summary, seconds: float) -> None:
    stages = dict(summary.seconds)
    names = [s for s in STAGES if s in stages] + sorted(set(stages) - set(STAGES))
    print("  stage seconds: " + ", ".join(f"{s} {stages[s]:.1f}" for s in names))
    valid = sum(stages.get(s, 0) for s in VALIDATION)
    work = sum(v for s, v in stages.items() if s != "wait")  # workers' seconds are summed
    print(f"  validation (per article + corpus checks + OWL): {valid:.1f} s = {100 * valid / work:.1f}% "
          f"of the build's {work:.1f} s of work (all stages but waiting for workers)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="articles in the corpus")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the parallel build (default 2)")
    parser.add_argument("--no-single", action="store_true", help="skip the one-process build (and its comparisons)")
    parser.add_argument("--keep", metavar="DIR", help="make the corpus and builds in DIR and keep them")
    parser.add_argument("--segment-sample", type=int, metavar="M",
                        help="time the segmentation alone on the first M articles only, scaled to N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmp:
        root = Path(args.keep or tmp)
        src = root / "src"
        src.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        if len(list(src.glob("*.txt"))) != args.n:  # (a kept corpus of N articles is used again)
            make_corpus(src, args.n)
        print(f"corpus: {args.n} articles in {src} ({sum(f.stat().st_size for f in src.glob('*.txt')) / 2**20:.1f} MiB "
              f"of text) made in {time.perf_counter() - start:.1f} s; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs")
        sample = min(args.segment_sample or args.n, args.n)
        with Peak() as peak:
            seg = segmentation_alone(src, sample) * args.n / sample
        how = f" (measured on {sample} articles, scaled)" if sample < args.n else ""
        print(f"underthesea word segmentation alone: {seg:.1f} s = {args.n / seg:.1f} articles/s{how}; "
              f"peak RSS {peak.mib:,.0f} MiB", flush=True)
        single = None
        if not args.no_single:
            summary, single, mib = timed_build(src, root / "out1", 1, args.n)
            report_build("build, 1 process", args.n, summary, single, mib)
            report_stages(summary, single)
            print(f"  build / segmentation alone: {single / seg:.2f}")
        if args.jobs > 1:
            summary, seconds, mib = timed_build(src, root / f"out{args.jobs}", args.jobs, args.n)
            report_build(f"build, {args.jobs} workers", args.n, summary, seconds, mib)
            report_stages(summary, seconds)
            if single is not None:
                print(f"  speed-up over 1 process: {single / seconds:.2f}; graph files byte-identical: "
                      f"{identical(root / 'out1', root / f'out{args.jobs}')}")
        from pipeline.store import load

        built = root / ("out1" if single is not None else f"out{args.jobs}")
        with Peak() as peak:
            loaded = load(built, root / "store")
        print(f"load into the embedded store (bulk loader): {loaded.quads:,} quads in {loaded.seconds:.1f} s "
              f"= {loaded.quads / loaded.seconds:,.0f} quads/s; peak RSS {peak.mib:,.0f} MiB")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
