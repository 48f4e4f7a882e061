"""What the reading stages hand on: an Article, a Rejection (a quarantine row) with its reason, and what
reading a batch or the whole folder gives.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import polars as pl


MAX_INPUT_BYTES = 5 * 1024 * 1024


class QuarantineReason(StrEnum):
    SYMLINK_OUTSIDE = "symlink_outside"
    UNREADABLE = "unreadable"
    UNSUPPORTED_FORMAT = "unsupported_format"
    TOO_LARGE = "too_large"
    BINARY = "binary"
    EMPTY = "empty"
    NO_ARTICLE_TEXT = "no_article_text"
    MALFORMED_JSON = "malformed_json"
    MISSING_RECORD_ID = "missing_record_id"
    DUPLICATE_RECORD_ID = "duplicate_record_id"
    MISSING_TEXT = "missing_text"
    NON_ENGLISH = "non_english"
    DUPLICATE_CONTENT = "duplicate_content"


@dataclass(frozen=True)
class IngestResult:
    articles: pl.DataFrame  # schema ARTICLES, sorted by source_file, record_id
    quarantine: pl.DataFrame  # schema QUARANTINE, sorted likewise


@dataclass(frozen=True)
class BatchRead:
    candidates: pl.DataFrame  # schema CANDIDATES, sorted by source_file, record_id; duplicates not yet removed
    quarantine: pl.DataFrame  # schema QUARANTINE, sorted likewise


@dataclass(frozen=True)
class Article:
    source_file: str
    record_id: str | None
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    published_from: str | None = None  # see schemas.ARTICLES

    @property
    def article_id(self) -> str:
        # Not "source_file#record_id": a file may be named "a.jsonl#x.txt". No file name holds a NUL.
        key = self.source_file if self.record_id is None else f"{self.source_file}\0{self.record_id}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Rejection:
    source_file: str
    record_id: str | None
    reason: QuarantineReason
    detail: str


class InputRejected(Exception):
    """A whole input file cannot become an article."""

    def __init__(self, reason: QuarantineReason, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
