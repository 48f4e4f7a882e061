with source as (
    select * from {{ source('raw', 'quarantine') }}
)

select
    source_file,
    record_id,
    reason,
    detail,
    cast(seen_at as timestamptz) as seen_at
from source
