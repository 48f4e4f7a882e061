"""The benchmark's synthetic feed: deterministic, with its share of relevant articles and valid gold."""

import json
from pathlib import Path

from bench.generate_feed import countries, is_relevant, write_feed
from transforms.ingest import read_raw_folder
from transforms.scoring import read_gold


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_same_seed_writes_the_same_files_and_another_seed_others(tmp_path):
    write_feed(tmp_path / "a", 40, seed=3)
    write_feed(tmp_path / "b", 40, seed=3)
    write_feed(tmp_path / "c", 40, seed=4)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_one_article_in_ten_tells_of_events_and_the_gold_is_valid(tmp_path):
    summary = write_feed(tmp_path, 40, relevant_share=0.1, seed=3)
    gold = read_gold(tmp_path / "gold.jsonl")
    assert summary == {"articles": 40, "relevant": 4, "events": sum(len(record["events"]) for record in gold)}
    assert len(gold) == 40 and sum(bool(record["events"]) for record in gold) == 4
    known = {country.iso3 for country in countries()}
    for record in gold:
        for event in record["events"]:
            assert set(event["countries"]) <= known and event["year"] is not None and not event["optional"]


def test_every_article_is_read_and_keyed_like_its_gold(tmp_path):
    write_feed(tmp_path, 40, seed=3)
    result = read_raw_folder(tmp_path / "feed")
    assert result.quarantine.height == 0
    labels = {f"{row['source_file']}#{row['record_id']}" for row in result.articles.iter_rows(named=True)}
    assert labels == {record["article"] for record in read_gold(tmp_path / "gold.jsonl")}


def test_articles_can_be_added_to_a_feed(tmp_path):
    write_feed(tmp_path, 40, seed=3)
    write_feed(tmp_path, 2, seed=3, first_index=40)
    gold = read_gold(tmp_path / "gold.jsonl")
    assert len(gold) == 42
    added = [json.loads(line) for line in (tmp_path / "feed" / "articles-0000040.jsonl").read_text().splitlines()]
    assert [record["id"] for record in added] == ["a0000040", "a0000041"]


def test_any_share_of_relevant_articles_holds_over_any_range():
    assert sum(is_relevant(i, 0.1) for i in range(1000)) == 100
    assert sum(is_relevant(i, 0.1) for i in range(1000, 1100)) == 10
    assert all(is_relevant(i, 1.0) for i in range(50)) and not any(is_relevant(i, 0.0) for i in range(50))
