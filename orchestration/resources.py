"""Resources: the warehouse, the batches' Parquet files, the spaCy pipeline and the dbt CLI."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.metadata import version
from pathlib import Path

import duckdb
import polars as pl
import pyarrow
import pyarrow.fs
import pyarrow.parquet
from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource
from packaging.version import Version
from spacy.language import Language

from orchestration.published import connect_read_only
from orchestration.settings import is_motherduck
from transforms.batches import Batch, batches_by_key
from transforms.incremental import extraction_fingerprint
from transforms.nlp import build_pipeline, model_meta


# One row: the fingerprint of the raw tables and the dbt project a warehouse was built from.
BUILD_INPUTS = "meta.build_inputs"
# DuckDB keeps a table being written in memory until it commits or fills a row group (122,880 rows); under
# this limit it spills to its temporary file instead, so a write's memory does not grow with the feed. The
# first write of raw.articles at 53,000 articles: DuckDB +75 MB instead of +170 MB, 0.5 s slower.
WRITE_MEMORY_LIMIT = "64MB"


class Warehouse(ConfigurableResource):
    """The DuckDB build file that runs write, and the published file that users read.

    Either may be a MotherDuck database ("md:name") instead of a file.
    """

    build_path: str
    published_path: str

    @contextmanager
    def connect(self):
        if not is_motherduck(self.build_path):
            Path(self.build_path).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = duckdb.connect(self.build_path)
        except duckdb.IOException as error:
            raise RuntimeError(f"cannot open the build warehouse {self.build_path}: {error}") from error
        try:
            yield connection
        finally:
            connection.close()

    def replace_tables(self, tables: dict[str, pl.DataFrame | pyarrow.RecordBatchReader | KnownRows]) -> dict[str, int]:
        """Replace tables ("schema.table") in one transaction, through Arrow: input text never becomes SQL.
        Returns their row counts.

        A table comes from a frame, from a stream of Arrow record batches that DuckDB reads
        as it writes (so a table bigger than memory never has to be whole in this process),
        or as KnownRows, of which only the rows the table lacks are read.
        A run killed midway leaves either all of the old tables or all of the new ones.
        """
        counts = {}
        with self.connect() as connection:
            if not is_motherduck(self.build_path):
                connection.execute(f"set memory_limit = '{WRITE_MEMORY_LIMIT}'")
            connection.execute("begin transaction")
            for name, rows in tables.items():
                connection.execute(f"create schema if not exists {name.split('.')[0]}")
                if isinstance(rows, KnownRows) and _column_types(connection, name) == _column_types(connection, rows.schema):
                    _keep_known_rows(connection, name, rows)
                else:
                    if isinstance(rows, KnownRows):
                        rows = rows.read_whole(rows.light)
                    connection.register("incoming_rows", rows.to_arrow() if isinstance(rows, pl.DataFrame) else rows)
                    connection.execute(f"create or replace table {name} as select * from incoming_rows")
                    connection.unregister("incoming_rows")
                counts[name] = connection.execute(f"select count(*) from {name}").fetchone()[0]
            connection.execute("commit")
        return counts

    def query_published(self, sql: str) -> list[tuple] | None:
        """Rows of the warehouse users have now; None when there is none, it lacks the tables (an older
        version's), it is unreadable, or it is on MotherDuck. What a run compares its build with."""
        if is_motherduck(self.published_path) or not Path(self.published_path).exists():
            return None
        try:
            with connect_read_only(Path(self.published_path)) as connection:
                return connection.execute(sql).fetchall()
        except duckdb.Error:
            return None

    def published_build_inputs(self) -> str | None:
        """The fingerprint of the inputs the published warehouse was built from (BUILD_INPUTS); None: build anew."""
        rows = self.query_published(f"select fingerprint from {BUILD_INPUTS}")
        return rows[0][0] if rows else None

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with self.connect() as connection:
            return connection.execute(sql, parameters or []).fetchall()

    def publish(self) -> str:
        """Copy the finished build, then rename it over the published file: readers never see half a warehouse.

        Readers holding the old file open keep reading it; the copy is flushed to disk
        before the rename, so a crash leaves the old file or the new one, never a torn one.
        On MotherDuck the build database is cloned over the published one in one statement.
        """
        if is_motherduck(self.build_path):
            return self._publish_on_motherduck()
        with self.connect() as connection:
            connection.execute("checkpoint")
        published = Path(self.published_path)
        published.parent.mkdir(parents=True, exist_ok=True)
        staging = published.with_name(published.name + ".tmp")
        try:
            shutil.copyfile(self.build_path, staging)
            with open(staging, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(staging, published)
        except OSError as error:
            staging.unlink(missing_ok=True)
            raise RuntimeError(f"cannot publish {published}: {error.strerror or error}") from error
        directory = os.open(published.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        return str(published)

    def _publish_on_motherduck(self) -> str:
        if not is_motherduck(self.published_path):
            raise RuntimeError(f"a MotherDuck build ({self.build_path}) publishes to a MotherDuck database, not {self.published_path}")
        build, published = self.build_path.removeprefix("md:"), self.published_path.removeprefix("md:")
        with self.connect() as connection:
            # A zero-copy clone, which waits for writes to the published database to finish.
            connection.execute(f'create database if not exists "{published}"')
            connection.execute(f'copy from database "{build}" (overwrite) to "{published}"')
        return self.published_path


@dataclass(frozen=True)
class KnownRows:
    """A table's rows as their light columns, with a reader of the whole rows of any of them.

    Rows the table already holds (equal in every light column) are kept as they are, so
    after a feed grows by a batch only that batch's rows are read whole and written: the
    texts of raw.articles are most of its bytes.
    """

    light: pl.DataFrame  # every row of the table, without its heavy columns
    read_whole: Callable[[pl.DataFrame], pyarrow.RecordBatchReader]  # the whole rows of some rows of `light`
    schema: pyarrow.Schema  # of the whole rows


def _column_types(connection: duckdb.DuckDBPyConnection, relation: str | pyarrow.Schema) -> list[tuple[str, str]] | None:
    """Column names and DuckDB types of a table ("schema.table") or of Arrow rows of a schema; None: no such table."""
    if isinstance(relation, pyarrow.Schema):
        connection.register("described_rows", relation.empty_table())
        try:
            return connection.execute("select column_name, column_type from (describe described_rows)").fetchall()
        finally:
            connection.unregister("described_rows")
    schema, table = relation.split(".")
    columns = connection.execute(
        "select column_name, data_type from duckdb_columns() where database_name = current_database() "
        "and schema_name = ? and table_name = ? order by column_index",
        [schema, table],
    ).fetchall()
    return columns or None


def _keep_known_rows(connection: duckdb.DuckDBPyConnection, name: str, rows: KnownRows) -> None:
    """Make table `name` hold exactly `rows`: delete the rows it has of no light row, insert those it lacks."""
    same_row = " and ".join(f"known.{column} is not distinct from {name}.{column}" for column in rows.light.columns)
    connection.register("known", rows.light.to_arrow())
    connection.execute(f"delete from {name} where not exists (select 1 from known where {same_row})")
    lacking = pl.from_arrow(connection.sql(f"select * from known where not exists (select 1 from {name} where {same_row})").to_arrow_table())
    connection.unregister("known")
    if lacking.height:
        connection.register("incoming_rows", rows.read_whole(lacking))
        connection.execute(f"insert into {name} by name select * from incoming_rows")
        connection.unregister("incoming_rows")


BATCH_TABLES = ("event_mentions", "quarantine", "articles")  # in the order a batch is written: articles last
_WRITE_ID = b"entente.batch_write"
_STAMP = b"entente.batch_stamp"


class TornBatch(RuntimeError):
    """A batch's files come from different writes: a run was stopped while writing it."""


class RawFolder(ConfigurableResource):
    """The folder of raw inputs (ENTENTE_RAW_DIR), as the batches asset, the raw folder sensor and the accounting
    check read it: a resource, so the setting is read once, where the definitions are made."""

    path: str

    @property
    def folder(self) -> Path:
        return Path(self.path)

    def batches(self) -> dict[str, Batch]:
        """Its batches by partition key (transforms.batches)."""
        return batches_by_key(self.folder)


class ParquetStore(ConfigurableResource):
    """Each batch's articles, quarantine rows and event mentions as Parquet files.

    `location` is a folder or an object-storage URI that pyarrow's filesystems read
    (s3://bucket/prefix, gs://bucket/prefix); a table's file is
    `<location>/<table>/<batch key>.parquet`. Each file is written under a temporary
    name and moved into place, so a reader sees a whole file or none; the three
    files of one write carry one write id, so a batch torn by a stopped run is
    noticed instead of read.
    """

    location: str

    def batch_path(self, table: str, key: str) -> str:
        return f"{_filesystem(self.location)[1]}/{table}/{key}.parquet"

    def write_batch(self, key: str, frames: dict[str, pl.DataFrame], stamp: dict[str, str] | None = None) -> None:
        """Write the batch's tables; `stamp` says what they were made from (read back by `read_stamp`)."""
        filesystem, _ = _filesystem(self.location)
        write_id = uuid.uuid4().hex.encode()
        metadata = {_WRITE_ID: write_id, _STAMP: json.dumps(stamp or {}, sort_keys=True).encode()}
        for table in BATCH_TABLES:
            arrow = frames[table].to_arrow()
            arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), **metadata})
            path = self.batch_path(table, key)
            filesystem.create_dir(path.rsplit("/", 1)[0], recursive=True)
            staging = f"{path}.{write_id.decode()}.tmp"
            pyarrow.parquet.write_table(arrow, staging, filesystem=filesystem)
            filesystem.move(staging, path)

    def read_batch(self, key: str, article_columns: list[str] | None = None) -> dict[str, pl.DataFrame] | None:
        """The batch's frames (of its articles, only `article_columns` when given); None when it was never
        written. Raises TornBatch when its files disagree."""
        filesystem, _ = _filesystem(self.location)
        tables = {}
        for table in BATCH_TABLES:
            columns = article_columns if table == "articles" else None
            try:
                tables[table] = pyarrow.parquet.read_table(self.batch_path(table, key), columns=columns, filesystem=filesystem)
            except FileNotFoundError:
                tables[table] = None
        if all(table is None for table in tables.values()):
            return None
        write_ids = {(table.schema.metadata or {}).get(_WRITE_ID) if table is not None else None for table in tables.values()}
        if len(write_ids) != 1 or None in write_ids:
            raise TornBatch(f"batch {key} at {self.location} was not written whole (a stopped run?); materialise it again")
        return {name: pl.from_arrow(table) for name, table in tables.items()}

    def read_stamp(self, key: str) -> dict[str, str] | None:
        """The stamp of the batch's last write, from the files' footers alone; None when it is missing or torn."""
        filesystem, _ = _filesystem(self.location)
        footers = []
        for table in BATCH_TABLES:
            try:
                footers.append(pyarrow.parquet.read_schema(self.batch_path(table, key), filesystem=filesystem).metadata or {})
            except FileNotFoundError:
                return None
        if len({footer.get(_WRITE_ID) for footer in footers}) != 1 or _STAMP not in footers[0]:
            return None
        return json.loads(footers[0][_STAMP])

    def delete_batch(self, key: str) -> None:
        filesystem, _ = _filesystem(self.location)
        for table in BATCH_TABLES:
            try:
                filesystem.delete_file(self.batch_path(table, key))
            except FileNotFoundError:
                pass


