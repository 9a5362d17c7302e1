"""The project's scorer (pipeline.evaluate) against the reference scorer (shared/gold/score.py).

The gold is fed back as prediction, plain and perturbed (items dropped, renamed,
duplicated, shuffled; other tone placement, NFD, abbreviations, case and spaces;
titles split from or joined with their body; quotes trimmed; years shifted or
dropped), and the two scorers must agree on every count of every list of every
article. The reference lives outside the repository, at ../shared/gold; without it
the comparison is skipped.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline import evaluate as ev

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_DIRS = [d for d in (SHARED / "dev", SHARED / "seeds") if list(d.glob("*.gold.json"))] if SHARED.is_dir() else []

needs_shared = pytest.mark.skipif(
    not (SHARED / "gold" / "score.py").is_file() or not GOLD_DIRS,
    reason=f"reference scorer or gold not found: {SHARED}/gold/score.py and {SHARED}/dev/*.gold.json "
    "(clone the repository beside shared/ to run this comparison)",
)


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reference():
    """shared/gold/score.py, imported by path (it imports its sibling vnorm.py by name)."""
    gold = SHARED / "gold"
    vnorm = _load(gold / "vnorm.py", "_reference_vnorm")
    saved = sys.modules.get("vnorm")
    sys.modules["vnorm"] = vnorm
    try:
        return _load(gold / "score.py", "_reference_score")
    finally:
        if saved is None:
            del sys.modules["vnorm"]
        else:
            sys.modules["vnorm"] = saved


# ---------------------------------------------------------------------------
# Perturbations of a gold document (each returns a new prediction document)

LISTS = ev.LISTS


def _strings(doc, fn, keys=("name", "person", "title", "organization", "issuer", "trigger",
                            "addressee", "speaker", "text", "location", "chair")):
    out = copy.deepcopy(doc)
    for kind in LISTS:
        for item in out.get(kind, []):
            for k in keys:
                if isinstance(item.get(k), str):
                    item[k] = fn(item[k])
            for k in ("participants", "organizations"):
                if isinstance(item.get(k), list):
                    item[k] = [fn(v) for v in item[k]]
    return out


def identity(doc, rng):
    return copy.deepcopy(doc)


def empty(doc, rng):
    return {"article": doc.get("article"), "published": doc.get("published")}


def drop_some(doc, rng):
    out = copy.deepcopy(doc)
    for kind in LISTS:
        out[kind] = [x for i, x in enumerate(out.get(kind, [])) if i % 3 != 1]
        for e in out[kind] if kind == "events" else []:
            e["participants"] = e.get("participants", [])[1:]
            e["location"] = None
    return out


def rename_some(doc, rng):
    """Every other name changed: a letter, a diacritic (Tuấn -> Tuân), or a word added."""
    edits = [lambda s: s + " mới", lambda s: s.replace("ấ", "â").replace("ư", "u"), lambda s: s[:-1]]

    def fn(s):
        return rng.choice(edits)(s) if rng.random() < 0.5 else s

    return _strings(doc, fn)


_OLD_TO_NEW = re.compile(r"([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?![^\W\d_])")
_NEW_TO_OLD = re.compile(r"([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_])")


def tone_new(doc, rng):
    """hòa -> hoà, Ủy -> Uỷ everywhere."""
    def fn(s):
        d = unicodedata.normalize("NFD", s)
        return unicodedata.normalize("NFC", _OLD_TO_NEW.sub(lambda m: m[1] + m[3] + m[2], d))
    return _strings(doc, fn)


def tone_old(doc, rng):
    """hoà -> hòa, Uỷ -> Ủy everywhere (d07 and d12 are written the new way)."""
    def fn(s):
        d = unicodedata.normalize("NFD", s)
        return unicodedata.normalize("NFC", _NEW_TO_OLD.sub(lambda m: m[1] + m[3] + m[2], d))
    return _strings(doc, fn)


def nfd(doc, rng):
    return _strings(doc, lambda s: unicodedata.normalize("NFD", s))


def case_space_dash(doc, rng):
    def fn(s):
        s = s.replace(" - ", " \u2013 ").replace(" ", "  ")
        return s.upper() if rng.random() < 0.5 else s.lower()
    return _strings(doc, fn)


ABBREVIATE = [("Ủy ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"), ("Mặt trận Tổ quốc", "MTTQ"),
              ("Trung ương", "TW"), ("Đại biểu Quốc hội", "ĐBQH"), ("Thành phố Hồ Chí Minh", "TP.HCM"),
              ("thành phố", "TP")]


def abbreviate(doc, rng):
    def fn(s):
        for long, short in ABBREVIATE:
            s = re.sub(re.escape(long), short, s, flags=re.IGNORECASE)
        return s
    return _strings(doc, fn)


def expand(doc, rng):
    def fn(s):
        for long, short in ABBREVIATE:
            s = re.sub(r"(?<!\w)" + re.escape(short) + r"(?!\w)", long, s)
        return s
    return _strings(doc, fn)


def split_titles(doc, rng):
    """Positions written the other way: the body cut off the title and given apart,
    or the body joined into the title and left out."""
    out = copy.deepcopy(doc)
    for p in out.get("positions", []):
        org = p.get("organization")
        if not org:
            continue
        if org in p["title"] and rng.random() < 0.5:
            p["title"] = p["title"].replace(org, "").strip() or p["title"]
        elif rng.random() < 0.5:
            p["title"] = f"{p['title']} {org}" if org not in p["title"] else p["title"]
            p["organization"] = None
        else:  # keep the title, drop the head word of the body ("Bộ trưởng Quốc phòng")
            words = org.split()
            if org in p["title"] and len(words) > 1:
                p["title"] = p["title"].replace(org, " ".join(words[1:]))
    return out


def quotes_trimmed(doc, rng):
    out = copy.deepcopy(doc)
    for q in out.get("quotes", []):
        t = q["text"]
        cut = rng.choice([0.0, 0.1, 0.15, 0.3, 0.5])
        t = t[int(len(t) * cut):]
        q["text"] = rng.choice(["“{}.”", '"{}!"', "{}…", "{}"]).format(t)
    return out


def shift_years(doc, rng):
    out = copy.deepcopy(doc)
    for e in out.get("events", []):
        d = e.get("date") or ""
        m = re.fullmatch(r"(\d{4})-(\d\d-\d\d)", d)
        choice = rng.random()
        if m and choice < 0.4:
            e["date"] = f"--{m[2]}"  # year dropped: still the same day
        elif m and choice < 0.7:
            e["date"] = f"{int(m[1]) + 1}-{m[2]}"  # another year: a different day
        elif m:
            e["date"] = f"{m[1]}-{m[2][:3]}{(int(m[2][3:]) % 28) + 1:02d}"  # another day
        elif d.startswith("--"):
            e["date"] = f"2025{d[1:]}"  # a year added to a month-day
    return out


def duplicate(doc, rng):
    out = copy.deepcopy(doc)
    for kind in LISTS:
        out[kind] = out.get(kind, []) + [copy.deepcopy(x) for x in out.get(kind, [])[::2]]
    return out


def shuffle(doc, rng):
    out = copy.deepcopy(doc)
    for kind in LISTS:
        rng.shuffle(out.get(kind, []))
    return out


def mixed(doc, rng):
    """A random chain of the others, as a messy extractor would produce."""
    chain = rng.sample([drop_some, rename_some, tone_new, nfd, abbreviate, split_titles,
                        quotes_trimmed, shift_years, duplicate, shuffle, case_space_dash], 4)
    for f in chain:
        doc = f(doc, rng)
    return doc


PERTURBATIONS = [identity, empty, drop_some, rename_some, tone_new, tone_old, nfd, case_space_dash,
                 abbreviate, expand, split_titles, quotes_trimmed, shift_years, duplicate, shuffle]


def _write_predictions(gold_dir: Path, pred_dir: Path, perturb, seed: int, skip_every: int = 0):
    pred_dir.mkdir(parents=True, exist_ok=True)
    for i, gf in enumerate(sorted(gold_dir.glob("*.gold.json"))):
        if skip_every and i % skip_every == 0:
            continue  # no facts file at all for this article
        name = gf.name[: -len(".gold.json")]
        rng = random.Random(f"{seed}:{name}:{perturb.__name__}")
        doc = perturb(json.loads(gf.read_text(encoding="utf-8")), rng)
        (pred_dir / f"{name}.facts.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _counts_agree(reference, gold_dir: Path, pred_dir: Path):
    summary, per_doc = reference.score_dirs(str(gold_dir), str(pred_dir))
    mine = ev.evaluate(ev.find_gold([gold_dir]), pred_dir)
    assert sorted(per_doc) == sorted(mine.articles)
    for name, lists in per_doc.items():
        for kind, r in lists.items():
            m = mine.articles[name][kind]
            assert (m.tp, m.pred, m.gold) == (r["tp"], r["pred"], r["gold"]), (name, kind)
            assert (len(m.fp), len(m.fn)) == (len(r["fp"]), len(r["fn"])), (name, kind)
    totals = mine.totals()
    for kind, r in summary.items():
        t = totals[kind]
        assert (t.tp, t.pred, t.gold) == (r["tp"], r["pred"], r["gold"]), kind
        assert (t.precision, t.recall, t.f1) == pytest.approx((r["p"], r["r"], r["f1"])), kind
    return mine, summary


@needs_shared
@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=lambda d: d.name)
def test_gold_as_prediction_scores_one(reference, gold_dir, tmp_path):
    _write_predictions(gold_dir, tmp_path, identity, 0)
    mine, summary = _counts_agree(reference, gold_dir, tmp_path)
    for kind, score in mine.totals().items():
        assert score.f1 == 1.0, kind
        assert summary[kind]["f1"] == 1.0, kind


@needs_shared
@pytest.mark.parametrize("perturb", PERTURBATIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=lambda d: d.name)
def test_scorers_agree_on_perturbed_predictions(reference, gold_dir, perturb, tmp_path):
    _write_predictions(gold_dir, tmp_path, perturb, 1)
    _counts_agree(reference, gold_dir, tmp_path)


@needs_shared
@pytest.mark.parametrize("seed", range(8))
def test_scorers_agree_on_mixed_perturbations(reference, seed, tmp_path):
    gold_dir = GOLD_DIRS[0]
    _write_predictions(gold_dir, tmp_path, mixed, seed, skip_every=5 if seed % 2 else 0)
    _counts_agree(reference, gold_dir, tmp_path)


@needs_shared
def test_normalization_agrees_with_reference(reference):
    """Two strings get one key in our scorer exactly when they do in the reference
    (the keys themselves differ: the two pick different canonical tone placements)."""
    canon = reference.norm
    words = ["UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", "HĐND tỉnh", "Hội đồng nhân dân tỉnh",
             "Ban Tổ chức TW", "Ban Tổ chức Trung ương", "UB Kiểm tra", "Ủy ban Kiểm tra", "TP.HCM", "TP. HCM",
             "TP HCM", "Thành phố Hồ Chí Minh", "TP Hà Nội", "Thành phố Hà Nội", "ĐBQH khóa XV",
             "Đại biểu Quốc hội khoá XV", "UBMTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam", "MTTQ",
             "Quản Trọng Hoà", "Quản Trọng Hòa", "Uỷ ban Dân tộc", "Vụ Kế hoạch – Tài chính",
             "Vụ Kế hoạch - Tài chính", "  Bộ   Xây dựng ", "bộ xây dựng", "THỦY LỢI", "thuỷ lợi",
             "hoàn thành", "hòan thành", "Đỗ Minh Tuấn", "Đỗ Minh Tuân", "twitter", "tpbank"]
    words += [unicodedata.normalize("NFD", w) for w in words]
    for a in words:
        for b in words:
            assert (ev.match_key(a) == ev.match_key(b)) == (canon(a) == canon(b)), (a, b)


# ---------------------------------------------------------------------------
# The rules on their own (no reference needed)


def test_names_match_across_spellings():
    same = ["UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", "Uỷ ban Nhân dân  tỉnh Lào Cai",
            unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lào Cai"), "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"]
    assert len({ev.match_key(s) for s in same}) == 1
    assert ev.match_key("Đỗ Minh Tuấn") != ev.match_key("Đỗ Minh Tuân")
    assert ev.match_key("Quản Trọng Hoà") == ev.match_key("Quản Trọng Hòa")
    assert ev.match_key("Vụ Kế hoạch – Tài chính") == ev.match_key("Vụ Kế hoạch - Tài chính")
    assert ev.match_key("TP.HCM") == ev.match_key("Thành phố Hồ Chí Minh")
    assert ev.match_key("twitter") == "twitter"  # "tw" only as a whole word


@pytest.mark.parametrize("title, org, joined", [
    ("Thứ trưởng", "Bộ Xây dựng", "Thứ trưởng Bộ Xây dựng"),
    ("Chủ nhiệm Ủy ban", "Ủy ban Dân tộc", "Chủ nhiệm Ủy ban Dân tộc"),
    ("Bộ trưởng Quốc phòng", "Bộ Quốc phòng", "Bộ trưởng Bộ Quốc phòng"),
    ("Bí thư Tỉnh ủy Thanh Hóa", "Tỉnh ủy Thanh Hóa", "Bí thư Tỉnh ủy Thanh Hóa"),
])
def test_titles_join_their_body(title, org, joined):
    k = ev.match_key
    assert ev.joined_title(k(title), k(org)) == k(joined)


def test_dates_and_quotes():
    assert ev.dates_agree("2025-03-05", "--03-05")
    assert not ev.dates_agree("2025-03-05", "2024-03-05")
    assert not ev.dates_agree("--03-05", "--03-06")
    gold = {"quotes": [{"speaker": "A", "text": "Cán bộ là cái gốc của mọi công việc"}]}
    close = {"quotes": [{"speaker": "a", "text": "“bộ là cái gốc của mọi công việc.”"}]}
    far = {"quotes": [{"speaker": "A", "text": "cái gốc của mọi công việc"}]}
    assert ev.compare(gold, close)["quotes"].tp == 1
    assert ev.compare(gold, far)["quotes"].tp == 0


def test_optional_gold_absorbs_predictions_and_each_fact_matches_once():
    gold = {"persons": [{"name": "Mã Lâm"}, {"name": "Kiều Hòa", "optional": True}]}
    pred = {"persons": [{"name": "Mã Lâm"}, {"name": "Mã Lâm"}, {"name": "Kiều Hoà"}]}
    s = ev.compare(gold, pred)["persons"]
    assert (s.tp, s.pred, s.gold) == (1, 2, 1)
    assert s.fp == ["Mã Lâm"] and s.fn == []


def test_matching_is_maximal_not_greedy():
    """Two gold quotes; the first prediction matches both, the second only the first."""
    gold = {"quotes": [{"speaker": "A", "text": "một hai ba bốn năm"}, {"speaker": "A", "text": "một hai ba bốn năm sáu"}]}
    pred = {"quotes": [{"speaker": "A", "text": "một hai ba bốn năm sáu"}, {"speaker": "A", "text": "một hai ba bốn năm"}]}
    assert ev.compare(gold, pred)["quotes"].tp == 2


def test_bad_files_are_named(tmp_path):
    bad = tmp_path / "x.gold.json"
    bad.write_text('{"persons": [', encoding="utf-8")
    with pytest.raises(ev.EvalError, match=r"x\.gold\.json: malformed JSON at line 1"):
        ev.evaluate(ev.find_gold([tmp_path]), tmp_path)
    bad.write_text('{"positions": [{"person": "A"}]}', encoding="utf-8")
    with pytest.raises(ev.EvalError, match=r"x\.gold\.json: positions\[0\]: missing 'title'"):
        ev.evaluate(ev.find_gold([tmp_path]), tmp_path)
    with pytest.raises(ev.EvalError, match="no such directory"):
        ev.find_gold([tmp_path / "nope"])


@needs_shared
def test_scorers_agree_on_the_pipelines_own_facts(reference, tmp_path):
    """The dev set built by the pipeline and read back as facts: both scorers, same counts."""
    from pipeline.build import build
    from pipeline.facts import write_facts

    gold_dir = GOLD_DIRS[0]
    summary = build(sorted(gold_dir.glob("*.txt")), tmp_path / "out")
    assert summary.ok, summary.failures
    write_facts(tmp_path / "out" / "graph.ttl", tmp_path / "facts")
    _counts_agree(reference, gold_dir, tmp_path / "facts")


def test_misses_are_explained_by_the_field_that_differs():
    from pipeline.evaluate import cause
    assert cause("directives", "A | giao | Bộ Y tế", "fn", ["A | giao | Bộ Tài chính"]) == "addressee differs"
    assert cause("directives", "A | giao | Bộ Y tế", "fn", ["B | giao | Bộ Y tế"]) == "issuer differs"
    assert cause("positions", "A | Thứ trưởng Bộ Y tế", "fn", ["A | Thứ trưởng"]) == "title differs"
    assert cause("positions", "A | Thứ trưởng Bộ Y tế", "fn", []) == "post not found"
    assert cause("events", "2025-01-02 | chair | A", "fn", ["2025-01-02 | chair | B"]) == "chair differs"
    assert cause("organizations", "Bộ Ngoại giao Việt Nam", "fn", ["Bộ Ngoại giao"]) == "name written differently"
    assert cause("quotes", 'A | "Một hai ba"', "fp", ['B | "Một hai ba"']) == "speaker differs"
