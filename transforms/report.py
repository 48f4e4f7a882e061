"""The HTML report of a warehouse: events by year and type, the most active country pairs, one
pair's timeline, and the evidence behind that pair's numbers.

Pure: frames of the marts in, one self-contained HTML page out (inline CSS and SVG, no script, no
external URL; the page's Content-Security-Policy forbids scripts and remote loads as a second guard).

The charts are SVG drawn here with xml.etree rather than with matplotlib or Vega-Lite: they are plain
bars and dots (about a hundred lines), their labels stay real text (searchable, read by screen
readers, no embedded glyph outlines), each dot of the timeline links to its evidence further down the
page, and the runtime gains no plotting stack. ElementTree escapes every attribute and text it writes
and Jinja2 (which dbt already requires) renders the page with autoescaping, so every string from the
warehouse, the evidence sentences above all, reaches the page escaped.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from transforms.schemas import EVENT_TYPES, STATUSES
# The fct_dyad_year column counting each (type, status).
DYAD_YEAR_COUNTS = {
    ("meeting", "occurred"): "meetings",
    ("meeting", "planned"): "planned_meetings",
    ("exercise", "occurred"): "exercises",
    ("exercise", "planned"): "planned_exercises",
    ("agreement", "occurred"): "agreements",
    ("agreement", "planned"): "planned_agreements",
}
TOP_PAIRS = 10
CHART_WIDTH = 900
PAIR_PATTERN = re.compile(r"([A-Za-z]{3})-([A-Za-z]{3})")
TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class ReportTables:
    """The marts the report reads; columns as described in dbt_project/models/marts/_marts.yml."""

    events: pl.DataFrame  # marts.fct_events
    evidence: pl.DataFrame  # marts.fct_event_evidence with raw.articles' title, url and source
    dyad_year: pl.DataFrame  # marts.fct_dyad_year
    countries: pl.DataFrame  # marts.dim_country: iso3, name
    calibration: pl.DataFrame  # reference.confidence_calibration: bin, predicted, observed, events


def parse_pair(text: str) -> tuple[str, str]:
    """'VNM-jpn' -> ('JPN', 'VNM'): the order of the warehouse's pairs."""
    match = PAIR_PATTERN.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"a pair is two ISO3 codes joined by '-', like JPN-VNM, not {text!r}")
    first, second = sorted(code.upper() for code in match.groups())
    if first == second:
        raise ValueError(f"a pair needs two different countries, not {text!r}")
    return first, second


def events_per_year(events: pl.DataFrame) -> pl.DataFrame:
    """Distinct events by year, type and status; events without a year have no place on the axis."""
    return (
        events.filter(pl.col("year").is_not_null())
        .group_by("year", "event_type", "status")
        .agg(pl.len().alias("events"))
        .sort("year", "event_type", "status")
    )


def pair_totals(dyad_year: pl.DataFrame) -> pl.DataFrame:
    """Events of each country pair over all years, most active first; planned events count too."""
    counts = list(DYAD_YEAR_COUNTS.values())
    return (
        dyad_year.group_by("country_a", "country_b")
        .agg(pl.col(counts).sum())
        .with_columns(pl.sum_horizontal(counts).alias("total"))
        .sort(["total", "country_a", "country_b"], descending=[True, False, False])
    )


def pair_events(events: pl.DataFrame, pair: tuple[str, str]) -> pl.DataFrame:
    """Every event both countries of the pair take part in, in date order (undated last)."""
    first, second = pair
    return events.filter(
        pl.col("participants").list.contains(first) & pl.col("participants").list.contains(second)
    ).sort(["year", "month", "day", "event_type", "event_id"], nulls_last=True)


