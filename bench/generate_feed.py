"""A synthetic news feed for the benchmark, with the events it plants as gold.

Over 400 lines on purpose: most of it is the story templates, one small function a kind of story, which
are data more than code; split, they would only be harder to compare.

    python -m bench.generate_feed OUT --articles 2000 [--relevant-share 0.1] [--seed 7] [--first-index 0]

writes OUT/feed/articles-<first index>.jsonl (one JSON record a line: id, title,
text, published, source; shards of SHARD_SIZE records) and OUT/gold.jsonl (the
events.md gold format, one record for every article, keyed like the warehouse:
`articles-0000000.jsonl#a0000009`). With --first-index K the articles K, K+1, ...
are added to an existing feed: new shard files, gold records appended.

A relevant article tells of one to three defense-diplomacy events between real
countries (meetings, joint exercises, agreements, with explicit dates), written
from general templates around country names, demonyms and capitals of
data/reference/country_aliases.csv; the rest of the feed is news that holds no
such event (sport, weather, markets, local politics), some of it naming
countries and some of it using "meeting" or "visit" in their everyday senses;
one market report in ten does both ("the central bank's policy meeting").
Article i is relevant when floor((i + 1) * share) > floor(i * share), so any
range of articles holds its share of relevant ones; its text depends only on
the seed and i, so a feed is the same on every machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
ALIASES = PROJECT_DIR / "data" / "reference" / "country_aliases.csv"
COUNTRY_CODES = PROJECT_DIR / "dbt_project" / "seeds" / "country_codes.csv"
SHARD_SIZE = 500
FIRST_PUBLISHED = date(2015, 1, 1)
PUBLISHED_DAYS = 10 * 365
# English puts "the" before plural names and names built on a common noun ("the United Kingdom").
NAME_WORDS_WITH_THE = {"United", "Kingdom", "Republic", "Islands", "Emirates", "Federation", "States"}


@dataclass(frozen=True)
class CountryNames:
    """What the gazetteer calls a country."""

    iso3: str
    name: str
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Country:
    """A country as one article names it: one of its demonyms and capitals, kept for the whole story."""

    iso3: str
    name: str
    demonym: str
    capital: str

    @property
    def the_name(self) -> str:
        words = self.name.split()
        plural = len(words) == 1 and self.name.endswith(("ines", "ands", "ives", "mas"))
        return f"the {self.name}" if plural or set(words) & NAME_WORDS_WITH_THE else self.name


def pick_countries(rng: random.Random, k: int) -> list[Country]:
    return [
        Country(names.iso3, names.name, rng.choice(names.demonyms), rng.choice(names.capitals))
        for names in rng.sample(countries(), k)
    ]


@cache
def countries() -> tuple[CountryNames, ...]:
    """Sovereign states (a Correlates of War code) with a name, a demonym and a capital in the gazetteer.

    The name is the common short name of the country-code seed when the gazetteer knows it, else
    the gazetteer's shortest name.
    """
    aliases: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with open(ALIASES, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases[row["iso3"]][row["kind"]].append(row["alias"])
    with open(COUNTRY_CODES, newline="", encoding="utf-8") as handle:
        codes = {row["iso3"]: row for row in csv.DictReader(handle)}
    found = []
    for iso3, kinds in sorted(aliases.items()):
        code = codes.get(iso3)
        if not code or not code["cow_code"] or not (kinds["name"] and kinds["demonym"] and kinds["capital"]):
            continue
        common = code["name"] if code["name"] in kinds["name"] + kinds["short"] else min(kinds["name"], key=len)
        found.append(CountryNames(iso3, common, tuple(kinds["demonym"]), tuple(kinds["capital"])))
    return tuple(found)


@cache
def _gazetteer_words() -> frozenset[str]:
    with open(ALIASES, newline="", encoding="utf-8") as handle:
        return frozenset(word for row in csv.DictReader(handle) for word in row["alias"].split())


_GIVEN = """Anna Maria Elena Sofia Laura Clara Irene Nadia Helena Julia Rosa Marta Lena Vera Alice Ines
Paul Daniel Thomas Michael Peter David Martin Lucas Marco Stefan Andrew Victor Samuel Adrian Oscar Hugo
Ravi Arjun Kenji Hiroshi Minh Budi Ahmed Omar Tariq Kwame Emeka Jorge Pablo Mateo Ivan Nikolai""".split()
_FAMILY = """Keller Moreau Novak Santos Lindqvist Okafor Haddad Tanaka Nguyen Kowalski Petrov Fernandes
Brennan Castillo Rahman Suzuki Halvorsen Mensah Ortega Dubois Varga Yilmaz Kapoor Wolff Sato Pereira
Lambert Horvat Ramos Weber Costa Iqbal Sandoval Marchetti Abara Takeda Lund Quinn Barros Anand Ferreira""".split()


@cache
def _names() -> tuple[list[str], list[str]]:
    """Given and family names that are no word of a country alias: such a name would read as a country."""
    words = _gazetteer_words()
    return [name for name in _GIVEN if name not in words], [name for name in _FAMILY if name not in words]


def _person(rng: random.Random) -> str:
    given, family = _names()
    return f"{rng.choice(given)} {rng.choice(family)}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# Not strftime's %B, which follows the machine's locale.
MONTHS = "January February March April May June July August September October November December".split()


def _month(value: date) -> str:
    return MONTHS[value.month - 1]


def _day(value: date, rng: random.Random) -> str:
    return rng.choice([f"{_month(value)} {value.day}, {value.year}", f"{value.day} {_month(value)} {value.year}"])


# ---------------------------------------------------------------- relevant articles


@dataclass
class Story:
    """What a relevant article is about, and the events it has planted so far."""

    rng: random.Random
    index: int
    published: date
    a: Country
    b: Country
    events: list[dict]

    def event(self, kind: str, subtype: str, when: date | int, parties: list[Country], status: str = "occurred",
              place: str | None = None, place_country: Country | None = None) -> None:
        year, month, day = (when, None, None) if isinstance(when, int) else (when.year, when.month, when.day)
        self.events.append({
            "type": kind, "countries": sorted({c.iso3 for c in parties}), "year": year, "month": month, "day": day,
            "status": status, "subtype": subtype,
            "location": {"place": place, "country": place_country.iso3 if place_country else None},
            "event_key": f"synthetic-{self.index}-{len(self.events)}", "optional": False,
        })

    def recent(self) -> date:
        """A day of the week before publication, in the same year: an undated follow-up takes the report's year."""
        return max(self.published - timedelta(days=self.rng.randint(1, 6)), date(self.published.year, 1, 1))


