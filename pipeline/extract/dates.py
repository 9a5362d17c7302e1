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

from spacy.language import Language
from spacy.tokens import Doc

from ..model import PartialDate

PARTS_OF_DAY = {"sáng": "morning", "trưa": "noon", "chiều": "afternoon", "tối": "evening", "đêm": "night"}
_PART = r"(?P<part>sáng|trưa|chiều|tối|đêm)"
_DAY_MONTH = r"(?P<day>\d{1,2})\s*[-/.]\s*(?P<month>\d{1,2})(?:\s*[-/.]\s*(?P<year>\d{4}))?(?![-/.]?\d)"
_WORDS = r"(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})(?:\s+năm\s+(?P<year>\d{4}))?"
_RELATIVE = r"(?P<rel>hôm nay|hôm qua|nay|qua)"
# Tried in order; the first that matches at a position wins.
DATE_PATTERNS = [
    # a span of days: "Từ ngày 22 đến 24/9", "trong hai ngày 22 và 23/9": the first day
    re.compile(r"(?<!\w)(?:từ\s+)?(?:(?P<part>sáng|trưa|chiều|tối|đêm)\s+)?ngày\s+(?P<day>\d{1,2})\s*(?:đến|và|-)\s*"
               r"(?:ngày\s+)?\d{1,2}\s*[-/.]\s*(?P<month>\d{1,2})(?:\s*[-/.]\s*(?P<year>\d{4}))?(?![-/.]?\d)",
               re.IGNORECASE),
    re.compile(rf"(?<!\w)(?:{_PART}\s+(?:ngày\s+)?|ngày\s+|hôm\s+){_DAY_MONTH}", re.IGNORECASE),  # "tối ngày 5/3"
    re.compile(rf"(?<!\w)(?:{_PART}|ngày|hôm)\s+{_WORDS}", re.IGNORECASE),
    re.compile(rf"(?<!\w)(?:{_PART}\s+)?{_RELATIVE}(?:\s*\(\s*{_DAY_MONTH}\s*\))?(?!\w)", re.IGNORECASE),
]


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


# A dateline before the first sentence: "Hà Nội, ngày 8/1 - ", "HÀ NỘI, 8/1 – ", "(Chinhphu.vn) - ".
DATELINE = re.compile(
    r"^\s*(?:[^\W\d][^\n,()]{1,30},\s*(?:ngày\s+)?(?P<day>\d{1,2})\s*[/-]\s*(?P<month>\d{1,2})"
    r"(?:\s*[/-]\s*(?P<year>\d{4}))?|\([^()\n]{2,40}\))\s*[-–—]\s+")


# A dateline of a place alone: "TP HCM - ", "HÀ NỘI – ", "Quảng Ninh - ".
PLACE_DATELINE = re.compile(r"^\s*((?:[^\W\d_][\w.]*\s+){0,3}[^\W\d_][\w.]*)\s+[-–—]\s+(?=\S)")


def dateline(text: str) -> tuple[int, PartialDate | None]:
    """(end offset, date) of the article's dateline, or (0, None) without one."""
    m = DATELINE.match(text)
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
    offset = 1 if rel.casefold() in {"qua", "hôm qua"} else 0
    day = dt.date(reference.year or 2000, reference.month, reference.day) - dt.timedelta(days=offset)
    return PartialDate(day.month, day.day, day.year if reference.year else None)


def resolve(match: re.Match, published: dt.date | None, text_year: int | None = None,
            reference: PartialDate | None = None) -> DateMention:
    g = match.groupdict()
    part = PARTS_OF_DAY.get((g.get("part") or "").casefold())
    day, month, year = g.get("day"), g.get("month"), g.get("year")
    date = None
    if day and month:
        d, m = int(day), int(month)
        y = int(year) if year else (_year_for(m, d, published) if published else text_year)
        if 1 <= m <= 12 and 1 <= d <= 31:
            date = PartialDate(m, d, y)
    elif g.get("rel") and published:
        offset = 1 if g["rel"].casefold() in {"qua", "hôm qua"} else 0
        day_ = published - dt.timedelta(days=offset)
        date = PartialDate(day_.month, day_.day, day_.year)
    elif g.get("rel") and reference:
        date = _relative(g["rel"], reference)
    return DateMention(match.start(), match.end(), date, part)


def find_dates(text: str, start: int, end: int, published: dt.date | None,
               text_year: int | None = None, reference: PartialDate | None = None) -> list[DateMention]:
    """Dates in text[start:end]; `reference` (a dateline's date) stands in for a missing published date."""
    found: list[DateMention] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            if pattern is DATE_PATTERNS[-1] and not (m.group("part") or m.group("rel").casefold().startswith("hôm")):
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
