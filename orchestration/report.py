"""`entente report`: read the marts of the published warehouse and write the HTML page of transforms.report."""

from pathlib import Path

from orchestration.published import connect_read_only
from transforms.report import ReportTables, render_report

EVIDENCE = """
    select evidence.event_id, evidence.article_id, evidence.source_file, evidence.published,
           evidence.sentence_start, evidence.evidence, articles.title, articles.outlet as source, articles.url
    from marts.fct_event_evidence as evidence
    left join marts.dim_article as articles using (article_id)
"""


def read_report_tables(warehouse: Path) -> ReportTables:
    with connect_read_only(warehouse) as connection:
        return ReportTables(
            events=connection.sql("select * from marts.fct_events").pl(),
            evidence=connection.sql(EVIDENCE).pl(),
            dyad_year=connection.sql("select * from marts.fct_dyad_year").pl(),
            countries=connection.sql("select iso3, name from marts.dim_country").pl(),
            calibration=connection.sql("select bin, predicted, observed, events from reference.confidence_calibration").pl(),
        )


def write_report(warehouse: Path, out: Path, pair: tuple[str, str] | None = None) -> None:
    page = render_report(read_report_tables(warehouse), pair, warehouse_name=warehouse.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
