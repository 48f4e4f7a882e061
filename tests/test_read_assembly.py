"""Tests of transforms/extract/mentions.py and names.py, on articles written for them and read by the real pipeline:
how an article's sentences are put together (the story's exercise, lists that go on across sentences and paragraphs,
editions of a told exercise, headings and datelines) and the exercises it names.

Over 400 lines on purpose: each case is a short article of several paragraphs, as assembly needs."""

from datetime import date

import polars as pl
import pytest

from reading import PUBLISHED, event_tuples, events, participants, read
from transforms.extract.names import NAMED_EXERCISE, exercise_names, mark_named_exercises


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


def test_a_breadcrumb_is_no_story_exercise(nlp):
    """"Home > Defence > Exercises" has no clause: a list of troops sent after it is not that heading's."""
    text = "Home > Defence > Exercises\nThe border has been calm. Ghana and Togo sent troops to the flood zone last week."
    assert events(nlp, text) == set()


def test_a_named_exercise_is_a_trigger(nlp):
    assert events(nlp, "Jordanian and Emirati troops began Exercise Falcon on Sunday.") == {("exercise", "ARE", "JOR", 2024, "occurred")}


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


def test_another_named_exercise_in_a_sentence_on_the_story_contingent_stands_alone(nlp):
    text = (
        "Exercise Pitch Black began in Darwin on Friday with forces from Australia, India, France and Japan.\n"
        "The Indian contingent flew in from Malaysia, where it had just completed Udara Shakti, the first bilateral "
        "exercise between the Indian Air Force and the Royal Malaysian Air Force."
    )
    frame = read(nlp, text)
    assert {tuple(row) for row in frame["participants"].to_list()} == {("AUS", "FRA", "IND", "JPN"), ("IND", "MYS")}


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


def test_an_aircraft_designation_is_no_edition(nlp):
    text = "Chile and Brazil closed the Southern Sky exercise on Friday.\nBrazilian F-39 Gripens flew alongside Chilean F-16s in the exercise."
    assert {row[3] for row in events(nlp, text) if row[0] == "exercise"} == {PUBLISHED.year}


def test_a_heading_or_a_trail_of_sections_tells_no_event(nlp):
    text = (
        "Home > Defence > Exercises\n"
        "Ghanaian and Togolese sailors ended a joint patrol exercise off Lome on Friday.\n"
        "A NEW AGREEMENT\n"
        "On the closing day the two navies signed a memorandum on information sharing."
    )
    evidence = set(read(nlp, text)["evidence"].to_list())
    assert evidence and not evidence & {"Home > Defence > Exercises", "A NEW AGREEMENT"}


def test_a_body_an_earlier_meeting_named_meets_with_its_parties(nlp):
    text = (
        "Greece and Cyprus signed a naval pact in Nicosia on Monday. The Greek and Cypriot ministers also met there.\n"
        "The Greek prime minister and the Turkish president are expected to meet in Athens in May for a session "
        "of the High-Level Cooperation Council between the two countries. The council last met in Izmir in 2016."
    )
    assert ("meeting", "GRC", "TUR", 2016, "occurred") in events(nlp, text)


def test_a_named_edition_the_tagger_takes_for_a_place_is_an_exercise(nlp):
    text = (
        "The visit took place as Black Sea Shield 2017, co-hosted by Ukraine and the United States, opened on Monday "
        "off Odesa. Ships from Bulgaria, Georgia and Turkey are taking part in the exercise."
    )
    parties = {iso3 for row in events(nlp, text) if row[0] == "exercise" for iso3 in row[1:3]}
    assert {"UKR", "USA", "BGR", "GEO", "TUR"} <= parties


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


def test_a_paragraph_goes_on_listing_after_the_exercise_brought_in_navies(nlp):
    text = (
        "Ghanaian and Togolese sailors ended the Obangame Express exercise on Wednesday.\n"
        "Besides those two navies, the exercise brought in the navies of Benin and Nigeria. Further south, "
        "Gabonese crews ran fisheries inspections alongside a French Navy patrol vessel."
    )
    assert {"GHA", "TGO", "BEN", "NGA", "GAB", "FRA"} <= {iso3 for row in events(nlp, text) for iso3 in row[1:3]}


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


def test_a_place_something_took_place_in_is_no_exercise_name(nlp):
    text = "The exercise opened on Monday.\nThe previous edition took place in Meghalaya in 2021."
    assert not {row for row in read(nlp, text).iter_rows(named=True) if row["trigger"] == "Meghalaya"}


def test_previous_editions_with_no_article_are_the_told_exercises(nlp):
    text = "Exercise Lion Shield opened on Monday with Moroccan and Senegalese troops. Previous editions were held in 2019 and 2022."
    assert {row[3] for row in events(nlp, text) if row[1:3] == ("MAR", "SEN")} == {PUBLISHED.year, 2019, 2022}


