"""Validation where the graph is made: each article in its worker (the shapes compiled
once, checks.py/shacl.py), the output across articles (queries/checks/*.rq), and HermiT
on one node per profile."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from pipeline import build as build_module
from pipeline import checks, cli, iris, mapping, validate, write
from pipeline.build import build
from pipeline.mapping import GOV
from sample_article import sample_facts

TEXT = "Sáng 5-3, tại Hà Nội, Bộ trưởng Bộ Xây dựng Trần Văn Sơn chủ trì hội nghị.\n"
FOAF_NAME = URIRef("http://xmlns.com/foaf/0.1/name")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")


@pytest.fixture(scope="module")
def good() -> Graph:
    g = Graph()
    for s, p, o, _ in [*mapping.reference_quads(), *mapping.article_quads(sample_facts("t01"))]:
        g.add((s, p, o))
    return g


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def _first(g: Graph, cls):
    return sorted(g.subjects(RDF.type, cls), key=str)[0]


def _event(g: Graph):
    return sorted(s for s in g.subjects(GOV.date, None) if (s, RDF.type, GOV.Directive) not in g)[0]


def no_evidence(g):
    g.remove((_first(g, GOV.PostHolding), GOV.evidence, None))


def date_as_text(g):
    event = _event(g)
    g.remove((event, GOV.date, None))
    g.add((event, GOV.date, Literal("5/3/2025")))


def label_without_language(g):
    person = _first(g, GOV.Person)
    g.remove((person, RDFS.label, None))
    g.add((person, RDFS.label, Literal("Mã Lâm")))


def holder_is_a_post(g):
    holding = _first(g, GOV.PostHolding)
    g.set((holding, GOV.holder, g.value(holding, GOV.post)))


def span_text_too_long(g):
    span = _first(g, GOV.TextSpan)
    g.set((span, GOV.spanText, Literal(str(g.value(span, GOV.spanText)) + "...")))


def two_dates(g):
    g.add((_event(g), GOV.date, Literal("2025-03-07", datatype=XSD_DATE)))


def keys(violations) -> set:
    return {(v.focus, v.path, v.message, v.value) for v in violations}


def test_the_good_article_conforms(good):
    assert checks.article_violations((s, p, o, None) for s, p, o in good) == []


@pytest.mark.parametrize("breaker", [no_evidence, date_as_text, label_without_language, holder_is_a_post,
                                     span_text_too_long, two_dates])
def test_the_compiled_shapes_find_what_pyshacl_finds(good, breaker):
    g = _copy(good)
    breaker(g)
    fast = checks.article_violations((s, p, o, None) for s, p, o in g)
    _, slow = validate.check_shacl(g)
    assert fast and keys(fast) == keys(slow)
    assert all(v.article == "t01.txt" for v in fast)


def test_shapes_are_compiled_once_per_process():
    assert checks.shapes() is checks.shapes()


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a01", "a02", "a03"):
        (src / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    return src


def _breaking_a02(monkeypatch):
    real = mapping.article_quads

    def broken(facts):
        quads = real(facts)
        if facts.article.name == "a02":  # every span of a02 loses its text
            quads = [q for q in quads if q[1] != GOV.spanText]
        return quads

    monkeypatch.setattr(mapping, "article_quads", broken)


def test_an_article_that_breaks_a_shape_is_reported_by_the_build_with_its_file(corpus, tmp_path, monkeypatch):
    _breaking_a02(monkeypatch)
    summary = build([corpus], tmp_path / "out")
    assert summary.ok and summary.articles == 3  # built and written...
    assert not summary.valid  # ...but not valid
    assert {path for path, _ in summary.violations} == {str(corpus / "a02.txt")}
    v = summary.violations[0][1]
    assert v.article == "a02.txt" and v.focus.startswith("span:a02-") and v.path == "gov:spanText"
    text = summary.format()
    assert "validation: FAILED" in text and "[a02.txt] span:a02-" in text
    assert "a02.txt" in (tmp_path / "out" / "graph.nq").read_text(encoding="utf-8")


def test_the_command_exits_1_on_a_violation_and_0_without_validation(corpus, tmp_path, monkeypatch, capsys):
    _breaking_a02(monkeypatch)
    assert cli.main(["build", str(corpus), "--out", str(tmp_path / "out"), "-q"]) == 1
    assert "validation: FAILED" in capsys.readouterr().out
    assert cli.main(["build", str(corpus), "--out", str(tmp_path / "out"), "-q", "--no-validate"]) == 0
    assert "validation" not in capsys.readouterr().out


def test_a_good_build_reports_its_stages_and_validates(corpus, tmp_path):
    summary = build([corpus], tmp_path / "out")
    assert summary.valid and summary.output.consistent is True
    assert {"read", "normalize", "tokenize", "segment", "extract", "map", "validate", "write",
            "check corpus", "owl"} <= set(summary.seconds)
    assert "profiles" in summary.output.owl_note


# ---------------------------------------------------------------------------
# Across articles


def _nq(tmp_path, lines: list[str]):
    path = tmp_path / "hand.nq"
    path.write_text("".join(line + " .\n" for line in lines), encoding="utf-8")
    return path


def test_a_dangling_link_and_two_names_are_caught_across_articles(tmp_path):
    gov, person = iris.ONTOLOGY, iris.BASE + "person/"
    g1, g2 = f"<{iris.BASE}graph/x1>", f"<{iris.BASE}graph/x2>"
    article = f"<{iris.BASE}article/x1>"
    path = _nq(tmp_path, [
        f"{article} <{RDF.type}> <{gov}Article> {g1}",
        f'{article} <{gov}sourceFile> "x1.txt" {g1}',
        f"<{person}a-1> <{RDF.type}> <{gov}Person> {g1}",
        f'<{person}a-1> <{FOAF_NAME}> "Mã Lâm"@vi {g1}',
        f'<{person}a-1> <{FOAF_NAME}> "Mã Lam"@vi {g2}',  # another article, another name
        f"<{iris.BASE}holding/x1-1> <{RDF.type}> <{gov}PostHolding> {g1}",
        f"<{iris.BASE}holding/x1-1> <{gov}statedIn> {article} {g1}",
        f"<{iris.BASE}holding/x1-1> <{gov}post> <{iris.BASE}post/nowhere> {g1}",  # typed nowhere
    ])
    opened = checks.on_disk(path)
    found = checks.corpus_violations(opened.store)
    by_check = {v.path: v for v in found}
    assert set(by_check) == {"(no-dangling-link)", "(person-one-name)"}
    dangling = by_check["(no-dangling-link)"]
    assert dangling.focus == "holding:x1-1" and dangling.value == "post:nowhere" and dangling.article == "x1.txt"
    assert "dangling" in dangling.message
    names = sorted(v.value for v in found if v.path == "(person-one-name)")
    assert names == ["Mã Lam", "Mã Lâm"]


def test_two_iris_with_one_name_are_caught(tmp_path):
    gov = iris.ONTOLOGY
    path = _nq(tmp_path, [
        f"<{iris.BASE}org/a-1> <{RDF.type}> <{gov}StateBody> <{iris.BASE}graph/x1>",
        f'<{iris.BASE}org/a-1> <{RDFS.label}> "Bộ Xây dựng"@vi <{iris.BASE}graph/x1>',
        f"<{iris.BASE}org/a-2> <{RDF.type}> <{gov}Organization> <{iris.BASE}graph/x2>",
        f'<{iris.BASE}org/a-2> <{RDFS.label}> "Bộ Xây dựng"@vi <{iris.BASE}graph/x2>',
    ])
    found = checks.corpus_violations(checks.on_disk(path).store)
    assert {(v.focus, v.path) for v in found} == {("organization:a-1", "(one-iri-per-name)"),
                                                  ("organization:a-2", "(one-iri-per-name)")}


# ---------------------------------------------------------------------------
# OWL on one node per profile


def test_the_reasoner_sees_each_profile_so_one_bad_article_in_600_is_caught(tmp_path):
    bad = URIRef(iris.person_iri("Quản Văn Lạ"))

    def lists():
        yield mapping.reference_quads()
        for i in range(600):
            quads = mapping.article_quads(sample_facts(f"t{i:03d}"))
            if i == 499:  # the 500th article: a person that is also a body (disjoint classes)
                graph = iris.graph_iri(f"t{i:03d}")
                quads += [(bad, RDF.type, GOV.Person, graph), (bad, RDF.type, GOV.Organization, graph),
                          (bad, RDFS.label, Literal("Quản Văn Lạ", lang="vi"), graph)]
            yield quads

    files = write.write_graph(tmp_path, lists())
    opened = checks.on_disk(files.nq)
    import pyoxigraph as ox
    sample, profiles, subjects = checks.profile_sample(opened.store, ox.parse(path=str(files.ttl),
                                                                               format=ox.RdfFormat.TURTLE))
    assert (bad, RDF.type, GOV.Organization) in sample
    assert len(sample) * 20 < files.triples and profiles * 20 < subjects  # bounded by variety, not size
    report = checks.validate_output(files.nq, files.ttl)  # runs HermiT
    assert report.consistent is False and not report.ok
    assert any("quan-van-la" in str(s) and "disjoint" in str(s) for s in report.suspects), report.suspects
