"""Read the raw-data folder into an articles frame and a quarantine frame.

Every input ends in exactly one of the two frames: a .txt or .html file is one
row, a .jsonl file is one row per non-blank line (record). Policies:

- Hidden files and folders (names starting with ".") are not inputs: they are
  editor, OS and version-control artefacts (.DS_Store, .git, .~lock...).
- Symlinks are never followed outside the raw folder (`symlink_outside`). A
  symlink to a file inside it is read like a file (and is usually then a
  `duplicate_content` of its target); a symlink to a folder inside it is not
  descended, because its files are already read at their real path.
- Size is checked with stat() before anything is read (`too_large`).
- A .jsonl record that cannot be parsed (bad JSON, a 5,000-digit number,
  nesting thousands deep) is quarantined alone; the file's other records stand.
- Text is normalised alike from every source (file bytes, JSON strings):
  "\n" line ends, no stray control characters, a lone surrogate (JSON
  "\\ud800") becomes U+FFFD.
- `text` is the cleaned article body, paragraphs separated by a blank line;
  the headline is in `title`, not repeated in `text`.
- `published` comes from metadata when the input has it (meta tags, JSON-LD,
  a record's date fields), else the URL's path, else the text (a date line, a
  byline date, a dateline, an "Updated" line, a photo caption); no date is ever
  guessed, and an implausible one is never taken (see "dates" below).
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import html.entities
import json
import os
import re
import stat
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl
import trafilatura
from lxml import etree
from lxml import html as lxml_html

from transforms.schemas import ARTICLES, CANDIDATES, QUARANTINE, empty_frame

MAX_INPUT_BYTES = 5 * 1024 * 1024
BOILERPLATE_PATTERNS = Path(__file__).parent / "patterns" / "boilerplate.jsonl"


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


# ---------------------------------------------------------------- folder walk
#
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
            if isinstance(outcome, Article) and not looks_english(outcome.text):
                outcome = Rejection(
                    outcome.source_file,
                    outcome.record_id,
                    QuarantineReason.NON_ENGLISH,
                    "too few common English words for an English article",
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


# ---------------------------------------------------------------- decoding

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13} | {127}
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05
_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_LONE_SURROGATES = re.compile(r"[\ud800-\udfff]")


def decode_text(data: bytes, by_line: bool = False) -> str:
    """Bytes to text with "\\n" line ends; raises InputRejected(binary). With `by_line` (a .jsonl feed, one
    record a line), each line without a BOM is decoded on its own, so a stray byte that makes one line
    cp1252 leaves the UTF-8 of every other record as written."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            break
    else:
        sample = data[:_BINARY_SAMPLE]
        controls = sum(byte in _CONTROL_BYTES for byte in sample)
        if sample and controls / len(sample) > _BINARY_CONTROL_SHARE:
            raise InputRejected(
                QuarantineReason.BINARY,
                f"{controls} control bytes in the first {len(sample)}: not a text file",
            )
        text = "\n".join(_decode_without_bom(line) for line in data.split(b"\n")) if by_line else _decode_without_bom(data)
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """"\n" line ends, no stray control characters, no lone surrogates (as JSON "\\ud800" gives)."""
    text = _LONE_SURROGATES.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return _STRAY_CONTROLS.sub("", text)


def _decode_without_bom(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return data.decode("latin-1")


# ---------------------------------------------------------------- readers


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


_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]+)|(?P<decimal>[0-9]+));?")
_NOT_IN_XML = frozenset(range(32)) - {9, 10, 13} | {0xFFFE, 0xFFFF}


def _drop_references_xml_cannot_hold(markup: str) -> str:
    """"&#1;", "&#xFFFE;": trafilatura builds an XML tree and discards the whole page over one of them."""

    def replace(match: re.Match) -> str:
        code = int(match["hex"], 16) if match["hex"] else int(match["decimal"])
        return "" if code in _NOT_IN_XML else match[0]

    return _NUMERIC_REFERENCE.sub(replace, markup)


# A named reference HTML does not define ("&lol3;" of an entity bomb's DTD): never expanded, and markup, not text.
_NAMED_REFERENCE = re.compile(r"&(?P<name>[A-Za-z][A-Za-z0-9]*);")


def _drop_undefined_entity_references(markup: str) -> str:
    return _NAMED_REFERENCE.sub(lambda match: match[0] if f"{match['name']};" in html.entities.html5 else "", markup)


