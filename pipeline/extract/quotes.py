"""Quotations and their speakers.

A saying in quotation marks (curly or straight) is a quotation when it is attributed:
followed by ", <speaker> nói/khẳng định..." or preceded by a verb of saying or a colon
("chỉ rõ "...", "chia sẻ qua điện thoại: "..."), or standing at the head of its sentence
(after a sentence that ends with a colon, it is that sentence's subject's), or after
"Theo <speaker>," at the head of its sentence. A phrase
quoted inside running text is a scare quote, not a saying ("phải "chạy nước rút""),
and is left out. An answer in a Q&A without quotation marks is not a quotation.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Quote, Span
from ..normalize import fold
from .chunks import ByOffset
from .coreference import Mention
from .vocabulary import vocabulary

QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»")
MIN_HEADLESS_WORDS = 5  # a saying that opens its sentence, unattributed before it


@Language.factory("govkg_quotes", assigns=["doc._.quotes"], requires=["doc._.mentions", "doc._.segments"])
def create_quote_finder(nlp: Language, name: str):
    return find_quotes


def find_quotes(doc: Doc) -> Doc:
    text = doc.text
    verbs = vocabulary().statement_verbs
    by_offset = ByOffset(doc._.mentions)
    quotes, last_subject, after_colon = [], None, False
    for sentence in doc._.segments:
        span = sentence.span
        here = by_offset.within(span.start, span.end)
        for m in QUOTED.finditer(text, span.start, span.end):
            inner = next(g for g in m.groups() if g is not None)
            quote_text = inner.strip().rstrip(".,;:!?…").strip()
            speaker = _speaker(text, span, m.start(), m.end(), here, verbs, last_subject, after_colon,
                               len(quote_text.split()))
            if speaker and len(quote_text.split()) >= 2:
                quotes.append(Quote(speaker, quote_text, Span(m.start(), m.end())))
        if here and not sentence.caption:
            last_subject = here[0].person
        after_colon = text[span.start:span.end].rstrip().endswith(":")
    doc._.quotes = quotes
    return doc


def _speaker(text: str, span: Span, start: int, end: int, here: list[Mention], verbs: set[str],
             last_subject: str | None, after_colon: bool, words: int) -> str | None:
    after = next((m for m in here if m.start >= end), None)
    if after is not None and fold(text[end:after.start]).strip(" ,") == "" and _says(text, after.end, span.end, verbs):
        return after.person  # "“...”, ông A nói."
    before = text[span.start:start]
    if _according_to(before):  # "Theo bà A, “...”"
        earlier = [m for m in here if m.end <= start]
        return earlier[-1].person if earlier else None
    if _introduced(before, verbs):
        earlier = [m for m in here if m.end <= start]
        return earlier[-1].person if earlier else last_subject
    if before.strip() == "" and words >= MIN_HEADLESS_WORDS:
        if after is not None:
            return after.person
        if after_colon:
            return last_subject  # "Thủ tướng nhấn mạnh:" and the saying below it
    return None


def _says(text: str, start: int, end: int, verbs: set[str]) -> bool:
    following = fold(text[start:end]).strip()
    return any(following.startswith(v) for v in verbs)


def _according_to(before: str) -> bool:
    """The saying follows "Theo <speaker>," at the head of its sentence."""
    lead = fold(before).strip()
    return lead.endswith(",") and any(lead.startswith(cue + " ") for cue in vocabulary().cue("according_to"))


def _introduced(before: str, verbs: set[str]) -> bool:
    lead = fold(before).rstrip()
    return lead.endswith(":") or any(lead.endswith(" " + v) or lead == v for v in verbs)
