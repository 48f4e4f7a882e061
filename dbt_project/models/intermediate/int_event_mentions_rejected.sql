-- Event mentions the warehouse does not count, each with its reason: one input's odd
-- reading must not withhold the whole warehouse, and nothing it held is lost. An event
-- year outside the plausible range (the event_years_are_plausible check's) is such a
-- reading: "a drill planned for 2045", a background year a text got wrong.
with mentions as (
    select * from {{ ref('stg_raw__event_mentions') }}
)

select
    event_mention_id,
    any_value(article_id) as article_id,
    any_value(event_type) as event_type,
    any_value(year) as year,
    any_value(evidence) as evidence,
    'implausible_year' as reason
from mentions
where year < {{ var('earliest_event_year') }}
    or year > extract(year from current_date) + {{ var('event_years_ahead') }}
group by event_mention_id