def event_date(year: int | None, month: int | None, day: int | None) -> str:
    """The date as precisely as the reports tell it: 2019-05-14, 2019-05, 2019."""
    if year is None:
        return "date unknown"
    if month is None:
        return f"{year}"
    return f"{year}-{month:02d}" if day is None else f"{year}-{month:02d}-{day:02d}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _axis_ticks(maximum: int) -> list[int]:
    """0 and at most five round steps (1, 2, 5 x 10^k) up to at least `maximum`."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if maximum <= 5 * step:
                return list(range(0, math.ceil(maximum / step) * step + 1, step)) if maximum else [0, 1]
        magnitude *= 10


def _svg(width: float, height: float, label: str) -> ET.Element:
    return ET.Element(
        "svg", {"viewBox": f"0 0 {width:g} {height:g}", "width": f"{width:g}", "height": f"{height:g}", "role": "img", "aria-label": label}
    )


def _draw(parent: ET.Element, tag: str, text: str | None = None, tooltip: str | None = None, **attributes) -> ET.Element:
    """A child element; `class_` and `text_anchor` are written class and text-anchor, numbers to 0.1."""
    element = ET.SubElement(
        parent,
        tag,
        {name.rstrip("_").replace("_", "-"): f"{round(value, 1):g}" if isinstance(value, float) else str(value) for name, value in attributes.items()},
    )
    element.text = text
    if tooltip is not None:
        ET.SubElement(element, "title").text = tooltip
    return element


def _markup(svg: ET.Element) -> Markup:
    # ElementTree has escaped every text and attribute value, so the serialised tree is safe markup.
    return Markup(ET.tostring(svg, encoding="unicode"))


def year_chart(per_year: pl.DataFrame) -> Markup:
    """Stacked bars: events per year, one segment per type and status (planned ones pale)."""
    left, right, top, bottom = 40, 10, 10, 26
    height = 280
    plot_width, plot_height = CHART_WIDTH - left - right, height - top - bottom
    years = list(range(per_year["year"].min(), per_year["year"].max() + 1))
    counts = {(row["year"], row["event_type"], row["status"]): row["events"] for row in per_year.iter_rows(named=True)}
    ticks = _axis_ticks(per_year.group_by("year").agg(pl.col("events").sum())["events"].max())
    scale = plot_height / ticks[-1]
    band = plot_width / len(years)
    svg = _svg(CHART_WIDTH, height, "Events per year by type")
    for tick in ticks:
        y = top + plot_height - tick * scale
        _draw(svg, "line", x1=left, x2=CHART_WIDTH - right, y1=y, y2=y, class_="grid")
        _draw(svg, "text", str(tick), x=left - 6, y=y + 4, class_="tick", text_anchor="end")
    label_every = math.ceil(36 / band)  # a year label is about 36 px wide
    for index, year in enumerate(years):
        x, y = left + index * band + band * 0.1, top + plot_height
        for event_type in EVENT_TYPES:
            for status in STATUSES:
                n = counts.get((year, event_type, status), 0)
                if n:
                    y -= n * scale
                    _draw(svg, "rect", tooltip=f"{year}: {_plural(n, event_type)}, {status}", x=x, y=y, width=band * 0.8, height=n * scale, class_=f"{event_type} {status}")
        if index % label_every == 0:
            _draw(svg, "text", str(year), x=x + band * 0.4, y=height - 8, class_="tick", text_anchor="middle")
    return _markup(svg)


def pairs_chart(totals: pl.DataFrame, names: dict[str, str]) -> Markup:
    """Horizontal stacked bars: the most active pairs' events over all years, by type and status."""
    left, right, top, bottom, row_height = 90, 40, 6, 24, 26
    height = top + totals.height * row_height + bottom
    ticks = _axis_ticks(totals["total"].max())
    scale = (CHART_WIDTH - left - right) / ticks[-1]
    svg = _svg(CHART_WIDTH, height, "The most active country pairs")
    for tick in ticks:
        x = left + tick * scale
        _draw(svg, "line", x1=x, x2=x, y1=top, y2=height - bottom, class_="grid")
        _draw(svg, "text", str(tick), x=x, y=height - 8, class_="tick", text_anchor="middle")
    for index, pair in enumerate(totals.iter_rows(named=True)):
        y = top + index * row_height + 4
        a, b = pair["country_a"], pair["country_b"]
        _draw(svg, "text", f"{a}–{b}", tooltip=f"{names.get(a, a)} and {names.get(b, b)}", x=left - 8, y=y + 13, class_="label", text_anchor="end")
        x = left
        for (event_type, status), column in DYAD_YEAR_COUNTS.items():
            n = pair[column]
            if n:
                _draw(svg, "rect", tooltip=f"{a}–{b}: {_plural(n, event_type)}, {status}", x=x, y=y, width=n * scale, height=row_height - 8, class_=f"{event_type} {status}")
                x += n * scale
        _draw(svg, "text", str(pair["total"]), x=x + 6, y=y + 13, class_="tick")
    return _markup(svg)


