"""Resources: the warehouse files and the spaCy pipeline."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import polars as pl
from dagster import ConfigurableResource
from spacy.language import Language

from transforms.nlp import build_pipeline


class Warehouse(ConfigurableResource):
    """The DuckDB build file that runs write, and the published file that users read."""

    build_path: str
    published_path: str

    @contextmanager
    def connect(self):
        Path(self.build_path).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = duckdb.connect(self.build_path)
        except duckdb.IOException as error:
            raise RuntimeError(f"cannot open the build warehouse {self.build_path}: {error}") from error
        try:
            yield connection
        finally:
            connection.close()

    def replace_tables(self, schema: str, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
        """Replace tables with frames in one transaction, through Arrow: input text never becomes SQL.

        A run killed midway leaves either all of the old tables or all of the new ones.
        """
        with self.connect() as connection:
            connection.execute("begin transaction")
            connection.execute(f"create schema if not exists {schema}")
            for table, frame in frames.items():
                connection.register("incoming_frame", frame.to_arrow())
                connection.execute(f"create or replace table {schema}.{table} as select * from incoming_frame")
                connection.unregister("incoming_frame")
            connection.execute("commit")
        return {table: frame.height for table, frame in frames.items()}

    def read_table(self, schema: str, table: str) -> pl.DataFrame:
        with self.connect() as connection:
            return connection.sql(f"select * from {schema}.{table}").pl()

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with self.connect() as connection:
            return connection.execute(sql, parameters or []).fetchall()

    def read_table_if_exists(self, schema: str, table: str) -> pl.DataFrame | None:
        with self.connect() as connection:
            exists = connection.execute(
                "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
            ).fetchall()[0][0]
            return connection.sql(f"select * from {schema}.{table}").pl() if exists else None

    def publish(self) -> Path:
        """Copy the finished build, then rename it over the published file: readers never see half a warehouse.

        Readers holding the old file open keep reading it; the copy is flushed to disk
        before the rename, so a crash leaves the old file or the new one, never a torn one.
        """
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
        return published


@cache
def _pipeline(model_name: str) -> Language:
    return build_pipeline(model_name)


class SpacyPipeline(ConfigurableResource):
    """The spaCy pipeline of transforms.nlp, loaded once per process."""

    model_name: str
    n_process: int = 1

    def load(self) -> Language:
        return _pipeline(self.model_name)
