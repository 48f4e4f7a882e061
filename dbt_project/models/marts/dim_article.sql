-- The articles the warehouse was built from, without their texts (which stay in raw.articles):
-- what the report, the checks and the evaluation join evidence to.
select
    article_id,
    source_file,
    record_id,
    url,
    title,
    outlet,
    published,
    published_from
from {{ ref('stg_raw__articles') }}
