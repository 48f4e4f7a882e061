"""Tests of transforms/extract/scope.py, on sentences written for them and read by the real pipeline: whether a
trigger names an event of the kinds events.md counts (not a generic statement, a civilian field, sport, a port call)."""

import polars as pl
import pytest

from reading import PUBLISHED, events, read, trigger
from transforms.extract.scope import trigger_is_event


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("North Korean troops held their own war games near the South Korean border.", "war games"),
        ("Azerbaijan staged its own war games near the Armenian border on Monday.", "war games"),
    ],
)
def test_a_countrys_own_drill_is_no_exercise(nlp, text, word):
    assert not trigger_is_event(trigger(nlp(text), word))
    assert read(nlp, text).height == 0


def test_exercises_of_their_own_are_no_exercise(nlp):
    text = "Belarusian troops held exercises of their own near the Polish border on Monday."
    assert not trigger_is_event(trigger(nlp(text), "exercises"))
    assert read(nlp, text).height == 0


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Russian warships made a call in Havana on Wednesday.", "call"),
        ("Indian warships made a port call in Oman on Monday.", "call"),
        ("Two Chinese destroyers visited Cambodia's Ream port on Monday.", "visited"),
    ],
)
def test_a_port_call_is_no_meeting(nlp, text, word):
    assert not trigger_is_event(trigger(nlp(text), word))
    assert read(nlp, text).height == 0


@pytest.mark.parametrize(
    "text",
    [
        "Investors in Jakarta and Kuala Lumpur are watching the central bank's policy meeting next week.",
        "Indonesia and Malaysia held trade talks in Jakarta on Monday.",
    ],
)
def test_a_meeting_its_modifiers_put_in_a_civilian_field_is_no_meeting(nlp, text):
    assert events(nlp, text) == set()


def test_a_summit_that_discussed_civilian_matters_is_still_a_meeting(nlp):
    text = "The Indonesian and Malaysian leaders held a summit in Jakarta on Monday on trade, energy and migration."
    assert events(nlp, text) == {("meeting", "IDN", "MYS", 2024, "occurred")}


def test_a_football_friendly_is_no_meeting(nlp):
    assert read(nlp, "The national football teams of Brazil and Argentina met in a friendly in Miami on Tuesday.").height == 0


@pytest.mark.parametrize(
    "text",
    [
        "Thailand and Cambodia last held joint border patrols in 2011.",
        "The Thai and Cambodian navies held their 35th coordinated patrol in 2011.",
    ],
)
def test_joint_and_coordinated_patrols_are_exercises(nlp, text):
    assert events(nlp, text) == {("exercise", "KHM", "THA", 2011, "occurred")}


@pytest.mark.parametrize(
    "text",
    [
        "The Thai defence minister and the US commander discussed the schedule of bilateral drills for the year.",
        "The chiefs of the Indian and Egyptian air forces discussed training and joint exercises in Cairo.",
    ],
)
def test_drills_a_meeting_discusses_are_its_topic(nlp, text):
    assert not any(row[0] == "exercise" for row in events(nlp, text))


def test_an_instruments_word_in_the_name_of_a_body_is_no_agreement(nlp):
    text = "Armenia and Russia are members of the Collective Security Treaty Organization, which Yerevan may leave."
    assert not any(row[0] == "agreement" for row in events(nlp, text))


def test_being_in_talks_is_negotiating_not_meeting(nlp):
    text = "Armenia said on Monday it is in talks with France on air defence systems."
    assert not any(row[0] == "meeting" for row in events(nlp, text))


def test_a_country_that_sent_no_troops_lists_no_participants(nlp):
    text = (
        "Armenian and American troops began a joint exercise near Yerevan on Monday.\n"
        "Earlier this month Armenia sent no troops to the CSTO drills in Belarus, where forces from Russia, "
        "Belarus and Kazakhstan practised a joint counter-offensive."
    )
    found = events(nlp, text)
    assert ("exercise", "ARM", "USA", 2024, "occurred") in found
    assert ("exercise", "BLR", "RUS", 2024, "occurred") in found
    assert not any("USA" in row and ("RUS" in row or "BLR" in row) for row in found)