def _ministers_meeting(s: Story) -> tuple[str, list[str]]:
    when, host = s.recent(), s.rng.choice([s.a, s.b])
    guest = s.b if host is s.a else s.a
    pa, pb = _person(s.rng), _person(s.rng)
    s.event("meeting", "ministers", when, [s.a, s.b], place=host.capital, place_country=host)
    lead = s.rng.choice([
        f"{guest.demonym} Defence Minister {pa} met his {host.demonym} counterpart {pb} in {host.capital} on {_day(when, s.rng)}, "
        f"the {host.demonym} defence ministry said.",
        f"The defence ministers of {s.a.the_name} and {s.b.the_name} held talks in {host.capital} on {_day(when, s.rng)}, "
        f"their first meeting since {pa} took office.",
    ])
    return f"{s.a.name} and {s.b.name} defence chiefs hold talks", [lead]


def _leaders_meeting(s: Story) -> tuple[str, list[str]]:
    when = s.recent()
    pa, pb = _person(s.rng), _person(s.rng)
    s.event("meeting", "leaders", when, [s.a, s.b], place=s.b.capital, place_country=s.b)
    lead = (f"{s.a.demonym} Prime Minister {pa} held talks with {s.b.demonym} President {pb} in {s.b.capital} "
            f"on {_day(when, s.rng)}, with defence cooperation high on the agenda.")
    return f"{s.a.name}, {s.b.name} leaders discuss security ties", [lead]


def _phone_call(s: Story) -> tuple[str, list[str]]:
    when = s.recent()
    pa, pb = _person(s.rng), _person(s.rng)
    s.event("meeting", "call", when, [s.a, s.b])
    lead = (f"{s.a.demonym} Defence Minister {pa} spoke by phone with {s.b.demonym} Defence Minister {pb} "
            f"on {_day(when, s.rng)} about regional security, officials said.")
    return f"{s.a.name} and {s.b.name} ministers speak by phone", [lead]