def test_a_dateless_drill_told_by_the_forces_of_new_countries_is_the_storys_exercise(nlp):
    """"Nigerian and Nigerien commandos trained alongside them": the story's exercise told by its forces, whose
    countries join it (and the forces of the sentence's other clause), not a second exercise."""
    text = (
        "Forces from Ghana and Togo opened the Sea Lion exercise on Monday.\n"
        "Nigerian and Nigerien commandos trained alongside them at the range, while Beninese teams were based at the coast."
    )
    assert participants(nlp, text) == {"BEN", "GHA", "NER", "NGA", "TGO"}
    assert {event[3] for event in events(nlp, text)} == {2024}
    assert len(events(nlp, text)) == 10


def test_a_sentence_on_the_storys_exercise_told_by_forces_adds_them_all(nlp):
    """"Beninese and Ivorian platoons trained alongside the Togolese battalion for the whole exercise": every force
    of a sentence on the story's exercise takes part, wherever the parser hung the exercise word."""
    text = (
        "Forces from Ghana and Togo opened the Sea Lion exercise on Monday.\n"
        "Beninese and Ivorian peacekeeping platoons trained alongside the Togolese battalion for the whole exercise."
    )
    exercises = {row for row in events(nlp, text) if row[0] == "exercise"}
    assert {country for row in exercises for country in row[1:3]} == {"BEN", "CIV", "GHA", "TGO"}
    assert len(exercises) == 6 and {row[3] for row in exercises} == {2024}


def test_forces_a_noun_phrase_denies_take_no_part(nlp):
    """"no build-up of Nigerian forces": a sentence on the exercise that denies forces names no party."""
    text = (
        "Forces from Ghana and Togo opened the Sea Lion exercise on Monday.\n"
        "The general who leads the exercise said there was no build-up of Nigerian forces along the border."
    )
    assert {row for row in events(nlp, text) if row[0] == "exercise"} == {("exercise", "GHA", "TGO", 2024, "occurred")}


@pytest.mark.parametrize(
    "second",
    [
        "Mali and Burkina Faso, once regular participants, were not part of this year's edition.",
        "Mali and Burkina Faso were absent from this year's drill.",
    ],
)
def test_countries_not_part_of_or_absent_from_the_exercise_take_no_part(nlp, second):
    text = f"Forces from Ghana and Togo opened the Sea Lion exercise on Monday.\n{second}"
    assert participants(nlp, text) == {"GHA", "TGO"}


def test_a_person_the_article_knows_is_no_exercise_name(nlp):
    """"Theresa May had hosted Macron at Sandhurst" in a story that tells of exercises: a person, not an exercise
    told by its name."""
    text = (
        "Emmanuel Macron's state visit to Britain ended on Thursday.\n"
        "In April 2016 some 5,500 British and French troops drilled together on Exercise Griffin Strike.\n"
        "The two countries did not hold another summit until 2023, five years after Theresa May had hosted Macron at Sandhurst."
    )
    assert {event for event in events(nlp, text) if event[0] == "exercise"} == {("exercise", "FRA", "GBR", 2016, "occurred")}


def test_a_name_in_apposition_to_the_exercise_word_names_it(nlp):
    """"Their first bilateral exercise, Al-Mohed Al-Hindi, off Al Jubail": the name, hyphens and all."""
    text = (
        "The Indian Navy and the Royal Saudi Naval Forces held their first bilateral exercise, Al-Mohed Al-Hindi, "
        "off Al Jubail in August 2021."
    )
    assert events(nlp, text) == {("exercise", "IND", "SAU", 2021, "occurred")}
    assert ("Al", "Mohed", "Al", "Hindi") in exercise_names([nlp(text)])


def test_an_edition_is_of_the_exercise_its_paragraph_has_just_told(nlp):
    text = (
        "Saudi and Indian soldiers opened a joint exercise in Rajasthan on Monday.\n"
        "The Indian Navy and the Royal Saudi Naval Forces held their first bilateral exercise, Al-Mohed Al-Hindi, off "
        "Al Jubail in August 2021. The second edition followed off the same port in May 2023."
    )
    assert ("exercise", "IND", "SAU", 2023, "occurred") in events(nlp, text)


def test_a_named_exercise_with_a_day_of_its_own_keeps_its_list_apart_from_the_storys(nlp):
    """The story's exercise has no name; "Desert Knight", on another day, is another exercise, and the fighters
    that joined it are its parties, not the story's."""
    text = (
        "Saudi and Indian soldiers opened a joint exercise in Rajasthan on Monday.\n"
        "On 23 January, Indian Su-30MKI fighters joined French Rafales and UAE Air Force F-16s over the Arabian Sea "
        "for Desert Knight, a one-day trilateral air exercise."
    )
    found = events(nlp, text)
    assert ("exercise", "IND", "SAU", 2024, "occurred") in found
    assert not {event for event in found if "SAU" in event and ("FRA" in event or "ARE" in event)}


