"""The project's scorer: predicted facts (NAME.facts.json) against gold (NAME.gold.json).

Both files follow the gold format (shared/gold/FORMAT.md). This is an independent
implementation of its matching rules, so the project can score itself without the
reference script and the two can check each other (tests/test_evaluate.py):

- names, titles and quote texts compare by `match_key`: NFC, the two tone-mark
  placements made one ("Uỷ"/"Ủy"), case folded, spaces collapsed, dashes folded, and
  the abbreviations of `ontology/vocab/abbreviations.tsv` spelled out;
- a position matches when the persons agree and the titles agree as written or
  joined with their organization (`joined_title`);
- an event is keyed by its date (dates agree when equal, or same month-day with a
  year on at most one side); its location, chair, each participant and each
  organization are one fact each, as is the event itself;
- a quote matches when the speakers agree and one text holds the other and is at
  least 80% of its length, after quotation marks and end punctuation are trimmed;
- each fact is matched at most once; optional gold facts are not counted, and a
  prediction that matches one is not counted either.

Pairs are chosen by a maximum matching, so the score does not depend on the order
of the lists. (The reference matches greedily in gold order; the two agree unless
a greedy choice would block a later match, which can only lower its count.)
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import resources

LISTS = ("persons", "organizations", "positions", "events", "directives", "quotes")
GOLD_SUFFIX = ".gold.json"
FACTS_SUFFIX = ".facts.json"


class EvalError(Exception):
    """A gold or facts file that cannot be read; the message names the file."""


# ---------------------------------------------------------------------------
# Normalization for matching

_TONES = "\u0300\u0301\u0303\u0309\u0323"
# A tone mark on the first vowel of a syllable-final oa/oe/uy ("hòa", "Ủy") is moved
# onto the second ("hoà", "Uỷ"), so both placements give one key. The second vowel is
# where the mark sits inside a longer syllable too ("hoàn", "thoát"), so a quotation
# cut off in mid-word ("... thất thoá") is still a substring of the whole one.
_TONE_ON_FIRST = re.compile(r"([oOuU])([" + _TONES + r"])([aAeEyY])(?![^\W\d_])")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_QUOTE_HEAD = re.compile(r"^[\s\"'“”‘’«»„]+")
_QUOTE_TAIL = re.compile(r"[\s\"'“”‘’«»„.,;:!?…]+$")


def fold(text: str | None) -> str:
    """NFC, one tone placement, dashes as '-', spaces collapsed, case folded."""
    if not text:
        return ""
    s = unicodedata.normalize("NFD", text)
    s = _TONE_ON_FIRST.sub(lambda m: m.group(1) + m.group(3) + m.group(2), s)
    s = unicodedata.normalize("NFC", s).translate(_DASHES)
    return " ".join(s.split()).casefold()


def match_key(text: str | None) -> str:
    """The form in which two names, titles or texts are compared: `fold` plus abbreviations
    spelled out ("UBND tỉnh Lào Cai" and "Ủy ban nhân dân tỉnh Lào Cai" give one key)."""
    return resources.abbreviations(fold)(text) if text else ""


def quote_key(text: str | None) -> str:
    """`match_key` of a quotation without its quotation marks and end punctuation."""
    s = _QUOTE_TAIL.sub("", _QUOTE_HEAD.sub("", text or ""))
    return match_key(s)


def joined_title(title: str, org: str) -> str:
    """The title with its body appended, both as match keys, overlapping words merged.

    "thứ trưởng" + "bộ xây dựng" -> "thứ trưởng bộ xây dựng"; "chủ nhiệm ủy ban" +
    "ủy ban dân tộc" -> "chủ nhiệm ủy ban dân tộc" (overlap); "bộ trưởng quốc phòng" +
    "bộ quốc phòng" -> "bộ trưởng bộ quốc phòng" (the title names the body without
    its head word). A title that already holds the body is returned as it is.
    """
    if not org or org in title:
        return title
    t, o = title.split(), org.split()
    for k in range(min(len(t), len(o)), 0, -1):  # the title ends where the body begins
        if t[-k:] == o[:k]:
            return " ".join(t + o[k:])
    for head in range(1, len(o)):  # the title ends with the body's tail, head words left out
        tail = o[head:]
        if len(t) > len(tail) and t[-len(tail):] == tail:
            return " ".join(t[: -len(tail)] + o)
    return f"{title} {org}"


_DATE = re.compile(r"(\d{4})?-?-(\d\d-\d\d)")


def dates_agree(a: str, b: str) -> bool:
    """Equal, or the same month and day with a year on at most one side."""
    if a == b:
        return True
    ma, mb = _DATE.fullmatch(a or ""), _DATE.fullmatch(b or "")
    if not ma or not mb or ma.group(2) != mb.group(2):
        return False
    return ma.group(1) is None or mb.group(1) is None


# ---------------------------------------------------------------------------
# Facts


@dataclass(frozen=True)
class Fact:
    """One countable fact: `key` is compared, `shown` is how a report prints it."""

    key: tuple
    shown: str
    optional: bool = False


def _same(kind: str) -> Callable[[tuple, tuple], bool]:
    if kind == "positions":
        return lambda g, p: g[0] == p[0] and bool(g[1] & p[1])
    if kind == "events":
        return lambda g, p: dates_agree(g[0], p[0]) and g[1:] == p[1:]
    if kind == "quotes":

        def same_quote(g, p):
            if g[0] != p[0]:
                return False
            short, long_ = sorted((g[1], p[1]), key=len)
            return short == long_ or (short in long_ and len(short) >= 0.8 * len(long_))

        return same_quote
    return lambda g, p: g == p


def _field(where: str, item: dict, key: str, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise EvalError(f"{where}: missing {key!r}")
        return None
    if not isinstance(value, str):
        raise EvalError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    return value


def facts_of(doc: dict, where: str = "facts") -> dict[str, list[Fact]]:
    """The countable facts of one gold or facts document, per list."""
    out: dict[str, list[Fact]] = {k: [] for k in LISTS}
    for kind in LISTS:
        items = doc.get(kind) or []
        if not isinstance(items, list):
            raise EvalError(f"{where}: {kind!r} must be a list")
        for i, item in enumerate(items):
            at = f"{where}: {kind}[{i}]"
            if not isinstance(item, dict):
                raise EvalError(f"{at} must be an object")
            opt = bool(item.get("optional"))
            if kind in ("persons", "organizations"):
                name = _field(at, item, "name")
                out[kind].append(Fact((match_key(name),), name, opt))
            elif kind == "positions":
                person, title = _field(at, item, "person"), _field(at, item, "title")
                org = _field(at, item, "organization", required=False)
                t = match_key(title)
                titles = frozenset({t, joined_title(t, match_key(org))})
                shown = f"{person} | {title}" + (f" | {org}" if org else "")
                out[kind].append(Fact((match_key(person), titles), shown, opt))
            elif kind == "directives":
                issuer, trigger = _field(at, item, "issuer", False), _field(at, item, "trigger", False)
                addressee = _field(at, item, "addressee", False)
                key = (match_key(issuer), match_key(trigger), match_key(addressee))
                out[kind].append(Fact(key, f"{issuer} | {trigger} | {addressee}", opt))
            elif kind == "quotes":
                speaker, text = _field(at, item, "speaker", False), _field(at, item, "text", False)
                out[kind].append(Fact((match_key(speaker), quote_key(text)), f'{speaker} | "{text}"', opt))
            else:  # events: the event itself, then one fact per attribute
                date = _field(at, item, "date", False)
                d = match_key(date)
                out[kind].append(Fact((d, "date", ""), f"{date}", opt))
                for attr in ("location", "chair"):
                    value = _field(at, item, attr, False)
                    if value:
                        out[kind].append(Fact((d, attr, match_key(value)), f"{date} | {attr} | {value}", opt))
                for attr, single in (("participants", "participant"), ("organizations", "organization")):
                    values = item.get(attr) or []
                    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                        raise EvalError(f"{at}: {attr!r} must be a list of strings")
                    for v in values:
                        out[kind].append(Fact((d, single, match_key(v)), f"{date} | {single} | {v}", opt))
    return out


# ---------------------------------------------------------------------------
# Scores


@dataclass
class Score:
    """Counts of one list (or of all lists) and the facts that were missed."""

    tp: int = 0
    pred: int = 0
    gold: int = 0
    fp: list[str] = field(default_factory=list)  # predictions that match nothing
    fn: list[str] = field(default_factory=list)  # required gold facts no prediction matches

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (0.0 if self.gold else 1.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    def as_dict(self, misses: bool = False) -> dict:
        d = {"p": self.precision, "r": self.recall, "f1": self.f1, "tp": self.tp, "pred": self.pred, "gold": self.gold}
        if misses:
            d |= {"fp": list(self.fp), "fn": list(self.fn)}
        return d


def _max_matching(gold: list[tuple], pred: list[tuple], same) -> list[int | None]:
    """For each gold fact, the index of its matched prediction (or None): a maximum
    matching by augmenting paths, trying gold in order and predictions in order."""
    edges = [[j for j, p in enumerate(pred) if same(g, p)] for g in gold]
    owner: list[int | None] = [None] * len(pred)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] is None or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    match: list[int | None] = [None] * len(gold)
    for j, i in enumerate(owner):
        if i is not None:
            match[i] = j
    return match


def compare(gold_doc: dict, pred_doc: dict, where: tuple[str, str] = ("gold", "facts")) -> dict[str, Score]:
    """Scores per list of one article's prediction against its gold."""
    gold, pred = facts_of(gold_doc, where[0]), facts_of(pred_doc, where[1])
    out = {}
    for kind in LISTS:
        same = _same(kind)
        required = [f for f in gold[kind] if not f.optional]
        optional = [f for f in gold[kind] if f.optional]
        preds = pred[kind]
        match = _max_matching([f.key for f in required], [f.key for f in preds], same)
        used = {j for j in match if j is not None}
        extra = [
            p for j, p in enumerate(preds) if j not in used and not any(same(o.key, p.key) for o in optional)
        ]
        tp = len(used)
        out[kind] = Score(
            tp=tp,
            pred=tp + len(extra),
            gold=len(required),
            fp=[p.shown for p in extra],
            fn=[g.shown for g, j in zip(required, match) if j is None],
        )
    return out


