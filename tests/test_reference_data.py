"""Consistency of the curated reference CSVs: country aliases, non-country phrases, country codes."""

import csv
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[1]
ALIASES_CSV = ROOT / "data" / "reference" / "country_aliases.csv"
NOT_COUNTRIES_CSV = ROOT / "data" / "reference" / "not_countries.csv"
COUNTRY_CODES_CSV = ROOT / "dbt_project" / "seeds" / "country_codes.csv"

ALIAS_KINDS = {"name", "short", "demonym", "combining", "capital", "city", "force", "ministry"}
# Codes the project uses that ISO 3166-1 (and so pycountry) does not assign.
USER_ASSIGNED_ISO3 = {"XKX"}
# Countries covered beyond the COW state system (UN observers).
NON_COW_COUNTRIES = {"PSE", "VAT"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


@pytest.fixture(scope="module")
def aliases() -> list[dict[str, str]]:
    return read_rows(ALIASES_CSV)


@pytest.fixture(scope="module")
def codes() -> dict[str, dict[str, str]]:
    rows = read_rows(COUNTRY_CODES_CSV)
    return {row["iso3"]: row for row in rows}


def test_headers():
    assert header(ALIASES_CSV) == ["alias", "iso3", "kind"]
    assert header(NOT_COUNTRIES_CSV) == ["phrase"]
    assert header(COUNTRY_CODES_CSV) == [
        "iso3", "iso2", "iso_numeric", "name", "cow_code", "cow_abbrev", "gw_code", "region",
    ]


def test_every_alias_row_is_complete_and_well_formed(aliases):
    for row in aliases:
        alias = row["alias"]
        assert alias and alias == alias.strip() and "  " not in alias, row
        # The matcher handles a leading article itself.
        assert not alias.lower().startswith("the "), row
        # Proper nouns only: a lowercase start would collide with ordinary words.
        assert alias[0].isupper() or alias[0].isdigit(), row
        assert row["kind"] in ALIAS_KINDS, row
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]), row


def test_no_alias_maps_to_two_countries(aliases):
    counts = Counter(row["alias"] for row in aliases)
    assert [alias for alias, n in counts.items() if n > 1] == []


def test_alias_codes_exist_in_country_codes_and_iso(aliases, codes):
    for iso3 in {row["iso3"] for row in aliases}:
        assert iso3 in codes, iso3
        assert iso3 in USER_ASSIGNED_ISO3 or pycountry.countries.get(alpha_3=iso3) is not None, iso3


def test_every_state_has_a_name_alias(aliases, codes):
    named = {row["iso3"] for row in aliases if row["kind"] == "name"}
    states = {iso3 for iso3, row in codes.items() if row["cow_code"]} | NON_COW_COUNTRIES
    assert states - named == set()


@pytest.mark.parametrize(
    ("alias", "iso3"),
    [
        ("US", "USA"), ("U.S.", "USA"), ("Washington", "USA"), ("Pentagon", "USA"),
        ("UK", "GBR"), ("Britain", "GBR"), ("Royal Navy", "GBR"),
        ("Korea", "KOR"), ("ROK", "KOR"), ("S. Korea", "KOR"),
        ("DPRK", "PRK"), ("N Korea", "PRK"), ("Pyongyang", "PRK"),
        ("Viet Nam", "VNM"), ("Vietnamese", "VNM"), ("Da Nang", "VNM"), ("Cam Ranh", "VNM"),
        ("Burma", "MMR"), ("Holland", "NLD"), ("Taipei", "TWN"), ("Chinese Taipei", "TWN"),
        ("PLA", "CHN"), ("JMSDF", "JPN"), ("Emirati", "ARE"), ("Filipino", "PHL"),
        ("Royal Navy of Oman", "OMN"), ("Kosovo", "XKX"),
    ],
)
def test_alias_spot_checks(aliases, alias, iso3):
    assert {row["alias"]: row["iso3"] for row in aliases}[alias] == iso3


@pytest.mark.parametrize(
    "ambiguous",
    [
        "Congo", "Congolese", "AFP", "Brussels", "Ministry of Defence", "Darwin", "Sofia", "Santiago",
        "Victoria", "Kingston", "Georgetown", "Male", "Emirates", "IAF", "RSAF", "PAF", "SAF", "ADF",
    ],
)
def test_ambiguous_words_are_not_aliases(aliases, ambiguous):
    assert ambiguous not in {row["alias"] for row in aliases}