def _military_talks(s: Story) -> tuple[str, list[str]]:
    when = s.recent()
    pa, pb = _person(s.rng), _person(s.rng)
    s.event("meeting", "military", when, [s.a, s.b], place=s.a.capital, place_country=s.a)
    lead = (f"{s.b.demonym} army chief General {pb} met {s.a.demonym} army chief General {pa} in {s.a.capital} "
            f"on {_day(when, s.rng)} to review training and exchanges between the two armies.")
    return f"Army chiefs of {s.a.name} and {s.b.name} meet", [lead]


def _naval_exercise(s: Story) -> tuple[str, list[str]]:
    start = s.recent()
    s.event("exercise", "naval", start, [s.a, s.b])
    lead = s.rng.choice([
        f"The navies of {s.a.the_name} and {s.b.the_name} began a joint naval exercise on {_day(start, s.rng)}, "
        f"with warships and patrol aircraft practising anti-submarine warfare and replenishment at sea.",
        f"{s.a.demonym} and {s.b.demonym} warships started a week-long joint exercise on {_day(start, s.rng)}, "
        f"the {s.a.demonym} navy said.",
    ])
    return f"{s.a.name}, {s.b.name} navies begin joint drill", [lead]


def _ground_exercise(s: Story) -> tuple[str, list[str]]:
    end = s.recent()
    s.event("exercise", "ground", end, [s.a, s.b], place=s.b.name, place_country=s.b)
    lead = (f"{s.a.demonym} and {s.b.demonym} troops wrapped up a two-week joint military exercise in {s.b.the_name} "
            f"on {_day(end, s.rng)}, focused on counter-terrorism operations in mountainous terrain.")
    return f"{s.a.name} and {s.b.name} troops end joint exercise", [lead]


def _multilateral_exercise(s: Story) -> tuple[str, list[str]]:
    start = s.recent()
    c = next(c for c in pick_countries(s.rng, 3) if c.iso3 not in (s.a.iso3, s.b.iso3))
    s.event("exercise", "naval", start, [s.a, s.b, c])
    lead = (f"Naval forces from {s.a.the_name}, {s.b.the_name} and {c.the_name} began a joint maritime exercise "
            f"on {_day(start, s.rng)}, the {s.a.demonym} defence ministry said.")
    return "Three navies begin joint maritime exercise", [lead]


def _signed_mou(s: Story) -> tuple[str, list[str]]:
    when = s.recent()
    s.event("agreement", "mou", when, [s.a, s.b], place=s.a.capital, place_country=s.a)
    lead = (f"{_capitalised(s.a.the_name)} and {s.b.the_name} "
            f"signed a memorandum of understanding on defence cooperation in {s.a.capital} on {_day(when, s.rng)}.")
    return f"{s.a.name} and {s.b.name} sign defence MOU", [lead]


def _signed_agreement(s: Story) -> tuple[str, list[str]]:
    when = s.recent()
    pa, pb = _person(s.rng), _person(s.rng)
    s.event("agreement", "agreement", when, [s.a, s.b])
    lead = (f"{s.a.demonym} Defence Minister {pa} and {s.b.demonym} Defence Minister {pb} signed an agreement on "
            f"military logistics support on {_day(when, s.rng)}, allowing each side's forces to use the other's bases for supplies.")
    return f"{s.a.name}, {s.b.name} sign logistics pact", [lead]


def _meeting_then_statement(s: Story) -> tuple[str, list[str]]:
    """The people are introduced once; the follow-up paragraph names them by surname only."""
    when = s.recent()
    pa, pb = _person(s.rng), _person(s.rng)
    s.event("meeting", "ministers", when, [s.a, s.b], place=s.a.capital, place_country=s.a)
    s.event("agreement", "loi", when, [s.a, s.b])
    lead = (f"{s.a.demonym} Defence Minister {pa} and {s.b.demonym} Defence Minister {pb} agreed to step up maritime "
            f"cooperation when they met in {s.a.capital} on {_day(when, s.rng)}.")
    follow = f"{pa.split()[-1]} and {pb.split()[-1]} also signed a letter of intent on defence industry cooperation."
    return f"{s.a.name} and {s.b.name} agree to deepen maritime cooperation", [lead, follow]


