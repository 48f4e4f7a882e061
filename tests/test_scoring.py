"""The scorer (transforms/scoring.py) on hand-written gold and predictions: event matching, optional events,
status, fact-table cells, and the gold file's validation.

Over 400 lines on purpose: the tests of one module, whose cases are small tables of gold and predictions.
"""

import json
from itertools import combinations
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.scoring import (
    PREDICTED_CELLS,
    PREDICTED_EVENTS,
    format_scores,
    predicted_cells,
    read_gold,
    score,
    score_articles,
    score_figures,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def gold_event(event_type, countries, year, status="occurred", key=None, optional=False):
    return {
        "type": event_type,
        "countries": sorted(countries),
        "year": year,
        "status": status,
        "event_key": key or f"{event_type}-{'-'.join(sorted(countries))}-{year}-{status}",
        "optional": optional,
    }


def article(name, *events):
    return {"article": name, "published": "2020-01-01", "events": list(events)}


def predicted(*events):
    """events: (article, event_id, type, countries, year, status); one row per pair."""
    rows = [
        {
            "article": name,
            "event_id": event_id,
            "event_type": event_type,
            "country_a": a,
            "country_b": b,
            "year": year,
            "status": status,
        }
        for name, event_id, event_type, countries, year, status in events
        for a, b in combinations(sorted(countries), 2)
    ]
    return pl.DataFrame(rows, schema=PREDICTED_EVENTS)


def cells(*rows):
    """rows: (type, year, country_a, country_b, n_events)."""
    return pl.DataFrame(
        [dict(zip(PREDICTED_CELLS, row)) for row in rows],
        schema=PREDICTED_CELLS,
        orient="row",
    )


NO_CELLS = cells()


def counts(scores, event_type="all"):
    events = scores.events[event_type]
    return events.tp, events.fp, events.fn


# --- event level -------------------------------------------------------------


def test_exact_match_scores_one():
    gold = [article("a.txt", gold_event("meeting", ["JPN", "VNM"], 2019))]
    scores = score(gold, predicted(("a.txt", "e1", "meeting", ["JPN", "VNM"], 2019, "occurred")), NO_CELLS)
    assert counts(scores) == (1, 0, 0)
    assert counts(scores, "meeting") == (1, 0, 0)
    assert counts(scores, "exercise") == (0, 0, 0)
    assert scores.events["all"].precision == 1.0
    assert scores.events["all"].recall == 1.0
    assert scores.events["all"].f1 == 1.0
    assert scores.errors.height == 0


def test_pair_order_of_predictions_does_not_matter():
    gold = [article("a.txt", gold_event("meeting", ["JPN", "VNM"], 2019))]
    reversed_pair = pl.DataFrame(
        [{"article": "a.txt", "event_id": "e1", "event_type": "meeting", "country_a": "VNM",
          "country_b": "JPN", "year": 2019, "status": "occurred"}],
        schema=PREDICTED_EVENTS,
    )
    assert counts(score(gold, reversed_pair, NO_CELLS)) == (1, 0, 0)


def test_wrong_year_is_one_false_positive_and_one_false_negative():
    gold = [article("a.txt", gold_event("agreement", ["JPN", "VNM"], 2019))]
    scores = score(gold, predicted(("a.txt", "e1", "agreement", ["JPN", "VNM"], 2018, "occurred")), NO_CELLS)
    assert counts(scores) == (0, 1, 1)
    assert scores.events["all"].precision == 0.0
    assert scores.events["all"].f1 == 0.0
    errors = {(row["kind"], row["year"]) for row in scores.errors.iter_rows(named=True)}
    assert errors == {("false_positive", 2018), ("false_negative", 2019)}


def test_match_is_per_article():
    gold = [
        article("a.txt", gold_event("meeting", ["JPN", "VNM"], 2019)),
        article("b.txt"),
    ]
    scores = score(gold, predicted(("b.txt", "e1", "meeting", ["JPN", "VNM"], 2019, "occurred")), NO_CELLS)
    assert counts(scores) == (0, 1, 1)


def test_multilateral_event_counts_once_per_pair():
    gold = [article("a.txt", gold_event("exercise", ["AUS", "IND", "JPN", "USA"], 2020))]
    # the extractor found three of the four navies: three of the six pairs
    scores = score(gold, predicted(("a.txt", "e1", "exercise", ["IND", "JPN", "USA"], 2020, "occurred")), NO_CELLS)
    assert counts(scores) == (3, 0, 3)
    assert scores.events["exercise"].recall == 0.5
    assert scores.events["exercise"].precision == 1.0
    missed = {(row["country_a"], row["country_b"]) for row in scores.errors.iter_rows(named=True)}
    assert missed == {("AUS", "IND"), ("AUS", "JPN"), ("AUS", "USA")}


def test_optional_gold_event_is_neither_credited_nor_penalised():
    gold = [
        article(
            "a.txt",
            gold_event("meeting", ["JPN", "KOR"], 2026),
            gold_event("meeting", ["KOR", "USA"], 2026, optional=True),
        )
    ]
    missed_optional = score(gold, predicted(("a.txt", "e1", "meeting", ["JPN", "KOR"], 2026, "occurred")), NO_CELLS)
    found_optional = score(
        gold,
        predicted(
            ("a.txt", "e1", "meeting", ["JPN", "KOR"], 2026, "occurred"),
            ("a.txt", "e2", "meeting", ["KOR", "USA"], 2026, "occurred"),
        ),
        NO_CELLS,
    )
    only_optional = score(gold, predicted(("a.txt", "e2", "meeting", ["KOR", "USA"], 2026, "occurred")), NO_CELLS)
    assert counts(missed_optional) == (1, 0, 0)
    assert counts(found_optional) == (1, 0, 0)
    assert counts(only_optional) == (0, 0, 1)


def test_optional_item_absorbs_one_extra_prediction_of_its_key():
    gold = [
        article(
            "a.txt",
            gold_event("exercise", ["IND", "USA"], 2021, key="required"),
            gold_event("exercise", ["IND", "USA"], 2021, key="borderline", optional=True),
        )
    ]

    def predictions(n):
        return predicted(*[("a.txt", f"e{i}", "exercise", ["IND", "USA"], 2021, "occurred") for i in range(n)])

    assert counts(score(gold, predictions(1), NO_CELLS)) == (1, 0, 0)
    assert counts(score(gold, predictions(2), NO_CELLS)) == (1, 0, 0)
    assert counts(score(gold, predictions(3), NO_CELLS)) == (1, 1, 0)


def test_two_predicted_events_for_one_gold_event_give_one_false_positive():
    gold = [article("a.txt", gold_event("meeting", ["IND", "USA"], 2018))]
    scores = score(
        gold,
        predicted(
            ("a.txt", "e1", "meeting", ["IND", "USA"], 2018, "occurred"),
            ("a.txt", "e2", "meeting", ["IND", "USA"], 2018, "occurred"),
        ),
        NO_CELLS,
    )
    assert counts(scores) == (1, 1, 0)
    assert scores.events["all"].precision == 0.5
    (error,) = scores.errors.iter_rows(named=True)
    assert (error["kind"], error["count"], error["predicted_event_ids"]) == ("false_positive", 1, ["e1", "e2"])


def test_repeated_rows_of_one_event_count_once():
    gold = [article("a.txt", gold_event("meeting", ["IND", "USA"], 2018))]
    row = ("a.txt", "e1", "meeting", ["IND", "USA"], 2018, "occurred")
    assert counts(score(gold, predicted(row, row), NO_CELLS)) == (1, 0, 0)


def test_null_year_matches_only_null_year():
    gold = [article("a.txt", gold_event("exercise", ["JPN", "KOR"], None, status="planned"))]
    null_year = score(gold, predicted(("a.txt", "e1", "exercise", ["JPN", "KOR"], None, "planned")), NO_CELLS)
    some_year = score(gold, predicted(("a.txt", "e1", "exercise", ["JPN", "KOR"], 2026, "planned")), NO_CELLS)
    assert counts(null_year) == (1, 0, 0)
    assert counts(some_year) == (0, 1, 1)


def test_status_accuracy_prefers_equal_status_within_a_key():
    gold = [
        article(
            "a.txt",
            gold_event("meeting", ["JPN", "VNM"], 2019, status="occurred", key="held"),
            gold_event("meeting", ["JPN", "VNM"], 2019, status="planned", key="next"),
            gold_event("agreement", ["JPN", "VNM"], 2019, status="occurred"),
        )
    ]
    right = score(
        gold,
        predicted(
            ("a.txt", "e1", "meeting", ["JPN", "VNM"], 2019, "planned"),
            ("a.txt", "e2", "meeting", ["JPN", "VNM"], 2019, "occurred"),
            ("a.txt", "e3", "agreement", ["JPN", "VNM"], 2019, "planned"),
        ),
        NO_CELLS,
    )
    assert counts(right) == (3, 0, 0)
    assert right.events["meeting"].status_accuracy == 1.0
    assert right.events["agreement"].status_accuracy == 0.0
    assert right.events["all"].status_accuracy == pytest.approx(2 / 3)
    # with status in the key the agreement is one fp and one fn
    assert right.events["all"].status_f1 == pytest.approx(4 / 6)
    wrong = right.errors.filter(pl.col("kind") == "wrong_status")
    assert wrong["event_type"].to_list() == ["agreement"]

    both_occurred = score(
        gold,
        predicted(
            ("a.txt", "e1", "meeting", ["JPN", "VNM"], 2019, "occurred"),
            ("a.txt", "e2", "meeting", ["JPN", "VNM"], 2019, "occurred"),
        ),
        NO_CELLS,
    )
    assert both_occurred.events["meeting"].status_accuracy == 0.5
    assert both_occurred.events["meeting"].status_f1 == pytest.approx(2 / 4)


def test_per_type_and_micro_average():
    gold = [
        article(
            "a.txt",
            gold_event("meeting", ["IND", "USA"], 2018),
            gold_event("agreement", ["IND", "USA"], 2018),
        ),
        article("b.txt", gold_event("exercise", ["IND", "USA"], 2018)),
    ]
    scores = score(
        gold,
        predicted(
            ("a.txt", "e1", "meeting", ["IND", "USA"], 2018, "occurred"),
            ("a.txt", "e2", "meeting", ["IND", "JPN"], 2018, "occurred"),
            ("b.txt", "e3", "exercise", ["IND", "USA"], 2018, "occurred"),
        ),
        NO_CELLS,
    )
    assert counts(scores, "meeting") == (1, 1, 0)
    assert counts(scores, "exercise") == (1, 0, 0)
    assert counts(scores, "agreement") == (0, 0, 1)
    assert counts(scores) == (2, 1, 1)
    assert scores.events["agreement"].precision is None
    assert scores.events["all"].f1 == pytest.approx(4 / 6)


def test_predictions_for_articles_without_gold_are_listed_not_scored():
    gold = [article("a.txt")]
    scores = score(gold, predicted(("x.jsonl#R1", "e1", "meeting", ["IND", "USA"], 2018, "occurred")), NO_CELLS)
    assert counts(scores) == (0, 0, 0)
    assert scores.unannotated_articles == ["x.jsonl#R1"]
    assert "x.jsonl#R1" in format_scores(scores)


def test_one_event_with_two_statuses_in_an_article_is_an_error():
    gold = [article("a.txt")]
    frame = predicted(
        ("a.txt", "e1", "meeting", ["IND", "USA"], 2018, "occurred"),
        ("a.txt", "e1", "meeting", ["IND", "USA"], 2018, "planned"),
    )
    with pytest.raises(ValueError, match="two statuses"):
        score(gold, frame, NO_CELLS)


def test_missing_predicted_column_is_an_error():
    with pytest.raises(ValueError, match="missing columns \\['event_id'\\]"):
        score([article("a.txt")], predicted().drop("event_id"), NO_CELLS)


# --- fact-table level --------------------------------------------------------


def cell(scores, event_type, year, a, b):
    table = scores.cell_table.filter(
        (pl.col("event_type") == event_type)
        & pl.col("year").eq_missing(year)
        & (pl.col("country_a") == a)
        & (pl.col("country_b") == b)
    )
    assert table.height == 1
    return table.row(0, named=True)


def test_cells_count_distinct_event_keys_across_articles():
    # two outlets report one exercise; a second exercise of the same pair and year
    gold = [
        article("a.txt", gold_event("exercise", ["AUS", "IND"], 2015, key="ausindex")),
        article("b.txt", gold_event("exercise", ["AUS", "IND"], 2015, key="ausindex"),
                gold_event("exercise", ["AUS", "IND"], 2015, key="pass-ex")),
    ]
    exact = score(gold, predicted(), cells(("exercise", 2015, "AUS", "IND", 2)))
    over = score(gold, predicted(), cells(("exercise", 2015, "AUS", "IND", 3)))
    missing = score(gold, predicted(), NO_CELLS)
    assert cell(exact, "exercise", 2015, "AUS", "IND")["gold_required"] == 2
    assert (exact.cells["all"].n_cells, exact.cells["all"].n_exact, exact.cells["all"].total_abs_error) == (1, 1, 0)
    assert exact.cells["exercise"].exact_share == 1.0
    assert (over.cells["all"].n_exact, over.cells["all"].total_abs_error) == (0, 1)
    assert (missing.cells["all"].n_cells, missing.cells["all"].total_abs_error) == (1, 2)


def test_multilateral_event_fills_every_pair_cell():
    gold = [article("a.txt", gold_event("exercise", ["AUS", "PHL", "USA"], 2023))]
    scores = score(
        gold,
        predicted(),
        cells(("exercise", 2023, "PHL", "USA", 1), ("exercise", 2023, "AUS", "PHL", 1)),
    )
    assert scores.cells["exercise"].n_cells == 3
    assert scores.cells["exercise"].n_exact == 2
    assert scores.cells["exercise"].mean_abs_error == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("n_events", "exact", "abs_error"),
    [(0, 0, 1), (1, 1, 0), (2, 1, 0), (3, 0, 1), (5, 0, 3)],
)
def test_optional_events_widen_the_exact_range(n_events, exact, abs_error):
    gold = [
        article(
            "a.txt",
            gold_event("meeting", ["IND", "USA"], 2018, key="2plus2"),
            gold_event("meeting", ["IND", "USA"], 2018, key="sidelines", optional=True),
        )
    ]
    scores = score(gold, predicted(), cells(("meeting", 2018, "IND", "USA", n_events)))
    assert (scores.cells["all"].n_cells, scores.cells["all"].n_exact) == (1, exact)
    assert scores.cells["all"].total_abs_error == abs_error


