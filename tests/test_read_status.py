"""Tests of transforms/extract/status.py, on sentences written for them and read by the real pipeline: whether an
event occurred or is planned, and negated, cancelled and hypothetical events, which are dropped."""

import polars as pl
import pytest

from reading import PUBLISHED, events, read, trigger
from transforms.extract.status import read_polarity


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Portugal and Morocco did not hold talks on Friday.", "talks"),
        ("Portugal and Morocco never signed the defence pact.", "pact"),
    ],
)
def test_negated_events_are_dropped(nlp, text, word):
    assert read_polarity(trigger(nlp(text), word)) is None
    assert read(nlp, text).height == 0


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Hungary and Serbia cancelled their joint exercise.", "exercise"),
        ("The joint exercise between Bangladesh and Sri Lanka was called off.", "exercise"),
        ("Bangladesh and Sri Lanka failed to agree on a defence pact.", "pact"),
    ],
)
def test_cancelled_events_are_dropped(nlp, text, word):
    assert read_polarity(trigger(nlp(text), word)) is None
    assert read(nlp, text).height == 0


@pytest.mark.parametrize(
    "text",
    [
        "If Hungary and Serbia hold a joint exercise, Croatia will protest.",
        "Hungary and Serbia might sign a defence agreement.",
        "Hungary and Serbia are considering a joint exercise.",
    ],
)
def test_hypothetical_events_are_dropped(nlp, text):
    assert read(nlp, text).height == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Estonian and Finnish defence ministers will meet in Tallinn next month.", ("meeting", "EST", "FIN", 2024)),
        ("Estonia and Finland will sign a defence cooperation agreement in June.", ("agreement", "EST", "FIN", 2024)),
        ("Estonia and Finland plan to hold a joint naval drill in 2025.", ("exercise", "EST", "FIN", 2025)),
    ],
)
def test_will_and_plans_make_an_event_planned(nlp, text, expected):
    assert events(nlp, text) == {(*expected, "planned")}


@pytest.mark.parametrize(
    "text",
    [
        "Hungary and Serbia suspended the joint drill scheduled for May.",
        "The 2020 edition of the exercise, planned for March in Morocco and Tunisia, was cancelled because of the pandemic.",
    ],
)
def test_a_cancelled_scheduled_drill_is_no_event(nlp, text):
    """A scheduling participle ("scheduled for May") tells a plan, whose fate the main verb tells."""
    assert read(nlp, text).height == 0


def test_an_mou_with_firms_is_no_agreement_between_countries(nlp):
    text = (
        "Greece and France signed a defence pact in Paris on Tuesday.\n"
        "In a separate signing, the Greek defence minister and the chief executives of Naval Group and MBDA signed a memorandum on frigates."
    )
    assert {e for e in events(nlp, text) if e[0] == "agreement"} == {("agreement", "FRA", "GRC", 2024, "occurred")}
    assert read(nlp, text).filter(pl.col("trigger") == "memorandum").height == 0


def test_a_signed_cooperation_plan_is_an_agreement_and_a_drafted_one_is_not(nlp):
    assert events(nlp, "Serbia and Hungary signed a military cooperation plan for 2024 in Belgrade on Friday.") == {
        ("agreement", "HUN", "SRB", 2024, "occurred")
    }
    assert events(nlp, "Serbia and Hungary are drafting a military cooperation plan.") == set()


def test_an_enhanced_agreement_is_an_event_and_deepened_dialogue_is_not(nlp):
    assert events(nlp, "Singapore and the United States concluded an enhanced defence cooperation agreement in 2015.") == {
        ("agreement", "SGP", "USA", 2015, "occurred")
    }
    assert events(nlp, "Singapore and the United States want to deepen their defence dialogue.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Australian Prime Minister Anthony Albanese opened the forum on Friday but held no bilateral talks with Chinese officials.",
        "The US and Chinese defence ministers left the forum on Sunday without holding talks.",
        "A planned visit to Beijing by the US Secretary of State, postponed that month, has not been rescheduled.",
    ],
)
def test_no_talks_without_talks_and_a_postponed_visit_are_no_events(nlp, text):
    assert not any(row[0] == "meeting" for row in events(nlp, text))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The navies of Ghana and Nigeria will take part in a drill with Senegal next week.", "planned"),
        ("The navies of Ghana and Nigeria took part in a drill with Senegal last week.", "occurred"),
        # Serbia's refusal says nothing of whether the others' exercise happens
        ("Serbia will not take part in the exercise with Russia and Belarus, the minister said on Wednesday.", "planned"),
    ],
)
def test_a_plan_to_take_part_is_the_events_plan(nlp, text, status):
    assert {row[4] for row in events(nlp, text)} == {status}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The drill between India and France, which began on Monday, is slated to end on Friday.", "occurred"),
        ("The drill between India and France is slated to begin next week.", "planned"),
        ("The drill between India and France is scheduled to run from May 1 to May 10.", "planned"),
    ],
)
def test_a_planned_end_does_not_plan_an_event_under_way(nlp, text, status):
    assert {row[4] for row in events(nlp, text)} == {status}


