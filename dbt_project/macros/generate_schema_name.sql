{#- Models land in the schema named in dbt_project.yml (`staging`, `marts`, ...)
    rather than dbt's default `<target schema>_<custom schema>`: users and the
    scorer query `marts.fct_meetings`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
