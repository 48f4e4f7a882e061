-- fct_dyad_year keyed by Correlates of War state numbers, ordered ccode1 < ccode2
-- like COW-style dyad-year panels; pairs with a country outside the COW state
-- system (no cow_code) have no key there and are left out.
with dyad_years as (
    select * from {{ ref('fct_dyad_year') }}
),

cow_states as (
    select iso3, cow_code from {{ ref('dim_country') }}
    where cow_code is not null
)

select
    -- ISO3 order and COW order differ (JPN < USA, but USA is 2 and Japan 740):
    -- the counts are undirected, so the pair is simply reordered
    least(state_a.cow_code, state_b.cow_code) as ccode1,
    greatest(state_a.cow_code, state_b.cow_code) as ccode2,
    dyad_years.year,
    dyad_years.meetings,
    dyad_years.exercises,
    dyad_years.agreements,
    dyad_years.planned_meetings,
    dyad_years.planned_exercises,
    dyad_years.planned_agreements
from dyad_years
inner join cow_states as state_a on dyad_years.country_a = state_a.iso3
inner join cow_states as state_b on dyad_years.country_b = state_b.iso3
