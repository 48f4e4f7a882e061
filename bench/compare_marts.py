"""Whether two warehouses hold the same marts, row for row: the check of a change meant to keep behaviour.

    python -m bench.compare_marts BEFORE.duckdb AFTER.duckdb

Build both from fresh clones (the commit before and the commit after) on the same raw folder without
corrections, then compare. Every mart of both is compared as a multiset of rows (`except all` both
ways, so order and duplicates count as SQL sees them); a mart of only one side is listed as such.
Prints one line a mart and exits 1 when any common mart differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb


def _marts(connection: duckdb.DuckDBPyConnection, catalog: str) -> set[str]:
    rows = connection.execute(
        "select table_name from information_schema.tables where table_catalog = ? and table_schema = 'marts'", [catalog]
    ).fetchall()
    return {name for (name,) in rows}


def compare(before: Path, after: Path) -> list[tuple[str, str]]:
    """(mart, verdict) for every mart of either warehouse, in name order."""
    connection = duckdb.connect()
    connection.execute(f"attach '{before}' as before (read_only)")
    connection.execute(f"attach '{after}' as after (read_only)")
    before_marts, after_marts = _marts(connection, "before"), _marts(connection, "after")
    verdicts = []
    for mart in sorted(before_marts | after_marts):
        if mart not in after_marts or mart not in before_marts:
            verdicts.append((mart, f"only {'before' if mart in before_marts else 'after'}"))
            continue
        rows = connection.execute(f"select count(*) from before.marts.{mart}").fetchone()[0]
        try:
            only_before, only_after = (
                connection.execute(f"select count(*) from (from {a}.marts.{mart} except all from {b}.marts.{mart})").fetchone()[0]
                for a, b in (("before", "after"), ("after", "before"))
            )
        except duckdb.Error as error:  # other columns or types
            verdicts.append((mart, f"differs: {str(error).splitlines()[0]}"))
            continue
        same = not only_before and not only_after
        verdicts.append((mart, f"same ({rows} rows)" if same else f"differs: {only_before} rows only before, {only_after} only after"))
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    verdicts = compare(args.before, args.after)
    for mart, verdict in verdicts:
        print(f"{mart:28} {verdict}")
    return 1 if any(verdict.startswith("differs") for _, verdict in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
