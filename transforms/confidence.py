"""The events' confidence: which events the gold says are right, the logistic model's fit, and its calibration.

dbt computes each event's confidence from the features of int_event_confidence_features
and the weights of seeds/confidence_weights.csv; `entente calibrate` fits those weights
here, on a warehouse built from gold corpora. A logistic model because its output is a
probability by construction and each weight reads as what a feature adds to the log-odds,
which the review page shows as the reasons. Fitted with numpy's Newton steps (a dozen
weights, a few hundred events): a machine-learning library would add a large dependency
for one small function.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np
import polars as pl

INTERCEPT = "intercept"
# A small ridge penalty: a feature few events have (a rare date kind) keeps a modest weight.
RIDGE = 1.0
BINS = 10

CALIBRATION = {
    "bin": pl.Utf8,  # "0.6-0.7"
    "predicted": pl.Float64,  # mean confidence of the bin's events
    "observed": pl.Float64,  # share of them the gold says are right
    "events": pl.Int64,
}


def label_events(gold: list[dict], predicted: pl.DataFrame) -> dict[str, bool]:
    """event_id -> right, for the events the gold's articles report.

    `predicted` has a row per event, reporting article and country pair (article, event_id,
    event_type, country_a, country_b, year), as orchestration.evaluation reads the marts. An
    event is right when, in an article that reports it, the gold has an event of its type and
    year for every one of its country pairs (the scoring's keys of events.md, status aside).
    """
    gold_keys: dict[str, set[tuple]] = {}
    for record in gold:
        keys = gold_keys.setdefault(record["article"], set())
        for event in record["events"]:
            for a, b in combinations(sorted(set(event["countries"])), 2):
                keys.add((event["type"], a, b, event["year"]))
    keys_of_event: dict[str, dict[str, set[tuple]]] = defaultdict(lambda: defaultdict(set))
    for row in predicted.iter_rows(named=True):
        if row["article"] in gold_keys:
            a, b = sorted((row["country_a"], row["country_b"]))
            keys_of_event[row["event_id"]][row["article"]].add((row["event_type"], a, b, row["year"]))
    return {
        event_id: any(keys <= gold_keys[article] for article, keys in by_article.items())
        for event_id, by_article in keys_of_event.items()
    }


def feature_matrix(features: pl.DataFrame, event_ids: list[str]) -> tuple[np.ndarray, list[str]]:
    """Rows: the events in order; columns: the intercept, then each feature by name. `features` is long (event_id, feature, value)."""
    names = sorted(features["feature"].unique().to_list())
    wide = (
        features.pivot(on="feature", index="event_id", values="value")
        .join(pl.DataFrame({"event_id": event_ids}), on="event_id", how="right")
        .select(names)
        .fill_null(0)
    )
    return np.column_stack([np.ones(len(event_ids)), wide.to_numpy()]), [INTERCEPT, *names]


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = RIDGE, steps: int = 50) -> np.ndarray:
    """Weights maximising the log-likelihood less ridge/2 * |w|^2 (the intercept unpenalised), by Newton's method."""
    weights = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], ridge)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ weights))
        gradient = x.T @ (y - p) - penalty * weights
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        weights += step
        if np.abs(step).max() < 1e-8:
            break
    return weights


def predict(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """As int_events_scored computes it, rounded to three decimals."""
    return np.round(1 / (1 + np.exp(-x @ weights)), 3)


def calibration_table(confidence: list[float], right: list[bool], bins: int = BINS) -> pl.DataFrame:
    """Per bin of confidence: the mean confidence, the share right, and the number of events (empty bins left out)."""
    frame = pl.DataFrame({"confidence": confidence, "right": right}, schema={"confidence": pl.Float64, "right": pl.Boolean})
    index = (pl.col("confidence") * bins).floor().clip(0, bins - 1).cast(pl.Int64)
    return (
        frame.with_columns(index.alias("index"))
        .group_by("index")
        .agg(
            predicted=pl.col("confidence").mean(),
            observed=pl.col("right").cast(pl.Float64).mean(),
            events=pl.len().cast(pl.Int64),
        )
        .sort("index")
        .with_columns(
            pl.format("{}-{}", (pl.col("index") / bins).round(1), ((pl.col("index") + 1) / bins).round(1)).alias("bin"),
            pl.col("predicted").round(3),
            pl.col("observed").round(3),
        )
        .select(list(CALIBRATION))
    )


def calibration_error(table: pl.DataFrame) -> float:
    """The expected calibration error: the mean |confidence - share right| over the bins, weighted by their events."""
    total = table["events"].sum()
    return float((table["events"] * (table["predicted"] - table["observed"]).abs()).sum() / total) if total else 0.0


def brier_scores(confidence: list[float], right: list[bool]) -> tuple[float, float]:
    """The mean squared gap between confidence and outcome, and that of a constant confidence at the share right."""
    p, y = np.asarray(confidence, dtype=float), np.asarray(right, dtype=float)
    return float(np.mean((p - y) ** 2)), float(np.mean((y.mean() - y) ** 2))


def format_calibration(table: pl.DataFrame, brier: tuple[float, float] | None = None) -> str:
    """A Markdown table, as the README shows it."""
    lines = ["| confidence | mean confidence | share right | events |", "| --- | --- | --- | --- |"]
    lines += [f"| {row['bin']} | {row['predicted']:.3f} | {row['observed']:.3f} | {row['events']} |" for row in table.iter_rows(named=True)]
    if not table.is_empty():
        lines.append(
            f"\n{table['events'].sum()} events; expected calibration error {calibration_error(table):.3f} "
            "(mean |confidence - share right|, weighted by events)."
        )
    if brier:
        lines.append(f"Brier score {brier[0]:.3f} (one confidence for every event, the share right: {brier[1]:.3f}).")
    return "\n".join(lines)
