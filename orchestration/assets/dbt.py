"""The dbt project: staging, intermediate (merging mentions into events) and marts."""

import os
import shutil
from collections import Counter

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets
from dagster_dbt.dbt_project import using_dagster_dev

from orchestration.assets.batches import REBUILT_AFTER_BATCHES
from orchestration.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
if using_dagster_dev():
    # What `dbt_project.prepare_if_dev()` does, with our dbt: its preparer looks for "dbt" on PATH.
    DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE).cli(
        ["parse", "--quiet"], target_path=dbt_project.target_path
    ).wait()


class EntenteDbtTranslator(DagsterDbtTranslator):
    """Keys each model by its schema (`marts/fct_meetings`), so the lineage reads like the warehouse."""

    def get_asset_key(self, dbt_resource_props):
        if dbt_resource_props["resource_type"] in {"model", "seed", "snapshot"}:
            return dg.AssetKey([dbt_resource_props["config"]["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props):
        if dbt_resource_props["resource_type"] in {"model", "seed", "snapshot"}:
            return dbt_resource_props["config"]["schema"]
        return super().get_group_name(dbt_resource_props)

    def get_automation_condition(self, dbt_resource_props):
        return REBUILT_AFTER_BATCHES


@dbt_assets(
    manifest=dbt_project.manifest_path,
    dagster_dbt_translator=EntenteDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)),
    pool="warehouse",
)
def entente_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    # dbt's unit tests check the SQL, not the data: `make test` runs them (tests/test_dbt_project.py), and a
    # production build leaves them out, as dbt advises; the data tests run here and are the asset checks.
    invocation = dbt.cli(["build", "--exclude", "resource_type:unit_test"], context=context, raise_on_error=False)
    yield from invocation.stream()
    if not invocation.is_successful():
        # The command's target folder (compiled SQL, dbt.log, run_results.json) stays, to look into.
        raise RuntimeError(f"dbt build failed: {first_dbt_failure(invocation)}")
    context.log.info(dbt_build_summary(invocation.get_artifact("run_results.json")["results"]))
    keep_partial_parse(invocation.target_path)
    # Dagster holds the command's events and results; its folder (about 6 MB) would pile up run after run.
    shutil.rmtree(invocation.target_path, ignore_errors=True)


def keep_partial_parse(command_target: os.PathLike) -> None:
    """Make this command's parse the one the next command starts from.

    dagster-dbt gives every dbt command its own target folder and copies the project's
    target/partial_parse.msgpack into it, but dbt parses the whole project again when that
    file was written for another profile: `make`'s `dbt parse` writes it for another build
    file, and each project parse costs 3 s of every run. The copy is renamed into place,
    so a command starting meanwhile reads a whole file.
    """
    parsed = os.path.join(command_target, "partial_parse.msgpack")
    if not os.path.exists(parsed):
        return
    project_target = dbt_project.project_dir / dbt_project.target_path
    staging = project_target / f".partial_parse.msgpack.{os.getpid()}"
    try:
        shutil.copyfile(parsed, staging)
        os.replace(staging, project_target / "partial_parse.msgpack")
    except OSError as error:  # a read-only project folder: the next run parses the whole project, and works
        dg.get_dagster_logger().warning(f"dbt's parse is not kept for the next run: {error}")


def dbt_build_summary(results: list[dict]) -> str:
    """One line for the build: what it built, and its data tests by outcome ('built 13 models, 1 seed; data tests: 68 pass')."""
    built = Counter(result["unique_id"].split(".")[0] for result in results if result["status"] == "success")
    tests = Counter(result["status"] for result in results if result["unique_id"].startswith("test."))
    things = ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in sorted(built.items()))
    return f"built {things or 'nothing'}; data tests: " + (", ".join(f"{n} {status}" for status, n in sorted(tests.items())) or "none")


def first_dbt_failure(invocation) -> str:
    """The first failing node and its message, in one line: what `entente run` and the UI show as the reason."""
    try:
        results = invocation.get_artifact("run_results.json")["results"]
    except FileNotFoundError:  # dbt stopped before running any node (no database, bad profile)
        results = []
    for result in results:
        if result["status"] in {"error", "fail", "runtime error"}:
            message = " ".join((result.get("message") or "no message").split())
            return f"{result['unique_id']}: {message}"
    return " ".join(str(invocation.get_error()).split())
