"""The working state of extraction for one article, shared by the components.

The spaCy components read and extend this state in turn (kept in
`doc.user_data["govkg"]`); `to_facts` turns it into the intermediate model.
Entities are registered here so that every component refers to the same person
or body by one key.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article, ArticleFacts, Directive, Event, Organization, Person, Position, Quote, Span
from ..iris import org_key
from ..normalize import fold
from ..segment import Sentence
from .lexicon import lexicon
from .organizations import OrgMatch
from .words import Word


@dataclass
class TitleMatch:
    """A title in a sentence: its head, the body written after it, and its text."""

    i: int
    j: int
    start: int
    end: int
    head: str  # the title head as in the vocabulary ("Bí thư", "Trưởng Ban")
    text: str  # as written ("Bí thư Tỉnh ủy")
    org: OrgMatch | None = None
    former: bool = False
    plural: bool = False  # preceded by "các": shared by a list
    country: str | None = None  # a foreign post: "Thủ tướng Lào", "Bộ trưởng Ngoại giao Argentina"


@dataclass
class PersonRef:
    """A mention of a known person: by name, honorific, bare title or pronoun."""

    start: int
    end: int
    person: str  # Person.key
    via: str  # name | honorific | title | pronoun


@dataclass
class SentenceState:
    sentence: Sentence
    words: list[Word]
    orgs: list[OrgMatch] = field(default_factory=list)
    titles: list[TitleMatch] = field(default_factory=list)
    places: list[tuple[int, int, str, str]] = field(default_factory=list)  # (i, j, unit, name)
    refs: list[PersonRef] = field(default_factory=list)
    org_keys: dict[int, str] = field(default_factory=dict)  # OrgMatch.i -> Organization.key

    @property
    def span(self) -> Span:
        return self.sentence.span


@dataclass
class ExtractionState:
    article: Article
    sentences: list[SentenceState] = field(default_factory=list)
    persons: dict[str, Person] = field(default_factory=dict)  # key -> person
    person_by_name: dict[str, str] = field(default_factory=dict)  # folded name -> key
    organizations: dict[str, Organization] = field(default_factory=dict)
    org_by_name: dict[str, str] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    styled: dict[str, str] = field(default_factory=dict)  # folded honorific or rank -> person last named with it

    # -- registries -----------------------------------------------------------
    def person(self, name: str, span: Span | None = None, photo_credit: bool = False) -> str:
        key = self.person_by_name.get(fold(name))
        if key is None:
            key = f"person:{len(self.persons) + 1}"
            self.persons[key] = Person(key, name, photo_credit=photo_credit)
            self.person_by_name[fold(name)] = key
        person = self.persons[key]
        if not photo_credit:
            person.photo_credit = False
        if span and span not in person.mentions:
            person.mentions.append(span)
        return key

    def organization(self, name: str, kind: str, reference: str | None = None,
                     span: Span | None = None) -> str:
        """The key of the body of that name, registered on first sight; `span=None`
        registers a body the text implies but does not write (a post's default body)."""
        lex = lexicon()
        body = lex.bodies.get(fold(name))
        if body and not reference:
            reference = body.iri
        lookup = reference or org_key(name)  # "UBND tỉnh X" and "Ủy ban nhân dân tỉnh X" are one body
        key = self.org_by_name.get(lookup)
        if key is None and reference is None and span is not None and len(name.split()) >= 2:
            # "Ban Chỉ đạo" after "Ban Chỉ đạo Trung ương về ...": the short form of a body named before
            key = next((k for k, o in self.organizations.items()
                        if o.mentions and fold(o.name).startswith(fold(name) + " ")), None)
            if key is not None:
                self.organizations[key].mentions.append(span)
                return key
        if key is None:
            key = f"org:{len(self.organizations) + 1}"
            self.organizations[key] = Organization(key, name, kind, reference)
            self.org_by_name[lookup] = key
        org = self.organizations[key]
        if span:
            if not org.mentions or len(name) > len(org.name):
                org.name = name  # a body is named by its longest written form
            if span not in org.mentions:
                org.mentions.append(span)
        return key

    def holders(self, title: str, foreign: bool = True) -> list[str]:
        """Persons (in order of their posts) whose post is this title or the title with more
        after it ("Bộ trưởng" -> "Bộ trưởng Bộ Tài chính"); `foreign=False` leaves out a post
        that is this title of another country ("Thủ tướng Lào")."""
        wanted = fold(title)
        countries = lexicon().countries
        out = []
        for p in self.positions:
            held = fold(p.title)
            if held == wanted or (held.startswith(wanted + " ")
                                  and (foreign or held[len(wanted) + 1:] not in countries)):
                out.append(p.person)
        return out

    def to_facts(self) -> ArticleFacts:
        return ArticleFacts(
            article=self.article,
            persons=list(self.persons.values()),
            organizations=list(self.organizations.values()),
            positions=self.positions,
            events=self.events,
            directives=self.directives,
            quotes=self.quotes,
        )
