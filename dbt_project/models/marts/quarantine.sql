-- Every input that could not be read into an article, with its reason: with dim_article, every input of the build.
select
    source_file,
    record_id,
    reason,
    detail,
    seen_at
from {{ ref('stg_raw__quarantine') }}
