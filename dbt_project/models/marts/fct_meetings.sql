{{ event_pairs_of_type('meeting') }}