def _dialogue(s: Story) -> tuple[str, list[str]]:
    """The event sentence names no country: "both countries" are the ones the story is about."""
    when = s.recent()
    s.event("meeting", "officials", when, [s.a, s.b], place=s.b.capital, place_country=s.b)
    lead = (f"{_capitalised(s.a.the_name)} and {s.b.the_name} are looking to expand training, port visits and "
            f"defence industry links, officials said.")
    event = (f"Senior officials from both countries met in {s.b.capital} on {_day(when, s.rng)} for their annual "
             f"defence policy dialogue.")
    return f"{s.a.name}, {s.b.name} hold defence policy dialogue", [lead, event]


def _exercise_with_participant_list(s: Story) -> tuple[str, list[str]]:
    """The exercise is named before its participants, who are listed in a sentence of their own."""
    start = s.recent()
    c = next(c for c in pick_countries(s.rng, 3) if c.iso3 not in (s.a.iso3, s.b.iso3))
    s.event("exercise", "combined", start, [s.a, s.b, c])
    name = s.rng.choice(["Pacific", "Northern", "Desert", "Coastal", "Mountain"]) + " " + s.rng.choice(
        ["Shield", "Resolve", "Guardian", "Eagle", "Partner"])
    lead = (f"A multinational exercise codenamed {name} began in {s.a.the_name} on {_day(start, s.rng)} with more than "
            f"2,000 personnel.")
    listed = f"Troops from {s.b.the_name}, {c.the_name} and the host nation are taking part."
    return f"{name} exercise begins", [lead, listed]


def _relief_exercise(s: Story) -> tuple[str, list[str]]:
    end = s.recent()
    s.event("exercise", "hadr", end, [s.a, s.b], place=s.b.capital, place_country=s.b)
    lead = (f"{_capitalised(s.a.the_name)} and {s.b.the_name} held a joint disaster relief exercise near {s.b.capital} "
            f"that ended on {_day(end, s.rng)}, rehearsing evacuation and field hospital drills after a simulated earthquake.")
    return f"{s.a.name}, {s.b.name} rehearse disaster relief", [lead]


def _visit(s: Story) -> tuple[str, list[str]]:
    when = s.recent()
    pa, pb = _person(s.rng), _person(s.rng)
    s.event("meeting", "ministers", when, [s.a, s.b], place=s.b.capital, place_country=s.b)
    lead = (f"{s.a.demonym} Defence Minister {pa} visited {s.b.the_name} on {_day(when, s.rng)} and held talks "
            f"with his counterpart {pb} on training and equipment.")
    return f"{s.a.demonym} defence minister visits {s.b.name}", [lead]


def _planned_exercise(s: Story) -> str:
    later = s.published + timedelta(days=s.rng.randint(40, 200))
    s.event("exercise", "naval", later.year, [s.a, s.b], status="planned")
    return (f"The two navies will hold their next joint exercise in {_month(later)} {later.year}, "
            f"according to the {s.a.demonym} navy.")


def _earlier_exercise(s: Story) -> str:
    year = s.published.year - s.rng.randint(2, 9)
    s.event("exercise", "combined", year, [s.a, s.b])
    return f"{s.a.demonym} and {s.b.demonym} forces first held a joint exercise in {year}."


def _earlier_agreement(s: Story) -> str:
    when = date(s.published.year - s.rng.randint(2, 9), s.rng.randint(1, 12), 1)
    s.event("agreement", "agreement", when.year, [s.a, s.b])
    return f"The two countries signed a defence cooperation agreement in {_month(when)} {when.year}."


LEADS = [_ministers_meeting, _leaders_meeting, _phone_call, _military_talks, _visit, _dialogue, _meeting_then_statement,
         _naval_exercise, _ground_exercise, _multilateral_exercise, _exercise_with_participant_list, _relief_exercise,
         _signed_mou, _signed_agreement]
BACKGROUND = [_planned_exercise, _earlier_exercise, _earlier_agreement]


