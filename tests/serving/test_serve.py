"""`govkg serve`: the SPARQL 1.1 Protocol for real clients (SPARQLWrapper, rdflib's
SPARQLStore), content negotiation, read-only, timeout and limit, and term IRIs that
answer Turtle to machines and pages to people."""
from __future__ import annotations

import csv
import io

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

from pipeline.query import open_dataset, run

from .support import govkg

GOV = Namespace("https://w3id.org/govkg/ontology#")
PERSONS = ("PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
           "SELECT DISTINCT ?p ?name WHERE { ?p a gov:Person ; rdfs:label ?name } ORDER BY ?name")
LE_MINH_HUNG = "https://w3id.org/govkg/person/le-minh-hung-ad0eaa87"


@pytest.fixture(scope="module")
def expected_names(seed_store):
    return [s["name"].value for s in run(open_dataset(store_dir=seed_store), PERSONS)]


def wrapper(server, fmt, method="GET") -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_as_json(govkg_server, expected_names, method):
    client = wrapper(govkg_server, JSON, method)
    client.setQuery(PERSONS)
    data = client.queryAndConvert()
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == expected_names
    assert data["results"]["bindings"][0]["name"]["xml:lang"] == "vi"


def test_sparqlwrapper_select_as_xml_csv_tsv(govkg_server, expected_names):
    for fmt in (XML, CSV, TSV):
        client = wrapper(govkg_server, fmt)
        client.setQuery(PERSONS)
        result = client.query()
        body = result.response.read().decode("utf-8")
        content_type = result.response.headers["Content-Type"]
        if fmt == XML:
            assert content_type.startswith("application/sparql-results+xml")
            assert all(f'<literal xml:lang="vi">{n}</literal>' in body for n in expected_names)
        elif fmt == CSV:
            assert content_type.startswith("text/csv")
            assert [r["name"] for r in csv.DictReader(io.StringIO(body))] == expected_names
        else:
            assert content_type.startswith("text/tab-separated-values")
            assert body.splitlines()[0] == "?p\t?name" and len(body.splitlines()) == len(expected_names) + 1


def test_sparqlwrapper_ask_and_construct(govkg_server):
    ask = wrapper(govkg_server, JSON)
    ask.setQuery("ASK { ?d a <https://w3id.org/govkg/ontology#Directive> }")
    assert ask.queryAndConvert()["boolean"] is True
    construct = wrapper(govkg_server, TURTLE)
    construct.setQuery(f"CONSTRUCT {{ <{LE_MINH_HUNG}> ?p ?o }} WHERE {{ <{LE_MINH_HUNG}> ?p ?o }}")
    graph = Graph().parse(data=construct.queryAndConvert(), format="turtle")
    assert (URIRef(LE_MINH_HUNG), RDFS.label, Literal("Lê Minh Hưng", lang="vi")) in graph


def test_rdflib_sparqlstore_sees_the_union_of_all_graphs(govkg_server, expected_names):
    graph = Graph(store=SPARQLStore(govkg_server.url + "/sparql", returnFormat="json"))
    names = [str(row.name) for row in graph.query(PERSONS)]
    assert names == expected_names
    # no GRAPH clause needed: facts of the article graph and labels of the reference graph together
    joined = list(graph.query("""PREFIX gov: <https://w3id.org/govkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?body WHERE { ?d a gov:Directive ; gov:addressee/skos:prefLabel ?body }"""))
    assert [str(r.body) for r in joined] == ["Ban Tổ chức Trung ương"]


def test_describe_as_ntriples(govkg_server):
    response = httpx.post(govkg_server.url + "/sparql", content=f"DESCRIBE <{LE_MINH_HUNG}>",
                          headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/n-triples")
    assert f'<{LE_MINH_HUNG}> <http://www.w3.org/2000/01/rdf-schema#label> "Lê Minh Hưng"@vi .' in response.text


def test_updates_are_refused_and_change_nothing(govkg_server, expected_names):
    update = "DELETE WHERE { ?s ?p ?o }"
    assert httpx.post(govkg_server.url + "/sparql", data={"update": update}).status_code == 403
    assert httpx.post(govkg_server.url + "/sparql", content=update,
                      headers={"Content-Type": "application/sparql-update"}).status_code == 403
    as_query = httpx.post(govkg_server.url + "/sparql", data={"query": update})
    assert as_query.status_code == 400 and "not a valid SPARQL query" in as_query.text
    client = wrapper(govkg_server, JSON)
    client.setQuery(PERSONS)
    assert [b["name"]["value"] for b in client.queryAndConvert()["results"]["bindings"]] == expected_names


def test_bad_requests(govkg_server):
    url = govkg_server.url + "/sparql"
    assert httpx.get(url, headers={"Accept": "application/sparql-results+json"}).status_code == 400  # no query
    assert httpx.get(url, params={"query": PERSONS}, headers={"Accept": "image/png"}).status_code == 406
    assert httpx.post(url, content=PERSONS, headers={"Content-Type": "text/plain"}).status_code == 415
    assert httpx.get(url).status_code in (200, 303)  # a person opening /sparql lands on the query page


def test_a_query_past_the_timeout_is_stopped_and_the_next_one_answered(govkg_server, expected_names):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = httpx.get(govkg_server.url + "/sparql", params={"query": endless}, timeout=30)
    assert response.status_code == 503 and "longer than 3 s" in response.text
    client = wrapper(govkg_server, JSON)
    client.setQuery(PERSONS)
    assert len(client.queryAndConvert()["results"]["bindings"]) == len(expected_names)


def test_results_past_the_limit_are_cut_and_flagged(govkg_server):
    response = httpx.get(govkg_server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                         headers={"Accept": "application/sparql-results+json"})
    assert len(response.json()["results"]["bindings"]) == 200
    assert response.headers["Govkg-Results-Truncated"] == "only the first 200 results"
    small = httpx.get(govkg_server.url + "/sparql", params={"query": PERSONS})
    assert "Govkg-Results-Truncated" not in small.headers


def test_entity_iris_answer_turtle_to_machines_and_a_page_to_people(govkg_server):
    url = govkg_server.url + "/person/le-minh-hung-ad0eaa87"
    turtle = httpx.get(url, headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef(LE_MINH_HUNG), RDF.type, GOV.Person) in graph
    page = httpx.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html") and "<h1 id=\"entity-name\">Lê Minh Hưng</h1>" in page.text
    assert httpx.get(govkg_server.url + "/person/nobody-00000000").status_code == 404


def test_ontology_terms_answer_turtle_to_machines_and_the_documentation_to_people(govkg_server):
    # https://w3id.org/govkg/ontology#Person: the fragment stays with the client
    turtle = httpx.get(govkg_server.url + "/ontology", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (GOV.Person, RDF.type, OWL.Class) in graph
    page = httpx.get(govkg_server.url + "/ontology", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and 'id="Person"' in page.text
    shapes = httpx.get(govkg_server.url + "/ontology/shapes", headers={"Accept": "text/turtle"})
    assert "sh:NodeShape" in shapes.text
    assert 'id="PersonShape"' in httpx.get(govkg_server.url + "/ontology/shapes").text


def test_serve_listens_on_this_machine_only_by_default_and_checks_the_store(tmp_path):
    from pipeline.cli import _parser

    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    missing = govkg("serve", "--store", tmp_path / "none")
    assert missing.returncode == 2 and "none: no store here" in missing.stderr
