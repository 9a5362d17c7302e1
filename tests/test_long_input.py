"""Long input: no length limit a user meets, and no rule that swallows a long line.

The articles are our own sentences, repeated: a block of a few governance sentences
(a meeting, a directive, a reception), with a photo credit inside the line.
"""
from __future__ import annotations

import pytest

from pipeline.build import build_article
from pipeline.model import Article
from pipeline.normalize import normalize_text
from pipeline.segment import segment

BLOCK = (
    "Sáng 14/11, tại Trụ sở Tỉnh ủy Lạng Sơn, Bí thư Tỉnh ủy Hoàng Quốc Duy chủ trì hội nghị "
    "Ban Thường vụ Tỉnh ủy. Đồng chí yêu cầu Ủy ban nhân dân tỉnh Lạng Sơn đẩy nhanh giải ngân "
    "vốn đầu tư công. Quang cảnh hội nghị. Ảnh: Minh Khuê. Chiều cùng ngày, Phó Chủ tịch UBND tỉnh "
    "Lạng Sơn Nông Thị Hằng tiếp đoàn công tác của Bộ Nội vụ. "
)
CREDIT = " Ảnh: Minh Khuê"


def one_line(min_chars: int) -> str:
    """The block repeated on a single line until it is at least `min_chars` long, ending in a credit."""
    return normalize_text(BLOCK * (min_chars // len(BLOCK) + 1)).rstrip() + CREDIT


def test_a_credit_inside_a_long_line_makes_no_caption_of_the_rest():
    text = one_line(1_000_000)
    units = segment(text)
    captions = [u for u in units if u.caption]
    assert len(captions) == 1  # the sentence the final credit closes, nothing else
    caption = text[captions[0].span.start:captions[0].span.end]
    assert caption.strip() == normalize_text(
        "Chiều cùng ngày, Phó Chủ tịch UBND tỉnh Lạng Sơn Nông Thị Hằng tiếp đoàn công tác của Bộ Nội vụ.")
    assert text[captions[0].credit.start:captions[0].credit.end].strip() == CREDIT.strip()
    running = [u for u in units if not u.caption]
    per_block = len(segment(normalize_text(BLOCK.strip())))
    assert len(running) == per_block * text.count(BLOCK.split(",")[0]) - 1  # every other sentence


def test_a_photo_credit_closes_only_its_own_sentence():
    text = normalize_text("Bộ trưởng yêu cầu các đơn vị tiết kiệm chi. Bộ trưởng phát biểu tại hội nghị. Ảnh: Hà An\n")
    units = [(text[u.span.start:u.span.end].strip(), u.caption) for u in segment(text)]
    assert units == [("Bộ trưởng yêu cầu các đơn vị tiết kiệm chi.", False),
                     ("Bộ trưởng phát biểu tại hội nghị.", True)]


def test_a_credit_is_short_and_ends_its_line():
    text = normalize_text("Ảnh: tư liệu cho thấy nhiều điều. Bộ trưởng yêu cầu các đơn vị tiết kiệm chi.\n")
    assert not any(u.caption for u in segment(text))


def test_an_article_of_over_a_million_characters_on_one_line_keeps_its_facts():
    """Over spaCy's default max_length (E088), and one single line: every block's directive
    and event is found, as in the block alone. Takes about 30 s and 2.3 GB today."""
    block = build_article(Article(name="block", source="block.txt", text=normalize_text(BLOCK.strip())))
    assert block.ok and block.counts["directives"] == 1 and block.counts["events"] >= 1
    text = one_line(1_000_001)
    assert len(text) > 1_000_000 and "\n" not in text
    result = build_article(Article(name="long", source="long.txt", text=text))
    assert result.ok, result.error
    repeats = text.count("Đồng chí yêu cầu")
    assert result.counts["directives"] == repeats * block.counts["directives"]
    assert result.counts["persons"] >= block.counts["persons"]
    assert result.quads
