"""Entities: the persons and bodies of an article, registered once and referred to by key.

Finding a name or a body is the chunkers' work; registering it is this module's: every
later component refers to a person or a body by the key registered here, so that
"UBND tỉnh Lào Cai" and "Ủy ban nhân dân tỉnh Lào Cai", or "Lò Văn Hùng" in two
sentences, are one entity. A body is named by its longest written form; a body of the
reference graph keeps its IRI.

A local body written without its place ("UBND tỉnh", "Thành ủy") is the body of the
place of its context (the last one of that level named before it) when it is addressed
by a directive, or when the article names that body in full; otherwise it is kept as
written. A delegation ("Đoàn công tác của Bộ Chính trị") stands for its body; a mention
of several bodies ("UBND hai tỉnh A, B") registers each.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span as DocSpan

from ..iris import org_key
from ..model import Article, Organization, Person, Span
from ..normalize import fold
from .chunks import Body, chunks, is_cap, is_word
from .vocabulary import vocabulary


@dataclass
class PlaceContext:
    """The places an article names, in order, to complete bodies written without one. A place
    written with its unit ("tỉnh Bắc Giang") or as a body's ("HĐND tỉnh Bắc Giang") sets the
    context; one named alone in passing ("kết nối với Hà Nội") only where nothing else does."""

    offsets: list[int] = field(default_factory=list)
    entries: list[tuple[str, str, str | None, bool]] = field(default_factory=list)  # (level, name, unit, strong)

    @classmethod
    def of(cls, doc: Doc) -> "PlaceContext":
        found = []
        for span in chunks(doc, "places"):
            place = span._.place
            if place.level != "country":
                found.append((span.start_char, place.level, place.name, place.unit, place.unit is not None))
        for span in chunks(doc, "bodies"):
            for body in span._.body.members or (span._.body,):
                if body.place and body.place.level != "country":
                    found.append((body.start, body.place.level, body.place.name, body.place.unit, True))
        found.sort(key=lambda f: f[0])
        return cls([f[0] for f in found], [f[1:] for f in found])

    def at(self, level: str, offset: int) -> str | None:
        """The place of that level ("province", "city", "district", "commune") named last before offset."""
        before = bisect.bisect_left(self.offsets, offset)
        return self._last(before, level, strong_only=True) or self._last(before, level, strong_only=False)

    def _last(self, before: int, level: str, strong_only: bool) -> str | None:
        # for a city: a city run by the centre named before ("UBND TP" after "TP.HCM", though "TP.
        # Thủ Đức" came between), else the last city inside a province, else the last province
        province = inner_city = None
        for k in range(before - 1, -1, -1):
            lvl, name, unit, strong = self.entries[k]
            if strong_only and not strong:
                continue
            if level != "city":
                if lvl == level:
                    return name
            elif lvl == "province" and name in vocabulary().cities:
                return name
            elif inner_city is None and vocabulary().units.get(unit) == "city":
                inner_city = name
            elif province is None and lvl == "province":
                province = name
        return inner_city or province


@dataclass
class Entities:
    article: Article
    places: PlaceContext = field(default_factory=PlaceContext)
    persons: dict[str, Person] = field(default_factory=dict)  # key -> person
    person_by_name: dict[str, str] = field(default_factory=dict)  # folded name -> key
    organizations: dict[str, Organization] = field(default_factory=dict)
    org_by_name: dict[str, str] = field(default_factory=dict)  # reference IRI or org_key(name) -> key
    body_at: dict[tuple[int, int], str] = field(default_factory=dict)  # offsets of a body mention -> key
    person_spans: set = field(default_factory=set)  # (person key, span) already noted

    def person(self, name: str, span: Span | None = None, photo_credit: bool = False) -> str:
        key = self.person_by_name.get(fold(name))
        if key is None:
            key = f"person:{len(self.persons) + 1}"
            self.persons[key] = Person(key, name, photo_credit=photo_credit)
            self.person_by_name[fold(name)] = key
        person = self.persons[key]
        if not photo_credit:
            person.photo_credit = False
        if span and (key, span) not in self.person_spans:
            self.person_spans.add((key, span))
            person.mentions.append(span)
        return key

    def body(self, name: str, kind: str, reference: str | None = None, span: Span | None = None) -> str:
        """The key of the body of that name, registered on first sight; `span=None` registers a
        body the text implies but does not write (a post's default body)."""
        known = vocabulary().body(name)
        if known and not reference:
            reference = known.iri
        lookup = reference or org_key(name)
        key = self.org_by_name.get(lookup)
        if key is None and reference is None and span is not None and len(name.split()) >= 2:
            # "Ban Chỉ đạo" after "Ban Chỉ đạo Trung ương về ...": the short form of a body named before;
            # "Chi cục Kiểm lâm tỉnh Kon Tum" after "Chi cục Kiểm lâm": the full form of one
            short, full = fold(name) + " ", fold(name)
            key = next((k for k, o in self.organizations.items() if o.mentions and fold(o.name).startswith(short)), None) \
                or next((k for k, o in self.organizations.items() if o.mentions and o.reference is None
                         and len(o.name.split()) >= 2 and full.startswith(fold(o.name) + " ")), None)
            if key is not None:
                self.org_by_name[lookup] = key
        if key is None:
            key = f"org:{len(self.organizations) + 1}"
            self.organizations[key] = Organization(key, name, kind, reference)
            self.org_by_name[lookup] = key
        org = self.organizations[key]
        if span:
            if not org.mentions or len(name) > len(org.name):
                org.name = name  # a body is named by its longest written form
            if (span.start, span.end) not in self.body_at:
                org.mentions.append(span)
            self.body_at[(span.start, span.end)] = key
        return key

    def known_body(self, name: str) -> bool:
        return org_key(name) in self.org_by_name or any(fold(o.name) == fold(name) for o in self.organizations.values())

    def register(self, body: Body, place: str | None = None) -> str:
        """Register a body as a chunker found it, completed with `place` when it needs one."""
        name = f"{body.name} {place}" if place and body.needs_place else body.name
        return self.body(name, body.kind, body.reference, Span(body.start, body.end))

    def last_with_head(self, heads: tuple[str, ...], before: int) -> str | None:
        """The body whose name opens with one of `heads` (folded: "công ty", "bộ") mentioned last
        before the offset: what "công ty" or "Bộ" alone refers back to."""
        best, best_at = None, -1
        for key, org in self.organizations.items():
            if not any(fold(org.name).startswith(head + " ") for head in heads):
                continue
            for span in org.mentions:
                if best_at < span.start < before:
                    best, best_at = key, span.start
        return best

    def person_named(self, name: str) -> str | None:
        return self.person_by_name.get(fold(name))


@Language.factory("govkg_entities", assigns=["doc._.entities"],
                  requires=["span._.name", "span._.body", "span._.title", "span._.place", "span._.cue",
                            "doc._.segments", "doc._.article"])
def create_entity_registry(nlp: Language, name: str):
    return register_entities


def register_entities(doc: Doc) -> Doc:
    entities = Entities(doc._.article, PlaceContext.of(doc))
    credits = [s.credit for s in doc._.segments if s.credit]
    for span in chunks(doc, "names"):
        credit = any(c.start <= span.start_char < c.end for c in credits)
        entities.person(span._.name.text, Span(span.start_char, span.end_char), photo_credit=credit)
    titles = chunks(doc, "titles")
    title_at = {k: t for t in titles for k in range(t.start, t.end)}
    for title in titles:
        _register_default_body(entities, title)
    addressed = {span.end for span in chunks(doc, "cues") if "trigger" in span._.cue.roles}
    for span in chunks(doc, "bodies"):
        title = title_at.get(span.start)
        title = title if title is not None and span.end <= title.end else None
        if title is not None:
            _register_in_title(entities, title, span)
        else:
            _register_mention(entities, span._.body, span.start in addressed, _in_a_name(span))
    doc._.entities = entities
    return doc


def _register_in_title(entities: Entities, title: DocSpan, span: DocSpan) -> None:
    """A body named in a title is mentioned whether or not anyone holds the post; one that needs
    a place gets it with the post (pipeline/extract/positions.py)."""
    body = span._.body
    own = title._.title.body
    if own is not None and own.start == body.start and own.end == body.end:
        if not body.needs_place and not body.members:
            entities.register(body)


def _register_default_body(entities: Entities, title: DocSpan) -> None:
    """'Thủ tướng Chính phủ', 'Thường trực Ban Bí thư': the title's default body, written in it."""
    entry = vocabulary().title(title._.title.head)
    if not entry.default_body or title._.title.body is not None:
        return
    at = fold(title.text).find(fold(entry.default_body))
    if at >= 0:
        start = title.start_char + at
        known = vocabulary().body(entry.default_body)
        entities.body(entry.default_body, known.kind if known else "StateBody", known.iri if known else None,
                      Span(start, start + len(entry.default_body)))


def _in_a_name(span: DocSpan) -> bool:
    """'Đại hội Đảng bộ tỉnh', 'Nghị quyết Tỉnh ủy': a body inside the name of an event or a paper."""
    doc, k = span.doc, span.start - 1
    while k > 0 and not doc[k]._.word_start and is_word(doc[k - 1]):
        k -= 1  # the first syllable of the word before
    return k >= 0 and is_cap(doc[k]) and is_word(doc[k])


def _register_mention(entities: Entities, body: Body, addressed: bool, in_a_name: bool = False) -> None:
    if body.represents is not None:
        body = body.represents
    if body.members:
        for member in body.members:
            entities.register(member)
        return
    place = None
    if body.needs_place:
        # "UBND tỉnh" (its unit written) is the province's body when addressed; a bare "Tỉnh ủy"
        # only when that body is named in full elsewhere
        candidate = entities.places.at(body.needs_place, body.start)
        written = _unit_written(body) and not in_a_name
        if candidate and (addressed or written or entities.known_body(f"{body.name} {candidate}")):
            place = candidate
    entities.register(body, place)


def _unit_written(body: Body) -> bool:
    """'Công an tỉnh', 'UBND huyện': the unit written, the place left to the context."""
    words = fold(body.name).split()
    units = vocabulary().units
    return any(" ".join(words[-n:]) in units for n in (1, 2))
