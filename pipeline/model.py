"""The intermediate model between extraction and RDF.

Extractors produce these plain records and never build triples; the mapper turns
them into triples and never reads text. Offsets (`Span`) index the article's
*normalized* text (`Article.text`, see `normalize.normalize_text`), so every fact
can be traced back to the sentence that supports it.

Entities are keyed within one article (`Person.key`, `Organization.key`); facts
refer to them by key. Identity across articles is the mapper's business (IRIs are
derived from names, see `iris.py`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """Character offsets [start, end) into `Article.text`."""

    start: int
    end: int


@dataclass
class Article:
    """One news article after ingest and normalization."""

    name: str  # file stem, e.g. "d01"; unique within one build
    source: str  # file name as given, e.g. "d01.txt"
    text: str  # normalized text (NFC, LF, one tone-mark placement)
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class PartialDate:
    """A calendar date whose year may be unknown ("Sáng 5-3" in an undated article)."""

    month: int
    day: int
    year: int | None = None

    def iso(self) -> str:
        """ISO 8601: "2025-03-05", or "--03-05" (xsd:gMonthDay) without a year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass
class Person:
    key: str  # article-local, e.g. "person:3"
    name: str  # full name as written, without title or honorific
    mentions: list[Span] = field(default_factory=list)
    photo_credit: bool = False  # named only as the author of a photo ("Ảnh: ...")


@dataclass
class Organization:
    key: str  # article-local, e.g. "org:2"
    name: str  # longest written form, abbreviations kept as written
    kind: str | None = None  # local name of an ontology class, e.g. "PartyBody", "Enterprise"
    reference: str | None = None  # IRI of the body in the reference graph, when known
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Position:
    """A person holding a post, as the article states it."""

    person: str  # Person.key
    title: str  # the post as written, expanded to stand alone ("Bí thư Tỉnh ủy Thanh Hóa")
    organization: str | None  # Organization.key of the body the post belongs to
    evidence: Span
    former: bool = False  # "nguyên ...": a post held before, not now


@dataclass
class Event:
    """A meeting, session, visit, reception, inspection or ceremony."""

    key: str
    kind: str  # meeting, session, conference, reception, inspection, press_conference, ceremony, visit
    date: PartialDate | None
    evidence: Span  # the sentence that reports it
    part_of_day: str | None = None  # morning, afternoon, evening
    location: str | None = None
    chair: str | None = None  # Person.key
    participants: list[str] = field(default_factory=list)  # Person.key, chair excluded
    organizations: list[str] = field(default_factory=list)  # Organization.key
    topic: str | None = None


@dataclass
class Directive:
    """An act in which someone asks, requires, proposes or assigns something."""

    issuer: str  # Person.key or Organization.key
    trigger: str  # the verb as written, without a passive marker: "yêu cầu", "giao"
    content: str  # what is asked, a few words to a clause
    evidence: Span
    addressee: str | None = None  # Person.key or Organization.key, when named
    event: str | None = None  # Event.key where it was given


@dataclass
class Quote:
    speaker: str  # Person.key or Organization.key
    text: str  # inside the quotation marks
    evidence: Span


@dataclass
class ArticleFacts:
    """Everything extracted from one article: the input of the RDF mapper."""

    article: Article
    persons: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def sentence_of(self, span: Span) -> str:
        """The text a span covers (the supporting sentence, for provenance)."""
        return self.article.text[span.start : span.end]