def read_html(data: bytes, source_file: str) -> Article:
    markup = _drop_undefined_entity_references(_drop_references_xml_cannot_hold(decode_text(data)))
    if not markup.strip():
        raise InputRejected(QuarantineReason.EMPTY, "the file is empty or only whitespace")
    # Extraction works on the string only: trafilatura fetches nothing unless
    # asked to (fetch_url), and lxml's HTML parser resolves no external entities.
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    extracted = (document.text or "") if document is not None else ""
    title = _clean_field(document.title) if document is not None else None
    # trafilatura writes one block a line: each line is a paragraph.
    paragraphs = clean_text("\n\n".join(extracted.split("\n"))).split("\n\n")
    if paragraphs and paragraphs[0] == title:  # an <h1> inside the article element
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    # Without an article trafilatura returns any text it finds ("Home", "Subscribe").
    if not any(_is_prose(paragraph) for paragraph in paragraphs):
        raise InputRejected(QuarantineReason.NO_ARTICLE_TEXT, "no article text found in the page")
    url = _clean_field(document.url)  # the canonical or og:url link
    published, published_from = _html_published(markup, document.date, url, Path(source_file).name, body)
    return Article(
        source_file=source_file,
        record_id=None,
        text=body,
        title=title,
        url=url,
        source=_clean_field(document.sitename),
        published=published,
        published_from=published_from,
    )


_META_PUBLISHED = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publication_date",
        "dc.date.issued",
        "dcterms.issued",
    }
)


def _html_published(
    markup: str, extracted_date: str | None, url: str | None, file_name: str, body: str
) -> tuple[date | None, str | None]:
    """Meta tags, JSON-LD, the URL, htmldate's other finds (<time> elements...), then the page's text.

    The page's text is every block of the page, not only trafilatura's body: a byline or
    "Updated" line above the article is no body paragraph.
    """
    parser = lxml_html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    tree = lxml_html.fromstring(markup.encode("utf-8"), parser=parser)
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_PUBLISHED:
            found = parse_metadata_date(meta.get("content"))
            if found:
                return found, "metadata"
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            found = _json_ld_published(script.text or "")
            if found:
                return found, "json_ld"
    in_url = next(filter(None, map(_url_date, [url, *_page_urls(tree)])), None)
    if in_url:
        return in_url, "url"
    found = parse_metadata_date(extracted_date)
    if found:  # htmldate's: other meta tags, <time> elements, elements classed as dates or bylines
        return found, "htmldate"
    published, published_from = find_published_date(_page_text(tree), file_name, url)
    if published is None:
        published, published_from = find_published_date(body, file_name, url)
    return published, published_from


