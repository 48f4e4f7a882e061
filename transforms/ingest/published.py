"""The publication date, from every place a careful reader looks (see the comment below for the order).

Over 400 lines on purpose: it answers one question, and its places (metadata, the URL, a date line,
a byline, a dateline, an Updated line, a caption, a yearless date with its year from elsewhere)
share their date patterns and the plausibility rule; split by place, each module would import the rest.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from transforms.ingest.date_names import alternation_of, load_date_names
from transforms.ingest.paragraphs import is_prose


# The publication date, in order of trust; the first plausible one wins:
#   1. the publisher's metadata: HTML meta tags ("metadata"), JSON-LD ("json_ld"), a .jsonl
#      record's date fields ("record_field");
#   2. a full date in the article's URL path ("url");
#   3. for a page, what htmldate finds in its markup: <time>, date or byline elements ("htmldate");
#   4. the text (find_published_date): a "Published/Posted" or byline line, a dateline, a
#      yearless one completed with a year, an "Updated" line, a year-month URL, a photo caption.
# Metadata wins when it and the text disagree: the CMS writes it at publication, while a
# date in the text may be an event's. An implausible date (before 1900, after tomorrow) is
# never a publication date, whatever its source: the next source is read instead.
# Our own patterns rather than dateutil or dateparser: both fill a missing day or year from
# today, and a publication date is never guessed (htmldate does the HTML pages' own search).

EARLIEST_PUBLISHED = date(1900, 1, 1)  # as the event-year check of orchestration/checks.py
_DAYS_AHEAD = 1  # a publisher's local date may run a day ahead of this machine's UTC date
# Months and weekdays in full in the languages whose outlets write English pages with a date line of their own
# ("Bogotá D.C., 15 de septiembre de 2023", "Paris, le 3 mars 2021", "Podgorica, petak, 23. maj 2025.").
_DATE_NAMES = load_date_names()
_FOREIGN_MONTHS = _DATE_NAMES["months"]
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    + "|" + alternation_of(_FOREIGN_MONTHS)
    + r")\.?"
)
_FOREIGN_WEEKDAY = alternation_of(_DATE_NAMES["weekdays"])
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:(?:of|de)\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I
)
# "2015-09-21T09:40", a cut-off "2023-06-15T", "2023/06/15 10:3"
_ISO_DATE = re.compile(rf"\b{_YEAR}(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?!\d)")
_NUMERIC_DATE = re.compile(rf"\b(?P<first>\d{{1,2}})(?P<sep>[./-])(?P<second>\d{{1,2}})(?P=sep){_YEAR}\b")
_FULL_DATES = (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO_DATE, _NUMERIC_DATE)
_COMPACT_DATE = re.compile(rf"{_YEAR}(?P<month>\d\d)(?P<day>\d\d)(?:T|\s|$)")  # "20230615", "20230615T103000Z"
_EPOCH = re.compile(r"(?P<seconds>\d{9,10}(?:\.\d+)?)|(?P<milliseconds>\d{12,13})")
# A date without a year, as a "Posted Tue 22 Mar" line gives it.
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)", re.I)
# a zone is in capitals ("6:45PM IST"), never a word after the time ("6:45PM by PIB Delhi")
# "22:15 (Cairo)": a time's zone may be its city, in brackets
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?-i:(?:\s*\(?[A-Z]{2,5}\)?(?![a-z])|\s*\([A-Z][^()\d]{1,30}\))?)", re.I
)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\b\.?", re.I)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
_SEGMENT_SPLIT = re.compile(r"\s*\|\s*|\s+[·•/]\s+|(?<=[a-z]{2})\.\s+(?=[A-Z][a-z])|\s*\n\s*")
_PUBLISHED_LABELS = frozenset(
    {"published", "first published", "originally published", "posted", "filed", "date", "dated", "created", "released"}
)
_UPDATED_LABELS = frozenset({"updated", "last updated", "modified", "last modified"})
_BYLINE_MAX_WORDS = 6
# "Photo: Kyodo", "[PHOTO: ... / 29-09-2021]", "(Navy photo)", "Picture by ..."
_CAPTION = re.compile(
    r"\b(?:photo(?:graph)?|picture|image|caption)s?\s*(?::|by\b)|[(\[][^)\]]*\b(?:photo(?:graph)?|picture|image)s?\b[^)\]]*[)\]]",
    re.I,
)
_OLD_PHOTO = re.compile(r"\b(?:file|archives?|stock)\b", re.I)  # "(File photo, March 3, 2021)": taken long before
# "SEOUL, Jan 31", "NEW DELHI, Sept 14 (Reuters) -", "Manila, Philippines, March 3, 2020 -"
_PLACE_WORD = r"[A-Z][\w.'’-]*"
DATELINE = re.compile(
    rf"^{_PLACE_WORD}(?:[ -]{_PLACE_WORD}){{0,3}}(?:,\s*{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}})?,\s+"
    rf"(?i:{_MONTH})\s+(?P<day>\d{{1,2}})(?:,?\s+{_YEAR})?(?=\s*(?:$|\(|[-–—:]))"
)
_DATELINE_SEARCH_PARAGRAPHS = 12
# What ends a dateline: an agency in brackets and a dash ("KIEL, Germany, June 10 (Nordwire) - "); a place in
# capitals alone before the dash is a dateline too ("AGADIR - ", "ATAR, Mauritania - ").
_DATELINE_END = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]+\s+")
_PLACE_DATELINE = re.compile(rf"^[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){{0,3}}(?:,\s*{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}})?(?=\s*(?:\([^)]{{1,40}}\)\s*)?[-–—]+\s)")
_NAME_YEAR = re.compile(r"(?<![A-Za-z0-9])((?:19|20)\d\d)(?![A-Za-z0-9])")
# "/2023/06/15/", "/europe/2023-06-15/slug", "-20230615-", "/20230615/"
_URL_DATES = (
    re.compile(rf"[/_-]{_YEAR}(?P<sep>[/_-])(?P<month>0?[1-9]|1[0-2])(?P=sep)(?P<day>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
    re.compile(rf"[/_-]{_YEAR}(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
)
_URL_YEAR_MONTH = re.compile(rf"/{_YEAR}/(?P<month>0?[1-9]|1[0-2])/")  # "/2023/06/slug"
# Field names feeds give the publication date and the article's address, most telling first;
# "created" may be the crawler's own time, so it comes last.
RECORD_DATE_FIELDS = (
    "published", "datePublished", "date_published", "published_at", "publishedAt", "publication_date",
    "pubDate", "pub_date", "date", "timestamp", "created", "created_at",
)
RECORD_URL_FIELDS = ("url", "link", "canonical_url", "permalink")
_WEEKDAY_YEAR_SPAN = 2  # "Tue 22 Mar" is read against the latest years the text names: this many below the latest


def parse_metadata_date(value: object) -> date | None:
    """The calendar date of a metadata value, as feeds write it, broken or not.

    ISO ("2015-09-21T09:40:00+10:00", a cut-off "2023-06-15T", "2023/06/15 10:3"),
    compact "20230615", month names ("21 Sep 2015", RFC 2822), numeric day-first
    "15.06.2023" or an unambiguous "06/15/2023", epoch seconds or milliseconds. The
    date is read as written, not converted to UTC: the publisher's local date is the
    publication date (an epoch, which has no zone, is read in UTC). None when implausible.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value).strip()
    epoch = _EPOCH.fullmatch(text)
    if epoch:
        seconds = int(epoch["milliseconds"]) / 1000 if epoch["milliseconds"] else float(epoch["seconds"])
        found = _plausible(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
        if found:
            return found
    match = _COMPACT_DATE.match(text)
    if match:
        return _make_date(match["year"], match["month"], match["day"])
    for pattern in (_ISO_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _NUMERIC_DATE):
        match = pattern.search(text)
        if match:
            candidates = _candidates(match, pattern)
            return candidates[0] if len(candidates) == 1 else None
    return None


def _latest_publishable() -> date:
    return datetime.now(timezone.utc).date() + timedelta(days=_DAYS_AHEAD)


def _plausible(found: date | None) -> date | None:
    return found if found is not None and EARLIEST_PUBLISHED <= found <= _latest_publishable() else None


def _make_date(year: str | int, month: str | int, day: str | int) -> date | None:
    month_number = month if isinstance(month, int) else (
        int(month) if month.isdigit() else _month_number(month)
    )
    try:
        return _plausible(date(int(year), month_number, int(day)))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    if name.lower() in _FOREIGN_MONTHS:
        return _FOREIGN_MONTHS[name.lower()]
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").index(
        name[:3].lower()
    ) + 1


