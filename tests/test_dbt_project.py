"""`dbt build` of dbt_project/ on a small warehouse of hand-written raw rows.

Over 400 lines on purpose: every test reads the one dbt build of the module's hand-written rows.

Runs the real dbt CLI (models, seeds, data tests and unit tests, then docs and
source freshness) against a DuckDB file in a temporary folder, checks the merged
events in the marts, and checks the catalog: every model and column described,
contracts and enforced key constraints on the marts, tests of every reference.
"""

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from orchestration.definitions import defs
from transforms.corrections import CORRECTIONS, INVALID_CORRECTIONS
from transforms.schemas import ARTICLES, EVENT_MENTIONS, QUARANTINE

pytestmark = pytest.mark.end_to_end  # every test here builds a warehouse or runs entente, dbt or a browser


DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
WAREHOUSE_FILE = "warehouse.build.duckdb"

ARTICLE_ROWS = [
    # article_id, source_file, record_id, published
    ("a1", "news/talks.txt", None, dt.date(2019, 5, 11)),
    ("a2", "news/talks-followup.html", None, dt.date(2019, 5, 12)),
    ("a3", "feeds/wire.jsonl", "r7", dt.date(2019, 12, 1)),
    ("a4", "feeds/wire.jsonl", "r8", None),
]

# (event_mention_id, article_id, type, subtype, status, year, month, day,
#  participants, place, place country, evidence)
MENTION_ROWS = [
    # one ministers' meeting reported by two articles
    ("em1", "a1", "meeting", "ministers", "occurred", 2019, 5, 10, ["JPN", "VNM"], "Hanoi", "VNM",
     "The defence ministers of Japan and Vietnam met in Hanoi on Friday."),
    ("em2", "a2", "meeting", "ministers", "occurred", 2019, 5, 10, ["JPN", "VNM"], None, None,
     "Vietnam's defence minister held talks with his Japanese counterpart on May 10."),
    # a historical year-only exercise and the dated report of the same exercise
    ("em3", "a1", "exercise", "sar", "occurred", 2007, None, None, ["JPN", "VNM"], None, None,
     "The two navies first trained together in a rescue drill in 2007."),
    ("em4", "a3", "exercise", "naval", "occurred", 2007, 9, 12, ["JPN", "VNM"], None, None,
     "On 12 September 2007 Japanese and Vietnamese ships held a joint exercise."),
    # a trilateral exercise: three pair rows
    ("em5", "a3", "exercise", "naval", "occurred", 2019, 11, None, ["AUS", "JPN", "USA"], None, None,
     "Australian, Japanese and US warships drilled together in November."),
    # two different instruments signed the same day stay two agreements
    ("em6", "a1", "agreement", "mou", "occurred", 2019, 5, 10, ["JPN", "VNM"], None, None,
     "They signed a memorandum of understanding on defence industry cooperation."),
    ("em7", "a1", "agreement", "joint_statement", "occurred", 2019, 5, 10, ["JPN", "VNM"], None, None,
     "The ministers also issued a joint statement."),
    # a planned summit
    ("em8", "a3", "meeting", "leaders", "planned", 2020, None, None, ["IND", "JPN"], None, None,
     "The leaders of India and Japan will meet next year."),
    # a planned meeting without a year: in the fact table, not in fct_dyad_year
    ("em9", "a4", "meeting", "officials", "planned", None, None, None, ["KOR", "USA"], None, None,
     "Officials from Seoul and Washington are to hold talks."),
    # a pair with a country outside the COW state system: in fct_dyad_year, not in fct_dyad_year_cow
    ("em10", "a3", "meeting", "officials", "occurred", 2019, 11, 20, ["JPN", "PSE"], "Ramallah", "PSE",
     "Japanese officials met Palestinian representatives in Ramallah on 20 November."),
]


