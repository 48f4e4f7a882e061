"""A synthetic news feed for the benchmark, with the events it plants as gold.

    python bench/generate_feed.py OUT --articles 2000 [--relevant-share 0.1] [--seed 7] [--first-index 0]

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
countries and some of it using "meeting" or "visit" in their everyday senses.
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


def _person(rng: random.Random) -> str:
    words = _gazetteer_words()  # a name that is also a place or a people would read as a country
    return f"{rng.choice([g for g in _GIVEN if g not in words])} {rng.choice([f for f in _FAMILY if f not in words])}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _day(value: date, rng: random.Random) -> str:
    return rng.choice([f"{value:%B} {value.day}, {value.year}", f"{value.day} {value:%B} {value.year}"])


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
    return (f"The two navies will hold their next joint exercise in {later:%B} {later.year}, "
            f"according to the {s.a.demonym} navy.")


def _earlier_exercise(s: Story) -> str:
    year = s.published.year - s.rng.randint(2, 9)
    s.event("exercise", "combined", year, [s.a, s.b])
    return f"{s.a.demonym} and {s.b.demonym} forces first held a joint exercise in {year}."


def _earlier_agreement(s: Story) -> str:
    when = date(s.published.year - s.rng.randint(2, 9), s.rng.randint(1, 12), 1)
    s.event("agreement", "agreement", when.year, [s.a, s.b])
    return f"The two countries signed a defence cooperation agreement in {when:%B} {when.year}."


LEADS = [_ministers_meeting, _leaders_meeting, _phone_call, _military_talks, _visit, _dialogue, _meeting_then_statement,
         _naval_exercise, _ground_exercise, _multilateral_exercise, _exercise_with_participant_list, _relief_exercise,
         _signed_mou, _signed_agreement]
BACKGROUND = [_planned_exercise, _earlier_exercise, _earlier_agreement]


def _quote(s: Story) -> str:
    person = _person(s.rng)
    said = s.rng.choice([
        "This reflects the trust between our armed forces",
        "Our cooperation has grown steadily and we intend to keep building on it",
        "Both sides share an interest in a stable and secure region",
        "We discussed practical steps on maritime security, training and defence industry",
    ])
    return f'"{said}," {person}, a senior official, told reporters.'


def _context(s: Story) -> str:
    return s.rng.choice([
        f"{_capitalised(s.a.the_name)} is one of "
        f"{s.b.the_name}'s larger trading partners, and ties between the two have broadened in recent years.",
        f"Analysts said the relationship had gained momentum as both governments look to diversify their security partnerships.",
        f"Officials said cooperation would cover maritime security, counter-terrorism, humanitarian assistance and military education.",
        f"The ministry statement gave no figures for the number of personnel or the cost involved.",
    ])


def relevant_article(rng: random.Random, index: int, published: date) -> tuple[str, list[str], list[dict]]:
    a, b = pick_countries(rng, 2)
    story = Story(rng, index, published, a, b, [])
    title, paragraphs = rng.choice(LEADS)(story)
    middle = [_quote(story), _context(story)]
    for background in rng.sample(BACKGROUND, rng.randint(0, 2)):
        middle.append(background(story))
    rng.shuffle(middle)
    return title, paragraphs + middle + [_context(story)], story.events


# ---------------------------------------------------------------- other news

_TEAMS = "Rovers United Athletic City Wanderers Rangers Albion Harriers Falcons Comets".split()
_TOWNS = "Millbrook Ashford Redhill Lakeside Fairview Oakridge Brookfield Eastwood Stonebridge Westbury".split()
_GOODS = "copper crude oil wheat gold coffee natural gas soybeans aluminium".split()


def _sport(rng: random.Random, index: int) -> tuple[str, list[str]]:
    home, away = pick_countries(rng, 2)
    goals = (rng.randint(0, 5), rng.randint(0, 4))
    scorer = _person(rng)
    town = rng.choice(_TOWNS)
    paragraphs = [
        f"{_capitalised(home.the_name)} beat {away.the_name} {max(goals)}-{min(goals)} in a friendly on Saturday, with {scorer} scoring twice "
        f"before a crowd of {rng.randint(8, 80)},{rng.randint(100, 999)}.",
        f"The coach said his side had worked hard in training all week and deserved the result.",
        f"In the domestic league, {town} {rng.choice(_TEAMS)} moved up to {rng.randint(2, 12)}th place after a "
        f"{rng.randint(1, 4)}-{rng.randint(0, 3)} win over {rng.choice(_TOWNS)} {rng.choice(_TEAMS)}.",
        f"Tickets for the next home match go on sale on Monday at {rng.randint(10, 60)} pounds for adults.",
        f"The {away.demonym} federation said its captain would miss {rng.randint(2, 6)} weeks with a hamstring injury.",
    ]
    return f"{home.name} beat {away.name} in friendly", paragraphs


def _weather(rng: random.Random, index: int) -> tuple[str, list[str]]:
    town = rng.choice(_TOWNS)
    paragraphs = [
        f"Heavy rain is expected across {town} and the surrounding valleys on Thursday, with up to "
        f"{rng.randint(20, 90)} millimetres forecast in places.",
        f"Forecasters said temperatures would fall to {rng.randint(-5, 9)} degrees overnight before a drier weekend.",
        f"Residents were advised to avoid the river path, and the council said it would visit low-lying streets to "
        f"hand out sandbags.",
        f"Last month was the {rng.choice(['wettest', 'warmest', 'coldest', 'driest'])} on record for the region, "
        f"the weather service said, with {rng.randint(3, 21)} days of rain.",
    ]
    return f"Heavy rain forecast for {town}", paragraphs


def _markets(rng: random.Random, index: int) -> tuple[str, list[str]]:
    x, y = pick_countries(rng, 2)
    good = rng.choice(_GOODS)
    paragraphs = [
        f"Shares in {x.the_name} rose {rng.randint(1, 30) / 10:.1f} percent on Tuesday, while the {y.demonym} market "
        f"slipped as investors weighed weaker factory data.",
        f"Prices of {good} climbed to a {rng.randint(2, 14)}-month high on supply worries, traders said.",
        f"Investors are watching the central bank's policy meeting next week for any sign of a rate cut.",
        f"Company results due this week include a retailer and two regional banks, which are expected to report "
        f"profits up about {rng.randint(2, 19)} percent.",
    ]
    if rng.random() < 0.8:  # most market reports never use an event word
        paragraphs[2] = f"Bond yields were little changed at {rng.randint(10, 60) / 10:.2f} percent."
    return f"Markets: {x.name} shares rise, {good} climbs", paragraphs


def _local_politics(rng: random.Random, index: int) -> tuple[str, list[str]]:
    town = rng.choice(_TOWNS)
    councillor = _person(rng)
    paragraphs = [
        f"{town} council will meet on Wednesday to vote on a plan to build {rng.randint(40, 400)} homes on the old "
        f"railway yard, a proposal that has divided residents.",
        f"More than {rng.randint(50, 300)} people attended a public meeting at the town hall last week, where "
        f"councillor {councillor} defended the scheme.",
        f"Opponents say the roads cannot take more traffic and want the council to fund a new bus route first.",
        f"The mayor said the vote would meet a deadline set by the regional planning office and keep "
        f"{rng.randint(2, 9)} million in grants.",
    ]
    return f"{town} council to vote on housing plan", paragraphs


OTHER_NEWS = [_sport, _weather, _markets, _local_politics]


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
        title, paragraphs = rng.choice(OTHER_NEWS)(rng, index)
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
