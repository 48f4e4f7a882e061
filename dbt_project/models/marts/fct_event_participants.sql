with events as (
    select event_id, event_type, status, year, participants
    from {{ ref('int_events_corrected') }}
)

select
    event_id,
    unnest(participants) as iso3,
    event_type,
    status,
    year
from events