def test_an_event_a_relative_clause_says_began_is_no_hope(nlp):
    """"Officials hoped the exercise, which began on Monday, would ...": the hope is of its outcome."""
    text = "Officials hoped the exercise between India and France, which began on Monday, would strengthen ties."
    assert events(nlp, text) == {("exercise", "FRA", "IND", 2024, "occurred")}
    assert events(nlp, "India and France hope to hold a joint exercise next year.") == set()


@pytest.mark.parametrize(
    "text, told",
    [
        pytest.param(
            "The French minister did not travel to Noumea, but held a videoconference on Tuesday with Fiji's defence minister.",
            {("meeting", "FJI", "FRA", PUBLISHED.year, "occurred")}, id="a verb after but keeps its own polarity",
        ),
        pytest.param(
            "Both pacts commit the signatories to ten years of support for Ukraine, and both follow the template of the "
            "agreement on security cooperation that Britain and Ukraine signed in Kyiv on January 12.",
            {("agreement", "GBR", "UKR", PUBLISHED.year, "occurred")}, id="a conjoined clause with its own subject",
        ),
        pytest.param(
            "On Tuesday, France and Tonga signed a letter of intent on maritime surveillance, under which French aircraft "
            "will share data on illegal fishing in Tonga's exclusive economic zone.",
            {("agreement", "FRA", "TON", PUBLISHED.year, "occurred")}, id="a surveillance instrument is security",
        ),
        pytest.param(
            "France will host the regional defence ministers' meeting in Noumea in December, bringing together "
            "ministers from Australia, Chile and Fiji with their French host.",
            {("meeting", "AUS", "CHL", PUBLISHED.year, "planned"), ("meeting", "FJI", "FRA", PUBLISHED.year, "planned")},
            id="a participle bringing countries together names the parties",
        ),
        pytest.param(
            "At the end of the day the ministers of Chile and Peru signed the Declaration of Lima on Defence Cooperation.",
            {("agreement", "CHL", "PER", PUBLISHED.year, "occurred")}, id="a declaration named as an instrument",
        ),
        pytest.param(
            "The exercise took place against a calmer backdrop than in previous years. The Greek and Turkish leaders "
            "are expected to meet in Athens on December 7.",
            {("meeting", "GRC", "TUR", PUBLISHED.year, "planned")}, id="previous years name no year for the months after them",
        ),
        pytest.param(
            "French officials said the frigate's participation was a step towards a trilateral maritime exercise with "
            "India and the UAE, which the three countries have said they intend to hold later this year.",
            {("exercise", "ARE", "IND", PUBLISHED.year, "planned")}, id="a relative clause that plans the event",
        ),
        pytest.param(
            "The African Lion exercise is due to open in May across Morocco, Tunisia and Ghana, with US forces in the lead.",
            {("exercise", "GHA", "MAR", PUBLISHED.year, "planned")}, id="an exercise due to open is planned",
        ),
    ],
)
def test_events_told_in_a_sentence(nlp, text, told):
    assert told <= events(nlp, text)


def test_a_negation_reaches_a_verb_that_shares_its_subject(nlp):
    assert not events(nlp, "The French minister did not travel to Fiji and hold talks with its defence minister.")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("India and Mongolia will wrap up their joint exercise next week.", id="will wrap up"),
        pytest.param("The two-week exercise between India and Mongolia is scheduled to conclude on March 22.", id="scheduled to conclude"),
    ],
)
def test_an_exercise_whose_end_is_to_come_is_under_way(nlp, text):
    assert events(nlp, text) == {("exercise", "IND", "MNG", PUBLISHED.year, "occurred")}


def test_a_condition_told_by_inversion_is_no_event(nlp):
    assert not events(nlp, "Had the talks between Serbia and Kosovo gone ahead, they would have been the first in months.")


def test_a_conjoined_verb_with_its_own_tense_keeps_its_own_status(nlp):
    text = "Croatia will buy twelve French fighters and has signed a defence pact with France, the two governments said on Tuesday."
    assert events(nlp, text) == {("agreement", "FRA", "HRV", PUBLISHED.year, "occurred")}
    assert events(nlp, "Croatia and France will hold talks and sign a defence pact next week.") == {
        ("meeting", "FRA", "HRV", PUBLISHED.year, "planned"),
        ("agreement", "FRA", "HRV", PUBLISHED.year, "planned"),
    }


def test_an_event_that_could_follow_is_hypothetical(nlp):
    text = "Some in Brasília have floated the idea that a formal non-aggression pact between Guyana and Venezuela could eventually follow."
    assert events(nlp, text) == set()
