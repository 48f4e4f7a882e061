-- Each merged event's confidence: the logistic model of seeds/confidence_weights.csv
-- over int_event_confidence_features, and the features behind it, the strongest first, each
-- with what it adds to the log-odds.
with events as (
    select * from {{ ref('int_events_merged') }}
),

weights as (
    select * from {{ ref('confidence_weights') }}
),

contributions as (
    select
        features.event_id,
        features.phrase,
        weights.weight * features.value as contribution
    from {{ ref('int_event_confidence_features') }} as features
    inner join weights on features.feature = weights.feature
    where features.value != 0
),

scored as (
    select
        event_id,
        sum(contribution) as log_odds,
        list(
            printf('%s (%+.2f)', phrase, contribution) order by abs(contribution) desc, phrase
        ) filter (where abs(contribution) >= 0.005) as reasons
    from contributions
    group by event_id
),

intercept as (
    select coalesce(max(weight), 0) as weight from weights where feature = 'intercept'
)

select
    events.event_id,
    round(1 / (1 + exp(-(intercept.weight + coalesce(scored.log_odds, 0)))), 3) as confidence,
    coalesce(scored.reasons, []) as confidence_reasons
from events
cross join intercept
left join scored on events.event_id = scored.event_id
