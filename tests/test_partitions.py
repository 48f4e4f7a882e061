"""Partitions: the raw folder sensor, the batches' Parquet store, and a multiprocess backfill that equals one run."""

import os
import shutil
from collections import Counter
from pathlib import Path

import dagster as dg
import polars as pl
import pytest
from dagster._core.definitions.reconstruct import ReconstructableRepository

from orchestration.assets.batches import BATCHES
from orchestration.definitions import defs
from orchestration.partitions import raw_folder_sensor
from orchestration.resources import ParquetStore, RawFolder, TornBatch
from orchestration.settings import BUILD_WAREHOUSE, CORRECTIONS, PARQUET_DIR, PROJECT_DIR, RAW_DIR, WAREHOUSE
from transforms.batches import batch_key, batches_by_key
from transforms.schemas import EVENT_MENTIONS, QUARANTINE, empty_frame
from warehouse_builds import build_warehouse, query

SEEDS = PROJECT_DIR / "data" / "raw"
SEED_COPY = "004_21d4cb464597b8fc.txt"  # a seed whose copy goes into another batch


# ------------------------------------------------------------------ batch keys and the Parquet store


def test_a_batch_key_is_its_name_when_safe_else_a_safe_form_with_a_hash():
    assert batch_key("2024-05-01.jsonl") == "2024-05-01.jsonl"
    unsafe = ["talks in Zürich 会談.txt", "a b.txt", "a_b?.txt", "wire...jsonl", "wire/x", "x" * 200]
    keys = [batch_key(name) for name in unsafe]
    assert len(set(keys)) == len(keys)
    assert all(key.replace("_", "").replace("-", "").replace(".", "").isalnum() and "..." not in key for key in keys)
    assert batch_key("a b.txt") == batch_key("a b.txt") != "a_b.txt"


def test_batches_are_the_top_level_files_and_folders(tmp_path):
    for name in ["b.txt", "drop/one.txt", "drop/deeper/two.jsonl", ".hidden.txt", ".git/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("text")
    (tmp_path / "link to drop").symlink_to(tmp_path / "drop", target_is_directory=True)  # read at its real path
    assert {key: batch.path.name for key, batch in batches_by_key(tmp_path).items()} == {"b.txt": "b.txt", "drop": "drop"}


def batch_frames(n_articles: int) -> dict[str, pl.DataFrame]:
    articles = pl.DataFrame({"article_id": [f"a{i}" for i in range(n_articles)], "parse_key": ["k"] * n_articles})
    return {"articles": articles, "quarantine": empty_frame(QUARANTINE), "event_mentions": empty_frame(EVENT_MENTIONS)}


def test_the_parquet_store_reads_back_a_batch_and_notices_a_torn_one(tmp_path):
    store = ParquetStore(location=str(tmp_path / "parquet"))
    assert store.read_batch("b.txt") is None and store.read_stamp("b.txt") is None
    store.write_batch("b.txt", batch_frames(2), {"files": "first"})
    assert (tmp_path / "parquet" / "articles" / "b.txt.parquet").is_file()
    assert store.read_batch("b.txt")["articles"]["article_id"].to_list() == ["a0", "a1"]
    assert store.read_stamp("b.txt") == {"files": "first"}
    first_mentions = (tmp_path / "parquet" / "event_mentions" / "b.txt.parquet").read_bytes()
    store.write_batch("b.txt", batch_frames(3), {"files": "second"})
    assert store.read_stamp("b.txt") == {"files": "second"}
    # A run stopped after writing the mentions of a new write and before its articles.
    (tmp_path / "parquet" / "event_mentions" / "b.txt.parquet").write_bytes(first_mentions)
    with pytest.raises(TornBatch):
        store.read_batch("b.txt")
    assert store.read_stamp("b.txt") is None  # so the batch is read again, never skipped as stored
    store.delete_batch("b.txt")
    assert store.read_batch("b.txt") is None
    assert not list((tmp_path / "parquet").rglob("*.parquet"))


def test_object_storage_locations_keep_their_bucket_and_prefix():
    # A region in the URI spares pyarrow looking it up over the network.
    store = ParquetStore(location="s3://news-bucket/entente/parquet/?region=eu-west-1")
    assert store.batch_path("event_mentions", "2024-05-01.jsonl") == "news-bucket/entente/parquet/event_mentions/2024-05-01.jsonl.parquet"
    local = ParquetStore(location="data/parquet")
    assert local.batch_path("articles", "b.txt") == f"{Path('data/parquet').absolute().as_posix()}/articles/b.txt.parquet"


# ------------------------------------------------------------------ the raw folder sensor


def tick(instance: dg.DagsterInstance, store: ParquetStore, cursor: str | None):
    """One evaluation of the sensor, on the raw folder the test set; its partition requests are applied as the daemon would."""
    resources = {"parquet": store, "raw_folder": RawFolder(path=os.environ[RAW_DIR])}
    result = raw_folder_sensor(dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources))
    if isinstance(result, dg.SensorResult):
        for request in result.dynamic_partitions_requests:
            if isinstance(request, dg.AddDynamicPartitionsRequest):
                instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)
            else:
                for key in request.partition_keys:
                    instance.delete_dynamic_partition(request.partitions_def_name, key)
    return result


