"""`dbt build` of dbt_project/ on a small warehouse of hand-written raw rows.

Runs the real dbt (models, seeds, data tests and unit tests) in process against
a DuckDB file in tmp_path and checks the merged events in the marts.
"""

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import polars as pl
import pytest
from dbt.cli.main import dbtRunner

from transforms.schemas import ARTICLES, EVENT_MENTIONS, QUARANTINE

DBT_PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"

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
    frames = {"articles": article_frame(), "event_mentions": mentions, "quarantine": quarantine_frame()}
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw")
        for table, frame in frames.items():
            con.register("frame", frame)
            con.execute(f"create table raw.{table} as select * from frame")
            con.unregister("frame")


def dbt_build(tmp_path: Path):
    return dbtRunner().invoke([
        "build",
        "--project-dir", str(DBT_PROJECT_DIR),
        "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(tmp_path / "target"),
        "--log-path", str(tmp_path / "logs"),
    ])


def query(path: Path, sql: str) -> list[tuple]:
    # not read_only: dbt-duckdb keeps its database instance open in this process,
    # and DuckDB only shares an instance with connections of the same configuration
    with duckdb.connect(str(path)) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def built_warehouse(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("dbt_build")
    warehouse = tmp_path / "warehouse.build.duckdb"
    write_raw_warehouse(warehouse, mention_frame(MENTION_ROWS))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("ENTENTE_BUILD_WAREHOUSE", str(warehouse))
        result = dbt_build(tmp_path)
    assert result.exception is None, result.exception
    failures = [r.node.unique_id for r in result.result if r.status not in ("success", "pass")]
    assert result.success, failures
    return warehouse


def test_build_creates_schemas_named_exactly(built_warehouse):
    tables = set(query(built_warehouse, "select table_schema, table_name from information_schema.tables"))
    assert {
        ("staging", "stg_raw__event_mentions"),
        ("intermediate", "int_events_merged"),
        ("marts", "fct_meetings"),
        ("marts", "fct_exercises"),
        ("marts", "fct_agreements"),
        ("marts", "fct_dyad_year"),
        ("marts", "dim_country"),
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
    rows = query(built_warehouse, """
        select event_mention_id, source_file from marts.fct_event_evidence order by event_mention_id
    """)
    sources = {article_id: source_file for article_id, source_file, _, _ in ARTICLE_ROWS}
    assert rows == [(row[0], sources[row[1]]) for row in MENTION_ROWS]


def test_unknown_country_code_fails_the_build(tmp_path, monkeypatch):
    unknown = ("em1", "a1", "meeting", "call", "occurred", 2019, 5, 10, ["JPN", "ZZZ"], None, None,
               "The minister spoke by phone with a counterpart.")
    warehouse = tmp_path / "warehouse.build.duckdb"
    write_raw_warehouse(warehouse, mention_frame([unknown]))
    monkeypatch.setenv("ENTENTE_BUILD_WAREHOUSE", str(warehouse))
    result = dbt_build(tmp_path)
    assert not result.success
    failed = {r.node.unique_id for r in result.result if r.status == "fail"}
    assert any(test.startswith("test.entente.relationships_fct_meetings_country_b") for test in failed), failed
