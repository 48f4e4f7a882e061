select
    event_id,
    event_type,
    subtype,
    status,
    year,
    month,
    day,
    participants,
    n_participants,
    location_place,
    location_country,
    n_mentions,
    n_articles,
    first_published,
    last_published,
    evidence
from {{ ref('int_events_merged') }}