def _page_urls(tree) -> list[str]:
    links = [link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    metas = [meta.get("content") for meta in tree.iter("meta") if (meta.get("property") or "").lower() == "og:url"]
    return [url for url in links + metas if url]


_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "td", "br", "figure", "figcaption", "header", "section", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_UNREAD_TAGS = frozenset({"script", "style", "noscript", "nav", "footer"})


def _page_text(tree) -> str:
    """The cleaned text of the page's article element (else its body), one paragraph a block."""
    root = next(tree.iter("article"), None)
    if root is None:
        root = next(tree.iter("body"), tree)
    parts: list[str] = []
    unread_depth = 0  # inside a <script>, <nav>...
    # iterwalk, not recursion: a hostile page may nest thousands of elements deep
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _UNREAD_TAGS:
            unread_depth += 1 if event == "start" else -1
        if unread_depth:
            continue
        parts.append("\n\n" if tag in _BLOCK_TAGS else "")
        parts.append((element.text if event == "start" else element.tail if element is not root else "") or "")
    return clean_text(normalise_text("".join(parts)))


def _json_ld_published(source: str) -> date | None:
    try:
        data = json.loads(source)
    except json.JSONDecodeError:
        return None
    pending = [data]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            found = parse_metadata_date(item.get("datePublished"))
            if found:
                return found
            pending.extend(value for value in item.values() if isinstance(value, (dict, list)))
    return None


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
    url = _clean_field(next((record[field] for field in RECORD_URL_FIELDS if isinstance(record.get(field), str)), None))
    published = next(filter(None, (parse_metadata_date(record.get(field)) for field in RECORD_DATE_FIELDS)), None)
    published_from = "record_field" if published else None
    if published is None:
        published, published_from = find_published_date(body, url=url)
    return Article(
        source_file=source_file,
        record_id=record_id,
        text=body,
        title=_clean_field(record.get("title")),
        url=url,
        source=_clean_field(record.get("source")),
        published=published,
        published_from=published_from,
    )


def _clean_field(value: object) -> str | None:
    return (" ".join(normalise_text(value).split()) or None) if isinstance(value, str) else None


_READERS = {".txt": read_text_file, ".html": read_html, ".htm": read_html, ".jsonl": read_jsonl}


# ---------------------------------------------------------------- cleaning


@cache
def _boilerplate() -> dict[str, re.Pattern]:
    patterns: dict[str, list[str]] = {}
    for line in BOILERPLATE_PATTERNS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            patterns.setdefault(entry["kind"], []).append(f"(?:{entry['pattern']})")
    return {kind: re.compile("|".join(parts), re.IGNORECASE) for kind, parts in patterns.items()}


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_BULLET = re.compile(r"^(?:[-*•·>–—]|\d{1,2}[.)])\s*")
_COMMENT_LINE = re.compile(r"^[\w .'@-]{1,30}:\s")  # "Name: comment"
_PROSE_WORDS = 12
_LONG_PROSE_WORDS = 20


def clean_text(text: str) -> str:
    """Article body of a scraped page: paragraphs joined by a blank line.

    Drops page-furniture lines (share widgets, reading-time badges, ...), the
    trailing comment / related-links sections, and repeated paragraphs.
    """
    chrome = _boilerplate()["chrome_line"]
    paragraphs = [p for p in _split_paragraphs(text) if not chrome.fullmatch(p)]
    paragraphs = _drop_link_sections(paragraphs)
    return "\n\n".join(_drop_repeats(paragraphs))


def _split_paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\u00a0", " ")):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A block whose lines were wrapped at a fixed width, not one line a paragraph."""
    if len(lines) < 3 or any(_BULLET.match(line) for line in lines):
        return False
    inner = [len(line) for line in lines[:-1]]
    open_ended = sum(not _SENTENCE_END.search(line) for line in lines[:-1])
    wrapped = min(inner) >= 40 and max(inner) <= 100 and max(inner) - min(inner) <= 30 and open_ended * 2 >= len(inner)
    # A headline, a byline and a date line set one under the other are a header, each line its own.
    return wrapped and not any(_date_segments(line) for line in lines)


def _is_prose(paragraph: str, min_words: int = _PROSE_WORDS) -> bool:
    return (
        len(paragraph.split()) >= min_words
        and bool(_SENTENCE_END.search(paragraph))
        and not _COMMENT_LINE.match(paragraph)
    )


def _is_list_item(paragraph: str) -> bool:
    return bool(_BULLET.match(paragraph)) or (
        len(paragraph.split()) <= 12 and not _SENTENCE_END.search(paragraph)
    )


def _drop_link_sections(paragraphs: list[str]) -> list[str]:
    """Remove comment and link-list sections.

    A section header after the article body, with no article prose after it
    (two long prose paragraphs in a row), starts the page's trailing
    furniture: it and everything after it go. Anywhere else (a navigation
    block above the article, an inline "Related" box) only the header and the
    list right under it go.
    """
    header = _boilerplate()["section_header"]
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if not header.fullmatch(paragraph):
            kept.append(paragraph)
            index += 1
            continue
        rest = paragraphs[index + 1 :]
        body_before = sum(_is_prose(p) for p in kept) >= 2
        prose_after = any(
            _is_prose(first, _LONG_PROSE_WORDS) and _is_prose(second, _LONG_PROSE_WORDS)
            for first, second in zip(rest, rest[1:])
        )
        if body_before and not prose_after:
            break
        index += 1
        while index < len(paragraphs) and _is_list_item(paragraphs[index]):
            index += 1
    return kept


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for paragraph in paragraphs:
        if paragraph not in seen:
            seen.add(paragraph)
            unique.append(paragraph)
    return unique


_HEADLINE_MAX_WORDS = 30


def split_title(cleaned: str) -> tuple[str | None, str]:
    """The headline of a text scrape and the body without it.

    The headline is the first paragraph that is not a date/byline line, when
    it is short and does not end with a full stop. It is taken only if some
    body remains.
    """
    paragraphs = cleaned.split("\n\n")
    for index, paragraph in enumerate(paragraphs[:3]):
        if _date_segments(paragraph):
            continue
        words = paragraph.split()
        headline = len(words) <= _HEADLINE_MAX_WORDS and not paragraph.rstrip().endswith(".")
        rest = paragraphs[:index] + paragraphs[index + 1 :]
        if headline and rest and not _DATELINE.match(paragraph):
            return paragraph, "\n\n".join(rest)
        break
    return None, cleaned


# ---------------------------------------------------------------- language

_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is was for on that with as by at from it its be has have had "
    "are were this which or an not but will would their they he she his her said after "
    "who been also more than into about over two first new can".split()
)
_LANGUAGE_MIN_TOKENS = 40
_ENGLISH_MIN_SHARE = 0.15  # English news prose runs 35-50 %; other languages a few %