@cache
def _filesystem(location: str) -> tuple[pyarrow.fs.FileSystem, str]:
    """pyarrow's filesystem for a folder or URI, and the path in it ("bucket/prefix" on S3)."""
    if "://" in location:
        filesystem, path = pyarrow.fs.FileSystem.from_uri(location)
    else:
        filesystem, path = pyarrow.fs.LocalFileSystem(), Path(location).absolute().as_posix()
    return filesystem, path.rstrip("/")


@cache
def _pipeline(model_name: str) -> Language:
    return build_pipeline(model_name)


class SpacyPipeline(ConfigurableResource):
    """The spaCy pipeline of transforms.nlp, loaded once per process."""

    model_name: str
    n_process: int = 1

    def load(self) -> Language:
        return _pipeline(self.model_name)

    def extraction_fingerprint(self) -> str:
        """The fingerprint of what reading and extraction depend on, without loading the model."""
        return extraction_fingerprint(model_meta(self.model_name))


class DbtCli(DbtCliResource):
    """dagster-dbt's dbt CLI without the two things it does before every dbt command that Entente does not use.

    - `dbt --version`, to learn the version: it starts dbt once more (3 s of every run)
      and asks PyPI for the latest release, and a run must not reach the internet. The
      executable is the one installed beside this Python (orchestration/definitions.py),
      so its version is the installed dbt-core's.
    - A dbt adapter in this process (3 s more), which dagster-dbt uses only to fetch row
      counts and column metadata; Entente records those in its own assets' metadata.

    dagster-dbt has no public switch for either, so these override two of its private members;
    pyproject.toml pins dagster-dbt with Dagster for that reason, and tests/test_definitions.py
    fails if the members are gone (an upgrade then shows where to look).
    """

    @cached_property
    def _cli_version(self) -> Version:
        return Version(version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None
