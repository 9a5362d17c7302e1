"""Sentences never break inside quotation marks or after abbreviations; captions stand apart."""
from pipeline.normalize import normalize_text
from pipeline.segment import segment


def texts(raw):
    text = normalize_text(raw)
    return [(text[s.span.start:s.span.end], s.caption) for s in segment(text)]


def test_sentences_split_at_full_stops():
    assert texts("Ông A đến. Bà B về.") == [("Ông A đến.", False), ("Bà B về.", False)]


def test_no_break_inside_a_quotation():
    assert texts("“Một. Hai”, ông A nói. Xong.") == [("“Một. Hai”, ông A nói.", False), ("Xong.", False)]


def test_no_break_after_an_abbreviation():
    assert texts("Đoàn làm việc tại TP. Hồ Chí Minh hôm nay.") == [("Đoàn làm việc tại TP. Hồ Chí Minh hôm nay.", False)]


def test_a_photo_caption_and_its_credit():
    text = normalize_text("Quang cảnh hội nghị. Ảnh: Minh Đức\nBộ trưởng phát biểu.")
    units = segment(text)
    assert units[0].caption and text[units[0].credit.start:units[0].credit.end] == "Ảnh: Minh Đức"
    assert not units[-1].caption


def test_a_short_line_without_closing_punctuation_is_a_caption():
    assert texts("Phó Thủ tướng phát biểu tại hội nghị\nĐoạn văn tiếp theo.")[0][1] is True
