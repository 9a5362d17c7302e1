"""One graph across articles: the same person or body is one node; different ones stay apart."""
import pytest
import rdflib

from pipeline.build import build
from pipeline.validate import main_validate

GOV = rdflib.Namespace("https://w3id.org/govkg/ontology#")

ARTICLE_A = (
    "Sáng 2-4, tại Trụ sở Tỉnh ủy Lào Cai, Chủ tịch UBND tỉnh Lào Cai Hoàng Minh Hùng chủ trì hội nghị. "
    "Dự có Phó Chủ tịch UBND tỉnh Lào Cai Hoàng Minh Hưng. Ông Hưng đề nghị UBND tỉnh Lào Cai sớm phê duyệt.\n"
)
ARTICLE_B = (
    "Chiều 9-4, tại Hà Nội, Chủ tịch Uỷ ban nhân dân tỉnh Yên Bái Trần Văn Hoà làm việc với Bộ Xây dựng. "
    "Cùng dự có đồng chí Hoàng Minh Hùng, Chủ tịch Uỷ ban nhân dân tỉnh Lào Cai. "
    "Ông Hùng kiến nghị Bộ Xây dựng hỗ trợ vốn.\n"
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    src = tmp_path_factory.mktemp("src")
    (src / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (src / "a.meta.json").write_text('{"published": "2026-04-03"}', encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    summary = build([src], out)
    assert summary.ok and summary.articles == 2
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    return g, out / "graph.ttl"


def persons_named(g, name):
    return {s for s in g.subjects(rdflib.RDFS.label, rdflib.Literal(name, lang="vi")) if (s, rdflib.RDF.type, GOV.Person) in g}


def articles_mentioning(g, person):
    return {str(a) for m in g.subjects(GOV.mentionOf, person) for a in g.objects(m, GOV.statedIn)}


def test_a_person_in_two_articles_is_one_node_with_both_sources(graph):
    g, _ = graph
    (hung,) = persons_named(g, "Hoàng Minh Hùng")
    assert len(articles_mentioning(g, hung)) == 2


def test_names_that_differ_only_by_diacritics_are_two_persons(graph):
    g, _ = graph
    (hung,) = persons_named(g, "Hoàng Minh Hùng")
    (hưng,) = persons_named(g, "Hoàng Minh Hưng")
    assert hung != hưng


def test_a_body_written_in_full_or_abbreviated_is_one_node(graph):
    g, _ = graph
    bodies = {o for _, o in g.subject_objects(GOV.postIn)}
    labels = {str(label) for b in bodies for label in g.objects(b, rdflib.RDFS.label)}
    assert {"UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"} <= labels
    lao_cai = {b for b in bodies if any("Lào Cai" in str(x) for x in g.objects(b, rdflib.RDFS.label))}
    assert len(lao_cai) == 1


def test_the_same_title_in_two_provinces_is_two_posts(graph):
    g, _ = graph
    posts = {str(label) for p in g.subjects(rdflib.RDF.type, GOV.Post) for label in g.objects(p, rdflib.RDFS.label)}
    assert {"Chủ tịch UBND tỉnh Lào Cai", "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái"} <= posts
    chairs = [p for p in g.subjects(rdflib.RDF.type, GOV.Post)
              if str(g.value(p, rdflib.RDFS.label)).startswith("Chủ tịch")]
    assert len({g.value(p, GOV.postIn) for p in chairs}) == 2


def test_the_merged_graph_is_valid(graph):
    _, path = graph
    assert main_validate(path) == 0
