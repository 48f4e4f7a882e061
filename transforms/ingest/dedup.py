"""Duplicates over all batches: the first article of each cleaned text is kept, the others quarantined."""

from __future__ import annotations

import polars as pl

from transforms.ingest.records import IngestResult, QuarantineReason
from transforms.schemas import ARTICLES, QUARANTINE


def deduplicate(candidates: pl.DataFrame, quarantine: pl.DataFrame) -> IngestResult:
    """Keep the first article of each cleaned text (by source_file, record_id); quarantine the others.

    `candidates` has the schema CANDIDATES; the kept articles have the schema ARTICLES. Candidates
    without their `text` (what decides is `content_hash`) give kept articles without it.
    """
    ordered = candidates.sort(["source_file", "record_id"], maintain_order=True).with_columns(
        # The kept article as gold files name it: source_file, or source_file#record_id for a .jsonl record.
        kept_label=pl.when(pl.col("record_id").is_null())
        .then(pl.col("source_file"))
        .otherwise(pl.col("source_file") + "#" + pl.col("record_id"))
        .first()
        .over("content_hash"),
        is_kept=pl.int_range(pl.len()).over("content_hash") == 0,
    )
    duplicates = ordered.filter(~pl.col("is_kept")).select(
        "source_file",
        "record_id",
        reason=pl.lit(str(QuarantineReason.DUPLICATE_CONTENT)),
        detail=pl.lit("same cleaned text as ") + pl.col("kept_label"),
        seen_at="seen_at",
    )
    return IngestResult(
        articles=ordered.filter(pl.col("is_kept")).select(name for name in ARTICLES if name in candidates.columns),
        quarantine=pl.concat([quarantine, duplicates.cast(QUARANTINE)]).sort(
            ["source_file", "record_id"], maintain_order=True
        ),
    )
