"""Read event mentions out of parsed articles.

An event mention is a trigger word (patterns/event_triggers.jsonl) in a sentence
that names at least two participating countries, read with its status, date,
subtype and place. The rules are general English (cue words in
patterns/lexicon.json): they must hold on articles never seen.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date

import polars as pl
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from transforms.dates import SAME_AS_PREVIOUS, UNDATED, EventDate, publication_fallback, resolve_event_date
from transforms.gate import event_gate
from transforms.nlp import COUNTRY, TRIGGERS, lexicon
from transforms.schemas import EVENT_MENTIONS, empty_frame

# Dependency hops along which a governing word speaks about the event itself
# ("called off the drill", "agreed to resume exercises", "the drill was cancelled").
ARGUMENT_DEPS = {"dobj", "obj", "nsubjpass", "xcomp", "attr", "oprd", "conj", "appos", "compound", "amod", "acomp", "dative"}
# Prepositions through which a plan or a cancellation still reaches the event ("plans for drills").
ARGUMENT_PREPOSITIONS = {"for", "on", "of", "to"}
# Verbs whose subject is the event, so their modality is the event's ("the drill will take place").
EVENT_PREDICATES = {
    "take", "be", "begin", "start", "conclude", "end", "happen", "occur", "run", "open", "close", "kick",
    "commence", "continue", "get", "involve", "include", "feature", "see", "last", "wrap", "culminate",
}
LOCATION_PREPOSITIONS = {"in", "at", "off", "near", "inside", "outside"}
# "the port city of Yokosuka": "of" names a place after these nouns.
PLACE_NOUNS = {"city", "town", "port", "capital", "province", "state", "base", "island", "region", "village", "district"}
# Dependencies that open a clause of its own: a date inside belongs to that clause's event.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis", "ROOT"}
PARTICIPLE_TAGS = {"VBN", "VBD"}
MINIMUM_PARTICIPANTS = 2
# The first paragraphs (the lead) say what the story is about: their countries weigh more in its pair.
LEAD_PARAGRAPHS = 2
# Articles a worker process parses and reads at a time: small enough to keep both cores busy to the end.
CHUNK_ARTICLES = 16


@dataclass(frozen=True)
class CountryMention:
    iso3: str
    kind: str  # name | short | demonym | capital | city | force | ministry | person | reference
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


@dataclass(frozen=True)
class EventMention:
    event_type: str
    subtype: str
    status: str
    date: EventDate
    participants: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    location_place: str | None
    location_country: str | None
    trigger: str
    evidence: str
    sentence_start: int
    trigger_start: int


def _phrase_in(text: str, phrases: Iterable[str]) -> str | None:
    for phrase in phrases:
        if re.search(r"(?<![\w+])" + re.escape(phrase) + r"(?![\w+])", text):
            return phrase
    return None


def country_mentions(sent: Span) -> list[CountryMention]:
    return [
        CountryMention(ent.ent_id_.split(":")[0], ent.ent_id_.split(":")[1], ent)
        for ent in sent.ents
        if ent.label_ == COUNTRY
    ]


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
    keys = {person.text} | {t.text for t in person if t.is_alpha and t.is_title and len(t.text) > 2}
    keys |= {part for part in person.text.split("-")[0].split() if len(part) > 2}
    for key in keys:
        known = context.people.get(key)
        if known is None:
            context.people[key] = iso3
            context.roles[key] = title
        elif known != iso3:
            context.people[key] = ""  # two countries share this name: it tells nothing


def build_context(docs: list[Doc], published: date | None) -> ArticleContext:
    context = ArticleContext(published=published)
    weights: Counter[str] = Counter()
    for index, doc in enumerate(docs):
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                descriptor = _descriptor_tokens(ent)
                countries = [t.ent_id_.split(":")[0] for t in descriptor if t.ent_type_ == COUNTRY and t.ent_iob_ == "B"]
                if countries:
                    title = " ".join(t.lower_ for t in descriptor)
                    _register_person(context, ent, countries[-1] if descriptor[-1].i < ent.start else countries[0], title)
            elif ent.label_ == COUNTRY and ent.ent_id_.split(":")[1] not in {"city"}:
                weights[ent.ent_id_.split(":")[0]] += 3 if index < LEAD_PARAGRAPHS else 1
    context.people = {name: iso3 for name, iso3 in context.people.items() if iso3}
    context.ranked = tuple(iso3 for iso3, _ in weights.most_common())
    context.main_pair = tuple(sorted(context.ranked[:2])) if len(weights) >= 2 else ()
    return context


def _is_location(mention: CountryMention) -> bool:
    """A capital or city after "in"/"at" is where something happened, not who took part."""
    if mention.kind not in {"capital", "city"}:
        return False
    head = mention.span.root
    return head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPOSITIONS or head.dep_ == "appos"


def _governed_by(token: Token, heads: set[str]) -> bool:
    return any(ancestor.lemma_.lower() in heads or ancestor.lower_ in heads for ancestor in token.ancestors)


def _people_in(sent: Span, context: ArticleContext) -> list[CountryMention]:
    found = []
    for token in sent:
        iso3 = context.people.get(token.text)
        if iso3 and (token.ent_type_ == "PERSON" or token.pos_ == "PROPN"):
            found.append(CountryMention(iso3, "person", sent.doc[token.i : token.i + 1]))
    return found


def _modality_chain(trigger: Token) -> list[Token]:
    """The trigger and the words that govern it as an argument: their cues are the event's."""
    chain = [trigger]
    token = trigger
    while token.head is not token and _governed_as_argument(token):
        token = token.head
        chain.append(token)
    return chain