def looks_english(text: str) -> bool:
    """False only for a text long enough to tell that is clearly not English."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    if len(tokens) < _LANGUAGE_MIN_TOKENS:
        return True
    share = sum(token in _ENGLISH_FUNCTION_WORDS for token in tokens) / len(tokens)
    return share >= _ENGLISH_MIN_SHARE


# ---------------------------------------------------------------- dates
#
# The publication date, in order of trust; the first plausible one wins:
#   1. the publisher's metadata: HTML meta tags ("metadata"), JSON-LD ("json_ld"), a .jsonl
#      record's date fields ("record_field");
#   2. a full date in the article's URL path ("url");
#   3. for a page, what htmldate finds in its markup: <time>, date or byline elements ("htmldate");
#   4. the text (find_published_date): a "Published/Posted" or byline line, a dateline, a
#      yearless one completed with a year, an "Updated" line, a year-month URL, a photo caption.
# Metadata wins when it and the text disagree: the CMS writes it at publication, while a
# date in the text may be an event's. An implausible date (before 1900, after tomorrow) is
# never a publication date, whatever its source: the next source is read instead.
# Our own patterns rather than dateutil or dateparser: both fill a missing day or year from
# today, and a publication date is never guessed (htmldate does the HTML pages' own search).

EARLIEST_PUBLISHED = date(1900, 1, 1)  # as the event-year check of orchestration/checks.py
_DAYS_AHEAD = 1  # a publisher's local date may run a day ahead of this machine's UTC date
# Months in full in the languages whose outlets write English pages with a date line of their own
# ("Bogotá D.C., 15 de septiembre de 2023", "Paris, le 3 mars 2021", "Maputo, 28 de março de 2024").
_FOREIGN_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "enero janvier janeiro", "febrero février fevereiro", "marzo mars março", "abril avril",
            "mayo mai maio", "junio juin junho", "julio juillet julho", "agosto août",
            "septiembre setiembre septembre setembro", "octubre octobre outubro", "noviembre novembre novembro",
            "diciembre décembre dezembro",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    + "".join(f"|{name}" for name in sorted(_FOREIGN_MONTHS, key=len, reverse=True))
    + r")\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:(?:of|de)\s+)?{_MONTH},?\s+(?:de\s+)?{_YEAR}\b", re.I
)
# "2015-09-21T09:40", a cut-off "2023-06-15T", "2023/06/15 10:3"
_ISO_DATE = re.compile(rf"\b{_YEAR}(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?!\d)")
_NUMERIC_DATE = re.compile(rf"\b(?P<first>\d{{1,2}})(?P<sep>[./-])(?P<second>\d{{1,2}})(?P=sep){_YEAR}\b")
_FULL_DATES = (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO_DATE, _NUMERIC_DATE)
_COMPACT_DATE = re.compile(rf"{_YEAR}(?P<month>\d\d)(?P<day>\d\d)(?:T|\s|$)")  # "20230615", "20230615T103000Z"
_EPOCH = re.compile(r"(?P<seconds>\d{9,10}(?:\.\d+)?)|(?P<milliseconds>\d{12,13})")
# A date without a year, as a "Posted Tue 22 Mar" line gives it.
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)", re.I)
# a zone is in capitals ("6:45PM IST"), never a word after the time ("6:45PM by PIB Delhi")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?-i:(?:\s*\(?[A-Z]{2,5}\)?(?![a-z]))?)", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\b\.?", re.I)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
_SEGMENT_SPLIT = re.compile(r"\s*\|\s*|\s+[·•/]\s+|(?<=[a-z]{2})\.\s+(?=[A-Z][a-z])|\s*\n\s*")
_PUBLISHED_LABELS = frozenset(
    {"published", "first published", "originally published", "posted", "filed", "date", "dated", "created", "released"}
)
_UPDATED_LABELS = frozenset({"updated", "last updated", "modified", "last modified"})
_BYLINE_MAX_WORDS = 6
# "Photo: Kyodo", "[PHOTO: ... / 29-09-2021]", "(Navy photo)", "Picture by ..."
_CAPTION = re.compile(
    r"\b(?:photo(?:graph)?|picture|image|caption)s?\s*(?::|by\b)|[(\[][^)\]]*\b(?:photo(?:graph)?|picture|image)s?\b[^)\]]*[)\]]",
    re.I,
)
_OLD_PHOTO = re.compile(r"\b(?:file|archives?|stock)\b", re.I)  # "(File photo, March 3, 2021)": taken long before
# "SEOUL, Jan 31", "NEW DELHI, Sept 14 (Reuters) -", "Manila, Philippines, March 3, 2020 -"
_PLACE_WORD = r"[A-Z][\w.'’-]*"
_DATELINE = re.compile(
    rf"^{_PLACE_WORD}(?:[ -]{_PLACE_WORD}){{0,3}}(?:,\s*{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}})?,\s+"
    rf"(?i:{_MONTH})\s+(?P<day>\d{{1,2}})(?:,?\s+{_YEAR})?(?=\s*(?:$|\(|[-–—:]))"
)
_DATELINE_SEARCH_PARAGRAPHS = 12
# What ends a dateline: an agency in brackets and a dash ("KIEL, Germany, June 10 (Nordwire) - "); a place in
# capitals alone before the dash is a dateline too ("AGADIR - ", "ATAR, Mauritania - ").
_DATELINE_END = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]+\s+")
_PLACE_DATELINE = re.compile(rf"^[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){{0,3}}(?:,\s*{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,2}})?(?=\s*(?:\([^)]{{1,40}}\)\s*)?[-–—]+\s)")
_NAME_YEAR = re.compile(r"(?<![A-Za-z0-9])((?:19|20)\d\d)(?![A-Za-z0-9])")
# "/2023/06/15/", "/europe/2023-06-15/slug", "-20230615-", "/20230615/"
_URL_DATES = (
    re.compile(rf"[/_-]{_YEAR}(?P<sep>[/_-])(?P<month>0?[1-9]|1[0-2])(?P=sep)(?P<day>0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
    re.compile(rf"[/_-]{_YEAR}(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
)
_URL_YEAR_MONTH = re.compile(rf"/{_YEAR}/(?P<month>0?[1-9]|1[0-2])/")  # "/2023/06/slug"
# Field names feeds give the publication date and the article's address, most telling first;
# "created" may be the crawler's own time, so it comes last.
RECORD_DATE_FIELDS = (
    "published", "datePublished", "date_published", "published_at", "publishedAt", "publication_date",
    "pubDate", "pub_date", "date", "timestamp", "created", "created_at",
)
RECORD_URL_FIELDS = ("url", "link", "canonical_url", "permalink")
_WEEKDAY_YEAR_SPAN = 2  # "Tue 22 Mar" is read against the latest years the text names: this many below the latest


def parse_metadata_date(value: object) -> date | None:
    """The calendar date of a metadata value, as feeds write it, broken or not.

    ISO ("2015-09-21T09:40:00+10:00", a cut-off "2023-06-15T", "2023/06/15 10:3"),
    compact "20230615", month names ("21 Sep 2015", RFC 2822), numeric day-first
    "15.06.2023" or an unambiguous "06/15/2023", epoch seconds or milliseconds. The
    date is read as written, not converted to UTC: the publisher's local date is the
    publication date (an epoch, which has no zone, is read in UTC). None when implausible.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value).strip()
    epoch = _EPOCH.fullmatch(text)
    if epoch:
        seconds = int(epoch["milliseconds"]) / 1000 if epoch["milliseconds"] else float(epoch["seconds"])
        found = _plausible(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
        if found:
            return found
    match = _COMPACT_DATE.match(text)
    if match:
        return _make_date(match["year"], match["month"], match["day"])
    for pattern in (_ISO_DATE, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _NUMERIC_DATE):
        match = pattern.search(text)
        if match:
            candidates = _candidates(match, pattern)
            return candidates[0] if len(candidates) == 1 else None
    return None


def _latest_publishable() -> date:
    return datetime.now(timezone.utc).date() + timedelta(days=_DAYS_AHEAD)


def _plausible(found: date | None) -> date | None:
    return found if found is not None and EARLIEST_PUBLISHED <= found <= _latest_publishable() else None


def _make_date(year: str | int, month: str | int, day: str | int) -> date | None:
    month_number = month if isinstance(month, int) else (
        int(month) if month.isdigit() else _month_number(month)
    )
    try:
        return _plausible(date(int(year), month_number, int(day)))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    if name.lower() in _FOREIGN_MONTHS:
        return _FOREIGN_MONTHS[name.lower()]
    return ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").index(
        name[:3].lower()
    ) + 1


