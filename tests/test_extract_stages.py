"""The reading stages of transforms/extract, one section each, on sentences written for these tests.

Every sentence goes through the real spaCy pipeline (`build_pipeline`, loaded once for the module).
A test either calls a stage's function on a parsed sentence (`role_positions`, `observer_positions`,
`trigger_is_event`, `read_polarity`, `listed_years`) or reads the whole article with `extract_mentions`
and compares the set of (event_type, country_a, country_b, year, status).

A test marked xfail(strict=True) states what the rules should read but cannot yet: it fails loudly
(XPASS) once the rules learn it, so the mark can be removed.
"""


from datetime import date

import polars as pl
import pytest
from spacy.tokens import Doc, Span

from reading import PUBLISHED, event_tuples, read
from transforms.extract.event_dates import date_candidates, listed_years
from transforms.extract.participants import observer_positions, role_positions
from transforms.extract.scope import trigger_is_event
from transforms.extract.status import read_polarity
from transforms.nlp import COUNTRY, TRIGGERS


# --- helpers -------------------------------------------------------------------------------------


def events(nlp, text: str) -> set[tuple]:
    return event_tuples(read(nlp, text))


def participants(nlp, text: str) -> set[str]:
    """Every country any mention of the text gives a part."""
    return {iso3 for row in read(nlp, text)["participants"].to_list() for iso3 in row}


def trigger(doc: Doc, word: str) -> Span:
    """The trigger span whose text holds `word`."""
    return next(span for span in doc.spans[TRIGGERS] if word in span.text)


def countries_at(doc: Doc, positions: set[int]) -> set[str]:
    """The countries whose mention's head word is at one of the positions."""
    return {ent.ent_id_.split(":")[0] for ent in doc.ents if ent.label_ == COUNTRY and ent.root.i in positions}


def role_countries(nlp, text: str, word: str) -> set[str]:
    doc = nlp(text)
    return countries_at(doc, role_positions(trigger(doc, word)))


def observer_countries(nlp, text: str) -> set[str]:
    doc = nlp(text)
    return countries_at(doc, observer_positions(next(doc.sents)))


# --- 1. participants by role (participants.py) ---------------------------------------------------


def test_the_subject_and_its_conjuncts_are_participants(nlp):
    text = "Ghana, Nigeria and Senegal held talks in Accra on Thursday."
    assert role_countries(nlp, text, "talks") >= {"GHA", "NGA", "SEN"}
    assert events(nlp, text) == {
        ("meeting", "GHA", "NGA", 2024, "occurred"),
        ("meeting", "GHA", "SEN", 2024, "occurred"),
        ("meeting", "NGA", "SEN", 2024, "occurred"),
    }


def test_with_names_the_other_party(nlp):
    text = "Vietnam held talks with Indonesia on Thursday."
    assert role_countries(nlp, text, "talks") == {"IDN", "VNM"}
    assert events(nlp, text) == {("meeting", "IDN", "VNM", 2024, "occurred")}


def test_between_names_both_parties(nlp):
    text = "Talks between Poland and Lithuania took place in Vilnius on Wednesday."
    assert role_countries(nlp, text, "Talks") >= {"LTU", "POL"}
    assert events(nlp, text) == {("meeting", "LTU", "POL", 2024, "occurred")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The navies of Greece and Egypt began a joint exercise in the Mediterranean on Monday.", ("exercise", "EGY", "GRC")),
        ("The defence chiefs of Peru and Bolivia met in La Paz on Wednesday.", ("meeting", "BOL", "PER")),
        ("Ireland's navy and Iceland's coast guard held a joint search and rescue exercise on Monday.", ("exercise", "IRL", "ISL")),
    ],
)
def test_forces_and_officials_of_countries_are_participants(nlp, text, expected):
    assert events(nlp, text) == {(*expected, 2024, "occurred")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Indian-French exercise began on Monday.", ("FRA", "IND")),
        ("The Polish-Lithuanian drill began on Monday.", ("LTU", "POL")),
        ("The Indian and French navies' exercise began on Monday.", ("FRA", "IND")),
    ],
)
def test_demonyms_modifying_the_event_noun_are_participants(nlp, text, expected):
    assert events(nlp, text) == {("exercise", *expected, 2024, "occurred")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Indo-French exercise began on Monday.", ("exercise", "FRA", "IND")),
        ("Franco-German talks began in Berlin on Monday.", ("meeting", "DEU", "FRA")),
        ("Sino-Russian naval drills began on Monday.", ("exercise", "CHN", "RUS")),
    ],
)
def test_combining_form_demonyms_are_participants(nlp, text, expected):
    assert events(nlp, text) == {(*expected, 2024, "occurred")}


def test_the_indo_pacific_is_no_country(nlp):
    assert events(nlp, "Japanese and Australian ships held a joint exercise in the Indo-Pacific on Monday.") == {
        ("exercise", "AUS", "JPN", 2024, "occurred")
    }


@pytest.mark.parametrize(
    "text",
    [
        "The exercise opened on Monday. It brings together more than 2,000 personnel from Ghana, Nigeria and Senegal.",
        "The multinational naval exercise began on Monday. Participating nations this year are Ghana, Nigeria and Senegal.",
        "The drill began on Monday. Also taking part are Ghana, Nigeria and Senegal.",
        "The exercise started on Monday. In all, 25 countries sent forces, among them Ghana, Nigeria and Senegal.",
        "The exercise began on Monday. The Ghanaian Air Force is hosting aircraft from Nigeria and Senegal.",
    ],
)
def test_a_list_after_an_exercise_told_without_parties_or_name_is_its_participants(nlp, text):
    """The first exercise a clause tells is the story's, even with no name and no party yet."""
    assert events(nlp, text) == {("exercise", a, b, 2024, "occurred") for a, b in [("GHA", "NGA"), ("GHA", "SEN"), ("NGA", "SEN")]}


@pytest.mark.parametrize(
    "text",
    [
        "The Southern Shield exercise opened in Lusaka on Monday.\nParticipating countries:\n- Zambia\n- Malawi\n- Botswana",
        "The Southern Shield exercise opened in Lusaka on Monday.\nThe participants are:\nZambia (host), Malawi, Botswana.",
        "The Southern Shield exercise opened in Lusaka on Monday. Zambia has deployed a battalion, Malawi a company of "
        "paratroopers and Botswana a team of engineers.",
        "The Southern Shield exercise opened in Lusaka on Monday. Zambian, Malawian and Botswanan soldiers will train "
        "together for two weeks.",
    ],
)
def test_participants_told_after_a_partyless_exercise_are_its_own(nlp, text):
    """A list a colon opens, item by item; forces deployed; a drill of parties with no date of its own."""
    assert {row[1:4] for row in events(nlp, text)} == {("BWA", "MWI", 2024), ("BWA", "ZMB", 2024), ("MWI", "ZMB", 2024)}


def test_the_country_in_a_forces_name_takes_part(nlp):
    text = (
        "The Southern Cross exercise opened in Noumea on Monday.\n"
        "Australia and New Zealand have sent the largest contingents. Fijian soldiers are training in the ground "
        "component, alongside members of the Vanuatu Mobile Force."
    )
    assert participants(nlp, text) == {"AUS", "FJI", "NZL", "VUT"}


def test_a_breadcrumb_is_no_story_exercise(nlp):
    """"Home > Defence > Exercises" has no clause: a list of troops sent after it is not that heading's."""
    text = "Home > Defence > Exercises\nThe border has been calm. Ghana and Togo sent troops to the flood zone last week."
    assert events(nlp, text) == set()


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("A naval drill involving Japan, the Philippines and Australia began on Monday.", "drill", {"AUS", "JPN", "PHL"}),
        ("A multinational exercise including Morocco, Tunisia and Senegal began on Monday.", "exercise", {"MAR", "SEN", "TUN"}),
        ("A joint air exercise featuring Qatar and Turkey began on Monday.", "exercise", {"QAT", "TUR"}),
    ],
)
def test_lists_after_involving_including_featuring_are_participants(nlp, text, word, expected):
    assert role_countries(nlp, text, word) == expected
    assert participants(nlp, text) == expected


def test_a_named_exercise_is_a_trigger(nlp):
    assert events(nlp, "Jordanian and Emirati troops began Exercise Falcon on Sunday.") == {("exercise", "ARE", "JOR", 2024, "occurred")}


@pytest.mark.parametrize(
    ("text", "observer"),
    [
        ("South Africa and Mozambique held a joint maritime drill on Monday, and Tanzania sent observers.", "TZA"),
        ("South Africa and Mozambique held a joint maritime drill on Monday with observers from Tanzania.", "TZA"),
        ("Malawian officers followed the drill between South Africa and Mozambique as observers.", "MWI"),
    ],
)
def test_observers_are_not_participants(nlp, text, observer):
    assert observer in observer_countries(nlp, text)
    assert participants(nlp, text) == {"MOZ", "ZAF"}


