"""The raw folder: its batches (each top-level file or folder), the inputs of each, the reader of each
input by its suffix, and a batch read into candidate articles and quarantine rows.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from transforms.ingest.decoding import decode_text
from transforms.ingest.dedup import deduplicate
from transforms.ingest.html_pages import read_html
from transforms.ingest.json_lines import read_jsonl
from transforms.ingest.language import other_language
from transforms.ingest.records import MAX_INPUT_BYTES, Article, BatchRead, IngestResult, InputRejected, QuarantineReason, Rejection
from transforms.ingest.text import read_text_file
from transforms.schemas import CANDIDATES, QUARANTINE, empty_frame


# The folder is read in batches: each top-level entry (a file, or a folder with
# everything under it) is one batch, read on its own; duplicates of content are
# found over all batches together (`deduplicate`). Dagster partitions the work by
# these batches (orchestration/assets/batches.py).


def raw_root(raw_dir: Path) -> Path:
    root = Path(raw_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"raw-data folder not found (or not a folder): {root}")
    return root.resolve()


def list_batches(raw_dir: Path) -> list[Path]:
    """The folder's top-level entries that are batches, sorted by name.

    A symlink to a folder inside the folder is none: its files are read at their real path.
    """
    root = raw_root(raw_dir)
    batches = []
    for entry in os.scandir(root):
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_symlink() and entry.is_dir() and _points_inside(path, root):
            continue
        batches.append(path)
    return sorted(batches, key=lambda path: path.name)


def read_batch(raw_dir: Path, batch: Path) -> BatchRead:
    """Every input of one batch as a candidate article or a quarantine row.

    Duplicates, even inside the batch, stay candidates: `deduplicate` decides
    over every batch at once which copy is kept.
    """
    root = raw_root(raw_dir)
    inputs, rejections = _batch_inputs(batch, root)
    candidates: list[Article] = []
    for path, source_file in inputs:
        for outcome in _read_input(path, source_file, root):
            language = other_language(outcome.text) if isinstance(outcome, Article) else None
            if language:
                outcome = Rejection(
                    outcome.source_file,
                    outcome.record_id,
                    QuarantineReason.NON_ENGLISH,
                    f"written in another language than English ({language}, as py3langid reads it)",
                )
            (candidates if isinstance(outcome, Article) else rejections).append(outcome)
    seen_at = {source_file: _modified_at(path) for path, source_file in inputs}
    return BatchRead(
        candidates=_candidates_frame(candidates, seen_at),
        quarantine=_quarantine_frame(rejections, seen_at),
    )


@dataclass(frozen=True)
class ExpectedRows:
    """How many rows of raw.articles and raw.quarantine an input must give; for a .jsonl file counted line
    by line, the size and modification time it had then."""

    rows: int
    size: int | None = None
    modified_ns: int | None = None


def expected_row_counts(
    raw_dir: Path, earlier: dict[str, ExpectedRows] | None = None, batch: Path | None = None
) -> dict[str, ExpectedRows]:
    """How many rows each input of the folder (or of one of its batches) must give, counted apart from the readers.

    One per file; one per non-blank line of a readable .jsonl file (one for the whole
    file when it cannot be read as text or holds no line). A .jsonl file of the same size
    and modification time as in `earlier` is not read again: its earlier count stands.
    """
    root = Path(raw_dir).resolve()
    inputs, listing_errors = _list_inputs(root, root) if batch is None else _batch_inputs(batch, root)
    earlier = earlier or {}
    counts = {error.source_file: ExpectedRows(1) for error in listing_errors}
    for path, source_file in inputs:
        is_jsonl = path.suffix.lower() == ".jsonl"
        counts[source_file] = _jsonl_lines(path, root, earlier.get(source_file)) if is_jsonl else ExpectedRows(1)
    return counts


def _jsonl_lines(path: Path, root: Path, earlier: ExpectedRows | None) -> ExpectedRows:
    try:
        if path.is_symlink() and not _points_inside(path, root):
            return ExpectedRows(1)
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_INPUT_BYTES:
            return ExpectedRows(1)
        if earlier is not None and (earlier.size, earlier.modified_ns) == (status.st_size, status.st_mtime_ns):
            return earlier
        lines = sum(1 for line in decode_text(path.read_bytes(), by_line=True).split("\n") if line.strip())
        return ExpectedRows(lines or 1, status.st_size, status.st_mtime_ns)
    except (InputRejected, OSError):
        return ExpectedRows(1)


def read_raw_folder(raw_dir: Path) -> IngestResult:
    """The whole folder at once: every batch, then duplicates over all of them."""
    batches = [read_batch(raw_dir, batch) for batch in list_batches(raw_dir)]
    return deduplicate(
        pl.concat([empty_frame(CANDIDATES), *(batch.candidates for batch in batches)]),
        pl.concat([empty_frame(QUARANTINE), *(batch.quarantine for batch in batches)]),
    )


def _list_inputs(folder: Path, root: Path) -> tuple[list[tuple[Path, str]], list[Rejection]]:
    inputs: list[tuple[Path, str]] = []
    errors: list[OSError] = []
    for parent, dirnames, filenames in os.walk(folder, followlinks=False, onerror=errors.append):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in list(dirnames):
            path = Path(parent, name)
            if path.is_symlink():
                dirnames.remove(name)
                if not _points_inside(path, root):
                    inputs.append((path, _source_file(path, root)))
        for name in filenames:
            if not name.startswith("."):
                path = Path(parent, name)
                inputs.append((path, _source_file(path, root)))
    rejections = [
        Rejection(
            _source_file(Path(error.filename), root),
            None,
            QuarantineReason.UNREADABLE,
            f"cannot list folder: {error.strerror}",
        )
        for error in errors
    ]
    return sorted(inputs, key=lambda item: item[1]), rejections


def _batch_inputs(batch: Path, root: Path) -> tuple[list[tuple[Path, str]], list[Rejection]]:
    """A batch's input files (a folder's, or the batch file itself) and the folders that could not be listed."""
    if batch.is_dir() and not batch.is_symlink():
        return _list_inputs(batch, root)
    return [(batch, _source_file(batch, root))], []


def _points_inside(link: Path, root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _source_file(path: Path, root: Path) -> str:
    relative = path.relative_to(root).as_posix()
    # A name that is not valid UTF-8 still gets a printable, distinct source_file.
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _modified_at(path: Path) -> datetime | None:
    # The file's own modification time (not the run's clock) keeps reruns idempotent.
    try:
        return datetime.fromtimestamp(path.lstat().st_mtime, tz=timezone.utc)
    except OSError:
        return None


def _read_input(path: Path, source_file: str, root: Path) -> list[Article | Rejection]:
    try:
        if path.is_symlink() and not _points_inside(path, root):
            raise InputRejected(
                QuarantineReason.SYMLINK_OUTSIDE, "symlink points outside the raw-data folder"
            )
        reader = _READERS.get(path.suffix.lower())
        if reader is None:
            raise InputRejected(
                QuarantineReason.UNSUPPORTED_FORMAT,
                f"unsupported file type {path.suffix or '(none)'!r}; expected .txt, .html, .htm or .jsonl",
            )
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise InputRejected(QuarantineReason.UNREADABLE, "not a regular file")
        if status.st_size > MAX_INPUT_BYTES:
            raise InputRejected(
                QuarantineReason.TOO_LARGE,
                f"{status.st_size} bytes is over the {MAX_INPUT_BYTES}-byte limit",
            )
        outcome = reader(path.read_bytes(), source_file)
    except InputRejected as rejected:
        return [Rejection(source_file, None, rejected.reason, rejected.detail)]
    except OSError as error:
        return [Rejection(source_file, None, QuarantineReason.UNREADABLE, str(error))]
    except Exception as error:  # a parser failing on hostile input must not stop the run
        return [
            Rejection(
                source_file, None, QuarantineReason.UNREADABLE, f"{type(error).__name__}: {error}"
            )
        ]
    return outcome if isinstance(outcome, list) else [outcome]


def _candidates_frame(articles: list[Article], seen_at: dict[str, datetime | None]) -> pl.DataFrame:
    rows = [
        {
            "article_id": a.article_id,
            "source_file": a.source_file,
            "record_id": a.record_id,
            "url": a.url,
            "title": a.title,
            "source": a.source,
            "published": a.published,
            "published_from": a.published_from,
            "content_hash": a.content_hash,
            "text": a.text,
            "seen_at": seen_at.get(a.source_file),
        }
        for a in articles
    ]
    return pl.DataFrame(rows, schema=CANDIDATES).sort(["source_file", "record_id"], maintain_order=True)


def _quarantine_frame(
    rejections: list[Rejection], seen_at: dict[str, datetime | None]
) -> pl.DataFrame:
    rows = [
        {
            "source_file": r.source_file,
            "record_id": r.record_id,
            "reason": str(r.reason),
            "detail": r.detail,
            "seen_at": seen_at.get(r.source_file),
        }
        for r in rejections
    ]
    return pl.DataFrame(rows, schema=QUARANTINE).sort(["source_file", "record_id"], maintain_order=True)


_READERS = {".txt": read_text_file, ".html": read_html, ".htm": read_html, ".jsonl": read_jsonl}
