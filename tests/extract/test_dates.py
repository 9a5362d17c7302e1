"""Dates resolved against the published date; without one, a date without a year stays month-day."""
import datetime as dt

from pipeline.extract.dates import find_dates

PUBLISHED = dt.date(2026, 4, 16)


def first(text, published=PUBLISHED, text_year=None):
    found = find_dates(text, 0, len(text), published, text_year)
    return (found[0].date.iso() if found[0].date else None, found[0].part_of_day) if found else None


def test_day_month_with_a_dash_or_a_slash():
    assert first("Sáng 5-3, tại Hà Nội") == ("2026-03-05", "morning")
    assert first("Chiều 12/4, đoàn công tác") == ("2026-04-12", "afternoon")


def test_a_full_date_keeps_its_year():
    assert first("Ngày 5/3/2025, Bộ Xây dựng") == ("2025-03-05", None)
    assert first("ngày 5 tháng 3 năm 2025") == ("2025-03-05", None)


def test_relative_days_resolve_against_publication():
    assert first("Hôm qua, tại Trụ sở") == ("2026-04-15", None)
    assert first("Chiều qua, tại Trụ sở") == ("2026-04-15", "afternoon")
    assert first("Sáng nay, Phó Thủ tướng") == ("2026-04-16", "morning")


def test_an_explicit_date_in_brackets_wins():
    assert first("Sáng nay (15/4), Phó Thủ tướng") == ("2026-04-15", "morning")


def test_a_date_after_publication_belongs_to_the_year_before():
    assert first("Ngày 28-12, Ban Chấp hành", published=dt.date(2026, 1, 3)) == ("2025-12-28", None)


def test_without_a_published_date_the_year_is_unknown():
    assert first("Sáng 5-3, tại Hà Nội", published=None) == ("--03-05", "morning")
    assert first("Hôm qua, tại Hà Nội", published=None) == (None, None)


def test_without_a_published_date_a_year_written_in_the_text_is_used():
    assert first("Chiều 17/10, hội nghị", published=None, text_year=2025) == ("2025-10-17", "afternoon")


def test_terms_and_quarters_are_not_dates():
    assert first("nhiệm kỳ 2025-2030 và quý I-2026") is None


def test_a_dateline_gives_the_date_and_where_the_text_starts():
    from pipeline.extract.dates import dateline
    text = "HÀ NỘI, 8/1 - Sáng nay, Thủ tướng chủ trì."
    end, date = dateline(text)
    assert text[end:].startswith("Sáng nay") and date.iso() == "--01-08"
    assert dateline("(Chinhphu.vn) - Chiều 3/2, ...")[0] > 0
    assert dateline("Sáng 5-3, tại Hà Nội") == (0, None)


def test_relative_days_against_a_dateline_without_a_year():
    text = "Hôm qua, tại Hà Nội"
    from pipeline.extract.dates import find_dates
    from pipeline.model import PartialDate
    assert find_dates(text, 0, len(text), None, None, PartialDate(3, 5))[0].date.iso() == "--03-04"


def test_a_span_of_days_dates_by_its_first_day():
    assert first("Từ ngày 2 đến 4/4, tại Hà Nội") == ("2026-04-02", None)
    assert first("trong hai ngày 12 và 13/4") == ("2026-04-12", None)


def test_a_part_of_the_day_before_ngay():
    assert first("Tối ngày 5/3, tại Hà Nội") == ("2026-03-05", "evening")


def test_a_place_only_dateline():
    from pipeline.extract.dates import dateline
    text = "TP HCM - Chiều 14/2, Bí thư Thành ủy thăm bệnh viện."
    end, date = dateline(text)
    assert text[end:].startswith("Chiều 14/2") and date is None
