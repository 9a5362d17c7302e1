"""The reference data the extractors load as their gazetteer: ontology/bodies.ttl and the
province and country vocabularies. These tests check the files themselves (syntax, shape,
counts, spelling form), not any extractor."""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
BODIES = ONTOLOGY / "bodies.ttl"
PROVINCES = ONTOLOGY / "vocab" / "provinces.tsv"
COUNTRIES = ONTOLOGY / "vocab" / "countries.tsv"

GOV = rdflib.Namespace("https://w3id.org/govkg/ontology#")
BODY = "https://w3id.org/govkg/body/"
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
KINDS = {"PartyBody", "StateBody", "GovernmentBody", "LegislativeBody", "JudicialBody",
         "LocalAuthority", "MassOrganization", "StateEnterprise", "Academy", "ForeignBody"}
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# New-style placement on an open oa/oe/uy syllable ("hoà", "Uỷ"); the data uses the traditional one.
# (In NFD, "luận" is "lua" + dot below + circumflex: a following combining mark means the pair
# is not syllable-final.)
NEW_STYLE = re.compile(r"(?<![qQ])[oOuU][aAeEyY][" + TONE_MARKS + r"](?![^\W\d_]|[\u0300-\u036f])")


# -- helpers -----------------------------------------------------------------------------------

def _graph() -> rdflib.Graph:
    return rdflib.Graph().parse(BODIES, format="turtle")


def _bodies(g: rdflib.Graph) -> list[rdflib.URIRef]:
    return sorted({s for s in g.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(BODY)})


def _key(label: str) -> str:
    """What the lexicon keys labels by: NFC, one tone placement, case folded, spaces collapsed."""
    s = unicodedata.normalize("NFD", label)
    s = re.sub(r"(?<![qQ])([oOuU])([aAeEyY])([" + TONE_MARKS + r"])(?![^\W\d_]|[\u0300-\u036f])", r"\1\3\2", s)
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip().casefold()