@dataclass
class Evaluation:
    """Scores of a set of articles: per article and list, and summed."""

    articles: dict[str, dict[str, Score]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # articles with gold but no facts file

    def totals(self) -> dict[str, Score]:
        tot = {k: Score() for k in LISTS + ("all",)}
        for scores in self.articles.values():
            for k in LISTS:
                tot[k].add(scores[k])
                tot["all"].add(scores[k])
        return tot

    def as_dict(self) -> dict:
        return {
            "summary": {k: s.as_dict() for k, s in self.totals().items()},
            "articles": {
                name: {k: s.as_dict(misses=True) for k, s in scores.items()} for name, scores in self.articles.items()
            },
            "missing": list(self.missing),
        }


def read_json(path: Path) -> dict:
    """A gold or facts document; `EvalError` naming the file if it is not one."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise EvalError(f"{path}: not UTF-8 (invalid byte at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path}: malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(doc, dict):
        raise EvalError(f"{path}: expected a JSON object")
    return doc


def find_gold(gold_dirs: Iterable[Path | str]) -> dict[str, Path]:
    """NAME -> NAME.gold.json for every gold file under the given directories (or files)."""
    found: dict[str, Path] = {}
    for d in gold_dirs:
        d = Path(d)
        if d.is_file() and d.name.endswith(GOLD_SUFFIX):
            files = [d]
        elif d.is_dir():
            files = sorted(
                p for p in d.rglob("*" + GOLD_SUFFIX)
                if not any(part.startswith(".") for part in p.relative_to(d).parts)
            )
        else:
            raise EvalError(f"{d}: no such directory" if not d.exists() else f"{d}: not a directory or a {GOLD_SUFFIX} file")
        for f in files:
            name = f.name[: -len(GOLD_SUFFIX)]
            if name in found and found[name].resolve() != f.resolve():
                raise EvalError(f"{f}: article name {name!r} is also gold in {found[name]}")
            found[name] = f
    return found


def evaluate(gold_files: dict[str, Path], facts_dir: Path | str) -> Evaluation:
    """Score `facts_dir/NAME.facts.json` against each gold file; a missing facts file
    counts as an article with no facts."""
    facts_dir = Path(facts_dir)
    ev = Evaluation()
    for name, gold_path in gold_files.items():
        pred_path = facts_dir / f"{name}{FACTS_SUFFIX}"
        if pred_path.exists():
            pred = read_json(pred_path)
        else:
            pred = {}
            ev.missing.append(name)
        ev.articles[name] = compare(read_json(gold_path), pred, (str(gold_path), str(pred_path)))
    return ev


# ---------------------------------------------------------------------------
# Reports


def _row(label: str, s: Score, width: int) -> str:
    return (
        f"{label:<{width}} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
        f" {s.tp:5d} {s.pred:5d} {s.gold:5d}"
    )


def _parts(shown: str) -> list[str]:
    return [match_key(x.strip('"')) for x in shown.split(" | ")]


def cause(kind: str, miss: str, side: str, others: list[str]) -> str:
    """Why a fact was missed (side "fn") or spurious ("fp"), judged against the misses of
    the other side in the same article and list: a near miss names the field that differs."""
    mine = _parts(miss)
    theirs = [_parts(o) for o in others]
    if kind in ("persons", "organizations"):
        if any(a and b and (a[0] in b[0] or b[0] in a[0]) for a, b in ((mine, t) for t in theirs)):
            return "name written differently"
    elif kind == "positions":
        if any(t[0] == mine[0] for t in theirs):
            return "title differs"
        return "post not found" if side == "fn" else "post not in gold"
    elif kind == "directives":
        if any(t[0] == mine[0] and t[1] == mine[1] for t in theirs):
            return "addressee differs"
        if any(t[1:] == mine[1:] for t in theirs):
            return "issuer differs"
        if any(t[0] == mine[0] and t[2] == mine[2] for t in theirs):
            return "trigger differs"
    elif kind == "quotes":
        if any(t[1] == mine[1] for t in theirs):
            return "speaker differs"
        if any(t[0] == mine[0] for t in theirs):
            return "text differs"
    elif kind == "events" and len(mine) == 3:
        if any(len(t) == 3 and dates_agree(t[0], mine[0]) and t[1] == mine[1] and mine[1] in ("location", "chair")
               for t in theirs):
            return f"{mine[1]} differs"
        return f"{mine[1]} missed" if side == "fn" else f"{mine[1]} not in gold"
    elif kind == "events":
        return "event (date) missed" if side == "fn" else "event (date) not in gold"
    return "not found" if side == "fn" else "not in gold"


def format_report(ev: Evaluation, errors: bool = False, examples: int = 3) -> str:
    """The tables (per list and overall; per article, with its F1 per list) and the misses.

    Misses are grouped by cause (list and FP/FN) with their count and, per article, the
    first `examples` of each; `errors=True` lists every one.
    """
    lines = []
    header = lambda label, w: f"{label:<{w}} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"
    totals = ev.totals()
    lines += [header("list", 14)] + [_row(k, totals[k], 14) for k in LISTS + ("all",)]

    width = max([7] + [len(n) for n in ev.articles])
    short = {"persons": "pers", "organizations": "org", "positions": "pos", "events": "event",
             "directives": "dir", "quotes": "quote"}
    lines += ["", header("article", width) + "   F1: " + " ".join(f"{short[k]:>5}" for k in LISTS)]
    for name, scores in ev.articles.items():
        s = Score()
        for k in LISTS:
            s.add(scores[k])
        per_list = " ".join(f"{scores[k].f1:5.2f}" for k in LISTS)
        lines.append(_row(name, s, width) + "       " + per_list + ("  (no facts file)" if name in ev.missing else ""))

    by_cause: dict[tuple[str, str], int] = {}
    for scores in ev.articles.values():
        for k in LISTS:
            for side, other in (("fn", "fp"), ("fp", "fn")):
                for m in getattr(scores[k], side):
                    c = (k, cause(k, m, side, getattr(scores[k], other)))
                    by_cause[c] = by_cause.get(c, 0) + 1
    if by_cause:
        lines += ["", "misses by cause"]
        lines += [f"  {k:<14} {c:<28} {n:4d}" for (k, c), n in sorted(by_cause.items(), key=lambda kv: (LISTS.index(kv[0][0]), -kv[1]))]

    causes = [(k, side) for k in LISTS for side in ("fn", "fp")]
    counts = {c: sum(len(getattr(sc[c[0]], c[1])) for sc in ev.articles.values()) for c in causes}
    if any(counts.values()):
        lines += ["", "misses by list" + ("" if errors else f" (first {examples} per article; --errors for all)")]
        for kind, side in causes:
            if not counts[(kind, side)]:
                continue
            what = "missed (FN)" if side == "fn" else "spurious (FP)"
            lines.append(f"{kind} {what}: {counts[(kind, side)]}")
            for name, scores in ev.articles.items():
                miss = getattr(scores[kind], side)
                shown = miss if errors else miss[:examples]
                for m in shown:
                    lines.append(f"  {name}  {m}")
                if len(miss) > len(shown):
                    lines.append(f"  {name}  ... {len(miss) - len(shown)} more")
    return "\n".join(lines)
