with source as (
    select * from {{ source('raw', 'event_mentions') }}
)

select
    mention_id,
    event_mention_id,
    article_id,
    event_type,
    subtype,
    status,
    cast(year as integer) as year,
    cast(month as integer) as month,
    cast(day as integer) as day,
    date_source,
    date_precision,
    country_a,
    country_b,
    cast(participants as varchar[]) as participants,
    cast(participants_from_roles as varchar[]) as participants_from_roles,
    location_place,
    location_country,
    trigger as trigger_text,
    evidence,
    cast(sentence_start as integer) as sentence_start
from source
