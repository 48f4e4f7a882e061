-- The country pairs of each event, as the mentions paired them: "X visited A and B"
-- pairs the visitor with each host, not the hosts with each other.
with reports as (
    select event_id, event_mention_id from {{ ref('int_event_reports') }}
),

mention_pairs as (
    select event_mention_id, country_a, country_b from {{ ref('stg_raw__event_mentions') }}
)

select distinct
    reports.event_id,
    mention_pairs.country_a,
    mention_pairs.country_b
from reports
inner join mention_pairs on reports.event_mention_id = mention_pairs.event_mention_id
