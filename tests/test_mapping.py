"""ArticleFacts -> quads: what the graph of one article says, and that it says it with provenance."""
from __future__ import annotations

import copy
import logging
import shutil

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDF, RDFS

from pipeline import iris, mapping, resources
from pipeline.mapping import GOV
from pipeline.model import ArticleFacts, Organization, PartialDate, Position
from pipeline.write import to_oxigraph
from sample_article import TEXT, sample_facts, sentence, span

# rdflib's XSD is a closed namespace that warns when pytest probes module globals.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

BTC = URIRef("https://w3id.org/govkg/body/ban-to-chuc-trung-uong")


def graph_of(facts: ArticleFacts) -> Graph:
    g = Graph()
    for s, p, o, _ in mapping.article_quads(facts):
        g.add((s, p, o))
    return g


@pytest.fixture(scope="module")
def g() -> Graph:
    return graph_of(sample_facts())


def the(g: Graph, s=None, p=None, o=None):
    """The one node matching the pattern (fails when there are none or several)."""
    found = list(g.subjects(p, o)) if s is None else list(g.objects(s, p))
    assert len(found) == 1, found
    return found[0]


def test_quads_are_in_the_article_graph_and_the_function_is_pure():
    facts = sample_facts()
    before = copy.deepcopy(facts)
    quads = mapping.article_quads(facts)
    assert quads and all(len(q) == 4 and q[3] == iris.graph_iri("t01") for q in quads)
    assert len(set(quads)) == len(quads)
    assert mapping.article_quads(facts) == quads  # same input, same list, same order
    assert facts == before  # the input is not touched


def test_article(g):
    a = iris.article_iri("t01")
    assert (a, RDF.type, GOV.Article) in g
    assert the(g, a, GOV.sourceFile) == Literal("t01.txt")
    assert the(g, a, GOV.published) == Literal("2025-03-06", datatype=XSD.date)
    assert the(g, a, GOV.headline).language == "vi"
    assert the(g, a, GOV.url).datatype == XSD.anyURI


def test_persons_have_vietnamese_labels_and_one_iri_per_name(g):
    hung, hung2 = iris.person_iri("Lò Minh Hưng"), iris.person_iri("Lò Minh Hùng")
    assert hung != hung2
    for person, name in ((hung, "Lò Minh Hưng"), (hung2, "Lò Minh Hùng")):
        assert (person, RDF.type, GOV.Person) in g
        assert the(g, person, RDFS.label) == Literal(name, lang="vi")
        assert the(g, person, FOAF.name) == Literal(name, lang="vi")
    assert len(set(g.subjects(RDF.type, GOV.Person))) == 5


def test_each_name_as_written_is_a_mention_with_its_spans(g):
    hung = iris.person_iri("Lò Minh Hưng")
    mention = the(g, None, GOV.mentionOf, hung)
    assert the(g, mention, GOV.writtenAs) == Literal("Lò Minh Hưng", lang="vi")
    spans = sorted(int(the(g, s, GOV.start)) for s in g.objects(mention, GOV.evidence))
    assert spans == [span("Lò Minh Hưng").start, span("Ông Hưng").start]
    credit = the(g, None, GOV.mentionOf, iris.person_iri("Kiều Hòa"))
    assert the(g, credit, GOV.photoCredit) == Literal(True)


def test_organizations_typed_by_kind_and_merged_by_identity(g):
    assert (BTC, RDF.type, GOV.PartyBody) in g  # the reference IRI is the body's IRI
    lao_cai = iris.org_iri("UBND tỉnh Lào Cai")
    assert lao_cai == iris.org_iri("Ủy ban nhân dân tỉnh Lào Cai")
    assert (lao_cai, RDF.type, GOV.LocalAuthority) in g
    # one body, two ways of writing it in this article: two mentions, two labels
    written = {str(the(g, m, GOV.writtenAs)) for m in g.subjects(GOV.mentionOf, lao_cai)}
    assert written == {"UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"}
    assert {str(l) for l in g.objects(lao_cai, RDFS.label)} == written


def test_unknown_kinds_fall_back_to_the_top_class(caplog):
    facts = sample_facts()
    facts.organizations[1].kind = "Ministry"  # not a class of the ontology
    facts.events[0].kind = "parade"
    with caplog.at_level(logging.WARNING, logger="pipeline.mapping"):
        g = graph_of(facts)
    assert (iris.org_iri("UBND tỉnh Lào Cai"), RDF.type, GOV.Organization) in g
    assert len(list(g.subjects(RDF.type, GOV.Event))) == 1
    assert "Ministry" in caplog.text and "parade" in caplog.text


