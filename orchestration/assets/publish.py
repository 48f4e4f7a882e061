"""The published warehouse: the finished build, swapped in atomically for SQL users."""

import dagster as dg

from orchestration.resources import Warehouse

MARTS = ["fct_meetings", "fct_exercises", "fct_agreements", "fct_dyad_year", "dim_country"]


@dg.asset(
    key=["published_warehouse"],
    deps=[dg.AssetKey(["marts", name]) for name in MARTS],
    group_name="publish",
    pool="warehouse",
    description="The read-only copy of the warehouse that SQL users, dbt docs and the scorer open (ENTENTE_WAREHOUSE).",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    path = warehouse.publish()
    context.log.info(f"published {path}")
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)), "bytes": path.stat().st_size})
