"""Tests of transforms/ingest/folder.py and dedup.py: the whole raw folder read into the articles and quarantine
frames, every quarantine reason, duplicates, and one row per input over the shared corpus."""

import json
import os
import shutil
from pathlib import Path

import polars as pl
import pytest

from ingest_samples import ARTICLE_TEXT, BODY, GERMAN, html_page, write
from transforms.ingest import MAX_INPUT_BYTES, read_raw_folder
from transforms.schemas import ARTICLES, QUARANTINE


def article_for(headline: str, *body: str) -> str:
    return "\n\n".join([headline, *(body or BODY)]) + "\n"


def reasons(result) -> list[tuple[str, str]]:
    return sorted(
        (f"{row['source_file']}#{row['record_id']}" if row["record_id"] else row["source_file"], row["reason"])
        for row in result.quarantine.iter_rows(named=True)
    )


@pytest.fixture
def raw_folder(tmp_path) -> Path:
    raw = tmp_path / "raw"
    write(raw, "a article.txt", article_for("Freedonia, Sylvania agree naval drill"))
    write(raw, "nested/déjà vu/b.htm", html_page('<meta property="article:published_time" content="2021-06-05">', BODY[::-1]))
    write(raw, "nested/wire.jsonl", "\n".join([
        json.dumps({"id": "W-2", "published": "2020-01-02", "text": "\n\n".join(BODY[1:] + ["A wire-only closing paragraph, written for the record."])}),
        "not json at all",
        json.dumps({"id": "W-1", "published": "2020-01-01", "text": "\n\n".join(BODY[:1] + ["A different wire paragraph about the talks in the capital."])}),
    ]) + "\n")
    return raw


def test_read_raw_folder_reads_every_format(raw_folder):
    result = read_raw_folder(raw_folder)
    assert dict(result.articles.schema) == ARTICLES
    assert dict(result.quarantine.schema) == QUARANTINE
    assert result.articles["source_file"].to_list() == [
        "a article.txt",
        "nested/déjà vu/b.htm",
        "nested/wire.jsonl",
        "nested/wire.jsonl",
    ]
    assert result.articles["record_id"].to_list() == [None, None, "W-1", "W-2"]
    assert reasons(result) == [("nested/wire.jsonl", "malformed_json")]
    assert "line 2" in result.quarantine["detail"][0]
    assert all("\n\n" in text for text in result.articles["text"])


def test_ids_and_frames_are_stable_across_runs(raw_folder):
    first, second = read_raw_folder(raw_folder), read_raw_folder(raw_folder)
    assert first.articles.equals(second.articles)
    assert first.quarantine.equals(second.quarantine)
    assert first.articles["article_id"].n_unique() == first.articles.height
    assert first.quarantine["seen_at"].null_count() == 0


