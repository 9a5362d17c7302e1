"""Dates as news writes them, resolved against the article's published date.

"sáng 5-3", "chiều 12/4", "ngày 5/3/2026", "ngày 18 tháng 12", "hôm qua", "chiều qua",
"sáng nay (15/4)". With a published date, a date without a year takes the year that
puts it on or before publication; "nay" is the published day and "qua" the day
before. Without one, a date with no year stays a month and day (xsd:gMonthDay),
and a relative date cannot be resolved.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..model import PartialDate
from ..normalize import fold
from ..resources import read_tsv


@dataclass(frozen=True)
class DateWords:
    """The words of ontology/vocab/date_words.tsv (see its header), case folded."""

    roles: dict[str, list[str]]  # role -> words, in the file's order
    parts: dict[str, str]  # part of the day -> the part it gives ("sáng": morning)
    offsets: dict[str, int]  # relative day -> days before publication ("hôm qua": 1)
    alone: frozenset[str]  # relative days that are dates by themselves ("hôm qua", not "qua")

    def alternatives(self, *roles: str) -> str:
        """The words of the roles as a regex alternation, longest first."""
        words = sorted((w for role in roles for w in self.roles.get(role, ())), key=len, reverse=True)
        return "|".join(re.escape(w) for w in words)

    def group(self, *roles: str) -> str:
        return f"(?:{self.alternatives(*roles)})"


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    roles: dict[str, list[str]] = {}
    parts, offsets = {}, {}
    for row in read_tsv("vocab", "date_words.tsv"):
        word, role = fold(row["word"]), row["role"]
        roles.setdefault(role, []).append(word)
        if role == "part_of_day":
            parts[word] = row["value"]
        elif role in {"relative", "relative_after_part"}:
            offsets[word] = int(row["value"])
    return DateWords(roles, parts, offsets, frozenset(roles.get("relative", ())))


@dataclass(frozen=True)
class DatePatterns:
    dates: tuple[re.Pattern, ...]  # tried in order; the first that matches at a position wins
    dateline: re.Pattern  # a dateline before the first sentence


_DAY_MONTH = r"(?P<day>\d{1,2})\s*[-/.]\s*(?P<month>\d{1,2})(?:\s*[-/.]\s*(?P<year>\d{4}))?(?![-/.]?\d)"


@lru_cache(maxsize=1)
def date_patterns() -> DatePatterns:
    """The patterns of dates, their words read from date_words.tsv."""
    w = date_words()
    part, day, alone = f"(?P<part>{w.alternatives('part_of_day')})", w.group("day"), w.group("day_alone")
    written = (rf"(?P<day>\d{{1,2}})\s+{w.group('month')}\s+(?P<month>\d{{1,2}})"
               rf"(?:\s+{w.group('year')}\s+(?P<year>\d{{4}}))?")
    relative = f"(?P<rel>{w.alternatives('relative', 'relative_after_part')})"
    dates = (
        # a span of days: "Từ ngày 22 đến 24/9", "trong hai ngày 22 và 23/9": the first day
        rf"(?<!\w)(?:{w.group('span_from')}\s+)?(?:{part}\s+)?{day}\s+(?P<day>\d{{1,2}})\s*"
        rf"(?:{w.alternatives('span_to')}|-)\s*(?:{day}\s+)?\d{{1,2}}\s*[-/.]\s*(?P<month>\d{{1,2}})"
        r"(?:\s*[-/.]\s*(?P<year>\d{4}))?(?![-/.]?\d)",
        rf"(?<!\w)(?:{part}\s+(?:{day}\s+)?|{day}\s+|{alone}\s+){_DAY_MONTH}",  # "tối ngày 5/3"
        rf"(?<!\w)(?:{part}|{day}|{alone})\s+{written}",
        rf"(?<!\w)(?:{part}\s+)?{relative}(?:\s*\(\s*{_DAY_MONTH}\s*\))?(?!\w)",
    )
    return DatePatterns(tuple(re.compile(d, re.IGNORECASE) for d in dates), _dateline(day))


def _dateline(day: str) -> re.Pattern:
    """A dateline before the first sentence: "Hà Nội, ngày 8/1 - ", "HÀ NỘI, 8/1 – ", "(Chinhphu.vn) - "."""
    return re.compile(
        rf"^\s*(?:[^\W\d][^\n,()]{{1,30}},\s*(?:{day}\s+)?(?P<day>\d{{1,2}})\s*[/-]\s*(?P<month>\d{{1,2}})"
        r"(?:\s*[/-]\s*(?P<year>\d{4}))?|\([^()\n]{2,40}\))\s*[-–—]\s+")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: PartialDate | None
    part_of_day: str | None


def _year_for(month: int, day: int, published: dt.date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    try:
        if dt.date(year, month, day) > published + dt.timedelta(days=31):
            year -= 1  # "ngày 30-12" in an article of 2 January
    except ValueError:
        return None
    return year


# A dateline of a place alone: "TP HCM - ", "HÀ NỘI – ", "Quảng Ninh - ".
PLACE_DATELINE = re.compile(r"^\s*((?:[^\W\d_][\w.]*\s+){0,3}[^\W\d_][\w.]*)\s+[-–—]\s+(?=\S)")


def dateline(text: str) -> tuple[int, PartialDate | None]:
    """(end offset, date) of the article's dateline, or (0, None) without one."""
    m = date_patterns().dateline.match(text)
    if not m:
        place = PLACE_DATELINE.match(text)
        if place and all(w[:1].isupper() for w in place.group(1).split()):
            return place.end(), None
        return 0, None
    date = None
    if m.group("day"):
        day, month = int(m.group("day")), int(m.group("month"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            date = PartialDate(month, day, int(m.group("year")) if m.group("year") else None)
    return m.end(), date


def _relative(rel: str, reference: PartialDate) -> PartialDate:
    """"nay"/"qua" against a dateline date whose year may be unknown."""
    offset = date_words().offsets.get(rel.casefold(), 0)
    day = dt.date(reference.year or 2000, reference.month, reference.day) - dt.timedelta(days=offset)
    return PartialDate(day.month, day.day, day.year if reference.year else None)


def resolve(match: re.Match, published: dt.date | None, text_year: int | None = None,
            reference: PartialDate | None = None) -> DateMention:
    g = match.groupdict()
    part = date_words().parts.get((g.get("part") or "").casefold())
    day, month, year = g.get("day"), g.get("month"), g.get("year")
    date = None
    if day and month:
        d, m = int(day), int(month)
        y = int(year) if year else (_year_for(m, d, published) if published else text_year)
        if 1 <= m <= 12 and 1 <= d <= 31:
            date = PartialDate(m, d, y)
    elif g.get("rel") and published:
        offset = date_words().offsets.get(g["rel"].casefold(), 0)
        day_ = published - dt.timedelta(days=offset)
        date = PartialDate(day_.month, day_.day, day_.year)
    elif g.get("rel") and reference:
        date = _relative(g["rel"], reference)
    return DateMention(match.start(), match.end(), date, part)


def find_dates(text: str, start: int, end: int, published: dt.date | None,
               text_year: int | None = None, reference: PartialDate | None = None) -> list[DateMention]:
    """Dates in text[start:end]; `reference` (a dateline's date) stands in for a missing published date."""
    found: list[DateMention] = []
    patterns = date_patterns().dates
    for pattern in patterns:
        for m in pattern.finditer(text, start, end):
            if pattern is patterns[-1] and not (m.group("part") or m.group("rel").casefold() in date_words().alone):
                # bare "nay"/"qua" are dates only after a part of the day ("sáng nay")
                continue
            if not any(d.start < m.end() and m.start() < d.end for d in found):
                found.append(resolve(m, published, text_year, reference))
    return sorted(found, key=lambda d: d.start)


def year_in_text(text: str) -> int | None:
    """The year of a full date written in the text, for articles without a published date."""
    m = re.search(r"(?<!\d)\d{1,2}\s*[-/]\s*\d{1,2}\s*[-/]\s*(\d{4})(?!\d)", text)
    return int(m.group(1)) if m else None


@Language.factory("govkg_dates", assigns=["doc.spans", "span._.date"], requires=["doc._.segments", "doc._.article"])
def create_date_chunker(nlp: Language, name: str):
    return mark_dates


def mark_dates(doc: Doc) -> Doc:
    """Dates as chunks, each resolved against the article's published date, or the year written
    in the text, or a dateline's date ("Hà Nội, ngày 8/1 - ")."""
    from .chunks import keep

    article = doc._.article
    text = doc.text
    text_year = year_in_text(text) if article.published is None else None
    _, reference = dateline(text)
    found = []
    for sentence in doc._.segments:
        for date in find_dates(text, sentence.span.start, sentence.span.end, article.published, text_year, reference):
            span = doc.char_span(date.start, date.end, alignment_mode="expand")
            if span is not None:
                found.append((span.start, span.end, date))
    keep(doc, "dates", found)
    return doc
