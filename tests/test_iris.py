"""IRIs are deterministic, keep diacritics apart, fold what is only spelling."""
from __future__ import annotations

import hashlib
import shutil
import unicodedata

import pyoxigraph as ox
import pytest

from pipeline import iris, resources


def test_person_iri_is_pinned_to_the_folded_name():
    # The documented form: person/<ascii slug>-<8 hex of sha1(fold(name))>. Pinned, so a
    # change of scheme (which would orphan every published IRI) cannot pass unnoticed.
    digest = hashlib.sha1("lò minh hưng".encode("utf-8")).hexdigest()[:8]
    assert iris.person_iri("Lò Minh Hưng") == iris.URIRef(f"https://w3id.org/govkg/person/lo-minh-hung-{digest}")


@pytest.mark.parametrize("variant", [
    "Lò Minh Hưng",
    "LÒ MINH HƯNG",
    "  Lò   Minh Hưng ",
    unicodedata.normalize("NFD", "Lò Minh Hưng"),
])
def test_spelling_variants_of_one_name_are_one_person(variant):
    assert iris.person_iri(variant) == iris.person_iri("Lò Minh Hưng")


def test_tone_placement_does_not_split_a_person():
    assert iris.person_iri("Quản Trọng Hoà") == iris.person_iri("Quản Trọng Hòa")
    assert iris.person_iri("Hoàng Xuân Thuỷ") == iris.person_iri("Hoàng Xuân Thủy")


@pytest.mark.parametrize("a, b", [
    ("Lò Minh Hùng", "Lò Minh Hưng"),
    ("Đỗ Minh Tuấn", "Đỗ Minh Tuân"),
    ("Bạch Văn Hưng", "Bạch Văn Hùng"),
])
def test_names_that_differ_only_by_diacritics_are_different_persons(a, b):
    assert iris.person_iri(a) != iris.person_iri(b)
    # ... although they read the same in ASCII: the hash is what tells them apart.
    assert str(iris.person_iri(a)).rsplit("-", 1)[0] == str(iris.person_iri(b)).rsplit("-", 1)[0]


