"""Tests of transforms/ingest/published.py: the publication date of an article (metadata, the URL, a date line,
a dateline, a photo caption) and where it was read from."""

import re
from datetime import date, datetime, timedelta, timezone

import pytest

from ingest_samples import ARTICLE_TEXT
from transforms.ingest import find_published_date, parse_metadata_date, read_text_file, year_from_gap_statements
from transforms.ingest.date_names import alternation_of, date_names_from_cldr, load_date_names


@pytest.mark.parametrize(
    "line, expected",
    [
        ("May 08, 2019 / 19:01", date(2019, 5, 8)),
        ("Published: 2015-09-11", date(2015, 9, 11)),
        ("September 11, 2015", date(2015, 9, 11)),
        ("Posted Aug 25, 2023 at 06:52 PM", date(2023, 8, 25)),
        ("By Staff Writer | Saturday 24 August 2024, 09:10 IST", date(2024, 8, 24)),
        ("Published March 27, 2020 4:35 PM | Updated March 28, 2020 9:02 PM", date(2020, 3, 27)),
        ("Posted 15.06.2023 - 11:20", date(2023, 6, 15)),  # dotted: day first
        ("Published: 2023/06/15 10:3", date(2023, 6, 15)),
        ("08 JUN 2022 6:45PM by PIB Delhi", date(2022, 6, 8)),  # a byline after a time with no zone
        ("Bogotá D.C., 15 de septiembre de 2023", date(2023, 9, 15)),  # a Spanish place-and-date line
        ("Paris, le 3 mars 2021", date(2021, 3, 3)),
        ("CANBERRA, Thursday 29 August 2024", date(2024, 8, 29)),  # a place, the weekday, the date
        ("Posted 30/05/2018 by Kaspar Lindmäe, Baltic correspondent", date(2018, 5, 30)),  # a label, then a byline
        ("Maputo, 28 de março de 2024", date(2024, 3, 28)),
        ("Thursday 9 July 2020 - 22:15 (Cairo)", date(2020, 7, 9)),  # a time's zone given as its city
        ("Niamey, the 13/04/2018", date(2018, 4, 13)),  # a translated "le 13/04/2018"
        # month and weekday names of other languages, from CLDR (transforms/patterns/date_names.json)
        ("Podgorica, petak, 23. maj 2025.", date(2025, 5, 23)),
        ("Berlin, 4. März 2022", date(2022, 3, 4)),
        ("Lima, 5 de setiembre de 2022", date(2022, 9, 5)),
        ("Ankara, 12 Ekim 2021 Salı", None),  # a weekday after the date is no place-and-date line: not read
    ],
)
def test_date_line_above_the_body(line, expected):
    assert find_published_date(f"Headline here\n\n{line}\n\n{ARTICLE_TEXT}") == (expected, "text" if expected else None)


@pytest.mark.parametrize(
    "title, byline, date_line, expected",
    [
        ("Two navies wrap up a fortnight of anti-submarine drills off the southern coast",
         "The Harbour Gazette - Defence desk, by a staff correspondent in the port",
         "Wednesday, 16 October 2024", date(2024, 10, 16)),
        # with its full stop, the header block looks like a prose paragraph: it is the first, so still read
        ("Ministers of the charter meet on the coast and sign a letter on maritime surveillance",
         "The Coastal Daily - English edition | Politics & Security | Author: a staff writer",
         "Podgorica, petak, 23. maj 2025.", date(2025, 5, 23)),
    ],
)
def test_a_header_of_headline_byline_and_date_line_is_not_read_as_one_wrapped_paragraph(title, byline, date_line, expected):
    article = read_text_file(f"{title}\n{byline}\n{date_line}\n\n{ARTICLE_TEXT}".encode(), "drills.txt")
    assert (article.published, article.published_from) == (expected, "text")
    assert article.title == title


def test_the_date_names_file_is_what_cldr_gives():
    names = load_date_names()
    assert names == date_names_from_cldr()
    assert names["months"]["setiembre"] == 9 and names["weekdays"]["petak"] == 4
    assert "listopad" not in names["months"]  # October in Croatian, November in Czech and Polish


def test_the_trie_of_names_matches_each_name_whole():
    pattern = re.compile(alternation_of(["jan", "januar", "janvier", "mars", "mart"]))
    assert all(pattern.fullmatch(word) for word in ["jan", "januar", "janvier", "mars", "mart"])
    assert not any(pattern.fullmatch(word) for word in ["ja", "janu", "mar", "marsx"])


def test_updated_line_alone():
    text = f"Headline here\n\nLast updated: 28/10/2021 17:05\n\n{ARTICLE_TEXT}"
    assert find_published_date(text) == (date(2021, 10, 28), "updated_line")