def _governed_as_argument(token: Token) -> bool:
    head = token.head
    return (
        token.dep_ in ARGUMENT_DEPS
        or token.dep_ == "pobj" and head.lower_ in ARGUMENT_PREPOSITIONS
        or token.dep_ == "prep" and token.lower_ in ARGUMENT_PREPOSITIONS
        or token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in EVENT_PREDICATES
    )


def _cue_words(chain: list[Token]) -> set[str]:
    words = set()
    for token in chain:
        words |= {token.lemma_.lower(), token.lower_}
        for child in token.children:
            if child.dep_ in {"aux", "auxpass", "neg", "prt", "mark", "advmod", "amod"}:
                words |= {child.lemma_.lower(), child.lower_}
                if child.dep_ in {"prt", "advmod"}:  # "called off", "pushed back"
                    words.add(f"{token.lemma_.lower()} {child.lower_}")
    return words


def read_polarity(trigger: Span) -> str | None:
    """`occurred`, `planned`, or None for a negated, cancelled or hypothetical event."""
    cues = lexicon()
    participle = _participle_clause(trigger)
    if participle is not None:
        # "an MOU signed in 2011": the participle, not the sentence's main verb, says it happened.
        words = _cue_words([participle])
        return None if words & (set(cues["negation"]) | set(cues["cancelled"])) else "occurred"
    root = trigger.root
    if root.dep_ == "pobj" and root.head.lower_ in cues["negation"]:
        return None  # "even without a new pact"
    words = _cue_words(_modality_chain(root))
    if words & (set(cues["negation"]) | set(cues["cancelled"]) | set(cues["hypothetical"]) | set(cues["abstract_use"])):
        return None
    if words & set(cues["planned"]):
        return "planned"
    return "occurred"


def _clause_head(token: Token) -> Token:
    while token.dep_ not in CLAUSE_DEPS and token.head is not token:
        token = token.head
    return token


def _participle_clause(trigger: Span) -> Token | None:
    """A past participle right after the trigger ("an MOU signed in 2011", "the vision inked in April",
    "an agreement the two countries signed in 1995").

    The parser often hangs such a clause elsewhere; it belongs to the nearest trigger before it.
    """
    root = trigger.root
    for child in root.children:
        if child.dep_ == "acl" and child.tag_ in PARTICIPLE_TAGS:
            return child
        if child.dep_ == "relcl" and child.tag_ in PARTICIPLE_TAGS and child.lemma_.lower() in lexicon()["concluded"]:
            return child
    triggers_after = [t.start for t in trigger.doc.spans[TRIGGERS] if t.start >= trigger.end]
    limit = min([trigger.sent.end, trigger.end + 10, *triggers_after])
    for token in trigger.doc[trigger.end : limit]:
        if token.dep_ in {"acl", "advcl"} and token.tag_ == "VBN":
            return token
    return None