@pytest.mark.parametrize("short, long", [
    ("UBND tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"),
    ("UBND tỉnh Lào Cai", "Uỷ ban nhân dân tỉnh Lào Cai"),
    ("HĐND tỉnh Nghệ An", "Hội đồng nhân dân tỉnh Nghệ An"),
    ("Ban Tổ chức TW", "Ban Tổ chức Trung ương"),
    ("Ủy ban MTTQ Việt Nam tỉnh Cao Bằng", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cao Bằng"),
    ("UBMTTQ tỉnh Cao Bằng", "Ủy ban Mặt trận Tổ quốc tỉnh Cao Bằng"),
    ("UBND TP.HCM", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("UBND TP Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
    ("Đoàn ĐBQH tỉnh Thanh Hóa", "Đoàn Đại biểu Quốc hội tỉnh Thanh Hóa"),
])
def test_abbreviated_and_spelled_out_bodies_are_one_organization(short, long):
    assert iris.org_iri(short) == iris.org_iri(long)
    # The slug comes from the spelled-out key too, so the IRI does not depend on which
    # form an article happened to use first.
    assert "uy-ban" in str(iris.org_iri("UBND tỉnh Lào Cai"))


def test_different_bodies_stay_apart():
    assert iris.org_iri("UBND tỉnh Lào Cai") != iris.org_iri("UBND tỉnh Yên Bái")
    assert iris.org_iri("Bộ Tài chính") != iris.org_iri("Bộ Tư pháp")


def test_abbreviations_expand_only_as_whole_words():
    assert iris.org_key("Twitter Việt Nam") == "twitter việt nam"
    assert iris.org_key("Công ty UBNDX") == "công ty ubndx"
    assert iris.org_key("UBND tỉnh, HĐND tỉnh") == "ủy ban nhân dân tỉnh, hội đồng nhân dân tỉnh"
    assert iris.org_key("Sở TN-MT") == iris.org_key("Sở Tài nguyên và Môi trường")
    assert iris.org_key("UBND H.Sa Thầy") == iris.org_key("Ủy ban nhân dân huyện Sa Thầy")
    assert iris.org_key("UBND TP. HCM") == iris.org_key("UBND Thành phố Hồ Chí Minh")
    assert iris.org_key("Ban Tuyên giáo TƯ") == iris.org_key("Ban Tuyên giáo Trung ương")
    assert iris.org_key("tư pháp") == "tư pháp"


def test_a_reference_body_iri_is_used_as_is():
    ref = "https://w3id.org/govkg/body/ban-to-chuc-trung-uong"
    assert iris.org_iri("Ban Tổ chức TW", ref) == iris.URIRef(ref)
    assert iris.org_iri("anything", ref) == iris.URIRef(ref)


def test_posts_are_keyed_by_title_and_body():
    lao_cai = iris.org_iri("UBND tỉnh Lào Cai")
    yen_bai = iris.org_iri("UBND tỉnh Yên Bái")
    assert iris.post_iri("Chủ tịch UBND tỉnh Lào Cai", lao_cai) == iris.post_iri(
        "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", lao_cai)
    assert iris.post_iri("Chủ tịch", lao_cai) != iris.post_iri("Chủ tịch", yen_bai)
    assert iris.post_iri("Tổng Bí thư", None) == iris.post_iri("Tổng Bí thư", None)
    assert iris.post_iri("Tổng Bí thư", None) != iris.post_iri("Tổng Bí thư", lao_cai)


def test_article_ids_keep_safe_names_and_hash_the_rest():
    assert iris.article_iri("d01") == iris.URIRef("https://w3id.org/govkg/article/d01")
    assert iris.graph_iri("d01") == iris.URIRef("https://w3id.org/govkg/graph/d01")
    assert iris.article_id("000_5a1185e3b72b7e7f") == "000_5a1185e3b72b7e7f"
    spaced = iris.article_id("bài số 1")
    assert spaced.startswith("bai-so-1-") and " " not in spaced
    assert iris.article_id("a b") != iris.article_id("a-b")  # both would slug to "a-b"
    assert iris.article_id("x.") != "x."  # a prefixed name cannot end with a dot


def test_article_scoped_iris_depend_on_article_and_content_only():
    a = iris.fact_iri("holding", "d01", "https://w3id.org/govkg/person/x", "bí thư", False)
    assert a == iris.fact_iri("holding", "d01", "https://w3id.org/govkg/person/x", "bí thư", False)
    assert a != iris.fact_iri("holding", "d02", "https://w3id.org/govkg/person/x", "bí thư", False)
    assert a != iris.fact_iri("holding", "d01", "https://w3id.org/govkg/person/x", "bí thư", True)
    assert str(a).startswith("https://w3id.org/govkg/holding/d01-")
    assert iris.span_iri("d01", 3, 17) == iris.URIRef("https://w3id.org/govkg/span/d01-3-17")
    person = str(iris.person_iri("Mã Lâm"))
    assert iris.mention_iri("d01", person, "Mã Lâm") == iris.mention_iri("d01", person, "MÃ LÂM")
    assert iris.mention_iri("d01", person, "Mã Lâm") != iris.mention_iri("d02", person, "Mã Lâm")


@pytest.mark.parametrize("name", ["Lò Minh Hưng", "Nguyễn Văn A (Hà Nội)", "O'Brien / Smith", "Aránguiz", "“Hà”"])
def test_iris_are_valid_iris(name):
    for iri in (iris.person_iri(name), iris.org_iri(name), iris.post_iri(name, None), iris.article_iri(name)):
        ox.NamedNode(str(iri))  # raises on an invalid IRI
        assert str(iri).isascii()


def test_long_names_give_bounded_slugs():
    name = "Ban Chỉ đạo " + "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số " * 3
    assert len(str(iris.org_iri(name))) < len(iris.BASE) + 80


def test_the_abbreviation_table_is_read_from_the_data_file(tmp_path, monkeypatch):
    onto = tmp_path / "ontology"
    shutil.copytree(resources.ontology_dir(), onto)
    with (onto / "vocab" / "abbreviations.tsv").open("a", encoding="utf-8") as fh:
        fh.write("BCĐ\tBan Chỉ đạo\n")
    monkeypatch.setenv("GOVKG_ONTOLOGY_DIR", str(onto))
    resources.read_tsv.cache_clear()
    resources.abbreviations.cache_clear()
    try:
        assert iris.org_iri("BCĐ Trung ương") == iris.org_iri("Ban Chỉ đạo Trung ương")
    finally:
        monkeypatch.undo()
        resources.read_tsv.cache_clear()
        resources.abbreviations.cache_clear()
    assert iris.org_iri("BCĐ Trung ương") != iris.org_iri("Ban Chỉ đạo Trung ương")
