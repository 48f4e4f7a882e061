{#- Whether `subtype` is one of the subtypes events.md gives `event_type` (SQL expressions);
    null when either is null. The singular test of the mentions and the analysts' corrections use it. -#}
{% macro subtype_belongs_to_event_type(event_type, subtype) %}
(
    ({{ event_type }} = 'meeting' and {{ subtype }} in ('leaders', 'ministers', 'officials', 'military', 'call'))
    or ({{ event_type }} = 'exercise' and {{ subtype }} in ('naval', 'air', 'ground', 'sar', 'hadr', 'combined'))
    or ({{ event_type }} = 'agreement' and {{ subtype }} in ('mou', 'agreement', 'treaty', 'joint_statement', 'joint_vision', 'loi', 'arrangement'))
)
{% endmacro %}
