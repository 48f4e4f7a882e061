{#- Fails for every row whose pair is not strictly ordered (first < second),
    which also catches a country paired with itself. -#}
{% test pair_is_ordered(model, first_column, second_column) %}
select *
from {{ model }}
where not ({{ first_column }} < {{ second_column }})
{% endtest %}
