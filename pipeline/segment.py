"""Stage 3: paragraphs, sentences and photo captions.

A sentence never breaks inside quotation marks (a quoted saying may hold several
sentences and is attributed after its closing mark), nor after an abbreviation
("TP. Hồ Chí Minh"). A photo caption, the line that ends in "Ảnh: <credit>" or a
short line with no closing punctuation under a photo, is a unit of its own: it
names people but reports no event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Span

OPENING_QUOTES = "“‘«"
CLOSING_QUOTES = "”’»"
_SENTENCE_END = ".!?…"
_ABBREVIATIONS = {"tp", "tt", "ts", "ths", "gs", "pgs", "bs", "st", "tr", "ông", "bà"}
_BULLETS = "-•+*–"
_PHOTO_CREDIT = re.compile(r"(?<!\S)\(?Ảnh\s*:\s*[^\n]*\)?\s*$")


@dataclass(frozen=True)
class Sentence:
    span: Span
    paragraph: int  # index of the paragraph in the article
    caption: bool = False  # a photo caption, not running text
    credit: Span | None = None  # the "Ảnh: ..." credit of a caption, if any


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines (news paragraphs are single lines)."""
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append(Span(start, start + len(stripped)))
        pos += len(line) + 1
    return out


def _is_caption(text: str) -> bool:
    if _PHOTO_CREDIT.search(text):
        return True
    if text[:1] in _BULLETS:
        return False  # an item of a bulleted list ("- Đồng chí A, Bộ trưởng ...")
    # a short line with no closing punctuation: the legend under a photo
    return len(text) < 250 and text[-1] not in _SENTENCE_END + CLOSING_QUOTES + '"' and ":" not in text


def _split(text: str, start: int, end: int) -> list[Span]:
    spans, begin, depth, straight_open = [], start, 0, False
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight_open = not straight_open
        elif ch in _SENTENCE_END and depth == 0 and not straight_open:
            j = i + 1
            while j < end and text[j] in _SENTENCE_END:
                j += 1
            k = j
            while k < end and text[k] == " ":
                k += 1
            word = re.search(r"(\w+)$", text[begin:i])
            abbreviation = ch == "." and word and word.group(1).casefold() in _ABBREVIATIONS
            if k < end and k > j and not abbreviation and (text[k].isupper() or text[k] in OPENING_QUOTES + '"'):
                spans.append(Span(begin, j))
                begin = k
                i = k
                continue
        i += 1
    if begin < end:
        spans.append(Span(begin, end))
    return spans


def segment(text: str) -> list[Sentence]:
    """Sentences of the article, captions marked, in reading order."""
    out = []
    for number, para in enumerate(paragraphs(text)):
        line = text[para.start:para.end]
        if _is_caption(line):
            credit = _PHOTO_CREDIT.search(line)
            body_end = para.start + credit.start() if credit else para.end
            credit_span = Span(para.start + credit.start(), para.end) if credit else None
            for span in _split(text, para.start, body_end) or [Span(para.start, body_end)]:
                out.append(Sentence(span, number, caption=True, credit=credit_span))
            if credit and body_end == para.start:
                out.append(Sentence(credit_span, number, caption=True, credit=credit_span))
            continue
        for span in _split(text, para.start, para.end):
            out.append(Sentence(span, number))
    return out
