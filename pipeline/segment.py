"""Stage 3: paragraphs, sentences and photo captions.

A sentence never breaks inside quotation marks (a quoted saying may hold several
sentences and is attributed after its closing mark), nor after an abbreviation
("TP. Hồ Chí Minh"). A photo caption, the sentence that ends in "Ảnh: <credit>" or a
short line with no closing punctuation under a photo, is a unit of its own: it
names people but reports no event.

No rule takes more than one line's sentence: a credit is short and ends its line,
and only the sentence it closes is a caption, so a paragraph (or a whole article
written on one line) that ends in, or contains, "Ảnh: ..." keeps its other sentences
as running text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Span
from .normalize import fold, normalize_text
from .resources import read_tsv

OPENING_QUOTES = "“‘«"
CLOSING_QUOTES = "”’»"
_SENTENCE_END = ".!?…"
_ABBREVIATIONS = {"tp", "tt", "ts", "ths", "gs", "pgs", "bs", "st", "tr"}
_BULLETS = "-•+*–"
_CREDIT_MAX = 120  # characters of a photo credit ("Ảnh: VGP/Nhật Bắc") at most


@lru_cache(maxsize=1)
def _no_sentence_end() -> frozenset[str]:
    """Words after which a full stop ends no sentence: abbreviations, and the forms of address
    of honorifics.tsv that stand before a name ("ông", "bà")."""
    styles = {fold(r["word"]) for r in read_tsv("vocab", "honorifics.tsv") if r.get("ends_sentence") == "no"}
    return frozenset(_ABBREVIATIONS | styles)


@lru_cache(maxsize=1)
def _photo_credit() -> re.Pattern:
    """"Ảnh: <credit>" at the end of a line (the words of photo_credits.tsv); the credit holds no
    sentence break."""
    words = sorted((normalize_text(r["word"]) for r in read_tsv("vocab", "photo_credits.tsv")), key=len, reverse=True)
    opener = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?<!\S)\(?(?:%s)\s*:\s*(?:(?![.!?…]\s)[^\n]){0,%d}\)?\s*$" % (opener, _CREDIT_MAX))


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


def _credit(line: str) -> re.Match | None:
    """The photo credit that ends a line, if any (searched only in the line's tail)."""
    tail_start = max(0, len(line) - _CREDIT_MAX - 16)
    return _photo_credit().search(line, tail_start)


def _is_legend(text: str) -> bool:
    """A short line with no closing punctuation: the legend under a photo; but not an item of a
    bulleted list ("- Đồng chí A, Bộ trưởng ...")."""
    if text[:1] in _BULLETS:
        return False
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
            abbreviation = ch == "." and word and word.group(1).casefold() in _no_sentence_end()
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
        credit = _credit(line)
        if credit:
            body_end = para.start + credit.start()
            credit_span = Span(body_end, para.end)
            sentences = _split(text, para.start, body_end)
            # running text first; the sentence the credit closes is the caption
            out += [Sentence(span, number) for span in sentences[:-1]]
            out += [Sentence(span, number, caption=True, credit=credit_span) for span in sentences[-1:]]
            if not sentences:
                out.append(Sentence(credit_span, number, caption=True, credit=credit_span))
            continue
        if _is_legend(line):
            out += [Sentence(span, number, caption=True) for span in _split(text, para.start, para.end)]
            continue
        out += [Sentence(span, number) for span in _split(text, para.start, para.end)]
    return out