def _candidates(match: re.Match, pattern: re.Pattern) -> tuple[date, ...]:
    """The dates a match can be: two for "05/06/2021"; dotted dates are day first, as the countries writing them read them."""
    if pattern is not _NUMERIC_DATE:
        found = _make_date(match["year"], match["month"], match["day"])
        return (found,) if found else ()
    first, second, year = int(match["first"]), int(match["second"]), match["year"]
    readings = {_make_date(year, second, first)}
    if match["sep"] != ".":
        readings.add(_make_date(year, first, second))
    return tuple(sorted(d for d in readings if d))


def url_date(url: str | None) -> date | None:
    """The date of a URL's path ("/2023/06/15/slug"); the host and query are not read."""
    path = _url_path(url)
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = _make_date(match["year"], match["month"], match["day"])
            if found:
                return found
    return None


def _url_year_month(url: str | None) -> tuple[int, int] | None:
    match = _URL_YEAR_MONTH.search(_url_path(url))
    if match and _make_date(match["year"], match["month"], 1):
        return int(match["year"]), int(match["month"])
    return None


def _url_path(url: str | None) -> str:
    try:
        return urlsplit(url).path if url else ""
    except ValueError:  # "http://[not-a-host"
        return ""


@dataclass(frozen=True)
class _DateMention:
    kind: str  # published | updated | bare
    candidates: tuple[date, ...]  # two when day and month order is ambiguous; none for a yearless date
    month_day: tuple[int, int] | None = None  # a yearless date
    weekday: int | None = None  # the weekday the line names, Monday 0