@pytest.mark.parametrize("optional_first", [True, False])
def test_event_key_required_in_any_article_is_required_in_its_cell(optional_first):
    gold = [
        article("a.txt", gold_event("meeting", ["IND", "USA"], 2018, key="2plus2", optional=optional_first)),
        article("b.txt", gold_event("meeting", ["IND", "USA"], 2018, key="2plus2", optional=not optional_first)),
    ]
    scores = score(gold, predicted(), NO_CELLS)
    row = cell(scores, "meeting", 2018, "IND", "USA")
    assert (row["gold_required"], row["gold_optional"]) == (1, 0)
    assert scores.cells["all"].total_abs_error == 1


@pytest.mark.parametrize(("n_events", "n_cells", "abs_error"), [(0, 0, 0), (1, 0, 0), (2, 1, 1)])
def test_optional_only_cell_is_scored_only_beyond_its_range(n_events, n_cells, abs_error):
    gold = [article("a.txt", gold_event("exercise", ["AUS", "PHL"], None, status="planned", optional=True))]
    scores = score(gold, predicted(), cells(("exercise", None, "AUS", "PHL", n_events)))
    assert scores.cells["all"].n_cells == n_cells
    assert scores.cells["all"].total_abs_error == abs_error
    assert cell(scores, "exercise", None, "AUS", "PHL")["gold_optional"] == 1


