-- The events an analyst should look at first: how likely each is wrong (1 - confidence)
-- times how much it moves the dyad-year tables (its share of each cell it counts in: alone
-- in a cell it is 1, one of ten 0.1, summed over its pairs). Reviewed events leave the queue;
-- an undated event counts in no cell and comes last.
with events as (
    select * from {{ ref('int_events_corrected') }}
),

pairs as (
    select * from {{ ref('int_event_country_pairs_corrected') }}
),

event_cells as (
    select events.event_id, events.event_type, events.status, events.year, pairs.country_a, pairs.country_b
    from events
    inner join pairs on events.event_id = pairs.event_id
    where events.year is not null
),

cell_sizes as (
    select event_type, status, year, country_a, country_b, count(*) as n_events
    from event_cells
    group by all
),

impacts as (
    select event_cells.event_id, sum(1.0 / cell_sizes.n_events) as impact
    from event_cells
    inner join cell_sizes using (event_type, status, year, country_a, country_b)
    group by event_cells.event_id
),

links as (
    select
        reports.event_id,
        list(distinct coalesce(articles.url, articles.source_file) order by coalesce(articles.url, articles.source_file)) as article_links
    from {{ ref('int_event_reports') }} as reports
    inner join {{ ref('stg_raw__articles') }} as articles on reports.article_id = articles.article_id
    group by reports.event_id
),

queued as (
    select
        events.*,
        round(coalesce(impacts.impact, 0), 3) as impact,
        round((1 - events.confidence) * coalesce(impacts.impact, 0), 4) as priority,
        coalesce(links.article_links, []) as article_links
    from events
    left join impacts on events.event_id = impacts.event_id
    left join links on events.event_id = links.event_id
    where events.review is null
)

select
    cast(row_number() over (order by priority desc, confidence, event_id) as integer) as queue_rank,
    event_id,
    event_type,
    subtype,
    status,
    year,
    month,
    day,
    participants,
    confidence,
    confidence_reasons,
    impact,
    priority,
    n_articles,
    evidence,
    article_links
from queued
