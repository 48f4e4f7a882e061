import json
import os
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import polars as pl
import pytest

from transforms.ingest import (
    MAX_INPUT_BYTES,
    InputRejected,
    QuarantineReason,
    clean_text,
    decode_text,
    find_published_date,
    other_language,
    parse_metadata_date,
    read_html,
    read_jsonl,
    read_raw_folder,
    read_text_file,
    split_title,
    year_from_gap_statements,
)
from transforms.schemas import ARTICLES, QUARANTINE

BODY = [
    "The defence ministers of Freedonia and Sylvania met in the capital on Tuesday and agreed to hold a joint naval exercise later this year, officials said.",
    "The two sides also discussed maritime security, training exchanges and the protection of undersea cables, according to a statement issued after the talks.",
    "Analysts said the meeting marked a new stage in a relationship that had been strained for several years by a dispute over fishing rights.",
    "The exercise is expected to involve frigates, patrol aircraft and a submarine, and will be held off the southern coast in the autumn.",
]
ARTICLE_TEXT = "\n\n".join(BODY)
GERMAN = (
    "Die Verteidigungsminister beider Länder trafen sich am Dienstag in der Hauptstadt und vereinbarten "
    "eine gemeinsame Marineübung im Herbst. Beide Seiten sprachen auch über maritime Sicherheit, "
    "Ausbildung und den Schutz von Unterseekabeln, wie es in einer Erklärung nach den Gesprächen hieß. "
    "Fachleute sagten, das Treffen markiere eine neue Phase in einer Beziehung, die seit Jahren durch "
    "einen Streit über Fischereirechte belastet war."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def article_for(headline: str, *body: str) -> str:
    return "\n\n".join([headline, *(body or BODY)]) + "\n"


def reasons(result) -> list[tuple[str, str]]:
    return sorted(
        (f"{row['source_file']}#{row['record_id']}" if row["record_id"] else row["source_file"], row["reason"])
        for row in result.quarantine.iter_rows(named=True)
    )


# ------------------------------------------------------------------ decoding


def test_decode_utf8_with_bom():
    assert decode_text("\ufeffDéfense talks".encode("utf-8")) == "Défense talks"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(codec):
    data = "\ufeffNaval drill ‘Sea Shield’\r\nends".encode(codec)
    assert decode_text(data) == "Naval drill ‘Sea Shield’\nends"


def test_decode_cp1252_falls_back_from_utf8():
    data = b"The minister said \x93we agree\x94 \x96 caf\xe9"
    assert decode_text(data) == "The minister said “we agree” – café"


def test_decode_normalises_line_ends_and_drops_stray_nul_bytes():
    data = b"First line\r\nsecond\x00 line\rthird"
    assert decode_text(data) == "First line\nsecond line\nthird"


def test_decode_rejects_binary():
    with pytest.raises(InputRejected) as rejected:
        decode_text(bytes(range(256)) * 10)
    assert rejected.value.reason == QuarantineReason.BINARY


def test_decode_rejects_utf16_without_bom_as_binary():
    with pytest.raises(InputRejected) as rejected:
        decode_text("A plain English sentence about drills.".encode("utf-16-le"))
    assert rejected.value.reason == QuarantineReason.BINARY


# ------------------------------------------------------------------ cleaning


def test_clean_text_drops_trailing_comments_and_link_lists():
    scrape = "\n\n".join(
        [
            *BODY,
            "Share this article:  Facebook | Twitter | Email",
            "Related coverage",
            "- Navy chief visits the northern fleet",
            "- Budget talks stall again",
            "Reader Comments (2)",
            "jon_d: About time the two navies trained together.",
            "Mara K.: Hope this brings some stability to the region and to the fishing towns on the coast, which have suffered for years from the dispute.",
            "Leave a Comment",
        ]
    )
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_drops_comments_written_as_name_then_text():
    comment = "I think this is a very welcome step for both countries and I hope the politicians keep their word this time, unlike the last time they promised to cooperate."
    scrape = "\n".join([*BODY, "Comments", "A", "Alex P", comment, "B", "Bea R", comment + " Really."])
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_keeps_article_after_a_navigation_list_at_the_top():
    scrape = "\n".join(["Trending", "- Weather warning for the coast", "- Markets close higher", *BODY])
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_keeps_article_after_an_inline_read_more_box():
    scrape = "\n\n".join([BODY[0], BODY[1], "Read more", "- An unrelated headline", BODY[2], BODY[3]])
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_drops_chrome_lines():
    scrape = "\n".join(
        ["3 min read", BODY[0], "|", "READ MORE: Another headline entirely", BODY[1], "[Facebook] [X] [Copy link]", BODY[2], "Photo: Reuters", BODY[3], "Tags: navy, defence"]
    )
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_keeps_photo_captions_with_a_credit():
    caption = "The two ministers review a guard of honour in the capital. Photo: Agency"
    assert caption in clean_text("\n".join([BODY[0], caption, BODY[1]]))


def test_clean_text_keeps_first_of_repeated_paragraphs():
    scrape = "\n\n".join([BODY[0], BODY[1], "Background", BODY[0], BODY[1], "Background", BODY[2]])
    assert clean_text(scrape) == "\n\n".join([BODY[0], BODY[1], "Background", BODY[2]])


def test_clean_text_joins_hard_wrapped_lines_but_not_lists():
    wrapped = (
        "The defence ministers of Freedonia and Sylvania met in the\n"
        "capital on Tuesday and agreed to hold a joint naval exercise\n"
        "later this year, officials said in a statement."
    )
    assert clean_text(wrapped) == " ".join(wrapped.split("\n"))
    bullets = "Key points:\n- first point here\n- second point here\n- third point here"
    assert clean_text(bullets).split("\n\n") == bullets.split("\n")


def test_split_title_takes_a_headline_but_not_a_sentence():
    title, body = split_title("May 08, 2019 / 19:01\n\nNavies hold first joint drill\n\n" + ARTICLE_TEXT)
    assert title == "Navies hold first joint drill"
    assert body == "May 08, 2019 / 19:01\n\n" + ARTICLE_TEXT
    assert split_title(ARTICLE_TEXT) == (None, ARTICLE_TEXT)


# ------------------------------------------------------------------ dates


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
        ("Posted 30/05/2018 by Kaspar Lindmäe, Baltic correspondent", date(2018, 5, 30)),  # a label, then a byline
        ("Maputo, 28 de março de 2024", date(2024, 3, 28)),
    ],
)
def test_date_line_above_the_body(line, expected):
    assert find_published_date(f"Headline here\n\n{line}\n\n{ARTICLE_TEXT}") == (expected, "text")