def _date_belongs_to(date_ent: Span, trigger: Span) -> bool:
    clause = _clause_head(date_ent.root)
    root = trigger.root
    return clause == _clause_head(root) or clause in root.ancestors or clause.head == root or clause == _participle_clause(trigger)


def _in_dateline(ent: Span) -> bool:
    """"CANBERRA, Sept 14 (APN) - ...": the dateline dates the report, not the event."""
    text = ent.doc.text
    return bool(
        re.fullmatch(r"\s*[A-Z][A-Za-z .'’-]{1,40},\s*", text[: ent.start_char])
        and re.match(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]", text[ent.end_char :])
    )


def _date_candidates(sent: Span) -> list[Span]:
    return [ent for ent in sent.ents if ent.label_ in {"DATE", "TIME"} and not _in_dateline(ent)]


def _distance(a: Token, b: Token) -> int:
    """Tokens apart along the dependency tree (lowest common ancestor), then along the text."""
    a_path = [a, *a.ancestors]
    b_path = [b, *b.ancestors]
    for i, token in enumerate(a_path):
        if token in b_path:
            return (i + b_path.index(token)) * 100 + abs(a.i - b.i)
    return 10_000 + abs(a.i - b.i)


def read_event_date(trigger: Span, status: str, context: ArticleContext) -> tuple[EventDate, EventDate | None]:
    """The trigger's date, and the date of an earlier edition the sentence implies.

    "The first talks since June last year" and "an exercise last staged in 1990" each tell of an
    earlier event of the same kind; the trigger itself takes its date from elsewhere.
    """
    candidates = []
    earlier = None
    for ent in _date_candidates(trigger.sent):
        if not _date_belongs_to(ent, trigger):
            continue
        resolved = resolve_event_date(ent.text, context.published, future=status == "planned")
        if resolved is SAME_AS_PREVIOUS:
            resolved = context.last_date
        if resolved is None:
            continue
        clause = _clause_head(ent.root)
        own_clause = clause.head == trigger.root
        since = ent.start > 0 and trigger.doc[ent.start - 1].lower_ == "since"
        # "an exercise last staged in 1990", "exercises, which were last held in 2017": a subordinate
        # clause about the trigger's last edition; "they last held talks in 2017" dates the trigger itself.
        about_trigger = own_clause or trigger.root.head == clause and trigger.root.dep_ in {"nsubj", "nsubjpass"}
        last_edition = (
            clause.dep_ != "ROOT" and about_trigger and any(c.dep_ == "advmod" and c.lower_ == "last" for c in clause.children)
        )
        if since or last_edition:
            earlier = resolved
            continue
        # A date in the trigger's own clause ("an agreement the two signed in 1995") beats the main clause's.
        candidates.append((not own_clause, _distance(trigger.root, ent.root), resolved))
    if not candidates:
        return (publication_fallback(context.published) if status == "occurred" else UNDATED), earlier
    return min(candidates, key=lambda item: item[:2])[2], earlier


def _words_and_lemmas(sent: Span) -> str:
    """The sentence in lower case, then its lemmas: cue phrases match either form ("took part", "take part")."""
    return f"{sent.text.lower()} {' '.join(t.lemma_.lower() for t in sent)}"


def read_subtype(trigger: Span, people: list[CountryMention], context: ArticleContext) -> str:
    """The trigger's own words first ("joint vision"), then the titles of the people in it, then the sentence."""
    roles = " ".join(context.roles.get(p.span.text, "") for p in people)
    event_type = trigger.label_
    for text in (trigger.text.lower(), roles, _words_and_lemmas(trigger.sent)):
        for subtype, cues in lexicon()["subtypes"][event_type]:
            if _phrase_in(text, cues):
                return subtype
    return {"meeting": "officials", "exercise": "combined", "agreement": "agreement"}[event_type]


