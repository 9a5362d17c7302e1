"""Titles (posts): a head of the vocabulary and the body it belongs to.

"Trưởng Ban Tổ chức Trung ương" (the head's last word opens the body), "Chủ tịch UBND
tỉnh Lào Cai", "Bộ trưởng Quốc phòng" (the body's head word left out), "Trưởng đoàn
đại biểu Quốc hội thành phố", "Phó Thủ tướng Thường trực Chính phủ" (a complete title
and its default body), "Phó Chủ tịch - Tổng Thư ký Ủy ban Trung ương MTTQ Việt Nam"
(two heads, one post), and foreign posts named by their country: "Thủ tướng Lào",
"Bộ trưởng Ngoại giao Argentina". A head inside a proper name ("Phủ Chủ tịch") or inside
a body's name ("Văn phòng Chủ tịch nước") is no title.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..normalize import fold
from .chunks import Body, Lookup, PhraseTable, Title, chunks, is_cap, is_word, keep
from .vocabulary import TitleEntry, vocabulary


@Language.factory("govkg_titles", assigns=["doc.spans", "span._.title"], requires=["span._.body", "span._.place"])
def create_title_chunker(nlp: Language, name: str):
    return TitleChunker(nlp)


class TitleChunker:
    def __init__(self, nlp: Language):
        voc = vocabulary()
        self.voc = voc
        self.table = PhraseTable(nlp.vocab, {"head": [t.title for t in voc.titles.values()],
                                             "field": list(voc.fields), "joiner": list(voc.cue("title_joiner"))})

    def __call__(self, doc: Doc) -> Doc:
        finder = TitleFinder(doc, self.table(doc))
        found: list[tuple[int, int, Title]] = []
        i = 0
        while i < len(doc):
            title = finder.title_at(i, found)
            if title is None:
                i += 1
                continue
            joined = finder.joined(found[-1], title) if found else None
            if joined:
                found[-1] = joined
            else:
                found.append(title)
            i = title[1]
        keep(doc, "titles", found)
        return doc


class TitleFinder:
    def __init__(self, doc: Doc, lookup: Lookup):
        self.doc = doc
        self.lookup = lookup
        self.voc = vocabulary()
        self.bodies: dict[int, Span] = {s.start: s for s in chunks(doc, "bodies")}
        self.places: dict[int, Span] = {s.start: s for s in chunks(doc, "places")}
        self.body_around = {k: s for s in self.bodies.values() for k in range(s.start + 1, s.end)}
        self.inside_bodies = set(self.body_around)
        self.chunk_ends = {s.end for s in self.bodies.values()} | {s.end for s in self.places.values()}

    def title_at(self, i: int, found: list[tuple[int, int, Title]]) -> tuple[int, int, Title] | None:
        doc = self.doc
        if i in self.inside_bodies or self.inside_name(i, found):
            return None
        best = None
        for k, head in self.lookup.at("head", i):
            if not is_cap(doc[i]) and not self.voc.titles[head].lower_case:
                continue
            candidate = self.with_body(i, k, self.voc.titles[head])
            if candidate and (best is None or candidate[1] > best[1]):
                best = candidate
        deputy = self.deputy_of(i) if is_cap(doc[i]) else None
        if deputy and (best is None or deputy[1] > best[1]):
            best = deputy
        if best is None:
            return None
        body_here = self.bodies.get(i)
        if best[2].body is None and body_here is not None and body_here.end > best[1]:
            return None  # "Đại sứ quán Chile", not the title "Đại sứ"
        return best

    def deputy_of(self, i: int) -> tuple[int, int, Title] | None:
        """'Phó' before any title's head is that title's deputy ("Phó Tư lệnh Quân khu 5")."""
        doc = self.doc
        if i + 1 >= len(doc) or doc[i].lower_ not in self.voc.cue("deputy_word"):
            return None
        best = None
        for k, head in self.lookup.at("head", i + 1):
            candidate = self.with_body(i + 1, k, self.voc.titles[head])
            if candidate and (best is None or candidate[1] > best[1]):
                best = candidate
        if best is None:
            return None
        _, end, title = best
        return i, end, Title(f"{doc[i].text} {title.head}", doc[i:end].text, title.body, title.country)

    def inside_name(self, i: int, found: list[tuple[int, int, Title]]) -> bool:
        """A head right after a capitalised word that ends no chunk is part of a name ("Phủ Chủ tịch")."""
        if i == 0:
            return False
        previous = self.doc[i - 1]
        if not (is_cap(previous) and is_word(previous)) or previous.text.isupper() or previous.is_sent_start:
            return False
        return i not in self.chunk_ends and not (found and found[-1][1] == i)

    def with_body(self, i: int, k: int, entry: TitleEntry) -> tuple[int, int, Title] | None:
        """The title of head doc[i:k] with the body written after it, if the head takes one."""
        doc = self.doc
        body, end = None, k
        if entry.body != "none":
            body, end = self.body_after(i, k, entry)
        elif entry.default_body and k in self.bodies:
            written = self.bodies[k]
            if fold(written._.body.name) == fold(entry.default_body):
                body, end = written._.body, written.end  # "Phó Thủ tướng Thường trực Chính phủ"
        if entry.body == "required" and body is None:
            return None
        if body is not None and body.members:  # "Chủ tịch UBND hai tỉnh A, B" is not one post
            body, end = None, k
        country = None
        if body is None:
            end, country = self.foreign_qualifier(k)
        return i, end, Title(entry.title, doc[i:end].text, body, country)

    def body_after(self, i: int, k: int, entry: TitleEntry) -> tuple[Body | None, int]:
        doc = self.doc
        head_words = len(entry.body_head.split()) if entry.body_head else 0
        if head_words and k - i > head_words and fold(doc[k - head_words:k].text) == fold(entry.body_head):
            inner = self.bodies.get(k - head_words)  # "Trưởng Ban" + "Tổ chức Trung ương"
            if inner is not None and inner.end > k:
                return inner._.body, inner.end
        written = self.bodies.get(k)
        if written is not None:
            return written._.body, written.end
        if k in self.inside_bodies:  # "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương": the body
            known = self.known_body_at(k)  # chunk took the title's last words; the body after it is known
            if known is not None:
                return known
        if fold(entry.body_head) in self.voc.cue("ministry_head"):
            field = self.lookup.longest("field", k)  # "Bộ trưởng Quốc phòng": the ministry's head word left out
            if field and not self.country_at(field[0]):
                name = f"{entry.body_head} {doc[k:field[0]].text}"
                reference = self.voc.body(name)
                body = Body(name, reference.kind if reference else "GovernmentBody", doc[k].idx,
                            doc[field[0] - 1].idx + len(doc[field[0] - 1]), reference=reference.iri if reference else None)
                return body, field[0]
        return None, k

    def known_body_at(self, k: int) -> tuple[Body, int] | None:
        """A body of the reference graph written from token k to the end of the body chunk k is in."""
        doc, end = self.doc, self.body_around[k].end
        reference = self.voc.body(doc[k:end].text)
        if reference is None:
            return None
        body = Body(doc[k:end].text, reference.kind, doc[k].idx, doc[end - 1].idx + len(doc[end - 1]),
                    reference=reference.iri)
        return body, end

    def country_at(self, k: int) -> int:
        """Tokens of a country's name at k (0 when none): a place chunk, or a one-syllable name
        before a foreigner's name ("Thủ tướng Lào Sonexay ...")."""
        place = self.places.get(k)
        if place is not None:
            return place.end - k if place._.place.level == "country" else 0
        doc = self.doc
        if k < len(doc) and is_cap(doc[k]) and doc[k].text not in self.voc.surnames and \
                doc[k].lower_ in self.voc.countries and doc[k].lower_ not in self.voc.styles:
            return 1
        return 0

    def foreign_qualifier(self, k: int) -> tuple[int, str | None]:
        """A country after a title makes it a foreign post: "Thủ tướng Lào", and with a field
        between, "Bộ trưởng Ngoại giao Argentina". Returns the title's end and the country."""
        doc = self.doc
        n = self.country_at(k)
        if n:
            end = k + n
            country = self.voc.countries[fold(doc[k:end].text)] if fold(doc[k:end].text) in \
                self.voc.countries else self.places[k]._.place.name
            at = end + 1 < len(doc) and doc[end].lower_ in self.voc.cue("place_preposition")
            station = self.places.get(end + 1) if at else None
            if station is not None and station._.place.level in {"country", "province"}:
                end = station.end  # "Đại sứ Pháp tại Việt Nam", "Tổng Lãnh sự Nhật Bản tại TP. Hồ Chí Minh"
            return end, country
        for field_words in (2, 3):
            at = k + field_words
            field = doc[k:at]
            # a field is a common noun: "Ngoại giao", "Quốc phòng" (capitalised, then lower case)
            if len(field) < field_words or not (is_cap(field[0]) and all(is_word(t) and not is_cap(t) for t in field[1:])):
                continue
            n = self.country_at(at)
            if n:
                return at + n, self.foreign_qualifier(at)[1]
        return k, None

    def joined(self, first: tuple[int, int, Title], second: tuple[int, int, Title]) -> tuple[int, int, Title] | None:
        """"Phó Chủ tịch - Tổng Thư ký Ủy ban ...", "Chủ tịch kiêm Tổng Giám đốc X": one post
        written as two heads, the body after the second."""
        doc = self.doc
        i, j, title = first
        k, end, other = second
        if k != j + 1 or title.body is not None or other.body is None or doc[j].lower_ not in self.voc.cue("title_joiner"):
            return None
        return i, end, Title(title.head, doc[i:end].text, other.body)