def test_post_holdings(g):
    hung = iris.person_iri("Lò Minh Hưng")
    holding = the(g, None, GOV.holder, hung)
    post = the(g, holding, GOV.post)
    assert the(g, holding, GOV.titleAsWritten) == Literal("Trưởng Ban Tổ chức Trung ương", lang="vi")
    assert the(g, holding, GOV.holdingOrganization) == BTC
    assert the(g, holding, GOV.asOf) == Literal("2025-03-06", datatype=XSD.date)
    assert the(g, post, GOV.postIn) == BTC
    assert the(g, post, RDFS.label) == Literal("Trưởng Ban Tổ chức Trung ương", lang="vi")
    assert (hung, GOV.holds, post) in g
    assert (holding, GOV.former, None) not in g


def test_a_former_post_is_recorded_but_not_held(g):
    hung2 = iris.person_iri("Lò Minh Hùng")
    holding = the(g, None, GOV.holder, hung2)
    assert the(g, holding, GOV.former) == Literal(True)
    assert (hung2, GOV.holds, None) not in g


def test_a_post_without_a_body_and_an_article_without_a_date():
    g = graph_of(sample_facts(published=None))
    holding = the(g, None, GOV.holder, iris.person_iri("Mã Lâm"))
    assert (holding, GOV.holdingOrganization, None) not in g
    assert (the(g, holding, GOV.post), GOV.postIn, None) not in g
    assert (None, GOV.asOf, None) not in g
    assert (iris.article_iri("t01"), GOV.published, None) not in g


def test_event(g):
    event = the(g, None, RDF.type, GOV.Meeting)
    assert the(g, event, GOV.date) == Literal("2025-03-05", datatype=XSD.date)
    assert the(g, event, GOV.partOfDay) == Literal("morning")
    assert the(g, event, GOV.location) == Literal("Trụ sở Trung ương Đảng", lang="vi")
    assert the(g, event, GOV.chair) == iris.person_iri("Mã Lâm")
    assert set(g.objects(event, GOV.participant)) == {
        iris.person_iri(n) for n in ("Lò Minh Hưng", "Quản Trọng Hòa", "Lò Minh Hùng")}
    assert set(g.objects(event, GOV.participatingOrganization)) == {BTC}


def test_a_date_without_a_year_is_a_gmonthday():
    facts = sample_facts(published=None)
    facts.events[0].date = PartialDate(3, 5)
    g = graph_of(facts)
    event = the(g, None, RDF.type, GOV.Meeting)
    assert the(g, event, GOV.date) == Literal("--03-05", datatype=XSD.gMonthDay)
    assert str(the(g, event, GOV.date)) == "--03-05"


def test_directives_and_quotes(g):
    asked = the(g, None, GOV.trigger, Literal("yêu cầu", lang="vi"))
    assert (asked, RDF.type, GOV.Directive) in g
    assert the(g, asked, GOV.issuer) == iris.person_iri("Mã Lâm")
    assert the(g, asked, GOV.addressee) == BTC
    assert the(g, asked, GOV.content) == Literal("chuẩn hóa năng lực theo vị trí việc làm", lang="vi")
    assert the(g, asked, GOV.givenAt) == the(g, None, RDF.type, GOV.Meeting)
    assert the(g, asked, GOV.date) == Literal("2025-03-05", datatype=XSD.date)  # the event's
    proposed = the(g, None, GOV.trigger, Literal("đề xuất", lang="vi"))
    assert the(g, proposed, GOV.addressee) == iris.org_iri("Ủy ban nhân dân tỉnh Lào Cai")
    assert (proposed, GOV.givenAt, None) not in g
    quote = the(g, None, RDF.type, GOV.Quotation)
    assert the(g, quote, GOV.speaker) == iris.person_iri("Mã Lâm")
    assert the(g, quote, GOV.quoteText) == Literal("Cán bộ là cái gốc của mọi công việc", lang="vi")


def test_every_fact_is_traced_to_its_article_and_text(g):
    article = iris.article_iri("t01")
    facts = [s for cls in (GOV.Mention, GOV.PostHolding, GOV.Meeting, GOV.Directive, GOV.Quotation)
             for s in g.subjects(RDF.type, cls)]
    assert len(facts) == 8 + 4 + 1 + 2 + 1
    for fact in facts:
        assert the(g, fact, GOV.statedIn) == article
        spans = list(g.objects(fact, GOV.evidence))
        assert spans, fact
        for s in spans:
            assert (s, RDF.type, GOV.TextSpan) in g
            assert the(g, s, GOV.inArticle) == article
            start, end = the(g, s, GOV.start), the(g, s, GOV.end)
            assert start.datatype == end.datatype == XSD.integer
            assert str(the(g, s, GOV.spanText)) == TEXT[int(start):int(end)]


def test_an_entity_without_spans_borrows_the_evidence_of_its_facts():
    facts = sample_facts()
    facts.persons[0].mentions = []  # Mã Lâm: chair, holder, issuer, speaker
    g = graph_of(facts)
    mention = the(g, None, GOV.mentionOf, iris.person_iri("Mã Lâm"))
    starts = {int(the(g, s, GOV.start)) for s in g.objects(mention, GOV.evidence)}
    assert sentence("Sáng 5-3").start in starts and span("Cán bộ là cái gốc").start in starts


