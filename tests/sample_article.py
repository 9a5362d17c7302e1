"""A hand-built ArticleFacts for the tests of the stages after extraction.

Built without the extractors, so these tests check the mapping, writing, validation
and read-back on facts whose right answer is known.
"""
from __future__ import annotations

import datetime as dt

from pipeline.model import (Article, ArticleFacts, Directive, Event, Organization, PartialDate,
                            Person, Position, Quote, Span)
from pipeline.normalize import normalize_text

TEXT = normalize_text(
    "Sáng 5-3, tại Trụ sở Trung ương Đảng, Tổng Bí thư Mã Lâm làm việc với Ban Tổ chức Trung ương. "
    "Dự buổi làm việc có Trưởng Ban Tổ chức Trung ương Lò Minh Hưng; Chủ tịch UBND tỉnh Lào Cai "
    "Quản Trọng Hoà và nguyên Phó Trưởng Ban Lò Minh Hùng.\n"
    "Tổng Bí thư yêu cầu Ban Tổ chức Trung ương chuẩn hóa năng lực theo vị trí việc làm. "
    "Ông Hưng đề xuất Ủy ban nhân dân tỉnh Lào Cai rà soát đội ngũ công chức cấp xã.\n"
    "Tổng Bí thư nhấn mạnh: “Cán bộ là cái gốc của mọi công việc”. Ảnh: Kiều Hòa"
)


def span(needle: str, text: str = TEXT, nth: int = 0) -> Span:
    """The offsets of the nth occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def sentence(needle: str, text: str = TEXT) -> Span:
    """The sentence that contains `needle`: from after the previous ". " or line end to
    the next "." before a space or line end."""
    at = text.index(needle)
    start = max(text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) != -1 else 0,
                text.rfind("\n", 0, at) + 1)
    ends = [e + 1 for e in (text.find(". ", at), text.find(".\n", at)) if e != -1]
    return Span(start, min(ends) if ends else len(text))


def sample_facts(name: str = "t01", published: dt.date | None = dt.date(2025, 3, 6),
                 text: str = TEXT) -> ArticleFacts:
    article = Article(name=name, source=f"{name}.txt", text=text, published=published,
                      title="Tổng Bí thư làm việc với Ban Tổ chức Trung ương", url="https://example.vn/a")
    persons = [
        Person("person:1", "Mã Lâm", [span("Mã Lâm")]),
        Person("person:2", "Lò Minh Hưng", [span("Lò Minh Hưng"), span("Ông Hưng")]),
        Person("person:3", "Quản Trọng Hòa", [span("Quản Trọng Hòa")]),
        Person("person:4", "Lò Minh Hùng", [span("Lò Minh Hùng")]),
        Person("person:5", "Kiều Hòa", [span("Kiều Hòa")], photo_credit=True),
    ]
    orgs = [
        Organization("org:1", "Ban Tổ chức Trung ương", "PartyBody",
                     "https://w3id.org/govkg/body/ban-to-chuc-trung-uong",
                     [span("Ban Tổ chức Trung ương"), span("Ban Tổ chức Trung ương", nth=2)]),
        Organization("org:2", "UBND tỉnh Lào Cai", "LocalAuthority", None, [span("UBND tỉnh Lào Cai")]),
        Organization("org:3", "Ủy ban nhân dân tỉnh Lào Cai", "LocalAuthority", None,
                     [span("Ủy ban nhân dân tỉnh Lào Cai")]),
    ]
    positions = [
        Position("person:1", "Tổng Bí thư", None, sentence("Tổng Bí thư Mã Lâm")),
        Position("person:2", "Trưởng Ban Tổ chức Trung ương", "org:1", sentence("Lò Minh Hưng")),
        Position("person:3", "Chủ tịch UBND tỉnh Lào Cai", "org:2", sentence("Quản Trọng Hòa")),
        Position("person:4", "Phó Trưởng Ban Tổ chức Trung ương", "org:1", sentence("Lò Minh Hùng"),
                 former=True),
    ]
    events = [
        Event("event:1", "meeting", PartialDate(3, 5, 2025), sentence("Sáng 5-3"), part_of_day="morning",
              location="Trụ sở Trung ương Đảng", chair="person:1", participants=["person:2", "person:3", "person:4"],
              organizations=["org:1"]),
    ]
    directives = [
        Directive("person:1", "yêu cầu", "chuẩn hóa năng lực theo vị trí việc làm",
                  sentence("yêu cầu"), addressee="org:1", event="event:1"),
        Directive("person:2", "đề xuất", "rà soát đội ngũ công chức cấp xã", sentence("đề xuất"),
                  addressee="org:3"),
    ]
    quotes = [Quote("person:1", "Cán bộ là cái gốc của mọi công việc", span("Cán bộ là cái gốc của mọi công việc"))]
    return ArticleFacts(article, persons, orgs, positions, events, directives, quotes)


# What the graph of `sample_facts()` reads back as, in the gold format (FORMAT.md).
EXPECTED_GOLD = {
    "article": "t01.txt",
    "published": "2025-03-06",
    "persons": [{"name": "Mã Lâm"}, {"name": "Lò Minh Hưng"}, {"name": "Quản Trọng Hòa"},
                {"name": "Lò Minh Hùng"}, {"name": "Kiều Hòa"}],
    "organizations": [{"name": "Ban Tổ chức Trung ương"}, {"name": "UBND tỉnh Lào Cai"},
                      {"name": "Ủy ban nhân dân tỉnh Lào Cai"}],
    "positions": [
        {"person": "Mã Lâm", "title": "Tổng Bí thư", "organization": None},
        {"person": "Lò Minh Hưng", "title": "Trưởng Ban Tổ chức Trung ương", "organization": "Ban Tổ chức Trung ương"},
        # "UBND tỉnh Lào Cai" and "Ủy ban nhân dân tỉnh Lào Cai" are one body (one IRI); facts
        # that point at it are named by the longest form the article writes.
        {"person": "Quản Trọng Hòa", "title": "Chủ tịch UBND tỉnh Lào Cai", "organization": "Ủy ban nhân dân tỉnh Lào Cai"},
        {"person": "Lò Minh Hùng", "title": "Phó Trưởng Ban Tổ chức Trung ương", "organization": "Ban Tổ chức Trung ương"},
    ],
    "events": [{"kind": "meeting", "date": "2025-03-05", "location": "Trụ sở Trung ương Đảng", "chair": "Mã Lâm",
                "participants": ["Lò Minh Hưng", "Quản Trọng Hòa", "Lò Minh Hùng"],
                "organizations": ["Ban Tổ chức Trung ương"]}],
    "directives": [
        {"issuer": "Mã Lâm", "trigger": "yêu cầu", "addressee": "Ban Tổ chức Trung ương",
         "evidence": "chuẩn hóa năng lực theo vị trí việc làm"},
        {"issuer": "Lò Minh Hưng", "trigger": "đề xuất", "addressee": "Ủy ban nhân dân tỉnh Lào Cai",
         "evidence": "rà soát đội ngũ công chức cấp xã"},
    ],
    "quotes": [{"speaker": "Mã Lâm", "text": "Cán bộ là cái gốc của mọi công việc"}],
}
