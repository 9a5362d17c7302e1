"""Words of a sentence with their offsets, the unit the pattern matchers walk over.

underthesea's segmentation (the spaCy tokens) groups syllables into lexical words,
which is what trigger verbs are matched on; names, titles and bodies are matched
on syllables, because their boundaries cut across lexical words ("Trưởng Ban"
segments as one word).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..normalize import fold
from .lexicon import LOWER, UPPER

_TOKEN = re.compile(rf"[{LOWER}{UPPER}0-9]+(?:[.'’/-][{LOWER}{UPPER}0-9]+)*\.?|\S")
_ABBREV_WITH_DOT = {"tp.", "tp.hcm", "tt.", "ths.", "ts.", "gs.", "pgs."}


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @cached_property
    def key(self) -> str:
        return fold(self.text)

    @property
    def cap(self) -> bool:
        return self.text[:1] in UPPER

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """Syllables and punctuation of text[start:end], offsets relative to `text`."""
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN.finditer(text, start, end):
        s, e, t = m.start(), m.end(), m.group()
        if t.endswith(".") and len(t) > 1 and fold(t) not in _ABBREV_WITH_DOT:
            out.append(Word(s, e - 1, t[:-1]))
            out.append(Word(e - 1, e, "."))
            continue
        out.append(Word(s, e, t))
    return out


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The folded word sequence of a vocabulary phrase, for matching against `words`."""
    return tuple(w.key for w in words(phrase))


class PhraseIndex:
    """Longest-match lookup of multi-word phrases at a position in a word list."""

    def __init__(self, phrases):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            seq = phrase_words(phrase)
            if seq:
                self._by_first.setdefault(seq[0], []).append((seq, phrase))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)

    def matches(self, ws: list[Word], i: int, need_cap: bool = True) -> list[tuple[int, str]]:
        """(number of words, phrase) of every phrase starting at ws[i], longest first."""
        if i >= len(ws) or (need_cap and not ws[i].cap):
            return []
        out = []
        for seq, phrase in self._by_first.get(ws[i].key, ()):
            n = len(seq)
            if i + n <= len(ws) and all(ws[i + k].key == seq[k] for k in range(n)):
                out.append((n, phrase))
        return out

    def match(self, ws: list[Word], i: int, need_cap: bool = True) -> tuple[int, str] | None:
        """(number of words, phrase) of the longest phrase starting at ws[i]."""
        found = self.matches(ws, i, need_cap)
        return found[0] if found else None


def name_split(ws: list[Word], i: int, run: int, surnames: set[str]) -> int | None:
    """Where, in a run of `run` capitalised words at ws[i], a person's name begins after the
    name of a place, field or body ("Bạch Mai Đào Xuân Cơ" -> 2): at a family name that leaves
    a name of three words, else two, else four; None when there is no such split."""
    starts = [p for p in range(1, run - 1) if ws[i + p].text in surnames]
    for length in (3, 2, 4):
        fitting = [p for p in starts if run - p == length]
        if fitting:
            return fitting[-1]
    return None
