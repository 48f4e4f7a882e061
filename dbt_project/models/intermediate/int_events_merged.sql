-- One row per real-world event: the mentions assigned to it in
-- int_event_reports, summarised.
with reports as (
    select * from {{ ref('int_event_reports') }}
),

-- most frequent subtype and location among the reports; ties go to the
-- alphabetically first so the choice is the same on every run
subtype_votes as (
    select
        event_id,
        subtype,
        row_number() over (
            partition by event_id order by count(*) desc, subtype
        ) as rank_in_event
    from reports
    where subtype is not null
    group by event_id, subtype
),

location_votes as (
    select
        event_id,
        location_place,
        location_country,
        row_number() over (
            partition by event_id
            order by
                location_place is null,
                count(*) desc,
                location_place,
                location_country
        ) as rank_in_event
    from reports
    where location_place is not null or location_country is not null
    group by event_id, location_place, location_country
),

-- the same sentence of the same article counts once in the evidence text
evidence_sentences as (
    select distinct event_id, article_id, source_file, published, sentence_start, evidence
    from reports
    where evidence is not null
),

evidence_text as (
    select
        event_id,
        string_agg(
            evidence, chr(10)
            order by published nulls last, source_file, sentence_start, evidence
        ) as evidence
    from evidence_sentences
    group by event_id
),

events as (
    select
        event_id,
        any_value(merge_key) as merge_key,
        any_value(event_type) as event_type,
        any_value(participants_key) as participants_key,
        any_value(event_year) as year,
        any_value(event_month) as month,
        any_value(event_day) as day,
        case when bool_or(status = 'occurred') then 'occurred' else 'planned' end as status,
        count(distinct event_mention_id) as n_mentions,
        count(distinct article_id) as n_articles,
        min(published) as first_published,
        max(published) as last_published
    from reports
    group by event_id
)

select
    events.event_id,
    events.merge_key,
    events.event_type,
    subtype_votes.subtype,
    events.status,
    events.year,
    events.month,
    events.day,
    string_split(events.participants_key, ',') as participants,
    len(string_split(events.participants_key, ',')) as n_participants,
    location_votes.location_place,
    location_votes.location_country,
    events.n_mentions,
    events.n_articles,
    events.first_published,
    events.last_published,
    evidence_text.evidence
from events
left join subtype_votes
    on events.event_id = subtype_votes.event_id and subtype_votes.rank_in_event = 1
left join location_votes
    on events.event_id = location_votes.event_id and location_votes.rank_in_event = 1
left join evidence_text
    on events.event_id = evidence_text.event_id
