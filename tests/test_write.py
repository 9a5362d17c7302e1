"""The writer: sorted, stable files that parse back (strictly) to exactly the graph written."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from pipeline import write
from pipeline.write import from_oxigraph

EX = Namespace("https://w3id.org/govkg/person/")
GOV = Namespace("https://w3id.org/govkg/ontology#")
G1, G2 = URIRef("https://w3id.org/govkg/graph/a1"), URIRef("https://w3id.org/govkg/graph/a2")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_GMD = URIRef("http://www.w3.org/2001/XMLSchema#gMonthDay")

TRICKY = [
    'ngoặc "kép" và \\ gạch chéo',
    "hai\ndòng\tvà tab\r",
    "“Cán bộ là cái gốc của mọi công việc”",
    "emoji 🇻🇳 và chữ Hán 漢字",
    "",
]


def article(graph: URIRef, n: int) -> list[tuple]:
    """A small per-article quad list: the same person (shared) plus article-own facts."""
    person = EX["ma-lam-0001"]
    fact = URIRef(f"https://w3id.org/govkg/event/a{n}-x")
    quads = [
        (person, RDF_TYPE, GOV.Person, graph),
        (person, RDFS_LABEL, Literal("Mã Lâm", lang="vi"), graph),
        (fact, RDF_TYPE, GOV.Meeting, graph),
        (fact, GOV.date, Literal("2025-03-05", datatype=XSD_DATE) if n == 1 else
         Literal("--03-05", datatype=XSD_GMD), graph),
        (fact, GOV.chair, person, graph),
        (fact, GOV.start, Literal(n * 10), graph),
        (fact, GOV.former, Literal(n == 1), graph),
        (URIRef("https://example.org/a(b)/c.d'e~f?q=1&r=%20"), GOV.note, Literal("x"), graph),
        (EX["x.y-(z)/w."], GOV.note, Literal("a prefixed name that needs escapes"), graph),
    ]
    quads += [(fact, GOV.note, Literal(t), graph) for t in TRICKY]
    return quads


LISTS = [article(G1, 1), article(G2, 2)]


def union_of(lists) -> Graph:
    g = Graph()
    for quads in lists:
        for s, p, o, _ in quads:
            g.add((s, p, o))
    return g


def parse_strict(path) -> list:
    """Quads as pyoxigraph's strict (non-lenient) parser reads them."""
    return list(ox.parse(path=str(path), format=write.rdf_format(path)))


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    files = write.write_graph(out, iter(LISTS))  # a generator: the writer streams
    return out, files


def test_files_and_counts(out):
    d, files = out
    assert files.ttl == d / "graph.ttl" and files.trig == d / "graph.trig" and files.nq == d / "graph.nq"
    assert files.quad_lists == 2
    expected = union_of(LISTS)
    assert files.triples == len(expected)
    assert files.quads == sum(len(set(q)) for q in LISTS)
    assert not list(d.glob(".write-*"))  # temporary files cleaned up


def test_turtle_parses_strictly_back_to_the_same_graph(out):
    d, _ = out
    parsed = Graph()
    for q in parse_strict(d / "graph.ttl"):
        parsed.add((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
    assert isomorphic(parsed, union_of(LISTS))


def test_rdflib_reads_the_turtle_too(tmp_path):
    # rdflib 7.6 cannot read escaped local names ("person:x.y-\\(z\\)"), which pyoxigraph
    # writes for IRIs like EX["x.y-(z)/w."]; the IRIs of iris.py never need them.
    lists = [[q for q in quads if q[0] != EX["x.y-(z)/w."]] for quads in LISTS]
    files = write.write_graph(tmp_path, lists)
    assert isomorphic(Graph().parse(files.ttl, format="turtle"), union_of(lists))


def test_trig_and_nquads_keep_one_named_graph_per_article(out):
    d, _ = out
    for name in ("graph.trig", "graph.nq"):
        ds = Dataset()
        for q in parse_strict(d / name):
            ds.graph(from_oxigraph(q.graph_name)).add(
                (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)))
        for graph, quads in ((G1, LISTS[0]), (G2, LISTS[1])):
            expected = Graph()
            for s, p, o, _ in quads:
                expected.add((s, p, o))
            assert isomorphic(ds.graph(graph), expected), (name, graph)


def test_output_is_sorted_with_sorted_prefixes(out):
    d, _ = out
    ttl = (d / "graph.ttl").read_text(encoding="utf-8").splitlines()
    prefixes = [line for line in ttl if line.startswith("@prefix")]
    assert prefixes == sorted(prefixes) and ttl[: len(prefixes)] == prefixes
    assert "@prefix gov: <https://w3id.org/govkg/ontology#> ." in prefixes
    assert any(line.startswith("person:ma-lam-0001 a gov:Person") for line in ttl)  # rdf:type first
    subjects = [line.split(" ", 1)[0] for line in ttl[len(prefixes):] if line and not line[0].isspace()]
    assert len(subjects) == len(set(subjects))  # each subject once: grouped
    nq = (d / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert len(nq) == len(set(nq))


def test_same_input_in_any_order_gives_the_same_bytes(out, tmp_path):
    d, _ = out
    again = write.write_graph(tmp_path / "again", [list(reversed(LISTS[1])), LISTS[0], LISTS[0]])
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        assert (tmp_path / "again" / name).read_bytes() == (d / name).read_bytes(), name
    assert again.quad_lists == 3


def test_external_sort_across_many_chunks_gives_the_same_files(out, tmp_path, monkeypatch):
    d, _ = out
    monkeypatch.setattr(write, "_CHUNK_LINES", 3)
    write.write_graph(tmp_path / "chunked", LISTS)
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        assert (tmp_path / "chunked" / name).read_bytes() == (d / name).read_bytes(), name


def test_nquads_are_optional_and_an_empty_stream_writes_empty_graphs(tmp_path):
    files = write.write_graph(tmp_path / "x", LISTS, nquads=False)
    assert files.nq is None and not (tmp_path / "x" / "graph.nq").exists()
    assert files.ttl.is_file() and files.trig.is_file()
    empty = write.write_graph(tmp_path / "empty", [])
    assert empty.triples == 0 and parse_strict(empty.ttl) == []


def test_rdf_format_names_the_file_it_cannot_read():
    assert write.rdf_format("a/graph.TTL") == ox.RdfFormat.TURTLE
    with pytest.raises(ValueError, match="graph.json"):
        write.rdf_format("graph.json")


def test_to_oxigraph_keeps_every_kind_of_term():
    assert write.to_oxigraph(Literal("x", lang="vi")) == ox.Literal("x", language="vi")
    assert write.to_oxigraph(Literal(3)) == ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert write.to_oxigraph(Literal("x")) == ox.Literal("x")
    assert write.to_oxigraph(URIRef("https://a.b/c")) == ox.NamedNode("https://a.b/c")
    with pytest.raises(TypeError):
        write.to_oxigraph("not a term")
    with pytest.raises(ValueError):
        write.to_oxigraph(URIRef("not an iri with spaces"))