def test_a_statement_of_intent_is_a_letter_of_intent(nlp):
    text = "The defence ministers of Norway, Sweden and Finland met in Oslo on Tuesday and signed a statement of intent on operational cooperation."
    found = read(nlp, text)
    assert set(found.filter(pl.col("event_type") == "agreement")["subtype"]) == {"loi"}
    assert set(found.filter(pl.col("event_type") == "agreement")["participants"].to_list()[0]) == {"NOR", "SWE", "FIN"}


def test_a_purely_national_drill_is_no_exercise(nlp):
    text = "Norwegian officials said the missile firings off Vesteralen were a purely Russian drill."
    assert not any(row[0] == "exercise" for row in events(nlp, text))


def test_a_name_tagged_as_an_organisation_that_ends_with_exercise_is_an_exercise(nlp):
    text = "The Arctic Challenge Exercise was first held in 2013 between the three Nordic air forces of Norway, Sweden and Finland."
    assert ("exercise", "FIN", "NOR", 2013, "occurred") in events(nlp, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("During the visit the two governments of Japan and the Philippines exchanged notes on coastal radars on Monday.", ("JPN", "PHL")),
        ("Japan and the Philippines concluded terms of reference for disaster relief operations in February.", ("JPN", "PHL")),
        ("Japan already has reciprocal access pacts with Australia, signed in January 2022.", ("AUS", "JPN")),
    ],
)
def test_instruments_by_other_names_and_pacts_held_since_a_signing(nlp, text, expected):
    assert {row[1:3] for row in events(nlp, text) if row[0] == "agreement"} == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "The US adviser reaffirmed Washington's commitments to the Philippines under the allies' defense treaty.",
        "Japan and the Philippines signed a pact that will allow each country to send troops to the other for joint exercises.",
    ],
)
def test_an_instrument_in_force_and_what_a_pact_allows_are_no_new_events(nlp, text):
    assert not any(row[0] == "agreement" and row[3] is None for row in events(nlp, text))
    assert not any(row[0] == "exercise" for row in events(nlp, text))
    assert not any(row[0] == "agreement" for row in events(nlp, text)) or "signed" in text


def test_a_visit_to_the_troops_is_no_meeting(nlp):
    text = "Norway's defence minister and the US ambassador are expected to visit the troops in Bardufoss later this week."
    assert not any(row[0] == "meeting" for row in events(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        "Dutch and German manoeuvre brigades now operate within German divisions.",
        "Dutch and German troops used the exercise area at Bergen on Monday.",
    ],
)
def test_an_exercise_word_that_qualifies_another_thing_is_no_event(nlp, text):
    assert events(nlp, text) == set()


def test_an_exercise_word_before_series_or_phase_still_tells_exercises(nlp):
    assert events(nlp, "The Dutch and German exercise series ended on Friday.") == {("exercise", "DEU", "NLD", 2024, "occurred")}


def test_a_courtesy_call_on_a_leader_in_a_city_is_a_meeting(nlp):
    text = "Indonesia's defence minister paid a courtesy call on Malaysian Prime Minister Anwar Ibrahim in Putrajaya on Monday."
    assert events(nlp, text) == {("meeting", "IDN", "MYS", 2024, "occurred")}


def test_the_summit_on_whose_sidelines_a_meeting_is_held_is_no_meeting_of_its_countries(nlp):
    text = (
        "On the sidelines of the NATO summit in The Hague, Turkish President Erdogan met separately with the leaders "
        "of Sweden, Finland and Greece on Tuesday."
    )
    assert {row[1:3] for row in events(nlp, text)} == {("FIN", "TUR"), ("GRC", "TUR"), ("SWE", "TUR")}


def test_bilateral_talks_with_two_counterparts_are_two_meetings(nlp):
    text = "Malaysia's defence minister held bilateral talks with his Vietnamese and Philippine counterparts on Monday."
    assert {row[1:3] for row in events(nlp, text)} == {("MYS", "PHL"), ("MYS", "VNM")}