def test_a_header_of_headline_byline_and_date_line_is_not_read_as_one_wrapped_paragraph():
    header = (
        "Two navies wrap up a fortnight of anti-submarine drills off the southern coast\n"
        "The Harbour Gazette - Defence desk, by a staff correspondent in the port\n"
        "Wednesday, 16 October 2024\n\n"
    )
    article = read_text_file((header + ARTICLE_TEXT).encode(), "drills.txt")
    assert (article.published, article.published_from) == (date(2024, 10, 16), "text")
    assert article.title == "Two navies wrap up a fortnight of anti-submarine drills off the southern coast"


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


# ------------------------------------------------------------------ readers


def test_read_text_file_title_date_and_text():
    scrape = "\r\n".join(
        ["Freedonia, Sylvania agree naval drill", "", "Published: 2015-09-11", "", *BODY, "", "2 min read", "Other News", "- Something else"]
    )
    article = read_text_file(scrape.encode("cp1252"), "news/a.txt")
    assert article.title == "Freedonia, Sylvania agree naval drill"
    assert article.text == "Published: 2015-09-11\n\n" + ARTICLE_TEXT
    assert (article.published, article.published_from) == (date(2015, 9, 11), "text")
    assert article.record_id is None


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Freedonia and Sylvania agree naval drill | The Example Times</title>
<meta property="og:title" content="Freedonia and Sylvania agree naval drill">
<meta property="og:url" content="https://times.example/defence/naval-drill">
{meta}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Freedonia and Sylvania agree naval drill</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<div class="body">{paragraphs}</div>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Harbour dredging contract awarded to local firm</a></li>
<li><a href="/b">Opposition questions the cost of new patrol boats</a></li></ul></aside>
<section class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Great news for the coastal towns, finally some cooperation.</p></div>
<div class="comment"><p>I doubt the drill will change anything at all for the fishermen.</p></div></section>
</main><footer><p>&copy; The Example Times</p></footer></body></html>"""


def html_page(meta: str = "", body: list[str] = BODY) -> bytes:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return HTML_PAGE.format(meta=meta, paragraphs=paragraphs).encode("utf-8")


def test_read_html_extracts_body_paragraphs_only():
    meta = '<meta property="article:published_time" content="2021-06-05T23:30:00-04:00">'
    article = read_html(html_page(meta), "page.html")
    assert article.text == ARTICLE_TEXT
    assert article.title == "Freedonia and Sylvania agree naval drill"
    assert article.url == "https://times.example/defence/naval-drill"
    assert (article.published, article.published_from) == (date(2021, 6, 5), "metadata")


def test_read_html_date_from_json_ld():
    meta = '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2020-02-03T10:00:00Z"}]}</script>'
    article = read_html(html_page(meta), "page.html")
    assert (article.published, article.published_from) == (date(2020, 2, 3), "json_ld")


def test_read_html_without_metadata_falls_back_to_the_dateline():
    article = read_html(html_page(body=[f"OSLO, March 3, 2022 - {BODY[0]}", *BODY[1:]]), "page.html")
    assert (article.published, article.published_from) == (date(2022, 3, 3), "dateline")


def test_read_html_date_from_the_canonical_or_og_url_link():
    canonical = '<link rel="canonical" href="https://times.example/2023/06/15/naval-drill">'
    article = read_html(html_page(canonical), "page.html")
    assert (article.published, article.published_from) == (date(2023, 6, 15), "url")
    page = html_page().replace(b"https://times.example/defence/naval-drill", b"https://times.example/defence/20230615/naval-drill")
    article = read_html(page, "page.html")
    assert (article.url, article.published, article.published_from) == (
        "https://times.example/defence/20230615/naval-drill", date(2023, 6, 15), "url",
    )


def test_read_html_metadata_wins_over_the_text():
    meta = '<meta property="article:published_time" content="2021-06-05">'
    article = read_html(html_page(meta, body=[f"OSLO, March 3, 2022 - {BODY[0]}", *BODY[1:]]), "page.html")
    assert (article.published, article.published_from) == (date(2021, 6, 5), "metadata")


def test_read_html_date_line_of_the_page():
    # A date line htmldate does not read: the page's text does.
    page = html_page().replace(b'<div class="share">', b'<p class="kicker">Filed 16.07.2023</p><div class="share">')
    article = read_html(page, "page.html")
    assert (article.published, article.published_from) == (date(2023, 7, 16), "text")


def test_read_html_date_htmldate_finds_in_the_markup():
    page = html_page().replace(b'<div class="share">', b'<time datetime="2023-07-16T09:12:00Z">16 July</time><div class="share">')
    article = read_html(page, "page.html")
    assert (article.published, article.published_from) == (date(2023, 7, 16), "htmldate")


def test_read_html_ignores_external_entities(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOPSECRET")
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
        + html_page().decode().replace("<p>", "<p>&x;", 1).split("\n", 1)[1]
    )
    article = read_html(page.encode(), "page.html")
    assert "TOPSECRET" not in article.text


def test_read_jsonl_records():
    lines = [
        json.dumps({"id": "A-1", "url": "https://wire.example/a", "title": "Drill agreed", "published": "2015-09-14", "source": "Wire", "text": ARTICLE_TEXT}),
        "",
        json.dumps({"id": 7, "text": f"CANBERRA, Sept 14, 2015 (Wire) - {BODY[0]}"}),
    ]
    first, second = read_jsonl("\n".join(lines).encode(), "wire.jsonl")
    assert (first.record_id, first.title, first.source, first.url) == ("A-1", "Drill agreed", "Wire", "https://wire.example/a")
    assert (first.published, first.published_from) == (date(2015, 9, 14), "record_field")
    assert (second.record_id, second.published, second.published_from) == ("7", date(2015, 9, 14), "dateline")


def test_read_jsonl_dates_from_other_fields_and_the_url():
    lines = [
        json.dumps({"id": "a", "pubDate": 1686787200000, "text": ARTICLE_TEXT}),
        json.dumps({"id": "b", "link": "https://wire.example/2023/06/15/drill", "text": ARTICLE_TEXT}),
        json.dumps({"id": "c", "published": "2999-01-01", "text": f"CANBERRA, Sept 14, 2015 - {BODY[0]}"}),
        json.dumps({"id": "d", "published": "", "date": "2023-06-15T", "text": ARTICLE_TEXT}),
    ]
    by_epoch, by_link, implausible, broken = read_jsonl("\n".join(lines).encode(), "feed.jsonl")
    assert (by_epoch.published, by_epoch.published_from) == (date(2023, 6, 15), "record_field")
    assert (by_link.url, by_link.published, by_link.published_from) == (
        "https://wire.example/2023/06/15/drill", date(2023, 6, 15), "url",
    )
    assert (implausible.published, implausible.published_from) == (date(2015, 9, 14), "dateline")
    assert (broken.published, broken.published_from) == (date(2023, 6, 15), "record_field")


def test_read_jsonl_bad_records():
    lines = [
        '{"id": "A", "text": "fine text"}',
        '{"id": "B", "text": ',
        '["not", "an", "object"]',
        '{"text": "no id here"}',
        '{"id": "A", "text": "again"}',
        '{"id": "C", "text": "   "}',
        '{"id": "D"}',
    ]
    outcomes = read_jsonl("\n".join(lines).encode(), "w.jsonl")
    summary = [(o.record_id, getattr(o, "reason", "article")) for o in outcomes]
    assert summary == [
        ("A", "article"),
        (None, QuarantineReason.MALFORMED_JSON),
        (None, QuarantineReason.MALFORMED_JSON),
        (None, QuarantineReason.MISSING_RECORD_ID),
        ("A", QuarantineReason.DUPLICATE_RECORD_ID),
        ("C", QuarantineReason.MISSING_TEXT),
        ("D", QuarantineReason.MISSING_TEXT),
    ]
    assert outcomes[1].detail.startswith("line 2:")


def test_other_language_names_the_language_and_is_conservative():
    assert other_language(ARTICLE_TEXT) is None
    assert other_language("Kurz: Marine übt") is None  # too short to tell
    assert other_language(GERMAN) == "de"
    # an English article quoting a sentence of another language stays English
    assert other_language(f"{ARTICLE_TEXT} {GERMAN[:120]}") is None


# ------------------------------------------------------------------ the folder


@pytest.fixture
def raw_folder(tmp_path) -> Path:
    raw = tmp_path / "raw"
    write(raw, "a article.txt", article_for("Freedonia, Sylvania agree naval drill"))
    write(raw, "nested/déjà vu/b.htm", html_page('<meta property="article:published_time" content="2021-06-05">', BODY[::-1]))
    write(raw, "nested/wire.jsonl", "\n".join([
        json.dumps({"id": "W-2", "published": "2020-01-02", "text": "\n\n".join(BODY[1:] + ["A wire-only closing paragraph, written for the record."])}),
        "not json at all",
        json.dumps({"id": "W-1", "published": "2020-01-01", "text": "\n\n".join(BODY[:1] + ["A different wire paragraph about the talks in the capital."])}),
    ]) + "\n")
    return raw


def test_read_raw_folder_reads_every_format(raw_folder):
    result = read_raw_folder(raw_folder)
    assert dict(result.articles.schema) == ARTICLES
    assert dict(result.quarantine.schema) == QUARANTINE
    assert result.articles["source_file"].to_list() == [
        "a article.txt",
        "nested/déjà vu/b.htm",
        "nested/wire.jsonl",
        "nested/wire.jsonl",
    ]
    assert result.articles["record_id"].to_list() == [None, None, "W-1", "W-2"]
    assert reasons(result) == [("nested/wire.jsonl", "malformed_json")]
    assert "line 2" in result.quarantine["detail"][0]
    assert all("\n\n" in text for text in result.articles["text"])


def test_ids_and_frames_are_stable_across_runs(raw_folder):
    first, second = read_raw_folder(raw_folder), read_raw_folder(raw_folder)
    assert first.articles.equals(second.articles)
    assert first.quarantine.equals(second.quarantine)
    assert first.articles["article_id"].n_unique() == first.articles.height
    assert first.quarantine["seen_at"].null_count() == 0


def test_every_quarantine_reason_and_the_accounting_rule(tmp_path):
    raw = tmp_path / "raw"
    outside = write(tmp_path, "outside/secret.txt", article_for("Outside file"))
    write(raw, "good.txt", article_for("Good article"))
    write(raw, "copy.txt", article_for("Good article"))
    write(raw, "blank.txt", "  \n\t\n")
    write(raw, "image.txt", bytes(range(256)) * 40)
    write(raw, "notes.md", "# notes")
    write(raw, "only-chrome.txt", "Share this article\n2 min read\n|\n")
    write(raw, "nav-only.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write(raw, "empty.jsonl", "\n\n")
    write(raw, "foreign.txt", article_for("Titel", GERMAN))
    with open(raw / "huge.txt", "wb") as huge:  # sparse: never written, never read
        huge.truncate(MAX_INPUT_BYTES + 1)
    write(raw, "records.jsonl", "\n".join([
        json.dumps({"id": "r1", "text": ARTICLE_TEXT}),
        "{broken",
        json.dumps({"id": "r2", "title": "no text"}),
        json.dumps({"id": "r2", "text": "dup id"}),
        json.dumps({"text": "no id"}),
    ]))
    write(raw, ".hidden.txt", article_for("Hidden"))
    write(raw, ".git/config.txt", article_for("Hidden folder"))
    (raw / "link-out.txt").symlink_to(outside)
    (raw / "dir-out").symlink_to(outside.parent, target_is_directory=True)
    (raw / "link-in.txt").symlink_to(raw / "good.txt")
    (raw / "dir-in").symlink_to(raw / "sub", target_is_directory=True)
    write(raw, "sub/other.txt", article_for("Other", BODY[0] + " Extra words make this text unique."))
    (raw / "dangling.txt").symlink_to(raw / "missing.txt")
    os.mkfifo(raw / "pipe.txt")

    result = read_raw_folder(raw)

    assert reasons(result) == sorted(
        [
            ("blank.txt", "empty"),
            ("dangling.txt", "unreadable"),
            ("dir-out", "symlink_outside"),
            ("empty.jsonl", "empty"),
            ("foreign.txt", "non_english"),
            ("good.txt", "duplicate_content"),
            ("huge.txt", "too_large"),
            ("image.txt", "binary"),
            ("link-in.txt", "duplicate_content"),
            ("link-out.txt", "symlink_outside"),
            ("nav-only.html", "no_article_text"),
            ("notes.md", "unsupported_format"),
            ("only-chrome.txt", "no_article_text"),
            ("pipe.txt", "unreadable"),
            ("records.jsonl", "malformed_json"),
            ("records.jsonl", "missing_record_id"),
            ("records.jsonl#r1", "duplicate_content"),
            ("records.jsonl#r2", "duplicate_record_id"),
            ("records.jsonl#r2", "missing_text"),
        ]
    )
    # copy.txt sorts first among four inputs with the same cleaned text, so it is the one kept.
    assert result.articles["source_file"].to_list() == ["copy.txt", "sub/other.txt"]
    duplicates = result.quarantine.filter(pl.col("reason") == "duplicate_content")
    assert set(duplicates["detail"]) == {"same cleaned text as copy.txt"}
    # Accounting: 17 visible inputs (the folder link into raw is not one); records.jsonl is 5 rows.
    assert result.articles.height + result.quarantine.height == 16 + 5


def test_missing_folder_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="raw-data folder not found"):
        read_raw_folder(tmp_path / "nope")


def test_seen_at_is_the_file_modification_time(tmp_path):
    path = write(tmp_path, "notes.md", "# not an article")
    os.utime(path, (1_600_000_000, 1_600_000_000))
    seen_at = read_raw_folder(tmp_path).quarantine["seen_at"][0]
    assert seen_at.timestamp() == 1_600_000_000
    assert str(seen_at.tzinfo) == "UTC"


def test_file_names_that_are_not_utf8_still_get_a_row(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(article_for("Headline").encode())
    result = read_raw_folder(tmp_path)
    assert result.articles["source_file"].to_list() == ["caf\\xe9.txt"]


def test_utf16_text_file_reads_through_the_folder(tmp_path):
    write(tmp_path, "wide.txt", "\ufeff".encode("utf-16-le") + article_for("Ministers meet").replace("\n", "\r\n").encode("utf-16-le"))
    result = read_raw_folder(tmp_path)
    assert result.articles["text"].to_list() == [ARTICLE_TEXT]
    assert result.articles["title"].to_list() == ["Ministers meet"]


INPUT_SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}


def test_shared_corpus_reads_cleanly_with_gold_dates(shared_corpus, tmp_path):
    """Dev and seed inputs (copied without gold.jsonl) are all articles with the gold publication dates."""
    gold: dict[str, str] = {}
    expected_rows = 0
    for part in ("dev", "seeds"):
        (tmp_path / part).mkdir()
        inputs = [
            path
            for path in (shared_corpus / part).iterdir()
            if path.suffix in INPUT_SUFFIXES and path.name != "gold.jsonl"
        ]
        for path in inputs:
            shutil.copy(path, tmp_path / part / path.name)
            expected_rows += (
                sum(1 for line in path.read_text().splitlines() if line.strip())
                if path.suffix == ".jsonl"
                else 1
            )
        if part == "dev":
            assert len(inputs) == 20
        for line in (shared_corpus / part / "gold.jsonl").read_text().splitlines():
            record = json.loads(line)
            gold[f"{part}/{record['article']}"] = record["published"]

    result = read_raw_folder(tmp_path)

    assert result.quarantine.to_dicts() == []
    assert result.articles.height == expected_rows
    published = {
        f"{row['source_file']}#{row['record_id']}" if row["record_id"] else row["source_file"]: (
            row["published"].isoformat() if row["published"] else None
        )
        for row in result.articles.iter_rows(named=True)
    }
    assert {key: published.get(key) for key in gold} == gold


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ministers meet in Lublin\n\nMinistry of National Defence - Press Release\nLublin, 25.09.2020\n\nOn Friday the minister hosted his counterparts.", date(2020, 9, 25)),
        ("Ministers meet\n\nPress Office\nWarsaw, 3 March 2021\n\nOn Friday the minister hosted his counterparts.", date(2021, 3, 3)),
    ],
)
def test_a_press_releases_place_and_date_line_is_its_publication_date(text, expected):
    assert find_published_date(text) == (expected, "text")