def _candidates(match: re.Match, pattern: re.Pattern) -> tuple[date, ...]:
    """The dates a match can be: two for "05/06/2021"; dotted dates are day first, as the countries writing them read them."""
    if pattern is not _NUMERIC_DATE:
        found = _make_date(match["year"], match["month"], match["day"])
        return (found,) if found else ()
    first, second, year = int(match["first"]), int(match["second"]), match["year"]
    readings = {_make_date(year, second, first)}
    if match["sep"] != ".":
        readings.add(_make_date(year, first, second))
    return tuple(sorted(d for d in readings if d))


def _url_date(url: str | None) -> date | None:
    """The date of a URL's path ("/2023/06/15/slug"); the host and query are not read."""
    path = _url_path(url)
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = _make_date(match["year"], match["month"], match["day"])
            if found:
                return found
    return None


def _url_year_month(url: str | None) -> tuple[int, int] | None:
    match = _URL_YEAR_MONTH.search(_url_path(url))
    if match and _make_date(match["year"], match["month"], 1):
        return int(match["year"]), int(match["month"])
    return None


def _url_path(url: str | None) -> str:
    try:
        return urlsplit(url).path if url else ""
    except ValueError:  # "http://[not-a-host"
        return ""


@dataclass(frozen=True)
class _DateMention:
    kind: str  # published | updated | bare
    candidates: tuple[date, ...]  # two when day and month order is ambiguous; none for a yearless date
    month_day: tuple[int, int] | None = None  # a yearless date
    weekday: int | None = None  # the weekday the line names, Monday 0


