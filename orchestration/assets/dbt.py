"""The dbt project: staging, intermediate (merging mentions into events) and marts."""

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from orchestration.assets.batches import REBUILT_AFTER_BATCHES
from orchestration.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()


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
        raise RuntimeError(f"dbt build failed: {first_dbt_failure(invocation)}")


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