def date_segments(paragraph: str) -> list[_DateMention]:
    """Dates of a date/byline line: "Published: May 8, 2019 | Updated ...", "By X | 3 Nov 2020", "Posted Tue 22 Mar"."""
    mentions = []
    for segment in _SEGMENT_SPLIT.split(paragraph):
        mention = _date_segment(segment)
        if mention:
            mentions.append(mention)
    return mentions


def _date_segment(segment: str) -> _DateMention | None:
    month_day = None
    match = _first_full_date(segment)
    if match:
        candidates = _candidates(match, match.re)
        if not candidates:
            return None
    else:
        match = _DAY_MONTH.search(segment) or _MONTH_DAY.search(segment)
        if not match or not _make_date(2000, match["month"], match["day"]):  # a leap year: "29 Feb" is a day
            return None
        candidates, month_day = (), (_month_number(match["month"]), int(match["day"]))
    weekday = _WEEKDAY.search(segment)
    weekday_number = _WEEKDAYS.index(weekday[0][:3].lower()) if weekday else None
    residue = segment[: match.start()] + " " + segment[match.end() :]
    residue = _WEEKDAY.sub(" ", _TIME.sub(" ", residue))
    words = [w for w in re.findall(r"[a-z']+", residue.lower()) if w not in {"at", "on", "the"}]
    label = " ".join(words)
    # "Lublin, 25.09.2020": a press release's place-and-date line
    # "Bogotá D.C., 15 de septiembre de 2023", "Paris, le 3 mars 2021", "CANBERRA, Thursday 29 August 2024",
    # "Podgorica, petak, 23. maj 2025.", and a translation's "Niamey, the 13/04/2018"
    place_line = re.fullmatch(
        r"\s*[A-ZÀ-Þ][^\W\d_]*(?:[ .'’-]+[^\W\d_]*){0,4},\s*"
        rf"(?:le\s+|the\s+|(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|{_FOREIGN_WEEKDAY}),?\s+)?",
        segment[: match.start()],
    ) and not segment[match.end() :].strip(" .")
    # "Posted 30/05/2018 by Kaspar Lindmäe, Baltic correspondent": a label, then the byline
    before_byline = " ".join(words[: words.index("by")]) if "by" in words else None
    if not words or (words[0] == "by" and len(words) <= _BYLINE_MAX_WORDS) or place_line:
        kind = "bare"
    elif label in _PUBLISHED_LABELS or before_byline in _PUBLISHED_LABELS:
        kind = "published"
    elif label in _UPDATED_LABELS:
        kind = "updated"
    else:
        return None
    return _DateMention(kind, candidates, month_day, weekday_number)


