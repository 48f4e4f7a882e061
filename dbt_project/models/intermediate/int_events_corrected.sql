-- The events as the analysts' corrections leave them (raw.corrections, checked by
-- transforms/corrections.py): a rejected event is gone, a set field takes its value, an
-- added event joins; `review` says which. The last line of an event and field wins.
with events as (
    select merged.*, scored.confidence, scored.confidence_reasons
    from {{ ref('int_events_merged') }} as merged
    inner join {{ ref('int_events_scored') }} as scored on merged.event_id = scored.event_id
),

corrections as (
    select * from {{ ref('stg_raw__corrections') }}
),

verdicts as (
    select event_id, arg_max(action, line) as verdict
    from corrections
    where action in ('reject', 'confirm')
    group by event_id
),

field_values as (
    select event_id, field, arg_max(value, line) as value
    from corrections
    where action = 'set'
    group by event_id, field
),

field_sets as (
    select
        event_id,
        any_value(value) filter (where field = 'event_type') as event_type,
        any_value(value) filter (where field = 'subtype') as subtype,
        any_value(value) filter (where field = 'status') as status,
        any_value(value) filter (where field = 'year') as year,
        -- an empty month or day makes it unknown
        bool_or(field = 'month') as month_is_set,
        any_value(value) filter (where field = 'month') as month,
        bool_or(field = 'day') as day_is_set,
        any_value(value) filter (where field = 'day') as day,
        any_value(value) filter (where field = 'participants') as participants
    from field_values
    group by event_id
),

-- an id of a machine-read event cannot be added (marts.corrections_unapplied lists it)
additions as (
    select event_id, arg_min(value, line) as added_from
    from corrections
    where action = 'add' and event_id not in (select event_id from events)
    group by event_id
),

-- a set subtype applies only when it is a kind of the event's (corrected) type; the machine's
-- subtype stays while it is one (marts.corrections_unapplied lists a subtype that is not)
typed as (
    select
        events.*,
        coalesce(field_sets.event_type, events.event_type) as corrected_type,
        coalesce({{ subtype_belongs_to_event_type('coalesce(field_sets.event_type, events.event_type)', 'field_sets.subtype') }}, false)
            as subtype_applies
    from events
    left join field_sets on events.event_id = field_sets.event_id
),

machine_events as (
    select
        events.event_id,
        events.corrected_type as event_type,
        case
            when events.subtype_applies then field_sets.subtype
            when {{ subtype_belongs_to_event_type('events.corrected_type', 'events.subtype') }} then events.subtype
        end as subtype,
        coalesce(field_sets.status, events.status) as status,
        coalesce(cast(field_sets.year as integer), events.year) as year,
        case when field_sets.month_is_set then cast(nullif(field_sets.month, '') as integer) else events.month end as month,
        case when field_sets.day_is_set then cast(nullif(field_sets.day, '') as integer) else events.day end as day,
        coalesce(string_split(field_sets.participants, ';'), events.participants) as participants,
        field_sets.participants is not null as participants_corrected,
        events.location_place,
        events.location_country,
        events.n_mentions,
        events.n_articles,
        events.first_published,
        events.last_published,
        events.evidence,
        events.confidence,
        events.confidence_reasons,
        case
            when events.subtype_applies
                or field_sets.event_type is not null or field_sets.status is not null or field_sets.year is not null
                or field_sets.month_is_set or field_sets.day_is_set or field_sets.participants is not null
                then 'corrected'
            when verdicts.verdict = 'confirm' then 'confirmed'
        end as review,
        cast(null as varchar) as added_from
    from typed as events
    left join field_sets on events.event_id = field_sets.event_id
    left join verdicts on events.event_id = verdicts.event_id
    where verdicts.verdict is distinct from 'reject'
),

added_events as (
    select
        additions.event_id,
        field_sets.event_type,
        case when {{ subtype_belongs_to_event_type('field_sets.event_type', 'field_sets.subtype') }} then field_sets.subtype end as subtype,
        coalesce(field_sets.status, 'occurred') as status,
        cast(field_sets.year as integer) as year,
        cast(nullif(field_sets.month, '') as integer) as month,
        cast(nullif(field_sets.day, '') as integer) as day,
        string_split(field_sets.participants, ';') as participants,
        true as participants_corrected,
        cast(null as varchar) as location_place,
        cast(null as varchar) as location_country,
        cast(0 as bigint) as n_mentions,
        cast(0 as bigint) as n_articles,
        cast(null as date) as first_published,
        cast(null as date) as last_published,
        cast(null as varchar) as evidence,
        1.0 as confidence,
        ['added by a reviewer'] as confidence_reasons,
        'added' as review,
        additions.added_from
    from additions
    inner join field_sets on additions.event_id = field_sets.event_id
    left join verdicts on additions.event_id = verdicts.event_id
    where verdicts.verdict is distinct from 'reject'
)

select
    *,
    len(participants) as n_participants
from (
    select * from machine_events
    union all by name
    select * from added_events
)
