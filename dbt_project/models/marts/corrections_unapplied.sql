-- Every row of the corrections file that changed nothing, with its line and reason: the
-- malformed (transforms/corrections.py) and those whose event this build does not hold.
with corrections as (
    select * from {{ ref('stg_raw__corrections') }}
),

machine_events as (
    select event_id from {{ ref('int_events_scored') }}
),

added_events as (
    select event_id from corrections where action = 'add'
),

unmatched as (
    select
        line,
        concat_ws(',', event_id, action, coalesce(field, ''), value) as row_text,
        event_id,
        case
            when action = 'add'
                then 'add: ' || event_id || ' is the id of an event the machine read; an added event needs a new id'
            else 'no event ' || event_id || ' in this build: its type, participants or date as read changed, or its articles are gone'
        end as reason
    from corrections
    where (action = 'add' and event_id in (select event_id from machine_events))
        or (
            action != 'add'
            and event_id not in (select event_id from machine_events)
            and event_id not in (select event_id from added_events)
        )
),

-- a subtype is a kind of one event type: "naval" cannot be a meeting's
mismatched_subtypes as (
    select
        corrections.line,
        concat_ws(',', corrections.event_id, corrections.action, corrections.field, corrections.value) as row_text,
        corrections.event_id,
        'subtype ' || corrections.value || ' is not a kind of ' || events.event_type || ': the event keeps its subtype' as reason
    from corrections
    inner join {{ ref('int_events_corrected') }} as events on corrections.event_id = events.event_id
    where corrections.action = 'set' and corrections.field = 'subtype'
        and not {{ subtype_belongs_to_event_type('events.event_type', 'corrections.value') }}
)

select line, row_text, event_id, reason from unmatched
union all
select line, row_text, event_id, reason from mismatched_subtypes
union all
select line, row_text, cast(null as varchar) as event_id, reason from {{ ref('stg_raw__corrections_invalid') }}
