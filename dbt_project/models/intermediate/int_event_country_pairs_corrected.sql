-- The country pairs of the corrected events: as the mentions paired them, unless a
-- correction gave the participants, which then pair each with each.
with events as (
    select event_id, participants, participants_corrected from {{ ref('int_events_corrected') }}
),

listed as (
    select event_id, unnest(participants) as country
    from events
    where participants_corrected
)

select pairs.event_id, pairs.country_a, pairs.country_b
from {{ ref('int_event_country_pairs') }} as pairs
inner join events on pairs.event_id = events.event_id
where not events.participants_corrected

union all

select first.event_id, first.country as country_a, second.country as country_b
from listed as first
inner join listed as second on first.event_id = second.event_id and first.country < second.country