def test_the_country_of_the_venue_is_no_participant_when_the_parties_are_named(nlp):
    text = "Talks between Armenia and Azerbaijan were held in Qatar on Sunday."
    assert events(nlp, text) == {("meeting", "ARM", "AZE", 2024, "occurred")}


def test_the_place_of_another_phrase_is_no_venue_party(nlp):
    """"Talks in Japan" make Japan a party when no other is named; "as war rages in Ukraine" does not."""
    text = "Cold Response 2022: 30,000 troops begin drills in Norway's far north as war rages in Ukraine"
    assert "UKR" not in participants(nlp, text)
    assert events(nlp, "Indian officials held talks in Japan on Monday.") == {("meeting", "IND", "JPN", 2024, "occurred")}
    # the host nation of an exercise that "began in Indonesia", however the parser hangs the verb
    text = (
        "A multinational exercise codenamed Mountain Shield began in Indonesia on 7 March 2024.\n"
        "Troops from the United Arab Emirates, Germany and the host nation are taking part."
    )
    assert participants(nlp, text) == {"ARE", "DEU", "IDN"}


def test_a_host_of_talks_between_named_parties_is_no_participant(nlp):
    text = "Oman hosted talks between Iran and the United States in Muscat on Sunday."
    assert events(nlp, text) == {("meeting", "IRN", "USA", 2024, "occurred")}


@pytest.mark.parametrize(
    "text",
    [
        "Japanese and American forces held a drill aimed at deterring North Korea on Monday.",
        "Japan and the United States held a drill on Monday amid tension with North Korea.",
        "Japan and the United States held a joint air drill against North Korea on Monday.",
    ],
)
def test_the_country_a_drill_is_aimed_at_is_no_participant(nlp, text):
    assert events(nlp, text) == {("exercise", "JPN", "USA", 2024, "occurred")}


def test_a_notified_country_is_no_participant(nlp):
    text = "Russia and Belarus began a joint exercise on Monday after notifying Poland of the drill."
    assert participants(nlp, text) == {"BLR", "RUS"}


@pytest.mark.xfail(reason="'notify' is a non-party head for every country under it, the notifying subjects too: no event", strict=True)
def test_the_countries_that_notify_keep_their_part(nlp):
    text = "South Korea and the United States notified North Korea of the joint drill on Monday."
    assert events(nlp, text) == {("exercise", "KOR", "USA", 2024, "occurred")}


@pytest.mark.parametrize(
    "text",
    [
        "Vietnamese and Laotian troops held a joint exercise near the Cambodian border on Monday.",
        "Vietnam and Laos held a joint exercise near the Cambodia border on Monday.",
        "Vietnam and Laos held a joint exercise off the Cambodian coast on Monday.",
    ],
)
def test_a_border_or_coast_is_a_place_not_a_party(nlp, text):
    assert events(nlp, text) == {("exercise", "LAO", "VNM", 2024, "occurred")}


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Argentina held a joint exercise on Monday, and Uruguay was invited to the drill.",
        "Colombia and Argentina held a joint exercise on Monday; Uruguay was invited but did not attend.",
    ],
)
def test_an_invitee_that_was_only_invited_is_no_participant(nlp, text):
    assert "URY" not in participants(nlp, text)
    assert len(participants(nlp, text)) == 2


def test_a_country_a_group_is_based_in_is_no_participant(nlp):
    text = "Ugandan and Kenyan troops practised clearing roadside bombs, a weapon of the Somalia-based al-Shabaab, during the drill on Monday."
    assert events(nlp, text) == {("exercise", "KEN", "UGA", 2024, "occurred")}


def test_later_sentences_on_the_exercise_add_the_countries_they_give_a_role(nlp):
    text = (
        "Chilean and Peruvian ships began the Pacific Shield exercise on Monday.\n"
        "About 400 Colombian marines are in Chile for the exercise.\n"
        "Argentina criticised the exercise."
    )
    frame = read(nlp, text)
    # one exercise, whichever sentence names which of its parties: every mention has all three
    assert {tuple(row) for row in frame["participants"].to_list()} == {("CHL", "COL", "PER")}
    assert event_tuples(frame) == {("exercise", a, b, 2024, "occurred") for a, b in [("CHL", "COL"), ("CHL", "PER"), ("COL", "PER")]}


@pytest.mark.parametrize(
    "text",
    [
        "On Friday the Japanese prime minister told the Australian prime minister by telephone that the talks would go on.",
        "The Japanese defence minister spoke to his Australian counterpart over the phone on Friday.",
        "The Japanese defence minister phoned his Australian counterpart on Friday.",
    ],
)
def test_a_call_is_a_meeting_of_the_caller_and_whom_the_caller_addresses(nlp, text):
    frame = read(nlp, text)
    assert event_tuples(frame) == {("meeting", "AUS", "JPN", 2024, "occurred")}
    assert frame["subtype"].unique().to_list() == ["call"]


@pytest.mark.parametrize(
    "text",
    [
        "Indonesian Defence Minister Prabowo Subianto received his Malaysian counterpart in Jakarta on Tuesday.",
        "Indonesia's President Joko Widodo hosted Malaysian Prime Minister Anwar Ibrahim in Bogor on Tuesday.",
    ],
)
def test_receiving_or_hosting_an_official_is_a_meeting(nlp, text):
    assert events(nlp, text) == {("meeting", "IDN", "MYS", 2024, "occurred")}


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia hosted the naval drill with Malaysian warships on Tuesday.",
        "The Indonesian navy welcomed two Malaysian frigates to Jakarta on Tuesday.",
    ],
)
def test_hosting_a_drill_or_ships_is_no_meeting(nlp, text):
    assert {event[0] for event in events(nlp, text)} <= {"exercise"}


def test_a_place_before_where_is_no_antecedent_of_the_parties(nlp):
    text = "The jets flew on from Kuantan in Malaysia, where they had completed the first bilateral exercise between the Indian Air Force and the Royal Malaysian Air Force."
    assert events(nlp, text) == {("exercise", "IND", "MYS", 2024, "occurred")}


def test_another_named_exercise_in_a_sentence_on_the_story_contingent_stands_alone(nlp):
    text = (
        "Exercise Pitch Black began in Darwin on Friday with forces from Australia, India, France and Japan.\n"
        "The Indian contingent flew in from Malaysia, where it had just completed Udara Shakti, the first bilateral "
        "exercise between the Indian Air Force and the Royal Malaysian Air Force."
    )
    frame = read(nlp, text)
    assert {tuple(row) for row in frame["participants"].to_list()} == {("AUS", "FRA", "IND", "JPN"), ("IND", "MYS")}


def test_the_three_navies_are_those_the_sentence_before_named(nlp):
    text = (
        "Australian, Indian, Japanese and US warships began the Malabar exercise on Monday, and Australia led the first phase.\n"
        "Australia sailed with India on Tuesday. The series began in 1992 between the Indian and US navies. "
        "Japan's navy joined it later, and the three navies held the drill off Guam in 2018."
    )
    assert {e for e in events(nlp, text) if e[3] == 2018} == {
        ("exercise", a, b, 2018, "occurred") for a, b in [("IND", "JPN"), ("IND", "USA"), ("JPN", "USA")]
    }


def test_countries_among_the_observers_are_no_participants(nlp):
    text = (
        "Thailand and the United States opened the Cobra Gold exercise on Tuesday. "
        "Delegations from 20 other countries, among them Australia and Vietnam, are attending as observers."
    )
    assert participants(nlp, text) == {"THA", "USA"}


def test_a_country_in_a_clause_about_a_place_is_no_participant(nlp):
    """"Returned to a region where violence has spread from Mali": the clause tells the place."""
    text = (
        "Soldiers from Chad and Niger began the annual exercise on Monday, as the US-led drill returned to a "
        "region where jihadist violence has spread south from Mali."
    )
    assert participants(nlp, text) == {"TCD", "NER", "USA"}


def test_a_dateless_drill_of_the_exercise_parties_and_others_is_the_exercise(nlp):
    """"African units from A and B will train alongside forces from C and D": the story's exercise,
    told again with its list, not a planned event of no year."""
    text = (
        "Soldiers from Chad, Niger and the United States began the Flintlock exercise on Monday.\n"
        "African units from Chad, Niger and Ghana will train alongside special forces from the United States and France."
    )
    assert events(nlp, text) == {
        ("exercise", a, b, 2024, "occurred")
        for a, b in [("FRA", "GHA"), ("FRA", "NER"), ("FRA", "TCD"), ("FRA", "USA"), ("GHA", "NER"), ("GHA", "TCD"),
                     ("GHA", "USA"), ("NER", "TCD"), ("NER", "USA"), ("TCD", "USA")]
    }