def test_not_country_phrases_each_contain_an_alias(aliases):
    """A phrase is only worth listing if the matcher would otherwise read a country in it."""
    # a combining form ("Indo-") is followed by a word: only its start must be a word boundary
    alias_patterns = [
        re.compile(rf"(?<!\w){re.escape(row['alias'])}" + ("" if row["alias"].endswith("-") else r"(?!\w)")) for row in aliases
    ]
    alias_set = {row["alias"] for row in aliases}
    phrases = [row["phrase"] for row in read_rows(NOT_COUNTRIES_CSV)]
    assert len(phrases) == len(set(phrases))
    for phrase in phrases:
        assert phrase not in alias_set, phrase
        assert any(pattern.search(phrase) for pattern in alias_patterns), phrase


def test_country_codes_are_unique_and_well_formed(codes):
    rows = read_rows(COUNTRY_CODES_CSV)
    assert len(rows) == len(codes)
    cow_codes = [row["cow_code"] for row in rows if row["cow_code"]]
    assert len(cow_codes) == len(set(cow_codes))
    cow_abbrevs = [row["cow_abbrev"] for row in rows if row["cow_abbrev"]]
    assert len(cow_abbrevs) == len(set(cow_abbrevs))
    for row in rows:
        assert row["name"] and row["region"], row
        assert re.fullmatch(r"[A-Z]{2}", row["iso2"]), row
        assert row["iso_numeric"] == "" or re.fullmatch(r"\d{3}", row["iso_numeric"]), row
        assert bool(row["cow_code"]) == bool(row["cow_abbrev"]) == bool(row["gw_code"]), row


def test_country_codes_cover_pycountry(codes):
    for country in pycountry.countries:
        row = codes[country.alpha_3]
        assert (row["iso2"], row["iso_numeric"]) == (country.alpha_2, country.numeric)


@pytest.mark.parametrize(
    ("iso3", "cow_code", "cow_abbrev", "gw_code"),
    [
        ("VNM", "816", "DRV", "816"),
        ("KOR", "732", "ROK", "732"),
        ("PRK", "731", "PRK", "731"),
        ("USA", "2", "USA", "2"),
        ("DEU", "255", "GMY", "260"),
        ("YEM", "679", "YEM", "678"),
        ("SRB", "345", "YUG", "340"),
        ("TWN", "713", "TAW", "713"),
        ("XKX", "347", "KOS", "347"),
        ("GBR", "200", "UKG", "200"),
        # COW abbreviates Romania ROM; RUM is Gleditsch-Ward's abbreviation
        ("ROU", "360", "ROM", "360"),
    ],
)
def test_state_code_spot_checks(codes, iso3, cow_code, cow_abbrev, gw_code):
    row = codes[iso3]
    assert (row["cow_code"], row["cow_abbrev"], row["gw_code"]) == (cow_code, cow_abbrev, gw_code)


def test_common_names_and_missing_numeric(codes):
    assert codes["KOR"]["name"] == "South Korea"
    assert codes["VNM"]["name"] == "Vietnam"
    assert codes["TWN"]["name"] == "Taiwan"
    assert codes["XKX"]["iso_numeric"] == ""
    assert codes["PSE"]["cow_code"] == ""


OFFICE_HOLDERS_CSV = ROOT / "data" / "reference" / "office_holders.csv"
OFFICES = {"head_of_state", "head_of_government", "defence_minister", "foreign_minister", "military_chief", "national_security_adviser"}


def test_office_holders_are_well_formed(codes):
    """Every row names a person, a country the seed knows, an office and a term that ends after it begins."""
    assert header(OFFICE_HOLDERS_CSV) == ["name", "iso3", "office", "start_year", "end_year"]
    known = set(codes)
    for row in read_rows(OFFICE_HOLDERS_CSV):
        assert row["name"].strip() == row["name"] and len(row["name"].split()) >= 1, row
        assert row["iso3"] in known, row
        assert row["office"] in OFFICES, row
        assert re.fullmatch(r"(19|20)\d\d", row["start_year"]), row
        assert row["end_year"] == "" or int(row["end_year"]) >= int(row["start_year"]), row


@pytest.mark.parametrize("name, iso3", [("Narendra Modi", "IND"), ("Antony Blinken", "USA"), ("Recep Tayyip Erdoğan", "TUR")])
def test_office_holder_spot_checks(name, iso3):
    from transforms.nlp import name_key, office_holders

    assert office_holders()[name_key(name)].iso3 == iso3


def test_a_name_held_in_two_countries_tells_nothing():
    from transforms.nlp import name_key, office_holders

    assert name_key("Charles III") not in office_holders()


GROUPS_CSV = ROOT / "data" / "reference" / "country_groups.csv"


def test_country_groups_are_small_closed_groups_of_known_countries(codes):
    """Each group names two to ten members the country seed knows; an alias names one group."""
    assert header(GROUPS_CSV) == ["alias", "group", "members"]
    rows = read_rows(GROUPS_CSV)
    assert len({row["alias"] for row in rows}) == len(rows)
    for row in rows:
        members = row["members"].split(";")
        assert 2 <= len(members) <= 10 and set(members) <= set(codes), row