def test_predicted_cell_absent_from_gold_counts_its_whole_count_as_error():
    gold = [article("a.txt", gold_event("agreement", ["EGY", "IND"], 2022))]
    scores = score(
        gold,
        predicted(),
        cells(("agreement", 2022, "EGY", "IND", 1), ("agreement", 2021, "EGY", "IND", 2)),
    )
    assert scores.cells["agreement"].n_cells == 2
    assert scores.cells["agreement"].n_exact == 1
    assert scores.cells["agreement"].total_abs_error == 2
    assert scores.cells["agreement"].mean_abs_error == 1.0
    assert scores.cells["meeting"].n_cells == 0
    assert scores.cells["meeting"].exact_share is None


def test_null_year_cells_match_null_year():
    gold = [article("a.txt", gold_event("exercise", ["JPN", "KOR"], None))]
    scores = score(gold, predicted(), cells(("exercise", None, "JPN", "KOR", 1)))
    assert (scores.cells["all"].n_cells, scores.cells["all"].n_exact) == (1, 1)


def test_duplicate_predicted_cell_is_an_error():
    with pytest.raises(ValueError, match="appears twice"):
        score([], predicted(), cells(("meeting", 2018, "IND", "USA", 1), ("meeting", 2018, "USA", "IND", 1)))


