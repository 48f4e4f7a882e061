"""Parse only what changed: mentions of unchanged articles are carried over from the last run.

An article's parse key is a hash of its text, its publication date (relative dates
resolve against it) and the extraction fingerprint (the model, the patterns, the
reference data and the code that reads them). Equal keys mean the extraction
would give equal mentions, so the previous rows are reused; any other article is
parsed again. The result is the same frame a clean build gives, row for row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from transforms.schemas import EVENT_MENTIONS, PARSED_ARTICLES, empty_frame

TRANSFORMS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TRANSFORMS_DIR.parent
# What reading and extraction depend on besides the article: their code (which also assembles the
# pipeline), their patterns and the gazetteer.
FINGERPRINTED = [TRANSFORMS_DIR, PROJECT_DIR / "data" / "reference"]


def update_with_files(digest, paths: list[Path], root: Path) -> None:
    """Feed the files, and every file under the folders, to a hashlib digest: names relative to root, and bytes."""
    for folder in paths:
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())


def extraction_fingerprint(model_meta: dict) -> str:
    """A hash that changes whenever the rows read from, or the mentions of, an unchanged article could change."""
    digest = hashlib.sha256()
    digest.update(repr(tuple(model_meta.get(field) for field in ("lang", "name", "version", "pipeline"))).encode())
    update_with_files(digest, FINGERPRINTED, PROJECT_DIR)
    return digest.hexdigest()


def frames_fingerprint(frames: dict[str, pl.DataFrame]) -> str:
    """A hash of tables' names, schemas and rows, in order: equal tables, equal hashes (within one polars version)."""
    digest = hashlib.sha256()
    for name, frame in frames.items():
        digest.update(f"{name}|{frame.schema}|{frame.height}".encode())
        digest.update(frame.hash_rows().to_numpy().tobytes())
    return digest.hexdigest()


def parse_keys(articles: pl.DataFrame, fingerprint: str) -> pl.DataFrame:
    keys = [
        hashlib.sha256(f"{fingerprint}|{content_hash}|{published}".encode()).hexdigest()
        for content_hash, published in articles.select("content_hash", "published").iter_rows()
    ]
    return pl.DataFrame({"article_id": articles["article_id"], "parse_key": keys}, schema=PARSED_ARTICLES)


@dataclass(frozen=True)
class MentionRefresh:
    mentions: pl.DataFrame  # every current article's mentions, ordered by article
    parsed_articles: pl.DataFrame  # the parse key of every current article
    n_parsed: int  # articles read by the pipeline this time
    n_reused: int  # articles whose mentions were carried over


def refresh_mentions(
    articles: pl.DataFrame,
    fingerprint: str,
    previous_mentions: pl.DataFrame | None,
    previous_parsed: pl.DataFrame | None,
    extract: Callable[[pl.DataFrame], pl.DataFrame],
) -> MentionRefresh:
    """Mentions of `articles`, calling `extract` only on articles whose parse key is new.

    A previous table of another shape (an older version's) is ignored: everything is parsed.
    """
    keys = parse_keys(articles, fingerprint)
    usable = (
        previous_mentions is not None
        and previous_parsed is not None
        and dict(previous_mentions.schema) == EVENT_MENTIONS
        and dict(previous_parsed.schema) == PARSED_ARTICLES
    )
    unchanged = keys.join(previous_parsed, on=["article_id", "parse_key"], how="semi") if usable else keys.clear()
    changed = articles.join(unchanged, on="article_id", how="anti")
    carried = previous_mentions.join(unchanged, on="article_id", how="semi") if usable else empty_frame(EVENT_MENTIONS)
    fresh = extract(changed) if changed.height else empty_frame(EVENT_MENTIONS)
    # A stable sort by article keeps each article's own mention order, so a rerun and a clean build agree row for row.
    mentions = pl.concat([carried, fresh]).sort("article_id", maintain_order=True)
    return MentionRefresh(mentions=mentions, parsed_articles=keys.sort("article_id"), n_parsed=changed.height, n_reused=unchanged.height)
