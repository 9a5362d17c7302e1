"""The spaCy pipeline: underthesea words as tokens, components named in config.cfg."""
from pipeline.language import vietnamese_pipeline
from pipeline.model import Article


def test_components_are_registered_and_ordered_by_the_config():
    nlp = vietnamese_pipeline()
    assert nlp.pipe_names == ["sentences", "titles_and_bodies", "persons_and_posts", "coreference",
                              "quotes", "directives", "events", "finalize"]


def test_tokens_are_words_with_their_offsets():
    nlp = vietnamese_pipeline()
    text = "Thủ tướng giao Bộ Tài chính chủ trì."
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert "Thủ tướng" in [t.text for t in doc]
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_a_verb_glued_to_a_proper_noun_is_split():
    doc = vietnamese_pipeline().make_doc("Đồng chí giao Ban Tổ chức Tỉnh ủy chủ trì.")
    assert "giao" in [t.text for t in doc]


def test_persons_and_bodies_are_a_span_group():
    nlp = vietnamese_pipeline()
    text = "Bộ trưởng Bộ Tài chính Hà Văn Lộc phát biểu."
    doc = nlp.make_doc(text)
    doc.user_data["article"] = Article("t", "t.txt", text)
    doc = nlp(doc)
    spans = {(s.text, s.label_) for s in doc.spans["govkg"]}
    assert ("Hà Văn Lộc", "PERSON") in spans and ("Bộ Tài chính", "ORG") in spans
    assert [s.text for s in doc.sents][0].startswith("Bộ trưởng")
