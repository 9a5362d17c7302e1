"""Persons and the posts they hold.

A name is a run of capitalised words that a title, an honorific or a list puts
in the position of a name ("Trưởng Ban Tổ chức Trung ương Lò Minh Hưng",
"ông Lò Văn Sính", "các Phó Thủ tướng: A, B và C"); a run that nothing anchors
must look like a Vietnamese full name (a family name and two or more words).

Posts come from the titles around a name:
- stacked before it: "Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng, Trưởng Ban ... A";
- in apposition after it: "ông A, Phó Bí thư Tỉnh ủy Lào Cai, ..." or "A (Phó Cục trưởng ...)";
- shared by a list: "các Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng: Trưởng Ban X A; ...",
  "Thứ trưởng các bộ: Tài chính A, Công Thương B" (the ministry shared out);
- given by an act: "... được phê chuẩn giữ chức Chủ tịch UBND tỉnh Yên Bái".
A post whose body is written without its place ("Bí thư Tỉnh ủy") takes the place of
the stack it is in, or else of the article's context. A title after a preposition that
names someone already named ("Báo cáo với Phó Thủ tướng, ...") is that person, not a post
of the next name; ranks and degrees ("Đại tướng", "GS.TS") anchor a name but are no posts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Position, Span
from ..normalize import fold
from .lexicon import cue, cue_sequences, lexicon
from .organizations import OrgMatch
from .state import ExtractionState, PersonRef, SentenceState, TitleMatch
from .titles import org_with_head
from .words import Word, name_split

LIST_SEPARATORS = {",", ";", "và"}
LOCAL_UNITS = {"xã", "phường", "huyện", "quận"}


@dataclass
class NameMatch:
    i: int
    j: int
    text: str
    anchored: bool


@dataclass
class Stack:
    """Titles stacked for one person, and titles shared with a list."""

    titles: list[TitleMatch] = field(default_factory=list)
    shared: list[TitleMatch] = field(default_factory=list)


def _covered(state: SentenceState) -> set[int]:
    covered = set()
    for t in state.titles:
        covered.update(range(t.i, t.j))
    for o in state.orgs:
        covered.update(range(o.i, o.j))
    for i, j, _, _ in state.places:
        covered.update(range(i, j))
    return covered


def honorific_before(ws: list[Word], i: int) -> int:
    """Words of an honorific, rank or degree that ends just before ws[i] ("ông", "Đại tướng", "GS.TS")."""
    honorifics = lexicon().honorifics
    for n in (4, 3, 2, 1):
        if i - n >= 0 and " ".join(w.key for w in ws[i - n:i]) in honorifics:
            return n
    return 0


def find_names(text: str, state: SentenceState) -> list[NameMatch]:
    lex = lexicon()
    ws = state.words
    covered = _covered(state)
    title_ends = {t.j for t in state.titles}
    out, i = [], 0
    while i < len(ws):
        if i in covered or not ws[i].cap or not ws[i].is_word:
            i += 1
            continue
        j = i
        while j < len(ws) and j not in covered and ws[j].cap and ws[j].is_word and j - i < 6:
            j += 1
        if i > 0 and ws[i - 1].key in cue("not_a_person_before") and not ws[i - 1].cap and not (i > 1 and ws[i - 2].cap):
            i = j  # "đường Lê Văn Lương", "cao tốc Trà Lĩnh": a street, a road, a project
            continue
        if ws[i].text not in lex.surnames and i not in title_ends and not honorific_before(ws, i):
            # "Công Thương Bạch Văn Hưng": a name starts at the family name inside the run; right
            # after a title the whole run is the name ("Y Thanh Hà Niê Kđăm")
            split = name_split(ws, i, j - i, lex.surnames)
            if split is not None:
                i += split
        prev = ws[i - 1].key if i > 0 else ""
        after_honorific = honorific_before(ws, i) > 0
        anchored = i in title_ends or after_honorific or prev in {":", ";", ",", "và", "("}
        start_word = ws[i].key
        if not anchored and i == 0 and start_word in lex.honorifics and j - i >= 2:
            i += 1  # "Ông Diệp Minh Quý": the honorific opens the sentence
            anchored = True
        n = j - i
        looks_vietnamese = ws[i].text in lex.surnames
        if n >= 2 and (i in title_ends or after_honorific):
            out.append(NameMatch(i, j, text[ws[i].start:ws[j - 1].end], True))
        elif n >= 2 and anchored and (looks_vietnamese or n >= 3):
            out.append(NameMatch(i, j, text[ws[i].start:ws[j - 1].end], True))
        elif n >= 3 and looks_vietnamese:
            out.append(NameMatch(i, j, text[ws[i].start:ws[j - 1].end], False))
        i = max(j, i + 1)
    return out


class PersonExtractor:
    """Registers the persons of every sentence and the posts the text gives them."""

    def __init__(self, state: ExtractionState):
        self.state = state
        self.text = state.article.text
        self.lex = lexicon()
        self.context_places: dict[str, str] = {}  # unit -> last place of that level

    # -- places -----------------------------------------------------------------
    def _note_places(self, sent: SentenceState, upto: int | None = None) -> None:
        """Remember the last province and commune named, for posts written without one."""
        found = []
        for o in sent.orgs:
            for m in o.members or [o]:
                if m.place:
                    before = m.name[: -len(m.place)].split()
                    level = before[-1].casefold() if before and before[-1].casefold() in LOCAL_UNITS else "tỉnh"
                    found.append((o.i, level, m.place))
        for i, _, unit, name in sent.places:
            found.append((i, unit if unit in LOCAL_UNITS else "tỉnh", name))
        for i, level, place in sorted(found):
            if upto is not None and i >= upto:
                continue
            if level == "tỉnh" and place not in self.lex.province_kind:
                continue  # a country, not a province
            self.context_places[level] = place

    def place_for(self, need: str) -> str | None:
        level = "tỉnh" if need in {"tỉnh", "thành phố"} else need
        return self.context_places.get(level)

    # -- bodies -----------------------------------------------------------------
    def resolve_org(self, org: OrgMatch, place: str | None) -> str:
        """The key of a body, a bare local body completed with `place`."""
        name = org.name
        if org.needs_place and place:
            name = f"{name} {place}"
        span = Span(org.start, org.end)
        return self.state.organization(name, org.kind, org.reference, span)

    # -- posts ------------------------------------------------------------------
    def _stack_before(self, sent: SentenceState, i: int) -> list[TitleMatch]:
        ws = sent.words
        by_end = {t.j: t for t in sent.titles}
        stack = []
        k = i - honorific_before(ws, i)  # "Phó Chủ tịch Quốc hội, Thượng tướng A": the rank is no post
        if k != i and k > 0 and ws[k - 1].text == "," and (k - 1) in by_end:
            k -= 1
        while k in by_end:
            t = by_end[k]
            stack.insert(0, t)
            if t.i > 0 and ws[t.i - 1].text in {",", "-"} and (t.i - 1) in by_end:
                k = t.i - 1
            else:
                break
        # "Báo cáo với Phó Thủ tướng, Chủ tịch ... A": a title after a preposition is
        # someone else, spoken to or of, not a post of A
        for n, t in enumerate(stack):
            if t is stack[-1] and not (t.j < len(ws) and ws[t.j].text == ","):
                break  # the last title, attached to the name, is the name's
            before = ws[t.i - 1].key if t.i > 0 else ""
            if before == "của" or (before in cue("preposition") and self.state.holders(t.text)):
                return stack[n + 1:]
        return stack

    def _stack_after(self, sent: SentenceState, j: int, names: list[NameMatch]) -> list[TitleMatch]:
        """Titles in apposition after a name: ', Phó Bí thư ..., ' or ' (Phó Cục trưởng ...)'."""
        ws = sent.words
        by_start = {t.i: t for t in sent.titles}
        name_starts = {n.i for n in names}
        if j >= len(ws) or ws[j].text not in {",", "("}:
            return []
        bracket = ws[j].text == "("
        k = j + 1
        stack = []
        while k < len(ws):
            while k < len(ws) and ws[k].key in cue("apposition_skip"):
                k += 1
            former = k < len(ws) and ws[k].key in cue("former_marker")
            if former:
                k += 1
            t = by_start.get(k)
            if t is None:
                break
            if t.j in name_starts:  # the title belongs to the next person of a list
                return stack if stack and not bracket else []
            t.former = t.former or former
            stack.append(t)
            k = t.j
            if k < len(ws) and ws[k].text == ",":
                k += 1
                continue
            break
        if bracket:
            while k < len(ws) and ws[k].text != ")" and ws[k].text not in {".", ";", "("}:
                k += 1  # "(Vụ trưởng Vụ Tổ chức cán bộ, Bộ Nội vụ)": the ministry the unit is in
            if k >= len(ws) or ws[k].text != ")":
                return []
        return stack

    def _add_positions(self, person: str, titles: list[TitleMatch], sent: SentenceState,
                       shared: bool = False) -> None:
        resolved_place = None
        for t in titles:
            if t.org and t.org.place:
                resolved_place = t.org.place
        for n, t in enumerate(titles):
            title_text = t.text
            org_key = None
            if t.org:
                place = t.org.place
                if t.org.needs_place:
                    place = resolved_place or self.place_for(t.org.needs_place)
                    if place:
                        title_text = f"{t.text} {place}"
                org_key = self.resolve_org(t.org, place)
            elif t.country:
                pass  # a foreign post: the body is the foreign state's, not a Vietnamese default
            else:
                title = self.lex.titles[fold(t.head)]
                if title.default_body:
                    span = Span(t.start, t.end) if fold(title.default_body) in fold(t.text) else None
                    if span:  # the body is written inside the title: it is mentioned
                        k = fold(t.text).index(fold(title.default_body))
                        span = Span(t.start + k, t.start + k + len(title.default_body))
                    kind = self.lex.bodies[fold(title.default_body)].kind if fold(title.default_body) in self.lex.bodies else "StateBody"
                    org_key = self.state.organization(title.default_body, kind, None, span)
                elif title.body != "none":
                    # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": the next title's body
                    later = next((x for x in titles[n + 1:] if x.org and not x.org.needs_place), None)
                    if later:
                        org_key = self.resolve_org(later.org, later.org.place)
            self.state.positions.append(Position(person, title_text, org_key, sent.span, t.former))

    def _item_field_title(self, sent: SentenceState, shared: TitleMatch, i: int) -> tuple[TitleMatch | None, int]:
        """'Thứ trưởng các bộ: Tài chính A': the ministry at item i, as a title of its own."""
        title = self.lex.titles[fold(shared.head)]
        if not title.body_head:
            return None, i
        org = org_with_head(self.text, sent.words, i, title.body_head, i)
        if not org:
            return None, i
        t = TitleMatch(shared.i, org.j, shared.start, org.end, shared.head, f"{shared.head} {org.name}", org)
        return t, org.j

    # -- per sentence -----------------------------------------------------------
    def run(self, sent: SentenceState) -> None:
        ws = sent.words
        names = find_names(self.text, sent)
        self._note_places(sent, upto=min([t.i for t in sent.titles], default=None))
        self._register_other_orgs(sent)  # first, so a post's short body name finds the full one
        shared_for: dict[int, list[TitleMatch]] = {}
        # shared lists: "các <titles>: items" / "<title> các bộ: items"
        for t in sent.titles:
            if not t.plural:
                continue
            stack = [t]
            k = t.j
            by_start = {x.i: x for x in sent.titles}
            while k + 1 < len(ws) and ws[k].text == "," and (k + 1) in by_start:
                stack.append(by_start[k + 1])
                k = by_start[k + 1].j
            colon = k < len(ws) and ws[k].text == ":"
            if colon:
                k += 1
            self._share(sent, stack, k, names, shared_for, names_only=not colon)
        for t in sent.titles:
            j = t.j
            if j + 2 < len(ws) and ws[j].key == "các" and ws[j + 1].key == "bộ" and ws[j + 2].text == ":":
                self._share(sent, [t], j + 3, names, shared_for, by_field=True)
        for name in names:
            if self.state.article.text[ws[name.i].start - 5:ws[name.i].start].strip().endswith("Ảnh:"):
                continue
            key = self.state.person(name.text, Span(ws[name.i].start, ws[name.j - 1].end))
            sent.refs.append(PersonRef(ws[name.i].start, ws[name.j - 1].end, key, "name"))
            styled = honorific_before(ws, name.i)
            if styled:  # "Đại tướng A": a later "Đại tướng" alone is A
                self.state.styled[" ".join(w.key for w in ws[name.i - styled:name.i])] = key
            before = [t for t in self._stack_before(sent, name.i) if not t.plural]
            after = self._stack_after(sent, name.j, names)  # "Tổng Bí thư A, Trưởng Ban Chỉ đạo, ..."
            titles = shared_for.get(name.i, []) + before + after
            if titles:
                self._add_positions(key, titles, sent)
            self._note_places(sent, upto=name.j)
        self._held_by_act(sent)
        self._note_places(sent)
        if sent.sentence.credit:
            self._photo_credit(sent)

    def _share(self, sent, stack, k, names, shared_for, by_field=False, names_only=False) -> None:
        """Give the shared titles to each item of the list from word k. Without a colon
        ("các Thượng nghị sĩ A và B; Đại sứ C") the list holds bare names only."""
        ws = sent.words
        name_at = {n.i: n for n in names}
        by_start = {x.i: x for x in sent.titles}
        if not by_field and k in name_at:
            after = name_at[k].j
            if not (after + 1 < len(ws) and ws[after].text == "," and (after + 1) in by_start):
                # "các Thứ trưởng: A, B, C; Giám đốc X D": a list that opens with bare names holds
                # bare names only; the first item with its own title is someone else
                names_only = True
        while k < len(ws):
            item_titles = []
            if by_field:
                field_title, k2 = self._item_field_title(sent, stack[0], k)
                if field_title:
                    item_titles = [field_title]
                    k = k2
            while k in by_start and not names_only:  # the item's own stack
                k = by_start[k].j
                if k < len(ws) and ws[k].text == ",":
                    k += 1 if (k + 1) in by_start else 0
            name = name_at.get(k)
            if name is None:
                break
            shared_for[name.i] = ([] if by_field else stack) + item_titles
            k = name.j
            if not names_only and k + 1 < len(ws) and ws[k].text == "," and (k + 1) in by_start:
                # "A, Trưởng Ban X; B, Chánh Văn phòng Y": the item's titles follow its name
                k += 1
                while k in by_start:
                    k = by_start[k].j
                    if k + 1 < len(ws) and ws[k].text == "," and (k + 1) in by_start:
                        k += 1
            if k < len(ws) and ws[k].text in LIST_SEPARATORS:
                k += 1
                continue
            break

    def _held_by_act(self, sent: SentenceState) -> None:
        """'... được phê chuẩn giữ chức Chủ tịch UBND tỉnh Yên Bái': the post of the
        person named before the act in the sentence."""
        ws = sent.words
        for t in sent.titles:
            for marker in cue_sequences("hold_marker"):
                n = len(marker)
                if t.i >= n and tuple(w.key for w in ws[t.i - n:t.i]) == marker:
                    earlier = [r for r in sent.refs if r.end <= t.start]
                    if earlier:
                        self._add_positions(earlier[-1].person, [t], sent)
                    break

    def _register_other_orgs(self, sent: SentenceState) -> None:
        for t in sent.titles:
            title = self.lex.titles[fold(t.head)]
            body = title.default_body
            if t.org is None and body and fold(body) in fold(t.text):
                k = fold(t.text).index(fold(body))
                kind = self.lex.bodies[fold(body)].kind if fold(body) in self.lex.bodies else "StateBody"
                self.state.organization(body, kind, None, Span(t.start + k, t.start + k + len(body)))
        in_titles = {id(t.org) for t in sent.titles if t.org}
        for org in sent.orgs:
            if id(org) in in_titles:
                if not org.needs_place and not org.members:
                    self.resolve_org(org, org.place)  # named in a title, held by someone or not
                continue
            if org.represents:
                org = org.represents
            if org.members:
                for m in org.members:
                    sent.org_keys[m.i * 1000 + len(sent.org_keys)] = self.state.organization(
                        m.name, m.kind, None, Span(m.start, m.end))
                continue
            place = None
            if org.needs_place:
                self._note_places(sent, upto=org.i)
                # "UBND tỉnh" (its unit written) is the province's body in context; a bare
                # "Tỉnh ủy" inside a longer name only when that body is named elsewhere
                candidate = self.place_for(org.needs_place)
                unit_written = fold(org.name).endswith(" " + org.needs_place)
                addressed = self._after_trigger(sent, org.i)
                if candidate and ((unit_written and addressed) or fold(f"{org.name} {candidate}") in self._known_org_names()):
                    place = candidate
            key = self.resolve_org(org, place)
            sent.org_keys[org.i] = key

    def _after_trigger(self, sent: SentenceState, i: int) -> bool:
        """Whether the body at word i is addressed by a directive verb just before it."""
        before = [w.key for w in sent.words[max(0, i - 2):i]]
        return (len(before) == 2 and " ".join(before) in self.lex.directive_triggers) or \
            (bool(before) and before[-1] in self.lex.directive_triggers)

    def _known_org_names(self) -> set[str]:
        return {fold(o.name) for o in self.state.organizations.values()}

    def _photo_credit(self, sent: SentenceState) -> None:
        credit = self.text[sent.sentence.credit.start:sent.sentence.credit.end]
        # "Ảnh: Minh Đức", "Ảnh: VGP/Nhật Bắc", "Ảnh: TTXVN": the photographer after any agency
        name = credit.split(":", 1)[1].strip().rstrip(").").strip().split("/")[-1].strip()
        words_ = name.split()
        if words_ and all(w[:1].isupper() and not w.isupper() for w in words_) and 1 < len(words_) <= 4:
            start = sent.sentence.credit.start + credit.rindex(name)
            self.state.person(name, Span(start, start + len(name)), photo_credit=True)


def dedupe_positions(state: ExtractionState) -> None:
    """One row per (person, post); a bare re-mention ("Chủ nhiệm A") of a post the
    person is known to hold in full is not a second post."""
    def joined(p: Position) -> str:
        org = state.organizations[p.organization].name if p.organization else ""
        title = fold(p.title)
        return title if not org or fold(org) in title else f"{title} {fold(org)}"

    seen, kept = set(), []
    for p in state.positions:
        key = (p.person, joined(p))
        if key in seen:
            continue
        seen.add(key)
        kept.append(p)
    final = []
    for p in kept:
        title = fold(p.title)
        fuller = [q for q in kept if q is not p and q.person == p.person and fold(q.title).startswith(title + " ")]
        if p.organization is None and fuller:
            continue
        if fuller and title in lexicon().titles:
            continue  # "Thủ tướng A" again, after "Thủ tướng Pháp A": the bare head is no second post
        if p.organization is None and any(q is not p and q.person == p.person and fold(q.title) == title
                                          and q.organization for q in kept):
            continue  # "Bộ trưởng A" again, after "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ A"
        if fuller and all(q.organization == p.organization for q in fuller):
            continue
        final.append(p)
    state.positions = final
