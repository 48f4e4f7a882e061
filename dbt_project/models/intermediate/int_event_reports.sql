-- Assigns every event mention to a real-world event (the merge rule is in
-- _intermediate.yml). Mentions are candidates of one event only when they share
-- event type, participant set and subtype family; within that group the most
-- precise dates anchor the events and the vaguer mentions join an anchor when
-- exactly one fits; a mention without a year looks for its anchor in its own
-- article only.
with mentions as (
    select * from {{ ref('int_event_mentions_grouped') }}
),

day_anchors as (
    select distinct event_type, participants_key, subtype_family, year, month, day
    from mentions
    where date_precision = 'day'
),

month_mention_candidates as (
    select
        mentions.event_mention_id,
        count(*) as n_candidates,
        min(day_anchors.day) as candidate_day
    from mentions
    inner join day_anchors
        on mentions.event_type = day_anchors.event_type
        and mentions.participants_key = day_anchors.participants_key
        and mentions.subtype_family = day_anchors.subtype_family
        and mentions.year = day_anchors.year
        and mentions.month = day_anchors.month
    where mentions.date_precision = 'month'
    group by mentions.event_mention_id
),

month_mentions_anchored as (
    select
        mentions.event_mention_id,
        mentions.month as anchor_month,
        case when candidates.n_candidates = 1 then candidates.candidate_day end as anchor_day
    from mentions
    left join month_mention_candidates as candidates
        on mentions.event_mention_id = candidates.event_mention_id
    where mentions.date_precision = 'month'
),

dated_anchors as (
    select distinct
        mentions.event_type,
        mentions.participants_key,
        mentions.subtype_family,
        mentions.year,
        mentions.month,
        coalesce(mentions.day, anchored.anchor_day) as day
    from mentions
    left join month_mentions_anchored as anchored
        on mentions.event_mention_id = anchored.event_mention_id
    where mentions.date_precision in ('day', 'month')
),

year_mention_candidates as (
    select
        mentions.event_mention_id,
        count(*) as n_candidates,
        -- only read when there is a single candidate
        min(dated_anchors.month) as candidate_month,
        min(dated_anchors.day) as candidate_day
    from mentions
    inner join dated_anchors
        on mentions.event_type = dated_anchors.event_type
        and mentions.participants_key = dated_anchors.participants_key
        and mentions.subtype_family = dated_anchors.subtype_family
        and mentions.year = dated_anchors.year
    where mentions.date_precision = 'year'
    group by mentions.event_mention_id
),

anchored as (
    select
        mentions.*,
        mentions.year as event_year,
        case
            when mentions.date_precision = 'day' then mentions.month
            when mentions.date_precision = 'month' then month_anchor.anchor_month
            when year_candidates.n_candidates = 1 then year_candidates.candidate_month
        end as event_month,
        case
            when mentions.date_precision = 'day' then mentions.day
            when mentions.date_precision = 'month' then month_anchor.anchor_day
            when year_candidates.n_candidates = 1 then year_candidates.candidate_day
        end as event_day,
        -- without a year nothing ties reports of different articles together
        case when mentions.date_precision = 'none' then mentions.article_id end as event_article_id
    from mentions
    left join month_mentions_anchored as month_anchor
        on mentions.event_mention_id = month_anchor.event_mention_id
    left join year_mention_candidates as year_candidates
        on mentions.event_mention_id = year_candidates.event_mention_id
),

-- "the drill", "the next round": a year-less mention of an event its article
-- dates elsewhere is that event; a planned one only an event not yet past when
-- the article ran ("agreed to resume the drills last held in 2017" is no 2017 drill)
article_events as (
    select distinct
        article_id, event_type, participants_key, subtype_family, event_year, event_month, event_day
    from anchored
    where date_precision != 'none'
),

undated_mention_candidates as (
    select
        mentions.event_mention_id,
        count(*) as n_candidates,
        -- only read when there is a single candidate
        min(article_events.event_year) as candidate_year,
        min(article_events.event_month) as candidate_month,
        min(article_events.event_day) as candidate_day
    from anchored as mentions
    inner join article_events
        on mentions.article_id = article_events.article_id
        and mentions.event_type = article_events.event_type
        and mentions.participants_key = article_events.participants_key
        and mentions.subtype_family = article_events.subtype_family
        and (mentions.status != 'planned' or article_events.event_year >= year(mentions.published))
    where mentions.date_precision = 'none'
    group by mentions.event_mention_id
),

resolved as (
    select
        anchored.* replace (
            case when candidates.n_candidates = 1 then candidates.candidate_year else anchored.event_year end as event_year,
            case when candidates.n_candidates = 1 then candidates.candidate_month else anchored.event_month end as event_month,
            case when candidates.n_candidates = 1 then candidates.candidate_day else anchored.event_day end as event_day,
            case when candidates.n_candidates = 1 then null else anchored.event_article_id end as event_article_id
        )
    from anchored
    left join undated_mention_candidates as candidates
        on anchored.event_mention_id = candidates.event_mention_id
),

keyed as (
    select
        *,
        concat_ws(
            '|',
            event_type,
            participants_key,
            subtype_family,
            coalesce(cast(event_year as varchar), ''),
            coalesce(cast(event_month as varchar), ''),
            coalesce(cast(event_day as varchar), ''),
            coalesce(event_article_id, '')
        ) as merge_key
    from resolved
)

select
    md5(merge_key) as event_id,
    merge_key,
    event_mention_id,
    article_id,
    source_file,
    published,
    event_type,
    subtype,
    subtype_family,
    status,
    year,
    month,
    day,
    date_precision,
    date_source,
    event_year,
    event_month,
    event_day,
    participants_key,
    location_place,
    location_country,
    evidence,
    sentence_start,
    participants_from_roles
from keyed