# Sentences around the events: they tell no event of their own. Most name one of the two countries or a year,
# as in the dev corpus, where the gate keeps about nine words in ten of a relevant article.
STORY_FILLER = [
    '"This reflects the trust between our armed forces and the friendship between our peoples," {person}, a senior '
    '{a_demonym} official, told reporters.',
    "Cooperation had grown steadily over the past decade, {person} added, pointing to officer exchanges and "
    "shared work on maritime safety since {recent_year}.",
    '"We discussed practical steps on maritime security, training and the defence industry, and we will follow them '
    'up carefully," {person2} of the {b_demonym} defence ministry said, without giving details of a timetable.',
    "{A} is one of {b}'s larger trading partners, and ties between the two have broadened in recent years to cover "
    "energy, education and infrastructure as well as security.",
    "Analysts said the relationship had gained momentum as both governments look to diversify their security "
    "partnerships at a time of rising uncertainty in the region.",
    "{B_demonym} officials said cooperation would cover maritime security, counter-terrorism, humanitarian assistance "
    "and military education.",
    "Officer exchanges at {a_demonym} and {b_demonym} staff colleges are expected to expand over the coming years.",
    "The ministry statement gave no figures for the number of personnel or the cost involved.",
    "A spokesperson in {a_capital} declined to say whether more equipment purchases were being considered.",
    "Diplomatic relations between {a} and {b} were established in {old_year}.",
    "The two governments opened defence attaché offices in {a_capital} and {b_capital} some years later.",
    "{person3}, a researcher at a university in {b_capital}, said the steps were modest but significant.",
    "They would make it easier for the {a_demonym} and {b_demonym} armed forces to work together in a crisis, "
    "{person3} said.",
    "Opposition lawmakers in {a} have questioned the cost of the programme.",
    "A parliamentary committee in {a_capital} is expected to review defence spending before the end of the budget year.",
    "Defence spending in {b} has risen by about {percent} percent a year since {old_year}, according to figures "
    "published by the finance ministry.",
    "Most of the increase has gone to the {b_demonym} navy and coast guard, which patrol a long coastline and busy "
    "sea lanes.",
    "Neither side gave details of the weapons systems involved.",
]


def paragraphs_of(rng: random.Random, sentences: list[str]) -> list[str]:
    """Sentences grouped into paragraphs of one to three, as news copy is."""
    paragraphs = []
    while sentences:
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
    return paragraphs


def _filler(s: Story, count: int) -> list[str]:
    values = {
        "A": _capitalised(s.a.the_name), "a": s.a.the_name, "b": s.b.the_name, "a_demonym": s.a.demonym,
        "b_demonym": s.b.demonym, "B_demonym": s.b.demonym, "a_capital": s.a.capital, "b_capital": s.b.capital,
        "person": _person(s.rng), "person2": _person(s.rng), "person3": _person(s.rng),
        "old_year": s.published.year - s.rng.randint(20, 60), "recent_year": s.published.year - s.rng.randint(5, 12),
        "percent": s.rng.randint(2, 9),
    }
    return paragraphs_of(s.rng, [sentence.format_map(values) for sentence in s.rng.sample(STORY_FILLER, count)])


def relevant_article(rng: random.Random, index: int, published: date) -> tuple[str, list[str], list[dict]]:
    a, b = pick_countries(rng, 2)
    story = Story(rng, index, published, a, b, [])
    title, paragraphs = rng.choice(LEADS)(story)
    middle = _filler(story, rng.randint(10, len(STORY_FILLER)))
    for background in rng.sample(BACKGROUND, rng.randint(0, 2)):
        middle.insert(rng.randrange(len(middle) + 1), background(story))
    return title, paragraphs + middle, story.events


# ---------------------------------------------------------------- other news

_TEAMS = "Rovers United Athletic City Wanderers Rangers Albion Harriers Falcons Comets".split()
_TOWNS = "Millbrook Ashford Redhill Lakeside Fairview Oakridge Brookfield Eastwood Stonebridge Westbury".split()
_GOODS = "copper, crude oil, wheat, gold, coffee, natural gas, soybeans, aluminium".split(", ")


@dataclass(frozen=True)
class Beat:
    """A kind of news that holds no defense-diplomacy event: a headline, a lead, and a pool of body sentences."""

    title: str
    lead: str
    body: tuple[str, ...]
    # A sentence that one report in ten of the beat carries: a trap for the gate and the extractor alike.
    aside: str | None = None


