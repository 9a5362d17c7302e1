"""Organizations: the bodies a sentence names.

Three sources, longest match wins:
- the reference graph of Party and State bodies (official names and abbreviations,
  including names with a comma or "và": "Ban Chính sách, chiến lược Trung ương");
- local bodies built from a head and a place: "UBND tỉnh Lào Cai", "Tỉnh ủy Thanh Hóa",
  "Sở Tài chính Nghệ An", "Ủy ban nhân dân xã Đồng Đăng", and the distributive
  "Ủy ban nhân dân hai tỉnh Lạng Sơn, Cao Bằng" (one body per province);
- a generic head followed by a proper name ("Cục Điện lực", "Vụ Kế hoạch - Tài chính").
Standing organs wrap another body ("Ban Thường vụ Tỉnh ủy X", "Đảng ủy UBND tỉnh X"),
and a delegation ("Đoàn đại biểu Thượng viện Cộng hòa Chile") stands for its body.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..normalize import fold
from .lexicon import cue, cue_sequences, lexicon
from .words import PhraseIndex, Word, name_split

UNITS = {"tỉnh": "tỉnh", "thành phố": "thành phố", "tp": "thành phố", "tp.": "thành phố",
         "xã": "xã", "phường": "phường", "huyện": "huyện", "quận": "quận", "thị xã": "thị xã",
         "thị trấn": "thị trấn", "đặc khu": "đặc khu"}
# The unit a bare local head implies: "Tỉnh ủy" is a province's committee.
IMPLIED_UNIT = {"tỉnh ủy": "tỉnh", "thành ủy": "thành phố", "huyện ủy": "huyện"}
# A generic body name rarely runs on for more than a few lower-case words ("Ban Vận động
# cứu trợ Trung ương"); past that the words are the sentence's verb phrase.
MAX_LOWER_WORDS = 6
# Heads of bodies often named after people or places, whose names look like a person's.
# Heads of military units named by a number.
NUMBERED_UNITS = {"Quân khu", "Quân đoàn", "Sư đoàn", "Lữ đoàn", "Trung đoàn", "Vùng Cảnh sát biển"}
NAMED_AFTER_PEOPLE = {"Bệnh viện", "Trường", "Trường Đại học", "Đại học", "Học viện"}


@dataclass
class OrgMatch:
    """A body named in a sentence (word indices i..j exclusive, char offsets start..end)."""

    i: int
    j: int
    start: int
    end: int
    name: str
    kind: str
    reference: str | None = None
    needs_place: str | None = None  # "tỉnh", "xã"...: a local body written without its place
    place: str | None = None  # the province or commune the body belongs to
    members: list["OrgMatch"] = field(default_factory=list)  # a distributive mention's bodies
    represents: "OrgMatch | None" = None  # a delegation's body


@lru_cache(maxsize=1)
def _indexes():
    lex = lexicon()
    return {
        "bodies": PhraseIndex(lex.body_labels),
        "provinces": PhraseIndex(list(lex.provinces)),  # folded written forms
        "countries": PhraseIndex(list(lex.countries)),
        "local_heads": PhraseIndex([h for h, (_, local) in lex.org_heads.items() if local]),
        "generic_heads": PhraseIndex([h for h, (_, local) in lex.org_heads.items() if not local]),
        "prefixes": PhraseIndex(list(lex.org_prefixes)),
        # fields of state management, as ministries name them: "Bộ <field>" -> "Sở <field>"
        "fields": PhraseIndex([label[3:] for label in lex.body_labels if label.startswith("Bộ ")]),
        "units": PhraseIndex(list(UNITS), ),
        "titles": PhraseIndex([t.title for t in lex.titles.values()]),
    }


class OrganizationFinder:
    """Finds the bodies of one sentence. `text` is the whole article; words carry its offsets."""

    def __init__(self, text: str, ws: list[Word]):
        self.text = text
        self.ws = ws
        self.lex = lexicon()
        self.ix = _indexes()

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.ws[i].start: self.ws[j - 1].end]

    # -- places ---------------------------------------------------------------
    def province_at(self, i: int) -> tuple[int, str] | None:
        """(words, canonical name) of a Vietnamese province or city at ws[i]."""
        m = self.ix["provinces"].match(self.ws, i)
        return (m[0], self.lex.provinces[m[1]]) if m else None

    def place_at(self, i: int) -> tuple[int, str] | None:
        """(words, canonical name) of a province or country at ws[i]."""
        m = self.province_at(i)
        if m:
            return m
        m = self.ix["countries"].match(self.ws, i)
        if m:
            return m[0], self.lex.countries[m[1]]
        return None

    def cap_run(self, i: int, limit: int = 4) -> int:
        n = 0
        while i + n < len(self.ws) and n < limit and self.ws[i + n].cap and self.ws[i + n].is_word:
            n += 1
        return n

    def commune_run(self, i: int) -> int:
        """Words of a commune or district name at i; a run that looks like a person's
        name ("xã Hà Văn Thỏa") is the name of the post holder, not the commune."""
        run = self.cap_run(i, 7)
        if run >= 3 and self.ws[i].text in self.lex.surnames:
            return 0
        split = self.name_split(i, run)  # "phường Ba Đình Đỗ Văn Hùng": the name starts at "Đỗ"
        return split if split is not None else min(run, 3)

    def name_split(self, i: int, run: int) -> int | None:
        return name_split(self.ws, i, run, self.lex.surnames)

    def place_ok(self, i: int) -> bool:
        """A place name inside a run of capitalised words belongs to a person's name ("Âu Đức Trọng")."""
        return not (i > 0 and self.ws[i - 1].cap and self.ws[i - 1].is_word)

    # -- matchers -------------------------------------------------------------
    def match(self, i: int, title_ends: set[int] = frozenset()) -> OrgMatch | None:
        """The longest body starting at word i, or None."""
        ws = self.ws
        if i >= len(ws) or not ws[i].cap:
            return None
        fields = self._ministries_by_field(i)
        if fields:
            return fields
        delegation = self._delegation(i, title_ends)
        if delegation:
            standing = self._core(i, title_ends)  # "Đoàn Đại biểu Quốc hội tỉnh X" is a standing body
            return standing if standing and standing.j >= delegation.j else delegation
        prefix = self.ix["prefixes"].match(ws, i)
        if prefix:
            inner = self._core(i + prefix[0], title_ends | {i + prefix[0] - 1})
            if inner and not inner.members:
                kind = self.lex.org_prefixes[prefix[1]]
                whole = self._extend(OrgMatch(i, inner.j, ws[i].start, inner.end, self.span_text(i, inner.j), kind,
                                              needs_place=inner.needs_place, place=inner.place))
                gaz = self._gazetteer(i)
                if not gaz or gaz.j <= whole.j:
                    # a prefix + body that is itself a reference body keeps its reference
                    if gaz and gaz.j == whole.j:
                        return gaz
                    return whole
        return self._core(i, title_ends)

    def _core(self, i: int, title_ends: set[int]) -> OrgMatch | None:
        gazetteer, local = self._gazetteer(i), self._local(i)
        if gazetteer:  # a reference body wins over patterns, unless a local body is longer
            best = local if local and local.j > gazetteer.j else gazetteer
            return self._extend(best)
        candidates = [m for m in (local, self._generic(i, title_ends)) if m]
        if not candidates:
            return None
        return self._extend(max(candidates, key=lambda m: m.j))

    def _gazetteer(self, i: int) -> OrgMatch | None:
        m = self.ix["bodies"].match(self.ws, i)
        if not m:
            return None
        n, label = m
        body = self.lex.bodies[label_key(label)]
        j = i + n
        return OrgMatch(i, j, self.ws[i].start, self.ws[j - 1].end, self.span_text(i, j), body.kind, body.iri)

    def _local(self, i: int) -> OrgMatch | None:
        ws = self.ws
        head = self.ix["local_heads"].match(ws, i)
        if not head:
            return None
        n, head_text = head
        kind = self.lex.org_heads[head_text][0]
        j = i + n
        if tuple(w.key for w in ws[j:j + 2]) == ("việt", "nam") and self.ix["units"].match(ws, j + 2, need_cap=False):
            j += 2  # "Ủy ban MTTQ Việt Nam tỉnh Nghệ An"
        if head_text == "Sở":  # Sở + field ("Sở Tài chính", "Sở Giáo dục và Đào tạo")
            if j >= len(ws) or not ws[j].cap:
                return None
            known = self.ix["fields"].match(ws, j)  # the field of a ministry: "Tài nguyên và Môi trường"
            if known:
                j += known[0]
            else:
                j += 1
                lowered = 0
                while j < len(ws) and ws[j].is_word and not ws[j].cap and ws[j].key not in cue("body_name_stop") \
                        and lowered < 2:
                    j, lowered = j + 1, lowered + 1
                if j + 1 < len(ws) and ws[j].key == "và" and ws[j + 1].cap and not self.place_at(j + 1):
                    j += 2
                    while j < len(ws) and ws[j].is_word and not ws[j].cap and ws[j].key not in cue("body_name_stop"):
                        j += 1
        unit = None
        whole = self.province_at(j)  # "UBND TP HCM", "Thành ủy Thành phố Hồ Chí Minh": the unit is in the name
        if whole and ws[j].key in {"tp", "tp.", "thành", "tp.hcm", "tphcm"}:
            j_end = j + whole[0]
            return OrgMatch(i, j_end, ws[i].start, ws[j_end - 1].end, self.span_text(i, j_end), kind, place=whole[1])
        count_word = j < len(ws) and ws[j].key in {"hai", "ba", "bốn", "các"}
        u = self.ix["units"].match(self.ws, j + count_word, need_cap=False)
        if u:
            unit = UNITS[u[1]]
            j_unit = j + count_word + u[0]
            if count_word:
                members = self._place_list(j_unit, head_end=j, i=i, kind=kind, unit=unit)
                if members:
                    return members
            if count_word:
                return None  # "Công an các tỉnh": every province, no named body
            j = j_unit
        elif count_word:
            return None
        place = self.province_at(j)
        if place:
            j_end = j + place[0]
            return OrgMatch(i, j_end, ws[i].start, ws[j_end - 1].end, self.span_text(i, j_end), kind,
                            place=place[1])
        if unit in {"xã", "phường", "huyện", "quận", "thị xã", "thị trấn", "đặc khu"}:
            run = self.commune_run(j)
            if run:
                j_end = j + run
                return OrgMatch(i, j_end, ws[i].start, ws[j_end - 1].end, self.span_text(i, j_end), kind,
                                place=self.span_text(j, j_end))
        needs = unit or IMPLIED_UNIT.get(ws[i + n - 1].key if n == 1 else head_text.casefold())
        if head_text == "Sở" and not needs:
            return OrgMatch(i, j, ws[i].start, ws[j - 1].end, self.span_text(i, j), kind)
        if not needs:
            return None  # "lực lượng Công an nhân dân": a head with neither place nor unit names no body
        return OrgMatch(i, j, ws[i].start, ws[j - 1].end, self.span_text(i, j), kind, needs_place=needs)

    def _ministries_by_field(self, i: int) -> OrgMatch | None:
        """'các Bộ: Xây dựng, Tài chính, Nông nghiệp và Môi trường': one ministry per field."""
        ws = self.ws
        if ws[i].key != "bộ" or i == 0 or ws[i - 1].key != "các":
            return None
        k = i + 1 + (i + 1 < len(ws) and ws[i + 1].text == ":")
        members = []
        while k < len(ws):
            field = self.ix["fields"].match(ws, k)
            if not field:
                break
            name = f"Bộ {self.span_text(k, k + field[0])}"
            body = self.lex.bodies.get(label_key(name))
            members.append(OrgMatch(k, k + field[0], ws[k].start, ws[k + field[0] - 1].end, name,
                                    body.kind if body else "GovernmentBody", body.iri if body else None))
            k += field[0]
            if k + 1 < len(ws) and ws[k].text in {",", "và"} and self.ix["fields"].match(ws, k + 1):
                k += 1
                continue
            break
        if len(members) < 2:
            return None
        return OrgMatch(i, k, ws[i].start, ws[k - 1].end, self.span_text(i, k), "GovernmentBody", members=members)

    def _place_list(self, j: int, head_end: int, i: int, kind: str, unit: str) -> OrgMatch | None:
        """'UBND hai tỉnh Lạng Sơn, Cao Bằng': one body per place."""
        ws = self.ws
        head = self.span_text(i, head_end)
        members, k = [], j
        while True:
            place = self.province_at(k)
            if not place:
                break
            members.append(place[1])
            k += place[0]
            if k < len(ws) and ws[k].text in {",", "và"} and self.province_at(k + 1):
                k += 1
                continue
            break
        if len(members) < 2:
            return None
        bodies = [OrgMatch(i, k, ws[i].start, ws[k - 1].end, f"{head} {unit} {p}", kind, place=p) for p in members]
        return OrgMatch(i, k, ws[i].start, ws[k - 1].end, self.span_text(i, k), kind, members=bodies)

    def _generic(self, i: int, title_ends: set[int]) -> OrgMatch | None:
        ws = self.ws
        if i > 0 and ws[i - 1].cap and ws[i - 1].is_word and (i - 1) not in title_ends:
            return None  # inside a run of capitalised words: a name, not a body
        head = self.ix["generic_heads"].match(ws, i)
        if not head or any(tuple(w.key for w in ws[i:i + len(v)]) == v for v in cue_sequences("venue")):
            return None  # "Trung tâm Hội nghị tỉnh" is a building, not a body
        n, head_text = head
        kind = self.lex.org_heads[head_text][0]
        j = i + n
        if head_text in NUMBERED_UNITS and j < len(ws) and ws[j].text.isdigit():
            # "Lữ đoàn 147 Hải quân", "Quân khu 4": a unit's number, then any capitalised words
            end = self._proper_name_end(j + 1) if j + 1 < len(ws) and ws[j + 1].cap and ws[j + 1].is_word else j + 1
            return OrgMatch(i, end, ws[i].start, ws[end - 1].end, self.span_text(i, end), kind)
        if j >= len(ws) or not ws[j].cap or not ws[j].is_word:
            return None
        if head_text in NAMED_AFTER_PEOPLE:
            # "Bệnh viện Bạch Mai", "Trường Đại học Tôn Đức Thắng": a name-like run is the body's
            # own name, up to where the next person's family name begins
            run = self.cap_run(j, 7)
            split = self.name_split(j, run)
            end = j + (split if split is not None else min(run, 4))
            return OrgMatch(i, end, ws[i].start, ws[end - 1].end, self.span_text(i, end), kind)
        if self._name_starts(j):
            return None
        j = self._proper_name_end(j)
        return OrgMatch(i, j, ws[i].start, ws[j - 1].end, self.span_text(i, j), kind)

    def _proper_name_end(self, j: int) -> int:
        """End of the proper part of a body name starting at word j (capitalised)."""
        ws = self.ws
        place = self.place_at(j)
        if place and not self._continues_lower(j + place[0]):
            return j + place[0]
        j += 1
        lowered, first_lower = 0, None
        while j < len(ws):
            w = ws[j]
            if w.text == "-" and j + 1 < len(ws) and ws[j + 1].cap:  # "Vụ Kế hoạch - Tài chính"
                j += 2
                continue
            if w.key == "và" and j + 1 < len(ws) and ws[j + 1].cap and not self._starts_body_or_title(j + 1):
                j += 2
                continue
            if w.key in {"tỉnh", "thành", "tp"} and lowered:
                unit = self.ix["units"].match(ws, j, need_cap=False)
                place = self.province_at(j + unit[0]) if unit else None
                if place:  # "Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh"
                    return j + unit[0] + place[0]
            if w.key == "dự" and j + 1 < len(ws) and ws[j + 1].key == "án":
                j, lowered = j + 2, lowered + 2  # "Ban Quản lý dự án Mỹ Thuận": "dự án" is no "dự họp"
                continue
            if not w.is_word or w.key in cue("body_name_stop") or self._verb_at(j):
                break
            if w.cap and ws[j - 1].key in cue("region_word"):  # "miền Nam", "vùng Tây Bắc"
                j += 1
                while j < len(ws) and ws[j].cap and ws[j].is_word and not self._name_starts(j):
                    j += 1
                continue
            if w.cap:
                tail = self._known_suffix(j)
                k = j + tail
                if tail and k < len(ws) and ws[k].cap and ws[k].is_word and not self._name_starts(k):
                    tail = 0  # "Mỹ Thuận" is a name, not "Mỹ" the country and then something else
                if tail:
                    j += tail
                    break
                if lowered:
                    # "Ban Chỉ đạo Tây Nam Bộ", "Ban Liên lạc Đối ngoại Trung ương": a capitalised run
                    # that is no person's name belongs to the body, which may go on after it
                    if self._name_starts(j):
                        break
                    run = self.cap_run(j, 7)
                    split = self.name_split(j, run)  # "... Tập đoàn Vingroup Nguyễn Việt Quang"
                    j += split if split is not None else min(run, 4)
                    # go on only into "<lower case> <Capitalised>" ("Đối ngoại Trung ương"),
                    # not into the verb phrase after the name ("Mường Nhé giữ vững")
                    if not (j + 1 < len(ws) and ws[j].is_word and not ws[j].cap and ws[j + 1].cap):
                        break
                    continue
                # still in the first capitalised run: take it unless a name starts here
                if self._name_starts(j):
                    break
                j += 1
                continue
            lowered += 1
            if lowered > MAX_LOWER_WORDS:
                return first_lower + MAX_LOWER_WORDS if first_lower is not None else j
            if first_lower is None:
                first_lower = j
            j += 1
        return j

    def _verb_at(self, j: int) -> bool:
        """A directive or saying verb starts at j ("... chỉ đạo các tỉnh"): the name has ended."""
        ws = self.ws
        for n in (2, 1):
            phrase = " ".join(w.key for w in ws[j:j + n])
            if phrase in self.lex.directive_triggers or phrase in self.lex.statement_verbs:
                return True
        return False

    def _continues_lower(self, j: int) -> bool:
        ws = self.ws
        return j < len(ws) and ws[j].is_word and not ws[j].cap and ws[j].key not in cue("body_name_stop")

    def _known_suffix(self, j: int) -> int:
        """Words of a place or standard qualifier ("Trung ương", "Việt Nam") at j."""
        ws = self.ws
        place = self.place_at(j)
        if place:
            return place[0]
        for phrase in (("trung", "ương"), ("quốc", "hội"), ("chính", "phủ"), ("nhà", "nước")):
            if tuple(w.key for w in ws[j:j + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def _name_starts(self, j: int) -> bool:
        run = self.cap_run(j, 6)
        return run >= 2 and self.ws[j].text in self.lex.surnames

    def _starts_body_or_title(self, j: int) -> bool:
        return bool(self.ix["generic_heads"].match(self.ws, j) or self.ix["local_heads"].match(self.ws, j)
                    or self.ix["titles"].match(self.ws, j) or self.ix["bodies"].match(self.ws, j))

    def _delegation(self, i: int, title_ends: set[int]) -> OrgMatch | None:
        ws = self.ws
        for head in cue_sequences("delegation_head"):
            n = len(head)
            if tuple(w.key for w in ws[i:i + n]) != head:
                continue
            k = i + n
            if k < len(ws) and ws[k].key == "của":
                k += 1
            inner = self._core(k, title_ends | {k - 1}) if k < len(ws) and ws[k].cap else None
            if inner and not inner.members:
                return OrgMatch(i, inner.j, ws[i].start, inner.end, self.span_text(i, inner.j), "Delegation",
                                represents=inner)
        return None

    def _extend(self, m: OrgMatch) -> OrgMatch:
        """Qualifiers written after a body: a country ("Bộ Ngoại giao Việt Nam"),
        "tại <country>" after an embassy, an abbreviation in brackets ("(EVN)")."""
        ws = self.ws
        j = m.j
        if j < len(ws) and not m.place and not m.needs_place:
            country = self.ix["countries"].match(ws, j)
            if country and not m.name.endswith(self.lex.countries[country[1]]):
                j += country[0]
        heads = " ".join(w.key for w in ws[m.i:m.i + 4])
        if j + 1 < len(ws) and ws[j].key == "tại" and heads.startswith(("đại sứ quán", "tổng lãnh sự quán")):
            country = self.ix["countries"].match(ws, j + 1)
            if country:
                j += 1 + country[0]
        if j != m.j:
            m = replace(m, j=j, end=ws[j - 1].end, name=self.span_text(m.i, j), reference=None)
        if j + 2 < len(ws) and ws[j].text == "(" and ws[j + 2].text == ")" and ws[j + 1].text.isupper():
            m = replace(m, j=j + 3)  # the bracketed abbreviation ("(EVN)") is passed over, not named
        return m


def label_key(label: str) -> str:
    return fold(label)

