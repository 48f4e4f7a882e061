"""The HTML report of transforms/report.py, rendered from frames written for these tests (no database)."""

import re
from datetime import date

import polars as pl
import pytest

from transforms.report import ReportTables, events_per_year, pair_totals, parse_pair, render_report

HOSTILE = '<script>alert("x")</script>'
EXTERNAL_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def event(event_id, event_type, status, year, participants, month=None, subtype=None):
    return {
        "event_id": event_id, "event_type": event_type, "subtype": subtype, "status": status,
        "year": year, "month": month, "day": None, "participants": participants,
        "location_place": None, "n_articles": 1, "confidence": 0.8,
    }


def report(event_id, sentence, title="Ministers meet", url="https://news.example/a"):
    return {
        "event_id": event_id, "article_id": f"article-{event_id}", "source_file": f"{event_id}.txt",
        "published": date(2019, 5, 8), "sentence_start": 0, "evidence": sentence,
        "title": title, "source": "Example News", "url": url,
    }


def dyad_year(year, country_a, country_b, **counts):
    columns = ["meetings", "exercises", "agreements", "planned_meetings", "planned_exercises", "planned_agreements"]
    return {"year": year, "country_a": country_a, "country_b": country_b} | {name: counts.get(name, 0) for name in columns}


@pytest.fixture
def tables() -> ReportTables:
    """JPN-VNM is the most active pair (three events, one undated); KOR-USA has one exercise."""
    return ReportTables(
        events=pl.DataFrame([
            event("m1", "meeting", "occurred", 2018, ["JPN", "VNM"], month=4, subtype="ministers"),
            event("a1", "agreement", "occurred", 2018, ["JPN", "VNM"], subtype="mou"),
            event("m2", "meeting", "planned", None, ["JPN", "VNM"]),
            event("x1", "exercise", "planned", 2020, ["KOR", "USA"], subtype="naval"),
        ]),
        evidence=pl.DataFrame([
            report("m1", "The defence ministers of Japan and Vietnam met in Hanoi."),
            report("a1", f"They signed an MOU {HOSTILE} on logistics.", title=HOSTILE, url="javascript:alert(1)"),
            report("m2", "The ministers will meet again."),
            report("x1", "Korean and US ships will drill in 2020."),
        ]),
        dyad_year=pl.DataFrame([
            dyad_year(2018, "JPN", "VNM", meetings=1, agreements=1),
            dyad_year(2020, "KOR", "USA", planned_exercises=1),
        ]),
        countries=pl.DataFrame({"iso3": ["JPN", "KOR", "USA", "VNM"], "name": ["Japan", HOSTILE, "United States", "Vietnam"]}),
        calibration=pl.DataFrame({"bin": ["0.5-0.6", "0.9-1.0"], "predicted": [0.55, 0.93], "observed": [0.5, 0.97], "events": [4, 40]}),
    )


def test_the_default_pair_is_the_most_active_with_its_evidence(tables):
    page = render_report(tables)
    assert "JPN–VNM: Japan and Vietnam" in page
    assert "The defence ministers of Japan and Vietnam met in Hanoi." in page
    assert "The ministers will meet again." in page
    assert "Korean and US ships" not in page
    assert page.count("<svg") - page.count('<svg width="14"') == 4, "four charts besides the legend's swatches"


def test_every_string_from_the_warehouse_is_escaped(tables):
    page = render_report(tables) + render_report(tables, pair=("KOR", "USA"))
    assert "<script" not in page.lower()
    assert "They signed an MOU &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; on logistics." in page
    assert "&lt;script&gt;" in page.split("<svg", 2)[2], "a country name in a chart's tooltip is escaped too"


def test_the_page_loads_nothing_from_outside(tables):
    page = render_report(tables)
    assert EXTERNAL_REFERENCE.search(page) is None
    assert "default-src 'none'" in page, "the page forbids scripts and remote loads"
    assert 'href="javascript' not in page, "an article's url is shown as text, never followed"


def test_every_timeline_dot_links_to_its_evidence(tables):
    page = render_report(tables)
    links = re.findall(r'<a href="#(event-[0-9a-z]+)"', page)
    assert sorted(links) == ["event-a1", "event-m1"], "a dot for each dated event of the pair"
    assert all(f'id="{anchor}"' in page for anchor in links)
    assert "One event without a known year is listed below only." in page


def test_a_chosen_pair_shows_its_events_and_an_unknown_pair_is_an_error(tables):
    page = render_report(tables, pair=("KOR", "USA"))
    assert "Korean and US ships will drill in 2020." in page
    assert "2020 · exercise (naval) · planned" in page
    with pytest.raises(ValueError, match="no events between JPN and KOR"):
        render_report(tables, pair=("JPN", "KOR"))


def test_a_warehouse_without_dated_pairs_is_an_error(tables):
    empty = ReportTables(tables.events, tables.evidence, tables.dyad_year.clear(), tables.countries, tables.calibration)
    with pytest.raises(ValueError, match="nothing to report"):
        render_report(empty)


def test_events_per_year_counts_each_event_once_and_leaves_out_unknown_years(tables):
    assert events_per_year(tables.events).rows() == [
        (2018, "agreement", "occurred", 1), (2018, "meeting", "occurred", 1), (2020, "exercise", "planned", 1),
    ]


def test_pairs_are_ranked_by_all_their_events():
    totals = pair_totals(pl.DataFrame([
        dyad_year(2018, "AUS", "IND", exercises=1),
        dyad_year(2019, "AUS", "IND", planned_exercises=1, meetings=1),
        dyad_year(2019, "IND", "USA", agreements=2),
        dyad_year(2019, "FRA", "IND", meetings=2),
    ]))
    assert totals.select("country_a", "country_b", "total").rows() == [("AUS", "IND", 3), ("FRA", "IND", 2), ("IND", "USA", 2)]


@pytest.mark.parametrize(("text", "pair"), [("JPN-VNM", ("JPN", "VNM")), ("vnm-jpn", ("JPN", "VNM")), (" usa-ind ", ("IND", "USA"))])
def test_a_pair_is_read_in_either_order(text, pair):
    assert parse_pair(text) == pair


@pytest.mark.parametrize("text", ["JPN", "JPN-VNM-USA", "JP-VN", "JPN-JPN", "JPN_VNM"])
def test_a_malformed_pair_is_an_error(text):
    with pytest.raises(ValueError):
        parse_pair(text)


def test_the_calibration_chart_draws_a_dot_per_band_of_confidence(tables):
    page = render_report(tables)
    assert page.count('class="calibration"') == 2
    assert "confidence 0.9-1.0: 40 events, mean confidence 0.93, 97% right" in page
    assert "<td>0.9-1.0</td><td>0.93</td><td>0.97</td><td>40</td>" in page
    without = render_report(ReportTables(tables.events, tables.evidence, tables.dyad_year, tables.countries, tables.calibration.clear()))
    assert "How far to trust" not in without, "no calibration measured, no chart"
