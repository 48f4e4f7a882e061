-- An event needs two countries; one with fewer would give no country pair and
-- vanish from the per-type fact tables and fct_dyad_year.
select event_id, participants
from {{ ref('int_events_merged') }}
where n_participants < 2
