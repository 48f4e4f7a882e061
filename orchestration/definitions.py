"""The one Definitions object that the UI, `entente run` and the tests load."""

import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt import dbt_project, entente_dbt_models
from orchestration.assets.ingest import raw_articles
from orchestration.assets.nlp import raw_event_mentions
from orchestration.assets.publish import published_warehouse
from orchestration.checks import warehouse_checks
from orchestration.resources import SpacyPipeline, Warehouse
from orchestration.settings import BUILD_WAREHOUSE, SPACY_MODEL, SPACY_PROCESSES, WAREHOUSE


build_warehouse_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Read the raw folder, extract event mentions (only from new or changed articles), run dbt, publish the warehouse.",
)
rebuild_marts_job = dg.define_asset_job(
    "rebuild_marts",
    selection=dg.AssetSelection.assets(entente_dbt_models, published_warehouse),
    description="Run dbt over the mentions already loaded and publish: after a change to the dbt models or the country seed.",
)
daily_build_schedule = dg.ScheduleDefinition(
    name="daily_warehouse_build",
    job=build_warehouse_job,
    cron_schedule="0 5 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Build and publish once a day, whatever the raw-folder sensor has done.",
)

defs = dg.Definitions(
    assets=[raw_articles, raw_event_mentions, entente_dbt_models, published_warehouse],
    asset_checks=warehouse_checks,
    jobs=[build_warehouse_job, rebuild_marts_job],
    schedules=[daily_build_schedule],
    resources={
        "warehouse": Warehouse(build_path=dg.EnvVar(BUILD_WAREHOUSE), published_path=dg.EnvVar(WAREHOUSE)),
        "spacy_pipeline": SpacyPipeline(model_name=dg.EnvVar(SPACY_MODEL), n_process=dg.EnvVar.int(SPACY_PROCESSES)),
        # dbt from the same environment as Dagster, whether or not its bin folder is on PATH.
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=str(Path(sys.executable).with_name("dbt"))),
    },
)