BEATS = [
    Beat(
        "{A} beat {b} in friendly",
        "{A} beat {b} {goals} in a friendly on Saturday, with {person} scoring twice before a crowd of {crowd}.",
        (
            "The coach said his side had worked hard in training all week and deserved the result.",
            "The defence had looked nervous in the opening twenty minutes, he admitted.",
            "In the domestic league, {town} {team} moved up to {rank}th place after a {score} win over {town2} {team2}.",
            "It was their {count}th win of the season, and their fourth in a row at home.",
            "Tickets for the next home match go on sale on Monday at {price} pounds for adults.",
            "Children will pay half price, the club said.",
            "The {b_demonym} federation said its captain would miss {count} weeks with a hamstring injury.",
            "He was hurt late in the second half and left the pitch on a stretcher.",
            "{person2}, who made his debut, said the atmosphere had been special.",
            "The squad was growing in confidence ahead of the qualifiers, he said.",
            "Both sides made five substitutions after the break, and the second half was played at a slower pace in "
            "the heat.",
            "The result lifts {a} {rank} places in the world ranking, which will be published on Thursday.",
            "The two teams last played each other {count} years ago, when the game ended goalless.",
            "Groundsmen had worked through the night to clear water from the pitch after a thunderstorm.",
        ),
    ),
    Beat(
        "Heavy rain forecast for {town}",
        "Heavy rain is expected across {town} and the surrounding valleys on Thursday, with up to {rain} millimetres "
        "forecast in places.",
        (
            "Forecasters said temperatures would fall to {cold} degrees overnight.",
            "A drier and brighter weekend should follow, they said.",
            "Residents were advised to avoid the river path.",
            "The council said it would visit low-lying streets to hand out sandbags on Wednesday afternoon.",
            "Last month was the {record} on record for the region, the weather service said.",
            "There were {count} days of rain and strong winds on the coast.",
            "Farmers said the wet spring had delayed planting by about {count} weeks.",
            "Some fields were still under water near {town2}.",
            "The rail operator warned of delays on the line to {town2}.",
            "Buses would replace trains if the tracks flooded again, it said.",
            "Schools will stay open, the education office said.",
            "Outdoor sports fixtures planned for the weekend have been postponed.",
            "The river reached its highest level in {count} years in February, when two bridges were closed.",
            "Insurers said claims for storm damage had doubled since the autumn.",
        ),
    ),
    Beat(
        "Markets: {A} shares rise, {good} climbs",
        "Shares in {a} rose {percent} percent on Tuesday, while the {b_demonym} market slipped as investors weighed "
        "weaker factory data.",
        (
            "Prices of {good} climbed to a {count}-month high on supply worries, traders said.",
            "Analysts expect volatility to persist into the next quarter.",
            "Bond yields were little changed at {yield_} percent.",
            "The currency held steady against the euro.",
            "Company results due this week include a retailer and two regional banks.",
            "They are expected to report profits up about {count} percent.",
            "Technology stocks led the gains, with a chipmaker rising {percent} percent after raising its sales forecast.",
            "Trading volumes were thin ahead of a public holiday.",
            "Brokers said many investors were waiting for inflation figures due on Friday.",
            "Shipping costs on the main routes to {b} fell for a third week, easing pressure on importers.",
            "Gold slipped as the dollar firmed, while copper was little changed.",
            "The benchmark index has gained {count} percent since January.",
            "Airline shares fell after a rise in fuel prices.",
            "A survey of purchasing managers showed new orders falling for the second month.",
        ),
        # A meeting in a report that names two countries, and no event.
        aside="Investors are watching the central bank's policy meeting next week for any sign of a rate cut.",
    ),
    Beat(
        "{town} council to vote on housing plan",
        "{town} council will meet on Wednesday to vote on a plan to build {homes} homes on the old railway yard, a "
        "proposal that has divided residents.",
        (
            "More than {crowd_small} people attended a public meeting at the town hall last week.",
            "Councillor {person} defended the scheme as the only way to keep young families in the area.",
            "Opponents say the roads cannot take more traffic.",
            "They want the council to fund a new bus route to {town2} before any building starts.",
            "The mayor said the vote would meet a deadline set by the regional planning office.",
            "Passing the plan would keep {count} million in grants that would otherwise be lost, the mayor said.",
            "A local residents' group has collected {crowd} signatures against the plan.",
            "It says it will take the council to court if the vote goes ahead.",
            "The developer has agreed to build a new primary school and a health centre as part of the scheme.",
            "The details were in documents published on the council website.",
            "Councillor {person2} said she would vote against the plan.",
            "Too few of the homes would be affordable for first-time buyers, she said.",
            "The railway yard has stood empty since the line closed {count} years ago.",
            "A previous plan for a retail park on the site was rejected after a public inquiry.",
        ),
    ),
]
ASIDE_SHARE = 0.1