def find_published_date(
    text: str, file_name: str | None = None, url: str | None = None
) -> tuple[date | None, str | None]:
    """Publication date of a cleaned text (and the article's URL) and how it was found.

    In order:
    - a full date in the URL's path ("url");
    - a line labelled "Published/Posted/Filed" anywhere, or a bare date/byline line
      above the body ("text");
    - a dateline with a year ("dateline");
    - a yearless dateline ("SEOUL, Jan 31"), else a yearless Published/byline date
      ("Posted Tue 22 Mar"), completed with the year ("dateline+..." or "text+..."):
      of an "Updated" line, the latest it can be ("+updated"); of the URL when its
      month is the same ("+url"); of a photo caption, which is taken on or before the
      day, the earliest it can be ("+caption"); the one year near the latest the text
      names on which the date falls on the weekday the line names ("+weekday"); of the
      gap statements (year_from_gap_statements, "+gap_statement"); of a single year in
      the file name ("+file_name"); of the latest event the top of the story names with
      its year, "as African Lion 2023 drew to a close" ("+name_year");
    - an "Updated" date alone ("updated_line");
    - a year and month in the URL ("url_month"): the last day it can have been
      published, the month's last or tomorrow. The day is unknown; a date after the
      publication date would make a past event planned, the last day does not;
    - a photo caption's date ("caption"), at worst a day or two early. Never a file or
      archive photo's: it may be years old.
    Otherwise (None, None).
    """
    in_url = url_date(url)
    if in_url:
        return in_url, "url"
    paragraphs = text.split("\n\n")
    # A bare date line is read above the first prose paragraph, and in the first paragraph, which holds the
    # title and its date line when no blank line parts them ("Title\nOutlet | Author\nPodgorica, 23. maj 2025.").
    header_end = max(1, next((i for i, p in enumerate(paragraphs) if is_prose(p)), len(paragraphs)))
    dateline = _find_dateline(paragraphs[:_DATELINE_SEARCH_PARAGRAPHS])

    found: dict[str, list[date]] = {"published": [], "bare": [], "updated": [], "caption": []}
    yearless: list[_DateMention] = []
    for index, paragraph in enumerate(paragraphs):
        mentions = [m for m in date_segments(paragraph) if m.kind != "bare" or index < header_end]
        if _CAPTION.search(paragraph) and all(m.kind == "bare" for m in mentions):
            caption_date = None if _OLD_PHOTO.search(paragraph) else _caption_date(paragraph, dateline)
            if caption_date:
                found["caption"].append(caption_date)
            continue
        for mention in mentions:
            resolved = _resolve_day_month_order(mention.candidates, dateline)
            if resolved:
                found[mention.kind].append(resolved)
            elif mention.month_day and mention.kind != "updated":
                yearless.append(mention)
    if found["published"] or found["bare"]:
        return (found["published"] or found["bare"])[0], "text"

    if dateline and dateline[2]:
        published = _make_date(dateline[2], dateline[0], dateline[1])
        if published:
            return published, "dateline"
    if dateline or yearless:
        month, day = dateline[:2] if dateline else yearless[0].month_day
        weekday = next((m.weekday for m in yearless if m.month_day == (month, day) and m.weekday is not None), None)
        year, year_from = _year_of_yearless_date(
            month, day, weekday, text, file_name, url, found["updated"], found["caption"]
        )
        published = _make_date(year, month, day) if year else None
        if published:
            return published, f"{'dateline' if dateline else 'text'}+{year_from}"
    if found["updated"]:
        return found["updated"][0], "updated_line"
    year_month = _url_year_month(url)
    if year_month:
        year, month = year_month
        last_day = date(year, month, calendar.monthrange(year, month)[1])
        return min(last_day, _latest_publishable()), "url_month"
    if found["caption"]:
        return found["caption"][0], "caption"
    return None, None