def requested(result) -> list[tuple[str, str | None]]:
    return sorted((request.job_name, request.partition_key) for request in result.run_requests)


def test_the_sensor_adds_partitions_for_new_batches_and_nothing_when_nothing_changed(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    monkeypatch.setenv(RAW_DIR, str(raw))
    store = ParquetStore(location=str(tmp_path / "parquet"))
    instance = dg.DagsterInstance.ephemeral()
    seeds = sorted(path.name for path in SEEDS.iterdir())

    first = tick(instance, store, None)
    assert instance.get_dynamic_partitions(BATCHES.name) == seeds
    assert requested(first) == [("read_batches", key) for key in seeds]

    quiet = tick(instance, store, first.cursor)
    assert isinstance(quiet, dg.SkipReason)

    (raw / "2024-05 drop").mkdir()
    (raw / "2024-05 drop" / "talks.txt").write_text("Ministers met.", encoding="utf-8")
    grown = tick(instance, store, first.cursor)
    new_key = batch_key("2024-05 drop")
    assert instance.get_dynamic_partitions(BATCHES.name) == [*seeds, new_key]
    assert requested(grown) == [("read_batches", new_key)]

    # An edited file: its batch is read again, no partition is added.
    (raw / "2024-05 drop" / "talks.txt").write_text("Ministers met again, in another city.", encoding="utf-8")
    edited = tick(instance, store, grown.cursor)
    assert requested(edited) == [("read_batches", new_key)]
    assert not any(request.partition_keys for request in edited.dynamic_partitions_requests if isinstance(request, dg.AddDynamicPartitionsRequest))

    # A removed batch: its partition and its Parquet files go, and the raw tables are rebuilt without it.
    store.write_batch(seeds[0], batch_frames(1))
    (raw / seeds[0]).unlink()
    removed = tick(instance, store, edited.cursor)
    assert instance.get_dynamic_partitions(BATCHES.name) == [seeds[1], new_key]
    assert requested(removed) == [("load_warehouse", None)]
    assert store.read_batch(seeds[0]) is None
    assert isinstance(tick(instance, store, removed.cursor), dg.SkipReason)

    # A changed corrections file: the raw tables are loaded again, which reads it; then quiet again.
    corrections = tmp_path / "corrections.csv"
    monkeypatch.setenv(CORRECTIONS, str(corrections))
    corrections.write_text("event_id,action,field,value,note,reviewer,reviewed_at\nabc,reject,,,,,\n", encoding="utf-8")
    corrected = tick(instance, store, removed.cursor)
    assert requested(corrected) == [("load_warehouse", None)]
    assert isinstance(tick(instance, store, corrected.cursor), dg.SkipReason)


# ------------------------------------------------------------------ a multiprocess backfill against one run

TABLES = ["raw.articles", "raw.quarantine", "raw.event_mentions"]


def table_rows(warehouse: Path, tables: list[str]) -> dict[str, list[tuple]]:
    return {table: sorted(query(warehouse, f"select * from {table}"), key=repr) for table in tables}


def fact_tables(warehouse: Path) -> list[str]:
    names = query(warehouse, "select table_name from information_schema.tables where table_schema = 'marts' and table_name like 'fct%' order by 1")
    return [f"marts.{name}" for (name,) in names]


@pytest.fixture(scope="module")
def feed(tmp_path_factory, shared_corpus) -> Path:
    """Three batches: the two seed files, and a drop folder of dev articles, a .jsonl feed and a copy of a seed."""
    raw = tmp_path_factory.mktemp("feed")
    shutil.copytree(SEEDS, raw, dirs_exist_ok=True)
    drop = raw / "2015-09 drop"
    drop.mkdir()
    for name in ["rajnath-cairo-india-egypt-mou.txt", "konkan-shakti-21-wraps-up.txt", "wire.jsonl"]:
        shutil.copy(shared_corpus / "dev" / name, drop / name)
    shutil.copy(SEEDS / SEED_COPY, drop / "copy of the seed.txt")
    return raw


@pytest.fixture(scope="module")
def backfill(feed, tmp_path_factory):
    """The sensor adds the partitions; each batch is then its own run with the multiprocess executor, as a
    backfill launches them; the unpartitioned assets follow in one run. The instance is a persistent one."""
    workdir = tmp_path_factory.mktemp("backfill")
    home = workdir / "dagster_home"
    home.mkdir()
    shutil.copyfile(PROJECT_DIR / "orchestration" / "dagster.yaml", home / "dagster.yaml")
    warehouse = workdir / "warehouse.duckdb"
    with pytest.MonkeyPatch.context() as monkeypatch, dg.DagsterInstance.from_config(str(home)) as instance:
        # The runs' step processes read the settings from the environment they inherit.
        monkeypatch.setenv(RAW_DIR, str(feed))
        monkeypatch.setenv(WAREHOUSE, str(warehouse))
        monkeypatch.setenv(BUILD_WAREHOUSE, str(workdir / "warehouse.build.duckdb"))
        monkeypatch.setenv(PARQUET_DIR, str(workdir / "parquet"))
        store = ParquetStore(location=str(workdir / "parquet"))
        sensor_result = tick(instance, store, None)
        # What the default automation condition sensor would request, evaluated without the daemon:
        # started while batches are missing, started once they are stored, and after its run.
        automation = [dg.evaluate_automation_conditions(defs=defs, instance=instance)]
        repository = ReconstructableRepository.for_module("orchestration.definitions", "defs", working_directory=str(PROJECT_DIR))
        batch_runs = [
            dg.execute_job(repository.get_reconstructable_job("read_batches"), instance=instance, tags={"dagster/partition": request.partition_key})
            for request in sensor_result.run_requests
        ]
        automation.append(dg.evaluate_automation_conditions(defs=defs, instance=instance))
        downstream = defs.resolve_job_def("load_warehouse").execute_in_process(instance=instance, raise_on_error=False)
        automation.append(dg.evaluate_automation_conditions(defs=defs, instance=instance, cursor=automation[-1].cursor))
        backfilled = {"rows": table_rows(warehouse, TABLES + fact_tables(warehouse)), "facts": fact_tables(warehouse)}

        # The seed file is removed: the sensor deletes its partition, and the raw tables are loaded without it.
        (feed / SEED_COPY).rename(workdir / SEED_COPY)
        after_removal = tick(instance, store, sensor_result.cursor)
        raw_keys = [key for key in defs.resolve_asset_graph().get_all_asset_keys() if key.has_prefix(["raw"]) and key != dg.AssetKey(["raw", "batches"])]
        reload = defs.resolve_job_def("load_warehouse").execute_in_process(instance=instance, asset_selection=raw_keys, raise_on_error=False)
        (workdir / SEED_COPY).rename(feed / SEED_COPY)
        yield {
            "batch_runs": batch_runs,
            "batch_keys": [request.partition_key for request in sensor_result.run_requests],
            "downstream": downstream,
            "automation": automation,
            "after_removal": after_removal,
            "reload": reload,
            "warehouse": Path(os.environ[BUILD_WAREHOUSE]),
            "parquet": store,
            **backfilled,
        }


def test_each_batch_of_the_backfill_ran_in_its_own_run_out_of_process(backfill):
    assert defs.resolve_job_def("read_batches").executor_def is dg.multiprocess_executor
    assert len(backfill["batch_runs"]) == 3
    for run, key in zip(backfill["batch_runs"], backfill["batch_keys"]):
        assert run.success
        assert run.dagster_run.tags["dagster/partition"] == key
        assert any(event.event_type_value == "STEP_WORKER_STARTED" for event in run.all_events), "the step ran in a subprocess"
    assert backfill["downstream"].success


def test_the_assets_after_the_batches_are_requested_once_every_batch_is_stored(backfill):
    while_batches_missing, after_batches, after_their_run = backfill["automation"]
    after = [key for key in defs.resolve_asset_graph().get_all_asset_keys() if key != dg.AssetKey(["raw", "batches"])]
    for key in [["raw", "articles"], ["marts", "fct_events"], ["published_warehouse"]]:
        assert while_batches_missing.get_num_requested(dg.AssetKey(key)) == 0, key
    assert {key.to_user_string() for key in after if after_batches.get_num_requested(key) != 1} == set()
    assert after_batches.get_num_requested(dg.AssetKey(["raw", "batches"])) == 0
    assert after_their_run.total_requested == 0


def test_every_input_of_a_batch_is_one_row_of_its_stored_files(backfill):
    stored = backfill["parquet"].read_batch(batch_key("2015-09 drop"))
    rows = Counter(stored["articles"]["source_file"].to_list() + stored["quarantine"]["source_file"].to_list())
    assert rows == {
        "2015-09 drop/rajnath-cairo-india-egypt-mou.txt": 1,
        "2015-09 drop/konkan-shakti-21-wraps-up.txt": 1,
        "2015-09 drop/copy of the seed.txt": 1,  # a candidate here: duplicates are decided over every batch
        "2015-09 drop/wire.jsonl": 4,
    }
    assert stored["event_mentions"].join(stored["articles"], on="article_id", how="anti").height == 0


def test_a_multiprocess_backfill_gives_the_same_warehouse_as_one_run(feed, backfill, tmp_path_factory):
    result, warehouse = build_warehouse(feed, tmp_path_factory.mktemp("one_run"))
    assert result.success
    assert fact_tables(warehouse) == backfill["facts"]
    assert {"marts.fct_meetings", "marts.fct_exercises", "marts.fct_agreements", "marts.fct_dyad_year"} <= set(backfill["facts"])
    one_run = table_rows(warehouse, TABLES + backfill["facts"])
    for table, rows in one_run.items():
        assert backfill["rows"][table] == rows, table
    assert len(one_run["marts.fct_events"]) >= 10, "the comparison is over a warehouse with events in it"
    # Duplicates across batches are found at the union: the seed's copy in the drop folder is quarantined.
    assert ("2015-09 drop/copy of the seed.txt", None, "duplicate_content", f"same cleaned text as {SEED_COPY}") in [
        row[:4] for row in one_run["raw.quarantine"]
    ]


def test_a_removed_batch_disappears_from_the_raw_tables(backfill):
    assert requested(backfill["after_removal"]) == [("load_warehouse", None)]
    assert backfill["reload"].success
    warehouse = backfill["warehouse"]
    sources = [row[0] for row in query(warehouse, "select source_file from raw.articles union all select source_file from raw.quarantine")]
    assert SEED_COPY not in sources
    # The copy in the drop folder is now the one article with that text, with the mentions its batch stored.
    assert query(warehouse, "select count(*) from raw.quarantine where reason = 'duplicate_content'") == [(0,)]
    copy_mentions = query(warehouse, """
        select count(*) from raw.event_mentions join raw.articles using (article_id)
        where source_file = '2015-09 drop/copy of the seed.txt'""")
    assert copy_mentions[0][0] > 0
