with source as (
    select * from {{ source('raw', 'articles') }}
)

select
    article_id,
    source_file,
    record_id,
    url,
    title,
    source as outlet,
    cast(published as date) as published,
    published_from,
    content_hash
from source
