"""The spaCy pipeline: syllables as tokens, underthesea's words beside them, components named
in config.cfg that say what they read and write."""
from pipeline.language import vietnamese_pipeline
from pipeline.model import Article

COMPONENTS = ["sentences", "places", "bodies", "titles", "styles", "names", "dates", "cues", "view",
              "holdings", "entities", "positions", "coreference", "quotes", "directives", "events", "finalize"]


def _doc(text: str):
    nlp = vietnamese_pipeline()
    doc = nlp.make_doc(text)
    doc._.article = Article("t", "t.txt", text)
    return nlp(doc)


def test_components_are_registered_and_ordered_by_the_config():
    assert vietnamese_pipeline().pipe_names == COMPONENTS


def test_each_component_reads_only_what_an_earlier_one_wrote():
    analysis = vietnamese_pipeline().analyze_pipes()
    assert analysis["problems"] == {name: [] for name in COMPONENTS}


def test_tokens_are_syllables_with_their_offsets():
    text = "Thủ tướng giao Bộ KH&ĐT chủ trì, báo cáo trước ngày 14.6."
    doc = vietnamese_pipeline().make_doc(text)
    assert doc.text == text
    assert [t.text for t in doc][:4] == ["Thủ", "tướng", "giao", "Bộ"]
    assert "KH&ĐT" in [t.text for t in doc] and "14.6" in [t.text for t in doc]
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_a_unit_written_before_a_name_is_a_token_of_its_own():
    doc = vietnamese_pipeline().make_doc("UBND H.Sa Thầy và UBND TP.Kon Tum, không phải TP.HCM.")
    words = [t.text for t in doc]
    assert words[:4] == ["UBND", "H.", "Sa", "Thầy"]
    assert "TP." in words and "TP.HCM" in words


def test_underthesea_words_mark_where_a_verb_may_be_read():
    doc = vietnamese_pipeline().make_doc("Ông ấy bàn giao hồ sơ và giao Sở Y tế kiểm tra.")
    giao = [t for t in doc if t.text == "giao"]
    assert [t._.word_start for t in giao] == [False, True]  # "bàn giao" is one word


def test_chunks_are_span_groups_on_the_doc():
    doc = _doc("Sáng 5-3, Bộ trưởng Bộ Tài chính Hà Văn Lộc yêu cầu UBND tỉnh Lào Cai báo cáo.")
    assert [s.text for s in doc.spans["titles"]] == ["Bộ trưởng Bộ Tài chính"]
    assert [s.text for s in doc.spans["bodies"]] == ["Bộ Tài chính", "UBND tỉnh Lào Cai"]
    assert [s.text for s in doc.spans["places"]] == ["tỉnh Lào Cai"]
    assert [s.text for s in doc.spans["names"]] == ["Hà Văn Lộc"]
    assert [s.text for s in doc.spans["dates"]] == ["Sáng 5-3"]
    assert "yêu cầu" in [s.text for s in doc.spans["cues"]]
    assert doc.spans["titles"][0]._.title.body.name == "Bộ Tài chính"


def test_persons_and_bodies_are_a_span_group_for_spacy_users():
    doc = _doc("Bộ trưởng Bộ Tài chính Hà Văn Lộc phát biểu.")
    spans = {(s.text, s.label_) for s in doc.spans["govkg"]}
    assert ("Hà Văn Lộc", "PERSON") in spans and ("Bộ Tài chính", "ORG") in spans
    assert [s.text for s in doc.sents][0].startswith("Bộ trưởng")


def test_a_very_long_line_is_read():
    sentence = "Chủ tịch UBND tỉnh Lào Cai Lò Văn Sính yêu cầu Sở Y tế báo cáo. "
    doc = _doc(sentence * 800)  # one line of 52,000 characters
    assert len(doc.spans["names"]) == 800
