"""Resolve a date expression of a news sentence against the publication date.

Why not dateparser: it fills every missing part from the base date ("in October
2011" comes back as 2011-10-31), so the precision of what the text said is
lost, and it does not read "November last year" or "earlier this month". The
analyst needs both the value and how it was found, so the grammar of news date
expressions (month names, years, weekdays, relative years, months and weeks) is
read here, with the calendar arithmetic left to `datetime`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)"
# A number of days, weeks or years is a duration, not a date ("for nine years", "a 9-year halt").
_DURATION_RE = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|decades?)"
    r"[\s-]+(year|month|week|day|decade)s?\b(?!\s+ago)",
)
_SAME_YEAR_RE = re.compile(r"\b(the same year|that year|that same year|later that year)\b")
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


def _count(word: str) -> int:
    """"3" is 3, "three" 3, "a" 1 (the words of _COUNT_WORDS)."""
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


# "Twelve days later", "two years later", "the next day", "the following year": a date counted from the
# one the story told last.
_LATER_RE = re.compile(
    r"\b(?:(?P<count>\d+|" + "|".join(_COUNT_WORDS) + r")\s+(?P<unit>day|week|month|year)s?\s+later"
    r"|the\s+(?:next|following)\s+(?P<next_unit>day|week|month|year))\b"
)
_YEARS_RE = re.compile(r"(?P<count>\d+|" + "|".join(_COUNT_WORDS) + r")\s+years?")
# "Before the end of the year": a story's "the year" is its own
_YEAR_REL = {
    "last year": -1, "previous year": -1, "past year": -1, "this year": 0, "end of the year": 0, "next year": 1, "coming year": 1,
}
_MONTH_REL = {"last month": -1, "previous month": -1, "this month": 0, "next month": 1, "coming month": 1}
_WEEK_REL = {"last week": -7, "previous week": -7, "this week": 0, "next week": 7, "coming week": 7}
_DAY_REL = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


@dataclass(frozen=True)
class EventDate:
    year: int | None
    month: int | None = None
    day: int | None = None
    source: str = "none"  # explicit | relative | publication | paragraph (the year of the past its paragraph tells) | none
    precision: str = "none"  # day | month | year | none

    def as_date(self) -> date | None:
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)


SAME_AS_PREVIOUS = EventDate(year=None, source="previous")
UNDATED = EventDate(year=None)


def _precision(month: int | None, day: int | None) -> str:
    return "day" if day else "month" if month else "year"


def _valid(year: int, month: int | None, day: int | None) -> bool:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True


def _month_shift(anchor: date, months: int) -> tuple[int, int]:
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _normalised(expression: str) -> str:
    return " ".join(expression.lower().replace("’", "'").split())


def in_year(expression: str, year: int) -> EventDate | None:
    """"In September that year", "earlier that year": the expression read with `year` for its "that year"."""
    return resolve_event_date(_SAME_YEAR_RE.sub(str(year), _normalised(expression)), None)


def resolve_event_date(expression: str, published: date | None, future: bool = False) -> EventDate | None:
    """Read one date expression ("on Friday", "in October 2011", "November last year").

    `published` anchors relative expressions; `future` says the event is planned,
    so a bare weekday or month points forward rather than back. Returns None when
    the expression is no date of an event (a duration, "one day"), and
    SAME_AS_PREVIOUS for "in the same year" (the caller knows the previous date).
    """
    text = _normalised(expression)
    if _SAME_YEAR_RE.search(text):
        return SAME_AS_PREVIOUS
    if _DURATION_RE.search(text) and not re.search(_YEAR_RE, text):
        return None

    explicit_year = re.search(r"\b" + _YEAR_RE + r"\b", text)
    month_match = re.search(r"\b" + _MONTH_RE + r"(?![a-z])", text)
    month = MONTHS[month_match.group("month")] if month_match else None
    day = None
    if month_match:
        after = re.match(r"\s*" + _DAY_RE + r"\b", text[month_match.end():])
        before = re.search(r"\b" + _DAY_RE + r"\s+(?:of\s+)?$", text[: month_match.start()])
        found = after or before
        if found and 1 <= int(found.group("day")) <= 31:
            day = int(found.group("day"))

    if explicit_year:
        year = int(explicit_year.group("year"))
        if _valid(year, month, day):
            return EventDate(year, month, day, "explicit", _precision(month, day))
        return EventDate(year, None, None, "explicit", "year")

    if published is None:
        return None

    for phrase, offset in _YEAR_REL.items():
        if _names_relative(phrase, text):
            year = published.year + offset
            if month and _valid(year, month, day):
                return EventDate(year, month, day, "relative", _precision(month, day))
            return EventDate(year, None, None, "relative", "year")
    if month:
        year = published.year
        if not future and (month, day or 1) > (published.month, published.day):
            year -= 1
        elif future and (month, day or 31) < (published.month, published.day):
            year += 1
        if _valid(year, month, day):
            return EventDate(year, month, day, "relative", _precision(month, day))
        return None
    season = _season_year(text, published, future)
    if season is not None:
        return EventDate(season, None, None, "relative", "year")
    for phrase, offset in _MONTH_REL.items():
        if phrase in text:
            year, month = _month_shift(published, offset)
            return EventDate(year, month, None, "relative", "month")
    for phrase, offset in _WEEK_REL.items():
        if phrase in text:
            anchor = published + timedelta(days=offset)
            return EventDate(anchor.year, anchor.month, None, "relative", "month")
    for phrase, offset in _DAY_REL.items():
        if re.search(r"\b" + phrase + r"\b", text):
            anchor = published + timedelta(days=offset)
            return EventDate(anchor.year, anchor.month, anchor.day, "relative", "day")
    weekday = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", text)
    if weekday:
        target = WEEKDAYS[weekday.group(1)]
        if future or re.search(r"\bnext\b", text):
            delta = (target - published.weekday()) % 7 or 7
        else:
            delta = -((published.weekday() - target) % 7)
        anchor = published + timedelta(days=delta)
        return EventDate(anchor.year, anchor.month, anchor.day, "relative", "day")
    ago = re.search(r"\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) (year|month)s? ago\b", text)
    if ago:
        count = _count(ago.group(1))
        if ago.group(2) == "year":
            return EventDate(published.year - count, None, None, "relative", "year")
        year, month = _month_shift(published, -count)
        return EventDate(year, month, None, "relative", "month")
    return None


# A season's first and last months (northern; winter, which spans two years, is left out). "The second half of
# the year" is not read here: "the year" is the one the story is about, which the sentences before may name.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_SEASON_RE = re.compile(r"\b(?:(?P<which>this|next|last|previous|coming)\s+)?(?:(?:early|late|mid)[-\s]?)?(?P<season>spring|summer|autumn|fall)\b")


def _season_year(text: str, published: date, future: bool) -> int | None:
    """"In the autumn", "next spring": the year, counted from the publication (a bare season is the coming one
    for a plan, the last one for what happened)."""
    match = _SEASON_RE.search(text)
    if match is None:
        return None
    which = match.group("which")
    if which in {"next", "coming"}:
        return published.year + 1
    if which in {"last", "previous"}:
        return published.year - 1
    first, last = _SEASONS[match.group("season")]
    if which is None and future and last < published.month:
        return published.year + 1
    if which is None and not future and first > published.month:
        return published.year - 1
    return published.year


def after_previous(expression: str, previous: EventDate | None) -> EventDate | None:
    """"Twelve days later", "the next day", "two years later": the previous date moved on, at no finer
    precision than it had (a month or a day counted from a year alone is still only that year; years
    counted give a year alone); None for other expressions."""
    match = _LATER_RE.search(" ".join(expression.lower().split()))
    if match is None or previous is None or previous.year is None:
        return None
    unit = match.group("unit") or match.group("next_unit")
    count = match.group("count")
    count = 1 if count is None else _count(count)
    if unit == "year":
        return EventDate(previous.year + count, None, None, "relative", "year")
    days = _UNIT_DAYS[unit] * count
    if previous.precision == "day":
        moved = date(previous.year, previous.month, previous.day) + timedelta(days=days)
        return EventDate(moved.year, moved.month, moved.day, "relative", "day")
    if previous.precision == "month":
        moved = date(previous.year, previous.month, 15) + timedelta(days=days)
        return EventDate(moved.year, moved.month, None, "relative", "month")
    return EventDate(previous.year, None, None, "relative", "year")


def count_of_years(expression: str) -> int | None:
    """"A year" is 1, "four years" 4; None for anything but a count of years."""
    match = _YEARS_RE.fullmatch(" ".join(expression.lower().split()))
    if match is None:
        return None
    return _count(match.group("count"))


def explicit_years(expression: str) -> list[int]:
    """The years an expression writes out, in order ("in 2013, 2017 and 2018")."""
    return [int(year) for year in re.findall(r"\b" + _YEAR_RE + r"\b", expression)]


def is_year(word: str) -> bool:
    """Whether a word is a year and nothing else ("1993", not "1993s" or "3")."""
    return re.fullmatch(_YEAR_RE, word) is not None


def explicit_year(year: int) -> EventDate:
    """An edition known by its year alone ("the drill was also held in 2016")."""
    return EventDate(year, None, None, "explicit", "year")


def names_year(expression: str) -> bool:
    """Whether a date expression fixes its own year ("in 2020", "August last year"), not only a month or day."""
    text = expression.lower()
    if re.search(r"\bthe (?:past|last) (?:year|twelve months|12 months)\b", text) and not explicit_years(text):
        return False  # "over the past year" is a span of time up to now, not a year that dates what follows
    return bool(explicit_years(text) or any(_names_relative(phrase, text) for phrase in _YEAR_REL))


def _names_relative(phrase: str, text: str) -> bool:
    """"Last year" in "in November last year"; not "in previous years", a span of several."""
    return re.search(r"\b" + phrase + r"\b", text) is not None


def names_month_only(expression: str) -> bool:
    """"On August 12", "in January": a month (and day) whose year the reader takes from the context."""
    text = expression.lower()
    return bool(re.search(r"\b" + _MONTH_RE + r"(?![a-z])", text)) and not names_year(text)


def publication_fallback(published: date | None) -> EventDate:
    """The report's own month stands in when a current event's sentence gives no date."""
    if published is None:
        return UNDATED
    return EventDate(published.year, published.month, None, "publication", "month")