def mention_frame(rows) -> pl.DataFrame:
    """One row per mention and country pair, as the extractor writes them."""
    records = []
    for (event_mention_id, article_id, event_type, subtype, status, year, month, day,
         participants, place, place_country, evidence) in rows:
        pairs = [(a, b) for i, a in enumerate(participants) for b in participants[i + 1:]]
        precision = "day" if day else "month" if month else "year" if year else "none"
        for country_a, country_b in pairs:
            records.append({
                "mention_id": f"{event_mention_id}-{country_a}-{country_b}",
                "article_id": article_id,
                "event_mention_id": event_mention_id,
                "event_type": event_type,
                "subtype": subtype,
                "status": status,
                "year": year,
                "month": month,
                "day": day,
                "date_source": "explicit" if year else "none",
                "date_precision": precision,
                "country_a": country_a,
                "country_b": country_b,
                "participants": participants,
                "location_place": place,
                "location_country": place_country,
                "trigger": event_type,
                "evidence": evidence,
                "sentence_start": 0,
            })
    return pl.DataFrame(records, schema=EVENT_MENTIONS)


def article_frame() -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "article_id": article_id,
                "source_file": source_file,
                "record_id": record_id,
                "url": None,
                "title": f"Article {article_id}",
                "source": "Test Wire",
                "published": published,
                "published_from": "metadata" if published else None,
                "content_hash": hashlib.sha256(article_id.encode()).hexdigest(),
                "text": "...",
            }
            for article_id, source_file, record_id, published in ARTICLE_ROWS
        ],
        schema=ARTICLES,
    )


def quarantine_frame() -> pl.DataFrame:
    return pl.DataFrame(
        [{
            "source_file": "news/empty.txt",
            "record_id": None,
            "reason": "empty",
            "detail": "The file holds no text.",
            "seen_at": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
        }],
        schema=QUARANTINE,
    )


def write_raw_warehouse(path: Path, mentions: pl.DataFrame) -> None:
    frames = {
        "articles": article_frame(), "event_mentions": mentions, "quarantine": quarantine_frame(),
        "corrections": pl.DataFrame(schema=CORRECTIONS), "corrections_invalid": pl.DataFrame(schema=INVALID_CORRECTIONS),
    }
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw")
        for table, frame in frames.items():
            con.register("frame", frame)
            con.execute(f"create table raw.{table} as select * from frame")
            con.unregister("frame")


def dbt(command: list[str], workdir: Path) -> subprocess.CompletedProcess:
    """The dbt CLI on dbt_project/ against workdir's warehouse, as `make` runs it; artifacts go to workdir/target."""
    return subprocess.run(
        [
            str(DBT), *command,
            "--project-dir", str(DBT_PROJECT_DIR),
            "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(workdir / "target"),
            "--log-path", str(workdir / "logs"),
        ],
        env={**os.environ, "ENTENTE_BUILD_WAREHOUSE": str(workdir / WAREHOUSE_FILE)},
        capture_output=True,
        text=True,
    )


def run_statuses(workdir: Path) -> dict[str, str]:
    """unique_id -> status of every node of the last dbt command run in workdir."""
    results = json.loads((workdir / "target" / "run_results.json").read_text())["results"]
    return {result["unique_id"]: result["status"] for result in results}


def artifact(workdir: Path, name: str) -> dict:
    return json.loads((workdir / "target" / name).read_text())