def test_another_named_exercise_keeps_its_own_parties(nlp):
    """"The Falcon Strike exercise": a name the tagger reads as a noun is still a name, so the drill is no
    reference to the story's exercise."""
    text = (
        "Thailand and the United States opened the Cobra Gold exercise on Tuesday.\n"
        "The Royal Thai Air Force and the People's Liberation Army Air Force have held the Falcon Strike exercise since 2015."
    )
    assert ("exercise", "CHN", "USA", 2024, "occurred") not in events(nlp, text)
    assert ("exercise", "CHN", "THA", 2015, "occurred") in events(nlp, text)


def test_warships_that_sail_together_exercise(nlp):
    text = "Warships from the Philippines, the United States, Japan and Australia sailed together in the South China Sea on Sunday."
    assert {row[0] for row in events(nlp, text)} == {"exercise"}
    assert participants(nlp, text) == {"PHL", "USA", "JPN", "AUS"}


def test_the_four_ministers_are_those_the_sentence_before_named_not_the_venue(nlp):
    text = (
        "US Defense Secretary Lloyd Austin, Australian Deputy Prime Minister Richard Marles, Japanese Defense Minister "
        "Minoru Kihara and Philippine Defense Secretary Gilberto Teodoro issued a joint statement on Sunday.\n"
        "The four ministers first met as a group on the sidelines of the Shangri-La Dialogue in Singapore last June."
    )
    met = {row for row in events(nlp, text) if row[0] == "meeting"}
    assert {country for row in met for country in row[1:3]} == {"AUS", "JPN", "PHL", "USA"}


def test_a_list_in_a_sentence_about_a_planned_exercise_is_not_the_story_exercises(nlp):
    """The story's sail took place; "Balikatan will start on April 22" is another exercise, whose list
    ("will see forces from Australia and France take part") is its own."""
    text = (
        "Warships from the Philippines and Japan sailed together in the South China Sea on Sunday.\n"
        "Later this month, an exercise of the Philippines will start on April 22 and will see forces from Australia and France take part."
    )
    found = events(nlp, text)
    assert ("exercise", "JPN", "PHL", 2024, "occurred") in found
    assert not any(row[4] == "occurred" and ("AUS" in row or "FRA" in row) for row in found)


def test_a_title_is_no_exercise_name(nlp):
    """"Blaszczak hosted the Minister of Defence of Ukraine": the object of hosting is a person, not a drill."""
    text = (
        "The Minister of National Defence of Poland hosted the Minister of Defence of Ukraine in Lublin on Friday.\n"
        "The brigade will take part in multinational exercises next year."
    )
    assert not any(row[0] == "exercise" and row[3] == 2024 for row in events(nlp, text))


# --- 2. history as events (event_dates.py, mentions.py) ------------------------------------------


def test_a_list_of_years_gives_one_event_a_year(nlp):
    text = "Mongolia and Kazakhstan held defence talks in 2013, 2017 and 2018."
    assert events(nlp, text) == {("meeting", "KAZ", "MNG", year, "occurred") for year in (2013, 2017, 2018)}


def test_years_each_with_its_preposition_are_a_list(nlp):
    text = "Indonesia and Malaysia held joint naval exercises in 2016 and in 2018."
    assert events(nlp, text) == {("exercise", "IDN", "MYS", year, "occurred") for year in (2016, 2018)}


def test_other_editions_take_the_participants_of_the_current_drill(nlp):
    text = (
        "Mongolian and Kazakh troops began the Steppe Eagle exercise on Monday.\n"
        "The drill was also held in 2016 and 2018."
    )
    assert events(nlp, text) == {("exercise", "KAZ", "MNG", year, "occurred") for year in (2016, 2018, 2024)}


def test_a_multinational_exercise_first_held_in_a_year_has_no_known_parties_then(nlp):
    """A multinational exercise's members change from edition to edition: its first edition, told without
    parties of its own, is not given this year's (a bilateral one's are, see the Steppe Eagle test)."""
    text = (
        "Sea Breeze gets under way in the Black Sea\n"
        "Ukraine's navy and ships from three allies began the Sea Breeze exercise on Saturday.\n"
        "Ships from Romania, Bulgaria and Turkey joined Ukrainian vessels for the opening phase.\n"
        "Moldovan troops are training alongside Ukrainian infantry near Mykolaiv.\n"
        "Sea Breeze was first held in 1997."
    )
    found = read(nlp, text)
    assert {"BGR", "ROU", "TUR", "UKR"} <= {iso3 for row in found.filter(pl.col("year") == PUBLISHED.year)["participants"] for iso3 in row}
    assert found.filter(pl.col("year") == 1997).is_empty()


@pytest.mark.parametrize(
    "text",
    [
        "Egyptian and Saudi forces began a joint naval exercise on Monday.\nThe exercise was first held in 2012.",
        "Egyptian and Saudi forces began the Morgan exercise on Monday, an exercise first held in 2012.",
    ],
)
def test_first_held_in_a_year_is_an_event_of_that_year(nlp, text):
    assert events(nlp, text) == {("exercise", "EGY", "SAU", year, "occurred") for year in (2012, 2024)}


def test_a_list_of_later_editions_after_the_first_gives_one_event_a_year(nlp):
    text = (
        "The Danish and Dutch air forces staged the first Baltic Hawk exercise in 2012 and have hosted it jointly "
        "every second year since, in 2014, 2016, 2018 and 2020."
    )
    assert events(nlp, text) == {("exercise", "DNK", "NLD", year, "occurred") for year in (2012, 2014, 2016, 2018, 2020)}


def test_a_verb_tagged_exercise_after_its_name_is_an_exercise(nlp):
    text = "On December 1 the Russian ships and Venezuelan frigates held the VENRUS 2008 exercise off the coast."
    assert events(nlp, text) == {("exercise", "RUS", "VEN", 2008, "occurred")}


def test_an_instrument_named_in_apposition_has_the_signer_and_the_storys_partner(nlp):
    text = (
        "India and the United States signed a communications pact on Thursday.\n"
        "India signed the first of them, the General Security of Military Information Agreement, in 2002."
    )
    assert ("agreement", "IND", "USA", 2002, "occurred") in events(nlp, text)


def test_days_later_counts_from_the_date_the_story_told_last(nlp):
    text = (
        "On December 10 last year the US president told the Moroccan king by telephone that talks would follow.\n"
        "Twelve days later Israeli and Moroccan officials signed a joint declaration in Rabat."
    )
    assert ("agreement", "ISR", "MAR", 2023, "occurred") in events(nlp, text)


def test_a_year_range_is_no_list_of_editions(nlp):
    text = "Tunisia and Algeria signed a defence cooperation agreement for the 2019-2025 period."
    doc = nlp(text)
    candidates = date_candidates(next(doc.sents))
    assert [listed_years(ent, candidates) for ent in candidates] == [[]]
    agreements = read(nlp, text).filter(pl.col("event_type") == "agreement")
    assert agreements.height == 1 and agreements["year"].item() != 2025


def test_from_one_year_to_another_gives_no_edition_per_year(nlp):
    years = {row[3] for row in events(nlp, "Mongolia and Kazakhstan held joint exercises every year from 2015 to 2018.")}
    assert len(years) == 1 and not years & {2016, 2017}


def test_an_exercise_told_by_its_name_alone_takes_the_list_that_follows(nlp):
    """"Talisman Sabre 2023 kicked off": a name its verb tells as an exercise is a trigger (in an article
    that says "exercise" somewhere), and the participants listed after it are its parties."""
    text = (
        "Talisman Sabre 2023 kicked off in Queensland on Friday with more than 30,000 personnel. "
        "Troops from Australia, the United States, Japan and Canada are taking part. "
        "Indonesia and India sent observers. The exercise is held every two years."
    )
    found = read(nlp, text, published=date(2023, 7, 21))
    assert set(found["participants"].to_list()[0]) == {"AUS", "USA", "JPN", "CAN"}
    assert set(found["year"].to_list()) == {2023}


@pytest.mark.parametrize(
    "text",
    [
        "The Indonesian army opened Super Garuda Shield on Monday. Soldiers from Indonesia and Japan are taking part in the exercise.",
        "Soldiers from Indonesia and Japan took part in Super Garuda Shield, which ended on Monday. The exercise was the largest yet.",
    ],
)
def test_the_object_of_opening_or_taking_part_is_an_exercise_name(nlp, text):
    assert events(nlp, text) == {("exercise", "IDN", "JPN", 2024, "occurred")}


