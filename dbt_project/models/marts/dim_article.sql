-- The articles the warehouse was built from, without their texts (which stay in raw.articles) and without
-- the duplicate-detection hash: what the report, the checks and the evaluation join evidence to.
select * exclude (content_hash)
from {{ ref('stg_raw__articles') }}
