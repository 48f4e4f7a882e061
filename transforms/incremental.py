"""Parse only what changed: mentions of unchanged articles are carried over from the last run.

An article's parse key is a hash of its text, its publication date (relative dates
resolve against it) and the extraction fingerprint (the model, the patterns, the
reference data and the code that reads them). Equal keys mean the extraction
would give equal mentions, so the previous rows are reused; any other article is
parsed again. The result is the same frame a clean build gives, row for row.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from transforms.schemas import EVENT_MENTIONS, PARSED_ARTICLES, empty_frame

TRANSFORMS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = TRANSFORMS_DIR.parent
# What a batch's stored files are made from besides its inputs: the code that reads a batch into articles
# and quarantine rows and extracts their mentions (these modules, and every module of transforms/ they
# import, found from their import statements, so a module the extraction comes to import is covered too,
# the pipeline's assembly among them), their patterns and the gazetteer. The modules that only read the
# warehouse (the report and its template, the scoring, the corrections) are not: editing them must not
# parse every article again.
READING_MODULES = ("transforms.ingest", "transforms.batches", "transforms.incremental", "transforms.extract")
READING_DATA = [TRANSFORMS_DIR / "patterns", PROJECT_DIR / "data" / "reference"]


def update_with_files(digest, paths: list[Path], root: Path) -> None:
    """Feed the files, and every file under the folders, to a hashlib digest: names relative to root, and bytes."""
    for folder in paths:
        files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())


def module_file(name: str) -> Path:
    """The source file of a module of this project, by its dotted name: a package's __init__.py."""
    path = PROJECT_DIR.joinpath(*name.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


# Import statements of transforms' modules, read from the source text (a module is not imported to be
# fingerprinted, and ast.parse inside a Dagster run has met a CPython 3.11 bug): "from transforms.x import a, b"
# (in parentheses, over lines, too) and "import transforms.x". tests/test_runs.py checks the result against what
# a fresh Python loads.
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(transforms(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.MULTILINE)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n]*)", re.MULTILINE)


def _imported_modules(source: str) -> list[str]:
    """The modules of transforms/ a source imports, and the names it imports from them (which may be modules)."""
    found = []
    for module, names in _FROM_IMPORT.findall(source):
        found.append(module)
        for name in re.sub(r"#[^\n]*", "", names).strip("()").split(","):
            if name.split():
                found.append(f"{module}.{name.split()[0]}")
    for names in _IMPORT.findall(source):
        found.extend(name.split()[0] for name in names.split("#")[0].split(",") if name.split() and name.split()[0].startswith("transforms"))
    return found


def reading_sources() -> list[Path]:
    """The source files of READING_MODULES and of every module of transforms/ they import, directly or not."""
    found: dict[str, Path] = {}
    pending = list(READING_MODULES)
    while pending:
        name = pending.pop()
        # importing transforms.extract.mentions runs transforms/__init__.py and transforms/extract/__init__.py first
        parts = name.split(".")
        pending.extend(".".join(parts[:end]) for end in range(1, len(parts)) if ".".join(parts[:end]) not in found)
        if name in found or not module_file(name).exists():
            continue
        found[name] = module_file(name)
        pending.extend(_imported_modules(found[name].read_text(encoding="utf-8")))
    return sorted(found.values())


def extraction_fingerprint(model_meta: dict) -> str:
    """A hash that changes whenever the rows read from, or the mentions of, an unchanged article could change."""
    digest = hashlib.sha256()
    digest.update(repr(tuple(model_meta.get(field) for field in ("lang", "name", "version", "pipeline"))).encode())
    update_with_files(digest, [*reading_sources(), *READING_DATA], PROJECT_DIR)
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
