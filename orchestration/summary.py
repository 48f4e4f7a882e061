"""What `entente run` prints at its end, and where it keeps its log: read without starting Dagster.

A rerun with nothing new (orchestration/run_inputs.py) prints the same summary as a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from orchestration.published import connect_read_only
from transforms.schemas import EVENT_TYPES

LOG_FILES_KEPT = 20
QUERY_EXAMPLE = 'entente query "select * from marts.fct_dyad_year order by year desc"'


def new_log_file(folder: Path) -> Path:
    """A new file for this run's log in `folder`; the oldest beyond LOG_FILES_KEPT are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.glob("entente-run-*.log"))[: -(LOG_FILES_KEPT - 1) or None]:
        old.unlink(missing_ok=True)
    return folder / f"entente-run-{datetime.now(UTC):%Y%m%d-%H%M%S-%f}.log"


@dataclass(frozen=True)
class RunSummary:
    """What the published warehouse holds after a run: the figures of the summary `entente run` prints."""

    articles: int
    quarantined: dict[str, int]  # inputs by reason
    events: dict[str, int]  # by event type
    corrections: int  # rows of the corrections file that applied (ENTENTE_CORRECTIONS)
    unapplied: int  # rows that changed nothing (marts.corrections_unapplied)

    @classmethod
    def of_warehouse(cls, warehouse: str) -> RunSummary:
        with connect_read_only(warehouse) as connection:
            articles = connection.execute("select count(*) from marts.dim_article").fetchone()[0]
            quarantined = connection.execute("select reason, count(*) from marts.quarantine group by reason order by 2 desc, 1").fetchall()
            events = connection.execute("select event_type, count(*) from marts.fct_events group by event_type").fetchall()
            applied = connection.execute(
                "select count(*) from raw.corrections where line not in (select line from marts.corrections_unapplied)"
            ).fetchone()[0]
            unapplied = connection.execute("select count(*) from marts.corrections_unapplied").fetchone()[0]
        return cls(articles, dict(quarantined), dict(events), applied, unapplied)

    def lines(self, outcome: str, warehouse: str, log_file: Path, seconds: float) -> list[str]:
        quarantined = sum(self.quarantined.values())
        reasons = ", ".join(f"{n} {reason}" for reason, n in self.quarantined.items())
        by_type = ", ".join(f"{self.events.get(kind, 0)} {kind}s" for kind in EVENT_TYPES)
        return [
            f"{outcome} in {seconds:.0f} s.",
            f"  articles     {self.articles}",
            f"  quarantined  {quarantined} input{'' if quarantined == 1 else 's'}" + (f": {reasons}" if reasons else ""),
            f"  events       {sum(self.events.values())}: {by_type}",
            f"  corrections  {self.corrections} applied"
            + (f", {self.unapplied} changed nothing: select * from marts.corrections_unapplied" if self.unapplied else ""),
            f"  warehouse    {warehouse}",
            f"  query it     {QUERY_EXAMPLE}",
            f"  full log     {log_file} (--verbose prints it)",
        ]