# --- part of a corpus ----------------------------------------------------------


def two_articles():
    """e1 is reported by a.txt and b.txt, e2 by b.txt alone, e3 by x.txt, which has no gold record."""
    gold = [
        article("a.txt", gold_event("meeting", ["IND", "USA"], 2018, key="2plus2")),
        article("b.txt", gold_event("meeting", ["IND", "USA"], 2018, key="2plus2"),
                gold_event("exercise", ["AUS", "IND", "JPN"], 2020, key="malabar")),
    ]
    events = predicted(
        ("a.txt", "e1", "meeting", ["IND", "USA"], 2018, "occurred"),
        ("b.txt", "e1", "meeting", ["IND", "USA"], 2018, "occurred"),
        ("b.txt", "e2", "exercise", ["AUS", "IND", "JPN"], 2020, "occurred"),
        ("x.txt", "e3", "agreement", ["EGY", "IND"], 2022, "occurred"),
    )
    return gold, events


def test_predicted_cells_count_distinct_events_per_pair():
    _, events = two_articles()
    assert sorted(predicted_cells(events).rows()) == [
        ("agreement", 2022, "EGY", "IND", 1),
        ("exercise", 2020, "AUS", "IND", 1),
        ("exercise", 2020, "AUS", "JPN", 1),
        ("exercise", 2020, "IND", "JPN", 1),
        ("meeting", 2018, "IND", "USA", 1),
    ]


