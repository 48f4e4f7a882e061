"""Event mentions read from sentences written for these tests, by the real spaCy pipeline."""


import polars as pl
import pytest

from reading import read
from reading import event_tuples as events
from transforms.schemas import EVENT_MENTIONS


def test_frame_has_the_contract_schema(nlp):
    frame = read(nlp, "Chilean and Peruvian defence ministers held talks in Lima on Friday.")
    assert frame.schema == pl.Schema(EVENT_MENTIONS)
    row = frame.row(0, named=True)
    assert (row["event_type"], row["country_a"], row["country_b"]) == ("meeting", "CHL", "PER")
    assert (row["year"], row["month"], row["day"], row["date_source"]) == (2024, 3, 15, "relative")
    assert row["subtype"] == "ministers"
    assert row["location_place"] == "Lima" and row["location_country"] == "PER"
    assert row["evidence"].startswith("Chilean and Peruvian")


def test_history_is_an_event_of_its_own_year(nlp):
    frame = read(nlp, "Kenya and Tanzania held their first joint naval exercise in 2009.")
    assert events(frame) == {("exercise", "KEN", "TZA", 2009, "occurred")}


def test_planned_events(nlp):
    frame = read(nlp, "Brazil and Argentina will hold a joint air exercise next year.")
    assert events(frame) == {("exercise", "ARG", "BRA", 2025, "planned")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Brazil and Argentina called off their joint air exercise.",
        "Brazil and Argentina did not sign the agreement.",
        "Brazil and Argentina could hold a joint exercise.",
        "The joint drill between Brazil and Argentina was postponed.",
    ],
)
def test_negated_cancelled_and_hypothetical_events_are_dropped(nlp, sentence):
    assert read(nlp, sentence).height == 0


def test_threats_are_no_parties(nlp):
    frame = read(nlp, "Norway and Sweden held talks on Tuesday amid growing threats from Russia.")
    assert events(frame) == {("meeting", "NOR", "SWE", 2024, "occurred")}


def test_people_keep_their_country_across_the_article(nlp):
    text = (
        "Kenyan Defence Minister Aden Duale travelled to Tanzania on Monday.\n"
        "Duale and his Tanzanian counterpart, Stergomena Tax, held talks in Dodoma on Tuesday."
    )
    assert ("meeting", "KEN", "TZA", 2024, "occurred") in events(read(nlp, text))


def test_the_two_sides_refers_to_the_pair_of_the_article(nlp):
    text = (
        "Kenya and Tanzania deepen defence ties.\n"
        "Kenyan and Tanzanian officials met in Nairobi on Monday.\n"
        "In 2012, the two sides signed a memorandum of understanding on defence cooperation."
    )
    assert ("agreement", "KEN", "TZA", 2012, "occurred") in events(read(nlp, text))


def test_first_since_implies_an_earlier_event(nlp):
    text = "The talks between the Chilean and Peruvian ministers in Lima were the first since June last year."
    assert events(read(nlp, text)) >= {("meeting", "CHL", "PER", 2024, "occurred"), ("meeting", "CHL", "PER", 2023, "occurred")}


def test_a_port_call_is_no_meeting(nlp):
    assert read(nlp, "Two Chilean frigates visited Peru in May.").height == 0


def test_places_that_meet_are_no_meeting(nlp):
    text = "A Chilean admiral said Chile sits where the Atlantic and Pacific oceans meet, a fact Peruvian planners know well."
    assert read(nlp, text).height == 0
    assert read(nlp, "The Chilean and Peruvian defence ministers meet in Lima on Friday.").height == 1


def test_a_visitor_pairs_with_each_host_not_the_hosts_together(nlp):
    frame = read(nlp, "Canadian Defence Minister Bill Blair visited Chile and Peru this week.")
    assert set(frame.select("country_a", "country_b").iter_rows()) == {("CAN", "CHL"), ("CAN", "PER")}


def test_a_multilateral_exercise_gives_every_pair(nlp):
    frame = read(nlp, "Troops from Kenya, Uganda and Rwanda began a joint field exercise on Monday.")
    assert set(frame.select("country_a", "country_b").iter_rows()) == {("KEN", "RWA"), ("KEN", "UGA"), ("RWA", "UGA")}
    assert frame["participants"].to_list()[0] == ["KEN", "RWA", "UGA"]


def test_an_agreement_signed_in_a_past_year_is_dated_by_its_own_verb(nlp):
    frame = read(nlp, "Chile and Peru agreed to expand cooperation based on a memorandum signed in October 2011.")
    assert ("agreement", "CHL", "PER", 2011, "occurred") in events(frame)


def test_ids_are_deterministic(nlp):
    text = "Chilean and Peruvian defence ministers held talks in Lima on Friday."
    assert read(nlp, text)["mention_id"].to_list() == read(nlp, text)["mention_id"].to_list()


def test_an_article_without_events_gives_an_empty_frame(nlp):
    frame = read(nlp, "The football final drew a record crowd in Melbourne.")
    assert frame.height == 0 and frame.schema == pl.Schema(EVENT_MENTIONS)


