"""The one Definitions object that the UI, `entente run` and the tests load."""

import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt import dbt_project, entente_dbt_models
from orchestration.assets.ingest import raw_articles
from orchestration.assets.nlp import raw_event_mentions
from orchestration.assets.publish import published_warehouse
from orchestration.resources import SpacyPipeline, Warehouse
from orchestration.settings import BUILD_WAREHOUSE, SPACY_MODEL, SPACY_PROCESSES, WAREHOUSE


build_warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Read the raw folder, extract event mentions, run dbt, publish the warehouse.",
)

defs = dg.Definitions(
    assets=[raw_articles, raw_event_mentions, entente_dbt_models, published_warehouse],
    jobs=[build_warehouse_job],
    resources={
        "warehouse": Warehouse(build_path=dg.EnvVar(BUILD_WAREHOUSE), published_path=dg.EnvVar(WAREHOUSE)),
        "spacy_pipeline": SpacyPipeline(model_name=dg.EnvVar(SPACY_MODEL), n_process=dg.EnvVar.int(SPACY_PROCESSES)),
        # dbt from the same environment as Dagster, whether or not its bin folder is on PATH.
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=str(Path(sys.executable).with_name("dbt"))),
    },
)
