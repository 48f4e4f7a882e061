-- What each event's confidence is read from, one row per event and feature with the
-- phrase a reviewer reads; seeds/confidence_weights.csv weighs the features (a logistic
-- model fitted on the gold corpora by `entente calibrate`). A feature with value 0 is
-- absent from the event.
{%- set features = [
    ("single_report", "n_articles = 1", "'one report'"),
    ("more_reports", "ln(n_articles)", "n_articles || ' reports'"),
    ("retold", "ln(n_mentions / n_articles)", "'told ' || n_mentions || ' times'"),
    ("date_day", "day is not null", "'dated to the day'"),
    ("date_month", "month is not null and day is null", "'dated to the month'"),
    ("undated", "year is null", "'undated'"),
    ("date_relative", "any_relative and not any_explicit", "'dated by a relative expression'"),
    ("date_publication", "publication_only", "'dated by the report''s own date'"),
    ("background", "year < year(first_published)", "'history: before the report''s year'"),
    ("planned", "status = 'planned'", "'planned'"),
    ("multilateral", "ln(n_participants - 1)", "n_participants || ' participants'"),
    ("participants_from_context", "n_from_context / n_participants", "n_from_context || ' of ' || n_participants || ' participants only from context'"),
    ("exercise", "event_type = 'exercise'", "'an exercise'"),
    ("agreement", "event_type = 'agreement'", "'an agreement'"),
    ("no_place", "location_place is null and location_country is null", "'no place read'"),
] %}
with events as (
    select * from {{ ref('int_events_merged') }}
),

dating as (
    select
        event_id,
        bool_or(date_source = 'explicit') as any_explicit,
        bool_or(date_source = 'relative') as any_relative,
        bool_and(date_source = 'publication') as publication_only,
        list_distinct(flatten(list(participants_from_roles))) as participants_from_roles
    from {{ ref('int_event_reports') }}
    group by event_id
),

measured as (
    select
        events.*,
        dating.any_explicit,
        dating.any_relative,
        dating.publication_only,
        -- no report's syntax named them: read from the paragraph or the story
        events.n_participants - len(list_intersect(events.participants, coalesce(dating.participants_from_roles, []))) as n_from_context
    from events
    inner join dating on events.event_id = dating.event_id
)

{% for name, value, phrase in features %}
select
    event_id,
    '{{ name }}' as feature,
    coalesce(cast({{ value }} as double), 0) as value,
    {{ phrase }} as phrase
from measured
{% if not loop.last %}union all{% endif %}
{% endfor %}