def test_every_quarantine_reason_and_the_accounting_rule(tmp_path):
    raw = tmp_path / "raw"
    outside = write(tmp_path, "outside/secret.txt", article_for("Outside file"))
    write(raw, "good.txt", article_for("Good article"))
    write(raw, "copy.txt", article_for("Good article"))
    write(raw, "blank.txt", "  \n\t\n")
    write(raw, "image.txt", bytes(range(256)) * 40)
    write(raw, "notes.md", "# notes")
    write(raw, "only-chrome.txt", "Share this article\n2 min read\n|\n")
    write(raw, "nav-only.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write(raw, "empty.jsonl", "\n\n")
    write(raw, "foreign.txt", article_for("Titel", GERMAN))
    with open(raw / "huge.txt", "wb") as huge:  # sparse: never written, never read
        huge.truncate(MAX_INPUT_BYTES + 1)
    write(raw, "records.jsonl", "\n".join([
        json.dumps({"id": "r1", "text": ARTICLE_TEXT}),
        "{broken",
        json.dumps({"id": "r2", "title": "no text"}),
        json.dumps({"id": "r2", "text": "dup id"}),
        json.dumps({"text": "no id"}),
    ]))
    write(raw, ".hidden.txt", article_for("Hidden"))
    write(raw, ".git/config.txt", article_for("Hidden folder"))
    (raw / "link-out.txt").symlink_to(outside)
    (raw / "dir-out").symlink_to(outside.parent, target_is_directory=True)
    (raw / "link-in.txt").symlink_to(raw / "good.txt")
    (raw / "dir-in").symlink_to(raw / "sub", target_is_directory=True)
    write(raw, "sub/other.txt", article_for("Other", BODY[0] + " Extra words make this text unique."))
    (raw / "dangling.txt").symlink_to(raw / "missing.txt")
    os.mkfifo(raw / "pipe.txt")

    result = read_raw_folder(raw)

    assert reasons(result) == sorted(
        [
            ("blank.txt", "empty"),
            ("dangling.txt", "unreadable"),
            ("dir-out", "symlink_outside"),
            ("empty.jsonl", "empty"),
            ("foreign.txt", "non_english"),
            ("good.txt", "duplicate_content"),
            ("huge.txt", "too_large"),
            ("image.txt", "binary"),
            ("link-in.txt", "duplicate_content"),
            ("link-out.txt", "symlink_outside"),
            ("nav-only.html", "no_article_text"),
            ("notes.md", "unsupported_format"),
            ("only-chrome.txt", "no_article_text"),
            ("pipe.txt", "unreadable"),
            ("records.jsonl", "malformed_json"),
            ("records.jsonl", "missing_record_id"),
            ("records.jsonl#r1", "duplicate_content"),
            ("records.jsonl#r2", "duplicate_record_id"),
            ("records.jsonl#r2", "missing_text"),
        ]
    )
    # copy.txt sorts first among four inputs with the same cleaned text, so it is the one kept.
    assert result.articles["source_file"].to_list() == ["copy.txt", "sub/other.txt"]
    duplicates = result.quarantine.filter(pl.col("reason") == "duplicate_content")
    assert set(duplicates["detail"]) == {"same cleaned text as copy.txt"}
    # Accounting: 17 visible inputs (the folder link into raw is not one); records.jsonl is 5 rows.
    assert result.articles.height + result.quarantine.height == 16 + 5


def test_missing_folder_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="raw-data folder not found"):
        read_raw_folder(tmp_path / "nope")


def test_seen_at_is_the_file_modification_time(tmp_path):
    path = write(tmp_path, "notes.md", "# not an article")
    os.utime(path, (1_600_000_000, 1_600_000_000))
    seen_at = read_raw_folder(tmp_path).quarantine["seen_at"][0]
    assert seen_at.timestamp() == 1_600_000_000
    assert str(seen_at.tzinfo) == "UTC"


def test_file_names_that_are_not_utf8_still_get_a_row(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(article_for("Headline").encode())
    result = read_raw_folder(tmp_path)
    assert result.articles["source_file"].to_list() == ["caf\\xe9.txt"]


def test_utf16_text_file_reads_through_the_folder(tmp_path):
    write(tmp_path, "wide.txt", "\ufeff".encode("utf-16-le") + article_for("Ministers meet").replace("\n", "\r\n").encode("utf-16-le"))
    result = read_raw_folder(tmp_path)
    assert result.articles["text"].to_list() == [ARTICLE_TEXT]
    assert result.articles["title"].to_list() == ["Ministers meet"]


INPUT_SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}


def test_shared_corpus_reads_cleanly_with_gold_dates(shared_corpus, tmp_path):
    """Dev and seed inputs (copied without gold.jsonl) are all articles with the gold publication dates."""
    gold: dict[str, str] = {}
    expected_rows = 0
    for part in ("dev", "seeds"):
        (tmp_path / part).mkdir()
        inputs = [
            path
            for path in (shared_corpus / part).iterdir()
            if path.suffix in INPUT_SUFFIXES and path.name != "gold.jsonl"
        ]
        for path in inputs:
            shutil.copy(path, tmp_path / part / path.name)
            expected_rows += (
                sum(1 for line in path.read_text().splitlines() if line.strip())
                if path.suffix == ".jsonl"
                else 1
            )
        if part == "dev":
            assert len(inputs) == 20
        for line in (shared_corpus / part / "gold.jsonl").read_text().splitlines():
            record = json.loads(line)
            gold[f"{part}/{record['article']}"] = record["published"]

    result = read_raw_folder(tmp_path)

    assert result.quarantine.to_dicts() == []
    assert result.articles.height == expected_rows
    published = {
        f"{row['source_file']}#{row['record_id']}" if row["record_id"] else row["source_file"]: (
            row["published"].isoformat() if row["published"] else None
        )
        for row in result.articles.iter_rows(named=True)
    }
    assert {key: published.get(key) for key in gold} == gold
