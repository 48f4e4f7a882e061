"""Tests of the reader of each input format, transforms/ingest/text.py, html_pages.py and json_lines.py,
and of language.py (English or not)."""

import json
from datetime import date

from ingest_samples import ARTICLE_TEXT, BODY, GERMAN, html_page, write
from transforms.ingest import QuarantineReason, other_language, read_html, read_jsonl, read_text_file


def test_read_text_file_title_date_and_text():
    scrape = "\r\n".join(
        ["Freedonia, Sylvania agree naval drill", "", "Published: 2015-09-11", "", *BODY, "", "2 min read", "Other News", "- Something else"]
    )
    article = read_text_file(scrape.encode("cp1252"), "news/a.txt")
    assert article.title == "Freedonia, Sylvania agree naval drill"
    assert article.text == "Published: 2015-09-11\n\n" + ARTICLE_TEXT
    assert (article.published, article.published_from) == (date(2015, 9, 11), "text")
    assert article.record_id is None


def test_read_html_extracts_body_paragraphs_only():
    meta = '<meta property="article:published_time" content="2021-06-05T23:30:00-04:00">'
    article = read_html(html_page(meta), "page.html")
    assert article.text == ARTICLE_TEXT
    assert article.title == "Freedonia and Sylvania agree naval drill"
    assert article.url == "https://times.example/defence/naval-drill"
    assert (article.published, article.published_from) == (date(2021, 6, 5), "metadata")


def test_read_html_keeps_the_article_fact_box_and_drops_a_box_of_links():
    """trafilatura drops every <aside>; a box of facts inside the article is the article's own text
    (who took part), a box of links inside it is navigation."""
    boxes = (
        '<aside class="factbox"><h3>Exercise at a glance</h3><ul>'
        "<li><strong>Taking part:</strong> Freedonia, Sylvania and Ruritania</li><li>Ships: 12</li></ul></aside>"
        '<aside class="more"><a href="/c">Read also: the navy\'s new frigates</a></aside>'
    )
    page = html_page().decode("utf-8").replace("</div>\n</article>", "</div>" + boxes + "\n</article>")
    article = read_html(page.encode("utf-8"), "page.html")
    assert article.text == ARTICLE_TEXT + "\n\nExercise at a glance\n\nTaking part: Freedonia, Sylvania and Ruritania\n\nShips: 12"


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
