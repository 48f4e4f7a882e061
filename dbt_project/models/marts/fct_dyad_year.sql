-- Events without a year belong to no cell and are left out.
with events as (
    select event_id, event_type, status, year
    from {{ ref('int_events_corrected') }}
    where year is not null
),

pairs as (
    select * from {{ ref('int_event_country_pairs_corrected') }}
)

select
    events.year,
    pairs.country_a,
    pairs.country_b,
    count(*) filter (where events.event_type = 'meeting' and events.status = 'occurred') as meetings,
    count(*) filter (where events.event_type = 'exercise' and events.status = 'occurred') as exercises,
    count(*) filter (where events.event_type = 'agreement' and events.status = 'occurred') as agreements,
    count(*) filter (where events.event_type = 'meeting' and events.status = 'planned') as planned_meetings,
    count(*) filter (where events.event_type = 'exercise' and events.status = 'planned') as planned_exercises,
    count(*) filter (where events.event_type = 'agreement' and events.status = 'planned') as planned_agreements
from events
inner join pairs on events.event_id = pairs.event_id
group by events.year, pairs.country_a, pairs.country_b