def test_a_part_counts_only_the_events_its_articles_report():
    gold, events = two_articles()
    part = score_articles(gold, events, {"a.txt"})
    assert counts(part) == (1, 0, 0)
    assert part.cells["all"].n_cells == 1 and part.cells["all"].n_exact == 1
    assert part.cell_table["event_type"].to_list() == ["meeting"]  # b.txt's exercise is neither required nor counted
    assert part.unannotated_articles == ["x.txt"]


def test_all_annotated_articles_score_as_every_cell_of_the_warehouse():
    gold, events = two_articles()
    events = events.filter(pl.col("article") != "x.txt")
    whole = score(gold, events, predicted_cells(events))
    chosen = score_articles(gold, events, {"a.txt", "b.txt"})
    assert (chosen.events, chosen.cells) == (whole.events, whole.cells)
    assert chosen.errors.equals(whole.errors) and chosen.cell_table.equals(whole.cell_table)
    assert counts(chosen) == (5, 0, 0)


def test_scoring_an_article_without_gold_is_an_error():
    gold, events = two_articles()
    with pytest.raises(ValueError, match="without a gold record"):
        score_articles(gold, events, {"a.txt", "x.txt"})


def test_score_figures_hold_the_table_per_type():
    gold, events = two_articles()
    figures = score_figures(score_articles(gold, events, {"a.txt"}))
    assert list(figures) == ["meeting", "exercise", "agreement", "all"]
    assert figures["all"] == {
        "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "status_accuracy": 1.0,
        "status_f1": 1.0, "cells": 1, "cells_exact": 1.0, "cells_mae": 0.0, "cells_total_abs_error": 0,
    }
    assert figures["exercise"]["precision"] is None


# --- gold as prediction ------------------------------------------------------


def as_predictions(gold):
    events = [
        (record["article"], f"{record['article']}/{index}", event["type"], event["countries"], event["year"],
         event["status"])
        for record in gold
        for index, event in enumerate(record["events"])
    ]
    cell_keys = {}
    for record in gold:
        for event in record["events"]:
            for a, b in combinations(sorted(set(event["countries"])), 2):
                cell_keys.setdefault((event["type"], event["year"], a, b), set()).add(event["event_key"])
    return predicted(*events), cells(*[(*key, len(keys)) for key, keys in cell_keys.items()])


