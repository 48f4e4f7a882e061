"""Score a published warehouse against gold annotations (the scoring of events.md)."""

import shutil
from pathlib import Path

import polars as pl

from orchestration.published import connect_read_only
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
    join raw.articles as articles using (article_id)
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
