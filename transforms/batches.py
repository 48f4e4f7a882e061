"""The raw folder's batches as partitions: a stable key for each, and a signature that changes with its files.

A batch is a top-level entry of the raw folder (transforms.ingest.list_batches): a
file, or a folder with everything under it. A feed arrives as drops like these (a
day's .jsonl file, a folder of scraped pages), and a drop is read, parsed and
stored as one unit, so a partition is big enough to be worth a run of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from transforms.ingest import list_batches

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+|\.{2,}")  # Dagster reserves "..." for ranges of keys
_MAX_KEY_NAME = 80


def batch_key(name: str) -> str:
    """The partition key of a top-level entry: its name when that is safe, else a safe form plus a short hash.

    Safe means letters, digits, ".", "_" and "-": the key is also a file name in the
    Parquet store, locally and on object storage. A name that had to change gets
    the hash of the real name, so two names never share a key.
    """
    safe = _UNSAFE.sub("_", name)[:_MAX_KEY_NAME]
    if safe == name:
        return name
    digest = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"{safe}-{digest}"


@dataclass(frozen=True)
class Batch:
    key: str
    path: Path

    @cached_property
    def signature(self) -> str:
        """batch_signature, taken once: a run lists and stamps the raw folder once."""
        return batch_signature(self)


def batches_by_key(raw_dir: Path) -> dict[str, Batch]:
    """Every batch of the raw folder, by partition key, in the order of their names."""
    batches = {}
    for path in list_batches(raw_dir):
        key = batch_key(path.name)
        if key in batches:  # only a name crafted to equal another's key with its hash
            raise ValueError(f"two entries of {raw_dir} have the batch key {key!r}: {batches[key].path.name!r} and {path.name!r}")
        batches[key] = Batch(key, path)
    return batches


def batch_signature(batch: Batch) -> str:
    """A hash of the path, size and modification time of every file of the batch: it changes when a file does."""
    files = [batch.path]
    if batch.path.is_dir() and not batch.path.is_symlink():
        files = []
        for parent, dirnames, names in os.walk(batch.path):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]  # not inputs, as in the readers
            files.extend(Path(parent, name) for name in names if not name.startswith("."))
        files.sort()
    stamps = []
    for path in files:
        try:
            status = path.stat()
            stamps.append((str(path.relative_to(batch.path.parent)), status.st_size, status.st_mtime_ns))
        except OSError:  # a dangling symlink, a file gone since the listing: read as such by the batch
            stamps.append((str(path.relative_to(batch.path.parent)), None, None))
    return hashlib.sha256(json.dumps(stamps, ensure_ascii=False).encode("utf-8", "surrogateescape")).hexdigest()[:16]
