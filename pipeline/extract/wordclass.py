"""Word classes from underthesea's part-of-speech tagger, for the few places that need them.

Where a body's name ends is a question of grammar: "Cục Quản lý lao động ngoài nước" is a
name of nouns and verbs, and "siết chặt" after it is the sentence's verb. The tagger is
asked only about the words after a body's head (a short fragment), so its cost stays small.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

NOUNS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb", "M"})
MAX_FRAGMENT = 30  # tokens looked at after a head


@lru_cache(maxsize=4096)
def _tags(fragment: str) -> tuple[tuple[str, str], ...]:
    from underthesea import pos_tag

    return tuple(pos_tag(fragment))


def word_classes(doc: Doc, start: int) -> list[tuple[int, int, str]]:
    """(first token, token after the last, tag) of each word from token `start` to the end of
    its sentence (at most MAX_FRAGMENT tokens)."""
    from ..language import syllables

    end = min(doc[start].sent.end, start + MAX_FRAGMENT)
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end <= start:
        return []
    fragment = "".join(t.text_with_ws for t in doc[start:end]).rstrip()
    out, k = [], start
    for word, tag in _tags(fragment):
        n = max(1, len(syllables(word)))
        if k + n > end:
            break
        out.append((k, k + n, tag))
        k += n
    return out


def tag_of(text: str) -> str:
    """The tag of a short phrase read alone (the first word's)."""
    tags = _tags(text)
    return tags[0][1] if tags else "X"
