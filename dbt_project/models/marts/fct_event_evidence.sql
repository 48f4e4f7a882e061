select
    event_id,
    event_mention_id,
    article_id,
    source_file,
    published,
    event_type,
    subtype,
    status,
    year,
    month,
    day,
    location_place,
    location_country,
    sentence_start,
    evidence
from {{ ref('int_event_reports') }}
-- a rejected event's sentences leave with it
where event_id in (select event_id from {{ ref('int_events_corrected') }})
