"""The users' questions (ontology/queries/questions/*.rq) answer on the seeds."""
from __future__ import annotations

import pytest

from pipeline.query import QueryError, bind, open_dataset, question_files, run
from pipeline.store import load

QUESTIONS = {p.stem: p for p in question_files()}


def rows(store, question: str, **values: str) -> list[dict[str, str]]:
    results = run(store, bind(QUESTIONS[question].read_text(encoding="utf-8"), values), question)
    names = [v.value for v in results.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in results]


def comparable(answer: list[dict[str, str]]) -> list[list[tuple[str, str]]]:
    """Rows in a fixed order, each GROUP_CONCAT's pieces sorted (SPARQL leaves their order open)."""
    return sorted(sorted((k, ", ".join(sorted(v.split(", ")))) for k, v in r.items()) for r in answer)


@pytest.fixture(scope="module")
def seeds(seed_store):
    return open_dataset(store_dir=seed_store)


@pytest.fixture(scope="module")
def dated(dated_build, tmp_path_factory):
    store = tmp_path_factory.mktemp("dated-store")
    load(dated_build, store)
    return open_dataset(store_dir=store)


def test_the_eight_questions_are_there_each_saying_its_question():
    assert set(QUESTIONS) == {"holdings", "person_posts", "body_people", "directives_issued", "meetings_attended",
                              "met_most_often", "facts_with_sources", "office_timeline"}
    for path in QUESTIONS.values():
        assert path.read_text(encoding="utf-8").startswith("# Question: "), path


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_every_question_answers_on_the_seeds(seeds, name):
    assert rows(seeds, name), f"{name} gave no answer on the seeds"


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_a_graph_file_gives_the_same_answers_as_the_store(seeds, seed_build, name):
    from_file = open_dataset(graph_file=seed_build / "graph.trig")
    assert comparable(rows(from_file, name)) == comparable(rows(seeds, name))


def test_holdings_name_the_body_and_the_article(seeds):
    found = {(r["person"], r["title"], r.get("body"), r["article"]) for r in rows(seeds, "holdings")}
    assert ("Lê Minh Hưng", "Trưởng Ban Tổ chức Trung ương", "Ban Tổ chức Trung ương",
            "000_5a1185e3b72b7e7f.txt") in found


def test_one_persons_posts(seeds):
    answer = rows(seeds, "person_posts", name="Lê Minh Hưng")
    assert {r["person"] for r in answer} == {"Lê Minh Hưng"}
    assert "Trưởng Ban Tổ chức Trung ương" in {r["title"] for r in answer}


def test_members_and_leaders(seeds):
    answer = rows(seeds, "body_people")
    assert {r["body"] for r in answer} == {"Bộ Chính trị"}
    assert {r["role"] for r in answer} == {"member"}
    assert "Lê Minh Hưng" in {r["person"] for r in answer}


def test_directives_name_issuer_and_addressee(seeds):
    answer = rows(seeds, "directives_issued")
    assert ("Tô Lâm", "đề nghị", "Ban Tổ chức Trung ương") in {(r["issuer"], r["trigger"], r.get("addressee"))
                                                                 for r in answer}


def test_meetings_with_whom(seeds):
    [meeting] = rows(seeds, "meetings_attended", name="Lê Minh Hưng")
    assert meeting["person"] == "Lê Minh Hưng" and meeting["kind"] == "meeting"
    assert "Tô Lâm" in meeting["with"].split(", ")


def test_a_bound_issuer_keeps_only_that_issuers_directives(seeds):
    everyone = rows(seeds, "directives_issued")
    answer = rows(seeds, "directives_issued", name="Tô Lâm")
    assert answer and {r["issuer"] for r in answer} == {"Tô Lâm"}
    assert everyone and not rows(seeds, "directives_issued", name="Nguyễn Văn A")


def test_binding_a_variable_the_query_does_not_offer_is_an_error():
    with pytest.raises(QueryError, match=r"VALUES \?place"):
        bind(QUESTIONS["person_posts"].read_text(encoding="utf-8"), {"place": "Hà Nội"})


def test_a_bound_value_is_one_string_literal_whatever_it_holds():
    query = bind('SELECT * WHERE {\n  # VALUES ?name { "x" }\n}', {"name": 'a "quoted" \\ name'})
    assert '  VALUES ?name { "a \\"quoted\\" \\\\ name" }' in query


def test_every_fact_has_its_sentence(seeds):
    answer = rows(seeds, "facts_with_sources")
    assert {"post", "meeting", "directive", "quote"} <= {r["kind"] for r in answer}
    assert all(r["sentence"] and r["article"] for r in answer)


def test_met_most_often_counts_events_across_articles(dated):
    answer = rows(dated, "met_most_often")
    top = answer[0]
    assert int(top["events"]) == 2 and sorted(top["articles"].split(", ")) == ["early.txt", "late.txt"]
    pair = {(r["first"], r["second"]) for r in answer} | {(r["second"], r["first"]) for r in answer}
    assert ("Tô Lâm", "Lê Minh Hưng") in pair


def test_office_timeline_first_and_last_seen(dated):
    answer = {(r["post"], r["person"]): r for r in rows(dated, "office_timeline")}
    general_secretary = answer[("Tổng Bí thư", "Tô Lâm")]
    assert (general_secretary["firstSeen"], general_secretary["lastSeen"]) == ("2025-03-05", "2025-06-01")
    assert general_secretary["articles"] == "2"