def read_location(sent: Span, mentions: list[CountryMention]) -> tuple[str | None, str | None]:
    for ent in sent.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC", COUNTRY}:
            continue
        preposition = ent.root.head
        at_place = ent.root.dep_ == "pobj" and (
            preposition.lower_ in LOCATION_PREPOSITIONS or preposition.lower_ == "of" and preposition.head.lemma_.lower() in PLACE_NOUNS
        )
        if not at_place or _governed_by(ent.root, set(lexicon()["non_party_heads"])):
            continue
        if ent.label_ == COUNTRY:
            kind = ent.ent_id_.split(":")[1]
            if kind in {"capital", "city", "name", "short"}:
                return ent.text, ent.ent_id_.split(":")[0]
            continue
        # "Nara, Japan" or "the Japanese port city of Yokosuka": the country stands next to the place.
        nearby = [m for m in mentions if abs(m.span.start - ent.end) <= 2 or abs(ent.start - m.span.end) <= 6]
        return ent.text, nearby[0].iso3 if nearby else None
    return None, None


def _in_other_adverbial_clause(token: Token, trigger: Token) -> bool:
    """"The exercise comes while Indian and Chinese troops remain locked in a standoff": context, not parties."""
    clause = _clause_head(token)
    return clause.dep_ == "advcl" and clause not in trigger.ancestors and clause != _clause_head(trigger)


def _country_antecedent(trigger: Span) -> Token | None:
    """The country a relative clause holding the trigger is about ("Australia, whose agreement ...")."""
    clause = _clause_head(trigger.root)
    if clause.dep_ == "relcl" and clause.head.ent_type_ == COUNTRY:
        return clause.head
    return None


def sentence_parties(sent: Span, context: ArticleContext, trigger: Span | None = None) -> tuple[list[CountryMention], list[CountryMention], list[CountryMention]]:
    """Countries that may take part (by name, force, people), countries only named as the place, and the people."""
    non_party_heads = set(lexicon()["non_party_heads"])
    people = _people_in(sent, context)
    parties: list[CountryMention] = []
    hosts: list[CountryMention] = []
    for mention in country_mentions(sent) + people:
        if _governed_by(mention.span.root, non_party_heads) or _is_location(mention):
            continue
        if trigger is not None and _in_other_adverbial_clause(mention.span.root, trigger.root):
            continue
        if mention.kind in {"name", "short"} and mention.span.root.dep_ == "pobj" and mention.span.root.head.lower_ in {"in", "at"}:
            hosts.append(mention)
            continue
        parties.append(mention)
    return parties, hosts, people


def read_participants(trigger: Span, context: ArticleContext) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], list[CountryMention]]:
    sent = trigger.sent
    parties, hosts, people = sentence_parties(sent, context, trigger)
    antecedent = _country_antecedent(trigger)
    if antecedent is not None:
        # "the Philippines has pacts with two countries: Australia, whose agreement was signed in 2007, ..."
        subject = {t.i for child in sent.root.children if child.dep_ in {"nsubj", "nsubjpass"} for t in child.subtree}
        parties = [m for m in parties if m.span.start <= antecedent.i < m.span.end or m.span.root.i in subject]
    # "Britain and France signed treaties in 2010, while France and Germany signed one in 2019":
    # when the trigger's own clause names the parties, the other clauses' countries are not its parties.
    clause = _clause_head(trigger.root)
    local = [m for m in parties if _clause_head(m.span.root) == clause]
    if len({m.iso3 for m in local}) >= MINIMUM_PARTICIPANTS:
        parties = local
    iso3s = sorted({m.iso3 for m in parties})
    if len(iso3s) < MINIMUM_PARTICIPANTS:
        iso3s = sorted(set(iso3s) | {m.iso3 for m in hosts})
    if len(iso3s) < MINIMUM_PARTICIPANTS and context.main_pair:
        # A meeting or a signing told with no country at all is the article's pair's; exercises are often
        # named with their participants elsewhere, and are left to the participant lists.
        names_no_country = not iso3s and trigger.label_ != "exercise"
        refers_to_pair = names_no_country or _phrase_in(sent.text.lower(), lexicon()["pair_references"])
        if refers_to_pair and (not iso3s or iso3s[0] in context.main_pair):
            iso3s = sorted(set(iso3s) | set(context.main_pair))
    group_size = _counted_group(sent)
    if group_size and len(iso3s) < group_size <= len(context.ranked) and set(iso3s) <= set(context.ranked[:group_size]):
        iso3s = sorted(context.ranked[:group_size])  # "the four countries' foreign ministers"
    participants = tuple(iso3s)
    pairs = tuple(itertools.combinations(participants, 2))
    if trigger.root.lemma_ == "visit" and len(participants) > 2:
        pairs = _visit_pairs(trigger, parties) or pairs
    return participants, pairs, people


