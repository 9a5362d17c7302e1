"""Titles (posts) and the bodies written with them, in one left-to-right scan.

A title is a head from the vocabulary followed by the body it belongs to:
"Trưởng Ban Tổ chức Trung ương", "Chủ tịch UBND tỉnh Lào Cai", "Bộ trưởng Quốc
phòng" (the body's head word left out), "Trưởng đoàn Đại biểu Quốc hội tỉnh X".
Bodies outside titles, and places, are recorded on the way, so that later
components see a sentence as titles, bodies, places and the words between them.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..normalize import fold
from .lexicon import cue, lexicon
from .organizations import OrganizationFinder, OrgMatch
from .state import SentenceState, TitleMatch
from .words import PhraseIndex, Word



@lru_cache(maxsize=1)
def _title_index() -> PhraseIndex:
    return PhraseIndex([t.title for t in lexicon().titles.values()])


def _heads_at(ws: list[Word], i: int) -> list[tuple[int, str]]:
    """Every title head starting at ws[i], longest first ("Trưởng Ban", then "Trưởng")."""
    return _title_index().matches(ws, i)

def org_with_head(text: str, ws: list[Word], k: int, head: str, title_end: int) -> OrgMatch | None:
    """The body when the text leaves its head word out or writes it in lower case:
    'Quốc phòng' after 'Bộ trưởng' is 'Bộ Quốc phòng'."""
    lowered_head = k > 0 and ws[k - 1].key == head.casefold().split()[-1] and not ws[k - 1].cap
    if lowered_head:  # "Trưởng đoàn Đại biểu Quốc hội": the head is written, in lower case
        start = k - 1
        if len(head.split()) != 1:
            return None
        synthetic = ws[:start] + [Word(ws[start].start, ws[start].end, head)] + ws[k:]
        finder = OrganizationFinder(text, synthetic)
        m = finder.match(start, {start - 1})
        if not m or m.j <= start + 1:
            return None
        return replace(m, name=head + text[ws[start].end:m.end])
    if k >= len(ws) or not ws[k].cap:
        return None
    head_words = [Word(ws[k].start, ws[k].start, part) for part in head.split()]
    synthetic = ws[:k] + head_words + ws[k:]
    finder = OrganizationFinder(text, synthetic)
    m = finder.match(k, {k - 1})
    n = len(head_words)
    if not m or m.j <= k + n or m.members:
        return None
    if m.reference is None and not finder.place_at(k + n) and not finder.ix["fields"].match(synthetic, k + n):
        return None  # "Đại sứ Carolina ...": a name follows the title, not a body with its head left out
    # back to the real word list: the synthetic head words had no width
    return replace(m, i=k, j=m.j - n, start=ws[k].start, name=f"{head} {text[ws[k].start:m.end]}")


def _foreign_qualifier(finder: OrganizationFinder, ws: list[Word], k: int) -> tuple[int, str | None]:
    """A country after a title makes it a foreign post: "Thủ tướng Lào", and with a field
    between, "Bộ trưởng Ngoại giao Argentina". Returns the title's end and the country."""
    if k >= len(ws):
        return k, None
    country = finder.ix["countries"].match(ws, k)
    if country and (country[0] > 1 or ws[k].text not in finder.lex.surnames):
        return k + country[0], finder.lex.countries[country[1]]  # "Tổng thống Hàn Quốc"
    if ws[k].text in finder.lex.surnames:
        return k, None  # a Vietnamese name follows
    for field_words in (2, 3):
        at = k + field_words
        field = ws[k:at]
        # a field is a common noun: "Ngoại giao", "Quốc phòng" (capitalised, then lower case)
        if field_words and not (field[0].cap and all(w.is_word and not w.cap for w in field[1:])):
            continue
        country = finder.ix["countries"].match(ws, at)
        if country:
            return at + country[0], finder.lex.countries[country[1]]
    return k, None


