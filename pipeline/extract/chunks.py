"""Chunks: the pieces a sentence is read in, found once and kept on the Doc.

Each chunker (a spaCy component) finds one kind of chunk and keeps it as a span group
of `doc.spans`, with what it found about each span in a span attribute of its own:

  doc.spans["places"]  span._.place   "tỉnh Lào Cai", "TP. Trà Vinh", "xã Đồng Đăng", "Lào"
  doc.spans["bodies"]  span._.body    "UBND tỉnh Lào Cai", "Bộ Công an", "Trung đoàn 48"
  doc.spans["titles"]  span._.title   "Trưởng Ban Tổ chức Trung ương", "Bộ trưởng Quốc phòng"
  doc.spans["styles"]  span._.style   "ông", "Đại tướng", "PGS.TS", "cử tri"
  doc.spans["names"]   span._.name    "Lò Minh Hưng"
  doc.spans["dates"]   span._.date    "Chiều 14.6", "sáng nay (9/4)"
  doc.spans["cues"]    span._.cue     "yêu cầu", "giữ chức", "làm việc", "nguyên"

Later steps read chunks, not syllables. A chunk may hold another (a title holds its
body, a body its place), but chunks of one group never overlap.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..normalize import fold


@dataclass(frozen=True)
class Place:
    name: str  # canonical name of a province or country; a commune or district as written
    level: str  # province | district | commune | country
    unit: str | None = None  # the unit written before it, folded ("tỉnh", "h.", "xã")


@dataclass(frozen=True)
class Body:
    """A body as a sentence names it (not yet an entity of the article)."""

    name: str  # as written, completed where the text leaves a word out ("Bộ" + "Quốc phòng")
    kind: str  # ontology class local name
    start: int  # character offsets of the mention
    end: int
    reference: str | None = None  # IRI in the reference graph
    needs_place: str | None = None  # level of the place a bare local body needs ("UBND tỉnh")
    place: Place | None = None  # the place it belongs to, when written
    members: tuple["Body", ...] = ()  # a mention that names several bodies ("UBND hai tỉnh A, B")
    represents: "Body | None" = None  # a delegation's body


@dataclass
class Title:
    head: str  # the head as in titles.tsv ("Bí thư", "Trưởng Ban")
    text: str  # as written ("Bí thư Tỉnh ủy")
    body: Body | None = None
    country: str | None = None  # a foreign post: "Thủ tướng Lào", "Đại sứ Anh"


@dataclass(frozen=True)
class Style:
    word: str  # as in honorifics.tsv
    kind: str  # address | pronoun | rank | degree | honour | profession | role | accused
    pronoun: bool


@dataclass(frozen=True)
class Name:
    text: str
    anchored: bool  # put in the place of a name by a title, a style or a list


@dataclass(frozen=True)
class Cue:
    roles: frozenset[str]  # roles of cue_words.tsv, and "trigger", "say", "event"
    text: str  # folded
    event_kind: str | None = None


MAX_WORD_SYLLABLES = 6  # a lexical word is a few syllables at most

GROUPS = {"places": "place", "bodies": "body", "titles": "title", "styles": "style",
          "names": "name", "dates": "date", "cues": "cue"}


def register_extensions() -> None:
    """The attributes the components read and write (idempotent)."""
    for attr in GROUPS.values():
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
    for attr in ("words", "word_starts", "word_ends", "article", "segments", "view", "holdings", "entities",
                 "positions", "mentions", "quotes", "directives", "events", "facts"):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)
    if not Token.has_extension("word_start"):
        Token.set_extension("word_start", getter=lambda t: t.idx in _bounds(t.doc)[0])
        Token.set_extension("word_end", getter=lambda t: t.idx + len(t.text) in _bounds(t.doc)[1])


def _bounds(doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
    if doc._.word_starts is None:
        words = doc._.words or []
        doc._.word_starts = frozenset(s for s, _ in words)
        doc._.word_ends = frozenset(e for _, e in words)
    return doc._.word_starts, doc._.word_ends


def ends_word(doc: Doc, end: int) -> bool:
    """A phrase ending before token `end` ends a word: underthesea says so, or a capitalised word
    follows it (the segmenter glues names together: "Chile Rodrigo"); "Pháp chế" holds no "Pháp"."""
    return doc[end - 1]._.word_end or end >= len(doc) or is_cap(doc[end]) or not is_word(doc[end])


def word_before(doc: Doc, i: int) -> str:
    """The lexical word (underthesea's) that ends right before token i, folded ("" at the start)."""
    if i == 0:
        return ""
    k = i - 1
    while k > max(0, i - MAX_WORD_SYLLABLES) and not doc[k]._.word_start and not doc[k - 1].is_space:
        k -= 1
    return fold(" ".join(t.text for t in doc[k:i]))


class ByOffset:
    """Items sorted by a start offset, read by range in logarithmic time (so that a long
    article costs what its sentences cost, not their square)."""

    def __init__(self, items, start=lambda item: item.start):
        self.items = sorted(items, key=start)
        self.starts = [start(item) for item in self.items]

    def within(self, begin: int, end: int) -> list:
        return self.items[bisect.bisect_left(self.starts, begin):bisect.bisect_left(self.starts, end)]

    def last_at(self, offset: int):
        """The last item that starts at or before offset (None if none does)."""
        k = bisect.bisect_right(self.starts, offset)
        return self.items[k - 1] if k else None


def chunks(doc: Doc, group: str) -> list[Span]:
    """The spans of a chunk group, in text order (empty before its chunker ran)."""
    ordered = doc.user_data.get(("govkg", "chunks", group))
    if ordered is None:
        ordered = sorted(doc.spans[group], key=lambda s: s.start) if group in doc.spans else []
        if group in doc.spans:
            doc.user_data[("govkg", "chunks", group)] = ordered
    return ordered


def keep(doc: Doc, group: str, found: list[tuple[int, int, object]]) -> None:
    """Store a chunker's findings (token start, end, data) as its span group."""
    attr = GROUPS[group]
    spans = []
    for start, end, data in sorted(found, key=lambda f: f[0]):
        span = doc[start:end]
        setattr(span._, attr, data)
        spans.append(span)
    doc.spans[group] = spans
    doc.user_data[("govkg", "chunks", group)] = list(spans)


def is_cap(token: Token) -> bool:
    """A capitalised word (not a mark, not a number)."""
    return token.text[:1].isupper()


def is_word(token: Token) -> bool:
    return token.text[:1].isalnum()


@dataclass
class Lookup:
    """Where the phrases of a vocabulary start in a doc, longest first: one PhraseMatcher
    over all the labels a chunker needs, run once per doc."""

    by_label: dict[str, dict[int, list[tuple[int, str]]]] = field(default_factory=dict)

    def at(self, label: str, i: int) -> list[tuple[int, str]]:
        """(end, folded phrase) of each phrase of the label starting at token i, longest first."""
        return self.by_label.get(label, {}).get(i, [])

    def longest(self, label: str, i: int) -> tuple[int, str] | None:
        found = self.at(label, i)
        return found[0] if found else None


class PhraseTable:
    """Phrases of several labels, matched case-insensitively over syllable tokens. For the
    labels in `cased`, a word the vocabulary capitalises must be capitalised in the text too
    ("Thái Nguyên" the province, not "Thái nguyên là" the end of a name and "former")."""

    def __init__(self, vocab, phrases: dict[str, list[str]], cased: tuple[str, ...] = ()):
        from ..language import syllable_doc

        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.masks: dict[str, dict[str, tuple[bool, ...]]] = {}
        for label, items in phrases.items():
            docs = [syllable_doc(vocab, p) for p in sorted(set(items)) if p.strip()]
            self.matcher.add(label, docs)
            if label in cased:
                masks = self.masks.setdefault(label, {})
                for d in docs:
                    mask = tuple(t.text[:1].isupper() for t in d)
                    key = fold(d.text)
                    previous = masks.get(key)  # two spellings of one key: the looser one
                    masks[key] = mask if previous is None else tuple(a and b for a, b in zip(previous, mask))
        self.vocab = vocab

    def __call__(self, doc: Doc) -> Lookup:
        lookup = Lookup()
        strings = self.vocab.strings
        for match_id, start, end in self.matcher(doc):
            label = strings[match_id]
            phrase = fold(doc[start:end].text)
            mask = self.masks.get(label, {}).get(phrase)
            if mask and not all(t.text[:1].isupper() for t, cap in zip(doc[start:end], mask) if cap):
                continue
            lookup.by_label.setdefault(label, {}).setdefault(start, []).append((end, phrase))
        for starts in lookup.by_label.values():
            for entries in starts.values():
                entries.sort(key=lambda e: -e[0])
        return lookup
