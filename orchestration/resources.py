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

    def replace_table(self, schema: str, table: str, frame: pl.DataFrame) -> int:
        """Replace a table with a frame, through Arrow: input text never becomes SQL."""
        with self.connect() as connection:
            connection.execute(f"create schema if not exists {schema}")
            connection.register("incoming_frame", frame.to_arrow())
            connection.execute(f"create or replace table {schema}.{table} as select * from incoming_frame")
            connection.unregister("incoming_frame")
        return frame.height

    def read_table(self, schema: str, table: str) -> pl.DataFrame:
        with self.connect() as connection:
            return connection.sql(f"select * from {schema}.{table}").pl()

    def publish(self) -> Path:
        """Copy the finished build, then rename it over the published file: readers never see half a warehouse."""
        with self.connect() as connection:
            connection.execute("checkpoint")
        published = Path(self.published_path)
        published.parent.mkdir(parents=True, exist_ok=True)
        staging = published.with_name(published.name + ".tmp")
        shutil.copyfile(self.build_path, staging)
        os.replace(staging, published)
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
