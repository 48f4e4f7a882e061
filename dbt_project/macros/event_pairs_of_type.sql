{#- The body of fct_meetings, fct_exercises and fct_agreements: one row per
    event of `event_type` and country pair. -#}
{% macro event_pairs_of_type(event_type) %}
with events as (
    select * from {{ ref('int_events_corrected') }}
    where event_type = '{{ event_type }}'
),

pairs as (
    select * from {{ ref('int_event_country_pairs_corrected') }}
)

select
    events.event_id,
    events.year,
    events.month,
    events.day,
    pairs.country_a,
    pairs.country_b,
    events.status,
    events.subtype,
    events.location_place,
    events.location_country,
    events.participants,
    events.n_participants,
    events.n_mentions,
    events.n_articles,
    events.first_published,
    events.last_published,
    events.evidence,
    events.confidence,
    events.review
from events
inner join pairs on events.event_id = pairs.event_id
{% endmacro %}
