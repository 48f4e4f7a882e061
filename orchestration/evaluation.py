"""Score a published warehouse against gold annotations (the scoring of events.md)."""

from pathlib import Path

from orchestration.published import connect_read_only
from transforms.scoring import Scores, score

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

PREDICTED_CELLS = f"""
    with facts as ({FACTS})
    select event_type, year, country_a, country_b, count(distinct event_id) as n_events
    from facts
    group by all
"""


def score_warehouse(gold: list[dict], warehouse: Path) -> Scores:
    with connect_read_only(warehouse) as connection:
        events = connection.sql(PREDICTED_EVENTS).pl()
        cells = connection.sql(PREDICTED_CELLS).pl()
    return score(gold, events, cells)
