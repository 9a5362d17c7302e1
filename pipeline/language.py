"""The Vietnamese spaCy pipeline: underthesea's words as tokens, extractors as components.

The tokenizer is underthesea's word segmentation, aligned back to the text so
every token keeps its character offsets. The components are the extractors of
`pipeline.extract`, registered by name and put in order by `config.cfg`. They
share one working state per document (`doc.user_data["govkg"]`), which the last
component turns into the intermediate model (`doc.user_data["facts"]`).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .extract.coreference import Coreference
from .extract.directives import DirectiveExtractor
from .extract.events import EventExtractor
from .extract.persons import PersonExtractor, dedupe_positions
from .extract.quotes import QuoteExtractor
from .extract.state import ExtractionState, SentenceState
from .extract.titles import analyze
from .extract.words import words
from .model import Article
from .segment import segment

CONFIG = Path(__file__).with_name("config.cfg")


class UndertheseaTokenizer:
    """Word segmentation by underthesea; tokens may hold several syllables ("Bộ Chính trị")."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from underthesea import word_tokenize

        pieces: list[str] = []
        pos = 0
        for line_start, line in _lines(text):
            if line.strip():
                for token in _split_at_proper_nouns(word_tokenize(line)):
                    at = _find(text, token, pos, line_start + len(line))
                    if at is None:
                        continue
                    start, end = at
                    if start > pos:
                        _gap(text[pos:start], pieces)
                    pieces.append(text[start:end])
                    pos = end
        if pos < len(text):
            _gap(text[pos:], pieces)
        # fold single following spaces into the previous token, as spaCy does
        words_, spaces_ = [], []
        for piece in pieces:
            if piece == " " and words_ and not spaces_[-1]:
                spaces_[-1] = True
                continue
            words_.append(piece)
            spaces_.append(False)
        return Doc(self.vocab, words=words_, spaces=spaces_)


def _split_at_proper_nouns(tokens: list[str]) -> list[str]:
    """Undo segmentation that glues a common word to a proper noun ("giao Ban"):
    a word breaks where a lower-case syllable is followed by a capitalised one."""
    out = []
    for token in tokens:
        parts = token.split(" ")
        current = [parts[0]]
        for part in parts[1:]:
            if part[:1].isupper() and current[-1][:1].islower():
                out.append(" ".join(current))
                current = [part]
            else:
                current.append(part)
        out.append(" ".join(current))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _find(text: str, token: str, pos: int, limit: int) -> tuple[int, int] | None:
    at = text.find(token, pos, limit)
    if at >= 0:
        return at, at + len(token)
    pattern = r"\s+".join(re.escape(part) for part in token.split())
    m = re.compile(pattern).search(text, pos, limit)
    return (m.start(), m.end()) if m else None


def _gap(gap: str, pieces: list[str]) -> None:
    for m in re.finditer(r"\S+|\s", gap):
        pieces.append(m.group())


@registry.tokenizers("govkg.underthesea_tokenizer.v1")
def create_tokenizer():
    return lambda nlp: UndertheseaTokenizer(nlp.vocab)


def _state(doc: Doc) -> ExtractionState:
    return doc.user_data["govkg"]


@Language.component("govkg_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence and caption boundaries (pipeline.segment) on the tokens; opens the state."""
    text = doc.text  # Doc.text joins every token: read it once
    article = doc.user_data.get("article") or Article(name="text", source="text", text=text)
    state = ExtractionState(article)
    starts = set()
    for sentence in segment(text):
        state.sentences.append(SentenceState(sentence, words(text, sentence.span.start, sentence.span.end)))
        starts.add(sentence.span.start)
    flags = numpy.array([1 if (t.idx in starts or t.i == 0) else -1 for t in doc], dtype="int64").astype("uint64")
    if len(doc):
        doc.from_array([SENT_START], flags.reshape(-1, 1))  # one pass; per-token setters re-check the doc
    doc.user_data["govkg"] = state
    return doc


@Language.component("govkg_titles_and_bodies")
def titles_and_bodies(doc: Doc) -> Doc:
    state = _state(doc)
    for sent in state.sentences:
        analyze(state.article.text, sent)
    return doc


@Language.component("govkg_persons_and_posts")
def persons_and_posts(doc: Doc) -> Doc:
    _sentence_by_sentence(doc, PersonExtractor)
    dedupe_positions(_state(doc))
    return doc


def _sentence_by_sentence(doc: Doc, extractor_class) -> Doc:
    """Run an extractor that reads the article in order, one sentence at a time."""
    state = _state(doc)
    extractor = extractor_class(state)
    for sent in state.sentences:
        extractor.run(sent)
    return doc


@Language.component("govkg_coreference")
def coreference(doc: Doc) -> Doc:
    return _sentence_by_sentence(doc, Coreference)


@Language.component("govkg_quotes")
def quotes(doc: Doc) -> Doc:
    return _sentence_by_sentence(doc, QuoteExtractor)


@Language.component("govkg_directives")
def directives(doc: Doc) -> Doc:
    state = _state(doc)
    extractor = DirectiveExtractor(state)
    words_ = [(t.idx, t.idx + len(t.text), t.text) for t in doc if not t.is_space]
    starts = [w[0] for w in words_]
    for sent in state.sentences:
        first = bisect.bisect_left(starts, sent.span.start)
        last = bisect.bisect_left(starts, sent.span.end)
        extractor.run(sent, words_[first:last])
    return doc


@Language.component("govkg_events")
def events(doc: Doc) -> Doc:
    EventExtractor(_state(doc)).run()
    return doc


@Language.component("govkg_finalize")
def finalize(doc: Doc) -> Doc:
    """The intermediate model, and the persons and bodies as a span group for spaCy users."""
    state = _state(doc)
    facts = state.to_facts()
    doc.user_data["facts"] = facts
    spans = []
    for label, entities in (("PERSON", facts.persons), ("ORG", facts.organizations)):
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, label=label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
    doc.spans["govkg"] = spans
    return doc


@lru_cache(maxsize=1)
def vietnamese_pipeline() -> Language:
    """The configured pipeline (built once per process)."""
    config = spacy.util.load_config(CONFIG)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