def _year_of_yearless_date(
    month: int,
    day: int,
    weekday: int | None,
    text: str,
    file_name: str | None,
    url: str | None,
    updated: list[date],
    captions: list[date],
) -> tuple[int | None, str | None]:
    """The year of a yearless publication date and where it came from (see find_published_date)."""
    if updated:
        bound = updated[0]  # updated on or after publication
        return (bound.year if (month, day) <= (bound.month, bound.day) else bound.year - 1), "updated"
    year_month = _url_year_month(url)
    if year_month and year_month[1] == month:
        return year_month[0], "url"
    if captions:
        bound = captions[0]  # photographed on or before publication
        return (bound.year if (month, day) >= (bound.month, bound.day) else bound.year + 1), "caption"
    candidates = (
        (_year_on_weekday(month, day, weekday, text), "weekday"),
        (year_from_gap_statements(text), "gap_statement"),
        (_year_in_file_name(file_name) if file_name else None, "file_name"),
        (_year_of_named_edition(text), "name_year"),
    )
    return next(((year, source) for year, source in candidates if year), (None, None))


# "as African Lion 2023 drew to a close", "Vostok-2022 ended on Wednesday": an event named with its year.
_EDITION_NAME = re.compile(r"\b(?P<name>[A-Z][A-Za-z]+)[ -](?P<year>(?:19|20)\d\d)\b")
_NOT_NAMES = frozenset(
    "in since until till by from for of during before after through and or the early late mid end around about circa "
    "spring summer autumn fall winter".split()
)


def _year_of_named_edition(text: str) -> int | None:
    """The latest year the top of the story (the lines above the lead, and the lead) names an event by
    ("Tradewinds 2024"): the story is of that edition, so of that year. A month's year ("March 2007")
    or a preposition's ("In 2019") is no name."""
    paragraphs = text.split("\n\n")
    lead = "\n\n".join(paragraphs[: next((i for i, p in enumerate(paragraphs) if is_prose(p)), 0) + 1])
    years = [
        int(match["year"]) for match in _EDITION_NAME.finditer(lead)
        if match["name"].lower() not in _NOT_NAMES and not re.fullmatch(_MONTH, match["name"], re.I)
    ]
    return max(years, default=None)


def _year_on_weekday(month: int, day: int, weekday: int | None, text: str) -> int | None:
    """The one year, among the latest the text names, in which month/day falls on `weekday`.

    "Posted Tue 22 Mar" in a story of "Exercise Northern Star 2022" gives 2022: 22 March
    was a Tuesday in 2016 and 2022, and only 2022 is named. Years the text names further
    back are background: the story is of the latest ones.
    """
    if weekday is None:
        return None
    named = {int(year) for year in _NAME_YEAR.findall(text) if _make_date(year, month, day)}
    if not named:
        return None
    recent = max(named) - _WEEKDAY_YEAR_SPAN
    fits = {year for year in named if year >= recent and date(year, month, day).weekday() == weekday}
    return fits.pop() if len(fits) == 1 else None


