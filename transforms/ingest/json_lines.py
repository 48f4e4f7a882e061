"""The .jsonl reader: one article or one quarantine row per non-blank line."""

from __future__ import annotations

import json

from transforms.ingest.cleaning import clean_text
from transforms.ingest.decoding import clean_field, decode_text, normalise_text
from transforms.ingest.published import RECORD_DATE_FIELDS, RECORD_URL_FIELDS, find_published_date, parse_metadata_date
from transforms.ingest.records import Article, InputRejected, QuarantineReason, Rejection


def read_jsonl(data: bytes, source_file: str) -> list[Article | Rejection]:
    content = decode_text(data, by_line=True)
    outcomes: list[Article | Rejection] = []
    seen_ids: set[str] = set()
    # split("\n"), not splitlines(): U+2028 may appear raw inside a JSON string.
    for number, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            try:
                outcomes.append(_read_record(line, number, source_file, seen_ids))
            except Exception as error:  # one hostile record must not take the file's other records with it
                outcomes.append(
                    Rejection(
                        source_file,
                        None,
                        QuarantineReason.UNREADABLE,
                        f"line {number}: {type(error).__name__}: {error}",
                    )
                )
    if not outcomes:
        raise InputRejected(QuarantineReason.EMPTY, "the file holds no records")
    return outcomes


def _read_record(line: str, number: int, source_file: str, seen_ids: set[str]) -> Article | Rejection:
    def rejection(record_id: str | None, reason: QuarantineReason, detail: str) -> Rejection:
        return Rejection(source_file, record_id, reason, f"line {number}: {detail}")

    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return rejection(None, QuarantineReason.MALFORMED_JSON, f"invalid JSON ({error.msg})")
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, nesting thousands deep
        return rejection(None, QuarantineReason.MALFORMED_JSON, f"JSON beyond the parser's limits ({error})")
    if not isinstance(record, dict):
        return rejection(None, QuarantineReason.MALFORMED_JSON, "not a JSON object")
    raw_id = record.get("id")
    record_id = normalise_text(str(raw_id)).strip() if isinstance(raw_id, (str, int)) else ""
    if isinstance(raw_id, bool) or not record_id:
        return rejection(None, QuarantineReason.MISSING_RECORD_ID, "record has no usable `id`")
    if record_id in seen_ids:
        return rejection(record_id, QuarantineReason.DUPLICATE_RECORD_ID, "id already used earlier in the file")
    seen_ids.add(record_id)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return rejection(record_id, QuarantineReason.MISSING_TEXT, "record has no `text`")
    body = clean_text(normalise_text(text))
    if not body:
        return rejection(record_id, QuarantineReason.NO_ARTICLE_TEXT, "nothing but page furniture")
    url = clean_field(next((record[field] for field in RECORD_URL_FIELDS if isinstance(record.get(field), str)), None))
    published = next(filter(None, (parse_metadata_date(record.get(field)) for field in RECORD_DATE_FIELDS)), None)
    published_from = "record_field" if published else None
    if published is None:
        published, published_from = find_published_date(body, url=url)
    return Article(
        source_file=source_file,
        record_id=record_id,
        text=body,
        title=clean_field(record.get("title")),
        url=url,
        source=clean_field(record.get("source")),
        published=published,
        published_from=published_from,
    )