def test_the_agent_of_a_transitive_verb_is_no_exercise_name(nlp):
    """"Pompeo held talks": the subject of a verb with an object is its agent, not an exercise."""
    text = (
        "Polish and American soldiers held a joint exercise on Friday. "
        "Pompeo held talks on Saturday with Morawiecki, covering Belarus and Ukraine."
    )
    exercises = {row for row in events(nlp, text) if row[0] == "exercise"}
    assert exercises == {("exercise", "POL", "USA", 2024, "occurred")}


def test_an_edition_with_a_past_date_is_an_event_of_its_year(nlp):
    """"Last year's edition drew troops from ...", "the previous edition took place in 2019": an edition
    is the story's exercise in another year, with its own parties or, lacking them, the exercise's."""
    text = (
        "India and Vietnam held the third edition of their bilateral army exercise in Hanoi on Monday. "
        "The previous edition took place in Chandimandir in 2019.\n"
        "Last year's edition drew troops from Laos and Cambodia as well."
    )
    assert events(nlp, text) == {
        ("exercise", "IND", "VNM", 2024, "occurred"),
        ("exercise", "IND", "VNM", 2019, "occurred"),
        ("exercise", "KHM", "LAO", 2023, "occurred"),
    }


def test_this_years_edition_is_the_story_exercise_not_another_event(nlp):
    text = (
        "Thai and American troops began their annual exercise on Tuesday. "
        "An Australian contingent had also been expected to join this year's edition."
    )
    assert events(nlp, text) == {("exercise", "THA", "USA", 2024, "occurred")}


def test_the_pact_refers_to_the_pact_the_story_told(nlp):
    """"Hultqvist said the pact did not amount to an alliance": the pact the story told, with its parties,
    not a pact of the countries this sentence happens to name."""
    text = (
        "The defence ministers of Norway, Sweden and Finland signed a defence cooperation agreement in Oslo on Tuesday.\n"
        "Hultqvist said the pact did not replace Norway's NATO obligations or Sweden's non-alignment."
    )
    assert {row for row in events(nlp, text) if row[0] == "agreement"} == {
        ("agreement", a, b, 2024, "occurred") for a, b in [("FIN", "NOR"), ("FIN", "SWE"), ("NOR", "SWE")]
    }


def test_their_next_meeting_is_not_the_last_one(nlp):
    text = (
        "The defence ministers of Norway and Sweden met in Oslo on Tuesday.\n"
        "The two ministers said they would review progress at their next meeting, without giving a date."
    )
    assert ("meeting", "NOR", "SWE", 2024, "occurred") in events(nlp, text)
    assert not any(row[0] == "meeting" and row[4] == "planned" and row[3] == 2024 for row in events(nlp, text))


def test_two_date_expressions_side_by_side_are_one_date(nlp):
    """"From May 29 to June 9 this year": the year is the one "this year" names."""
    text = "Finland, Sweden and Norway will co-host the Arctic Challenge Exercise from May 29 to June 9 this year."
    assert events(nlp, text, ) == {("exercise", a, b, 2024, "planned") for a, b in [("FIN", "NOR"), ("FIN", "SWE"), ("NOR", "SWE")]}


def test_an_edition_that_drew_others_keeps_the_exercises_parties(nlp):
    """"The most recent edition drew fighters from A and B as well": the exercise's parties, and A and B."""
    text = (
        "The Arctic Challenge Exercise was first held in 2013 between the air forces of Norway, Sweden and Finland. "
        "The most recent edition, in May last year, drew fighters from the United States and Britain as well."
    )
    found = events(nlp, text)
    assert ("exercise", "FIN", "USA", 2023, "occurred") in found
    assert ("exercise", "GBR", "NOR", 2023, "occurred") in found


def test_a_dateless_drill_of_some_parties_joins_the_exercise_told_last(nlp):
    """"There, Dutch and German units will train with ...": the exercise the sentence before planned, not
    an earlier one of the same parties."""
    text = (
        "In January 2020, during exercise Wettiner Heide, Dutch and German tank units practised as one formation.\n"
        "The Dutch brigade will take part in a German-led exercise in Lithuania in May. There, Dutch and German units will "
        "train with Lithuanian and Norwegian troops."
    )
    found = events(nlp, text)
    assert ("exercise", "LTU", "NOR", 2024, "planned") in found
    assert not {row for row in found if row[3] == 2020 and "NOR" in row}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted back from the date outside the phrase, or from the publication when the sentence has none
        ("Peru and Ecuador held their first joint exercise in 2022, four years after signing a border security agreement.",
         ("agreement", "ECU", "PER", 2018, "occurred")),
        ("The Russian and Chinese drill comes a year after Russian and Chinese warships held joint patrols near Alaska.",
         ("exercise", "CHN", "RUS", 2023, "occurred")),
        # counted on from the date told before
        ("India and Japan signed a defence pact in 2015. Two years later, the two navies held their first joint exercise.",
         ("exercise", "IND", "JPN", 2017, "occurred")),
        ("India and Japan signed a defence pact in March 2015, and held their first joint exercise the following year.",
         ("exercise", "IND", "JPN", 2016, "occurred")),
    ],
)
def test_years_counted_from_another_date_date_the_event(nlp, text, expected):
    assert expected in events(nlp, text)


def test_a_renewed_instrument_is_an_event_of_the_renewal_and_of_its_own_year(nlp):
    found = events(nlp, "Brazil and Argentina renewed their 2005 defence cooperation agreement on Friday.")
    assert found == {("agreement", "ARG", "BRA", 2024, "occurred"), ("agreement", "ARG", "BRA", 2005, "occurred")}


def test_the_signers_of_a_statement_that_condemns_are_its_parties(nlp):
    """"Condemned" makes its object no party, not the subject that holds the statement and its signers."""
    text = (
        "The joint statement issued by the defence ministers of Japan, Australia and the Philippines after their "
        "meeting on Saturday condemned the harassment."
    )
    assert {row[1:3] for row in events(nlp, text) if row[0] == "agreement"} == {("AUS", "JPN"), ("AUS", "PHL"), ("JPN", "PHL")}


def test_the_pair_in_the_role_and_the_forces_that_also_took_part(nlp):
    text = (
        "The Kenyan and Tanzanian armies completed a joint exercise on Friday. "
        "The two armies last trained together in 2021, when Ugandan troops also took part."
    )
    assert {row[1:3] for row in events(nlp, text) if row[3] == 2021} == {("KEN", "TZA"), ("KEN", "UGA"), ("TZA", "UGA")}


def test_a_third_minister_who_joins_the_two_ministers_is_a_party(nlp):
    text = (
        "Peruvian and Chilean defence ministers met in Lima on Monday. Peru and Chile agreed to hold a joint drill.\n"
        "For one session, Ecuador's Defence Minister joined the two ministers by video link from Quito."
    )
    assert {row[1:3] for row in events(nlp, text) if row[0] == "meeting"} == {("CHL", "PER"), ("CHL", "ECU"), ("ECU", "PER")}


def test_a_topic_country_is_no_party_of_the_pairs_talks(nlp):
    text = (
        "Dutch and German defence ministers met in Oirschot on Thursday. "
        "Before the ceremony, the two ministers held talks on support for Ukraine."
    )
    assert {row[1:3] for row in events(nlp, text)} == {("DEU", "NLD")}


@pytest.mark.parametrize(
    "text",
    [
        # a relative clause on a word of the instrument's name
        "The drill follows the security memorandum of understanding that the defence ministers of Israel and Morocco "
        "signed in Rabat in November 2021.",
        # a participle after a long name
        "Security ties between Israel and Morocco rest on the Treaty of Friendship, Cooperation and Good-Neighbourly "
        "Relations, signed in Rabat in November 2021 during a visit.",
    ],
)
def test_the_signing_date_after_an_instruments_long_name_dates_it(nlp, text):
    assert {row[3] for row in events(nlp, text) if row[0] == "agreement"} == {2021}


def test_an_edition_told_whole_has_only_its_own_parties(nlp):
    """"The first edition was a bilateral event between A and B": a list that names one of the exercise's
    parties is that edition's whole cast, not an addition to the current parties."""
    text = (
        "Air forces from Brazil, France, Chile and Peru closed the Southern Cross exercise at Natal on Friday. "
        "The first edition, in 2002, was a bilateral event between the Brazilian and French air forces."
    )
    found = events(nlp, text)
    assert {row for row in found if row[3] == 2002} == {("exercise", "BRA", "FRA", 2002, "occurred")}
    assert ("exercise", "CHL", "PER", 2024, "occurred") in found