GROUP_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6}


def _counted_group(sent: Span) -> int | None:
    """"The four countries", "all three navies": a group the story has named before."""
    match = re.search(
        r"\b(?:the|all|both)\s+(three|four|five|six)\s+(?:countries|nations|navies|sides|partners|members|governments|militaries|armies|air forces)",
        sent.text.lower(),
    )
    return GROUP_NUMBERS[match.group(1)] if match else None


def participation_list(sent: Span, context: ArticleContext) -> set[str]:
    """Countries a sentence lists as taking part ("Seventeen nations are taking part: A, B, ...")."""
    if not _phrase_in(_words_and_lemmas(sent), lexicon()["participation"]):
        return set()
    if any(token.dep_ == "neg" for token in sent):
        return set()  # "Australia did not take part again"
    parties, hosts, _ = sentence_parties(sent, context)
    countries = {m.iso3 for m in parties + hosts}
    return countries if len(countries) >= MINIMUM_PARTICIPANTS else set()


def _visit_pairs(trigger: Span, parties: list[CountryMention]) -> tuple[tuple[str, str], ...]:
    """"X visited A and B" pairs the visitor with each host, not the hosts with each other."""
    root = trigger.root
    visitor_tokens = {t.i for child in root.children if child.dep_ in {"nsubj", "poss"} for t in child.subtree}
    visitors = {m.iso3 for m in parties if m.span.root.i in visitor_tokens}
    hosts = {m.iso3 for m in parties} - visitors
    return tuple(sorted({tuple(sorted((v, h))) for v in visitors for h in hosts if v != h}))


def _is_port_call(root: Token) -> bool:
    """A ship's visit, warships meeting at sea, or a port call is no meeting of officials."""
    if any(child.lower_ in lexicon()["port_call_modifiers"] for child in root.children):
        return True
    return _subject_is_one_of(root, lexicon()["vessels"])


def _subject_is_one_of(root: Token, words: list[str]) -> bool:
    holders = [root]
    while holders[-1].dep_ in {"xcomp", "acomp", "conj"} or holders[-1].pos_ != "VERB" and holders[-1].head not in holders:
        if holders[-1].head is holders[-1]:
            break
        holders.append(holders[-1].head)  # "warships are due to meet": the subject sits on the raising verb
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"nsubj", "poss"} and _phrase_in(" ".join(t.lemma_.lower() for t in child.subtree), words):
                return True
    return False


def _trigger_is_event(trigger: Span) -> bool:
    root = trigger.root
    if root.ent_type_ in {"ORG", "WORK_OF_ART", "LAW"} and trigger.label_ != "agreement":
        return False
    if trigger.label_ == "meeting" and (_is_port_call(root) or root.pos_ == "VERB" and root.dep_ in {"amod", "compound"}):
        return False  # a port call, or "visiting forces"
    if trigger.label_ == "meeting" and root.pos_ == "VERB" and _subject_is_one_of(root, lexicon()["geographic_features"]):
        return False  # "where the two oceans meet"
    if trigger.label_ == "agreement":
        if root.dep_ == "dobj" and root.head.lemma_.lower() in lexicon()["state_verbs"]:
            return False  # "X has agreements with Y" is a state, not a signing
        chain_words = _cue_words(_modality_chain(root))
        if chain_words & set(lexicon()["unconcluded"]):
            return False
        participle = _participle_clause(trigger)
        signed = chain_words | ({participle.lemma_.lower()} if participle is not None else set())
        if root.lower_ in lexicon()["weak_agreement_words"] and not signed & set(lexicon()["concluded"]):
            return False  # "practical arrangements" is no signed instrument
    return True