def query(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path:
    """A folder holding the warehouse of a passing `dbt build` and dbt's artifacts of it."""
    workdir = tmp_path_factory.mktemp("dbt_build")
    write_raw_warehouse(workdir / WAREHOUSE_FILE, mention_frame(MENTION_ROWS))
    completed = dbt(["build"], workdir)
    # exposures are documentation: dbt build passes them as no-op
    failures = {node: status for node, status in run_statuses(workdir).items() if status not in ("success", "pass", "no-op")}
    assert completed.returncode == 0 and not failures, failures or completed.stdout[-3000:]
    return workdir


@pytest.fixture(scope="module")
def built_warehouse(build_dir) -> Path:
    return build_dir / WAREHOUSE_FILE


@pytest.fixture(scope="module")
def manifest(build_dir) -> dict:
    """The manifest dbt parsed for the build."""
    return artifact(build_dir, "manifest.json")


@pytest.fixture(scope="module")
def catalog(build_dir) -> dict:
    """`dbt docs generate` over the built warehouse, as `make docs` runs it."""
    completed = dbt(["docs", "generate"], build_dir)
    assert completed.returncode == 0, completed.stdout[-3000:]
    return artifact(build_dir, "catalog.json")


def nodes_of_type(manifest: dict, *resource_types: str) -> list[dict]:
    return [node for node in manifest["nodes"].values() if node["resource_type"] in resource_types]


def marts(manifest: dict) -> list[dict]:
    return [node for node in nodes_of_type(manifest, "model") if node["schema"] == "marts"]


def test_build_creates_schemas_named_exactly(built_warehouse):
    tables = set(query(built_warehouse, "select table_schema, table_name from information_schema.tables"))
    assert {
        ("staging", "stg_raw__event_mentions"),
        ("intermediate", "int_events_merged"),
        ("marts", "fct_meetings"),
        ("marts", "fct_exercises"),
        ("marts", "fct_agreements"),
        ("marts", "fct_dyad_year"),
        ("marts", "fct_dyad_year_cow"),
        ("marts", "dim_country"),
        ("marts", "dim_article"),
        ("marts", "quarantine"),
        ("reference", "country_codes"),
    } <= tables


def test_two_reports_of_one_meeting_merge(built_warehouse):
    rows = query(built_warehouse, """
        select event_id, year, month, day, status, subtype, location_place, location_country,
               n_mentions, n_articles, first_published, evidence
        from marts.fct_meetings where country_a = 'JPN' and country_b = 'VNM'
    """)
    assert len(rows) == 1
    event_id, *attributes, evidence = rows[0]
    assert attributes == [2019, 5, 10, "occurred", "ministers", "Hanoi", "VNM", 2, 2, dt.date(2019, 5, 11)]
    # evidence of both articles, the earlier article first
    assert evidence.split("\n") == [MENTION_ROWS[0][-1], MENTION_ROWS[1][-1]]
    # the id depends on the event only, not on the run
    assert event_id == hashlib.md5(b"meeting|JPN,VNM|working|2019|5|10|").hexdigest()


def test_year_only_mention_merges_into_dated_exercise(built_warehouse):
    rows = query(built_warehouse, """
        select year, month, day, n_mentions, n_articles
        from marts.fct_exercises where country_a = 'JPN' and country_b = 'VNM'
    """)
    assert rows == [(2007, 9, 12, 2, 2)]


def test_trilateral_exercise_gives_one_row_per_pair(built_warehouse):
    rows = query(built_warehouse, """
        select country_a, country_b, n_participants, count(*) over (partition by event_id)
        from marts.fct_exercises where year = 2019 order by country_a, country_b
    """)
    assert rows == [("AUS", "JPN", 3, 3), ("AUS", "USA", 3, 3), ("JPN", "USA", 3, 3)]
    participants = query(built_warehouse, """
        select list(iso3 order by iso3) from marts.fct_event_participants p
        join marts.fct_events e using (event_id) where e.event_type = 'exercise' and e.year = 2019
    """)
    assert participants == [(["AUS", "JPN", "USA"],)]


def test_different_instruments_on_one_day_stay_apart(built_warehouse):
    rows = query(built_warehouse, "select subtype from marts.fct_agreements order by subtype")
    assert rows == [("joint_statement",), ("mou",)]


def test_dyad_year_counts(built_warehouse):
    rows = query(built_warehouse, """
        select year, country_a, country_b, meetings, exercises, agreements,
               planned_meetings, planned_exercises, planned_agreements
        from marts.fct_dyad_year order by year, country_a, country_b
    """)
    assert rows == [
        (2007, "JPN", "VNM", 0, 1, 0, 0, 0, 0),
        (2019, "AUS", "JPN", 0, 1, 0, 0, 0, 0),
        (2019, "AUS", "USA", 0, 1, 0, 0, 0, 0),
        (2019, "JPN", "PSE", 1, 0, 0, 0, 0, 0),
        (2019, "JPN", "USA", 0, 1, 0, 0, 0, 0),
        (2019, "JPN", "VNM", 1, 0, 2, 0, 0, 0),
        (2020, "IND", "JPN", 0, 0, 0, 1, 0, 0),
    ]


def test_year_less_event_is_kept_in_facts_but_not_counted(built_warehouse):
    rows = query(built_warehouse, """
        select year, status from marts.fct_meetings where country_a = 'KOR' and country_b = 'USA'
    """)
    assert rows == [(None, "planned")]


def test_evidence_mart_keeps_every_mention(built_warehouse):
    rows = query(built_warehouse, "select event_mention_id, source_file from marts.fct_event_evidence")
    sources = {article_id: source_file for article_id, source_file, _, _ in ARTICLE_ROWS}
    assert sorted(rows) == sorted((row[0], sources[row[1]]) for row in MENTION_ROWS)


def test_unknown_country_code_fails_the_build(tmp_path):
    unknown = ("em1", "a1", "meeting", "call", "occurred", 2019, 5, 10, ["JPN", "ZZZ"], None, None,
               "The minister spoke by phone with a counterpart.")
    write_raw_warehouse(tmp_path / WAREHOUSE_FILE, mention_frame([unknown]))
    completed = dbt(["build"], tmp_path)
    assert completed.returncode != 0
    failed = {node for node, status in run_statuses(tmp_path).items() if status == "fail"}
    assert any(test.startswith("test.entente.relationships_fct_meetings_country_b") for test in failed), failed


def test_dyad_year_cow_agrees_with_dyad_year(built_warehouse):
    """Row for row over the pairs whose two countries have COW codes, reordered by COW number."""
    cow = query(built_warehouse, "select * from marts.fct_dyad_year_cow order by all")
    from_iso3 = query(built_warehouse, """
        select least(a.cow_code, b.cow_code), greatest(a.cow_code, b.cow_code), d.year,
               d.meetings, d.exercises, d.agreements,
               d.planned_meetings, d.planned_exercises, d.planned_agreements
        from marts.fct_dyad_year d
        join marts.dim_country a on a.iso3 = d.country_a
        join marts.dim_country b on b.iso3 = d.country_b
        where a.cow_code is not null and b.cow_code is not null
        order by all
    """)
    assert cow == from_iso3
    # Japan 740 and the USA 2 swap places; Palestine has no COW code and its pair is left out
    assert (2, 740, 2019, 0, 1, 0, 0, 0, 0) in cow
    assert len(cow) == query(built_warehouse, "select count(*) from marts.fct_dyad_year")[0][0] - 1


# --- the catalog: descriptions, contracts, keys, docs, freshness, exposures ---

# The primary key of every mart, and the columns that point at dim_country, fct_events or dim_article.
PRIMARY_KEYS = {
    "fct_meetings": ["event_id", "country_a", "country_b"],
    "fct_exercises": ["event_id", "country_a", "country_b"],
    "fct_agreements": ["event_id", "country_a", "country_b"],
    "fct_events": ["event_id"],
    "fct_event_participants": ["event_id", "iso3"],
    "fct_event_evidence": ["event_mention_id"],
    "fct_dyad_year": ["year", "country_a", "country_b"],
    "fct_dyad_year_cow": ["ccode1", "ccode2", "year"],
    "dim_country": ["iso3"],
    "dim_article": ["article_id"],
    # an input that is not an article has no key of its own: a .jsonl file may repeat a record's id
    "quarantine": None,
    "review_queue": ["event_id"],
    "corrections_unapplied": ["line"],
}
FOREIGN_KEYS = {
    "country_a": ("dim_country", "iso3"),
    "country_b": ("dim_country", "iso3"),
    "iso3": ("dim_country", "iso3"),
    "location_country": ("dim_country", "iso3"),
    "ccode1": ("dim_country", "cow_code"),
    "ccode2": ("dim_country", "cow_code"),
    "event_id": ("fct_events", "event_id"),
    "article_id": ("dim_article", "article_id"),
}
# corrections_unapplied lists the corrections whose event_id the build does not hold.
NOT_REFERENCES = {("corrections_unapplied", "event_id")}


def test_every_model_seed_source_and_column_is_described(manifest):
    documented = nodes_of_type(manifest, "model", "seed") + list(manifest["sources"].values())
    assert len(documented) > 15
    undescribed = [node["unique_id"] for node in documented if not node["description"].strip()]
    undescribed += [
        f"{node['unique_id']}.{name}"
        for node in documented
        for name, column in node["columns"].items()
        if not column["description"].strip()
    ]
    assert undescribed == []


def test_every_built_column_is_documented(manifest, built_warehouse):
    """The YAML lists exactly the columns the build made, for every model, seed and source table."""
    relations = [(n["unique_id"], n["schema"], n["alias"], n["columns"]) for n in nodes_of_type(manifest, "model", "seed")]
    relations += [(s["unique_id"], s["schema"], s["name"], s["columns"]) for s in manifest["sources"].values()]
    mismatches = {}
    for unique_id, schema, table, columns in relations:
        built = {row[0] for row in query(built_warehouse, f"""
            select column_name from information_schema.columns
            where table_schema = '{schema}' and table_name = '{table}'""")}
        assert built, f"{unique_id} was not built"
        if built != set(columns):
            mismatches[unique_id] = {"undocumented": built - set(columns), "not built": set(columns) - built}
    assert mismatches == {}


def test_marts_enforce_contracts_with_types(manifest):
    models = marts(manifest)
    assert {node["name"] for node in models} == set(PRIMARY_KEYS)
    for node in models:
        assert node["contract"]["enforced"], node["name"]
        assert all(column["data_type"] for column in node["columns"].values()), node["name"]


def data_tests_of(manifest: dict, model: dict) -> list[dict]:
    """The name and arguments (column_name, to, field, combination_of_columns...) of every generic data test of a model."""
    return [
        {"name": test["test_metadata"]["name"], **test["test_metadata"]["kwargs"]}
        for test in nodes_of_type(manifest, "test")
        if test.get("attached_node") == model["unique_id"] and test.get("test_metadata")
    ]


def has_test(tests: list[dict], name: str, **arguments) -> bool:
    return any(test["name"] == name and all(test.get(k) == v for k, v in arguments.items()) for test in tests)


def constraints_of(model: dict) -> list[dict]:
    """Every constraint of a model; a column's with that column as its `columns`."""
    return model["constraints"] + [
        {**constraint, "columns": [name]} for name, column in model["columns"].items() for constraint in column["constraints"]
    ]


def test_every_mart_key_is_enforced_and_every_reference_tested(manifest):
    """Keys are primary key constraints, which DuckDB enforces when the mart is built (unique and not
    null); references to dim_country and fct_events, across tables, are relationships tests."""
    by_name = {node["name"]: node for node in marts(manifest)}
    missing = []
    for name, key in PRIMARY_KEYS.items():
        constraints = constraints_of(by_name[name])
        if key is not None and not any(c["type"] == "primary_key" and c["columns"] == key for c in constraints):
            missing.append(f"{name} primary key {key}")
        for column in by_name[name]["columns"]:
            if column not in FOREIGN_KEYS or FOREIGN_KEYS[column][0] == name or (name, column) in NOT_REFERENCES:
                continue
            target, field = FOREIGN_KEYS[column]
            if not has_test(data_tests_of(manifest, by_name[name]), "relationships", column_name=column, to=f"ref('{target}')", field=field):
                missing.append(f"{name}.{column} relationships to {target}.{field}")
    assert missing == []


@pytest.mark.parametrize(("statement", "refusal"), [
    ("insert into marts.fct_events (event_id, event_type, status) select event_id, event_type, status from marts.fct_events limit 1",
     "violates primary key constraint"),
    ("insert into marts.fct_events (event_id, event_type, status) values ('new', 'meeting', 'rumoured')",
     r"CHECK\(\(status IN"),
    ("insert into marts.fct_events (event_id, event_type, status) values ('new', null, 'occurred')",
     "NOT NULL constraint failed: fct_events.event_type"),
    ("update marts.fct_meetings set country_a = country_b, country_b = country_a", r"CHECK\(\(country_a < country_b\)\)"),
    ("insert into marts.dim_country (iso3, iso2, name) values ('ZZZ', 'US', 'Nowhere')", "violates unique constraint"),
], ids=["duplicate key", "unknown status", "null type", "unordered pair", "duplicate iso2"])
def test_the_built_marts_refuse_rows_that_break_their_constraints(built_warehouse, tmp_path, statement, refusal):
    copy = tmp_path / "warehouse.duckdb"
    copy.write_bytes(built_warehouse.read_bytes())
    with duckdb.connect(str(copy)) as con:
        assert con.execute("select count(*) from marts.fct_meetings").fetchone()[0] > 0
        with pytest.raises(duckdb.ConstraintException, match=refusal):
            con.execute(statement)


def test_unit_tests_cover_the_merge_and_the_dyad_years(manifest, build_dir):
    tested = {test["model"] for test in manifest["unit_tests"].values()}
    assert {"int_event_mentions_grouped", "int_event_reports", "int_events_merged",
            "int_event_country_pairs", "fct_dyad_year", "fct_dyad_year_cow"} <= tested
    # Here, not in the Dagster build (which leaves unit tests out), is where they run and pass.
    ran = {node: status for node, status in run_statuses(build_dir).items() if node.startswith("unit_test.")}
    assert set(ran) == set(manifest["unit_tests"]) and set(ran.values()) == {"pass"}


def test_published_warehouse_waits_for_every_mart(manifest):
    parents = defs.resolve_asset_graph().get(dg.AssetKey("published_warehouse")).parent_keys
    assert parents == {dg.AssetKey(["marts", node["name"]]) for node in marts(manifest)}


def test_docs_catalog_holds_the_marts_with_their_columns(catalog, manifest):
    for node in marts(manifest):
        entry = catalog["nodes"][node["unique_id"]]
        assert entry["metadata"]["schema"] == "marts"
        assert set(entry["columns"]) == set(node["columns"]), node["name"]
        assert all(column["type"] for column in entry["columns"].values())


def test_source_freshness_warns_on_old_news(build_dir):
    """The raw rows are 2019 news: freshness warns and the command still succeeds."""
    completed = dbt(["source", "freshness"], build_dir)
    assert completed.returncode == 0, completed.stdout[-3000:]
    results = {r["unique_id"]: r for r in artifact(build_dir, "sources.json")["results"]}
    assert {uid: r["status"] for uid, r in results.items()} == {
        "source.entente.raw.articles": "warn",
        "source.entente.raw.event_mentions": "warn",
    }
    assert results["source.entente.raw.articles"]["max_loaded_at"].startswith("2019-12-01")


def test_exposures_name_the_ways_people_read_the_marts(manifest):
    exposures = {e["name"]: e for e in manifest["exposures"].values()}
    assert set(exposures) == {"dagster_ui", "analyst_sql", "html_report"}
    mart_ids = {node["unique_id"] for node in marts(manifest)}
    for exposure in exposures.values():
        assert exposure["description"].strip() and set(exposure["depends_on"]["nodes"]) <= mart_ids
    report_reads = {uid.split(".")[-1] for uid in exposures["html_report"]["depends_on"]["nodes"]}
    assert {"fct_events", "fct_dyad_year", "fct_event_evidence", "fct_meetings", "fct_exercises", "fct_agreements"} <= report_reads