def test_a_programme_taken_part_in_is_an_exercise_and_the_past_year_dates_nothing(nlp):
    text = (
        "Indian and Egyptian officers discussed holding more joint exercises.\n"
        "Military contacts have picked up over the past year. On January 22, a team from the Indian Air Force arrived in "
        "Egypt to take part in a bilateral Tactical Leadership Programme with the Egyptian Air Force."
    )
    assert ("exercise", "EGY", "IND", 2024, "occurred") in events(nlp, text)


# --- 3. scope (scope.py) -------------------------------------------------------------------------


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


# --- 4. status (status.py) -----------------------------------------------------------------------


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


# --- 5. people and pronouns (context.py) ---------------------------------------------------------


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



# --- exercises by their names ------------------------------------------------------------------------


def test_a_name_carrying_its_edition_dates_that_edition(nlp):
    text = (
        "Russian and Belarusian troops ended the Zapad-2024 exercise near Minsk on Thursday.\n"
        "Zapad-2017 was held by Russian and Belarusian forces on ranges in both countries."
    )
    found = events(nlp, text)
    assert ("exercise", "BLR", "RUS", 2017, "occurred") in found
    assert ("exercise", "BLR", "RUS", PUBLISHED.year, "occurred") in found


def test_a_name_carrying_its_edition_beats_a_counted_date(nlp):
    """"A year later, Tsentr-2019, staged in September 2019, drew ...": a name the tagger takes for a place,
    told by a reduced passive, whose edition dates it whatever "a year later" counts."""
    text = (
        "Russia wrapped up its Vostok-2022 strategic exercise on Wednesday, with Chinese and Indian troops.\n"
        "Vostok-2018, held in September 2018, was the first time China joined the exercise. A year later, "
        "Tsentr-2019, staged in September 2019 at Donguz, drew Chinese, Indian, Pakistani and Kazakh troops."
    )
    assert {row[1:4] for row in events(nlp, text) if row[3] == 2019} >= {("CHN", "IND", 2019), ("KAZ", "PAK", 2019)}


def test_the_lemmatizer_errors_are_set_right(nlp):
    """The model's lemmatizer makes 'staged' 'stag' and 'slated' 'slat': cue words must match their lemmas."""
    doc = nlp("The drill was staged in May; another is slated for June.")
    assert {token.lower_: token.lemma_ for token in doc if token.lower_ in {"staged", "slated"}} == {"staged": "stage", "slated": "slate"}


def test_a_list_after_another_named_exercise_is_of_that_exercise_not_the_storys(nlp):
    text = (
        "Indian and Pakistani soldiers ended the Peace Mission-2024 exercise at the Donguz range on Saturday, "
        "alongside Chinese and Russian troops.\n"
        "Russia and Belarus held the Zapad-2024 exercise earlier this month. "
        "Contingents from Armenia and Mongolia joined them at the Mulino range."
    )
    found = events(nlp, text)
    assert ("exercise", "ARM", "MNG", PUBLISHED.year, "occurred") in found
    assert not {pair for pair in found if "ARM" in pair[1:3] and {"IND", "PAK"} & set(pair[1:3])}


def test_forces_named_in_a_paragraph_with_no_list_are_not_parties(nlp):
    text = (
        "Jordanian and Egyptian troops opened the Desert Anvil exercise near Aqaba on Monday.\n"
        "Spanish warships passed through the Suez Canal on the same day."
    )
    assert "ESP" not in participants(nlp, text)


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


def test_a_region_before_the_drill_describes_it_and_names_no_exercise(nlp):
    text = (
        "Australia and France opened a Pacific drill off Noumea on Monday.\n"
        "Fiji and Tonga coordinate disaster relief in the South Pacific."
    )
    assert not {row for row in events(nlp, text) if {"FJI", "TON"} == set(row[1:3])}


def test_an_edition_named_in_the_sentence_dates_its_exercise_and_the_months_after_it(nlp):
    text = (
        "Russian and Chinese troops opened the Eastern Shield exercise this week.\n"
        "Eastern Shield-2018, held at the Tsugol range, was the first time China joined Russia's annual strategic exercise. "
        "India pulled out of Southern Shield-2020 that August, citing the pandemic. "
        "Armenian, Chinese and Pakistani forces went ahead and trained with Russian units that September."
    )
    found = events(nlp, text)
    assert ("exercise", "CHN", "RUS", 2018, "occurred") in found
    assert ("exercise", "CHN", "PAK", 2020, "occurred") in found


def test_an_edition_only_watched_gets_no_parties_from_the_story(nlp):
    text = (
        "Moroccan, Ghanaian and American troops ended the Desert Lion 2024 exercise on Thursday.\n"
        "A year earlier Israel was present only with two officers who watched the 2023 edition from the stand."
    )
    assert not {row for row in events(nlp, text) if row[3] == 2023}


@pytest.mark.parametrize(
    "text, year",
    [
        ("A spokesman said the drills violate the 1993 Agreement on the Maintenance of Peace along the border between "
         "China and India, signed in Beijing in September that year.", 1993),
        ("In 2015 Japan and India signed a pact on defence equipment, and in December that year they met in New Delhi.", 2015),
    ],
)
def test_that_year_and_a_year_before_the_instrument_date_it(nlp, text, year):
    assert year in {row[3] for row in events(nlp, text)}


@pytest.mark.parametrize(
    "text, parties, not_parties",
    [
        pytest.param(
            "About 1,500 soldiers are taking part in the Desert Anvil exercise, which opened on Monday in Jordan.\n"
            "The contingents come from Jordan, Egypt and Kenya. Spanish and German special forces run the shooting "
            "ranges, and teams from the Netherlands teach field medicine. Swedish officers are there only as observers.",
            {"ESP", "DEU", "NLD", "JOR", "EGY", "KEN"}, {"SWE"}, id="the forces a listing paragraph goes on to tell of",
        ),
        pytest.param(
            "Brazilian and French fighters ended the Southern Cross air exercise at Natal last Friday.\n"
            "South American participation was broader than in recent editions. Uruguay's Air Force flew its A-37s, "
            "and Peruvian and Ecuadorian crews operated transport helicopters.",
            {"URY", "PER", "ECU", "BRA", "FRA"}, set(), id="a sentence on participation opens a list",
        ),
        pytest.param(
            "Troops from Jamaica, Barbados and Guyana opened the Coral Shield 2024 exercise in Trinidad on Saturday.\n"
            "France's contribution includes a helicopter and a medical team.\n"
            "The Dominican Republic is taking part in Coral Shield for the first time.\n"
            "Suriname's contingent of 40 soldiers arrived on Wednesday.\n"
            "Venezuela's navy watched from a distance.",
            {"FRA", "DOM", "SUR", "JAM"}, {"VEN"}, id="one country that takes part, or whose contingent does",
        ),
        pytest.param(
            "Russia wrapped up its Eastern Shield strategic exercise on Wednesday.\n"
            "Thirteen foreign armies joined the Russian forces. The largest guest contingent came from China. "
            "Ground units from India, Belarus and Mongolia trained at a range near the border.",
            {"CHN", "IND", "BLR", "MNG", "RUS"}, set(), id="the country a contingent comes from opens a list",
        ),
        pytest.param(
            "Troops from Jamaica and Barbados are taking part in the Coral Shield exercise.\n"
            "One scenario was modelled loosely on the crisis in Haiti, which is not involved in the exercise.\n"
            "Cuba did not take part in the exercise.",
            {"JAM", "BRB"}, {"HTI", "CUB"}, id="a country said to take no part",
        ),
        pytest.param(
            "Peru's defence minister held talks with his Chilean counterpart in Lima on Monday.\n"
            "Bolivia was not represented at the talks, a Chilean official said.",
            {"PER", "CHL"}, {"BOL"}, id="a country not represented",
        ),
    ],
)
def test_parties_told_across_a_paragraph(nlp, text, parties, not_parties):
    found = participants(nlp, text)
    assert parties <= found and not not_parties & found


# --- sixth round: withdrawals, suppositions, counted groups, headings, parts of an exercise ---------


