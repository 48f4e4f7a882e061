-- A warning, not an error: a stale or malformed correction never withholds the warehouse.
{{ config(severity='warn') }}
select line, reason from {{ ref('corrections_unapplied') }}