def test_a_summit_attended_by_presidents_is_theirs_and_the_hosts(nlp):
    text = "Kenyan President William Ruto hosted a regional security summit in Nairobi on Monday attended by the presidents of Uganda and Rwanda."
    assert {row[1:3] for row in events(nlp, text)} == {("KEN", "RWA"), ("KEN", "UGA"), ("RWA", "UGA")}


def test_a_five_way_session_with_counterparts_is_a_meeting(nlp):
    text = "The Danish defence minister held a three-way session with his Finnish and Norwegian counterparts in Oslo on Monday."
    assert {row[1:3] for row in events(nlp, text)} == {("DNK", "FIN"), ("DNK", "NOR"), ("FIN", "NOR")}


def test_agreements_in_force_told_in_the_plural_are_no_signing(nlp):
    text = (
        "The bilateral defence cooperation agreements of the United States with Norway, Sweden and Finland now give "
        "American forces access to thirty installations."
    )
    assert events(nlp, text) == set()
    assert events(nlp, "Agreements on maritime security were also signed by Vietnam and India.") == {
        ("agreement", "IND", "VNM", 2024, "occurred")
    }


def test_drills_an_exercise_includes_are_parts_of_it(nlp):
    text = (
        "Ghanaian and Nigerian warships will conduct a joint patrol exercise in the Gulf of Guinea in May, "
        "including boarding drills and a live-fire exercise."
    )
    assert {row[4] for row in events(nlp, text) if row[0] == "exercise"} == {"planned"}


def test_drills_a_visits_programme_included_are_parts_of_it(nlp):
    """What a verb says something included is a part of it, an exercise or not."""
    text = "The Indian defence minister visited Hanoi on Friday; the programme included joint drills with Vietnamese sailors."
    assert not {row for row in events(nlp, text) if row[0] == "exercise"}


def test_a_counted_plural_the_sentence_names_one_by_one_is_no_event_of_its_own(nlp):
    text = (
        "The commanders named two upcoming exercises as milestones: the Arctic Challenge Exercise, which Finland, "
        "Sweden and Norway will co-host from May 29 to June 9, and the Nordic Response exercise, which Norway "
        "will lead next year with Finnish and Swedish forces."
    )
    assert None not in {row[3] for row in events(nlp, text)}


def test_a_plan_of_military_cooperation_is_an_agreement_and_the_three_are_the_group_told(nlp):
    text = (
        "The defence ministers of Greece, Cyprus and Israel met in Nicosia on Tuesday. The three signed a programme "
        "of military cooperation for the next two years."
    )
    agreements = {row for row in events(nlp, text) if row[0] == "agreement"}
    assert {(row[1], row[2]) for row in agreements} == {("CYP", "GRC"), ("CYP", "ISR"), ("GRC", "ISR")}


def test_a_call_dated_in_a_month_is_no_port_call(nlp):
    text = "Xi Jinping and Vladimir Putin issued a joint statement after a video call in June 2021."
    assert ("meeting", "CHN", "RUS", 2021, "occurred") in events(nlp, text)


@pytest.mark.parametrize(
    "text, pair",
    [
        pytest.param("Special forces from Jordan and Pakistan carried out a joint counter-terrorism training in Amman.", ("JOR", "PAK"), id="joint counter-terrorism training"),
        pytest.param("Georgian and American soldiers started a multinational training at the Vaziani base on Monday.", ("GEO", "USA"), id="multinational training"),
        pytest.param("Tanzania and Mozambique agreed in an exchange of letters to extend the deployment.", ("MOZ", "TZA"), id="an exchange of letters"),
    ],
)
def test_more_ways_of_telling_a_training_or_an_instrument(nlp, text, pair):
    assert pair in {(row[1], row[2]) for row in events(nlp, text)}


def test_a_defence_deal_is_an_agreement_and_an_arms_deal_is_not(nlp):
    assert ("agreement", "KEN", "SOM", PUBLISHED.year, "occurred") in events(
        nlp, "The Kenyan and Somali defence ministers inked a defence cooperation deal on Monday."
    )
    assert not events(nlp, "India and France signed an arms deal for 26 Rafale jets on Monday.")


