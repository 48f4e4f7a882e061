"""`entente eval` over several corpora and parts of them: the pure selection, then one real build."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import main
from orchestration.evaluation import FACTS, predicted_events, score_sets, stage_corpora
from transforms.corpora import (
    Corpus,
    all_gold,
    article_sets,
    format_tables,
    parse_part,
    read_article_keys,
    read_corpora,
    subfolder_names,
    tables_figures,
)
from transforms.scoring import read_gold, score
from warehouse_builds import build_warehouse, query


def record(article, *event_keys):
    events = [
        {"type": "meeting", "countries": ["IND", "USA"], "year": 2018, "status": "occurred", "event_key": key}
        for key in event_keys
    ]
    return {"article": article, "published": "2018-01-01", "events": events}


def write_gold(folder: Path, *records) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_part(path: Path, *lines) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def two_corpora(tmp_path):
    dev = write_gold(tmp_path / "dev", record("a.txt", "k1"), record("feed.jsonl#R1", "k2", "k3"), record("shared.txt"))
    dev2 = write_gold(tmp_path / "dev2", record("b.txt", "k4"), record("c.txt"), record("shared.txt"))
    return read_corpora([dev, dev2])


# --- corpora and their keys ----------------------------------------------------


@pytest.mark.parametrize(
    ("folders", "names"),
    [
        (["x/dev", "y/dev2"], ["dev", "dev2"]),
        (["x/dev", "y/dev2", "z/dev"], ["dev", "dev2", "dev-2"]),
        (["x/dev", "y/dev", "z/dev-2"], ["dev", "dev-2", "dev-2-2"]),
    ],
)
def test_subfolder_names_are_the_folder_names_made_distinct(folders, names):
    assert subfolder_names([Path(folder) for folder in folders]) == names


def test_one_gold_file_keeps_its_keys(tmp_path):
    [corpus] = read_corpora([write_gold(tmp_path / "dev", record("feed.jsonl#R1", "k1"))])
    assert corpus.subfolder == ""
    assert [r["article"] for r in all_gold([corpus])] == ["feed.jsonl#R1"]


def test_several_gold_files_prefix_their_keys_with_their_subfolder(two_corpora):
    assert [c.subfolder for c in two_corpora] == ["dev", "dev2"]
    assert [r["article"] for r in all_gold(two_corpora)] == [
        "dev/a.txt", "dev/feed.jsonl#R1", "dev/shared.txt", "dev2/b.txt", "dev2/c.txt", "dev2/shared.txt",
    ]
    assert two_corpora[0].gold[1]["article"] == "feed.jsonl#R1"  # the corpus's own records are left as written


def test_staging_copies_each_folder_as_its_subfolder(tmp_path):
    (tmp_path / "dev" / "sub").mkdir(parents=True)
    (tmp_path / "dev" / "sub" / "deep.txt").write_text("deep", encoding="utf-8")
    (tmp_path / "dev" / "top.txt").write_text("top", encoding="utf-8")
    (tmp_path / "dev" / "link.txt").symlink_to(tmp_path / "dev" / "top.txt")
    corpus = Corpus("dev-2", tmp_path / "dev", [])
    stage_corpora([corpus], tmp_path / "raw")
    staged = sorted(p.relative_to(tmp_path / "raw").as_posix() for p in (tmp_path / "raw").rglob("*") if p.is_file())
    assert staged == ["dev-2/sub/deep.txt", "dev-2/top.txt"]


# --- parts ---------------------------------------------------------------------


def test_a_part_file_skips_comments_and_blank_lines_but_keeps_keys_with_a_hash(tmp_path):
    path = write_part(tmp_path / "part.txt", "# the untouched third", "", "a.txt", "  feed.jsonl#R1  ", "   # indented comment")
    assert read_article_keys(path) == ["a.txt", "feed.jsonl#R1"]


@pytest.mark.parametrize(
    ("text", "name", "path", "rest"),
    [("held=out.txt", "held", "out.txt", False), ("tuned=-out.txt", "tuned", "out.txt", True), ("a=b=c", "a", "b=c", False)],
)
def test_parse_part(text, name, path, rest):
    part = parse_part(text)
    assert (part.name, part.path, part.rest) == (name, Path(path), rest)


@pytest.mark.parametrize("text", ["out.txt", "=out.txt", "held=", "held=-"])
def test_parse_part_rejects_a_part_without_name_or_file(text):
    with pytest.raises(ValueError, match="NAME=FILE"):
        parse_part(text)


def test_a_part_and_its_rest_split_their_corpus(two_corpora, tmp_path):
    path = write_part(tmp_path / "part.txt", "feed.jsonl#R1")
    sets = article_sets(two_corpora, [parse_part(f"held={path}"), parse_part(f"tuned=-{path}")], by_corpus=True)
    assert [s.name for s in sets] == ["all", "dev", "dev2", "held", "tuned"]
    by_name = {s.name: s.articles for s in sets}
    assert by_name["held"] == {"dev/feed.jsonl#R1"}
    assert by_name["tuned"] == {"dev/a.txt", "dev/shared.txt"}
    assert by_name["dev"] == by_name["held"] | by_name["tuned"]
    assert by_name["all"] == by_name["dev"] | by_name["dev2"]


def test_by_corpus_adds_nothing_to_one_gold_file(two_corpora):
    assert [s.name for s in article_sets(two_corpora[:1], [], by_corpus=True)] == ["all"]


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        (["a.txt", "nowhere.txt"], "no gold record for nowhere.txt"),
        (["a.txt", "b.txt"], "in several gold files"),
        (["shared.txt"], "more than one gold file"),
        (["# only a comment"], "lists no article"),
        (["dev/a.txt"], "no gold record for dev/a.txt"),  # keys are written as in their own gold.jsonl
    ],
)
def test_a_part_must_name_articles_of_exactly_one_gold_file(two_corpora, tmp_path, keys, message):
    path = write_part(tmp_path / "part.txt", *keys)
    with pytest.raises(ValueError, match=message):
        article_sets(two_corpora, [parse_part(f"held={path}")], by_corpus=False)


def test_two_tables_of_one_name_are_refused(two_corpora, tmp_path):
    path = write_part(tmp_path / "part.txt", "a.txt")
    with pytest.raises(ValueError, match="named dev"):
        article_sets(two_corpora, [parse_part(f"dev={path}")], by_corpus=True)


# --- one real build of two corpora ------------------------------------------------

NOTE = (
    "Forecasters said on Saturday that heavy rain is expected across the region over the weekend, with "
    "temperatures falling to around ten degrees and strong winds along the coast. Residents were advised to "
    "check the local forecast before travelling, and the city council said that its parks and sports grounds "
    "would stay open unless the weather became dangerous for visitors and staff."
)


@pytest.fixture(scope="module")
def combined(shared_corpus, tmp_path_factory):
    """The seeds, and a second corpus also named seeds holding one eventless feed record, built as one warehouse."""
    root = tmp_path_factory.mktemp("corpora")
    seeds = shutil.copytree(shared_corpus / "seeds", root / "one" / "seeds")
    other = root / "two" / "seeds"
    other.mkdir(parents=True)
    note = {"id": "N1", "url": "https://example.org/n1", "title": "Rain", "published": "2024-03-02", "source": "Test", "text": NOTE}
    (other / "notes.jsonl").write_text(json.dumps(note) + "\n", encoding="utf-8")
    write_gold(other, {"article": "notes.jsonl#N1", "published": "2024-03-02", "events": []})
    gold_paths = [seeds / "gold.jsonl", other / "gold.jsonl"]
    corpora = read_corpora(gold_paths)
    stage_corpora(corpora, root / "raw")
    result, warehouse = build_warehouse(root / "raw", root / "build")
    assert result.success
    return gold_paths, corpora, warehouse


def test_the_warehouse_keys_match_the_prefixed_gold(combined, shared_corpus):
    _, corpora, warehouse = combined
    seed_files = sorted(p.name for p in (shared_corpus / "seeds").glob("*.txt"))
    rows = query(warehouse, "select source_file, record_id from raw.articles")
    assert set(rows) == {*((f"seeds/{name}", None) for name in seed_files), ("seeds-2/notes.jsonl", "N1")}
    assert {r["article"] for r in all_gold(corpora)} == {*(f"seeds/{name}" for name in seed_files), "seeds-2/notes.jsonl#N1"}


def test_the_whole_gold_scores_as_before_cells_were_counted_per_article(combined):
    _, corpora, warehouse = combined
    gold = all_gold(corpora)
    [(_, new)] = score_sets(gold, article_sets(corpora, [], by_corpus=False), warehouse)
    every_fact_cell = f"select event_type, year, country_a, country_b, count(distinct event_id) as n_events from ({FACTS}) group by all"
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        old = score(gold, predicted_events(warehouse), connection.sql(every_fact_cell).pl())
    assert new.events == old.events and new.cells == old.cells
    assert new.errors.equals(old.errors) and new.cell_table.equals(old.cell_table)
    assert new.unannotated_articles == old.unannotated_articles == []
    assert new.events["all"].tp > 0 and new.events["all"].recall == 1.0


def test_one_command_prints_and_writes_every_table(combined, tmp_path, capsys):
    gold_paths, corpora, warehouse = combined
    first, second = sorted(r["article"] for r in corpora[0].gold)
    part = write_part(tmp_path / "part.txt", "# one seed", first)
    out = tmp_path / "scores.json"
    code = main([
        "eval", *map(str, gold_paths), "--warehouse", str(warehouse), "--by-corpus",
        "--part", f"first={part}", "--part", f"second=-{part}", "--json", str(out),
    ])
    assert code == 0
    headings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("== ")]
    assert [h.split(":")[0] for h in headings] == ["== all", "== seeds", "== seeds-2", "== first", "== second"]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert {name: f["articles"] for name, f in figures.items()} == {"all": 3, "seeds": 2, "seeds-2": 1, "first": 1, "second": 1}
    tp = {name: f["types"]["all"]["tp"] for name, f in figures.items()}
    required_pairs = {  # seeds are recalled in full, so a part's tp is the pairs its gold requires
        article["article"]: sum(len(e["countries"]) * (len(e["countries"]) - 1) // 2 for e in article["events"] if not e["optional"])
        for article in corpora[0].gold
    }
    assert (tp["first"], tp["second"]) == (required_pairs[first], required_pairs[second])
    assert tp["all"] == tp["seeds"] == tp["first"] + tp["second"] > 0
    assert figures["seeds-2"]["types"]["all"] == {
        "tp": 0, "fp": 0, "fn": 0, "precision": None, "recall": None, "f1": None, "status_accuracy": None,
        "status_f1": None, "cells": 0, "cells_exact": None, "cells_mae": None, "cells_total_abs_error": 0,
    }


def test_format_tables_heads_each_table_with_its_counts(combined):
    _, corpora, warehouse = combined
    results = score_sets(all_gold(corpora), article_sets(corpora, [], by_corpus=True), warehouse)
    seeds_events = sum(len(r["events"]) for r in read_gold(corpora[0].folder / "gold.jsonl"))
    text = format_tables(results)
    assert f"== seeds: 2 articles, {seeds_events} gold events" in text
    assert text.count("total absolute error") == 3
    assert list(tables_figures(results)) == ["all", "seeds", "seeds-2"]
