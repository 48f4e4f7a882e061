"""The confidence's pieces (transforms/confidence.py): which events the gold says are right, the fit, the calibration table."""

import numpy as np
import polars as pl
import pytest

from transforms.confidence import (
    INTERCEPT, brier_scores, calibration_error, calibration_table, feature_matrix, fit_logistic, format_calibration,
    label_events, predict,
)

GOLD = [
    {"article": "a.txt", "events": [
        {"event_key": "k1", "type": "exercise", "countries": ["AUS", "IND", "JPN"], "year": 2020, "status": "occurred"},
        {"event_key": "k2", "type": "meeting", "countries": ["IND", "USA"], "year": 2019, "status": "occurred"},
    ]},
    {"article": "b.txt", "events": []},
]


def predicted(rows):
    columns = ["article", "event_id", "event_type", "country_a", "country_b", "year"]
    return pl.DataFrame([dict(zip(columns, row)) for row in rows])


def test_an_event_is_right_when_the_gold_has_each_of_its_pairs_in_an_article_reporting_it():
    labels = label_events(GOLD, predicted([
        ("a.txt", "ex", "exercise", "AUS", "IND", 2020), ("a.txt", "ex", "exercise", "IND", "JPN", 2020),
        ("a.txt", "wrong_pair", "exercise", "AUS", "USA", 2020), ("a.txt", "wrong_pair", "exercise", "AUS", "IND", 2020),
        ("a.txt", "wrong_year", "meeting", "USA", "IND", 2018),
        ("b.txt", "elsewhere", "meeting", "IND", "USA", 2019), ("a.txt", "elsewhere", "meeting", "IND", "USA", 2019),
        ("b.txt", "not_in_gold", "meeting", "IND", "USA", 2019),
        ("c.txt", "unannotated", "meeting", "IND", "USA", 2019),
    ]))
    assert labels == {"ex": True, "wrong_pair": False, "wrong_year": False, "elsewhere": True, "not_in_gold": False}


def test_the_fit_finds_what_a_feature_says_and_its_probabilities_are_calibrated():
    rng = np.random.default_rng(7)
    n = 4000
    single = rng.integers(0, 2, n)
    right = rng.random(n) < np.where(single == 1, 0.6, 0.95)
    features = pl.DataFrame({"event_id": [f"e{i}" for i in range(n)], "feature": "single_report", "value": single.astype(float)})
    x, names = feature_matrix(features, [f"e{i}" for i in range(n)])
    assert names == [INTERCEPT, "single_report"]
    weights = fit_logistic(x, right.astype(float))
    assert weights[1] < -1.5, "a single report lowers the odds"
    table = calibration_table(predict(x, weights).tolist(), right.tolist())
    assert calibration_error(table) < 0.02
    brier, constant = brier_scores(predict(x, weights), right)
    assert brier < constant


def test_the_calibration_table_bins_by_tenths_and_leaves_out_empty_bins():
    table = calibration_table([0.05, 0.95, 0.91, 1.0, 0.55], [False, True, False, True, True])
    assert table.rows() == [("0.0-0.1", 0.05, 0.0, 1), ("0.5-0.6", 0.55, 1.0, 1), ("0.9-1.0", 0.953, 0.667, 3)]
    assert calibration_error(table) == pytest.approx((0.05 + 0.45 + 3 * abs(0.953 - 0.667)) / 5, abs=1e-3)
    assert "| 0.9-1.0 | 0.953 | 0.667 | 3 |" in format_calibration(table)