def _date_segments(paragraph: str) -> list[_DateMention]:
    """Dates of a date/byline line: "Published: May 8, 2019 | Updated ...", "By X | 3 Nov 2020", "Posted Tue 22 Mar"."""
    mentions = []
    for segment in _SEGMENT_SPLIT.split(paragraph):
        mention = _date_segment(segment)
        if mention:
            mentions.append(mention)
    return mentions


def _date_segment(segment: str) -> _DateMention | None:
    month_day = None
    match = _first_full_date(segment)
    if match:
        candidates = _candidates(match, match.re)
        if not candidates:
            return None
    else:
        match = _DAY_MONTH.search(segment) or _MONTH_DAY.search(segment)
        if not match or not _make_date(2000, match["month"], match["day"]):  # a leap year: "29 Feb" is a day
            return None
        candidates, month_day = (), (_month_number(match["month"]), int(match["day"]))
    weekday = _WEEKDAY.search(segment)
    weekday_number = _WEEKDAYS.index(weekday[0][:3].lower()) if weekday else None
    residue = segment[: match.start()] + " " + segment[match.end() :]
    residue = _WEEKDAY.sub(" ", _TIME.sub(" ", residue))
    words = [w for w in re.findall(r"[a-z']+", residue.lower()) if w not in {"at", "on", "the"}]
    label = " ".join(words)
    # "Lublin, 25.09.2020": a press release's place-and-date line
    # "Bogotá D.C., 15 de septiembre de 2023", "Paris, le 3 mars 2021"
    place_line = re.fullmatch(r"\s*[A-ZÀ-Þ][^\W\d_]*(?:[ .'’-]+[^\W\d_]*){0,4},\s*(?:le\s+)?", segment[: match.start()]) and not segment[match.end() :].strip()
    # "Posted 30/05/2018 by Kaspar Lindmäe, Baltic correspondent": a label, then the byline
    before_byline = " ".join(words[: words.index("by")]) if "by" in words else None
    if not words or (words[0] == "by" and len(words) <= _BYLINE_MAX_WORDS) or place_line:
        kind = "bare"
    elif label in _PUBLISHED_LABELS or before_byline in _PUBLISHED_LABELS:
        kind = "published"
    elif label in _UPDATED_LABELS:
        kind = "updated"
    else:
        return None
    return _DateMention(kind, candidates, month_day, weekday_number)