def test_a_country_that_takes_no_part_is_no_party(nlp):
    text = (
        "Kazakhstan sent troops to the bloc's exercise in Belarus in September, alongside Russian and Kyrgyz units.\n"
        "Uzbekistan, which suspended its membership in 2012, takes no part in the bloc's drills."
    )
    assert "UZB" not in participants(nlp, text)


@pytest.mark.parametrize(
    "history, year, parties",
    [
        ("India first took part in May 2019 at Lamu, alongside Kenyan and Tanzanian vessels.", 2019, {"IND", "KEN", "TZA"}),
        ("Dutch and Belgian minehunters joined the Kenyan navy in 2017.", 2017, {"BEL", "KEN", "NLD"}),
    ],
)
def test_taking_part_in_a_past_year_tells_an_edition_of_that_year(nlp, history, year, parties):
    """A clause with no event word but a verb of taking part, a past date and parties is an edition of the story's exercise."""
    text = f"Kenyan, Tanzanian and Indian warships began the annual Blue Harbour naval exercise off Mombasa on Monday.\n{history}"
    found = read(nlp, text)
    assert {iso3 for row in found.filter(pl.col("year") == year)["participants"] for iso3 in row} == parties


def test_joining_an_organisation_is_no_edition(nlp):
    text = (
        "Kenyan and Tanzanian warships began the annual Blue Harbour naval exercise off Mombasa on Monday.\n"
        "Kenya and Tanzania joined the Indian Ocean Commission in 2017."
    )
    assert {event[3] for event in events(nlp, text)} == {2024}


def test_earlier_editions_of_a_named_drill_exclude_its_newcomers(nlp):
    """"Lake Shield was first staged in 2015 as a border drill": the drill is Lake Shield's, so its editions take the
    exercise's parties, but not the Rwandan team that joins "for the first time"."""
    text = (
        "Kenyan and Ugandan troops began the annual Lake Shield exercise on Monday, with a Rwandan engineering team "
        "joining the drill for the first time.\n"
        "Lake Shield was first staged in 2015 as a border security drill, and was also held in 2018 and 2021."
    )
    found = events(nlp, text)
    assert {("exercise", "KEN", "UGA", year, "occurred") for year in (2015, 2018, 2021)} <= found
    assert {event[3] for event in found if "RWA" in event} == {2024}


def test_with_no_publication_date_an_undated_exercise_is_not_a_dated_one(nlp):
    """With no publication date nothing current has a year: an exercise told without one is not the 2020 one."""
    text = (
        "Kenyan and Ugandan troops held a joint exercise in December 2020.\n"
        "Last month, Kenyan and Ugandan ships took part in a naval exercise off Mombasa alongside Indian ships."
    )
    found = read(nlp, text, published=None)
    assert "IND" not in {iso3 for row in found.filter(pl.col("year") == 2020)["participants"] for iso3 in row}



def test_it_with_a_past_year_after_a_told_exercise_is_an_edition(nlp):
    """"In 2022 it opened ... with troops from A and B", in a paragraph that has just told the exercise: the
    edition of 2022, whose forces are no parties of this year's."""
    text = (
        "Moroccan and American troops opened the African Lion exercise in Agadir on Monday.\n"
        "The exercise came back in June 2021, when more than 7,000 troops trained in Morocco and Tunisia. "
        "In 2022 it opened in Agadir with troops from Brazil, France and Britain."
    )
    found = read(nlp, text)
    assert {("BRA", "FRA"), ("BRA", "GBR"), ("FRA", "GBR")} <= set(found.filter(pl.col("year") == 2022).select("country_a", "country_b").iter_rows())
    assert {iso3 for row in found.filter(pl.col("year") == PUBLISHED.year)["participants"] for iso3 in row} == {"MAR", "USA"}


def test_a_paragraph_on_the_current_exercise_that_tells_only_forces_adds_them(nlp):
    text = (
        "Norwegian and American troops began the Cold Response exercise near Narvik on Monday.\n"
        "The exercise area stretches from the fjords north to Bardufoss. Footage released this week showed Norwegian, "
        "Swedish, Finnish and Italian troops pushing through deep snow."
    )
    assert participants(nlp, text) == {"FIN", "ITA", "NOR", "SWE", "USA"}


def test_the_longest_name_is_read_whatever_the_order_of_the_names(nlp):
    """A name and its own first word both known ("Lake Shield", "Lake"): the trigger is the whole name, on every run."""
    doc = nlp("Kenyan troops returned home after Lake Shield 2025 ended near Jinja.")
    for names in ([("Lake",), ("Lake", "Shield")], [("Lake", "Shield"), ("Lake",)]):
        mark_named_exercises(doc, dict.fromkeys(names).keys(), about_exercises=False)
        assert [span.text for span in doc.spans[NAMED_EXERCISE]] == ["Lake Shield"]
