"""Hand-built facts -> mapping -> written graph -> SPARQL -> the gold format, unchanged."""
from __future__ import annotations

import json

import pytest

from pipeline import facts, mapping, write
from pipeline.model import Organization, PartialDate, Position
from sample_article import EXPECTED_GOLD, sample_facts, sentence

GOLD_KEYS = ["article", "published", "persons", "organizations", "positions", "events", "directives", "quotes"]


def variant():
    """The sample as a second, undated article that writes the body short and names its
    ministry only by implication."""
    f = sample_facts("t02", published=None)
    f.organizations[0].name = "Ban Tổ chức TW"  # same reference body, written short here
    f.events[0].date = PartialDate(3, 5)
    f.organizations.append(Organization("org:9", "Bộ Xây dựng", "GovernmentBody"))  # implied: no spans
    f.positions.append(Position("person:4", "Thứ trưởng", "org:9", sentence("Lò Minh Hùng")))
    return f


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph")
    return write.write_graph(out, mapping.corpus_quads([sample_facts("t01"), variant()]))


@pytest.mark.parametrize("suffix", ["ttl", "trig", "nq"])
def test_the_graph_reads_back_as_the_gold(built, suffix):
    docs = facts.facts_from_graph(built.ttl.with_name(f"graph.{suffix}"))
    assert set(docs) == {"t01.txt", "t02.txt"}
    assert docs["t01.txt"] == EXPECTED_GOLD
    assert list(docs["t01.txt"]) == GOLD_KEYS


def test_each_article_keeps_its_own_spelling_and_dates(built):
    doc = facts.facts_from_graph(built.ttl)["t02.txt"]
    assert doc["published"] is None
    assert {"name": "Ban Tổ chức TW"} in doc["organizations"]
    assert {"name": "Ban Tổ chức Trung ương"} not in doc["organizations"]  # t01's spelling stays in t01
    assert doc["directives"][0]["addressee"] == "Ban Tổ chức TW"
    assert doc["events"][0]["date"] == "--03-05" and doc["events"][0]["organizations"] == ["Ban Tổ chức TW"]


def test_an_implied_body_names_its_post_but_is_not_listed(built):
    doc = facts.facts_from_graph(built.ttl)["t02.txt"]
    assert {"person": "Lò Minh Hùng", "title": "Thứ trưởng", "organization": "Bộ Xây dựng"} in doc["positions"]
    assert {"name": "Bộ Xây dựng"} not in doc["organizations"]


def test_write_facts_writes_one_file_per_article_in_the_gold_layout(built, tmp_path):
    paths = facts.write_facts(built.ttl, tmp_path / "facts")
    assert [p.name for p in paths] == ["t01.facts.json", "t02.facts.json"]
    text = paths[0].read_text(encoding="utf-8")
    assert json.loads(text) == EXPECTED_GOLD
    lines = text.splitlines()
    assert '  {"name": "Mã Lâm"},' in lines  # one list item per line, Vietnamese unescaped
    assert ' "published": "2025-03-06",' in lines
    # stable: the same graph gives the same bytes
    assert facts.write_facts(built.ttl, tmp_path / "again")[0].read_bytes() == paths[0].read_bytes()


def test_an_article_without_facts_still_gets_a_file(tmp_path):
    empty = sample_facts("t03")
    empty.persons = empty.organizations = empty.positions = []
    empty.events = empty.directives = empty.quotes = []
    files = write.write_graph(tmp_path, mapping.corpus_quads([empty]))
    doc = facts.facts_from_graph(files.ttl)["t03.txt"]
    assert doc == {"article": "t03.txt", "published": "2025-03-06", "persons": [], "organizations": [],
                   "positions": [], "events": [], "directives": [], "quotes": []}


def test_an_event_of_an_unknown_kind_reads_back_as_a_plain_event(tmp_path):
    f = sample_facts()
    f.events[0].kind = "parade"
    files = write.write_graph(tmp_path, mapping.corpus_quads([f]))
    event = facts.facts_from_graph(files.ttl)["t01.txt"]["events"][0]
    assert event["kind"] == "event" and event["date"] == "2025-03-05" and event["chair"] == "Mã Lâm"


def test_missing_or_broken_graphs_name_the_file(tmp_path):
    with pytest.raises(facts.FactsError, match="missing.ttl"):
        facts.facts_from_graph(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("not turtle at all", encoding="utf-8")
    with pytest.raises(facts.FactsError, match="broken.ttl"):
        facts.facts_from_graph(broken)
