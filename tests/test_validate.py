"""Validation: a good graph passes both checks; each way of breaking one is reported,
by a message a person can read, and a missing reasoner is an error, not a pass."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from pipeline import iris, mapping, validate, write
from pipeline.mapping import GOV
from sample_article import sample_facts

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest probes module globals


@pytest.fixture(scope="module")
def good_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph")
    files = write.write_graph(out, mapping.corpus_quads([sample_facts("t01"), sample_facts("t02", None)]))
    return files.ttl


@pytest.fixture(scope="module")
def good(good_path) -> Graph:
    return validate.read_graph(good_path)


@pytest.fixture
def data(good) -> Graph:
    """A fresh copy of the good graph to break."""
    g = Graph()
    for t in good:
        g.add(t)
    return g


def one(g: Graph, p, o=None):
    return next(iter(g.subjects(p, o)))


def violations_of(g: Graph) -> list[validate.Violation]:
    conforms, violations = validate.check_shacl(g)
    assert not conforms and violations
    for v in violations:
        assert v.message and v.message != "(no message)"
    return violations


def reported(violations, focus, *words) -> bool:
    return any(v.focus == validate._short(focus) and all(w in v.message for w in words) for v in violations)


def test_the_good_graph_conforms_to_the_shapes(good):
    conforms, violations = validate.check_shacl(good)
    assert conforms, "\n".join(map(str, violations))


def test_missing_evidence_is_reported(data):
    holding = one(data, RDF.type, GOV.PostHolding)
    data.remove((holding, GOV.evidence, None))
    assert reported(violations_of(data), holding, "must link to at least one gov:TextSpan")


def test_missing_article_is_reported(data):
    event = one(data, RDF.type, GOV.Meeting)
    data.remove((event, GOV.statedIn, None))
    assert reported(violations_of(data), event, "exactly one gov:Article")


def test_a_date_of_the_wrong_datatype_is_reported(data):
    event = one(data, RDF.type, GOV.Meeting)
    data.remove((event, GOV.date, None))
    data.add((event, GOV.date, Literal("2025-03-05")))  # a plain string, not an xsd:date
    assert reported(violations_of(data), event, "xsd:date", "xsd:gMonthDay")


def test_a_year_less_date_must_be_a_gmonthday(data):
    event = one(data, RDF.type, GOV.Meeting)
    data.remove((event, GOV.date, None))
    data.add((event, GOV.date, Literal("--03-05", datatype=XSD.gMonthDay)))
    assert validate.check_shacl(data)[0]  # right
    data.remove((event, GOV.date, None))
    data.add((event, GOV.date, Literal("--03-05", datatype=XSD.date)))  # wrong
    assert reported(violations_of(data), event, "xsd:gMonthDay")


def test_an_event_with_two_dates_is_reported(data):
    event = one(data, RDF.type, GOV.Meeting)
    data.add((event, GOV.date, Literal("2025-03-06", datatype=XSD.date)))
    assert reported(violations_of(data), event, "at most one date")


def test_a_label_without_language_tag_is_reported(data):
    person = iris.person_iri("Mã Lâm")
    data.remove((person, RDFS.label, None))
    data.add((person, RDFS.label, Literal("Mã Lâm")))
    assert reported(violations_of(data), person, "tagged as Vietnamese")


def test_a_person_without_a_name_or_mention_is_reported(data):
    person = iris.person_iri("Mã Lâm")
    data.remove((person, RDFS.label, None))
    data.remove((None, GOV.mentionOf, person))
    violations = violations_of(data)
    assert reported(violations, person, "needs a name label")
    assert reported(violations, person, "at least one gov:Mention")


def test_a_holding_without_a_post_is_reported(data):
    holding = one(data, RDF.type, GOV.PostHolding)
    data.remove((holding, GOV.post, None))
    assert reported(violations_of(data), holding, "which post is held")


def test_a_holder_of_the_wrong_class_is_reported(data):
    holding = one(data, RDF.type, GOV.PostHolding)
    data.remove((holding, GOV.holder, None))
    data.add((holding, GOV.holder, URIRef("https://w3id.org/govkg/body/ban-to-chuc-trung-uong")))
    assert reported(violations_of(data), holding, "gov:holder", "gov:Person")


def test_spans_whose_offsets_disagree_with_their_text_are_reported(data):
    span = iris.span_iri("t01", 50, 56)  # "Mã Lâm"
    data.remove((span, GOV.end, None))
    data.add((span, GOV.end, Literal(60)))
    violations = violations_of(data)
    # the SPARQL constraint's message is filled in with the numbers
    assert reported(violations, span, "has 6 characters but its offsets cover 10")


def test_a_span_that_ends_before_it_starts_is_reported(data):
    span = iris.span_iri("t01", 50, 56)
    data.remove((span, GOV.start, None))
    data.add((span, GOV.start, Literal(70)))
    assert reported(violations_of(data), span, "smaller than its end offset")


def test_offsets_must_be_integers(data):
    span = iris.span_iri("t01", 50, 56)
    data.remove((span, GOV.start, None))
    data.add((span, GOV.start, Literal("50")))
    assert reported(violations_of(data), span, "xsd:integer")


def test_evidence_from_another_article_is_reported(data):
    holding = next(h for h in data.subjects(RDF.type, GOV.PostHolding)
                   if data.value(h, GOV.statedIn) == iris.article_iri("t01"))
    data.add((holding, GOV.evidence, iris.span_iri("t02", 50, 56)))
    assert reported(violations_of(data), holding, "belongs to another article", "article:t02")


def test_every_shape_has_a_message():
    shapes = validate._shapes()
    sh = validate.SH
    nodes = set(shapes.subjects(RDF.type, sh.NodeShape)) | set(shapes.objects(None, sh.property))
    assert len(nodes) > 40
    for node in nodes:
        assert shapes.value(node, sh.message) is not None, node
    for constraint in shapes.objects(None, sh.sparql):
        assert shapes.value(constraint, sh.message) is not None


def test_the_owl_projection_keeps_hermit_to_its_datatypes(good):
    projected = validate.owl_projection(good, validate._ontology())
    datatypes = {o.datatype for o in projected.objects() if isinstance(o, Literal) and o.datatype}
    assert datatypes <= validate.OWL2_DATATYPES
    assert (URIRef("http://purl.org/dc/terms/source"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#AnnotationProperty")) in projected


def test_the_reasoner_sees_one_node_per_profile(good, good_path):
    from pipeline import checks

    opened = checks.on_disk(good_path)
    sample, profiles, subjects = checks.profile_sample(opened.store, checks.ox.parse(
        path=str(good_path), format=checks.ox.RdfFormat.TURTLE))
    assert 0 < len(sample) < len(good) and 0 < profiles < subjects
    assert len(set(sample) - set(good)) == 0  # a subset: an inconsistent sample proves the graph is


def test_good_graph_passes_both_checks_and_exits_0(good_path, capsys):
    assert validate.main_validate(good_path) == 0  # runs HermiT
    out = capsys.readouterr().out
    assert "SHACL: conforms" in out and "OWL (HermiT): consistent" in out and "result: OK" in out


def test_an_inconsistent_graph_is_reported_with_its_cause(good_path, tmp_path):
    # gov:Person and gov:Organization are disjoint: SHACL has no shape that says so, the reasoner does.
    bad = tmp_path / "bad.ttl"
    bad.write_text(good_path.read_text(encoding="utf-8") + f"\n<{iris.person_iri('Mã Lâm')}> a <{GOV.Organization}> .\n",
                   encoding="utf-8")
    report = validate.validate(bad)  # runs HermiT
    assert report.consistent is False and not report.conforms
    assert "INCONSISTENT" in report.text
    suspects = [str(v) for v in report.suspects]
    assert any("gov:Organization and gov:Person" in s and "ma-lam" in s for s in suspects), suspects
    # named with the article and the sentence it comes from, on one line
    line = next(s for s in suspects if "ma-lam" in s)
    assert line.startswith("[t01.txt] person:ma-lam-") and 'sentence: "' in line and "\n" not in line


def test_a_missing_java_is_an_error_not_a_pass(good_path, monkeypatch):
    monkeypatch.setattr(validate, "find_java", lambda: None)
    report = validate.validate(good_path)
    assert report.shacl_conforms and report.consistent is None and not report.conforms
    assert "Java not found" in report.text and "result: FAILED" in report.text


def test_input_errors_exit_2_and_name_the_file(tmp_path, capsys):
    assert validate.main_validate(tmp_path / "nothing.ttl") == 2
    assert "nothing.ttl" in capsys.readouterr().err
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n@@@\n", encoding="utf-8")
    assert validate.main_validate(broken) == 2
    assert "broken.ttl" in capsys.readouterr().err
    odd = tmp_path / "graph.json"
    odd.write_text("{}", encoding="utf-8")
    assert validate.main_validate(odd) == 2
    assert "graph.json" in capsys.readouterr().err


def test_sparql_constraints_are_evaluated_as_pyshacl_would(data):
    # check_shacl runs sh:sparql itself (one pyoxigraph query instead of one rdflib query
    # per focus node); on a graph broken both ways, pyshacl finds the same focus nodes.
    import pyshacl

    data.remove((iris.span_iri("t01", 50, 56), GOV.end, None))
    data.add((iris.span_iri("t01", 50, 56), GOV.end, Literal(60)))
    holding = next(h for h in data.subjects(RDF.type, GOV.PostHolding)
                   if data.value(h, GOV.statedIn) == iris.article_iri("t01"))
    data.add((holding, GOV.evidence, iris.span_iri("t02", 50, 56)))
    ours = {(v.focus, v.message.split(": ", 1)[0]) for v in validate.check_shacl(data)[1] if v.path is None}
    _, results, _ = pyshacl.validate(data, shacl_graph=validate._shapes(), ont_graph=validate._ontology())
    sh = validate.SH
    theirs = {validate._short(results.value(r, sh.focusNode)) for r in results.subjects(RDF.type, sh.ValidationResult)
              if results.value(r, sh.sourceConstraintComponent) == sh.SPARQLConstraintComponent}
    assert {focus for focus, _ in ours} == theirs == {validate._short(holding), "span:t01-50-56"}


def test_quad_files_are_checked_in_batches_of_whole_article_graphs(good_path, tmp_path):
    nq = good_path.with_name("graph.nq")
    got = list(validate.batches(nq, size=1))  # size 1: one article graph per batch
    assert len(got) == 2
    articles = [set(b.subjects(RDF.type, GOV.Article)) for b in got]
    assert articles == [{iris.article_iri("t01")}, {iris.article_iri("t02")}]
    reference = mapping.reference_quads()[:1]
    for batch in got:
        assert validate.check_shacl(batch)[0]  # each article's graph stands on its own
        assert all((s, p, o) in batch for s, p, o, _ in reference)  # with the reference bodies
    # a fact broken in the second article is found in its batch
    lines = nq.read_text(encoding="utf-8").splitlines(keepends=True)
    holding = next(l.split(" ")[0] for l in lines if l.startswith("<https://w3id.org/govkg/holding/t02-"))
    broken = tmp_path / "graph.nq"
    broken.write_text("".join(l for l in lines if not (l.startswith(holding) and "ontology#post>" in l)),
                      encoding="utf-8")
    found = [v for b in validate.batches(broken, size=1) for v in validate.check_shacl(b)[1]]
    assert [v.focus for v in found] == [validate._short(URIRef(holding[1:-1]))]
    assert "which post is held" in found[0].message


# ---------------------------------------------------------------------------
# Problems that explain themselves; graphs that are not a build's


def test_a_violation_names_the_article_focus_path_value_and_sentence(data):
    event = next(e for e in data.subjects(RDF.type, GOV.Meeting) if data.value(e, GOV.statedIn) == iris.article_iri("t01"))
    data.remove((event, GOV.date, None))
    data.add((event, GOV.date, Literal("2025-03-05")))
    v = next(v for v in violations_of(data) if v.focus == validate._short(event))
    assert v.article == "t01.txt" and v.path == "gov:date" and v.value == '"2025-03-05"'
    assert v.sentence.startswith("Sáng 5-3, tại Trụ sở Trung ương Đảng")
    line = str(v)
    assert line.startswith("[t01.txt] event:t01-") and " gov:date: " in line and "(value: \"2025-03-05\")" in line
    assert 'sentence: "Sáng 5-3' in line and "\n" not in line


def test_a_span_violation_quotes_its_own_text(data):
    span = iris.span_iri("t01", 50, 56)
    data.remove((span, GOV.end, None))
    data.add((span, GOV.end, Literal(60)))
    v = next(v for v in violations_of(data) if v.focus == "span:t01-50-56")
    assert v.article == "t01.txt" and v.sentence == "Mã Lâm"


def _bad_values_graph(good_path, tmp_path):
    """The good graph with the values that used to stop HermiT with a Java stack trace."""
    article = iris.article_iri("t01")
    text = good_path.read_text(encoding="utf-8")
    text += (f'\n<{article}> <{GOV.url}> "https://báo.vn/tin tức|a"^^<http://www.w3.org/2001/XMLSchema#anyURI> .\n'
             f'<{iris.person_iri("Mã Lâm")}> <{RDFS.label}> "Mã\\u0001Lâm\\uFFFE"@vi .\n')
    bad = tmp_path / "bad.ttl"
    bad.write_text(text, encoding="utf-8")
    return bad


def test_values_the_reasoner_cannot_read_are_explained_not_a_stack_trace(good_path, tmp_path):
    report = validate.validate(_bad_values_graph(good_path, tmp_path))  # runs HermiT
    assert not report.conforms
    assert report.consistent is True  # the rest of the graph was still checked
    lines = [str(v) for v in report.unreadable]
    assert any(l.startswith("[t01.txt] article:t01 gov:url: the reasoner cannot read this value") and
               "not a valid URI" in l and "báo.vn" in l for l in lines), lines
    assert any(l.startswith("[t01.txt] person:ma-lam-") and "U+0001, U+FFFE" in l for l in lines), lines
    assert "Exception" not in report.text and "\tat " not in report.text and "java" not in report.text.lower()


def test_a_reasoner_failure_gives_the_exception_line_only():
    trace = ('Java error message is:\nException in thread "main" org.semanticweb.HermiT.datatypes.'
             'MalformedLiteralException: Literal "x y"^^<http://www.w3.org/2001/XMLSchema#anyURI> is malformed\n'
             '\tat org.semanticweb.HermiT.datatypes.anyuri.AnyURIDatatypeHandler.parseLiteral(Unknown Source)\n'
             '\tat org.semanticweb.HermiT.cli.CommandLine.main(CommandLine.java:830)\n')
    assert validate.java_problem(trace) == ('MalformedLiteralException: Literal "x y"^^'
                                            '<http://www.w3.org/2001/XMLSchema#anyURI> is malformed')


@pytest.mark.parametrize("content, problem", [
    ("", "the graph is empty"),
    ("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", "holds no article"),
])
def test_an_empty_graph_or_one_without_articles_does_not_conform(tmp_path, capsys, content, problem):
    path = tmp_path / "graph.ttl"
    path.write_text(content, encoding="utf-8")
    assert validate.main_validate(path) == 1
    out = capsys.readouterr().out
    assert problem in out and "result: FAILED" in out


def test_report_file_is_the_shacl_results_graph_and_json_is_for_machines(good_path, tmp_path, capsys):
    import json

    bad = tmp_path / "bad.ttl"
    bad.write_text(good_path.read_text(encoding="utf-8") + f"\n<{iris.span_iri('t01', 50, 56)}> <{GOV.start}> "
                   '"50" .\n', encoding="utf-8")
    report_file = tmp_path / "report.ttl"
    assert validate.main_validate(bad, report_file=report_file, as_json=True) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["conforms"] is False and doc["shacl"]["conforms"] is False and doc["owl"]["consistent"] in (True, False)
    assert doc["articles"] == 2 and doc["triples"] > 0 and doc["errors"] == []
    found = [v for v in doc["shacl"]["violations"] if v["focus"] == "span:t01-50-56"]
    assert found and all(v["article"] == "t01.txt" and v["sentence"] == "Mã Lâm" for v in found)
    assert {"path", "value", "message", "severity"} <= set(found[0])

    results = Graph().parse(report_file, format="turtle")
    sh = validate.SH
    report = next(results.subjects(RDF.type, sh.ValidationReport))
    assert results.value(report, sh.conforms) == Literal(False)
    foci = {results.value(r, sh.focusNode) for r in results.objects(report, sh.result)}
    assert iris.span_iri("t01", 50, 56) in foci
    assert all(results.value(r, sh.resultSeverity) == sh.Violation for r in results.objects(report, sh.result))
    assert not list(tmp_path.glob(".govkg-*"))

    assert validate.main_validate(good_path, report_file=report_file) == 0
    results = Graph().parse(report_file, format="turtle")
    assert results.value(next(results.subjects(RDF.type, sh.ValidationReport)), sh.conforms) == Literal(True)
