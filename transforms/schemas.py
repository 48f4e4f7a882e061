"""Polars schemas of the frames loaded into the warehouse's `raw` schema.

These are the table contract of ../shared/spec/warehouse.md; extra columns
are additions, none is renamed.
"""

import polars as pl

# The event types and statuses of events.md, in the order tables show them.
EVENT_TYPES = ("meeting", "exercise", "agreement")
STATUSES = ("occurred", "planned")

ARTICLES = {
    "article_id": pl.Utf8,  # sha1 of source_file + record_id: stable across runs
    "source_file": pl.Utf8,  # relative to the raw folder, "/" separated
    "record_id": pl.Utf8,  # the record's `id` in a .jsonl file, else null
    "url": pl.Utf8,
    "title": pl.Utf8,
    "source": pl.Utf8,
    "published": pl.Date,
    # How `published` was found, most trusted first (transforms.ingest, "dates"): metadata | json_ld | record_field
    # | url | htmldate | text | dateline | (dateline|text)+(updated|url|caption|weekday|gap_statement|file_name|name_year)
    # | updated_line | url_month | caption | null
    "published_from": pl.Utf8,
    "content_hash": pl.Utf8,  # sha256 of the cleaned text
    "text": pl.Utf8,  # the cleaned article text, paragraphs separated by "\n\n"
}

QUARANTINE = {
    "source_file": pl.Utf8,
    "record_id": pl.Utf8,
    "reason": pl.Utf8,  # a short code, see transforms.ingest.QuarantineReason
    "detail": pl.Utf8,  # a human-readable sentence
    "seen_at": pl.Datetime("us", "UTC"),  # the input file's modification time
}

# An article of one batch before duplicates over every batch are removed, with its
# input's modification time: the `seen_at` of its quarantine row if it is a duplicate.
CANDIDATES = {**ARTICLES, "seen_at": QUARANTINE["seen_at"]}

EVENT_MENTIONS = {
    "mention_id": pl.Utf8,  # one row: this event mention and this country pair
    "article_id": pl.Utf8,
    "event_mention_id": pl.Utf8,  # shared by the pair rows of one mention
    "event_type": pl.Utf8,  # meeting | exercise | agreement
    "subtype": pl.Utf8,
    "status": pl.Utf8,  # occurred | planned
    "year": pl.Int32,
    "month": pl.Int32,
    "day": pl.Int32,
    "date_source": pl.Utf8,  # explicit | relative | publication | paragraph | none
    "date_precision": pl.Utf8,  # day | month | year | none
    "country_a": pl.Utf8,
    "country_b": pl.Utf8,
    "participants": pl.List(pl.Utf8),
    # those the syntax around the trigger names (its subject, "with X", a list it heads); the others were
    # read from the paragraph or the story: a reason of the event's confidence
    "participants_from_roles": pl.List(pl.Utf8),
    "location_place": pl.Utf8,
    "location_country": pl.Utf8,
    "trigger": pl.Utf8,  # the words that named the event
    "evidence": pl.Utf8,  # the sentence the event was read from
    "sentence_start": pl.Int32,  # character offset of the evidence in the article text
}

PARSED_ARTICLES = {
    "article_id": pl.Utf8,
    "parse_key": pl.Utf8,  # sha256 of the extraction fingerprint, the text and the publication date
}


def empty_frame(schema: dict) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)