def test_published_label_wins_over_updated_even_at_the_end():
    text = f"{ARTICLE_TEXT}\n\nFirst published: 06 Sep 2018 23:40 IST | Updated: 07 Sep 2018 08:15 IST"
    assert find_published_date(text) == (date(2018, 9, 6), "text")


def test_dates_inside_the_body_are_not_publication_dates():
    text = ARTICLE_TEXT + "\n\nThe treaty was signed on March 3, 2011 in the capital by both foreign ministers, who met again later."
    assert find_published_date(text) == (None, None)


def test_dateline_with_year():
    text = "NEW DELHI, Sept 14, 2015 (Reuters) - " + ARTICLE_TEXT
    assert find_published_date(text) == (date(2015, 9, 14), "dateline")


def test_yearless_dateline_takes_year_of_updated_line():
    text = f"Last updated: Jan 2, 2021 08:00\n\nLONDON, Dec 31 - {ARTICLE_TEXT}"
    assert find_published_date(text) == (date(2020, 12, 31), "dateline+updated")


def test_ambiguous_numeric_date_resolved_by_dateline_or_left_alone():
    dated = f"Filed 05/06/2021\n\nPARIS, June 5 - {ARTICLE_TEXT}"
    assert find_published_date(dated) == (date(2021, 6, 5), "text")
    assert find_published_date(f"Filed 05/06/2021\n\n{ARTICLE_TEXT}") == (None, None)


def test_yearless_dateline_without_evidence_stays_null():
    text = f"Seoul, January 31\n\n{ARTICLE_TEXT}\n\nThe navies held a similar drill in 2019 and again in 2021."
    assert find_published_date(text) == (None, None)


@pytest.mark.parametrize(
    "sentences, year",
    [
        ("The navies resumed the drill for the first time in nine years. They last held it in 2012.", 2021),
        ("Talks resumed after a 4-year hiatus. The ministers last met in March 2016.", 2020),
        ("The drills, stalled for 7 years, restart today. They were last staged in 2010.", 2017),
        ("It is the first such visit since 2001, and the first in 12 years.", 2013),
        ("The exercise is back for the first time in five years.", None),
        ("The exercise was last held in 2014.", None),
        ("Patrols resumed for the first time in six years. They last ran in 2010 and drills were last held in 2012.", None),
        ("The first time in two years saw record numbers, after more than three years since it was last held in 2015.", 2017),
    ],
)
def test_year_from_gap_statements(sentences, year):
    assert year_from_gap_statements(sentences) == year


def test_yearless_dateline_completed_by_gap_statement():
    text = (
        "Resumption headline\n\nBUSAN, March 3 - The two coast guards held a joint rescue drill for the first time in"
        " nine years on Monday, officials said in a statement to reporters.\n\nThe drill was last held in 2015 before"
        " relations soured over a dispute about fishing grounds and a radar incident."
    )
    assert find_published_date(text) == (date(2024, 3, 3), "dateline+gap_statement")


def test_yearless_dateline_completed_by_the_edition_the_lead_names():
    text = (
        "MANILA, April 28 (Wire) - Marines from both countries stormed a beach in Zambales on Friday as Balikatan "
        "2023 reached its final week; the drills were first held in 1991.\n\n" + ARTICLE_TEXT
    )
    assert find_published_date(text) == (date(2023, 4, 28), "dateline+name_year")


def test_a_month_or_a_preposition_before_a_year_names_no_edition():
    text = "MANILA, April 28 (Wire) - In 2019 the two navies signed a pact, and in March 2021 they met again.\n\n" + ARTICLE_TEXT
    assert find_published_date(text) == (None, None)


def test_yearless_dateline_completed_by_year_in_file_name():
    text = f"ROME, Aug 15 - {ARTICLE_TEXT}"
    assert find_published_date(text, file_name="parade-2023.txt") == (date(2023, 8, 15), "dateline+file_name")
    assert find_published_date(text, file_name="2346d744315f2a7d.txt") == (None, None)
    assert find_published_date(text, file_name="2019-vs-2023.txt") == (None, None)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2015-09-21T09:40:00+10:00", date(2015, 9, 21)),  # the local date, not UTC's Sept 20
        ("2015-09-14", date(2015, 9, 14)),
        ("Mon, 21 Sep 2015 09:40:00 GMT", date(2015, 9, 21)),
        ("soon", None),
        (None, None),
        ("2015-02-30", None),
        # broken or odd timestamps
        ("2023-06-15T", date(2023, 6, 15)),
        ("2023/06/15 10:3", date(2023, 6, 15)),
        ("20230615", date(2023, 6, 15)),
        ("20230615T103000Z", date(2023, 6, 15)),
        ("15.06.2023", date(2023, 6, 15)),
        ("06/15/2023", date(2023, 6, 15)),
        ("05/06/2023", None),  # day and month order cannot be told
        ("Thu, 15 Jun 2023 10:30:00 +0000", date(2023, 6, 15)),
        (1686787200, date(2023, 6, 15)),  # epoch seconds
        ("1686787200000", date(2023, 6, 15)),  # epoch milliseconds
        (1686787200.5, date(2023, 6, 15)),
        (True, None),
        # implausible: no publication date
        ("1850-06-15", None),
        ("2999-06-15T10:00:00Z", None),
        (32503680000, None),  # epoch seconds of the year 3000
        ("0", None),
    ],
)
def test_parse_metadata_date(value, expected):
    assert parse_metadata_date(value) == expected


