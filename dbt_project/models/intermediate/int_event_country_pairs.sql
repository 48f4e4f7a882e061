-- Every country pair of every event: a bilateral event gives one pair, an
-- event of n participants gives n * (n - 1) / 2.
with events as (
    select event_id, participants from {{ ref('int_events_merged') }}
),

participants as (
    select event_id, unnest(participants) as iso3 from events
)

select
    a.event_id,
    a.iso3 as country_a,
    b.iso3 as country_b
from participants as a
inner join participants as b
    on a.event_id = b.event_id and a.iso3 < b.iso3
