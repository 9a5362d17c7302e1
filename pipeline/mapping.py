"""Stage 5: ArticleFacts -> RDF quads in the article's named graph.

`article_quads` is a pure function of one `ArticleFacts`: it reads nothing but the
model (and, cached once per process, the ontology's class table), so articles map
independently and in any order, and a corpus of 100,000 articles is a stream of small
quad lists (see write.py). Identity across articles comes from the IRIs alone
(iris.py): the same person named in two articles is one IRI, and their mentions,
posts and sources accumulate in the union graph without any lookup.

What one article states (see ontology/governance.ttl):

- the article (gov:Article): source file, published date, headline, URL;
- each person and body (labels @vi), and a gov:Mention per name as written in this
  article, with the text spans where it appears (a body the text only implies has
  no mention);
- each position as a gov:PostHolding (holder, post, body, title as written, as of the
  published date, former or not) and `person gov:holds post` for current ones;
- events (typed by kind, dated xsd:date or xsd:gMonthDay), directives and quotations.

Every fact carries `gov:statedIn` (the article) and `gov:evidence` (gov:TextSpan:
offsets and the text they cover, from `facts.sentence_of`).

Every value is made safe here, whatever the extractors or a sidecar hand over, so
that a graph the build writes always parses and validates (values.py): literals lose
control characters and noncharacters, a URL is percent-encoded into a valid URI (or,
when it cannot be one, kept as a plain `dcterms:source` string), a date that is no
calendar date and a reference IRI that is no IRI are left out with a warning.

The reference bodies (ontology/bodies.ttl: labels, kinds, org:subOrganizationOf) are
emitted once per build by `reference_quads`, in their own named graph, so SPARQL can
walk the hierarchy from any body an article names.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable, Iterator

import datetime as dt

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD

from . import iris, resources
from .namespace import GOV
from .values import clean_text, safe_uri
from .model import ArticleFacts, Event, PartialDate, Span

log = logging.getLogger(__name__)

ONTOLOGY_FILE = ("governance.ttl",)
BODIES_FILE = ("bodies.ttl",)

Quad = tuple  # (subject, predicate, object, graph) of rdflib terms


# ---------------------------------------------------------------------------
# The ontology's class table (data, read once)


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(resources.data_path(*ONTOLOGY_FILE), format="turtle")


@lru_cache(maxsize=1)
def event_classes() -> dict[str, URIRef]:
    """Event.kind code -> event class, from the gov:code annotations of the ontology."""
    g = _ontology()
    events = set(g.transitive_subjects(RDFS.subClassOf, GOV.Event))
    return {str(code): cls for cls, code in g.subject_objects(GOV.code) if cls in events}


@lru_cache(maxsize=1)
def organization_classes() -> frozenset[URIRef]:
    """gov:Organization and every class below it (Organization.kind is a local name of one)."""
    g = _ontology()
    return frozenset(g.transitive_subjects(RDFS.subClassOf, GOV.Organization))


def event_class(kind: str | None) -> URIRef:
    cls = event_classes().get(kind or "")
    if cls is None:
        log.warning("unknown event kind %r: typed gov:Event only", kind)
        return GOV.Event
    return cls


def organization_class(kind: str | None) -> URIRef:
    if not kind:
        return GOV.Organization
    cls = URIRef(iris.ONTOLOGY + kind)
    if cls not in organization_classes():
        log.warning("unknown organization kind %r: typed gov:Organization only", kind)
        return GOV.Organization
    return cls


def is_calendar_date(date: PartialDate) -> bool:
    """A day that exists (29 February in any year when the year is unknown)."""
    try:
        dt.date(date.year if date.year is not None else 2000, date.month, date.day)
    except (TypeError, ValueError, OverflowError):
        return False
    return True


def date_literal(date: PartialDate) -> Literal | None:
    """xsd:date when the year is known, else xsd:gMonthDay ("--03-05"); None when the
    date is no calendar date (an extractor's slip must not make an ill-typed literal)."""
    if not is_calendar_date(date):
        log.warning("not a calendar date: %r; left out", date)
        return None
    return Literal(date.iso(), datatype=XSD.date if date.year is not None else XSD.gMonthDay)


def _vi(text: str) -> Literal:
    return Literal(clean_text(text), lang="vi")


def _text(text: str) -> Literal:
    return Literal(clean_text(text))


def _clean(text: str | None) -> str:
    """Runs of white space as one space, ends trimmed, unsafe characters dropped (names,
    titles, verbs, places)."""
    return " ".join(clean_text(text or "").split())


def _is_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# One article


def article_quads(facts: ArticleFacts) -> list[Quad]:
    """All quads one article states, in its named graph (see the module docstring)."""
    return _ArticleMapper(facts).run()


class _ArticleMapper:
    """The state of mapping one article: entity keys resolved to IRIs, quads collected."""

    def __init__(self, facts: ArticleFacts):
        self.facts = facts
        self.name = facts.article.name
        self.article = iris.article_iri(self.name)
        self.graph = iris.graph_iri(self.name)
        self.quads: list[Quad] = []
        self.agents: dict[str, URIRef] = {}  # Person.key / Organization.key -> IRI
        self.events: dict[str, URIRef] = {}  # Event.key -> IRI
        self.event_dates: dict[str, Literal] = {}

    def add(self, s, p, o) -> None:
        self.quads.append((s, p, o, self.graph))

    def run(self) -> list[Quad]:
        self.map_article()
        fallback = self.fact_spans_by_agent()
        for person in self.facts.persons:
            self.map_person(person, fallback.get(person.key, []))
        for org in self.facts.organizations:
            self.map_organization(org)
        for position in self.facts.positions:
            self.map_position(position)
        for event in self.facts.events:
            self.map_event(event)
        for directive in self.facts.directives:
            self.map_directive(directive)
        for quote in self.facts.quotes:
            self.map_quote(quote)
        return list(dict.fromkeys(self.quads))  # duplicates out, first-seen order kept

    # -- provenance --------------------------------------------------------

    def span(self, span: Span) -> URIRef:
        """The TextSpan node of `span` (offsets and the text they cover)."""
        node = iris.span_iri(self.name, span.start, span.end)
        self.add(node, RDF.type, GOV.TextSpan)
        self.add(node, GOV.inArticle, self.article)
        self.add(node, GOV.start, Literal(span.start))
        self.add(node, GOV.end, Literal(span.end))
        text = self.facts.sentence_of(span)
        if text:  # replaced, not dropped: the text keeps the length its offsets say
            self.add(node, GOV.spanText, Literal(clean_text(text, keep_length=True)))
        return node

    def provenance(self, node: URIRef, *spans: Span) -> None:
        self.add(node, GOV.statedIn, self.article)
        for span in spans:
            self.add(node, GOV.evidence, self.span(span))

    def fact_spans_by_agent(self) -> dict[str, list[Span]]:
        """Evidence of the facts that involve each entity: the provenance of a person's
        mention when the extractor recorded no span of the name."""
        spans: dict[str, list[Span]] = {}
        f = self.facts
        rows = [(p.evidence, [p.person, p.organization]) for p in f.positions]
        rows += [(e.evidence, [e.chair, *e.participants, *e.organizations]) for e in f.events]
        rows += [(d.evidence, [d.issuer, d.addressee]) for d in f.directives]
        rows += [(q.evidence, [q.speaker]) for q in f.quotes]
        for evidence, keys in rows:
            for key in keys:
                if key and evidence not in spans.setdefault(key, []):
                    spans[key].append(evidence)
        return spans

    # -- article, persons, organizations ------------------------------------

    def map_article(self) -> None:
        a = self.facts.article
        self.add(self.article, RDF.type, GOV.Article)
        self.add(self.article, GOV.sourceFile, _text(a.source) if clean_text(a.source) else Literal(self.name))
        if a.published is not None:
            self.add(self.article, GOV.published, Literal(a.published.isoformat(), datatype=XSD.date))
        if _clean(a.title):
            self.add(self.article, GOV.headline, _vi(_clean(a.title)))
        if a.url:
            uri = safe_uri(a.url)
            if uri is not None:
                self.add(self.article, GOV.url, Literal(uri, datatype=XSD.anyURI))
            elif _clean(a.url):
                log.warning("%s: URL %r is no valid URI; kept as dcterms:source text", self.name, a.url)
                self.add(self.article, DCTERMS.source, _text(_clean(a.url)))

    def mention(self, entity: URIRef, name: str, spans: list[Span], photo_credit: bool = False) -> None:
        node = iris.mention_iri(self.name, str(entity), name)
        self.add(node, RDF.type, GOV.Mention)
        self.add(node, GOV.mentionOf, entity)
        self.add(node, GOV.writtenAs, _vi(name))
        if photo_credit:
            self.add(node, GOV.photoCredit, Literal(True))
        self.provenance(node, *sorted(set(spans)))

    def map_person(self, person, fallback: list[Span]) -> None:
        name = _clean(person.name)
        if not name:
            log.warning("%s: person %s has no name; left out", self.name, person.key)
            return
        iri = iris.person_iri(name)
        self.agents[person.key] = iri
        self.add(iri, RDF.type, GOV.Person)
        self.add(iri, RDFS.label, _vi(name))
        self.add(iri, FOAF.name, _vi(name))
        self.mention(iri, name, person.mentions or fallback, person.photo_credit)

    def map_organization(self, org) -> None:
        """The body, and a mention when the article writes its name. A body without spans
        is one the text implies but does not write (the body of a bare "Bộ trưởng"): its
        facts point at it, but the article does not name it, so it gets no mention."""
        name = _clean(org.name)
        if not name:
            log.warning("%s: organization %s has no name; left out", self.name, org.key)
            return
        reference = org.reference
        if reference and not _is_iri(reference):
            log.warning("%s: organization %r has a reference that is no IRI (%r); named by its name",
                        self.name, name, reference)
            reference = None
        iri = iris.org_iri(name, reference)
        self.agents[org.key] = iri
        self.add(iri, RDF.type, organization_class(org.kind))
        self.add(iri, RDFS.label, _vi(name))
        if org.mentions:
            self.mention(iri, name, org.mentions)

    def agent(self, key: str | None, what: str) -> URIRef | None:
        """The IRI of a Person.key / Organization.key; a dangling key is logged and dropped."""
        if not key:
            return None
        iri = self.agents.get(key)
        if iri is None:
            log.warning("%s: %s refers to unknown entity %r; link left out", self.name, what, key)
        return iri

    # -- facts ---------------------------------------------------------------

    def map_position(self, position) -> None:
        person = self.agent(position.person, "position")
        title = _clean(position.title)
        if person is None or not title:
            return
        org = self.agent(position.organization, "position")
        post = iris.post_iri(title, org)
        self.add(post, RDF.type, GOV.Post)
        self.add(post, RDFS.label, _vi(title))
        if org is not None:
            self.add(post, GOV.postIn, org)
        holding = iris.fact_iri("holding", self.name, person, post, iris.fold(title), position.former)
        self.add(holding, RDF.type, GOV.PostHolding)
        self.add(holding, GOV.holder, person)
        self.add(holding, GOV.post, post)
        if org is not None:
            self.add(holding, GOV.holdingOrganization, org)
        self.add(holding, GOV.titleAsWritten, _vi(title))
        if self.facts.article.published is not None:
            self.add(holding, GOV.asOf, Literal(self.facts.article.published.isoformat(), datatype=XSD.date))
        if position.former:
            self.add(holding, GOV.former, Literal(True))
        else:
            self.add(person, GOV.holds, post)
        self.provenance(holding, position.evidence)

    def map_event(self, event: Event) -> None:
        date = date_literal(event.date) if event.date else None
        location = _clean(event.location)
        node = iris.fact_iri("event", self.name, event.kind, date, event.evidence.start,
                             event.evidence.end, iris.fold(location))
        self.events[event.key] = node
        self.add(node, RDF.type, event_class(event.kind))
        if date is not None:
            self.event_dates[event.key] = date
            self.add(node, GOV.date, date)
        if _clean(event.part_of_day):
            self.add(node, GOV.partOfDay, _text(_clean(event.part_of_day)))
        if location:
            self.add(node, GOV.location, _vi(location))
        chair = self.agent(event.chair, "event chair")
        if chair is not None:
            self.add(node, GOV.chair, chair)
        for key in event.participants:
            person = self.agent(key, "event participant")
            if person is not None:
                self.add(node, GOV.participant, person)
        for key in event.organizations:
            org = self.agent(key, "event organization")
            if org is not None:
                self.add(node, GOV.participatingOrganization, org)
        if _clean(event.topic):
            self.add(node, GOV.topic, _vi(_clean(event.topic)))
        self.provenance(node, event.evidence)

    def map_directive(self, directive) -> None:
        issuer = self.agent(directive.issuer, "directive issuer")
        trigger = _clean(directive.trigger)
        if issuer is None or not trigger:
            return
        addressee = self.agent(directive.addressee, "directive addressee")
        content = _clean(directive.content)
        node = iris.fact_iri("directive", self.name, issuer, iris.fold(trigger), addressee,
                             iris.fold(content), directive.evidence.start, directive.evidence.end)
        self.add(node, RDF.type, GOV.Directive)
        self.add(node, GOV.issuer, issuer)
        self.add(node, GOV.trigger, _vi(trigger))
        if content:
            self.add(node, GOV.content, _vi(content))
        if addressee is not None:
            self.add(node, GOV.addressee, addressee)
        if directive.event:
            event = self.events.get(directive.event)
            if event is None:
                log.warning("%s: directive refers to unknown event %r", self.name, directive.event)
            else:
                self.add(node, GOV.givenAt, event)
                if directive.event in self.event_dates:
                    self.add(node, GOV.date, self.event_dates[directive.event])
        self.provenance(node, directive.evidence)

    def map_quote(self, quote) -> None:
        speaker = self.agent(quote.speaker, "quote speaker")
        text = clean_text(quote.text or "").strip()
        if speaker is None or not text:
            return
        node = iris.fact_iri("quote", self.name, speaker, text, quote.evidence.start, quote.evidence.end)
        self.add(node, RDF.type, GOV.Quotation)
        self.add(node, GOV.speaker, speaker)
        self.add(node, GOV.quoteText, _vi(text))
        self.provenance(node, quote.evidence)


# ---------------------------------------------------------------------------
# The reference bodies and a whole corpus


@lru_cache(maxsize=1)
def _reference_quads() -> tuple[Quad, ...]:
    path = resources.data_path(*BODIES_FILE)
    if not path.exists():
        log.info("no reference graph at %s: bodies are only what the articles name", path)
        return ()
    g = Graph().parse(path, format="turtle")
    return tuple((s, p, o, iris.REFERENCE_GRAPH) for s, p, o in g)


def reference_quads() -> list[Quad]:
    """The reference graph of Party and State bodies (ontology/bodies.ttl), if present,
    in its own named graph; empty when the file is missing."""
    return list(_reference_quads())


def corpus_quads(facts: Iterable[ArticleFacts]) -> Iterator[list[Quad]]:
    """The quad lists of a build: the reference bodies once, then one list per article.

    A generator, so a build streams: `write.write_graph(out, corpus_quads(...))`.
    """
    yield reference_quads()
    for article_facts in facts:
        yield article_quads(article_facts)
