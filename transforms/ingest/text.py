"""The .txt reader: the whole file is one article."""

from __future__ import annotations

from pathlib import Path

from transforms.ingest.cleaning import clean_text, split_title
from transforms.ingest.decoding import decode_text
from transforms.ingest.published import find_published_date
from transforms.ingest.records import Article, InputRejected, QuarantineReason


def read_text_file(data: bytes, source_file: str) -> Article:
    text = decode_text(data)
    if not text.strip():
        raise InputRejected(QuarantineReason.EMPTY, "the file is empty or only whitespace")
    cleaned = clean_text(text)
    if not cleaned:
        raise InputRejected(QuarantineReason.NO_ARTICLE_TEXT, "nothing but page furniture")
    published, published_from = find_published_date(cleaned, file_name=Path(source_file).name)
    title, body = split_title(cleaned)
    return Article(
        source_file=source_file,
        record_id=None,
        text=body,
        title=title,
        published=published,
        published_from=published_from,
    )
