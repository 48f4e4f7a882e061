"""Tests of transforms/extract/event_dates.py, on sentences written for them and read by the real pipeline: the year
of an event, lists of years and editions as events of their own, and dates counted from other dates."""

from datetime import date

import polars as pl
import pytest

from reading import PUBLISHED, events, read
from transforms.extract.event_dates import date_candidates, listed_years


def test_a_list_of_years_gives_one_event_a_year(nlp):
    text = "Mongolia and Kazakhstan held defence talks in 2013, 2017 and 2018."
    assert events(nlp, text) == {("meeting", "KAZ", "MNG", year, "occurred") for year in (2013, 2017, 2018)}


def test_years_each_with_its_preposition_are_a_list(nlp):
    text = "Indonesia and Malaysia held joint naval exercises in 2016 and in 2018."
    assert events(nlp, text) == {("exercise", "IDN", "MYS", year, "occurred") for year in (2016, 2018)}


def test_years_each_with_its_place_are_a_list(nlp):
    """The parser hangs "in 2014" and "in 2016" each on the verb: with "and" between them, they are still a list."""
    text = "Kazakh and Mongolian troops trained together in Steppe Falcon, which was held in Mongolia in 2014 and in Kazakhstan in 2016."
    assert {event[3] for event in events(nlp, text)} == {2014, 2016}


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


def test_that_same_year_is_the_year_before_it(nlp):
    text = "Oman and India signed a naval pact in March 2019. Their navies held a first joint drill off Muscat that same year."
    assert ("exercise", "IND", "OMN", 2019, "occurred") in events(nlp, text)


def test_when_an_exercise_ends_does_not_date_it(nlp):
    text = (
        "Thai and American troops opened the Cobra Gold exercise on Tuesday.\n"
        "Co-hosted by the Royal Thai Armed Forces and US Indo-Pacific Command, the exercise runs until March 20."
    )
    assert {row[3] for row in events(nlp, text)} == {PUBLISHED.year}


def test_a_horizon_and_another_instruments_year_do_not_date_an_instrument(nlp):
    text = (
        "The new documents add to a 2009 memorandum of understanding on defence cooperation and to the joint vision "
        "statement on defence partnership towards 2030, which India and Vietnam adopted in 2022."
    )
    found = events(nlp, text)
    assert ("agreement", "IND", "VNM", 2022, "occurred") in found and ("agreement", "IND", "VNM", 2009, "occurred") in found
    assert not {row for row in found if row[3] == 2030}


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


def test_a_renewal_is_the_storys_and_the_renewed_instrument_of_its_own_year(nlp):
    text = (
        "The Indian and Omani navy chiefs met in Muscat on Wednesday. The two admirals signed a renewal of the 2008 "
        "memorandum of understanding on defence cooperation between the two navies."
    )
    years = {row[3] for row in events(nlp, text) if row[0] == "agreement"}
    assert years == {PUBLISHED.year, 2008}


def test_an_instrument_is_dated_by_the_clause_on_its_apposition(nlp):
    text = (
        "Australia and Indonesia signed a defence cooperation agreement in Jakarta on Thursday.\n"
        "The relationship already rests on the Lombok Treaty, a framework for security cooperation that the two "
        "countries' foreign ministers signed on the island of Lombok in 2006."
    )
    assert ("agreement", "AUS", "IDN", 2006, "occurred") in events(nlp, text)


def test_an_event_planned_for_one_date_that_took_place_on_another_is_of_that_one(nlp):
    text = "Talks between the Chilean and Argentine defence ministers, initially planned for February, took place in Santiago on March 4."
    assert events(nlp, text) == {("meeting", "ARG", "CHL", PUBLISHED.year, "occurred")}
    row = read(nlp, text).row(0, named=True)
    assert (row["month"], row["day"]) == (3, 4)


def test_that_year_is_the_year_the_story_told_last_not_a_later_month_of_its_sentence(nlp):
    text = (
        "The programme dates back to the agreement that Chile and Spain signed in Madrid on December 12, 2008. "
        "The two defence ministers had set the goal earlier that year, when they met in Santiago in March and "
        "promised to close a defence deal by December."
    )
    assert ("meeting", "CHL", "ESP", 2008, "occurred") in events(nlp, text)
    assert not {row for row in events(nlp, text) if row[0] == "meeting" and row[3] != 2008}


