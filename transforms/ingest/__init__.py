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

The way from a file to an Article or a quarantine row, a module a stage:

- `folder`: the raw folder's batches, the inputs of each, and the reader of each input by its suffix;
- `decoding`: bytes to text;
- the reader of the input's format: `text`, `html_pages`, `json_lines`;
- `cleaning`: the article body and its headline (`paragraphs`: what counts as prose);
- `published`: the publication date, and where it was read from;
- `language`: English or not;
- `dedup`: duplicates over all batches;
- `records`: the shapes the stages hand on.
"""

from transforms.ingest.cleaning import clean_text, split_title
from transforms.ingest.decoding import decode_text, normalise_text
from transforms.ingest.dedup import deduplicate
from transforms.ingest.folder import ExpectedRows, expected_row_counts, list_batches, read_batch, read_raw_folder
from transforms.ingest.html_pages import read_html
from transforms.ingest.json_lines import read_jsonl
from transforms.ingest.language import other_language
from transforms.ingest.published import dateline_length, find_published_date, parse_metadata_date, year_from_gap_statements
from transforms.ingest.records import MAX_INPUT_BYTES, Article, BatchRead, IngestResult, InputRejected, QuarantineReason, Rejection
from transforms.ingest.text import read_text_file

__all__ = [
    "MAX_INPUT_BYTES", "Article", "BatchRead", "ExpectedRows", "IngestResult", "InputRejected", "QuarantineReason", "Rejection",
    "clean_text", "dateline_length", "decode_text", "deduplicate", "expected_row_counts", "find_published_date", "list_batches",
    "normalise_text", "other_language", "parse_metadata_date", "read_batch", "read_html", "read_jsonl",
    "read_raw_folder", "read_text_file", "split_title", "year_from_gap_statements",
]
