"""govkg query: files or inline text, over the store or a graph file, four formats."""
from __future__ import annotations

import csv
import io
import json

import pytest

from .support import REPO, govkg

PERSONS = ("PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
           "SELECT ?name WHERE { ?p a gov:Person ; rdfs:label ?name } ORDER BY ?name")


def test_inline_query_on_the_store_as_a_table(seed_store):
    done = govkg("query", PERSONS, "--store", seed_store)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].strip() == "name" and "Tô Lâm" in done.stdout and "Lê Minh Hưng" in done.stdout
    assert lines[-1].startswith("(") and lines[-1].endswith("rows)")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_formats_parse_back(seed_store, fmt):
    done = govkg("query", PERSONS, "--store", seed_store, "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        names = [b["name"]["value"] for b in json.loads(done.stdout)["results"]["bindings"]]
    elif fmt == "csv":
        names = [row["name"] for row in csv.DictReader(io.StringIO(done.stdout))]
    else:  # TSV writes terms in SPARQL syntax: "Tô Lâm"@vi
        names = [line.split("@")[0].strip('"') for line in done.stdout.splitlines()[1:]]
    assert "Tô Lâm" in names and names == sorted(names)


def test_a_query_file_on_a_graph_file(seed_build):
    question = REPO / "ontology" / "queries" / "questions" / "person_posts.rq"
    done = govkg("query", question, "--graph", seed_build / "graph.trig", "--format", "csv")
    assert done.returncode == 0, done.stderr
    titles = {row["title"] for row in csv.DictReader(io.StringIO(done.stdout))}
    assert "Trưởng Ban Tổ chức Trung ương" in titles


def test_bind_names_the_one_person_a_question_asks_about(seed_build):
    question = REPO / "ontology" / "queries" / "questions" / "person_posts.rq"
    done = govkg("query", question, "--graph", seed_build / "graph.trig", "--format", "csv",
                 "--bind", "name=Lê Minh Hưng")
    assert done.returncode == 0, done.stderr
    assert {row["person"] for row in csv.DictReader(io.StringIO(done.stdout))} == {"Lê Minh Hưng"}


def test_binding_a_variable_the_question_lacks_names_the_file(seed_build):
    question = REPO / "ontology" / "queries" / "questions" / "holdings.rq"
    done = govkg("query", question, "--graph", seed_build / "graph.trig", "--bind", "name=x")
    assert done.returncode == 2 and "holdings.rq" in done.stderr and "?name" in done.stderr


def test_ask_and_construct(seed_store):
    ask = govkg("query", "ASK { ?s a <https://w3id.org/govkg/ontology#Directive> }", "--store", seed_store)
    assert ask.stdout.strip() == "true"
    construct = govkg("query", "CONSTRUCT { ?p <http://example.org/n> ?n } WHERE "
                      "{ ?p a <https://w3id.org/govkg/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?n }",
                      "--store", seed_store, "--format", "csv")
    assert construct.returncode == 0 and '<http://example.org/n> "Tô Lâm"@vi .' in construct.stdout


def test_bad_input_exits_2_naming_the_problem(seed_store, tmp_path):
    syntax = govkg("query", "SELECT WHERE {", "--store", seed_store)
    assert syntax.returncode == 2 and "not a valid SPARQL query" in syntax.stderr
    missing = govkg("query", tmp_path / "nope.rq", "--store", seed_store)
    assert missing.returncode == 2 and "nope.rq: no such query file" in missing.stderr
    bad = tmp_path / "bad.rq"
    bad.write_bytes(b"SELECT \xff")
    assert "bad.rq: not UTF-8" in govkg("query", bad, "--store", seed_store).stderr
    no_store = govkg("query", PERSONS, "--store", tmp_path / "no-store")
    assert no_store.returncode == 2 and "no-store: no store here" in no_store.stderr
    no_graph = govkg("query", PERSONS, "--graph", tmp_path / "g.ttl")
    assert no_graph.returncode == 2 and "g.ttl: no such file" in no_graph.stderr
    update = govkg("query", "DELETE WHERE { ?s ?p ?o }", "--store", seed_store)
    assert update.returncode == 2  # the query command runs queries only