def timeline_chart(events: pl.DataFrame) -> Markup:
    """One row per type, a dot per dated event at its year (and month when known); each links to its evidence."""
    left, right, top, bottom, step, radius = 90, 20, 6, 26, 14, 6
    dated = events.filter(pl.col("year").is_not_null())
    first_year, last_year = dated["year"].min(), dated["year"].max() + 1
    scale = (CHART_WIDTH - left - right) / (last_year - first_year)
    # Dots closer than one dot apart stack upwards in their row.
    placed: dict[str, list[tuple[float, int, dict]]] = {event_type: [] for event_type in EVENT_TYPES}
    for event in dated.iter_rows(named=True):
        fraction = (event["month"] - 0.5) / 12 if event["month"] is not None else 0.5
        x = left + (event["year"] - first_year + fraction) * scale
        level = sum(1 for other_x, _, _ in placed[event["event_type"]] if abs(other_x - x) < 2 * radius)
        placed[event["event_type"]].append((x, level, event))
    row_heights = {event_type: max(36, 22 + step * max((level for _, level, _ in dots), default=0)) for event_type, dots in placed.items()}
    height = top + sum(row_heights.values()) + bottom
    svg = _svg(CHART_WIDTH, height, "Timeline of the pair's events")
    label_every = math.ceil(40 / scale)
    for year in range(first_year, last_year + 1):
        x = left + (year - first_year) * scale
        _draw(svg, "line", x1=x, x2=x, y1=top, y2=height - bottom, class_="grid")
        if (year - first_year) % label_every == 0:
            _draw(svg, "text", str(year), x=x, y=height - 8, class_="tick", text_anchor="middle")
    row_top = top
    for event_type in EVENT_TYPES:
        row_bottom = row_top + row_heights[event_type]
        _draw(svg, "text", f"{event_type}s", x=left - 10, y=row_bottom - 14, class_="label", text_anchor="end")
        _draw(svg, "line", x1=left, x2=CHART_WIDTH - right, y1=row_bottom, y2=row_bottom, class_="axis")
        for x, level, event in placed[event_type]:
            link = _draw(svg, "a", href=f"#event-{event['event_id']}")
            date = event_date(event["year"], event["month"], event["day"])
            kind = event_type if event["subtype"] is None else f"{event_type} ({event['subtype']})"
            _draw(link, "circle", tooltip=f"{date}: {kind}, {event['status']}", cx=x, cy=row_bottom - 14 - level * step, r=radius, class_=f"{event_type} {event['status']}")
        row_top = row_bottom
    return _markup(svg)