def match_title(text: str, ws: list[Word], i: int) -> TitleMatch | None:
    """The title starting at ws[i], with its body when one is written."""
    lex = lexicon()
    heads = _heads_at(ws, i)
    if not heads:
        return None
    finder = OrganizationFinder(text, ws)
    best = None
    for n, head in heads:
        title = lex.titles[fold(head)]
        k = i + n
        org = None
        if title.body != "none":
            body_words = len(title.body_head.split()) if title.body_head else 0
            if body_words and n > body_words and \
                    " ".join(w.key for w in ws[k - body_words:k]) == fold(title.body_head):
                # "Trưởng Ban" + "Tổ chức Trung ương": the head's last words open the body
                org = finder.match(k - body_words, {k - body_words - 1})
                if org and org.j <= k:
                    org = None
            if org is None and k < len(ws):
                org = finder.match(k, {k - 1})
            if org is None and title.body_head:
                org = org_with_head(text, ws, k, title.body_head, k)
        elif title.default_body and k < len(ws):
            # "Phó Thủ tướng Thường trực Chính phủ": the default body written after a complete title
            written = finder.match(k, {k - 1})
            if written and fold(written.name) == fold(title.default_body):
                org = written
        if title.body == "required" and org is None:
            continue
        j = org.j if org else k
        if org and org.members:  # "Chủ tịch UBND hai tỉnh A, B" is not one post
            org, j = None, k
        country = None
        if org is None:
            j, country = _foreign_qualifier(finder, ws, k)
        written = text[ws[i].start:org.end if org else ws[j - 1].end]
        candidate = TitleMatch(i, j, ws[i].start, ws[j - 1].end, title.title, written, org, country=country)
        if best is None or candidate.j > best.j:
            best = candidate
    return best


def _after_honorific(ws: list[Word], i: int) -> bool:
    return i > 0 and ws[i - 1].key in lexicon().honorifics


def analyze(text: str, state: SentenceState) -> None:
    """Fill a sentence's titles, bodies and places."""
    ws = state.words
    finder = OrganizationFinder(text, ws)
    i = 0
    title_ends: set[int] = set()
    while i < len(ws):
        title = match_title(text, ws, i)
        if title and i > 1 and ws[i - 1].cap and ws[i - 1].is_word and (i - 1) not in title_ends \
                and not any(o.j == i for o in state.orgs):
            title = None  # inside a proper name: "Phủ Chủ tịch" is a building
        if title and title.org is None:
            org = finder.match(i, title_ends)
            if org and org.j > title.j:  # "Đại sứ quán Chile", not the title "Đại sứ"
                title = None
        if title and state.titles and state.titles[-1].j + 1 == i and ws[i - 1].key in {"-", "kiêm"} \
                and state.titles[-1].org is None and title.org is not None:
            # "Phó Chủ tịch - Tổng Thư ký Ủy ban ...", "Chủ tịch kiêm Tổng Giám đốc X": one post
            # written as two titles
            first = state.titles.pop()
            title = TitleMatch(first.i, title.j, first.start, title.end, first.head,
                               text[first.start:title.end], title.org)
        if title:
            if i > 0 and ws[i - 1].key in cue("former_marker"):
                title.former = True
            if (i > 0 and ws[i - 1].key == "các") or (i > 2 and " ".join(w.key for w in ws[i - 3:i]) == "các đồng chí"):
                title.plural = True  # "các Ủy viên Bộ Chính trị: ...", "các đồng chí Phó Thủ tướng: ..."
            state.titles.append(title)
            if title.org:
                state.orgs.append(title.org)
            title_ends.add(title.j - 1)
            i = title.j
            continue
        org = finder.match(i, title_ends)
        if org:
            state.orgs.append(org)
            i = org.j
            continue
        place = finder.place_at(i) if (i - 1) not in title_ends and not _after_honorific(ws, i) \
            and finder.place_ok(i) else None
        if place and place[0] >= 3 and ws[i].text in finder.lex.surnames and \
                not (i > 0 and finder.ix["units"].match(ws, i - 1, need_cap=False)):
            place = None  # a person named like the city ("tư tưởng <name>"); the city has its unit ("TP ...")
        if place:
            unit = ws[i - 1].key if i > 0 else ""
            state.places.append((i, i + place[0], unit, place[1]))
            i += place[0]
            continue
        if ws[i].key in {"xã", "phường", "huyện", "quận"} and i + 1 < len(ws) and ws[i + 1].cap:
            run = finder.commune_run(i + 1)
            if not run:
                i += 1
                continue
            state.places.append((i + 1, i + 1 + run, ws[i].key, text[ws[i + 1].start:ws[i + run].end]))
            i += 1 + run
            continue
        i += 1