country = st.sampled_from(["AUS", "IND", "JPN", "USA", "PHL"])
events_strategy = st.lists(
    st.builds(
        gold_event,
        st.sampled_from(["meeting", "exercise", "agreement"]),
        st.lists(country, min_size=2, max_size=4, unique=True),
        st.one_of(st.none(), st.integers(2015, 2017)),
        st.sampled_from(["occurred", "planned"]),
        st.sampled_from(["k1", "k2", "k3", "k4"]),
        st.booleans(),
    ),
    max_size=5,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(events_strategy, min_size=1, max_size=3))
def test_gold_scored_against_itself_is_perfect(articles):
    gold = [article(f"{i}.txt", *events) for i, events in enumerate(articles)]
    scores = score(gold, *as_predictions(gold))
    assert scores.events["all"].fp == 0
    assert scores.events["all"].fn == 0
    assert scores.events["all"].status_equal == scores.events["all"].tp
    assert scores.cells["all"].total_abs_error == 0
    assert scores.cells["all"].n_exact == scores.cells["all"].n_cells


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_shared_gold_files_read_and_score_perfectly_against_themselves(corpus):
    path = CORPUS / corpus / "gold.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present")
    gold = read_gold(path)
    assert len(gold) >= 2
    scores = score(gold, *as_predictions(gold))
    assert scores.events["all"].tp > 0
    assert scores.events["all"].f1 == 1.0
    assert scores.cells["all"].exact_share == 1.0


# --- reading gold and rendering ----------------------------------------------


def write_lines(tmp_path, lines):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_gold_reads_records_and_skips_blank_lines(tmp_path):
    records = [
        article("a.txt", gold_event("meeting", ["IND", "USA"], 2018)),
        article("wire.jsonl#R7"),
    ]
    path = write_lines(tmp_path, [json.dumps(records[0]), "", json.dumps(records[1])])
    assert read_gold(path) == records


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "line 3: not valid JSON"),
        ("[1, 2]", "line 3: expected a JSON object"),
        (json.dumps({"article": "c.txt"}), "line 3: 'events' must be a list"),
        (json.dumps(article("c.txt", gold_event("meeting", ["IND"], 2018))), "line 3, event 0: 'countries'"),
        (json.dumps(article("c.txt", gold_event("parade", ["IND", "USA"], 2018))), "line 3, event 0: 'type'"),
        (json.dumps(article("c.txt", gold_event("meeting", ["IND", "USA"], "2018"))), "line 3, event 0: 'year'"),
        (json.dumps(article("a.txt")), "line 3: article 'a.txt' already annotated on line 1"),
    ],
)
def test_read_gold_names_the_line_of_a_malformed_record(tmp_path, bad_line, message):
    path = write_lines(tmp_path, [json.dumps(article("a.txt")), json.dumps(article("b.txt")), bad_line])
    with pytest.raises(ValueError, match=message):
        read_gold(path)


def test_format_scores_renders_one_row_per_type_and_all():
    gold = [article("a.txt", gold_event("meeting", ["IND", "USA"], 2018), gold_event("exercise", ["IND", "USA"], 2018))]
    scores = score(
        gold,
        predicted(
            ("a.txt", "e1", "meeting", ["IND", "USA"], 2018, "occurred"),
            ("a.txt", "e2", "meeting", ["IND", "USA"], 2018, "occurred"),
        ),
        cells(("meeting", 2018, "IND", "USA", 1)),
    )
    lines = format_scores(scores).splitlines()
    rows = {line.split()[0]: line.split() for line in lines[2:6]}
    assert list(rows) == ["meeting", "exercise", "agreement", "all"]
    # tp fp fn P R F1 status-acc F1+status cells cells-exact MAE
    assert rows["meeting"][1:] == ["1", "1", "0", "0.500", "1.000", "0.667", "1.000", "0.667", "1", "1.000", "0.000"]
    assert rows["exercise"][1:] == ["0", "0", "1", "-", "0.000", "0.000", "-", "0.000", "1", "0.000", "1.000"]
    assert rows["all"][1:4] == ["1", "1", "1"]
    assert rows["all"][-3:] == ["2", "0.500", "0.500"]