@pytest.mark.parametrize(
    "text, parties, not_parties",
    [
        pytest.param(
            "Troops from Kenya, Uganda and Rwanda opened the Lake Guard exercise near Jinja on Monday.\n"
            "Tanzania had pledged two infantry companies but withdrew last month, citing the cost. "
            "Burundi pulled out of the drill in February.",
            {"KEN", "UGA", "RWA"}, {"TZA", "BDI"}, id="a country that withdrew",
        ),
        pytest.param(
            "Troops from Kenya, Uganda, Tanzania and Rwanda are taking part in the Lake Guard exercise near Jinja.\n"
            "Tanzania withdrew on Wednesday, citing the cost. Burundi was also taking part until it pulled out.",
            {"KEN", "UGA", "RWA"}, {"TZA", "BDI"}, id="a country listed, then withdrawn",
        ),
        pytest.param(
            "Troops from Kenya, Uganda and Rwanda opened the Lake Guard exercise near Jinja on Monday.\n"
            "Tanzania had said in May that it could not spare troops, but a Tanzanian infantry company arrived in the "
            "second week and took part in the final phase.",
            {"KEN", "UGA", "RWA", "TZA"}, set(), id="a company that took part, after another verb's negation",
        ),
        pytest.param(
            "Chilean and Peruvian crews opened the Andean Wing air exercise at Arica on Monday.\n"
            "Ecuador's air force joined for the second week with two transport aircraft. "
            "Officials said Bolivia might send fighters to the next edition.",
            {"CHL", "PER", "ECU"}, {"BOL"}, id="a force that joined, and one that might come",
        ),
        pytest.param(
            "Indian and French warships began the Varuna exercise in the Arabian Sea on Monday.\n"
            "New Delhi informed Beijing of the exercise in advance, officials said.",
            {"IND", "FRA"}, {"CHN"}, id="a country a later sentence on the exercise only names",
        ),
    ],
)
def test_who_leaves_who_may_come_and_who_is_only_named_take_no_part(nlp, text, parties, not_parties):
    found = participants(nlp, text)
    assert parties <= found and not not_parties & found


def test_an_aircraft_designation_is_no_edition(nlp):
    text = "Chile and Brazil closed the Southern Sky exercise on Friday.\nBrazilian F-39 Gripens flew alongside Chilean F-16s in the exercise."
    assert {row[3] for row in events(nlp, text) if row[0] == "exercise"} == {PUBLISHED.year}


def test_an_edition_cut_to_a_counted_group_has_that_group(nlp):
    text = (
        "Navies from Estonia, Latvia, Lithuania, Poland and Germany ended the Baltic Wind exercise on Friday.\n"
        "The last edition, in 2021, was scaled down to three navies, Estonia, Latvia and Lithuania, because of the pandemic."
    )
    parties_2021 = {iso3 for row in events(nlp, text) if row[3] == 2021 for iso3 in row[1:3]}
    assert parties_2021 == {"EST", "LVA", "LTU"}


def test_a_heading_or_a_trail_of_sections_tells_no_event(nlp):
    text = (
        "Home > Defence > Exercises\n"
        "Ghanaian and Togolese sailors ended a joint patrol exercise off Lome on Friday.\n"
        "A NEW AGREEMENT\n"
        "On the closing day the two navies signed a memorandum on information sharing."
    )
    evidence = set(read(nlp, text)["evidence"].to_list())
    assert evidence and not evidence & {"Home > Defence > Exercises", "A NEW AGREEMENT"}


def test_a_counted_group_is_the_group_an_event_had(nlp):
    text = (
        "The defence ministers of Japan, Australia and the Philippines met in Manila on Tuesday.\n"
        "China's coast guard sent ships near the shoal, and Chinese officials accused the three of forming a bloc. "
        "Beijing's embassy protested.\n"
        "The three ministers agreed to meet again in Tokyo next year."
    )
    planned = {row[1:3] for row in events(nlp, text) if row[0] == "meeting" and row[4] == "planned"}
    assert planned == {("AUS", "JPN"), ("AUS", "PHL"), ("JPN", "PHL")}


def test_a_counted_exercise_is_its_new_member_and_the_group_before(nlp):
    text = (
        "The defence ministers of Japan, Australia and the Philippines met in Manila on Tuesday.\n"
        "Their navies first sailed together in 2021, and New Zealand joined the following year for a four-nation "
        "exercise off Luzon."
    )
    found = events(nlp, text)
    exercise_2022 = {iso3 for row in found if row[0] == "exercise" and row[3] == 2022 for iso3 in row[1:3]}
    assert exercise_2022 == {"JPN", "AUS", "PHL", "NZL"}
    assert not {row for row in found if row[3] == 2021 and "NZL" in row[1:3]}


def test_that_same_year_is_the_year_before_it(nlp):
    text = "Oman and India signed a naval pact in March 2019. Their navies held a first joint drill off Muscat that same year."
    assert ("exercise", "IND", "OMN", 2019, "occurred") in events(nlp, text)


def test_drills_an_exercise_includes_are_parts_of_it(nlp):
    text = (
        "Ghanaian and Nigerian warships will conduct a joint patrol exercise in the Gulf of Guinea in May, "
        "including boarding drills and a live-fire exercise."
    )
    assert {row[4] for row in events(nlp, text) if row[0] == "exercise"} == {"planned"}


def test_a_co_hosted_edition_has_its_hosts_and_those_it_brought(nlp):
    text = (
        "Flintlock 2020, the annual special operations exercise, ends today in Mauritania and Senegal, with soldiers "
        "from Chad and Niger.\n"
        "Last year's edition was co-hosted by Burkina Faso and Mauritania, bringing American operators to Ouagadougou."
    )
    parties_2019 = {iso3 for row in events(nlp, text) if row[3] == PUBLISHED.year - 1 for iso3 in row[1:3]}
    assert parties_2019 == {"BFA", "MRT", "USA"}


def test_a_body_an_earlier_meeting_named_meets_with_its_parties(nlp):
    text = (
        "Greece and Cyprus signed a naval pact in Nicosia on Monday. The Greek and Cypriot ministers also met there.\n"
        "The Greek prime minister and the Turkish president are expected to meet in Athens in May for a session "
        "of the High-Level Cooperation Council between the two countries. The council last met in Izmir in 2016."
    )
    assert ("meeting", "GRC", "TUR", 2016, "occurred") in events(nlp, text)



def test_when_an_exercise_ends_does_not_date_it(nlp):
    text = (
        "Thai and American troops opened the Cobra Gold exercise on Tuesday.\n"
        "Co-hosted by the Royal Thai Armed Forces and US Indo-Pacific Command, the exercise runs until March 20."
    )
    assert {row[3] for row in events(nlp, text)} == {PUBLISHED.year}


def test_a_counted_plural_the_sentence_names_one_by_one_is_no_event_of_its_own(nlp):
    text = (
        "The commanders named two upcoming exercises as milestones: the Arctic Challenge Exercise, which Finland, "
        "Sweden and Norway will co-host from May 29 to June 9, and the Nordic Response exercise, which Norway "
        "will lead next year with Finnish and Swedish forces."
    )
    assert None not in {row[3] for row in events(nlp, text)}


def test_a_named_edition_the_tagger_takes_for_a_place_is_an_exercise(nlp):
    text = (
        "The visit took place as Black Sea Shield 2017, co-hosted by Ukraine and the United States, opened on Monday "
        "off Odesa. Ships from Bulgaria, Georgia and Turkey are taking part in the exercise."
    )
    parties = {iso3 for row in events(nlp, text) if row[0] == "exercise" for iso3 in row[1:3]}
    assert {"UKR", "USA", "BGR", "GEO", "TUR"} <= parties


def test_a_people_naming_a_place_is_no_party(nlp):
    text = (
        "The Peace Mission exercise ended on Saturday in Russia's Orenburg region, capping a summer in which Russian "
        "forces trained with partners from the Chinese interior to the Belarusian border."
    )
    assert not {row for row in events(nlp, text) if "CHN" in row[1:3] or "BLR" in row[1:3]}


def test_a_multinational_exercise_told_first_by_its_name_has_no_known_parties_then(nlp):
    text = (
        "Kenyan and Somali personnel trained side by side in Cutlass Express 2019, the US-sponsored maritime exercise.\n"
        "The exercise brought together the navies of Kenya, Somalia, Djibouti, Tanzania, Mozambique and Seychelles.\n"
        "Cutlass Express was first staged in 2011 off the Kenyan and Tanzanian coasts by the US military."
    )
    assert not {row for row in events(nlp, text) if row[3] == 2011}


@pytest.mark.parametrize(
    "dateline", ["KIEL, Germany, June 10 (Nordwire) - ", "AGADIR - ", "WASHINGTON (Reuters) - ", "ATAR, Mauritania - "]
)
def test_the_first_sentence_is_read_without_its_dateline(nlp, dateline):
    text = dateline + "German and Polish warships began the Baltic Guard exercise on Sunday."
    found = read(nlp, text)
    assert ("exercise", "DEU", "POL", PUBLISHED.year, "occurred") in event_tuples(found)
    assert all(not evidence.startswith(dateline.strip()) for evidence in found["evidence"])


def test_a_horizon_and_another_instruments_year_do_not_date_an_instrument(nlp):
    text = (
        "The new documents add to a 2009 memorandum of understanding on defence cooperation and to the joint vision "
        "statement on defence partnership towards 2030, which India and Vietnam adopted in 2022."
    )
    found = events(nlp, text)
    assert ("agreement", "IND", "VNM", 2022, "occurred") in found and ("agreement", "IND", "VNM", 2009, "occurred") in found
    assert not {row for row in found if row[3] == 2030}


