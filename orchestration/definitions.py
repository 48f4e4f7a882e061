"""The one Definitions object that the UI, `entente run` and the tests load.

Where runs execute is configuration: ENTENTE_EXECUTOR picks the executor here,
ENTENTE_PARQUET_DIR where batches are stored, ENTENTE_DBT_TARGET where dbt builds
(docs/scaling.md).
"""

import os

import dagster as dg

from orchestration.assets.batches import raw_batches
from orchestration.assets.dbt import dbt_project, entente_dbt_models
from orchestration.assets.publish import published_warehouse
from orchestration.assets.raw_tables import raw_tables
from orchestration.checks import warehouse_checks
from orchestration.jobs import build_warehouse_job, load_warehouse_job, read_batches_job
from orchestration.partitions import raw_folder_sensor
from orchestration.resources import DbtCli, ParquetStore, RawFolder, SpacyPipeline, Warehouse
from orchestration.settings import (
    BUILD_WAREHOUSE, DBT_EXECUTABLE, DBT_TARGET, DBT_TARGETS, EXECUTOR, EXECUTORS, MOTHERDUCK_DATABASE, PARQUET_DIR,
    RAW_DIR, SPACY_MODEL, SPACY_PROCESSES, WAREHOUSE, is_motherduck,
)


def executor(name: str) -> dg.ExecutorDefinition:
    """The executor of launched runs (UI, sensor, backfills); `entente run` always runs in its own process.

    The cluster executors come from the optional `cluster` extra and are imported only when chosen.
    """
    if name == "in_process":
        return dg.in_process_executor
    if name == "multiprocess":
        return dg.multiprocess_executor
    if name == "k8s":
        # Image, namespace, env and secrets come from the instance's K8sRunLauncher; per-run overrides from run config.
        from dagster_k8s import k8s_job_executor

        return k8s_job_executor
    if name == "celery":
        from dagster_celery import celery_executor

        return celery_executor.configured({"broker": {"env": "ENTENTE_CELERY_BROKER"}, "backend": {"env": "ENTENTE_CELERY_BACKEND"}})
    raise ValueError(f"{EXECUTOR}={name!r} is not an executor; use one of: {', '.join(EXECUTORS)}")


def check_dbt_target(target: str) -> None:
    if target not in DBT_TARGETS:
        raise ValueError(f"{DBT_TARGET}={target!r} is not an output of dbt_project/profiles.yml; use one of: {', '.join(DBT_TARGETS)}")
    # The Python assets write the raw tables where dbt reads them.
    if target == "motherduck" and os.environ[BUILD_WAREHOUSE] != f"md:{os.environ[MOTHERDUCK_DATABASE]}":
        raise ValueError(f"with {DBT_TARGET}=motherduck, {BUILD_WAREHOUSE} must be md:${MOTHERDUCK_DATABASE} (or unset), not {os.environ[BUILD_WAREHOUSE]!r}")
    if is_motherduck(os.environ[BUILD_WAREHOUSE]) != is_motherduck(os.environ[WAREHOUSE]):
        raise ValueError(f"{BUILD_WAREHOUSE} and {WAREHOUSE} must both be files or both MotherDuck databases (md:name)")


check_dbt_target(os.environ[DBT_TARGET])

daily_build_schedule = dg.ScheduleDefinition(
    name="daily_warehouse_build",
    job=build_warehouse_job,
    cron_schedule="0 5 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Build and publish once a day, whatever the raw folder sensor has done.",
)

defs = dg.Definitions(
    assets=[raw_batches, raw_tables, entente_dbt_models, published_warehouse],
    asset_checks=warehouse_checks,
    jobs=[build_warehouse_job, read_batches_job, load_warehouse_job],
    schedules=[daily_build_schedule],
    sensors=[raw_folder_sensor],
    executor=executor(os.environ[EXECUTOR]),
    resources={
        "warehouse": Warehouse(build_path=dg.EnvVar(BUILD_WAREHOUSE), published_path=dg.EnvVar(WAREHOUSE)),
        "raw_folder": RawFolder(path=dg.EnvVar(RAW_DIR)),
        "parquet": ParquetStore(location=dg.EnvVar(PARQUET_DIR)),
        "spacy_pipeline": SpacyPipeline(model_name=dg.EnvVar(SPACY_MODEL), n_process=dg.EnvVar.int(SPACY_PROCESSES)),
        # dbt from the same environment as Dagster, whether or not its bin folder is on PATH; the target
        # (local or motherduck) is read by dbt_project/profiles.yml from ENTENTE_DBT_TARGET.
        "dbt": DbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
    },
)
