"""Score a published warehouse against gold annotations (the scoring of events.md)."""

import shutil
from pathlib import Path

import polars as pl

from orchestration.published import connect_read_only
from orchestration.settings import DBT_PROJECT_DIR
from transforms.confidence import brier_scores, calibration_table, feature_matrix, fit_logistic, format_calibration, label_events, predict
from transforms.corpora import ArticleSet, Corpus
from transforms.scoring import Scores, score_articles

FACTS = """
    select 'meeting' as event_type, event_id, year, country_a, country_b, status from marts.fct_meetings
    union all
    select 'exercise', event_id, year, country_a, country_b, status from marts.fct_exercises
    union all
    select 'agreement', event_id, year, country_a, country_b, status from marts.fct_agreements
"""

# Every event with every article that reports it, keyed like the gold: `file` or `file.jsonl#record`.
PREDICTED_EVENTS = f"""
    with facts as ({FACTS}),
    reports as (select distinct event_id, article_id from marts.fct_event_evidence)
    select
        case when articles.record_id is null then articles.source_file
             else articles.source_file || '#' || articles.record_id end as article,
        facts.event_id, facts.event_type, facts.country_a, facts.country_b, facts.year, facts.status
    from facts
    join reports using (event_id)
    join marts.dim_article as articles using (article_id)
"""


def predicted_events(warehouse: Path) -> pl.DataFrame:
    with connect_read_only(warehouse) as connection:
        return connection.sql(PREDICTED_EVENTS).pl()


def score_warehouse(gold: list[dict], warehouse: Path) -> Scores:
    """The gold's articles scored; the cells count the events those articles report."""
    return score_articles(gold, predicted_events(warehouse), {record["article"] for record in gold})


def score_sets(gold: list[dict], sets: list[ArticleSet], warehouse: Path) -> list[tuple[ArticleSet, Scores]]:
    """Each set scored on its own, from one read of the warehouse; `gold` is every corpus's, keyed as the warehouse."""
    events = predicted_events(warehouse)
    return [(article_set, score_articles(gold, events, article_set.articles)) for article_set in sets]


def stage_corpora(corpora: list[Corpus], raw_dir: Path) -> None:
    """Copy each corpus's folder into raw_dir as its subfolder: the regular files, at any depth."""
    for corpus in corpora:
        for path in sorted(corpus.folder.rglob("*")):
            # a symlink is left out: its copy would not point where the original does
            if path.is_file() and not path.is_symlink():
                target = raw_dir / corpus.subfolder / path.relative_to(corpus.folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)


# --- confidence ---------------------------------------------------------------

CONFIDENCE_WEIGHTS = DBT_PROJECT_DIR / "seeds" / "confidence_weights.csv"
CONFIDENCE_CALIBRATION = DBT_PROJECT_DIR / "seeds" / "confidence_calibration.csv"


def labelled_events(gold: list[dict], warehouse: Path) -> pl.DataFrame:
    """The events the gold's articles report, with the warehouse's confidence and whether the gold says they are right."""
    labels = label_events(gold, predicted_events(warehouse))
    with connect_read_only(warehouse) as connection:
        confidence = connection.sql("select event_id, confidence from marts.fct_events where review is null").pl()
    return confidence.join(
        pl.DataFrame({"event_id": list(labels), "right": list(labels.values())}, schema={"event_id": pl.Utf8, "right": pl.Boolean}),
        on="event_id",
    ).sort("event_id")


def measure_calibration(gold: list[dict], warehouse: Path) -> str:
    """The calibration table of the warehouse's own confidence on the gold's articles."""
    events = labelled_events(gold, warehouse)
    confidence, right = events["confidence"].to_list(), events["right"].to_list()
    return format_calibration(calibration_table(confidence, right), brier_scores(confidence, right))


def calibrate(gold: list[dict], warehouse: Path) -> str:
    """Fit the confidence's weights on the gold's events and write them, with their calibration table, as dbt seeds."""
    events = labelled_events(gold, warehouse)
    # The one read past the marts: fitting the confidence's weights is the model's own work, on its own features.
    with connect_read_only(warehouse) as connection:
        features = connection.sql("select event_id, feature, value from intermediate.int_event_confidence_features").pl()
    x, names = feature_matrix(features, events["event_id"].to_list())
    y = events["right"].cast(pl.Float64).to_numpy()
    weights = fit_logistic(x, y)
    pl.DataFrame({"feature": names, "weight": [round(float(w), 4) for w in weights]}).write_csv(CONFIDENCE_WEIGHTS)
    confidence, right = predict(x, weights).tolist(), events["right"].to_list()
    table = calibration_table(confidence, right)
    table.write_csv(CONFIDENCE_CALIBRATION)
    return (
        f"fitted on {len(events)} events ({int(y.sum())} right); wrote {CONFIDENCE_WEIGHTS} and {CONFIDENCE_CALIBRATION}\n\n"
        + format_calibration(table, brier_scores(confidence, right))
    )