def find_published_date(
    text: str, file_name: str | None = None, url: str | None = None
) -> tuple[date | None, str | None]:
    """Publication date of a cleaned text (and the article's URL) and how it was found.

    In order:
    - a full date in the URL's path ("url");
    - a line labelled "Published/Posted/Filed" anywhere, or a bare date/byline line
      above the body ("text");
    - a dateline with a year ("dateline");
    - a yearless dateline ("SEOUL, Jan 31"), else a yearless Published/byline date
      ("Posted Tue 22 Mar"), completed with the year ("dateline+..." or "text+..."):
      of an "Updated" line, the latest it can be ("+updated"); of the URL when its
      month is the same ("+url"); of a photo caption, which is taken on or before the
      day, the earliest it can be ("+caption"); the one year near the latest the text
      names on which the date falls on the weekday the line names ("+weekday"); of the
      gap statements (year_from_gap_statements, "+gap_statement"); of a single year in
      the file name ("+file_name"); of the latest event the top of the story names with
      its year, "as African Lion 2023 drew to a close" ("+name_year");
    - an "Updated" date alone ("updated_line");
    - a year and month in the URL ("url_month"): the last day it can have been
      published, the month's last or tomorrow. The day is unknown; a date after the
      publication date would make a past event planned, the last day does not;
    - a photo caption's date ("caption"), at worst a day or two early. Never a file or
      archive photo's: it may be years old.
    Otherwise (None, None).
    """
    in_url = _url_date(url)
    if in_url:
        return in_url, "url"
    paragraphs = text.split("\n\n")
    header_end = next((i for i, p in enumerate(paragraphs) if _is_prose(p)), len(paragraphs))
    dateline = _find_dateline(paragraphs[:_DATELINE_SEARCH_PARAGRAPHS])

    found: dict[str, list[date]] = {"published": [], "bare": [], "updated": [], "caption": []}
    yearless: list[_DateMention] = []
    for index, paragraph in enumerate(paragraphs):
        mentions = [m for m in _date_segments(paragraph) if m.kind != "bare" or index < header_end]
        if _CAPTION.search(paragraph) and all(m.kind == "bare" for m in mentions):
            caption_date = None if _OLD_PHOTO.search(paragraph) else _caption_date(paragraph, dateline)
            if caption_date:
                found["caption"].append(caption_date)
            continue
        for mention in mentions:
            resolved = _resolve_day_month_order(mention.candidates, dateline)
            if resolved:
                found[mention.kind].append(resolved)
            elif mention.month_day and mention.kind != "updated":
                yearless.append(mention)
    if found["published"] or found["bare"]:
        return (found["published"] or found["bare"])[0], "text"

    if dateline and dateline[2]:
        published = _make_date(dateline[2], dateline[0], dateline[1])
        if published:
            return published, "dateline"
    if dateline or yearless:
        month, day = dateline[:2] if dateline else yearless[0].month_day
        weekday = next((m.weekday for m in yearless if m.month_day == (month, day) and m.weekday is not None), None)
        year, year_from = _year_of_yearless_date(
            month, day, weekday, text, file_name, url, found["updated"], found["caption"]
        )
        published = _make_date(year, month, day) if year else None
        if published:
            return published, f"{'dateline' if dateline else 'text'}+{year_from}"
    if found["updated"]:
        return found["updated"][0], "updated_line"
    year_month = _url_year_month(url)
    if year_month:
        year, month = year_month
        last_day = date(year, month, calendar.monthrange(year, month)[1])
        return min(last_day, _latest_publishable()), "url_month"
    if found["caption"]:
        return found["caption"][0], "caption"
    return None, None


def _year_of_yearless_date(
    month: int,
    day: int,
    weekday: int | None,
    text: str,
    file_name: str | None,
    url: str | None,
    updated: list[date],
    captions: list[date],
) -> tuple[int | None, str | None]:
    """The year of a yearless publication date and where it came from (see find_published_date)."""
    if updated:
        bound = updated[0]  # updated on or after publication
        return (bound.year if (month, day) <= (bound.month, bound.day) else bound.year - 1), "updated"
    year_month = _url_year_month(url)
    if year_month and year_month[1] == month:
        return year_month[0], "url"
    if captions:
        bound = captions[0]  # photographed on or before publication
        return (bound.year if (month, day) >= (bound.month, bound.day) else bound.year + 1), "caption"
    candidates = (
        (_year_on_weekday(month, day, weekday, text), "weekday"),
        (year_from_gap_statements(text), "gap_statement"),
        (_year_in_file_name(file_name) if file_name else None, "file_name"),
        (_year_of_named_edition(text), "name_year"),
    )
    return next(((year, source) for year, source in candidates if year), (None, None))


# "as African Lion 2023 drew to a close", "Vostok-2022 ended on Wednesday": an event named with its year.
_EDITION_NAME = re.compile(r"\b(?P<name>[A-Z][A-Za-z]+)[ -](?P<year>(?:19|20)\d\d)\b")
_NOT_NAMES = frozenset(
    "in since until till by from for of during before after through and or the early late mid end around about circa "
    "spring summer autumn fall winter".split()
)


def _year_of_named_edition(text: str) -> int | None:
    """The latest year the top of the story (the lines above the lead, and the lead) names an event by
    ("Tradewinds 2024"): the story is of that edition, so of that year. A month's year ("March 2007")
    or a preposition's ("In 2019") is no name."""
    paragraphs = text.split("\n\n")
    lead = "\n\n".join(paragraphs[: next((i for i, p in enumerate(paragraphs) if _is_prose(p)), 0) + 1])
    years = [
        int(match["year"]) for match in _EDITION_NAME.finditer(lead)
        if match["name"].lower() not in _NOT_NAMES and not re.fullmatch(_MONTH, match["name"], re.I)
    ]
    return max(years, default=None)


