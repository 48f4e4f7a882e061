"""Tests of transforms/extract/context.py, on sentences written for them and read by the real pipeline: what the
whole article tells about a sentence (its people, pronouns, the groups and countries the story is about)."""

import pytest

from reading import events, participants, read


def test_he_stands_for_the_person_the_last_sentence_was_about(nlp):
    first = "US President Joe Biden held meetings in Riyadh on Friday."
    assert read(nlp, first).height == 0  # the capital is the place; one country is no meeting
    text = f"{first} He also met Iraqi Prime Minister Mohammed Shia al-Sudani."
    assert events(nlp, text) == {("meeting", "IRQ", "USA", 2024, "occurred")}


def test_a_pronoun_reaches_across_paragraphs(nlp):
    text = (
        "New Zealand Prime Minister Christopher Luxon flew to Manila on Monday.\n"
        "He met Philippine President Ferdinand Marcos on Tuesday."
    )
    assert events(nlp, text) == {("meeting", "NZL", "PHL", 2024, "occurred")}


def test_a_surname_keeps_the_country_of_its_title(nlp):
    text = (
        "Kenyan President William Ruto arrived in Addis Ababa on Sunday.\n"
        "Ruto met Ethiopian Prime Minister Abiy Ahmed on Monday."
    )
    assert events(nlp, text) == {("meeting", "ETH", "KEN", 2024, "occurred")}


def test_a_pronoun_after_no_known_person_gives_no_country(nlp):
    text = (
        "The Saudi foreign ministry issued a statement on Friday.\n"
        "He also met Iraqi Prime Minister Mohammed Shia al-Sudani."
    )
    assert read(nlp, text).height == 0


@pytest.mark.parametrize(
    "text, pair",
    [
        ("Prime Minister Narendra Modi spoke by phone with Anthony Albanese on Thursday.", ("AUS", "IND")),
        ("Secretary of State Antony Blinken hosted Indian Foreign Minister Subrahmanyam Jaishankar for talks on Thursday.", ("IND", "USA")),
    ],
)
def test_leaders_and_ministers_named_without_their_country_are_known(nlp, text, pair):
    """The office-holders table (data/reference/office_holders.csv) tells whose a leader or minister is."""
    assert {row[:3] for row in events(nlp, text)} == {("meeting", *pair)}


def test_the_office_holders_table_settles_a_descriptor_of_two_countries(nlp):
    """"His counterparts from Japan and Australia, Yasukazu Hamada and Richard Marles": the table says whose
    each is; and a two-letter surname ("Li") is the person's too."""
    text = (
        "Austin and his counterparts from Japan and Australia, Yasukazu Hamada and Richard Marles, held talks on Saturday.\n"
        "On Sunday, Hamada met South Korean Defence Minister Lee Jong-sup."
    )
    assert ("meeting", "JPN", "KOR", 2024, "occurred") in events(nlp, text)


@pytest.mark.parametrize(
    "text, members",
    [
        ("Quad leaders met in Tokyo on Tuesday for their second in-person summit.", {"AUS", "IND", "JPN", "USA"}),
        ("The foreign ministers of the Baltic states met their Polish counterpart in Riga on Monday.", {"EST", "LTU", "LVA", "POL"}),
        ("The G5 Sahel defence ministers met in Nouakchott on Monday.", {"BFA", "MLI", "MRT", "NER", "TCD"}),
    ],
)
def test_a_small_closed_group_names_its_members(nlp, text, members):
    """data/reference/country_groups.csv: "the Quad", "the Baltic states" are their members."""
    assert participants(nlp, text) == members


def test_a_small_closed_group_is_its_members(nlp):
    text = "Defence ministers of the Five Power Defence Arrangements met in Singapore on Tuesday."
    assert participants(nlp, text) == {"AUS", "GBR", "MYS", "NZL", "SGP"}
