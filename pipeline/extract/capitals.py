"""Runs of capitalised words, and where a person's name begins in one.

Vietnamese capitalises every syllable of a proper name, so a body, a place and the
name of the person after it can run together: "Bệnh viện Bạch Mai Đào Xuân Cơ",
"phường Ba Đình Đỗ Văn Hùng". A family name that leaves a name of two to four
syllables is where the person's name begins.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .chunks import is_cap, is_word
from .vocabulary import vocabulary


def cap_run(doc: Doc, i: int, limit: int = 4, stop: int | None = None) -> int:
    """How many capitalised words follow from token i (at most `limit`, not past `stop`)."""
    stop = len(doc) if stop is None else stop
    n = 0
    while i + n < stop and n < limit and is_cap(doc[i + n]) and is_word(doc[i + n]):
        n += 1
    return n


def name_split(doc: Doc, i: int, run: int) -> int | None:
    """Where, in a run of `run` capitalised words at token i, a person's name begins after the
    name of a place, field or body ("Bạch Mai Đào Xuân Cơ" -> 2): at a family name that leaves a
    name of three words, else two, else four; None when there is no such split."""
    surnames = vocabulary().surnames
    starts = [p for p in range(1, run - 1) if doc[i + p].text in surnames]
    for length in (3, 2, 4):
        fitting = [p for p in starts if run - p == length]
        if fitting:
            return fitting[-1]
    return None


def name_starts(doc: Doc, i: int) -> bool:
    """A Vietnamese person's name starts at token i: a family name and at least one more word."""
    return i < len(doc) and doc[i].text in vocabulary().surnames and cap_run(doc, i, 6) >= 2


def local_name_length(doc: Doc, i: int) -> int:
    """Words of the name of a district or commune at token i ("Sa Thầy", "Ba Đình"); a run that
    is a person's name ("xã Hà Văn Thỏa": the title ends at "xã") gives 0."""
    run = cap_run(doc, i, 7)
    if run >= 3 and doc[i].text in vocabulary().surnames:
        return 0
    split = name_split(doc, i, run)  # "phường Ba Đình Đỗ Văn Hùng": the name starts at "Đỗ"
    return split if split is not None else min(run, 3)
