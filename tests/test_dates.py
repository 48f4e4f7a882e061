"""Event dates read against the publication date (sentences written for these tests)."""

from datetime import date

import pytest

from transforms.dates import SAME_AS_PREVIOUS, EventDate, after_previous, count_of_years, in_year, publication_fallback, resolve_event_date

SATURDAY = date(2026, 1, 31)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("in October 2011", EventDate(2011, 10, None, "explicit", "month")),
        ("September 11, 2015", EventDate(2015, 9, 11, "explicit", "day")),
        ("11 Sept 2015", EventDate(2015, 9, 11, "explicit", "day")),
        ("2007", EventDate(2007, None, None, "explicit", "year")),
        ("on Friday", EventDate(2026, 1, 30, "relative", "day")),
        ("Saturday", EventDate(2026, 1, 31, "relative", "day")),
        ("last week", EventDate(2026, 1, None, "relative", "month")),
        ("earlier this month", EventDate(2026, 1, None, "relative", "month")),
        ("last month", EventDate(2025, 12, None, "relative", "month")),
        ("November last year", EventDate(2025, 11, None, "relative", "month")),
        ("June last year", EventDate(2025, 6, None, "relative", "month")),
        ("last year", EventDate(2025, None, None, "relative", "year")),
        ("before the end of the year", EventDate(2026, None, None, "relative", "year")),
        ("in December", EventDate(2025, 12, None, "relative", "month")),
        ("Jan 14", EventDate(2026, 1, 14, "relative", "day")),
        ("yesterday", EventDate(2026, 1, 30, "relative", "day")),
        ("two years ago", EventDate(2024, None, None, "relative", "year")),
    ],
)
def test_occurred_dates(expression, expected):
    assert resolve_event_date(expression, SATURDAY) == expected


def test_planned_dates_point_forward():
    assert resolve_event_date("on Friday", SATURDAY, future=True) == EventDate(2026, 2, 6, "relative", "day")
    assert resolve_event_date("next year", SATURDAY, future=True) == EventDate(2027, None, None, "relative", "year")
    assert resolve_event_date("in March", SATURDAY, future=True) == EventDate(2026, 3, None, "relative", "month")
    assert resolve_event_date("in January", date(2026, 11, 2), future=True) == EventDate(2027, 1, None, "relative", "month")


@pytest.mark.parametrize("expression", ["nine years", "a 9-year halt", "three days", "decades", "one day"])
def test_durations_are_no_dates(expression):
    assert resolve_event_date(expression, SATURDAY) is None


def test_same_year_refers_back():
    assert resolve_event_date("In the same year", SATURDAY) is SAME_AS_PREVIOUS


def test_relative_dates_need_a_publication_date():
    assert resolve_event_date("last week", None) is None
    assert resolve_event_date("in 2019", None) == EventDate(2019, None, None, "explicit", "year")


def test_publication_fallback_keeps_month_precision():
    assert publication_fallback(SATURDAY) == EventDate(2026, 1, None, "publication", "month")
    assert publication_fallback(None).year is None


@pytest.mark.parametrize(
    ("expression", "previous", "expected"),
    [
        ("Twelve days later", EventDate(2020, 12, 10, "relative", "day"), EventDate(2020, 12, 22, "relative", "day")),
        ("a week later", EventDate(2020, 12, 28, "explicit", "day"), EventDate(2021, 1, 4, "relative", "day")),
        ("the next day", EventDate(2019, 3, 31, "explicit", "day"), EventDate(2019, 4, 1, "relative", "day")),
        ("two months later", EventDate(2019, 3, None, "explicit", "month"), EventDate(2019, 5, None, "relative", "month")),
        ("days later", EventDate(2019, None, None, "explicit", "year"), None),
        ("three weeks later", EventDate(2019, None, None, "explicit", "year"), EventDate(2019, None, None, "relative", "year")),
        ("on Friday", EventDate(2019, 3, 31, "explicit", "day"), None),
        ("the following year", EventDate(2015, 3, None, "explicit", "month"), EventDate(2016, None, None, "relative", "year")),
        ("Two years later", EventDate(2015, None, None, "explicit", "year"), EventDate(2017, None, None, "relative", "year")),
        ("a year later", EventDate(2015, 6, 2, "explicit", "day"), EventDate(2016, None, None, "relative", "year")),
    ],
)
def test_a_date_counted_from_the_previous_one(expression, previous, expected):
    assert after_previous(expression, previous) == expected


def test_a_date_counted_from_nothing_is_no_date():
    assert after_previous("Twelve days later", None) is None


@pytest.mark.parametrize(("expression", "expected"), [("a year", 1), ("four years", 4), ("12 years", 12), ("two months", None), ("years", None)])
def test_a_count_of_years(expression, expected):
    assert count_of_years(expression) == expected


@pytest.mark.parametrize(
    "expression, future, year",
    [
        ("in the autumn", True, 2024),  # published in May: the coming autumn
        ("in the autumn", False, 2023),  # what happened: the last one
        ("next spring", True, 2025),
        ("last summer", False, 2023),
        ("late autumn", True, 2024),
    ],
)
def test_a_season_is_a_year_counted_from_the_publication(expression, future, year):
    resolved = resolve_event_date(expression, date(2024, 5, 10), future=future)
    assert (resolved.year, resolved.month, resolved.precision) == (year, None, "year")


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("earlier that year", EventDate(2008, None, None, "explicit", "year")),
        ("in September that year", EventDate(2008, 9, None, "explicit", "month")),
        ("later that same year", EventDate(2008, None, None, "explicit", "year")),
    ],
)
def test_that_year_is_a_year_with_the_expressions_own_month(expression, expected):
    assert in_year(expression, 2008) == expected
