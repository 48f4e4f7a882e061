select
    iso3,
    iso2,
    iso_numeric,
    name,
    cow_code,
    cow_abbrev,
    gw_code,
    region
from {{ ref('country_codes') }}
