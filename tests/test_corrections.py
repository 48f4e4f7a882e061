"""Analysts' corrections: the file's rows checked line by line, and applied by dbt to every mart,
after a clean rebuild and after an incremental run with a new article."""

import shutil
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from orchestration.corrections import correction_rules
from orchestration.settings import CORRECTIONS, PROJECT_DIR
from transforms.corrections import COLUMNS, append_correction, check_corrections, read_corrections
from warehouse_builds import build_warehouse, query

HEADER = ",".join(COLUMNS) + "\n"
DYAD_YEAR_COLUMN = {"meeting": "meetings", "exercise": "exercises", "agreement": "agreements"}


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("e1,delete,,,,,", "action must be one of reject, confirm, set, add, not 'delete'"),
        ("e1,set,colour,red,,,", "field must be one of year, month, day, status, subtype, event_type, participants, not 'colour'"),
        ("e1,set,year,twenty,,,", "year must be a whole number, not 'twenty'"),
        ("e1,set,year,1850,,,", "year must be between 1900 and"),
        ("e1,set,month,13,,,", "month must be between 1 and 12, not 13"),
        ("e1,set,status,rumoured,,,", "status must be one of occurred, planned, not 'rumoured'"),
        ("e1,set,subtype,picnic,,,", "subtype must be one of"),
        ("e1,set,participants,USA;XYZ,,,", "participants: XYZ is not an ISO3 code"),
        ("e1,set,participants,USA,,,", "participants must name at least two countries"),
        (",reject,,,,,", "event_id is empty"),
        ("e1,reject,year,2020,,,", "field is only read with set, not with reject"),
        ("e1,confirm,,,,,yesterday", "reviewed_at must be an ISO date or date and time, not 'yesterday'"),
        ("e1,set,year,2019,,,yesterday", "reviewed_at must be an ISO date or date and time, not 'yesterday'"),
        ('e1,"reject, maybe",,,,,', "action must be one of reject, confirm, set, add, not 'reject, maybe'"),
        ("e1,reject", "2 fields where the header has 7"),
        ("new1,add,,,,,", "add needs the article id or URL the event comes from in value"),
        ("new1,add,,https://example.org/a,,,", "added event new1 lacks set rows for event_type, participants"),
    ],
)
def test_a_malformed_row_is_reported_with_its_line_and_reason_and_the_rest_apply(row, reason):
    text = HEADER + "good,reject,,,,ana,2026-01-02\n" + row + "\n" + "good2,set,year,2019,,,\n"
    read = check_corrections(text, correction_rules())
    assert read.valid["line"].to_list() == [2, 4]
    assert read.invalid.rows() == [(3, row, read.invalid["reason"][0])]
    assert read.invalid["reason"][0].startswith(reason)


def test_an_added_event_with_its_type_and_participants_applies_and_participants_are_one_spelling():
    text = HEADER + "new1,add,,https://example.org/a,,,\nnew1,set,event_type,exercise,,,\nnew1,set,participants, USA;PHL;USA ,,,\n"
    read = check_corrections(text, correction_rules())
    assert read.invalid.is_empty()
    assert read.valid["value"].to_list() == ["https://example.org/a", "exercise", "PHL;USA"]