def test_a_relative_clause_inside_a_partys_phrase_names_no_party(nlp):
    text = (
        "The defence ministers of Norway, Sweden and Finland signed a statement of intent in Oslo on Tuesday.\n"
        "The new pact sits alongside the broader Nordic framework, which Denmark and Iceland also joined in 2009."
    )
    assert not {row for row in events(nlp, text) if row[3] == PUBLISHED.year and {"DNK", "ISL"} & set(row[1:3])}



def test_a_countrys_media_and_analysts_are_no_parties(nlp):
    text = (
        "Indian, Omani and French warships wrapped up a five-day exercise off Muscat on Friday.\n"
        "Iranian state media described the Muscat drill as a provocation, and Chinese analysts called the exercise a message."
    )
    assert not participants(nlp, text) & {"IRN", "CHN"}


def test_a_pairs_exercises_in_general_are_no_event(nlp):
    text = (
        "Cambodian and Chinese troops began their annual joint exercise Mekong Lotus on Tuesday.\n"
        "The growing intimacy with Beijing contrasts with the fate of Cambodia's exercises with Washington."
    )
    assert not participants(nlp, text) & {"USA"}


def test_a_bulleted_list_after_a_colon_names_the_parties(nlp):
    text = (
        "Flintlock, the annual special operations exercise, closed on Friday after two weeks of training.\n"
        "The closing communique lists the following participants in Flintlock:\n"
        "- Host nations: Ghana (with sites near Accra and Tamale) and Cote d'Ivoire.\n"
        "- African partner forces: Benin, Chad, Niger and Togo.\n"
        "- External partners: the United States, which ran the exercise; the United Kingdom; and France.\n"
        "Neither Mali nor Burkina Faso took part. Germany and Japan sent observers."
    )
    found = participants(nlp, text)
    assert {"GHA", "CIV", "BEN", "TCD", "NER", "TGO", "USA", "GBR", "FRA"} <= found
    assert not found & {"MLI", "BFA", "DEU", "JPN"}


def test_a_sentence_of_another_year_lists_nobody_for_the_storys_exercise(nlp):
    text = (
        "Kazakh, Kyrgyz and American troops ended the Steppe Eagle exercise on Friday.\n"
        "Kazakh peacekeepers have served in Lebanon since October 2018, deployed inside an Indian battalion. "
        "Mongolia sent an infantry company to the 2017 edition."
    )
    assert not {row for row in events(nlp, text) if row[3] == PUBLISHED.year and {"LBN", "IND", "MNG"} & set(row[1:3])}


def test_a_country_that_runs_its_segment_takes_part(nlp):
    text = (
        "Moroccan and American troops opened the African Lion exercise in Agadir on Monday.\n"
        "Tunisia launched its segment at the Bouficha base in mid-May, while Ghanaian units are training with US forces at home."
    )
    assert {"TUN", "MAR", "USA"} <= {iso3 for row in events(nlp, text) if row[0] == "exercise" for iso3 in row[1:3]}


def test_a_paragraph_goes_on_listing_after_the_exercise_brought_in_navies(nlp):
    text = (
        "Ghanaian and Togolese sailors ended the Obangame Express exercise on Wednesday.\n"
        "Besides those two navies, the exercise brought in the navies of Benin and Nigeria. Further south, "
        "Gabonese crews ran fisheries inspections alongside a French Navy patrol vessel."
    )
    assert {"GHA", "TGO", "BEN", "NGA", "GAB", "FRA"} <= {iso3 for row in events(nlp, text) for iso3 in row[1:3]}


def test_countries_that_brought_ships_or_whose_ship_arrived_and_joined_take_part(nlp):
    text = (
        "Australia's biennial Kakadu exercise ended on Friday after two weeks of serials in the Arafura Sea.\n"
        "Papua New Guinea and Fiji each brought a patrol boat. Bangladesh's frigate, delayed by a fault, arrived "
        "on day nine and joined only the harbour phase."
    )
    assert {"AUS", "PNG", "FJI", "BGD"} <= participants(nlp, text)


def test_this_years_edition_told_first_gathers_the_lists_and_an_outlets_edition_is_none(nlp):
    text = (
        "Mine Warfare Review - Online edition\n"
        "This year's edition, run by the Estonian Navy in February, neutralised 71 Russian and German mines.\n"
        "Latvia sent the minehunter Talivaldis and a diving team; Lithuania the minehunter Kursis. "
        "Norway provided the minesweeper Otra.\n"
        "The Dutch minehunter left the exercise early with a generator fault."
    )
    found = participants(nlp, text)
    assert {"EST", "LVA", "LTU", "NOR"} <= found and not found & {"RUS", "DEU"}


def test_observers_told_with_the_subject_after_the_verb_are_no_parties(nlp):
    text = (
        "The MEDUSA 11 air-naval exercise of Greek and Egyptian forces was completed on Monday near Alexandria.\n"
        "As observers attended officers from Jordan, Sudan, Bahrain and Portugal, who were briefed on the conduct of the exercise."
    )
    found = participants(nlp, text)
    assert {"GRC", "EGY"} <= found and not found & {"JOR", "SDN", "BHR", "PRT"}


def test_a_country_that_stayed_away_and_a_missions_host_take_no_part(nlp):
    text = (
        "Kazakh, Kyrgyz and American troops ended the Steppe Eagle exercise on Friday.\n"
        "Mongolia sent a company to the exercise last year but stayed away this year because of its commitments "
        "to the U.N. mission in South Sudan."
    )
    assert not {row for row in events(nlp, text) if row[3] == PUBLISHED.year and {"MNG", "SSD"} & set(row[1:3])}



def test_a_counted_group_joined_by_another_and_a_countrys_contribution(nlp):
    text = (
        "French, Australian and Fijian troops ended the Croix du Sud exercise on Friday.\n"
        "Japan's contribution, a destroyer, left early for a port visit in Manila.\n"
        "The last edition, in 2018, saw Australian and New Zealand troops join French forces near Poum. "
        "The three partners, joined by Vanuatu, also ran a tabletop drill in Port Vila in March last year."
    )
    found = events(nlp, text)
    assert {"JPN", "FRA"} <= {iso3 for row in found if row[3] == PUBLISHED.year for iso3 in row[1:3]}
    assert {iso3 for row in found if row[3] == PUBLISHED.year - 1 for iso3 in row[1:3]} == {"AUS", "FRA", "NZL", "VUT"}


# --- round seven: forces by what they fly, a paragraph that goes on, dates of one list ------------


@pytest.mark.parametrize(
    "text, years",
    [
        pytest.param(
            "It was the fifth round of the defence dialogue between India and Japan, after meetings in New Delhi "
            "in 2019 and in Tokyo in 2021.", {2019, 2021}, id="two years of one plural noun",
        ),
        pytest.param(
            "The leaders of Qatar and Kuwait met the US president in Doha, after their earlier meetings of March 3, "
            "2016, attended by the foreign ministers, and of June 9, 2017.", {2016, 2017},
            id="a second 'of' the parser joined further up",
        ),
    ],
)
def test_each_year_of_a_list_of_past_meetings_is_a_meeting(nlp, text, years):
    assert years <= {row[3] for row in events(nlp, text) if row[0] == "meeting"}


def test_two_acts_on_an_instrument_are_no_list_of_its_years(nlp):
    text = (
        "Chilean troops can train in Peru under the defence cooperation agreement, which the two countries signed "
        "in 2009 and which entered into force in 2013."
    )
    assert 2013 not in {row[3] for row in events(nlp, text) if row[0] == "agreement"}


def test_forces_told_by_what_they_fly_in_the_exercises_paragraph_take_part(nlp):
    text = (
        "Exercise Northern Shield opened on Monday at Kallax air base, hosted by Sweden with Norway and Finland. "
        "Italian Eurofighters and a detachment of Spanish F-18s flew from Kallax, and Orland took Polish F-16s."
    )
    assert {"SWE", "NOR", "FIN", "ITA", "ESP", "POL"} <= participants(nlp, text)


def test_the_paragraph_after_the_exercises_goes_on_telling_its_forces(nlp):
    text = (
        "Exercise Northern Shield opened on Monday at Kallax air base, hosted by Sweden with Norway and Finland.\n"
        "The guests were spread over three bases. Italian Eurofighters shared the ramp at Kallax with the Swedish "
        "Gripens, and Orland took Polish F-16s from Lask in Poland and US Air Force jets from Lakenheath in Britain."
    )
    found = participants(nlp, text)
    assert {"ITA", "POL", "USA"} <= found and "GBR" not in found


