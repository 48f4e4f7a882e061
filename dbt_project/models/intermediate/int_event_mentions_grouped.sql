-- One row per event mention: its country-pair rows collapse into one, and the
-- article's publication date and file come along for provenance.
with mention_pairs as (
    select * from {{ ref('stg_raw__event_mentions') }}
    where event_mention_id not in (select event_mention_id from {{ ref('int_event_mentions_rejected') }})
),

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

mentions as (
    select
        event_mention_id,
        -- attributes of the mention itself are the same on each of its pair rows
        any_value(article_id) as article_id,
        any_value(event_type) as event_type,
        any_value(subtype) as subtype,
        any_value(status) as status,
        any_value(year) as year,
        any_value(month) as month,
        any_value(day) as day,
        any_value(date_source) as date_source,
        any_value(location_place) as location_place,
        any_value(location_country) as location_country,
        any_value(evidence) as evidence,
        any_value(sentence_start) as sentence_start,
        any_value(participants_from_roles) as participants_from_roles,
        -- the pair rows name the participants too: take the union, so that the
        -- event's pairs are never fewer than the mention's
        list_sort(list_distinct(
            flatten(list(participants)) || list(country_a) || list(country_b)
        )) as participant_list
    from mention_pairs
    group by event_mention_id
)

select
    mentions.event_mention_id,
    mentions.article_id,
    articles.source_file,
    articles.published,
    mentions.event_type,
    mentions.subtype,
    -- exercises of one pair on the same dates are one event whatever forces
    -- took part; meetings and agreements of different kinds are different events
    -- Reports name an exercise's domain and a meeting's level loosely; a summit of
    -- leaders is still told apart from the working meetings around it. Agreements
    -- of different instruments are different documents.
    case
        when mentions.event_type = 'exercise' then 'any'
        when mentions.event_type = 'meeting' and mentions.subtype = 'leaders' then 'leaders'
        when mentions.event_type = 'meeting' then 'working'
        -- "the agreement", "the pact" and "the treaty" of one story name one instrument
        when mentions.subtype in ('agreement', 'treaty', 'arrangement') then 'instrument'
        else coalesce(mentions.subtype, 'unknown')
    end as subtype_family,
    mentions.status,
    mentions.year,
    -- a month without a year, or a day without a month, is not a date
    case when mentions.year is not null then mentions.month end as month,
    case when mentions.year is not null and mentions.month is not null then mentions.day end as day,
    case
        when mentions.year is null then 'none'
        when mentions.month is null then 'year'
        when mentions.day is null then 'month'
        else 'day'
    end as date_precision,
    mentions.date_source,
    array_to_string(mentions.participant_list, ',') as participants_key,
    mentions.location_place,
    mentions.location_country,
    mentions.evidence,
    mentions.sentence_start,
    mentions.participants_from_roles
from mentions
left join articles on mentions.article_id = articles.article_id