def test_a_file_that_is_not_utf8_or_lacks_columns_applies_nothing_and_says_why(tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes((HEADER + "e1,reject,,,café,,\n").encode("latin-1"))
    read = read_corrections(latin, correction_rules())
    assert read.valid.is_empty() and read.invalid["reason"][0].startswith("the file is not UTF-8")
    short = check_corrections("event_id,action\ne1,reject\n", correction_rules())
    assert short.valid.is_empty()
    assert short.invalid.rows() == [(2, "e1,reject", "the header lacks field, value, note, reviewer, reviewed_at")]
    assert read_corrections(tmp_path / "absent.csv", correction_rules()).valid.is_empty()


def test_appending_writes_the_header_once_and_refuses_a_bad_value(tmp_path):
    path = tmp_path / "corrections.csv"
    assert append_correction(path, correction_rules(), event_id="e1", action="reject", note="a football match, not a drill") == 2
    assert append_correction(path, correction_rules(), event_id="e2", action="set", field="year", value="2019", reviewer="ana") == 3
    with pytest.raises(ValueError, match="XYZ is not an ISO3 code"):
        append_correction(path, correction_rules(), event_id="e2", action="set", field="participants", value="USA;XYZ")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER.strip() and len(lines) == 3
    assert lines[1].startswith('e1,reject,,,"a football match, not a drill",,20')
    assert read_corrections(path, correction_rules()).valid["event_id"].to_list() == ["e1", "e2"]


# --- applied by the build ------------------------------------------------------


def events(warehouse: Path) -> dict[str, dict]:
    rows = query(warehouse, "select event_id, event_type, status, year, participants, review from marts.fct_events")
    return {row[0]: dict(zip(("event_id", "event_type", "status", "year", "participants", "review"), row)) for row in rows}


def pairs(warehouse: Path, event_id: str) -> set[tuple[str, str]]:
    sql = f"""
        select country_a, country_b from marts.fct_meetings where event_id = '{event_id}'
        union all select country_a, country_b from marts.fct_exercises where event_id = '{event_id}'
        union all select country_a, country_b from marts.fct_agreements where event_id = '{event_id}'"""
    return set(query(warehouse, sql))


def dyad_year(warehouse: Path) -> Counter:
    """(year, a, b, column) -> count, for the occurred columns."""
    counts = Counter()
    for year, a, b, *values in query(warehouse, "select year, country_a, country_b, meetings, exercises, agreements from marts.fct_dyad_year"):
        for column, n in zip(DYAD_YEAR_COLUMN.values(), values):
            if n:
                counts[(year, a, b, column)] += n
    return counts


@pytest.fixture(scope="module")
def seed_builds(tmp_path_factory, shared_corpus, seed_build):
    """The seeds built without corrections (the session's build), then with a corrections file, then again after a
    new article arrives."""
    root = tmp_path_factory.mktemp("corrections")
    raw = root / "raw"
    shutil.copytree(PROJECT_DIR / "data" / "raw", raw)
    corrections = root / "corrections.csv"
    with pytest.MonkeyPatch.context() as monkeypatch:
        result, plain = seed_build
        assert result.success
        machine = events(plain)
        dated = sorted((event for event in machine.values() if event["year"] and event["status"] == "occurred"), key=lambda e: e["event_id"])
        rejected, moved, confirmed = dated[0], dated[1], dated[2]
        corrections.write_text(
            HEADER
            + f"{rejected['event_id']},reject,,,not a real event,ana,2026-12-07\n"
            + f"{moved['event_id']},set,year,{moved['year'] - 3},the reports date it three years earlier,ana,2026-12-07\n"
            + f"{confirmed['event_id']},confirm,,,,ana,\n"
            + "missed-1,add,,https://example.org/drill,read by hand,ana,\n"
            + "missed-1,set,event_type,exercise,,ana,\n"
            + "missed-1,set,participants,BRN;NZL;PNG,,ana,\n"
            + "missed-1,set,year,2015,,ana,\n"
            + f"{moved['event_id']},set,participants,USA;XYZ,,ana,\n"
            + "0123456789abcdef0123456789abcdef,reject,,,,ana,\n"
            + f"{confirmed['event_id']},set,subtype,{'naval' if confirmed['event_type'] != 'exercise' else 'ministers'},,ana,\n",
            encoding="utf-8",
        )
        monkeypatch.setenv(CORRECTIONS, str(corrections))
        result, corrected = build_warehouse(raw, root / "corrected")
        assert result.success
        # the incremental run publishes over the same file: the clean build's is kept aside
        clean = {"result": result, "warehouse": Path(shutil.copy(corrected, root / "clean.duckdb"))}
        new_article = shared_corpus / "dev" / "rajnath-cairo-india-egypt-mou.txt"
        shutil.copy(new_article, raw / new_article.name)
        result, incremental = build_warehouse(raw, root / "corrected")
        assert result.success
    return {"plain": plain, "clean": clean, "incremental": incremental, "rejected": rejected, "moved": moved, "confirmed": confirmed}


def expected_dyad_year(builds) -> Counter:
    """The uncorrected table, with each correction's cells moved by hand."""
    expected = dyad_year(builds["plain"])
    for event, change in ((builds["rejected"], -1), (builds["moved"], -1)):
        for a, b in pairs(builds["plain"], event["event_id"]):
            expected[(event["year"], a, b, DYAD_YEAR_COLUMN[event["event_type"]])] += change
    moved = builds["moved"]
    for a, b in pairs(builds["plain"], moved["event_id"]):
        expected[(moved["year"] - 3, a, b, DYAD_YEAR_COLUMN[moved["event_type"]])] += 1
    for a, b in combinations(["BRN", "NZL", "PNG"], 2):
        expected[(2015, a, b, "exercises")] += 1
    return +expected


@pytest.mark.parametrize("build", ["clean", "incremental"])
def test_the_marts_change_exactly_as_the_corrections_say(seed_builds, build):
    warehouse = seed_builds["clean"]["warehouse"] if build == "clean" else seed_builds["incremental"]
    plain, corrected = events(seed_builds["plain"]), events(warehouse)
    rejected, moved, confirmed = (seed_builds[name]["event_id"] for name in ("rejected", "moved", "confirmed"))
    assert rejected in plain and rejected not in corrected
    for table in ("fct_event_evidence", "fct_event_participants", "fct_meetings", "fct_exercises", "fct_agreements", "review_queue"):
        assert query(warehouse, f"select count(*) from marts.{table} where event_id = '{rejected}'") == [(0,)], table
    assert corrected[moved]["year"] == plain[moved]["year"] - 3 and corrected[moved]["review"] == "corrected"
    assert corrected[moved]["participants"] == plain[moved]["participants"], "the malformed participants row applied nothing"
    assert corrected[confirmed]["review"] == "confirmed" and corrected[confirmed]["year"] == plain[confirmed]["year"]
    added = corrected["missed-1"]
    assert (added["event_type"], added["year"], added["participants"], added["review"]) == ("exercise", 2015, ["BRN", "NZL", "PNG"], "added")
    assert query(warehouse, "select added_from, confidence from marts.fct_events where event_id = 'missed-1'") == [("https://example.org/drill", 1.0)]
    untouched = set(plain) - {rejected, moved, confirmed}
    assert all(corrected[event_id] == plain[event_id] for event_id in untouched), "every other event is as the machine read it"
    reviewed = {row[0] for row in query(warehouse, "select event_id from marts.review_queue")}
    assert not reviewed & {moved, confirmed, "missed-1"}, "reviewed events leave the queue"
    if build == "clean":
        assert dyad_year(warehouse) == expected_dyad_year(seed_builds)
    else:
        new_events = set(corrected) - set(plain) - {"missed-1"}
        assert new_events, "the new article's events arrived"
        assert dyad_year(warehouse) - dyad_year(seed_builds["plain"]) != Counter()


def test_a_correction_that_changes_nothing_is_listed_and_only_warns(seed_builds):
    warehouse = seed_builds["clean"]["warehouse"]
    unapplied = query(warehouse, "select line, event_id, reason from marts.corrections_unapplied order by line")
    confirmed = seed_builds["confirmed"]
    assert [(line, event_id) for line, event_id, _ in unapplied] == [
        (9, None), (10, "0123456789abcdef0123456789abcdef"), (11, confirmed["event_id"]),
    ]
    assert unapplied[0][2] == "participants: XYZ is not an ISO3 code"
    assert unapplied[1][2].startswith("no event 0123456789abcdef0123456789abcdef in this build")
    assert unapplied[2][2].startswith(f"subtype {'naval' if confirmed['event_type'] != 'exercise' else 'ministers'} is not a kind of {confirmed['event_type']}")
    checks = {
        evaluation.check_name: evaluation
        for evaluation in seed_builds["clean"]["result"].get_asset_check_evaluations()
    }
    warning = checks["assert_every_correction_applies"]
    assert not warning.passed and warning.severity.value == "WARN"
    assert query(warehouse, "select count(*) from marts.fct_events")[0][0] > 0, "the warehouse was published all the same"
