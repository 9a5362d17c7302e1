"""The Vietnamese spaCy pipeline: syllables as tokens, underthesea's words on top of them.

Vietnamese writes a space between syllables, and the things the extractors look for
(titles, bodies, places, names) begin and end at syllables, not at the lexical words
of a word segmenter ("Trưởng Ban" is one word to underthesea, but "Ban Tổ chức Trung
ương" is the body). So a token is a syllable or a punctuation mark, with its offset
in the text, and underthesea's segmentation is kept beside it: `doc._.words` holds the
lexical words as character spans, and `token._.word_start` / `token._.word_end` say
whether a token begins or ends one. A verb of the vocabulary counts only as a whole
word ("giao" is not the "giao" of "bàn giao" or "giao thông").

The components are the extractors of `pipeline.extract`, each registered with
`Language.factory` and put in order by `config.cfg`; `nlp.analyze_pipes()` checks that
each reads only what an earlier one wrote.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from . import extract  # noqa: F401  (registers the components)
from .normalize import fold
from .resources import read_tsv

CONFIG = Path(__file__).with_name("config.cfg")

# A syllable (letters and digits, with inner . ' ’ & - as in "GS.TS", "H'Mông", "TN-MT", "KH&ĐT",
# "14.6", and / between digits: "14/6"), or any other single character ("VGP/Nhật Bắc" is three).
SYLLABLE = re.compile(r"[^\W_]+(?:(?:[.'’&-]|(?<=\d)/(?=\d))[^\W_]+)*\.?|\S")
# underthesea's segmentation is linear in the length of what it is given, but its memory is
# not: a very long line is given to it in pieces, cut after a sentence or else at a space.
PIECE = 5000


@lru_cache(maxsize=1)
def _dotted_forms() -> tuple[frozenset[str], dict[str, str]]:
    """Short forms that keep their dot ("TP.", "GS.TS") and units written before a name ("H.")."""
    keep, before_name = set(), {}
    for row in read_tsv("vocab", "abbreviations.tsv"):
        if row["abbreviation"].endswith("."):
            keep.add(fold(row["abbreviation"]))
            if row.get("context") == "before_name":
                before_name[row["abbreviation"]] = row["expansion"]
    for row in read_tsv("vocab", "units.tsv"):
        if row["unit"].endswith("."):
            keep.add(fold(row["unit"]))
    return frozenset(keep), before_name


def syllables(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the syllables and marks of text[start:end]."""
    keep, before_name = _dotted_forms()
    out = []
    for m in SYLLABLE.finditer(text, start, len(text) if end is None else end):
        s, e, t = m.start(), m.end(), m.group()
        unit = next((u for u in before_name if t.startswith(u) and len(t) > len(u)), None)
        after = t[len(unit):] if unit else ""
        if unit and (after[0].isupper() and not after.rstrip(".").isupper() or after.isdigit()):
            out.append((s, s + len(unit)))  # "H.Sa Thầy", "TP.Kon Tum", "Q.8": the unit, then the name

            s, t = s + len(unit), t[len(unit):]
        if t.endswith(".") and len(t) > 1 and fold(t) not in keep:
            out.extend([(s, e - 1), (e - 1, e)])
        else:
            out.append((s, e))
    return out


def syllable_doc(vocab, text: str) -> Doc:
    """A Doc of syllables without word segmentation: the form vocabulary phrases are matched in."""
    spans = syllables(text)
    words = [text[s:e] for s, e in spans]
    spaces = [spans[k + 1][0] > e if k + 1 < len(spans) else False for k, (s, e) in enumerate(spans)]
    return Doc(vocab, words=words, spaces=spaces)


class SyllableTokenizer:
    """Syllables as tokens; underthesea's lexical words as `doc._.words`."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        spans = syllables(text)
        words, spaces = [], []
        previous_end = 0
        for s, e in spans:
            gap = text[previous_end:s]
            if words and gap.startswith(" "):
                spaces[-1], gap = True, gap[1:]
            if gap:  # a line break or a run of spaces is a token of its own, as in spaCy
                words.append(gap)
                spaces.append(False)
            words.append(text[s:e])
            spaces.append(False)
            previous_end = e
        tail = text[previous_end:]
        if words and tail.startswith(" "):
            spaces[-1], tail = True, tail[1:]
        if tail:
            words.append(tail)
            spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.words = lexical_words(text)
        return doc


def lexical_words(text: str) -> list[tuple[int, int]]:
    """underthesea's words of the text as character spans, line by line (a long line in pieces)."""
    from underthesea import word_tokenize

    out: list[tuple[int, int]] = []
    for start, end in _pieces(text):
        pos = start
        for word in _split_at_proper_nouns(word_tokenize(text[start:end])):
            found = _find(text, word, pos, end)
            if found:
                out.append(found)
                pos = found[1]
    return out


def _pieces(text: str):
    """(start, end) of each non-empty line, a line longer than PIECE cut after a sentence."""
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        while end - start > PIECE:
            cut = text.rfind(". ", start, start + PIECE)
            if cut <= start:
                cut = text.rfind(" ", start, start + PIECE)
            cut = cut + 1 if cut > start else start + PIECE
            yield start, cut
            start = cut
        if text[start:end].strip():
            yield start, end


def _split_at_proper_nouns(tokens: list[str]) -> list[str]:
    """Undo segmentation that glues a common word to a proper noun ("giao Ban", "Lâm Quốc Vũ
    tiếp"): a word breaks where a capitalised syllable follows a lower-case one, and where a
    lower-case one follows a name of two capitalised syllables or more."""
    out = []
    for token in tokens:
        parts = token.split(" ")
        current = [parts[0]]
        for part in parts[1:]:
            after_lower = part[:1].isupper() and current[-1][:1].islower()
            after_name = part[:1].islower() and len(current) >= 2 and all(p[:1].isupper() for p in current)
            if after_lower or after_name:
                out.append(" ".join(current))
                current = [part]
            else:
                current.append(part)
        out.append(" ".join(current))
    return out


def _find(text: str, token: str, pos: int, limit: int) -> tuple[int, int] | None:
    at = text.find(token, pos, limit)
    if at >= 0:
        return at, at + len(token)
    pattern = r"\s+".join(re.escape(part) for part in token.split())
    m = re.compile(pattern).search(text, pos, limit)
    return (m.start(), m.end()) if m else None


@registry.tokenizers("govkg.syllable_tokenizer.v1")
def create_tokenizer():
    return lambda nlp: SyllableTokenizer(nlp.vocab)


@lru_cache(maxsize=1)
def vietnamese_pipeline() -> Language:
    """The configured pipeline (built once per process)."""
    config = spacy.util.load_config(CONFIG)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    # spaCy's guard against texts too long for its neural components; every component here is
    # linear in the text and underthesea is given bounded pieces, so no length is too long
    nlp.max_length = 10 ** 12
    return nlp