def _year_on_weekday(month: int, day: int, weekday: int | None, text: str) -> int | None:
    """The one year, among the latest the text names, in which month/day falls on `weekday`.

    "Posted Tue 22 Mar" in a story of "Exercise Northern Star 2022" gives 2022: 22 March
    was a Tuesday in 2016 and 2022, and only 2022 is named. Years the text names further
    back are background: the story is of the latest ones.
    """
    if weekday is None:
        return None
    named = {int(year) for year in _NAME_YEAR.findall(text) if _make_date(year, month, day)}
    if not named:
        return None
    recent = max(named) - _WEEKDAY_YEAR_SPAN
    fits = {year for year in named if year >= recent and date(year, month, day).weekday() == weekday}
    return fits.pop() if len(fits) == 1 else None


def _first_full_date(text: str) -> re.Match | None:
    """The first of the full-date patterns that `text` holds, matched."""
    return next(filter(None, (pattern.search(text) for pattern in _FULL_DATES)), None)


def _caption_date(caption: str, dateline: tuple[int, int, int | None] | None) -> date | None:
    match = _first_full_date(caption)
    return _resolve_day_month_order(_candidates(match, match.re), dateline) if match else None


def dateline_length(paragraph: str) -> int:
    """How many characters a dateline takes at the start of a paragraph, its dash included; 0 without one.
    The story's first sentence starts after it: parsed with it, the place becomes the sentence's subject."""
    match = _DATELINE.match(paragraph) or _PLACE_DATELINE.match(paragraph)
    end = match and _DATELINE_END.match(paragraph, match.end())
    return end.end() if end else 0


def _find_dateline(paragraphs: list[str]) -> tuple[int, int, int | None] | None:
    for paragraph in paragraphs:
        match = _DATELINE.match(paragraph)
        if match:
            year = int(match["year"]) if match["year"] else None
            return _month_number(match["month"]), int(match["day"]), year
    return None


def _resolve_day_month_order(
    candidates: tuple[date, ...], dateline: tuple[int, int, int | None] | None
) -> date | None:
    if len(candidates) == 1:
        return candidates[0]
    if dateline:
        matching = [d for d in candidates if (d.month, d.day) == dateline[:2]]
        if len(matching) == 1:
            return matching[0]
    return None  # 05/06/2021 with nothing to tell the order: not guessed


def _year_in_file_name(file_name: str) -> int | None:
    years = set(_NAME_YEAR.findall(Path(file_name).stem))
    return int(years.pop()) if len(years) == 1 else None


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_COUNT = r"(?P<count>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_GAP_WORD = r"(?:halt|hiatus|gap|break|pause|absence|suspension|lull|freeze|stall|interval)"
_GAP_STATEMENTS = [
    re.compile(p, re.I)
    for p in (
        rf"\bfirst\b[^.!?\n]{{0,80}}?\bin\s+{_COUNT}\s+years\b",  # "for the first time in nine years"
        rf"\b{_COUNT}[- ]year\s+{_GAP_WORD}\b",  # "after a 9-year halt"
        rf"\b(?:stalled|suspended|halted|paused|frozen)\s+for\s+{_COUNT}\s+years\b",
        rf"\b{_GAP_WORD}\s+of\s+{_COUNT}\s+years\b",  # "a hiatus of nine years"
    )
]
_LAST_YEAR_STATEMENTS = [
    re.compile(p, re.I)
    for p in (
        rf"\blast\s+(?:[\w'’-]+\s+){{0,8}}?in\s+(?:(?:early|late|mid-?)\s*)?(?:{_MONTH}\s+)?{_YEAR}\b",
        rf"\bfirst\b[^.!?\n]{{0,80}}?\bsince\s+(?:{_MONTH}\s+)?{_YEAR}\b",
    )
]


def year_from_gap_statements(text: str) -> int | None:
    """The current year as the text states it through a gap: YYYY + N.

    "... resumed for the first time in nine years" with "... last held in
    2017" gives 2026. Every gap length paired with every "last ... in YYYY"
    (or "first ... since YYYY") must give the same year; otherwise None.
    """
    gaps = {
        int(m["count"]) if m["count"].isdigit() else _NUMBER_WORDS[m["count"].lower()]
        for pattern in _GAP_STATEMENTS
        for m in pattern.finditer(text)
    }
    last_years = {int(m["year"]) for pattern in _LAST_YEAR_STATEMENTS for m in pattern.finditer(text)}
    years = {year + gap for year in last_years for gap in gaps if gap > 0}
    return years.pop() if len(years) == 1 else None