def test_a_dangling_key_drops_the_link_not_the_article(caplog):
    facts = sample_facts()
    facts.positions.append(Position("person:99", "Bộ trưởng", None, sentence("yêu cầu")))
    facts.events[0].participants.append("person:98")
    with caplog.at_level(logging.WARNING, logger="pipeline.mapping"):
        g = graph_of(facts)
    assert len(list(g.subjects(RDF.type, GOV.PostHolding))) == 4
    assert len(list(g.objects(None, GOV.participant))) == 3
    assert "person:99" in caplog.text and "person:98" in caplog.text


def test_one_person_in_two_articles_is_one_iri_with_both_sources():
    ds = Dataset()
    for name in ("t01", "t02"):
        for s, p, o, graph in mapping.article_quads(sample_facts(name)):
            ds.graph(graph).add((s, p, o))
    union = Graph()
    for s, p, o, _ in ds.quads():
        union.add((s, p, o))
    to_lam = iris.person_iri("Mã Lâm")
    sources = {union.value(m, GOV.statedIn) for m in union.subjects(GOV.mentionOf, to_lam)}
    assert sources == {iris.article_iri("t01"), iris.article_iri("t02")}
    assert len(list(union.objects(to_lam, RDFS.label))) == 1
    # ... and each article's own graph holds only its own mention
    assert len(list(ds.graph(iris.graph_iri("t02")).subjects(GOV.mentionOf, to_lam))) == 1


@pytest.fixture
def small_reference(tmp_path, monkeypatch):
    """An ontology directory whose bodies.ttl is a three-level toy hierarchy."""
    onto = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), onto)
    (onto / "bodies.ttl").write_text("""
@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix body: <https://w3id.org/govkg/body/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
body:dang a gov:PartyBody ; skos:prefLabel "Đảng Cộng sản Việt Nam"@vi .
body:bch a gov:PartyBody ; skos:prefLabel "Ban Chấp hành Trung ương Đảng"@vi ; org:subOrganizationOf body:dang .
body:ban-to-chuc-trung-uong a gov:PartyBody ; skos:prefLabel "Ban Tổ chức Trung ương"@vi ;
    org:subOrganizationOf body:bch .
""", encoding="utf-8")
    monkeypatch.setenv("GOVKG_ONTOLOGY_DIR", str(onto))
    mapping._reference_quads.cache_clear()
    yield onto
    monkeypatch.undo()
    mapping._reference_quads.cache_clear()


def test_reference_bodies_go_in_their_own_graph_and_sparql_walks_the_hierarchy(small_reference):
    ref = mapping.reference_quads()
    assert len(ref) == 8 and all(q[3] == iris.REFERENCE_GRAPH for q in ref)
    store = ox.Store()
    for quads in mapping.corpus_quads([sample_facts()]):
        for q in quads:
            store.add(ox.Quad(*(to_oxigraph(t) for t in q)))
    # From the holding an article states, up through the reference bodies.
    rows = store.query("""
        PREFIX gov: <https://w3id.org/govkg/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?top WHERE {
          ?h gov:holder ?p ; gov:holdingOrganization ?body .
          ?p gov:holds ?post .
          ?body org:subOrganizationOf+ ?parent .
          ?parent skos:prefLabel ?top .
        }""", use_default_graph_as_union=True)
    assert {r["top"].value for r in rows} == {"Ban Chấp hành Trung ương Đảng", "Đảng Cộng sản Việt Nam"}


def test_a_missing_reference_graph_is_tolerated(small_reference):
    (small_reference / "bodies.ttl").unlink()
    mapping._reference_quads.cache_clear()
    assert mapping.reference_quads() == []
    first = next(mapping.corpus_quads([sample_facts()]))
    assert first == []


def test_a_body_the_text_only_implies_has_no_mention_but_its_facts_point_at_it():
    facts = sample_facts()
    facts.organizations.append(Organization("org:9", "Bộ Xây dựng", "GovernmentBody"))  # no spans
    facts.positions.append(Position("person:4", "Thứ trưởng", "org:9", sentence("Lò Minh Hùng")))
    g = graph_of(facts)
    ministry = iris.org_iri("Bộ Xây dựng")
    assert (ministry, RDF.type, GOV.GovernmentBody) in g
    assert the(g, ministry, RDFS.label) == Literal("Bộ Xây dựng", lang="vi")
    assert (None, GOV.mentionOf, ministry) not in g
    holding = the(g, None, GOV.titleAsWritten, Literal("Thứ trưởng", lang="vi"))
    assert the(g, holding, GOV.holdingOrganization) == ministry


def test_every_event_kind_of_the_vocabulary_has_its_class_in_the_ontology():
    """A kind whose class sits deeper in the hierarchy (a call is a meeting) is found too."""
    from pipeline.extract.vocabulary import vocabulary

    kinds = set(vocabulary().event_words.values())
    assert kinds <= set(mapping.event_classes())
    assert mapping.event_class("call") == GOV.PhoneCall
