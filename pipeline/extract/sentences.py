"""Sentences: paragraphs, sentences and photo captions (pipeline.segment) on the tokens."""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article
from ..segment import segment


@Language.factory("govkg_sentences", assigns=["token.is_sent_start", "doc._.segments", "doc._.article"])
def create_sentences(nlp: Language, name: str):
    return mark_sentences


def mark_sentences(doc: Doc) -> Doc:
    text = doc.text
    if doc._.article is None:
        doc._.article = Article(name="text", source="text", text=text)
    doc._.segments = segment(text)
    starts = {s.span.start for s in doc._.segments}
    flags = numpy.array([1 if (t.idx in starts or t.i == 0) else -1 for t in doc], dtype="int64").astype("uint64")
    if len(doc):
        doc.from_array([SENT_START], flags.reshape(-1, 1))  # one pass; per-token setters re-check the doc
    return doc
