"""What the whole article tells about each sentence: who its people are, which countries it is about."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from transforms.dates import EventDate
from transforms.nlp import COUNTRY, group_members, lexicon, name_key, office_holders


MINIMUM_PARTICIPANTS = 2


# The first paragraphs (the lead) say what the story is about: their countries weigh more in its pair.
LEAD_PARAGRAPHS = 2


@dataclass(frozen=True)
class CountryMention:
    iso3: str
    kind: str  # name | short | demonym | combining | capital | city | force | ministry | person | reference | abbreviation (of a force, defined by the article)
    span: Span


@dataclass
class ArticleContext:
    """What the whole article tells about a sentence: who people are, which pair it is about."""

    published: date | None
    people: dict[str, str] = field(default_factory=dict)  # a name or surname -> ISO3
    roles: dict[str, str] = field(default_factory=dict)  # a name or surname -> the title words before it
    main_pair: tuple[str, ...] = ()
    ranked: tuple[str, ...] = ()  # countries by how much the story is about them
    last_date: EventDate | None = None
    paragraph_year: int | None = None  # the year the paragraph's sentences so far have named: a yearless month is of that year
    paragraph_told_present: bool = False  # whether the paragraph has told an event of the story's own time
    last_subject: str | None = None  # the country of the person the last sentence was about: whom "he" and "she" stand for
    previous_countries: tuple[str, ...] = ()  # the countries the paragraph's previous sentence named: whom "the three navies" are
    event_groups: list[tuple[str, ...]] = field(default_factory=list)  # the parties of each event told so far, in order
    exercise_told: bool = False  # whether the story has told an exercise yet


def country_mentions(sent: Span) -> list[CountryMention]:
    """The countries a sentence names; a group ("the Quad") names each of its members."""
    mentions = []
    for ent in sent.ents:
        if ent.label_ != COUNTRY:
            continue
        code, kind = ent.ent_id_.split(":")
        members = group_members().get(code, (code,)) if kind == "group" else (code,)
        mentions.extend(CountryMention(iso3, kind, ent) for iso3 in members)
    return mentions


def _descriptor_tokens(person: Span) -> list[Token]:
    """Words that describe a person: the title before the name, or an appositive after it."""
    sent = person.sent
    before = []
    for token in reversed(list(sent.doc[max(sent.start, person.start - 8) : person.start])):
        if token.ent_type_ == "PERSON" or token.pos_ == "VERB" or token.text in {".", ";", ":"}:
            break
        before.append(token)
    after = []
    if person.end < sent.end and sent.doc[person.end].text == ",":
        for token in sent.doc[person.end + 1 : min(sent.end, person.end + 9)]:
            if token.ent_type_ == "PERSON" or token.pos_ == "VERB" or token.text in {",", ".", ";"}:
                break
            after.append(token)
    return list(reversed(before)) + after


def _register_person(context: ArticleContext, person: Span, iso3: str, title: str) -> None:
    # two letters make a surname too ("Li", "Xi", "Wu")
    keys = {person.text} | {t.text for t in person if t.is_alpha and t.is_title and len(t.text) >= 2}
    keys |= {part for part in person.text.split("-")[0].split() if len(part) >= 2}
    for key in keys:
        known = context.people.get(key)
        if known is None:
            context.people[key] = iso3
            context.roles[key] = title
        elif known != iso3:
            context.people[key] = ""  # two countries share this name: it tells nothing


def _register_office_holders(docs: list[Doc], context: ArticleContext) -> None:
    """People the article names without their country, whom the office-holders table knows
    ("Secretary of State Antony Blinken hosted ..."); what the article itself tells comes first."""
    holders = office_holders()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = ent.text.split()
            # "José Múcio Monteiro" for the table's "José Múcio": a name with a family name more
            keys = [ent.text] + ([" ".join(words[:2]), f"{words[0]} {words[-1]}"] if len(words) >= 3 else [])
            holder = next(filter(None, (holders.get(name_key(key)) for key in keys)), None)
            if holder is not None and ent.text not in context.people:
                descriptor = " ".join(t.lower_ for t in _descriptor_tokens(ent))
                _register_person(context, ent, holder.iso3, descriptor or holder.title)


def _defined_abbreviations(docs: list[Doc]) -> dict[str, str]:
    """Abbreviations the article defines for a country's force or body: "the Brazilian Air Force (FAB)",
    "the Indonesian Navy (TNI-AL)" make "FAB" and "TNI-AL" that country wherever the article uses them."""
    defined: dict[str, str] = {}
    for doc in docs:
        for token in doc[2:-1]:
            abbreviation = doc[token.i + 1] if token.text == "(" and token.i + 2 < len(doc) and doc[token.i + 2].text == ")" else None
            if abbreviation is None or not abbreviation.text.replace("-", "").isupper() or abbreviation.ent_type_ == COUNTRY:
                continue
            before = [t for t in doc[max(0, token.i - 5) : token.i] if t.ent_type_ == COUNTRY and t.ent_iob_ == "B"]
            named = doc[before[-1].i : token.i] if before else None
            if named is not None and before[-1].ent_id_.split(":")[1] in {"force", "demonym", "name", "short"} and any(
                word.lower_ in lexicon()["abbreviated_bodies"]["words"] for word in named
            ):
                defined[abbreviation.text] = before[-1].ent_id_.split(":")[0]
    return defined


def mark_defined_abbreviations(docs: list[Doc]) -> None:
    """Every use of an abbreviation the article defined for a country's force names that country's force."""
    defined = _defined_abbreviations(docs)
    if not defined:
        return
    for doc in docs:
        spans = [
            Span(doc, token.i, token.i + 1, label=COUNTRY, span_id=f"{defined[token.text]}:abbreviation")
            for token in doc if token.text in defined and _stands_alone(token)
        ]
        if spans:
            doc.set_ents(spans, default="unmodified")


def _stands_alone(token: Token) -> bool:
    """No entity, or one of its own ("FAB" taken for an organisation), not a word of a longer one."""
    if not token.ent_type_:
        return True
    return token.ent_type_ != COUNTRY and token.ent_iob_ == "B" and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")


def build_context(docs: list[Doc], published: date | None) -> ArticleContext:
    context = ArticleContext(published=published)
    weights: Counter[str] = Counter()
    for index, doc in enumerate(docs):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                descriptor = _descriptor_tokens(ent)
                countries = [
                    t.ent_id_.split(":")[0] for t in descriptor
                    if t.ent_type_ == COUNTRY and t.ent_iob_ == "B" and not t.ent_id_.endswith(":group")
                ]
                holder = office_holders().get(name_key(ent.text))
                if len(set(countries)) > 1 and holder is not None:
                    countries = [holder.iso3]  # "his counterparts from Japan and Australia, Hamada and Marles"
                if countries:
                    title = " ".join(t.lower_ for t in descriptor)
                    _register_person(context, ent, countries[-1] if descriptor[-1].i < ent.start else countries[0], title)
            elif ent.label_ == COUNTRY and ent.ent_id_.split(":")[1] not in {"city", "group"}:
                weights[ent.ent_id_.split(":")[0]] += 3 if index < LEAD_PARAGRAPHS else 1
    _register_office_holders(docs, context)
    context.people = {name: iso3 for name, iso3 in context.people.items() if iso3}
    context.ranked = tuple(iso3 for iso3, _ in weights.most_common())
    context.main_pair = tuple(sorted(context.ranked[:2])) if len(weights) >= 2 else ()
    return context


PERSONAL_PRONOUNS = {"he", "she"}


def people_in(sent: Span, context: ArticleContext) -> list[CountryMention]:
    """People whose country the article told, and "he"/"she" as the subject the story was last about
    ("Biden held separate meetings ... He also met Iraqi Prime Minister Mustafa al-Kadhimi")."""
    found = []
    for token in sent:
        iso3 = context.people.get(token.text)
        if iso3 and (token.ent_type_ == "PERSON" or token.pos_ == "PROPN"):
            found.append(CountryMention(iso3, "person", sent.doc[token.i : token.i + 1]))
        elif token.lower_ in PERSONAL_PRONOUNS and token.dep_ == "nsubj" and context.last_subject and not found:
            found.append(CountryMention(context.last_subject, "person", sent.doc[token.i : token.i + 1]))
    return found


def remember_subject(sent: Span, context: ArticleContext) -> None:
    """The person a sentence is about: its main subject, when the article told that person's country."""
    for token in sent:
        if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
            names = [t for t in token.subtree if t.ent_type_ == "PERSON" and t.text in context.people]
            if names:
                context.last_subject = context.people[names[-1].text]
            elif token.lower_ not in PERSONAL_PRONOUNS:
                context.last_subject = None