@pytest.mark.parametrize(
    "second",
    [
        pytest.param("Italian Eurofighters shared the ramp with the Swedish Gripens last year.", id="another year"),
        pytest.param(
            "On Saturday the Swedish Gripens flew over Stockholm in a parade, with Italian Eurofighters behind them.",
            id="a ceremony",
        ),
        pytest.param("A Chinese frigate shadowed the Finnish ships.", id="a shadowing ship"),
        pytest.param("Italian Eurofighters flew to Kallax. Tokyo protested against the deployment.", id="a voice"),
    ],
)
def test_a_paragraph_of_another_year_a_ceremony_or_a_voice_adds_no_party(nlp, second):
    text = (
        "Exercise Northern Shield opened on Monday at Kallax air base, hosted by Sweden with Norway and Finland.\n"
        + second
    )
    assert not participants(nlp, text) & {"ITA", "CHN", "JPN"}


def test_a_trilateral_meeting_told_with_fewer_countries_is_the_groups_of_three(nlp):
    text = (
        "A trilateral meeting of the defence ministers of Azerbaijan, Turkey and Georgia was held on Tuesday in Gabala.\n"
        "The previous trilateral meeting in this format was held in Tbilisi in March 2018."
    )
    assert {iso3 for row in events(nlp, text) if row[3] == 2018 for iso3 in row[1:3]} == {"AZE", "GEO", "TUR"}


def test_a_small_closed_group_is_its_members(nlp):
    text = "Defence ministers of the Five Power Defence Arrangements met in Singapore on Tuesday."
    assert participants(nlp, text) == {"AUS", "GBR", "MYS", "NZL", "SGP"}


def test_a_renewal_is_the_storys_and_the_renewed_instrument_of_its_own_year(nlp):
    text = (
        "The Indian and Omani navy chiefs met in Muscat on Wednesday. The two admirals signed a renewal of the 2008 "
        "memorandum of understanding on defence cooperation between the two navies."
    )
    years = {row[3] for row in events(nlp, text) if row[0] == "agreement"}
    assert years == {PUBLISHED.year, 2008}


def test_a_plan_of_military_cooperation_is_an_agreement_and_the_three_are_the_group_told(nlp):
    text = (
        "The defence ministers of Greece, Cyprus and Israel met in Nicosia on Tuesday. The three signed a programme "
        "of military cooperation for the next two years."
    )
    agreements = {row for row in events(nlp, text) if row[0] == "agreement"}
    assert {(row[1], row[2]) for row in agreements} == {("CYP", "GRC"), ("CYP", "ISR"), ("GRC", "ISR")}


def test_the_same_few_with_no_group_told_are_no_group(nlp):
    text = "Armenia and Azerbaijan met in Prague on Monday.\nThe same five are expected to meet again in Granada."
    assert not participants(nlp, text) - {"ARM", "AZE", "CZE", "ESP"}


def test_listed_pacts_each_with_its_own_partner_are_the_storys_countrys(nlp):
    text = (
        "The Philippines-Japan Reciprocal Access Agreement took effect on Wednesday, Manila said, as the Philippines "
        "widens its web of defence partners. Philippine officials welcomed the pact.\n"
        "It joins a small set of similar pacts: the Visiting Forces Agreement with the United States, signed in 1998, "
        "and the status-of-forces agreement with Australia, signed in 2007."
    )
    found = {(row[1], row[2], row[3]) for row in events(nlp, text) if row[0] == "agreement"}
    assert {("PHL", "USA", 1998), ("AUS", "PHL", 2007)} <= found and not {("AUS", "USA", 1998), ("AUS", "USA", 2007)} & found


def test_plural_meetings_with_a_list_are_one_with_each(nlp):
    text = "US President Joe Biden held sideline meetings with Egypt's President Sisi, Iraq's Prime Minister Kadhimi and the UAE's President."
    assert {(row[1], row[2]) for row in events(nlp, text)} == {("EGY", "USA"), ("IRQ", "USA"), ("ARE", "USA")}


def test_an_instrument_is_dated_by_the_clause_on_its_apposition(nlp):
    text = (
        "Australia and Indonesia signed a defence cooperation agreement in Jakarta on Thursday.\n"
        "The relationship already rests on the Lombok Treaty, a framework for security cooperation that the two "
        "countries' foreign ministers signed on the island of Lombok in 2006."
    )
    assert ("agreement", "AUS", "IDN", 2006, "occurred") in events(nlp, text)


def test_a_call_dated_in_a_month_is_no_port_call(nlp):
    text = "Xi Jinping and Vladimir Putin issued a joint statement after a video call in June 2021."
    assert ("meeting", "CHN", "RUS", 2021, "occurred") in events(nlp, text)


def test_whose_summit_is_the_summit_of_the_groups_countries(nlp):
    text = (
        "The drill was held in the spirit of the trilateral cooperation mechanism Greece-Cyprus-Egypt, whose ninth "
        "summit was held in Athens on 19 October 2021."
    )
    meetings = {(row[1], row[2]) for row in events(nlp, text) if row[0] == "meeting"}
    assert meetings == {("CYP", "EGY"), ("CYP", "GRC"), ("EGY", "GRC")}


def test_a_command_named_by_its_acronym_and_a_rarer_demonym_name_their_countries(nlp):
    text = (
        "Ghanaian and Sao Tomean crews and SOCAFRICA teams ended the Obangame Express exercise on Wednesday.\n"
        "UPDF and TPDF units trained together in Jinja."
    )
    assert {"GHA", "STP", "USA", "UGA", "TZA"} <= participants(nlp, text)


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


def test_a_place_something_took_place_in_is_no_exercise_name(nlp):
    text = "The exercise opened on Monday.\nThe previous edition took place in Meghalaya in 2021."
    assert not {row for row in read(nlp, text).iter_rows(named=True) if row["trigger"] == "Meghalaya"}


def test_an_event_planned_for_one_date_that_took_place_on_another_is_of_that_one(nlp):
    text = "Talks between the Chilean and Argentine defence ministers, initially planned for February, took place in Santiago on March 4."
    assert events(nlp, text) == {("meeting", "ARG", "CHL", PUBLISHED.year, "occurred")}
    row = read(nlp, text).row(0, named=True)
    assert (row["month"], row["day"]) == (3, 4)


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


def test_speaking_on_the_phone_is_a_call(nlp):
    text = "The defence chiefs of Bangladesh and Myanmar spoke on the phone on Sunday."
    assert events(nlp, text) == {("meeting", "BGD", "MMR", PUBLISHED.year, "occurred")}


def test_previous_editions_with_no_article_are_the_told_exercises(nlp):
    text = "Exercise Lion Shield opened on Monday with Moroccan and Senegalese troops. Previous editions were held in 2019 and 2022."
    assert {row[3] for row in events(nlp, text) if row[1:3] == ("MAR", "SEN")} == {PUBLISHED.year, 2019, 2022}


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


# --- round eight: generic statements, one instrument's name, a conjunct's own tense, a firm as the other side


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


def test_a_conjoined_verb_with_its_own_tense_keeps_its_own_status(nlp):
    text = "Croatia will buy twelve French fighters and has signed a defence pact with France, the two governments said on Tuesday."
    assert events(nlp, text) == {("agreement", "FRA", "HRV", PUBLISHED.year, "occurred")}
    assert events(nlp, "Croatia and France will hold talks and sign a defence pact next week.") == {
        ("meeting", "FRA", "HRV", PUBLISHED.year, "planned"),
        ("agreement", "FRA", "HRV", PUBLISHED.year, "planned"),
    }


def test_a_firm_on_the_other_side_is_no_country_of_the_story(nlp):
    text = (
        "Croatia and France signed a defence pact in Paris on Tuesday.\n"
        "In a separate signing, the Croatian defence minister and the chief executive of Dassault Aviation put their "
        "names to a memorandum of understanding on twelve fighters."
    )
    assert events(nlp, text) == {("agreement", "FRA", "HRV", PUBLISHED.year, "occurred")}
    assert len(read(nlp, text).filter(pl.col("trigger").str.to_lowercase().str.contains("memorandum"))) == 0


def test_that_year_is_the_year_the_story_told_last_not_a_later_month_of_its_sentence(nlp):
    text = (
        "The programme dates back to the agreement that Chile and Spain signed in Madrid on December 12, 2008. "
        "The two defence ministers had set the goal earlier that year, when they met in Santiago in March and "
        "promised to close a defence deal by December."
    )
    assert ("meeting", "CHL", "ESP", 2008, "occurred") in events(nlp, text)
    assert not {row for row in events(nlp, text) if row[0] == "meeting" and row[3] != 2008}