def test_a_paragraph_that_tells_the_past_goes_on_in_its_year(nlp):
    text = (
        "South Korea, Japan and the United States signed a memorandum in Tokyo on Sunday.\n"
        "The trilateral push took shape at Camp David in August last year, when the United States hosted South Korea "
        "and Japan for their first summit. The three leaders issued a joint statement on security."
    )
    found = events(nlp, text)
    assert ("meeting", "JPN", "KOR", 2023, "occurred") in found  # one summit of the three, not two receptions
    assert ("agreement", "JPN", "KOR", 2023, "occurred") in found


def test_a_paragraph_that_also_tells_the_present_keeps_the_publication_year(nlp):
    text = (
        "Before the summit, US President Biden held separate meetings with two leaders. He saw Egyptian President Sisi, "
        "whom he had only spoken to by telephone on May 20 last year. Biden also met Iraqi Prime Minister Mustafa al-Kadhimi."
    )
    assert ("meeting", "IRQ", "USA", 2024, "occurred") in events(nlp, text)


def test_the_following_day_counts_from_the_date_before(nlp):
    text = (
        "On 6 December the Kenyan defence minister telephoned his Ugandan counterpart. The following day, Kenyan and "
        "Ugandan aircraft carried out joint flight operations over Lake Victoria."
    )
    found = read(nlp, text, published=date(2024, 1, 10))
    assert set(found.filter(pl.col("event_type") == "exercise").select("year", "month", "day").iter_rows()) == {(2023, 12, 7)}


@pytest.mark.parametrize(
    "text, year",
    [
        ("The Kenyan and Ugandan air forces have held the Lake Hawk exercise since 2015, when the first edition was staged at Entebbe.", 2015),
        ("Kenya and Uganda have held defence talks every year since 2018.", 2018),
    ],
)
def test_a_series_held_since_a_year_is_an_event_of_that_year(nlp, text, year):
    """"Have held X since 2015" tells of a series: its one dated edition is the first, not one of the publication's year."""
    assert {event[3] for event in events(nlp, text)} == {year}


def test_a_year_the_entity_recogniser_misses_dates_the_event(nlp):
    text = (
        "The high point was the Kenyan president's visit to Kampala as guest of honour at the 2019 Heroes Day parade, "
        "when he and the Ugandan president signed a defence cooperation agreement."
    )
    assert events(nlp, text) == {("meeting", "KEN", "UGA", 2019, "occurred"), ("agreement", "KEN", "UGA", 2019, "occurred")}


def test_a_count_of_troops_is_no_year(nlp):
    text = "Kenya and Uganda held a joint exercise near Busia on Friday with 2000 soldiers."
    assert {event[3] for event in events(nlp, text)} == {2024}


def test_a_year_that_labels_an_instrument_is_not_the_date_the_next_day_counts_from(nlp):
    text = (
        "Kenyan and Ugandan warships began a joint exercise on Lake Victoria on Monday.\n"
        "The two admirals signed a renewal of the 2008 memorandum of understanding on defence cooperation between the two navies.\n"
        "The following day, Kenya's defence minister spoke by telephone with Uganda's defence minister."
    )
    found = read(nlp, text, published=date(2025, 2, 19))
    assert set(found.filter(pl.col("event_type") == "meeting").select("year", "month", "day").iter_rows()) == {(2025, 2, 18)}


def test_a_date_of_an_act_since_which_an_event_is_counted_is_not_the_events(nlp):
    """"The first time they had met since signing a statement last September": the statement is of last September,
    the meeting of the story's time."""
    text = (
        "The Kenyan and Ugandan defence ministers held talks in Entebbe. It was the first time they had met in person "
        "since signing a statement of intent on border security last September."
    )
    found = read(nlp, text, published=date(2021, 6, 11))
    assert set(found.select("event_type", "year").iter_rows()) == {("meeting", 2021), ("agreement", 2020)}