def mentions_in_sentence(sent: Span, context: ArticleContext, offset: int) -> Iterator[EventMention]:
    seen = set()
    for trigger in sent.doc.spans[TRIGGERS]:
        if not (sent.start <= trigger.start < sent.end) or not _trigger_is_event(trigger):
            continue
        status = read_polarity(trigger)
        if status is None:
            continue
        participants, pairs, people = read_participants(trigger, context)
        # An exercise may be named before its participants are listed: kept until the article ends.
        if trigger.label_ != "exercise" and (len(participants) < MINIMUM_PARTICIPANTS or not pairs):
            continue
        event_date, earlier_date = read_event_date(trigger, status, context)
        published = context.published
        if status == "occurred" and published and event_date.as_date() and event_date.as_date() > published:
            status = "planned"
        if status == "planned" and published and event_date.year is not None and event_date.year < published.year:
            continue  # a plan reported in a past year's context is no event of its own
        dated = [(event_date, status)]
        if earlier_date is not None and earlier_date.year is not None:
            dated.append((earlier_date, "occurred"))
        subtype = read_subtype(trigger, people, context)
        place, place_country = read_location(sent, country_mentions(sent))
        for when, when_status in dated:
            key = (trigger.label_, subtype, when, participants)
            if key in seen:
                continue
            seen.add(key)
            yield EventMention(
                event_type=trigger.label_, subtype=subtype, status=when_status, date=when,
                participants=participants, pairs=pairs, location_place=place, location_country=place_country,
                trigger=trigger.text, evidence=sent.text.strip(), sentence_start=offset + sent.start_char,
                trigger_start=offset + trigger.start_char,
            )
        if event_date.year is not None and event_date.source != "publication":
            context.last_date = event_date


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs with their offsets: a line break ends a paragraph in scraped text."""
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _with_participants(mention: EventMention, countries: set[str]) -> EventMention:
    participants = tuple(sorted(set(mention.participants) | countries))
    return replace(mention, participants=participants, pairs=tuple(itertools.combinations(participants, 2)))


def _is_definite_reference(mention: EventMention, trigger_token: Token) -> bool:
    """"The pact", "the meeting" with no date of its own refers back to an event already told."""
    determiners = {child.lower_ for child in trigger_token.children if child.dep_ in {"det", "poss"}}
    has_no_date_of_its_own = mention.date.source in {"publication", "none"}  # "none": the article has no date either
    return has_no_date_of_its_own and bool(determiners & {"the", "this", "that", "its", "their"})


def _resolve_reference(mention: EventMention, earlier: list[EventMention]) -> EventMention:
    for previous in reversed(earlier):
        if previous.event_type == mention.event_type and previous.participants == mention.participants:
            return replace(mention, subtype=previous.subtype, date=previous.date, status=previous.status)
    return mention


def _is_current(mention: EventMention, published: date | None) -> bool:
    return mention.date.year is None or published is None or mention.date.year >= published.year


def extract_article_mentions(docs: list[Doc], offsets: list[int], published: date | None) -> list[EventMention]:
    context = build_context(docs, published)
    found: list[EventMention] = []
    for doc, offset in zip(docs, offsets):
        for sent in doc.sents:
            for ent in _date_candidates(sent):
                resolved = resolve_event_date(ent.text, published)
                if resolved is not None and resolved is not SAME_AS_PREVIOUS and resolved.source == "explicit":
                    context.last_date = resolved
            own = list(mentions_in_sentence(sent, context, offset))
            # A past exercise with its own date and parties ("in 2007, X and Y warships joined ...") stands alone.
            dated_history = any(
                m.event_type == "exercise" and len(m.participants) >= MINIMUM_PARTICIPANTS and m.date.source == "explicit"
                and not _is_current(m, published)
                for m in own
            )
            listed = set() if dated_history else participation_list(sent, context)
            story_exercises = [
                i for i, m in enumerate(found) if m.event_type == "exercise" and m.participants and _is_current(m, published)
            ]
            if listed and story_exercises:
                # The participants of the exercise the story is about (the first one it names), listed apart.
                found[story_exercises[0]] = _with_participants(found[story_exercises[0]], listed)
                own = [m for m in own if m.event_type != "exercise"]
            for mention in own:
                trigger = doc.char_span(mention.trigger_start - offset, mention.trigger_start - offset + len(mention.trigger))
                if _is_definite_reference(mention, trigger.root):
                    mention = _resolve_reference(mention, found)
                found.append(mention)
    return [m for m in found if len(m.participants) >= MINIMUM_PARTICIPANTS and m.pairs]


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def mention_rows(article_id: str, mentions: list[EventMention]) -> Iterator[dict]:
    for mention in mentions:
        event_mention_id = _hash(article_id, mention.trigger_start, mention.event_type, mention.date)
        for country_a, country_b in mention.pairs:
            yield {
                "mention_id": _hash(event_mention_id, country_a, country_b),
                "article_id": article_id,
                "event_mention_id": event_mention_id,
                "event_type": mention.event_type,
                "subtype": mention.subtype,
                "status": mention.status,
                "year": mention.date.year,
                "month": mention.date.month,
                "day": mention.date.day,
                "date_source": mention.date.source,
                "date_precision": mention.date.precision if mention.date.year else "none",
                "country_a": country_a,
                "country_b": country_b,
                "participants": list(mention.participants),
                "location_place": mention.location_place,
                "location_country": mention.location_country,
                "trigger": mention.trigger,
                "evidence": mention.evidence,
                "sentence_start": mention.sentence_start,
            }


@dataclass(frozen=True)
class GatedArticle:
    """An article's paragraphs that the gate lets through, with their offsets in its text."""

    article_id: str
    published: date | None
    offsets: list[int]
    texts: list[str]


