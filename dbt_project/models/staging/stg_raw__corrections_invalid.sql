with source as (
    select * from {{ source('raw', 'corrections_invalid') }}
)

select
    cast(line as integer) as line,
    row as row_text,
    reason
from source
