-- Every mention's subtype is one of its event type's subtypes (events.md).
select event_mention_id, event_type, subtype
from {{ ref('int_event_mentions_grouped') }}
where subtype is not null
    and not (
        (event_type = 'meeting' and subtype in ('leaders', 'ministers', 'officials', 'military', 'call'))
        or (event_type = 'exercise' and subtype in ('naval', 'air', 'ground', 'sar', 'hadr', 'combined'))
        or (event_type = 'agreement' and subtype in ('mou', 'agreement', 'treaty', 'joint_statement', 'joint_vision', 'loi', 'arrangement'))
    )
