with source as (
    select * from {{ source('raw', 'corrections') }}
)

select
    cast(line as integer) as line,
    event_id,
    action,
    nullif(field, '') as field,
    value,
    nullif(note, '') as note,
    nullif(reviewer, '') as reviewer,
    nullif(reviewed_at, '') as reviewed_at
from source