def test_drills_an_instrument_provides_for_are_its_topic_and_a_framework_for_cooperation_an_instrument(nlp):
    found = events(nlp, "On Tuesday the defence ministers of Uganda and Rwanda signed a memorandum on joint border patrols.")
    assert found == {("agreement", "RWA", "UGA", PUBLISHED.year, "occurred")}
    assert ("agreement", "ETH", "KEN", PUBLISHED.year, "occurred") in events(
        nlp, "Kenya and Ethiopia signed a framework for military cooperation in Addis Ababa on Monday."
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The minister said that countries routinely exercise with their friends.", id="countries exercise"),
        pytest.param("Kenyan officers said armies train together to build trust.", id="armies train"),
    ],
)
def test_a_generic_statement_is_no_event(nlp, text):
    assert not {row for row in events(nlp, text) if row[0] == "exercise"}


def test_a_generic_statement_keeps_the_events_of_its_sentence(nlp):
    text = "Chile hosted Peruvian Defence Minister Walter Astudillo for talks in Santiago on Monday, and said that navies exercise with their neighbours."
    assert events(nlp, text) == {("meeting", "CHL", "PER", PUBLISHED.year, "occurred")}


def test_a_memorandum_of_agreement_is_one_instrument(nlp):
    text = "Ghana and Togo signed the Border Security Memorandum of Agreement in Lomé on Tuesday."
    assert len(read(nlp, text)) == 1
    assert events(nlp, text) == {("agreement", "GHA", "TGO", PUBLISHED.year, "occurred")}


def test_conjoined_instruments_share_their_civilian_field(nlp):
    text = "Ghana and Togo also signed 12 agreements and memoranda on trade, tourism, farming and health on Tuesday."
    assert not events(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile and Peru inked a deal on Tuesday allowing their coast guards to share vessel tracking data.",
         ("agreement", "CHL", "PER", 2024, "occurred")),
        ("Kenya and Somalia struck a deal on border security last week.", ("agreement", "KEN", "SOM", 2024, "occurred")),
        ("Under the 2019 defence deal, Qatar and Turkey train together.", ("agreement", "QAT", "TUR", 2019, "occurred")),
    ],
)
def test_a_deal_concluded_between_countries_is_an_agreement(nlp, text, expected):
    assert expected in events(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "India signed a $3 billion deal with France for 26 Rafale Marine jets on Monday.",
        "Poland sealed a deal with South Korea on Friday to buy 180 tanks.",
        "Greece and France signed a defence deal worth 3 billion euros in September 2021.",
        "A government-to-government deal signed in 2017 between Thailand and China for a submarine has stalled.",
        "Talks between Armenia and India on a possible deal continue.",  # no deal concluded: no instrument
    ],
)
def test_a_purchase_of_arms_or_a_deal_not_concluded_is_no_agreement(nlp, text):
    assert not {event for event in events(nlp, text) if event[0] == "agreement"}


def test_patrols_a_memorandum_of_understanding_provides_for_are_its_topic(nlp):
    text = "Accra and Abidjan intend to sign a memorandum of understanding on coordinated border patrols before the end of the year."
    assert events(nlp, text) == {("agreement", "CIV", "GHA", 2024, "planned")}


@pytest.mark.parametrize(
    "text",
    ["The navies of India and France drill often.", "The defence ministers of India and France meet regularly."],
)
def test_a_habit_told_in_the_present_is_no_event(nlp, text):
    assert events(nlp, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Indian warships called at Jeddah and Dubai in January, port visits officers describe as presence missions rather than exercises.",
        "There has been talk in Delhi of a trilateral India-France-UAE naval exercise, but no dates have been agreed.",
    ],
)
def test_what_something_is_not_or_a_talked_of_drill_is_no_exercise(nlp, text):
    assert {event for event in events(nlp, text) if event[0] == "exercise"} == set()
