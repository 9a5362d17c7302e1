"""One spelling for the same text: NFC, one tone placement, LF, no BOM; names keep their diacritics."""
import unicodedata

from pipeline.normalize import ascii_slug, canonical_tone_placement, fold, normalize_text


def test_new_tone_placement_becomes_the_traditional_one():
    assert canonical_tone_placement("Uỷ ban nhân dân tỉnh Hoà Bình, thuỷ lợi, khoẻ") == \
        "Ủy ban nhân dân tỉnh Hòa Bình, thủy lợi, khỏe"


def test_syllables_with_a_final_consonant_or_a_qu_keep_their_mark():
    for word in ("hoàn", "khuyến", "quý", "quả", "luận", "hoặc", "thuở", "huấn", "ngoài"):
        assert canonical_tone_placement(word) == word


def test_nfd_crlf_and_bom_give_the_same_text():
    text = "Uỷ viên Bộ Chính trị\r\nHoà Bình"
    variants = ["\ufeff" + text, unicodedata.normalize("NFD", text), text.replace("\r\n", "\n")]
    assert {normalize_text(v) for v in variants} == {"Ủy viên Bộ Chính trị\nHòa Bình"}


def test_fold_keeps_diacritics_apart():
    assert fold("Lò Minh Hùng") != fold("Lò Minh Hưng")
    assert fold("Quản Trọng Hoà") == fold("quản  trọng hòa")


def test_slugs_are_ascii():
    assert ascii_slug("Đỗ Minh Tuân") == "do-minh-tuan"


def test_invisible_characters_and_odd_spaces_are_dropped():
    assert normalize_text("Bộ\u00a0Tài\u200bchính\u00ad – Hà Nội") == "Bộ Tàichính - Hà Nội"