def _first_full_date(text: str) -> re.Match | None:
    """The first of the full-date patterns that `text` holds, matched."""
    return next(filter(None, (pattern.search(text) for pattern in _FULL_DATES)), None)


def _caption_date(caption: str, dateline: tuple[int, int, int | None] | None) -> date | None:
    match = _first_full_date(caption)
    return _resolve_day_month_order(_candidates(match, match.re), dateline) if match else None


def dateline_length(paragraph: str) -> int:
    """How many characters a dateline takes at the start of a paragraph, its dash included; 0 without one.
    The story's first sentence starts after it: parsed with it, the place becomes the sentence's subject."""
    match = DATELINE.match(paragraph) or _PLACE_DATELINE.match(paragraph)
    end = match and _DATELINE_END.match(paragraph, match.end())
    return end.end() if end else 0


def _find_dateline(paragraphs: list[str]) -> tuple[int, int, int | None] | None:
    for paragraph in paragraphs:
        match = DATELINE.match(paragraph)
        if match:
            year = int(match["year"]) if match["year"] else None
            return _month_number(match["month"]), int(match["day"]), year
    return None


def _resolve_day_month_order(
    candidates: tuple[date, ...], dateline: tuple[int, int, int | None] | None
) -> date | None:
    if len(candidates) == 1:
        return candidates[0]
    if dateline:
        matching = [d for d in candidates if (d.month, d.day) == dateline[:2]]
        if len(matching) == 1:
            return matching[0]
    return None  # 05/06/2021 with nothing to tell the order: not guessed


def _year_in_file_name(file_name: str) -> int | None:
    years = set(_NAME_YEAR.findall(Path(file_name).stem))
    return int(years.pop()) if len(years) == 1 else None


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_GAP_WORD = r"(?:halt|hiatus|gap|break|pause|absence|suspension|lull|freeze|stall|interval)"
_GAP_STATEMENTS = [
    re.compile(p, re.I)
    for p in (
        rf"\bfirst\b[^.!?\n]{{0,80}}?\bin\s+{_COUNT}\s+years\b",  # "for the first time in nine years"
        rf"\b{_COUNT}[- ]year\s+{_GAP_WORD}\b",  # "after a 9-year halt"
        rf"\b(?:stalled|suspended|halted|paused|frozen)\s+for\s+{_COUNT}\s+years\b",
        rf"\b{_GAP_WORD}\s+of\s+{_COUNT}\s+years\b",  # "a hiatus of nine years"
    )
]
_LAST_YEAR_STATEMENTS = [
    re.compile(p, re.I)
    for p in (
        rf"\blast\s+(?:[\w'’-]+\s+){{0,8}}?in\s+(?:(?:early|late|mid-?)\s*)?(?:{_MONTH}\s+)?{_YEAR}\b",
        rf"\bfirst\b[^.!?\n]{{0,80}}?\bsince\s+(?:{_MONTH}\s+)?{_YEAR}\b",
    )
]


def year_from_gap_statements(text: str) -> int | None:
    """The current year as the text states it through a gap: YYYY + N.

    "... resumed for the first time in nine years" with "... last held in
    2017" gives 2026. Every gap length paired with every "last ... in YYYY"
    (or "first ... since YYYY") must give the same year; otherwise None.
    """
    gaps = {
        int(m["count"]) if m["count"].isdigit() else _NUMBER_WORDS[m["count"].lower()]
        for pattern in _GAP_STATEMENTS
        for m in pattern.finditer(text)
    }
    last_years = {int(m["year"]) for pattern in _LAST_YEAR_STATEMENTS for m in pattern.finditer(text)}
    years = {year + gap for year in last_years for gap in gaps if gap > 0}
    return years.pop() if len(years) == 1 else None
