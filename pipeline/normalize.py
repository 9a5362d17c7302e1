"""Stage 2: one spelling for the same text.

Vietnamese news arrives in NFC or NFD, with CRLF line ends, a BOM, and with the
tone mark of "oa", "oe", "uy" on either vowel ("hòa"/"hoà", "Ủy"/"Uỷ"). Every
later stage sees one canonical form, so the same article always yields the same
facts and IRIs. The canonical placement is the traditional one ("hòa", "Ủy"),
the one most Vietnamese newsrooms use.

`fold` goes further for comparing names: it also folds case, spaces and dashes,
but keeps every diacritic, so "Lò Minh Hùng" and "Lò Minh Hưng" stay apart.
"""
from __future__ import annotations

import re
import unicodedata

from .values import clean_text

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below

# New placement "oà", "uỷ": tone on the second vowel of an open oa/oe/uy syllable.
# Traditional placement "òa", "ủy": tone on the first. Only syllable-final pairs
# move ("hoàn", "khuyến" keep the mark where it is in both styles). "qu" is a
# consonant cluster, so "quý" is left alone.
_NEW_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + TONE_MARKS + r"])(?![^\W\d_]|[\u0300-\u036f])"
)

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
                         # invisible characters web pages leave in text: zero-width spaces, soft hyphens
                         "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\u00ad": None,
                         "\ufeff": None})


def canonical_tone_placement(text: str) -> str:
    """Move tone marks of open oa/oe/uy syllables to the traditional place ("hoà" -> "hòa")."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _NEW_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


# Other line and paragraph separators are line ends too.
_LINE_ENDS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def normalize_text(raw: str) -> str:
    """The canonical article text: no BOM, LF line ends, NFC, one tone placement, and
    none of the characters RDF tools refuse (control characters, noncharacters; see
    values.py), so that every offset into it is an offset into what the graph holds."""
    text = _LINE_ENDS.sub("\n", raw.lstrip("\ufeff"))
    text = clean_text(text.translate(_DASHES))
    return canonical_tone_placement(text)


def fold(text: str | None) -> str:
    """A key for comparing names: canonical spelling, case folded, spaces collapsed.

    Diacritics are kept: names that differ only by them are different names.
    """
    if not text:
        return ""
    s = normalize_text(text)
    s = re.sub(r"\s+", " ", s).strip()
    return s.casefold()


def ascii_slug(text: str) -> str:
    """A readable ASCII rendering for IRIs ("Lò Minh Hưng" -> "lo-minh-hung"); not unique by itself."""
    s = unicodedata.normalize("NFD", fold(text)).replace("đ", "d")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "x"