def calibration_chart(calibration: pl.DataFrame) -> Markup:
    """Share right against mean confidence, a dot per bin sized by its events, over the diagonal of a perfect fit."""
    size, margin = 320, 44
    svg = _svg(size + margin + 16, size + margin + 16, "Calibration of the confidence: share right against mean confidence")
    plot = size - 8

    def x(value: float) -> float:
        return margin + value * plot

    def y(value: float) -> float:
        return 8 + (1 - value) * plot

    for tick in (0, 0.25, 0.5, 0.75, 1):
        _draw(svg, "line", x1=x(0), x2=x(1), y1=y(tick), y2=y(tick), class_="grid")
        _draw(svg, "text", f"{tick:g}", x=margin - 6, y=y(tick) + 4, class_="tick", text_anchor="end")
        _draw(svg, "text", f"{tick:g}", x=x(tick), y=y(0) + 18, class_="tick", text_anchor="middle")
    _draw(svg, "line", x1=x(0), x2=x(1), y1=y(0), y2=y(1), class_="axis")
    _draw(svg, "text", "mean confidence", x=x(0.5), y=y(0) + 36, class_="label", text_anchor="middle")
    most = max(calibration["events"].max() or 1, 1)
    for row in calibration.iter_rows(named=True):
        _draw(
            svg, "circle",
            tooltip=f"confidence {row['bin']}: {row['events']} events, mean confidence {row['predicted']:.2f}, {row['observed']:.0%} right",
            cx=x(row["predicted"]), cy=y(row["observed"]), r=3 + 9 * math.sqrt(row["events"] / most), class_="calibration",
        )
    return _markup(svg)


def _evidence_of(events: pl.DataFrame, evidence: pl.DataFrame, names: dict[str, str]) -> list[dict]:
    """For each event: what, when, who, and every sentence that reports it with its article."""
    reports = evidence.sort("published", "source_file", "sentence_start", nulls_last=True)
    described = []
    for event in events.iter_rows(named=True):
        described.append({
            "anchor": f"event-{event['event_id']}",
            "date": event_date(event["year"], event["month"], event["day"]),
            "event_type": event["event_type"],
            "subtype": event["subtype"],
            "status": event["status"],
            "participants": [f"{names.get(code, code)} ({code})" for code in event["participants"]],
            "place": event["location_place"],
            "n_articles": event["n_articles"],
            "confidence": event["confidence"],
            "reports": reports.filter(pl.col("event_id") == event["event_id"]).to_dicts(),
        })
    return described


def render_report(tables: ReportTables, pair: tuple[str, str] | None = None, warehouse_name: str = "") -> str:
    """The page; `pair` defaults to the most active pair. Raises ValueError when there is nothing to show."""
    names = dict(tables.countries.select("iso3", "name").iter_rows())
    totals = pair_totals(tables.dyad_year)
    if totals.is_empty():
        raise ValueError("the warehouse has no dated events between two countries: nothing to report")
    if pair is None:
        pair = (totals["country_a"][0], totals["country_b"][0])
    events = pair_events(tables.events, pair)
    if events.is_empty():
        raise ValueError(f"no events between {pair[0]} and {pair[1]} in the warehouse")
    dated = events.filter(pl.col("year").is_not_null())
    first, second = pair
    return TEMPLATES.get_template("report.html.j2").render(
        warehouse_name=warehouse_name,
        n_events=tables.events.height,
        n_articles=tables.evidence["article_id"].n_unique(),
        n_pairs=totals.height,
        year_chart=year_chart(events_per_year(tables.events)),
        top_pairs=min(TOP_PAIRS, totals.height),
        pairs_chart=pairs_chart(totals.head(TOP_PAIRS), names),
        pair=f"{first}–{second}",
        pair_names=f"{names.get(first, first)} and {names.get(second, second)}",
        timeline_chart=timeline_chart(events) if not dated.is_empty() else None,
        n_undated=events.height - dated.height,
        calibration_chart=calibration_chart(tables.calibration) if not tables.calibration.is_empty() else None,
        calibration=tables.calibration.to_dicts(),
        dyad_years=tables.dyad_year.filter((pl.col("country_a") == first) & (pl.col("country_b") == second)).sort("year").to_dicts(),
        events=_evidence_of(events, tables.evidence, names),
    )