def _tsv(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """(comment lines, header, rows) of a vocabulary file, read as pipeline.resources does."""
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    data = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(data, delimiter="\t")
    header, *body = list(reader)
    rows = []
    for n, fields in enumerate(body, 2):
        assert len(fields) == len(header), f"{path.name}: data line {n} has {len(fields)} fields: {fields}"
        rows.append(dict(zip(header, (f.strip() for f in fields))))
    return comments, header, rows


def _provinces():
    return _tsv(PROVINCES)


# -- bodies.ttl ------------------------------------------------------------------------------

def test_bodies_parse_with_rdflib():
    g = _graph()
    assert len(_bodies(g)) > 100


def test_bodies_parse_with_pyoxigraph_strictly():
    pyoxigraph = pytest.importorskip("pyoxigraph")
    triples = list(pyoxigraph.parse(path=str(BODIES), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(_graph())


def test_each_body_has_one_kind_from_the_list():
    g = _graph()
    bad = {}
    for b in _bodies(g):
        kinds = [str(t)[len(str(GOV)):] for t in g.objects(b, RDF.type)]
        if len(kinds) != 1 or kinds[0] not in KINDS:
            bad[str(b)] = kinds
    assert not bad


def test_each_body_has_one_vietnamese_preflabel_and_a_source():
    g = _graph()
    for b in _bodies(g):
        labels = list(g.objects(b, SKOS.prefLabel))
        assert len(labels) == 1, (b, labels)
        assert labels[0].language == "vi", b
        for alt in g.objects(b, SKOS.altLabel):
            assert alt.language == "vi", (b, alt)
        assert len(list(g.objects(b, DCTERMS.source))) == 1, b


def test_body_iris_are_ascii_slugs():
    for b in _bodies(_graph()):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(b)[len(BODY):]), b


def test_no_two_bodies_share_a_label():
    g = _graph()
    owners = defaultdict(set)
    for b in _bodies(g):
        labels = [*g.objects(b, SKOS.prefLabel), *g.objects(b, SKOS.altLabel)]
        keys = [_key(str(lab)) for lab in labels]
        assert len(keys) == len(set(keys)), f"{b} repeats a label: {labels}"
        for k in keys:
            owners[k].add(str(b))
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


def test_links_point_to_bodies_in_the_graph():
    g = _graph()
    known = set(_bodies(g))
    for prop in (ORG.subOrganizationOf, GOV.replacedBy):
        for s, o in g.subject_objects(prop):
            assert o in known, f"{s} {prop} {o}: no such body"
            assert o != s


def test_each_body_has_at_most_one_parent_and_no_cycle():
    g = _graph()
    for b in _bodies(g):
        assert len(list(g.objects(b, ORG.subOrganizationOf))) <= 1, b
        seen, cur = {b}, g.value(b, ORG.subOrganizationOf)
        while cur is not None:
            assert cur not in seen, f"cycle through {b}"
            seen.add(cur)
            cur = g.value(cur, ORG.subOrganizationOf)


def test_validity_dates_are_dates_and_ordered():
    g = _graph()
    for b in _bodies(g):
        start, end = g.value(b, GOV.validFrom), g.value(b, GOV.validUntil)
        for d in (start, end):
            if d is not None:
                assert d.datatype == rdflib.XSD.date, (b, d)
        if start is not None and end is not None:
            assert start.toPython() < end.toPython(), b
        # a body that was replaced has ended
        if g.value(b, GOV.replacedBy) is not None:
            assert end is not None, f"{b} is replaced but has no validUntil"


def test_a_replacement_exists_when_the_replaced_body_ends():
    g = _graph()
    for old, new in g.subject_objects(GOV.replacedBy):
        end, start = g.value(old, GOV.validUntil), g.value(new, GOV.validFrom)
        if start is not None:
            assert start.toPython() <= end.toPython(), (old, new)
        new_end = g.value(new, GOV.validUntil)
        assert new_end is None or new_end.toPython() > end.toPython(), (old, new)


def test_government_structure_before_and_after_march_2025():
    """22 ministries and ministerial-level agencies before 1 March 2025, 17 after."""
    import datetime as dt

    g = _graph()
    gov = rdflib.URIRef(BODY + "chinh-phu")
    members = [b for b in g.subjects(ORG.subOrganizationOf, gov)
               if str(g.value(b, SKOS.prefLabel)).startswith(("Bộ ", "Ủy ban Dân tộc", "Ngân hàng Nhà nước",
                                                              "Thanh tra Chính phủ", "Văn phòng Chính phủ"))]

    def alive(b, day):
        start, end = g.value(b, GOV.validFrom), g.value(b, GOV.validUntil)
        return (start is None or start.toPython() <= day) and (end is None or day < end.toPython())

    assert sum(alive(b, dt.date(2025, 2, 28)) for b in members) == 22
    assert sum(alive(b, dt.date(2025, 3, 1)) for b in members) == 17


@pytest.mark.parametrize("label", [
    "Ban Chính sách, chiến lược Trung ương", "Ban Tuyên giáo và Dân vận Trung ương", "Đảng ủy Chính phủ",
    "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương", "Ủy ban Tài chính, Ngân sách",
    "Ủy ban Quốc phòng, An ninh và Đối ngoại", "Bộ Nông nghiệp và Môi trường", "Bộ Dân tộc và Tôn giáo",
    "Bộ Văn hóa, Thể thao và Du lịch", "Ủy ban Khoa học, Công nghệ và Môi trường", "Trung ương Đảng",
    "Ủy ban Trung ương MTTQ Việt Nam", "UBTƯ MTTQ Việt Nam", "EVN",
])
def test_names_used_in_the_dev_set_are_labels(label):
    g = _graph()
    keys = {_key(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(None, p)}
    assert _key(label) in keys


# -- provinces.tsv ---------------------------------------------------------------------------

def test_provinces_header_and_source():
    comments, header, _ = _provinces()
    assert header == ["name", "kind", "period", "merged_into", "alt_names"]
    first = PROVINCES.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# source:")
    assert comments


def test_provinces_counts_before_and_after_the_2025_merger():
    _, _, rows = _provinces()
    assert len({r["name"] for r in rows}) == len(rows)
    assert {r["period"] for r in rows} <= {"both", "pre2025", "post2025"}
    assert {r["kind"] for r in rows} <= {"tỉnh", "thành phố"}
    pre = [r for r in rows if r["period"] in ("both", "pre2025")]
    post = [r for r in rows if r["period"] in ("both", "post2025")]
    assert len(pre) == 63
    assert len(post) == 34
    assert sorted(r["name"] for r in post if r["kind"] == "thành phố") == sorted(
        ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"])


def test_merged_units_point_to_post_2025_units():
    _, _, rows = _provinces()
    post = {r["name"] for r in rows if r["period"] in ("both", "post2025")}
    absorbed = Counter()
    for r in rows:
        if r["period"] == "pre2025":
            assert r["merged_into"] in post, r
            absorbed[r["merged_into"]] += 1
        else:
            assert r["merged_into"] == "", r
    # 23 post-2025 units were formed by merger, 11 were left unchanged
    assert len(absorbed) == 23
    assert len(post) - len(absorbed) == 11
    assert absorbed["Hồ Chí Minh"] == 2 and absorbed["Phú Thọ"] == 2 and absorbed["Lào Cai"] == 1


def test_province_written_forms_are_unambiguous():
    _, _, rows = _provinces()
    owner = {}
    for r in rows:
        for written in [r["name"], *filter(None, r["alt_names"].split(";"))]:
            k = _key(written)
            assert owner.setdefault(k, r["name"]) == r["name"], f"{written!r}: {owner[k]} and {r['name']}"


# -- countries.tsv ---------------------------------------------------------------------------

def test_countries_shape():
    comments, header, rows = _tsv(COUNTRIES)
    assert COUNTRIES.read_text(encoding="utf-8").startswith("# source:")
    assert header == ["name", "alt_names", "long_name"]
    assert len(rows) >= 60
    owner = {}
    for r in rows:
        assert r["name"] and r["long_name"], r
        for written in [r["name"], r["long_name"], *filter(None, r["alt_names"].split(";"))]:
            k = _key(written)
            assert owner.setdefault(k, r["name"]) == r["name"], f"{written!r}: {owner[k]} and {r['name']}"


# -- spelling form of all the files ----------------------------------------------------------

@pytest.mark.parametrize("path", [BODIES, PROVINCES, COUNTRIES], ids=lambda p: p.name)
def test_text_is_nfc_with_traditional_tone_placement(path):
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    assert "\r" not in text
    for n, line in enumerate(text.splitlines(), 1):
        assert unicodedata.is_normalized("NFC", line), f"{path.name}:{n} is not NFC"
        new_style = NEW_STYLE.findall(unicodedata.normalize("NFD", line))
        assert not new_style, f"{path.name}:{n} has new-style tone placement: {line}"


@pytest.mark.parametrize("path", [BODIES, PROVINCES, COUNTRIES], ids=lambda p: p.name)
def test_labels_are_in_the_pipelines_canonical_spelling(path):
    """Every name is already what pipeline.normalize.normalize_text makes of it."""
    if str(ROOT) not in sys.path:  # the tests may run without the package installed
        sys.path.insert(0, str(ROOT))
    from pipeline import normalize

    if path.suffix == ".ttl":
        g = _graph()
        names = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(None, p)]
    else:
        _, _, rows = _tsv(path)
        names = [w for r in rows for col in ("name", "long_name", "merged_into", "alt_names")
                 for w in (r.get(col) or "").split(";") if w]
    changed = [n for n in names if normalize.normalize_text(n) != n]
    assert not changed
