"""Dagster orchestration of Entente: thin assets over `transforms`, the dbt project, the CLI."""

from orchestration.settings import apply_defaults

# Every entry point (the UI, `entente`, dagster-dbt's manifest preparation) sees one set of paths.
apply_defaults()
