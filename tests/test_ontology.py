"""The ontology, shapes and queries as data: documented, aligned, and naming only terms that exist."""
from __future__ import annotations

import re

import owlready2
import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from pipeline import resources

GOV = Namespace("https://w3id.org/govkg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF_NS = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resources.data_path("governance.ttl"), format="turtle")


def gov_terms(g: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if str(s).startswith(str(GOV))}


def test_files_parse_strictly():
    for name in ("governance.ttl", "shapes.ttl"):
        assert list(ox.parse(path=str(resources.data_path(name)), format=ox.RdfFormat.TURTLE))


def test_every_term_has_labels_and_definitions_in_vietnamese_and_english(onto):
    terms = gov_terms(onto)
    assert len(terms) > 60
    for term in terms:
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in onto.objects(term, prop)}
            assert {"vi", "en"} <= langs, (term, prop, langs)


def test_the_classes_the_model_and_bodies_name_exist(onto):
    kinds = ["PartyBody", "StateBody", "GovernmentBody", "LegislativeBody", "JudicialBody", "LocalAuthority",
             "MassOrganization", "StateEnterprise", "Academy", "ForeignBody"]
    below_org = set(onto.transitive_subjects(RDFS.subClassOf, GOV.Organization))
    assert {GOV[k] for k in kinds} <= below_org
    codes = {str(c) for c in onto.objects(None, GOV.code)}
    emitted = {row["kind"] for row in resources.read_tsv("vocab", "event_words.tsv")}  # what the extractors emit
    assert emitted <= codes


def test_alignment_to_standard_vocabularies(onto):
    sub = lambda a, b: (a, RDFS.subClassOf, b) in onto
    subp = lambda a, b: (a, RDFS.subPropertyOf, b) in onto
    assert sub(GOV.Person, FOAF_NS.Person) and sub(GOV.Person, SCHEMA.Person)
    assert sub(GOV.Organization, ORG.FormalOrganization) and sub(GOV.Organization, SCHEMA.Organization)
    assert sub(GOV.Post, ORG.Post) and sub(GOV.PostHolding, ORG.Membership) and sub(GOV.PostHolding, PROV.Entity)
    assert sub(GOV.Article, SCHEMA.NewsArticle) and sub(GOV.Event, SCHEMA.Event)
    assert subp(GOV.holds, ORG.holds) and subp(GOV.postIn, ORG.postIn)
    assert subp(GOV.holder, ORG.member) and subp(GOV.holdingOrganization, ORG.organization)
    assert subp(GOV.statedIn, PROV.wasDerivedFrom) and subp(GOV.inArticle, PROV.wasQuotedFrom)
    assert subp(GOV.speaker, PROV.wasAttributedTo)


def test_every_object_and_datatype_property_has_a_domain(onto):
    for t in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in onto.subjects(RDF.type, t):
            if str(p).startswith(str(GOV)):
                assert onto.value(p, RDFS.domain) is not None, p


def test_shapes_queries_and_bodies_use_only_defined_terms(onto):
    defined = gov_terms(onto)
    used: set[URIRef] = set()
    shapes = Graph().parse(resources.data_path("shapes.ttl"), format="turtle")
    for t in shapes:
        used |= {x for x in t if isinstance(x, URIRef) and str(x).startswith(str(GOV))}
    for rq in resources.data_path("queries").glob("*.rq"):
        used |= {GOV[m] for m in re.findall(r"\bgov:(\w+)", rq.read_text(encoding="utf-8"))}
    bodies = resources.data_path("bodies.ttl")
    if bodies.exists():
        for t in Graph().parse(bodies, format="turtle"):
            used |= {x for x in t if isinstance(x, URIRef) and str(x).startswith(str(GOV))}
    assert used and used - defined == set()


def test_owlready2_loads_the_ontology(onto, tmp_path):
    nt = tmp_path / "governance.nt"
    onto.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    loaded = world.get_ontology(nt.as_uri()).load(format="ntriples")
    names = {c.name for c in loaded.classes()}
    assert {"Person", "Organization", "PostHolding", "Meeting", "TextSpan"} <= names
    world.close()


def test_the_ontology_namespace_is_checked_against_the_ontology_file():
    from pipeline.namespace import GOV

    assert str(GOV.Person) == "https://w3id.org/govkg/ontology#Person"
    assert str(GOV.PhoneCall).endswith("#PhoneCall")
    with pytest.raises(AttributeError):
        GOV.Persn  # a misspelt term fails where it is written