def other_article(rng: random.Random) -> tuple[str, list[str]]:
    beat = rng.choice(BEATS)
    x, y = pick_countries(rng, 2)
    town, town2 = rng.sample(_TOWNS, 2)
    team, team2 = rng.sample(_TEAMS, 2)
    values = {
        "A": _capitalised(x.the_name), "a": x.the_name, "b": y.the_name, "b_demonym": y.demonym,
        "town": town, "town2": town2, "team": team, "team2": team2, "person": _person(rng), "person2": _person(rng),
        "goals": f"{rng.randint(1, 5)}-{rng.randint(0, 1)}", "score": f"{rng.randint(1, 4)}-{rng.randint(0, 1)}",
        "crowd": f"{rng.randint(8, 80)},{rng.randint(100, 999)}", "crowd_small": rng.randint(50, 300),
        "rank": rng.randint(2, 12), "count": rng.randint(3, 19), "price": rng.randint(10, 60),
        "rain": rng.randint(20, 90), "cold": rng.randint(-5, 9), "record": rng.choice(["wettest", "warmest", "coldest"]),
        "good": rng.choice(_GOODS), "percent": f"{rng.randint(1, 30) / 10:.1f}", "yield_": f"{rng.randint(10, 60) / 10:.2f}",
        "homes": rng.randint(40, 400),
    }
    body = [sentence.format_map(values) for sentence in rng.sample(beat.body, rng.randint(10, len(beat.body)))]
    if beat.aside and rng.random() < ASIDE_SHARE:
        body.insert(rng.randrange(len(body) + 1), beat.aside)
    return beat.title.format_map(values), [beat.lead.format_map(values)] + paragraphs_of(rng, body)


# ---------------------------------------------------------------- the feed


def is_relevant(index: int, share: float) -> bool:
    return math.floor((index + 1) * share) > math.floor(index * share)


def article(index: int, seed: int, relevant: bool) -> tuple[dict, list[dict]]:
    """Article `index` of the feed of `seed`: its JSON record and its planted events."""
    rng = random.Random(f"{seed}:{index}")
    published = FIRST_PUBLISHED + timedelta(days=rng.randrange(PUBLISHED_DAYS))
    if relevant:
        title, paragraphs, events = relevant_article(rng, index, published)
    else:
        title, paragraphs = other_article(rng)
        events = []
    # A serial number in a closing line keeps every article's text distinct (ingest drops repeated texts).
    paragraphs.append(f"(Reporting by {_person(rng)}; story {seed}-{index}.)")
    record = {"id": f"a{index:07d}", "title": title, "text": "\n\n".join(paragraphs), "published": published.isoformat(),
              "source": "Synthetic Wire"}
    return record, events


def write_feed(out_dir: Path, articles: int, relevant_share: float = 0.1, seed: int = 7, first_index: int = 0) -> dict:
    """Write articles first_index .. first_index + articles - 1 into out_dir/feed and their gold into out_dir/gold.jsonl."""
    feed_dir = out_dir / "feed"
    feed_dir.mkdir(parents=True, exist_ok=True)
    summary = {"articles": 0, "relevant": 0, "events": 0}
    with open(out_dir / "gold.jsonl", "a" if first_index else "w", encoding="utf-8") as gold:
        for shard_start in range(first_index, first_index + articles, SHARD_SIZE):
            shard = f"articles-{shard_start:07d}.jsonl"
            with open(feed_dir / shard, "w", encoding="utf-8") as records:
                for index in range(shard_start, min(shard_start + SHARD_SIZE, first_index + articles)):
                    relevant = is_relevant(index, relevant_share)
                    record, events = article(index, seed, relevant)
                    records.write(json.dumps(record) + "\n")
                    gold.write(json.dumps({"article": f"{shard}#{record['id']}", "published": record["published"], "events": events}) + "\n")
                    summary["articles"] += 1
                    summary["relevant"] += relevant
                    summary["events"] += len(events)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write feed/ and gold.jsonl into")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--relevant-share", type=float, default=0.1, help="share of articles that tell of events (0..1)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--first-index", type=int, default=0, help="add articles from this index to an existing feed")
    args = parser.parse_args(argv)
    if not 0 <= args.relevant_share <= 1:
        parser.error("--relevant-share must be between 0 and 1")
    summary = write_feed(args.out, args.articles, args.relevant_share, args.seed, args.first_index)
    print(f"wrote {summary['articles']} articles ({summary['relevant']} relevant, {summary['events']} events) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