def test_a_date_from_tomorrow_is_plausible_one_from_next_week_is_not():
    today = datetime.now(timezone.utc).date()
    assert parse_metadata_date((today + timedelta(days=1)).isoformat()) == today + timedelta(days=1)
    assert parse_metadata_date((today + timedelta(days=7)).isoformat()) is None


CAPTION_TEXT = "Sailors of both navies line the deck of a frigate in the harbour."


def test_date_from_a_photo_caption():
    text = f"Headline here\n\n{ARTICLE_TEXT}\n\n{CAPTION_TEXT} Photo: Sylvanian Navy, 12 June 2023"
    assert find_published_date(text) == (date(2023, 6, 12), "caption")
    bracketed = f"[PHOTO: {CAPTION_TEXT} Staff / 16-06-2023]\n\n{ARTICLE_TEXT}"
    assert find_published_date(bracketed) == (date(2023, 6, 16), "caption")


def test_a_file_photo_caption_is_no_publication_date():
    text = f"{CAPTION_TEXT} (File photo, March 3, 2021)\n\n{ARTICLE_TEXT}"
    assert find_published_date(text) == (None, None)
    archive = f"{CAPTION_TEXT} Photo: Archive, 3 March 2021\n\nOSLO, Jan 4 - {ARTICLE_TEXT}"
    assert find_published_date(archive) == (None, None)


def test_yearless_dateline_completed_by_a_caption_taken_before_it():
    text = f"{CAPTION_TEXT} Photo: Staff, Dec 30, 2022\n\nOSLO, Jan 2 - {ARTICLE_TEXT}"
    assert find_published_date(text) == (date(2023, 1, 2), "dateline+caption")


def test_yearless_posted_line_completed_by_its_weekday():
    # 22 March was a Tuesday in 2016 and 2022; of the years named only 2022 is.
    text = f"Posted Tue 22 Mar | 14:10\n\n{ARTICLE_TEXT}\n\nExercise Northern Star 2022 follows the 2018 edition."
    assert find_published_date(text) == (date(2022, 3, 22), "text+weekday")
    assert find_published_date(text.replace("Tue", "Wed")) == (None, None)


def test_date_in_the_url_path():
    assert find_published_date(ARTICLE_TEXT, url="https://news.example/2023/06/15/talks") == (date(2023, 6, 15), "url")
    assert find_published_date(ARTICLE_TEXT, url="https://news.example/a/talks-20230615-0041") == (date(2023, 6, 15), "url")
    # A URL's date wins over the text's: it is the publisher's.
    dated = f"OSLO, March 3, 2022 - {ARTICLE_TEXT}"
    assert find_published_date(dated, url="https://news.example/2023-06-15/talks") == (date(2023, 6, 15), "url")
    assert find_published_date(ARTICLE_TEXT, url="https://news.example/2023/13/15/talks") == (None, None)
    assert find_published_date(ARTICLE_TEXT, url="https://news.example/2999/06/15/talks") == (None, None)


def test_year_and_month_in_the_url_path():
    url = "https://news.example/2023/06/talks-resume"
    assert find_published_date(ARTICLE_TEXT, url=url) == (date(2023, 6, 30), "url_month")
    assert find_published_date(f"OSLO, June 14 - {ARTICLE_TEXT}", url=url) == (date(2023, 6, 14), "dateline+url")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ministers meet in Lublin\n\nMinistry of National Defence - Press Release\nLublin, 25.09.2020\n\nOn Friday the minister hosted his counterparts.", date(2020, 9, 25)),
        ("Ministers meet\n\nPress Office\nWarsaw, 3 March 2021\n\nOn Friday the minister hosted his counterparts.", date(2021, 3, 3)),
    ],
)
def test_a_press_releases_place_and_date_line_is_its_publication_date(text, expected):
    assert find_published_date(text) == (expected, "text")
