"""Bodies: the organizations a sentence names.

Sources, longest match wins:
- the reference graph of Party and State bodies (official names, abbreviations and the
  forms the press shortens: "Ban Chính sách, chiến lược Trung ương", "UB Dân tộc");
- local bodies, a head and a place: "UBND tỉnh Lào Cai", "Tỉnh ủy Thanh Hóa", "Sở TN-MT",
  "Quận ủy Ba Đình", "UBND H.Sa Thầy"; written without the place ("UBND tỉnh", "Tỉnh ủy")
  a body needs the place of its context; one mention may name several ("UBND hai tỉnh A,
  B", "Ban Thường vụ Tỉnh ủy Sóc Trăng, Hậu Giang");
- a generic head and a proper name: "Cục Điện lực", "Vụ Kế hoạch - Tài chính", "Trung
  đoàn 48", "Bệnh viện Bạch Mai", "Công ty TNHH MTV Cao su Chư Prông";
- standing organs and delegations around another body: "Ban Thường vụ Tỉnh ủy X",
  "Đoàn công tác của Bộ Chính trị" (which stands for the Politburo);
- an acronym given in brackets after a body's name, wherever it is used later.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..normalize import fold
from .wordclass import NOUNS, tag_of, word_classes
from .capitals import cap_run, local_name_length, name_split, name_starts
from .chunks import Body, Lookup, PhraseTable, Place, chunks, ends_word, is_cap, is_word, keep, word_before
from .vocabulary import Head, vocabulary

# A generic body name rarely runs on for more than a few lower-case words ("Cục Giải quyết khiếu
# nại, tố cáo và thanh tra khu vực III"); past that the words are the sentence's verb phrase.
MAX_LOWER_WORDS = 7


@Language.factory("govkg_bodies", assigns=["doc.spans", "span._.body"], requires=["span._.place"])
def create_body_chunker(nlp: Language, name: str):
    return BodyChunker(nlp)


@dataclass
class Found:
    i: int  # first token
    j: int  # token after the last
    body: Body


class BodyChunker:
    def __init__(self, nlp: Language):
        voc = vocabulary()
        self.table = PhraseTable(nlp.vocab, {
            "body": voc.body_labels,
            "local_head": [h.head for h in voc.org_heads.values() if h.local],
            "generic_head": [h.head for h in voc.org_heads.values() if not h.local],
            "prefix": list(voc.org_prefixes),
            "field": list(voc.fields),
            "unit": list(voc.units),
            "delegation": list(voc.cue("delegation_head")),
            "venue": list(voc.cue("venue")),
            "title_head": [t.title for t in voc.titles.values()],
            "verb": list(voc.directive_triggers) + list(voc.statement_verbs),
            "suffix": list(voc.cue("body_suffix")),
            "country": list(voc.countries),
            "province": list(voc.provinces),
        }, cased=("body", "country", "province"))

    def __call__(self, doc: Doc) -> Doc:
        finder = BodyFinder(doc, self.table(doc))
        found, i = [], 0
        while i < len(doc):
            m = finder.match(i)
            if m:
                found.append(m)
                i = m.j
            else:
                i += 1
        found += finder.acronyms(found)
        keep(doc, "bodies", [(m.i, m.j, m.body) for m in found])
        return doc


class BodyFinder:
    """The bodies of one doc, found left to right from any token."""

    def __init__(self, doc: Doc, lookup: Lookup):
        self.doc = doc
        self.lookup = lookup
        self.voc = vocabulary()
        self.places: dict[int, Span] = {s.start: s for s in chunks(doc, "places")}
        self.places_ending: dict[int, list[Span]] = {}
        for s in self.places.values():
            self.places_ending.setdefault(s.end, []).append(s)
        self.after_title = False  # the body being read follows a title's head
        self.holder_before = False  # ... whose holder is named before it ("A, Giám đốc Công ty X")
        self.addressed = False  # the body being read follows a directive's verb

    # -- helpers ------------------------------------------------------------------
    def found(self, i: int, j: int, kind: str, **fields) -> Found:
        doc = self.doc
        name = fields.pop("name", None) or doc[i:j].text
        if not is_cap(doc[i]):  # "Trưởng đoàn đại biểu Quốc hội": the delegation's head, written in lower case
            name = name[0].upper() + name[1:]
        return Found(i, j, Body(name, kind, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), **fields))

    def place(self, j: int, levels=("province", "district", "commune")) -> Span | None:
        span = self.places.get(j)
        return span if span is not None and span._.place.level in levels else None

    def cue(self, role: str, j: int) -> bool:
        return j < len(self.doc) and self.doc[j].lower_ in self.voc.cue(role)

    def separator(self, j: int) -> bool:
        """A comma or "và" as written between the items of a list."""
        return self.doc[j].text == "," or self.doc[j].text in self.voc.cue("list_and")

    def may_start(self, i: int) -> bool:
        """A body starts capitalised, or lower-case as the last word of a title's head
        ("Trưởng đoàn đại biểu Quốc hội": the delegation's head is written in lower case), or as
        a local head with its place ("đoàn ĐBQH tỉnh Bình Định")."""
        if is_cap(self.doc[i]):
            return True
        if any(end == i + 1 for k in range(max(0, i - 3), i) for end, _ in self.lookup.at("title_head", k)):
            return True
        local = self.local(i) if self.doc[i]._.word_start else None  # "trụ sở" is no "Sở"
        return local is not None and local.body.place is not None

    def after_unit(self, i: int) -> bool:
        """Token i follows a unit ("TP.", "huyện"): it names a place, whatever head it looks like."""
        return any(end == i for k in range(max(0, i - 3), i) for end, _ in self.lookup.at("unit", k))

    def inside_name(self, i: int) -> bool:
        """Token i continues a run of capitalised words: a name, not the start of a body;
        but a body may follow a title's head ("Chủ tịch HĐQT Công ty X")."""
        if i == 0:
            return False
        previous = self.doc[i - 1]
        if not (is_cap(previous) and is_word(previous)) or previous.text.isupper() or previous.is_sent_start:
            return False  # "Tại Trung đoàn 48": a capitalised word opening the sentence is no name
        return not any(end == i for k in range(max(0, i - 4), i)
                       for label in ("title_head", "delegation") for end, _ in self.lookup.at(label, k))

    # -- the match at a token -------------------------------------------------------
    def inside_title_head(self, i: int) -> int | None:
        """Where the title's head ends that token i is inside of, when it does not open the body
        the head names: "Thường trực" in "Phó Bí thư Thường trực Thành ủy" is the head's, while
        "Ban" in "Trưởng Ban Tổ chức Trung ương" opens the body, and "Bộ Chính trị" in "Ủy viên Bộ
        Chính trị" is one."""
        for k in range(max(0, i - 5), i):
            for end, head in self.lookup.at("title_head", k):
                if end > i:
                    entry = self.voc.titles[head]
                    rest = fold(self.doc[i:end].text)
                    if rest not in {fold(entry.body_head or ""), fold(entry.default_body or "")}:
                        return end
        return None

    def match(self, i: int) -> Found | None:
        if not is_word(self.doc[i]):
            return None
        by_field = self.bodies_by_field(i)  # "các sở: Tài chính, Xây dựng", in lower case too
        if by_field:
            return by_field
        if not self.may_start(i):
            return None
        head_end = self.inside_title_head(i)
        if head_end is not None:  # a body that runs on past the head: "... Trung ương Đảng Nhân dân Cách mạng Lào"
            core = self.core(i)
            return core if core is not None and core.j > head_end else None
        delegation = self.delegation(i)
        if delegation:
            standing = self.core(i)  # "Đoàn Đại biểu Quốc hội tỉnh X" is a standing body
            return standing if standing and standing.j >= delegation.j else delegation
        prefixed = self.prefixed(i)
        core = self.core(i)
        if prefixed and (core is None or prefixed.j >= core.j):
            return prefixed
        return core

    def core(self, i: int) -> Found | None:
        gazetteer, local = self.gazetteer(i), self.local(i)
        if gazetteer:  # a reference body wins over patterns, unless a local body is longer
            return self.extend(local if local and local.j > gazetteer.j else gazetteer)
        candidates = [m for m in (local, self.generic(i)) if m]
        return self.extend(max(candidates, key=lambda m: m.j)) if candidates else None

    def gazetteer(self, i: int) -> Found | None:
        found = self.lookup.longest("body", i)
        if not found:
            return None
        j, label = found
        body = self.voc.bodies[label]
        return self.found(i, j, body.kind, reference=body.iri)

    # -- local bodies -----------------------------------------------------------------
    def local(self, i: int) -> Found | None:
        head = self.lookup.longest("local_head", i)
        if not head:
            return None
        j, written = head
        return self.with_place(i, j, self.voc.org_heads[written])

    def with_place(self, i: int, j: int, head: Head) -> Found | None:
        """A head's body completed by what follows it: a place, a unit, a list of places."""
        doc = self.doc
        country = self.places.get(j)
        if country is not None and country._.place.level == "country" and \
                (self.place(country.end) or self.lookup.longest("unit", country.end)):
            j = country.end  # "Ủy ban MTTQ Việt Nam tỉnh Nghệ An"
        if head.naming == "field":
            j = self.department_end(j)
            if j is None:
                return None
        place = self.place(j)
        if place is not None:
            return self.distributed(i, j, head.kind) or \
                self.found(i, place.end, head.kind, place=place._.place)
        count = j < len(doc) and doc[j].text in self.voc.cue("count_word")  # "hai tỉnh", not "Ba Đình"
        unit = self.lookup.longest("unit", j + count)
        if count:
            return self.distributed(i, j, head.kind, count=True)  # "Công an các tỉnh": no named body
        if unit:
            return self.found(i, unit[0], head.kind, needs_place=self.voc.units[unit[1]])
        if head.level and head.level != "province" and j < len(doc) and is_cap(doc[j]):
            run = local_name_length(doc, j)  # "Quận ủy Ba Đình"
            if run:
                return self.found(i, j + run, head.kind, place=Place(doc[j:j + run].text, head.level))
        if head.level:
            return self.found(i, j, head.kind, needs_place=head.level)  # "Tỉnh ủy", "Thành ủy"
        if head.naming == "field":
            return self.found(i, j, head.kind)
        return None  # "lực lượng Công an nhân dân": a head with neither place nor unit names no body

    def department_end(self, j: int) -> int | None:
        """End of "Sở <field>": a ministry's field ("Sở TN-MT", "Sở Giáo dục và Đào tạo") or a
        capitalised word and a few lower-case ones ("Sở Ngoại vụ")."""
        doc = self.doc
        if j >= len(doc) or not is_cap(doc[j]):
            return None
        field = self.lookup.longest("field", j)
        if field:
            return field[0]
        j, lowered = j + 1, 0
        while j < len(doc) and is_word(doc[j]) and not is_cap(doc[j]) and not self.cue("body_name_stop", j) \
                and lowered < 2:
            j, lowered = j + 1, lowered + 1
        return j

    def distributed(self, i: int, j: int, kind: str, count: bool = False) -> Found | None:
        """'UBND hai tỉnh Lạng Sơn, Cao Bằng', 'UBND các tỉnh A, B và C', 'Tỉnh ủy Sóc Trăng, Hậu
        Giang', 'UBND các huyện Sơn Tây, Sơn Hà, TX.Đức Phổ': one body per place. With a count
        word ("các", "hai") and no list: no body."""
        doc = self.doc
        units_end = self.units_before_a_list(j + 1) if count else None  # "các tỉnh, thành phố: A, B"
        first = self.place(units_end if units_end else j + 1 if count else j)
        if first is None:
            return None
        level = first._.place.level
        unit = self.lookup.longest("unit", first.start)
        unit_text = doc[first.start:unit[0]].text if unit and unit[0] < first.end else None
        if units_end:
            unit_text = doc[j + 1:self.lookup.longest("unit", j + 1)[0]].text
        items = [(first.start, first.end, first._.place, first.text)]
        k = first.end
        while k + 1 < len(doc) and self.separator(k):
            item = self.list_item(k + 1, level, count)
            if item is None:
                break
            items.append(item)
            k = item[1]
        if len(items) < 2:
            return None
        head = doc[i:j].text
        members = []
        for start, end, place, written in items:
            if place.unit is None and unit_text and (start != first.start or units_end):
                # "Sơn Hà" after "các huyện Sơn Tây": "huyện Sơn Hà"; a city by its own unit
                own = self.voc.province_units.get(place.name) if written == place.name else None
                written = f"{own or unit_text} {written}"
            members.append(Body(f"{head} {written}", kind, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                                place=place))
        return self.found(i, k, kind, members=tuple(members))

    def units_before_a_list(self, k: int) -> int | None:
        """Where the list starts after units shared out over it ("tỉnh, thành phố:"), or None."""
        doc = self.doc
        unit = self.lookup.longest("unit", k)
        while unit:
            k = unit[0]
            if k + 1 < len(doc) and self.separator(k) and self.lookup.longest("unit", k + 1):
                unit = self.lookup.longest("unit", k + 1)
                continue
            break
        return k + 1 if k < len(doc) and doc[k].text == ":" else None

    def list_item(self, k: int, level: str, count: bool) -> tuple[int, int, Place, str] | None:
        """The next place of a list of places of one level: a province named alone after
        provinces; a district or commune named alone or with its own unit ("TX.Đức Phổ")."""
        doc = self.doc
        place = self.places.get(k)
        if place is not None and place._.place.level != "country":
            if level == "province" and (place._.place.unit is not None or place._.place.level != "province"):
                return None
            return place.start, place.end, place._.place, place.text
        if count and level in {"district", "commune"} and is_cap(doc[k]) and not self.starts_body_or_title(k):
            run = local_name_length(doc, k)  # "các huyện Sơn Tây, Sơn Hà": the unit is shared
            if run:
                return k, k + run, Place(doc[k:k + run].text, level), doc[k:k + run].text
        return None

    # -- generic bodies ---------------------------------------------------------------
    def generic(self, i: int) -> Found | None:
        doc = self.doc
        title_start = next((k for k in range(max(0, i - 5), i) for end, _ in self.lookup.at("title_head", k)
                            if end == i), None)
        self.after_title = title_start is not None
        # "A, Giám đốc Công ty X": the holder is named before the post, no name follows the body
        self.holder_before = title_start is not None and title_start >= 2 and doc[title_start - 1].text == "," \
            and is_cap(doc[title_start - 2]) and is_word(doc[title_start - 2])
        if self.inside_name(i) or self.lookup.longest("venue", i) or self.after_unit(i):
            return None  # a name, not a body; "Trung tâm Hội nghị tỉnh" is a building; "TP. Hội An"
        head_match = self.lookup.longest("generic_head", i)
        if not head_match:
            return None
        j, written = head_match
        head = self.voc.org_heads[written]
        if head.naming == "none":
            return self.found(i, j, head.kind)  # "HĐXX": the head is the name
        if self.lookup.longest("unit", j) or self.place(j) is not None:
            return self.with_place(i, j, head)  # "Thanh tra tỉnh", "Công an huyện Sa Thầy"
        if head.naming == "numbered" and j < len(doc) and doc[j].text.isdigit():
            # "Lữ đoàn 147 Hải quân", "Quân khu 4": a unit's number, then any capitalised words
            end = self.proper_name_end(j + 1) if j + 1 < len(doc) and is_cap(doc[j + 1]) else j + 1
            return self.found(i, end, head.kind)
        if j >= len(doc) or not is_cap(doc[j]) or not is_word(doc[j]):
            return None
        if head.naming != "person" and name_starts(doc, j) and self.places.get(j) is None:
            return None  # "Báo cáo viên Lê Văn A": a person follows the head; but "Hàn Quốc" is a place
        parent = self.lookup.longest("body", j)
        if parent and head.naming == "proper":
            return self.found(i, parent[0], head.kind)  # "Thanh tra Bộ Y tế", "Văn phòng Bộ Công an"
        self.addressed = word_before(doc, i) in self.voc.directive_triggers  # "yêu cầu Chi cục X kiểm tra"
        end = self.proper_name_end(j, person_named=head.naming == "person")
        inner = next((self.local(k) for k in range(j, end) if self.local(k) and self.local(k).j == end), None)
        if inner is not None:  # "Ban Tuyên giáo và Dân vận Tỉnh ủy": the local body it belongs to
            return self.found(i, end, head.kind, needs_place=inner.body.needs_place, place=inner.body.place)
        unit = next((u for k in range(max(j, end - 2), end) for u in [self.lookup.longest("unit", k)]
                     if u and u[0] == end), None)
        if unit is not None:  # "Cục Thuế tỉnh", "Chi cục Kiểm lâm tỉnh": the place of the context
            return self.found(i, end, head.kind, needs_place=self.voc.units[unit[1]])
        return self.found(i, end, head.kind)

    def proper_name_end(self, j: int, person_named: bool = False) -> int:
        """End of the proper part of a body name starting at token j (capitalised): capitalised
        words, and the nouns, verbs and enumerations of a name in lower case ("Cục Quản lý lao
        động ngoài nước", "Cục Giải quyết khiếu nại, tố cáo và thanh tra khu vực III"), up to a
        place with its unit, a person's name, or the verb of the sentence ("... siết chặt")."""
        doc = self.doc
        places = self.place_chain(j)
        if places and (self.after_title or not self.continues_lower(j + places)):
            # "Cục Hải quan Hà Nội"; after a title, "Hạ viện Australia" and a name; "Nhóm Nghị sĩ hữu
            # nghị Hàn Quốc - Việt Nam"
            return self.bilateral_end(j + places)
        if person_named:  # "Bệnh viện Bạch Mai Đào Xuân Cơ": up to the next person's name
            run = cap_run(doc, j, 7)
            split = name_split(doc, j, run)
            first = j + (split if split is not None else min(run, 4))
        else:
            first = j + 1
        return NameReader(self, j, first).end()

    def continues_lower(self, j: int) -> bool:
        doc = self.doc
        return j < len(doc) and is_word(doc[j]) and not is_cap(doc[j]) and not self.cue("body_name_stop", j)

    def bilateral_end(self, k: int) -> int:
        """After a place at k: 'Ủy ban Hợp tác Việt Nam - Nhật Bản', 'Nhật - Việt': a dash, another."""
        doc = self.doc
        while k + 1 < len(doc) and doc[k].text == "-" and is_cap(doc[k + 1]):
            k = k + 1 + max(1, self.place_chain(k + 1))
        return k

    def place_chain(self, j: int) -> int:
        """Tokens of the places and countries written one after another at j ("Việt Nam Hải Phòng")."""
        k = j
        while True:
            place = self.places.get(k)
            country = self.lookup.longest("country", k)
            province = self.lookup.longest("province", k)
            if place is not None:
                k = place.end
            elif (country or province) and ends_word(self.doc, (country or province)[0]):
                k = (country or province)[0]  # but "Pháp chế" holds no "Pháp"
            else:
                return k - j

    def known_suffix(self, j: int) -> int:
        """Tokens of places, countries or a standard qualifier ("Trung ương") at j."""
        places = self.place_chain(j)
        if places:
            return places
        suffix = self.lookup.longest("suffix", j)
        return suffix[0] - j if suffix else 0

    def starts_body_or_title(self, j: int) -> bool:
        return any(self.lookup.at(label, j) for label in ("generic_head", "local_head", "title_head", "body"))

    # -- bodies around bodies -----------------------------------------------------------
    def bodies_by_field(self, i: int) -> Found | None:
        """'các Bộ: Xây dựng, Tài chính, Nông nghiệp và Môi trường', 'các sở: Giao thông vận tải, Tài
        chính': one body of the head per field."""
        doc = self.doc
        if not self.cue("field_list_head", i) or i == 0 or not self.cue("list_plural", i - 1):
            return None
        head = self.voc.org_heads[fold(doc[i].text)]
        k = i + 1 + (i + 1 < len(doc) and doc[i + 1].text == ":")
        members = []
        while k < len(doc):
            field = self.lookup.longest("field", k)
            if not field:
                break
            end = field[0]
            name = f"{head.head} {doc[k:end].text}"
            body = self.voc.body(name)
            members.append(Body(name, body.kind if body else head.kind, doc[k].idx, doc[end - 1].idx +
                                len(doc[end - 1]), reference=body.iri if body else None))
            k = end
            if k + 1 < len(doc) and self.separator(k) and self.lookup.longest("field", k + 1):
                k += 1
                continue
            break
        if len(members) < 2:
            return None
        return self.found(i, k, head.kind, members=tuple(members))

    def delegation(self, i: int) -> Found | None:
        head = self.lookup.longest("delegation", i)
        if not head:
            return None
        k = head[0]
        if self.cue("possessive", k):
            k += 1
        inner = self.core(k) if k < len(self.doc) and is_cap(self.doc[k]) else None
        if inner and not inner.body.members:
            return self.found(i, inner.j, "Delegation", represents=inner.body)
        return None

    def prefixed(self, i: int) -> Found | None:
        """A standing organ of the body named after it: "Ban Thường vụ Tỉnh ủy X", "Ban Pháp chế
        HĐND tỉnh Y", "Ban Chấp hành Trung ương Hội Nông dân Việt Nam"; of each of several
        bodies: "Ban Thường vụ Tỉnh ủy Sóc Trăng, Hậu Giang"."""
        prefix = self.lookup.longest("prefix", i)
        if not prefix:
            return None
        k, written = prefix
        suffix = self.lookup.longest("suffix", k)
        if suffix and suffix[0] < len(self.doc) and is_cap(self.doc[suffix[0]]):
            k = suffix[0]  # "Ban Chấp hành Trung ương" + "Hội Nông dân Việt Nam"
        inner = self.core(k) if k < len(self.doc) and is_cap(self.doc[k]) else None
        if not inner:
            return None
        kind = self.voc.org_prefixes[written]
        if inner.body.members:
            head = self.doc[i:k].text
            members = tuple(replace(m, name=f"{head} {m.name}", kind=kind) for m in inner.body.members)
            return self.found(i, inner.j, kind, members=members)
        whole = self.found(i, inner.j, kind, needs_place=inner.body.needs_place, place=inner.body.place)
        gazetteer = self.gazetteer(i)
        if gazetteer and gazetteer.j == whole.j:
            return gazetteer  # a prefix and a body that make a reference body keep its reference
        return whole

    def extend(self, m: Found) -> Found:
        """Qualifiers written after a body: a country ("Bộ Ngoại giao Việt Nam"), "tại <country>"
        after an embassy or an association ("Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam")."""
        doc = self.doc
        j = m.j
        if not m.body.place and not m.body.needs_place:
            country = self.lookup.longest("country", j)
            if country and not fold(m.body.name).endswith(country[1]):
                j = country[0]  # "Bộ Công Thương Việt Nam"
        ends_with_country = any(s._.place.level == "country" and s.end == j for s in self.places_ending.get(j, ()))
        abroad = tuple(self.voc.cue("abroad_head"))
        if j + 1 < len(doc) and self.cue("place_preposition", j) and \
                (ends_with_country or self.lookup.longest("venue", m.i) or doc[m.i].lower_.startswith(abroad)):
            country = self.places.get(j + 1)
            if country is not None and country._.place.level == "country":
                j = country.end
        if j == m.j:
            return m
        return self.found(m.i, j, m.body.kind)

    # -- acronyms -------------------------------------------------------------------
    def acronyms(self, found: list[Found]) -> list[Found]:
        """'Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam (KoCham)': KoCham names that body
        wherever the article uses it later."""
        doc = self.doc
        by_acronym: dict[str, Body] = {}
        for m in found:
            j = m.j
            if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and \
                    sum(c.isupper() for c in doc[j + 1].text) >= 2 and not m.body.members:
                by_acronym[doc[j + 1].text] = m.body
        if not by_acronym:
            return []
        covered = {k for m in found for k in range(m.i, m.j)}
        out = []
        for token in doc:
            body = by_acronym.get(token.text)
            if body is not None and token.i not in covered and not (token.i > 0 and doc[token.i - 1].text == "("):
                out.append(Found(token.i, token.i + 1, replace(body, start=token.idx, end=token.idx + len(token))))
        return out


class NameReader:
    """Reads the words of a body's specific name after its head (see proper_name_end)."""

    def __init__(self, finder: BodyFinder, start: int, first: int):
        self.f = finder
        self.doc = finder.doc
        self.start = start
        words = self.separated(word_classes(self.doc, start))
        # start at the first word that ends after `first` (the head's first name word, or the body's
        # own name of a person-named head), from `first` on
        self.words = [(max(i, first), k, tag) for i, k, tag in words if k > first]
        self.first = first
        self.first_word_end = self.words[0][1] if self.words else first  # the name's first word ends here

    def separated(self, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The tagger's words, with "và", commas and dashes as words of their own, and a lower-case
        tail the tagger glued to a proper name ("Đông Bắc sớm") tagged apart."""
        doc, out, conjunctions = self.doc, [], self.f.voc.cue("list_and")
        for i, k, tag in words:
            start = i
            for t in range(i, k):
                if doc[t].lower_ in conjunctions or doc[t].text in {",", "-"}:
                    if t > start:
                        out.append((start, t, tag))
                    out.append((t, t + 1, "C" if doc[t].lower_ in conjunctions else "CH"))
                    start = t + 1
            if start >= k:
                continue
            caps = start
            while caps < k and is_cap(doc[caps]):
                caps += 1
            if caps - start >= 2 and caps < k:
                out.append((start, caps, tag))
                out.append((caps, k, tag_of(doc[caps:k].text)))
            else:
                out.append((start, k, tag))
        return out

    def end(self) -> int:
        doc, f = self.doc, self.f
        j, seen_noun, lowered, proper, enumerating = self.first, False, 0, False, False
        words = self.words
        n = 0
        while n < len(words):
            i, k, tag = words[n]
            i = max(i, j)
            token = doc[i]
            if is_cap(token) and is_word(token):
                stop = next((e for e in (self.capitalised_end(t) for t in range(i, k) if is_cap(doc[t])) if e is not None),
                            None)
                if stop is not None:
                    return stop
                if seen_noun and lowered and f.after_title and not f.holder_before and self.holder_name_at(i):
                    return i  # "Cục trưởng Cục Quản lý Khám, chữa bệnh Ninh Minh Châu": the post's holder
                # a proper name: a later capitalised word, or one whose every syllable is ("Đông Bắc", not
                # "Quản lý")
                whole = doc[self.words[n][0] if i != self.first else self.start:k]
                # (in an enumeration of activities, a capitalised verb's object may follow: "Phòng, chống
                # thiên tai và Tìm kiếm cứu nạn"; but "Chi cục Kiểm lâm kiểm tra": the sentence's verb)
                proper = (i >= self.first_word_end or (len(whole) >= 2 and all(is_cap(t) for t in whole))) \
                    and not (tag == "V" and enumerating)
                j, seen_noun = k, seen_noun or tag in NOUNS
            elif token.text == "-" and i + 1 < len(doc) and is_cap(doc[i + 1]):  # "Vụ Kế hoạch - Tài chính"
                j = k
            elif token.lower_ in f.voc.cue("list_and") and self.conjunction_goes_on(n):
                j, seen_noun, proper, enumerating = k, False, False, True
            elif token.text == "," and self.enumeration_ahead(n):
                j, seen_noun, proper, enumerating = k, False, False, True
            else:
                place = f.place(i)
                if place is not None and place._.place.unit:  # "Trung tâm ... tỉnh Bắc Ninh"
                    return place.end
                unit = f.lookup.longest("unit", i)
                if unit and tag in NOUNS | {"X"}:
                    return unit[0]  # "Cục Thuế tỉnh": a unit without its place ends the name
                stops = f.voc.cue("body_name_stop")
                if not is_word(token) or fold(doc[i:k].text) in stops or self.verb_at(i, k) \
                        or (token.lower_ in stops and tag not in NOUNS):  # "dự án" is a noun, "dự" alone no name's
                    return j
                if tag not in NOUNS | {"V", "A"}:
                    return j  # a word no name holds: a preposition, an adverb, a pronoun
                if proper and not self.capitalised_soon(n) or seen_noun and tag == "V" and (k - i == 1 or f.addressed):
                    # the sentence's verb after a proper name ("Đông Bắc ưu tiên cao"), unless the name goes
                    # on into another capitalised word ("Khoa học xã hội Việt Nam"); a short verb after a noun,
                    # or any verb after the noun of a body a directive addresses (what it is asked to do)
                    return j
                lowered += 1
                if lowered > MAX_LOWER_WORDS:
                    return j
                j, seen_noun, proper = k, seen_noun or tag in NOUNS, False
            n += 1
        return j

    def capitalised_end(self, i: int) -> int | None:
        """Where the name ends at a capitalised word: a reference or local body it holds, a place,
        a person's name, a title; None when the word belongs to the name."""
        doc, f = self.doc, self.f
        if f.cue("region_word", i - 1):  # "miền Nam", "vùng Tây Bắc"
            return None
        reference = f.lookup.longest("body", i)
        if reference:  # "Cơ quan Cảnh sát điều tra Bộ Công an"
            return reference[0]
        local = f.local(i)
        if local is not None:  # "Ban Tuyên giáo và Dân vận Tỉnh ủy", and a name after it
            return local.j
        tail = f.known_suffix(i)
        after = i + tail
        if tail and after < len(doc) and is_cap(doc[after]) and is_word(doc[after]) and not name_starts(doc, after) \
                and not f.after_title:
            tail = 0  # "Mỹ Thuận" is a name, not "Mỹ" the country and then something else; but after
            # a title, a name follows its body: "Phó Chủ tịch Thượng viện Chile Rodrigo ..."
        if tail:
            return self.bilateral(after)
        if f.lookup.at("title_head", i) or name_starts(doc, i) and (cap_run(doc, i, 6) >= 3
                                                                    or f.after_title and not f.holder_before):
            return i  # "... Tập đoàn Vingroup Phí Việt Thông", a title after the name; but "Đồn
            # Biên phòng Lý Sơn": two words alone that start like a name are the place's
        return None

    def verb_at(self, i: int, k: int) -> bool:
        """A verb of saying or asking is the word at i..k ("giao", but not the "giao" of "giao thông")."""
        return any(end >= k or ends_word(self.doc, end) for end, _ in self.f.lookup.at("verb", i))

    def capitalised_soon(self, n: int) -> bool:
        """One of the next two words is capitalised, or a unit with its place."""
        for m in range(n + 1, min(n + 3, len(self.words))):
            i = self.words[m][0]
            if is_cap(self.doc[i]) or self.f.place(i) is not None:
                return True
        return False

    def holder_name_at(self, i: int) -> bool:
        """A run of two to four capitalised words ending before a lower-case word or a mark: after a
        title and a body read in lower case, the name of the post's holder."""
        run = cap_run(self.doc, i, 5)
        return 2 <= run <= 4 and self.f.place_chain(i) == 0 and name_split(self.doc, i, run) is None \
            and not self.f.cue("region_word", i - 1)

    def bilateral(self, k: int) -> int:
        return self.f.bilateral_end(k)

    def conjunction_goes_on(self, n: int) -> bool:
        """'và' joins two parts of the name: before a capitalised word that opens no other body
        or title ("Sức khỏe và Đời sống"), inside a field ("khoa học và công nghệ"), or within an
        enumeration ("khiếu nại, tố cáo và thanh tra")."""
        if n + 1 >= len(self.words):
            return False
        i = self.words[n + 1][0]
        token = self.doc[i]
        if is_cap(token):
            return not self.f.starts_body_or_title(i)
        if n and any(end > i for end, _ in self.f.lookup.at("field", self.words[n - 1][0])):
            return True  # "Quỹ Phát triển khoa học và công nghệ quốc gia": a field of two parts
        return any(self.doc[w[0]].text == "," for w in self.words[max(0, n - 4):n])

    def enumeration_ahead(self, n: int) -> bool:
        """A comma inside a name: the parts that follow end in "và" and one more part within a
        few words ("khiếu nại, tố cáo và thanh tra", "Kinh tế, Thương mại và Công nghiệp"), or the
        two words it joins are a pair names use ("Khám, chữa bệnh", "Phòng, chống thiên tai")."""
        doc = self.doc
        before = self.words[n - 1] if n else None
        after = self.words[n + 1] if n + 1 < len(self.words) else None
        if before and after and fold(f"{doc[before[0]:before[1]].text}, {doc[after[0]:after[1]].text}") in \
                self.f.voc.cue("name_pair"):
            return True
        if after is not None and (self.f.starts_body_or_title(after[0])
                                  or fold(doc[after[0]:after[1]].text) in self.f.voc.styles):
            return False  # "Ban Chấp hành, Ban Thường vụ": two bodies; ", Đại tá": a rank
        for m in range(n + 1, min(len(self.words), n + 5)):
            token = self.doc[self.words[m][0]]
            if token.lower_ in self.f.voc.cue("list_and"):
                return m + 1 < len(self.words) and is_word(self.doc[self.words[m + 1][0]])
            if not is_word(token):
                return False
        return False