def test_a_date_in_the_agreements_own_clause_wins(nlp):
    frame = read(nlp, "A security agreement Chile and Peru signed in 1995 was torn up in 1999.")
    assert ("agreement", "CHL", "PER", 1995, "occurred") in events(frame)
    assert ("agreement", "CHL", "PER", 1999, "occurred") not in events(frame)


def test_without_an_agreement_is_no_agreement(nlp):
    assert read(nlp, "Even without a new treaty, Chile and Peru will keep up naval cooperation.").filter(
        pl.col("event_type") == "agreement"
    ).height == 0


def test_practical_arrangements_are_no_signed_instrument(nlp):
    frame = read(nlp, "Chile and Peru want to improve practical arrangements between their forces.")
    assert frame.filter(pl.col("event_type") == "agreement").height == 0


def test_visiting_forces_is_no_visit(nlp):
    frame = read(nlp, "Chile and Peru discussed a visiting forces agreement.")
    assert frame.filter(pl.col("event_type") == "meeting").height == 0


def test_countries_in_an_adverbial_clause_are_context(nlp):
    frame = read(nlp, "Chile and Peru began a naval exercise on Monday while Bolivian troops remained at the border.")
    assert set(frame.select("country_a", "country_b").iter_rows()) == {("CHL", "PER")}


def test_listed_participants_join_the_named_exercise(nlp):
    text = (
        "Exercise Southern Star, the Chilean Navy's largest exercise, began on Monday.\n"
        "Five nations are taking part: Chile, Peru, Brazil, Argentina and Uruguay."
    )
    frame = read(nlp, text)
    assert frame["participants"].to_list()[0] == ["ARG", "BRA", "CHL", "PER", "URY"]
    assert frame.height == 10


@pytest.mark.parametrize(
    "sentence",
    [
        "Warships from Chile and Peru are due to meet in the Pacific later this month.",
        "The meeting of the Chilean and Peruvian ministers was pushed back twice.",
        "Chile and Peru agreed the pact would deepen dialogue between their navies.",
    ],
)
def test_ships_postponements_and_abstract_uses_are_no_meetings(nlp, sentence):
    assert read(nlp, sentence).filter(pl.col("event_type") == "meeting").height == 0


def test_a_definite_reference_takes_the_date_of_the_event_it_refers_to(nlp):
    text = (
        "Chilean and Peruvian defence ministers met in Lima on March 4.\n"
        "The Chilean minister said the meeting was productive."
    )
    frame = read(nlp, text).filter(pl.col("event_type") == "meeting")
    assert set(frame.select("year", "month", "day").iter_rows()) == {(2024, 3, 4)}


def test_a_courtesy_call_is_a_meeting_of_leaders(nlp):
    text = "Kenyan Defence Minister Aden Duale called on Tanzanian President Samia Suluhu Hassan in Dodoma on Tuesday."
    frame = read(nlp, text)
    assert events(frame) == {("meeting", "KEN", "TZA", 2024, "occurred")}
    assert frame["subtype"].to_list() == ["leaders"]


def test_the_n_countries_are_the_n_the_story_is_about(nlp):
    text = (
        "Navies of Chile, Peru, Brazil and Argentina sailed together off Valparaiso on Monday.\n"
        "Chile, Peru, Brazil and Argentina have trained together every year since 2010.\n"
        "The drill followed a meeting of the four countries' defence ministers in Lima in February."
    )
    meetings = read(nlp, text).filter(pl.col("event_type") == "meeting")
    assert meetings["participants"].to_list()[0] == ["ARG", "BRA", "CHL", "PER"]
    assert meetings.height == 6


def test_having_agreements_is_a_state_and_whose_agreement_names_its_parties(nlp):
    text = "Chile has defence agreements with two countries: Brazil, whose agreement was signed in 2004, and Peru."
    assert events(read(nlp, text)) == {("agreement", "BRA", "CHL", 2004, "occurred")}


def test_each_clause_keeps_its_own_parties(nlp):
    text = "Chile and Peru signed a defence treaty in 2010, while Peru and Brazil signed an accord on naval cooperation in 2019."
    assert events(read(nlp, text)) == {("agreement", "CHL", "PER", 2010, "occurred"), ("agreement", "BRA", "PER", 2019, "occurred")}


def test_the_dateline_dates_the_report_not_the_event(nlp):
    frame = read(nlp, "LIMA, March 16 (Reuters) - Chile and Peru have begun their first joint naval exercise.")
    assert set(frame.select("year", "month", "day", "date_source").iter_rows()) == {(2024, 3, None, "publication")}


def test_an_exercise_last_staged_in_a_year_is_an_earlier_edition(nlp):
    text = "Chilean and Peruvian jets began Exercise Condor on Monday, a joint air exercise last staged in 1990."
    assert events(read(nlp, text)) == {("exercise", "CHL", "PER", 2024, "occurred"), ("exercise", "CHL", "PER", 1990, "occurred")}


def test_a_negated_participation_adds_no_participant(nlp):
    text = (
        "Chilean and Peruvian warships began a joint naval exercise on Monday.\n"
        "Bolivia protested, and Argentina did not take part."
    )
    frame = read(nlp, text)
    assert frame["participants"].to_list()[0] == ["CHL", "PER"]