def read_articles(nlp: Language, articles: list[GatedArticle], batch_size: int) -> list[dict]:
    """Parse the gated paragraphs and read their mentions: one row per mention and country pair."""
    docs = iter(nlp.pipe([text for article in articles for text in article.texts], batch_size=batch_size))
    rows: list[dict] = []
    for article in articles:
        article_docs = [next(docs) for _ in article.texts]
        rows.extend(mention_rows(article.article_id, extract_article_mentions(article_docs, article.offsets, article.published)))
    return rows


# Set in each worker process: the pipeline it inherited from the parent, and the parse batch size.
_worker_pipeline: tuple[Language, int] | None = None


def _start_worker(nlp: Language, batch_size: int) -> None:
    global _worker_pipeline
    _worker_pipeline = (nlp, batch_size)


def _read_in_worker(articles: list[GatedArticle]) -> list[dict]:
    nlp, batch_size = _worker_pipeline
    return read_articles(nlp, articles, batch_size)


def extract_mentions(nlp: Language, articles: pl.DataFrame, n_process: int = 1, batch_size: int = 64) -> pl.DataFrame:
    """Event mentions of every article: one row per mention and country pair.

    Only the paragraphs that the gate (transforms/gate.py) selects are parsed: the others can neither
    hold a mention nor change what the extractor reads in the rest of their article.

    With n_process > 1, chunks of articles are parsed and read in worker processes forked from this
    one, which share its loaded pipeline; only mention rows come back. (spaCy's own `nlp.pipe(n_process=...)`
    sends every parsed Doc back to the parent, which then reads them alone: slower on two cores.)
    """
    gate = event_gate(nlp, LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS)
    gated = []
    for article in articles.select("article_id", "text", "published").iter_rows(named=True):
        paragraphs = split_paragraphs(article["text"] or "")
        selected = [paragraphs[index] for index in gate.select([text for _, text in paragraphs])]
        if selected:
            offsets, texts = [offset for offset, _ in selected], [text for _, text in selected]
            gated.append(GatedArticle(article["article_id"], article["published"], offsets, texts))
    chunks = [gated[start : start + CHUNK_ARTICLES] for start in range(0, len(gated), CHUNK_ARTICLES)]
    if n_process > 1 and len(chunks) > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker, initargs=(nlp, batch_size)) as pool:
            rows = [row for chunk_rows in pool.map(_read_in_worker, chunks) for row in chunk_rows]
    else:
        rows = read_articles(nlp, gated, batch_size)
    if not rows:
        return empty_frame(EVENT_MENTIONS)
    return pl.DataFrame(rows, schema=EVENT_MENTIONS).unique("mention_id", keep="first", maintain_order=True)
