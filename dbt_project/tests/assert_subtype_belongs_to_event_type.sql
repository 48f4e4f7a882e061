-- Every mention's subtype is one of its event type's subtypes (events.md).
select event_mention_id, event_type, subtype
from {{ ref('int_event_mentions_grouped') }}
where subtype is not null
    and not {{ subtype_belongs_to_event_type('event_type', 'subtype') }}
