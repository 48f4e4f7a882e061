"""The reading stages put together: an article's event mentions, and their warehouse rows.

Over 400 lines on purpose: it is the one walk through an article, paragraph by paragraph and
sentence by sentence, that carries what earlier sentences told (the story's exercise, its editions,
lists opened by a colon, withdrawals) to later ones; the rules that read that state live beside
the walk that keeps it.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from transforms.ingest import dateline_length
from transforms.dates import EventDate, SAME_AS_PREVIOUS, explicit_year, names_year, resolve_event_date
from transforms.extract.attributes import read_location, read_subtype
from transforms.extract.context import (
    ArticleContext, MINIMUM_PARTICIPANTS, build_context, country_mentions, mark_defined_abbreviations, remember_subject,
)
from transforms.extract.event_dates import date_candidates, in_paragraph_year, read_event_date
from transforms.extract.names import (
    edition_year, edition_year_of_name, event_triggers, exercise_name, exercise_names, is_edition, mark_named_exercises, tells_of_exercises,
)
from transforms.extract.participants import (
    forces_of, in_other_event_clause, names_a_place, newcomer_positions, participation_list, read_participants, role_positions,
    sentence_parties, tells_of_participation, withdrawn_positions,
)
from transforms.extract.grammar import EVENT_PREDICATES, clause_head, is_force_word, is_taking_part, phrase_in, words_and_lemmas
from transforms.extract.scope import trigger_is_event
from transforms.nlp import lexicon
from transforms.extract.status import read_polarity


@dataclass(frozen=True)
class EventMention:
    event_type: str
    subtype: str
    status: str
    date: EventDate
    participants: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    cast: frozenset[str]  # the participants the syntax around the trigger names (read_participants)
    name: tuple[str, ...] | None  # an exercise's name, when the text gives it
    location_place: str | None
    location_country: str | None
    trigger: str
    evidence: str
    sentence_start: int
    trigger_start: int


def mentions_in_sentence(sent: Span, context: ArticleContext, offset: int) -> Iterator[EventMention]:
    seen = set()
    told: EventDate | None = None
    # "trained alongside the Kazakh battalion for the whole exercise": of two words for one event, the one
    # that refers back ("the exercise") is read first, so that the event is the one the story told
    triggers = sorted(event_triggers(sent.doc), key=lambda trigger: (not _is_definite(trigger.root), trigger.start))
    for trigger in triggers:
        if not (sent.start <= trigger.start < sent.end) or not trigger_is_event(trigger):
            continue
        status = read_polarity(trigger)
        if status is None:
            continue
        roles = role_positions(trigger)
        participants, pairs, people, cast = read_participants(trigger, roles, context)
        # An exercise may be named before its participants are listed: kept until the article ends.
        if trigger.label_ != "exercise" and (len(participants) < MINIMUM_PARTICIPANTS or not pairs):
            continue
        event_date, other_dates = read_event_date(trigger, status, context)
        if event_date.source in {"publication", "paragraph", "none"} and (edition := _edition_told(trigger)) is not None:
            event_date = explicit_year(edition)  # "Vostok-2018 was the first time China joined the exercise"
        elif (named_edition := edition_year_of_name(trigger)) is not None and event_date.year != named_edition:
            # "A year later, Tsentr-2019, staged in September 2019": the name says which edition
            event_date = _date_of_year(sent, named_edition, context) or explicit_year(named_edition)
        published = context.published
        this_year = event_date.source in {"publication", "none"} or published and event_date.year == published.year
        if is_edition(trigger) and this_year and context.exercise_told:
            # "this year's edition" is the exercise the story tells by its name (unless it is the first the story
            # tells: "This year's edition, run by the Estonian Navy, located 112 objects"); last or next year's is another
            continue
        if status == "occurred" and published and event_date.as_date() and event_date.as_date() > published:
            status = "planned"
        if status == "planned" and published and event_date.year is not None and event_date.year < published.year:
            continue  # a plan reported in a past year's context is no event of its own
        dated = [(event_date, status)]
        for other in other_dates:
            if other.year is not None:
                past = published is None or other.year < published.year or status == "occurred"
                dated.append((other, "occurred" if past else status))
        subtype = read_subtype(trigger, roles, people, context)
        place, place_country = read_location(sent, country_mentions(sent))
        name = exercise_name(trigger)
        for when, when_status in dated:
            key = (trigger.label_, subtype, when, participants, pairs)
            if key in seen:
                continue
            seen.add(key)
            yield EventMention(
                event_type=trigger.label_, subtype=subtype, status=when_status, date=when,
                participants=participants, pairs=pairs, cast=cast, name=name, location_place=place, location_country=place_country,
                trigger=trigger.text, evidence=sent.text.strip(), sentence_start=offset + sent.start_char,
                trigger_start=offset + trigger.start_char,
            )
        if event_date.year is not None and event_date.source not in {"publication", "paragraph"}:
            told = event_date
    if told is not None:
        context.last_date = told  # after the sentence: its own "twelve days later" counts from the one before


def _resolved_dates(sent: Span, published: date | None) -> list[tuple[Span, EventDate]]:
    """The sentence's dates the publication date resolves, with their words; not "that same year", which
    takes the previous date's."""
    return [
        (ent, resolved) for ent in date_candidates(sent)
        if (resolved := resolve_event_date(ent.text, published)) is not None and resolved is not SAME_AS_PREVIOUS
    ]


def _date_of_year(sent: Span, year: int, context: ArticleContext) -> EventDate | None:
    """The sentence's date of that year ("staged in September 2019"), the most precise one."""
    of_year = [d for _, d in _resolved_dates(sent, context.published) if d.year == year]
    return max(of_year, key=lambda d: (d.month is not None, d.day is not None), default=None)


def _edition_told(trigger: Span) -> int | None:
    """The edition an exercise's name tells ("Zapad-2021"), or the one edition its sentence names."""
    if trigger.label_ != "exercise":
        return None
    years = {year for token in trigger.sent if (year := edition_year(token)) is not None}
    return edition_year_of_name(trigger) or (years.pop() if len(years) == 1 else None)


# A paragraph is parsed in pieces of at most this many characters: spaCy needs about 1 GB for each
# 100,000 characters of one text and refuses texts over 1,000,000 (E088). News paragraphs are far shorter.
MAX_PIECE_CHARS = 10_000


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs with their offsets: a line break ends a paragraph in scraped text; an overlong one is
    cut into pieces, at a sentence end or a space when it has one."""
    pieces = []
    for match in re.finditer(r"[^\n]+", text):
        offset, paragraph = match.start(), match.group()
        skipped = dateline_length(paragraph)
        offset, paragraph = offset + skipped, paragraph[skipped:]
        if not paragraph.strip():
            continue
        while len(paragraph) > MAX_PIECE_CHARS:
            window = paragraph[:MAX_PIECE_CHARS]
            cut = max(window.rfind(mark) for mark in (". ", "? ", "! ")) + 1 or window.rfind(" ") + 1 or MAX_PIECE_CHARS
            pieces.append((offset, paragraph[:cut]))
            offset, paragraph = offset + cut, paragraph[cut:]
        pieces.append((offset, paragraph))
    return pieces


def _with_participants(mention: EventMention, countries: set[str]) -> EventMention:
    participants = tuple(sorted(set(mention.participants) | countries))
    return replace(mention, participants=participants, pairs=tuple(itertools.combinations(participants, 2)))


def _is_definite(trigger_token: Token) -> bool:
    """"The drill", "this exercise", "their talks": an event the story has told of already."""
    return any(child.dep_ in {"det", "poss"} and child.lower_ in {"the", "this", "that", "these", "those", "its", "their"} for child in trigger_token.children)


def _is_definite_reference(mention: EventMention, trigger_token: Token) -> bool:
    """"The pact", "the meeting" with no date of its own refers back to an event already told."""
    # "none": the article has no date either; "paragraph": the year of the past its paragraph tells
    has_no_date_of_its_own = mention.date.source in {"publication", "paragraph", "none"}
    return has_no_date_of_its_own and _is_definite(trigger_token)


def _tells_of_editions(trigger_token: Token) -> bool:
    """"The drill was also held in 2016", "the exercise, first held in 2012": the sentence is about other
    editions of an event the story told, not about something new."""
    adverbs = set(lexicon()["edition_adverbs"])
    verbs = [trigger_token, *list(trigger_token.ancestors)[:2], *(c for c in trigger_token.children if c.dep_ in {"acl", "relcl"})]
    return any(child.dep_ == "advmod" and child.lower_ in adverbs for verb in verbs for child in verb.children)


def _with_antecedent_participants(mention: EventMention, earlier: list[EventMention]) -> EventMention:
    """"The drill was also held in 2016 and 2018": a definite event with no parties of its own has those
    of the last event of its kind the story told, whatever its date, when that is a series whose members
    stay (`SERIES_MEMBERS`)."""
    for previous in reversed(earlier):
        if previous.event_type == mention.event_type and len(previous.participants) >= MINIMUM_PARTICIPANTS:
            if len(previous.participants) > SERIES_MEMBERS:
                return mention
            return _with_participants(mention, set(previous.participants))
    return mention


def _resolve_reference(mention: EventMention, earlier: list[EventMention]) -> EventMention:
    """"The pact", "the talks": the last event of its kind the story told, with the same parties, or,
    when the reference's own syntax names fewer than two, with that event's parties ("Hultqvist said
    the pact did not amount to an alliance"). "Their next meeting" is not the last one."""
    own_parties = len(mention.cast) >= MINIMUM_PARTICIPANTS
    for previous in reversed(earlier):
        if previous.event_type != mention.event_type or mention.status == "planned" and previous.status == "occurred":
            continue
        if previous.participants == mention.participants:
            return replace(mention, subtype=previous.subtype, date=previous.date, status=previous.status)
        takes_its_parties = mention.event_type != "exercise" and len(previous.participants) >= MINIMUM_PARTICIPANTS  # exercises chain
        if takes_its_parties and not own_parties and set(mention.cast) <= set(previous.participants):
            # "held separate meetings with A and B. At the meeting with A ...": of meetings told one by one, the one
            # with the country the reference names
            pairs = [pair for pair in previous.pairs if set(mention.cast) & set(pair)] if mention.cast else list(previous.pairs)
            parties = {iso3 for pair in pairs for iso3 in pair} or set(previous.participants)
            return replace(
                _with_participants(replace(mention, participants=()), parties),
                subtype=previous.subtype, date=previous.date, status=previous.status,
            )
    return mention


def _with_body_parties(mention: EventMention, trigger_token: Token, earlier: list[EventMention]) -> EventMention:
    """"... a session of the High-Level Cooperation Council between the two countries. The council last met
    in Izmir in 2016": a body an earlier meeting's sentence named meets with that meeting's parties."""
    if mention.event_type != "meeting" or trigger_token.pos_ != "VERB" or len(mention.cast) >= MINIMUM_PARTICIPANTS:
        return mention
    body = next((child for child in trigger_token.children if child.dep_ == "nsubj"), None)
    if body is None or body.pos_ != "NOUN" or body.ent_type_ or not _is_definite(body):
        return mention
    for previous in reversed(earlier):
        if previous.event_type == "meeting" and len(previous.participants) >= MINIMUM_PARTICIPANTS:
            if re.search(r"\b" + re.escape(body.lower_) + r"\b", previous.evidence.lower()):
                return _with_participants(replace(mention, participants=()), set(previous.participants))
            return mention
    return mention


def _told_exercise(mention: EventMention, trigger: Span, found: list[EventMention], same_year: bool) -> int | None:
    """The exercise "the exercise", "the drill" or the exercise's name refers to: the first one the
    story told of (by that name, when it has one); of the mention's year if `same_year`, else the
    first whose parties the story has named ("the drill was also held in 2016")."""
    if mention.event_type != "exercise":
        return None
    # "Previous editions were held in 2019 and 2022": an earlier edition is one of a told exercise's
    earlier_editions = is_edition(trigger) and any(
        child.dep_ == "amod" and child.lower_ in lexicon()["edition_adjectives"] for child in trigger.root.children
    )
    if not (mention.name or _is_definite(trigger.root) or earlier_editions):
        return None
    for index, previous in enumerate(found):
        if previous.event_type != "exercise":
            continue
        if previous.date.year != mention.date.year if same_year else not previous.participants:
            continue
        if mention.name is None or previous.name == mention.name:
            return index
    return None


def _parties_of_exercises(found: list[EventMention], chains: list[int]) -> dict[int, set[str]]:
    """Each exercise's parties, by the index of its first mention: all those its first mention read, and
    those each later sentence on it gives a role, not all those a later sentence names."""
    parties: dict[int, set[str]] = {}
    for index, (chain, mention) in enumerate(zip(chains, found)):
        parties.setdefault(chain, set()).update(mention.participants if chain == index else mention.cast)
    return parties


def _is_indefinite(trigger_token: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in {"a", "an", "another"} for child in trigger_token.children)


def _exercise_of_its_parties(
    mention: EventMention, trigger_token: Token, found: list[EventMention], chains: list[int], published: date | None,
) -> int | None:
    """"Saudi and Jordanian units practised manoeuvres with American tanks", "African units from A, B and C
    will train alongside special forces from D and E": with no date of its own, a drill of some of the
    parties of an exercise the story told of (or of two of them and others), in its year, is part of it;
    of the one told last when several fit; a plan with no date, of a current one (`_is_current`)."""
    if mention.event_type != "exercise" or len(mention.participants) < MINIMUM_PARTICIPANTS or mention.name is not None:
        return None  # an exercise by a name joins only the mentions of that name
    if _is_indefinite(trigger_token):
        return None  # "Finland and Sweden plan a bilateral exercise in the autumn": a new one
    parties = _parties_of_exercises(found, chains)
    for chain, countries in reversed(parties.items()):  # the exercise told last, as a reader resolves "there"
        first = found[chain]
        in_its_year = first.date.year == mention.date.year or mention.date.year is None and _is_current(first, published)
        shared = set(mention.participants) & countries
        if first.event_type == "exercise" and in_its_year and (shared == set(mention.participants) or len(shared) >= MINIMUM_PARTICIPANTS):
            return chain
    return None


def _is_a_pairs_series(mention: EventMention, trigger_token: Token, found: list[EventMention], chains: list[int]) -> bool:
    """"The growing intimacy with Beijing contrasts with the fate of Cambodia's exercises with Washington": a
    plural with no date of its own whose parties are not those of an exercise the story told is a pair's
    exercises in general, no event."""
    if mention.event_type != "exercise" or trigger_token.tag_ != "NNS" or len(mention.cast) < MINIMUM_PARTICIPANTS:
        return False
    told = [parties for parties in _parties_of_exercises(found, chains).values() if len(parties) >= MINIMUM_PARTICIPANTS]
    return bool(told) and not any(set(mention.cast) <= parties for parties in told)


def _fills_partyless_story(mention: EventMention, trigger_token: Token, found: list[EventMention], story_exercises: list[int]) -> bool:
    """A drill of parties, with no date or name of its own, in the paragraph that has just told the story's
    exercise with none."""
    if mention.event_type != "exercise" or mention.name is not None or _is_indefinite(trigger_token) or not story_exercises:
        return False
    return len(found[story_exercises[0]].participants) < MINIMUM_PARTICIPANTS <= len(mention.participants)


def _forces_of_its_drill(mention: EventMention, verb: Token, sent: Span, context: ArticleContext, story: EventMention) -> set[str]:
    """A verb of training with no date or name of its own ("trained alongside", "exercised with") whose parties
    the sentence names only as forces ("Nigerian commandos", "teams from Benin"), in a story about a current
    exercise with parties, is a part of that exercise, not another one: the forces the sentence tells, else none."""
    if mention.event_type != "exercise" or mention.name is not None or verb.pos_ != "VERB" or not mention.participants:
        return set()
    if len(story.participants) < MINIMUM_PARTICIPANTS or not _is_current(story, context.published):
        return set()
    return _forces_holding_its_parties(mention, sent, context)


def _forces_holding_its_parties(mention: EventMention, sent: Span, context: ArticleContext) -> set[str]:
    """The countries whose forces the sentence tells of, when every party of the exercise mention is one
    of them ("Nigerian commandos trained alongside them"); else none."""
    forces = forces_of(sent, context) if mention.event_type == "exercise" and mention.participants else set()
    return forces if set(mention.participants) <= forces else set()


def _past_editions_without_event_word(
    sent: Span, story: EventMention, context: ArticleContext, offset: int, exercise_told_last: bool,
) -> list[EventMention]:
    """"India and Pakistan first took part in August 2018, alongside Russian and Chinese troops", "French and
    Italian warships joined the Greek and Cypriot navies in 2015": in a story about an exercise, taking part
    with a past date of its own, in a clause with no event word, tells of an edition of that year, whose
    parties are those the verb gives a role (not "which joined the organisation in 2017"). So does "it" in a
    paragraph that has just told an exercise: "In 2022 it opened in Agadir with personnel from Brazil and France"."""
    published = context.published
    if published is None or story.date.year is None:
        return []
    editions = []
    for verb in sent:
        if verb.pos_ != "VERB" or not (_says_it_took_part(verb) or exercise_told_last and _is_said_of_it(verb)) or any(
            clause_head(trigger.root) == verb for trigger in event_triggers(sent.doc) if sent.start <= trigger.start < sent.end
        ):
            continue
        span = Span(sent.doc, verb.i, verb.i + 1, label="exercise")
        if read_polarity(span) != "occurred":
            continue
        when, _ = read_event_date(span, "occurred", context)
        if when.source != "explicit" or when.year is None or when.year >= story.date.year:
            continue
        participants, pairs, _, cast = read_participants(span, role_positions(span), context)
        if len(cast) < MINIMUM_PARTICIPANTS:
            continue
        editions.append(EventMention(
            event_type="exercise", subtype=story.subtype, status="occurred", date=when, participants=participants, pairs=pairs,
            cast=cast, name=story.name, location_place=None, location_country=None, trigger=verb.text, evidence=sent.text.strip(),
            sentence_start=offset + sent.start_char, trigger_start=offset + verb.idx,
        ))
    return editions


def _is_said_of_it(verb: Token) -> bool:
    """"It opened", "it was held": an event's verb whose subject is "it"."""
    return verb.lemma_.lower() in EVENT_PREDICATES | {"hold", "stage"} and any(
        child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ == "it" for child in verb.children
    )


def _says_it_took_part(verb: Token) -> bool:
    """"Took part", "participated", "joined" with no object or with forces or a pronoun for its object ("joined
    the Greek navy", "joined them"; not "joined the organisation")."""
    if is_taking_part(verb):
        return True
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    return verb.lemma_.lower() == "join" and all(is_force_word(o) or o.pos_ == "PRON" for o in objects)


def _is_current(mention: EventMention, published: date | None) -> bool:
    """Of the story's time: undated, or of the publication's year or later. In an article with no publication
    date, the current events are those with no year: one the text dates may be years past."""
    return mention.date.year is None or published is not None and mention.date.year >= published.year


def extract_article_mentions(docs: list[Doc], offsets: list[int], published: date | None) -> list[EventMention]:
    mark_defined_abbreviations(docs)
    context = build_context(docs, published)
    names = exercise_names(docs, set(context.people))
    about_exercises = tells_of_exercises(docs)
    found: list[EventMention] = []
    chains: list[int] = []  # for each mention, the index of the first mention of the same exercise
    editions: dict[int, int] = {}  # "the drill was also held in 2016": the mention, and the exercise it is an edition of
    told_in_a_clause: set[int] = set()  # mentions whose sentence has a verb
    open_list = None  # the exercise a paragraph ending in a colon opened a list for ("Participating countries:")
    withdrawn: set[str] = set()  # countries the story says withdrew ("Colombia pulled out in October")
    newcomers: set[str] = set()  # countries the story says take part for the first time
    carried = None  # the story's exercise whose forces a paragraph was telling when it ended
    for doc, offset in zip(docs, offsets):
        if open_list is not None and _is_list_item(doc):
            found[open_list] = _with_participants(found[open_list], _listed_countries(doc, context))
            continue
        open_list = None
        if _is_heading(doc):
            carried = None
            continue  # "A LETTER OF INTENT", "Home > Defence > Exercises": the paragraphs below tell the events
        mark_named_exercises(doc, names, about_exercises)
        paragraph_exercise = None  # the exercise the paragraph told of last
        # the exercise a list of the paragraph gave participants to; "The visitors were spread across the region.
        # At Bodø the ramp was shared by British Typhoons": a paragraph after the story's that tells only of
        # forces goes on telling its parties
        # "Footage showed Norwegian, Swedish and Italian troops pushing through deep snow": so does any paragraph
        # on the story's current exercise
        told_parties = _parties_of_exercises(found, chains)
        story_now = next((
            chain for chain, parties in told_parties.items()
            if found[chain].event_type == "exercise" and _is_current(found[chain], published) and len(parties) >= MINIMUM_PARTICIPANTS
        ), None)
        told_by_forces = carried if carried is not None else story_now
        as_told = None if told_by_forces is None else replace(
            found[told_by_forces], participants=tuple(sorted(told_parties[chains[told_by_forces]] | set(found[told_by_forces].participants)))
        )
        listed_in_paragraph = told_by_forces if as_told is not None and _tells_only_forces(doc, as_told, context) else None
        told_here = False  # whether the paragraph told the exercise or listed its parties itself
        # whether the listing is read from the exercise told, not from a list: then only a sentence with no event
        # of its own and no other year goes on with it, and another event ends it
        inferred = listed_in_paragraph is not None
        context.paragraph_year = None
        context.paragraph_told_present = False
        context.previous_countries = ()
        for sent in doc.sents:
            dates = _resolved_dates(sent, published)
            for ent, resolved in dates:
                # "signed a renewal of the 2008 memorandum. The following day, ...": a year that labels a thing
                # tells what it is, not when the story is
                labels = resolved.precision == "year" and ent.root.dep_ in {"nummod", "compound", "amod"} and ent.root.head.pos_ in {"NOUN", "PROPN"}
                if resolved.source in {"explicit", "relative"} and not labels:
                    # "... on December 23, 2008. ... promised a deal by December": a yearless month of the paragraph's year
                    context.last_date = in_paragraph_year(ent.text, resolved, context)
            # the years the sentence writes out ("in 2019"), not those it tells relatively ("this year", "that August")
            years_named = [resolved.year for ent, resolved in dates if names_year(ent.text)]
            edition = next((year for token in sent if (year := edition_year(token)) is not None), None)
            if edition is not None and not years_named:
                # "India pulled out of Kavkaz-2020 that August. ... trained that September": that year's months
                context.last_date, context.paragraph_year = explicit_year(edition), edition
            own = list(mentions_in_sentence(sent, context, offset))
            context.paragraph_told_present |= any(
                m.date.source == "publication" or published is not None and m.date.year == published.year for m in own
            )
            if years_named:
                context.paragraph_year = years_named[-1]
            # The exercise the story is about: the first current one with parties, else the first current one
            # by a name ("Talisman Sabre 2023 kicked off on Friday", its parties listed in the next sentence).
            current = [i for i, m in enumerate(found) if m.event_type == "exercise" and _is_current(m, published)]
            # Else the first current one a clause tells ("The exercise opened on Monday. It brings together ..."),
            # not a heading's or a breadcrumb's ("Home > Defence > Exercises").
            story_exercises = (
                [i for i in current if found[i].participants] or [i for i in current if found[i].name]
                or [i for i in current if i in told_in_a_clause][:1]
            )
            # A past exercise with its own date and parties ("in 2007, X and Y warships joined ...") stands alone,
            # and so does another exercise by a name of its own ("it had just completed Udara Shakti, the first
            # bilateral exercise between ..."), and one planned when the story's took place ("later this month,
            # Balikatan will start and will see forces from A and B take part"): the sentence lists their parties.
            story = found[story_exercises[0]] if story_exercises else None
            stands_alone = any(
                m.event_type == "exercise" and (
                    len(m.participants) >= MINIMUM_PARTICIPANTS and m.date.source == "explicit" and not _is_current(m, published)
                    or m.name is not None and story is not None and story.name is not None and m.name != story.name
                    # "The exercise opened on 29 January. ... on 23 January, Indian fighters joined French Rafales
                    # for Desert Knight": a name and a day of its own are another exercise than the story's unnamed one
                    or m.name is not None and story is not None and story.name is None and m.date.source in {"explicit", "relative"}
                    and m.date.day is not None and m.date != story.date
                    or story is not None and m.status == "planned" and story.status == "occurred" and m.date.source != "publication"
                )
                for m in own
            )
            participating = tells_of_participation(sent)
            listed = participation_list(sent, context) if participating else set()
            # "Kazakh peacekeepers have served in Lebanon since October 2018, deployed inside an Indian battalion",
            # "Mongolia sent a company to the 2017 edition": a sentence of another year tells of something else
            elsewhen = story is not None and story.date.year is not None and (
                bool(years_named) and story.date.year not in years_named or edition is not None and edition != story.date.year
            )
            if listed and story_exercises and not stands_alone and not elsewhen:
                # The participants of the exercise the story is about (the first one it names), listed apart,
                # or of another current one by a name of its own that the paragraph has just told of ("Peace
                # Mission followed Zapad-2021, the exercise Russia and Belarus held ... Contingents from A and B
                # joined them").
                target = story_exercises[0]
                recent = found[paragraph_exercise] if paragraph_exercise is not None else None
                if (
                    recent is not None and recent.name is not None and found[target].name not in {None, recent.name}
                    and _is_current(recent, published)
                ):
                    target = chains[paragraph_exercise]
                found[target] = _with_participants(found[target], listed)
                listed_in_paragraph, told_here, inferred = target, True, False
                own = [m for m in own if m.event_type != "exercise"]
            elif story_exercises and not stands_alone and participating:
                listed_in_paragraph, told_here, inferred = story_exercises[0], True, False  # "South American participation was broader than ever."
            elif (
                listed_in_paragraph is not None and not listed and not any(m.event_type == "exercise" for m in own) and not elsewhen
                and (not inferred or _of_its_time(sent, found[listed_in_paragraph], dates))
            ):
                # The list goes on: "The contingents come from A and B. Spanish and German special forces run
                # the ranges": the forces the paragraph's later sentences tell of take part too.
                found[listed_in_paragraph] = _with_participants(found[listed_in_paragraph], forces_of(sent, context))
            elif listed:
                # "The annual Balikatan exercise will start on April 22 and will see forces from A and B take
                # part": the sentence's own first exercise, whose list the syntax did not give it.
                first = next((i for i, m in enumerate(own) if m.event_type == "exercise" and not _lists_another(m, listed, sent, offset)), None)
                if first is not None and len(own[first].cast) < MINIMUM_PARTICIPANTS:
                    own[first] = _with_participants(own[first], listed)
            if story is not None:
                own += _past_editions_without_event_word(sent, story, context, offset, paragraph_exercise is not None)
            for mention in own:
                trigger = doc.char_span(mention.trigger_start - offset, mention.trigger_start - offset + len(mention.trigger))
                if trigger.root.dep_ == "poss" and any(m.event_type == mention.event_type for m in found):
                    continue  # "the exercise's spokesperson": an event the story told, not a report of it
                # "The exercise" or its name with no date of its own is one the story told of: the same event,
                # whose parties are all those its sentences give a role ("3,000 US Marines are in Norway for the
                # exercise"). A date of its own may be another edition's, and keeps the mention apart.
                no_date = mention.date.source in {"publication", "paragraph", "none"}
                if no_date and _is_a_pairs_series(mention, trigger.root, found, chains):
                    continue
                antecedent = _told_exercise(mention, trigger, found, same_year=True) if no_date else None
                if antecedent is None and no_date:
                    antecedent = _exercise_of_its_parties(mention, trigger.root, found, chains, published)
                told_last = paragraph_exercise is not None and story_exercises and chains[paragraph_exercise] == story_exercises[0]
                if antecedent is None and no_date and told_last and _fills_partyless_story(mention, trigger.root, found, story_exercises):
                    # "The exercise opened on Monday. Zambian and Malawian soldiers will train together for two weeks."
                    antecedent = story_exercises[0]
                forces = (
                    _forces_of_its_drill(mention, trigger.root, sent, context, found[story_exercises[0]])
                    if antecedent is None and no_date and story_exercises else set()
                )
                if forces:
                    # "Flintlock was co-hosted by A and B. Nigerian and Nigerien commandos trained alongside them at
                    # the range, while Beninese teams were based with Ivorian units": the story's exercise, told by its forces
                    antecedent = story_exercises[0]
                    mention = replace(_with_participants(mention, forces), cast=frozenset(mention.cast | forces))
                elif antecedent is not None and story_exercises and chains[antecedent] == chains[story_exercises[0]]:
                    # "Kyrgyz and Tajik platoons trained alongside the Kazakh battalion for the whole exercise": a
                    # sentence on the story's exercise whose parties are all forces takes part with all of them,
                    # wherever the parser hung the exercise word
                    mention = replace(mention, cast=frozenset(mention.cast | _forces_holding_its_parties(mention, sent, context)))
                if antecedent is not None:
                    first = found[chains[antecedent]]  # the exercise's own date is where the story first told it
                    mention = replace(mention, subtype=first.subtype, date=first.date, status=first.status)
                    if mention.cast and story_exercises and chains[antecedent] == chains[story_exercises[0]]:
                        # "the exercise brought in the navies of A and B. Further south, Gabonese crews ran
                        # inspections alongside a French vessel": the paragraph goes on listing
                        listed_in_paragraph, told_here, inferred = chains[antecedent], True, False
                elif _is_definite_reference(mention, trigger.root):
                    mention = _resolve_reference(mention, found)
                else:
                    mention = _with_body_parties(mention, trigger.root, found)
                named = mention.name is not None  # a name is as definite as "the drill"
                if is_edition(trigger):
                    # "Last year's edition drew fighters from A and B": the exercise's parties, and A and B;
                    # "two officers who watched the 2022 edition" tells who watched, not who took part
                    watched = trigger.root.head.lemma_.lower() in lexicon()["observer_roles"]
                    edition_of = None if watched else _told_exercise(mention, trigger, found, same_year=False)
                    told_here_last = found[paragraph_exercise] if paragraph_exercise is not None else None
                    if edition_of is not None and told_here_last is not None and told_here_last.participants and mention.name in {None, told_here_last.name}:
                        # "... their first bilateral exercise, Al-Mohed Al-Hindi, in August 2021. The second edition
                        # followed in May 2023": an edition of the exercise its paragraph has just told
                        edition_of = paragraph_exercise
                    if edition_of is not None:
                        editions[len(found)] = chains[edition_of]
                elif len(mention.participants) < MINIMUM_PARTICIPANTS and (named or _is_definite(trigger.root)) and _tells_of_editions(trigger.root):
                    edition_of = _told_exercise(mention, trigger, found, same_year=False)
                    if edition_of is not None:
                        editions[len(found)] = chains[edition_of]  # its parties are known when the article ends
                    else:
                        mention = _with_antecedent_participants(mention, found)
                chains.append(chains[antecedent] if antecedent is not None else len(found))
                if mention.event_type != "exercise" and inferred:
                    listed_in_paragraph = None  # "... and signed a joint declaration": what follows is about another event
                if mention.event_type == "exercise":
                    paragraph_exercise = len(found)
                    is_story = chains[-1] == (story_exercises[0] if story_exercises else chains[-1])
                    if is_story and _is_current(mention, published) and len(mention.participants) >= MINIMUM_PARTICIPANTS:
                        # "Exercise X opened, hosted by A with B. Italian jets and Spanish F-18s flew from the base":
                        # the forces the paragraph goes on to tell of take part in the story's exercise
                        listed_in_paragraph, told_here, inferred = chains[-1], True, True
                if any(token.pos_ in {"VERB", "AUX"} for token in sent):
                    told_in_a_clause.add(len(found))
                found.append(mention)
                context.exercise_told |= mention.event_type == "exercise"
                if len(mention.participants) >= MINIMUM_PARTICIPANTS:
                    context.event_groups.append(mention.participants)
            # "Uzbekistan stayed away that year", in a sentence of 2018: a withdrawal from another edition
            # ("India pulled out of Kavkaz-2020 that August": the named edition's year, as above). Unlike
            # years_named, every year the sentence tells counts, relative ones too: "Mongolia withdrew this year"
            # is a withdrawal from the story's edition
            years_told = {resolved.year for _, resolved in dates if resolved.year is not None} if edition is None or years_named else {edition}
            if not years_told or published is None or published.year in years_told:
                leaving, new = withdrawn_positions(sent), newcomer_positions(sent)
                withdrawn |= {m.iso3 for m in country_mentions(sent) if m.span.root.i in leaving}
                newcomers |= {m.iso3 for m in country_mentions(sent) if m.span.root.i in new}
            remember_subject(sent, context)
            context.previous_countries = tuple(dict.fromkeys(mention.iso3 for mention in country_mentions(sent)))
        if listed_in_paragraph is not None and doc.text.rstrip().endswith(":"):
            open_list = listed_in_paragraph
        # one paragraph on, from the paragraph that told the exercise or its parties, not from one that only
        # went on listing them
        telling = told_here and listed_in_paragraph is not None
        carried = listed_in_paragraph if telling and len(found[listed_in_paragraph].participants) >= MINIMUM_PARTICIPANTS else None
    # Every mention of one exercise names its parties as a whole, whichever sentence told each of them.
    chain_parties = _parties_of_exercises(found, chains)
    for index, (chain, m) in enumerate(zip(chains, found)):
        if m.event_type != "exercise":
            continue
        if index not in editions:
            # A later mention's other countries are no parties ("Oslo notified Moscow of the exercise"): only
            # those it gives a role, which its exercise's parties hold.
            found[index] = _with_participants(replace(m, participants=()), chain_parties[chain])
        elif not _keeps_own_parties(m, exercise_parties := chain_parties[editions[index]]):
            # An earlier edition had none of the countries that take part for the first time now.
            found[index] = _with_participants(m, exercise_parties - (set() if _is_current(m, published) else newcomers))
    # A country that withdrew takes no part in the exercises of the story's time, whichever sentence listed it.
    found = [
        _with_participants(replace(m, participants=()), set(m.participants) - withdrawn) if m.event_type == "exercise" and _is_current(m, published) and withdrawn & set(m.participants) else m
        for m in found
    ]
    return [m for m in found if len(m.participants) >= MINIMUM_PARTICIPANTS and m.pairs]


# An exercise of this many parties or fewer keeps them from edition to edition (a bilateral or trilateral
# series); a larger one's membership changes, so an edition told without its own list has no known parties.
SERIES_MEMBERS = 3


def _keeps_own_parties(edition: EventMention, exercise_parties: set[str]) -> bool:
    """Whether an edition of an exercise has its own parties only: it names them whole (`_told_whole`), or the
    exercise is a multinational one whose members change ("Cutlass Express was first held in 2011": not with
    this year's fourteen navies)."""
    return _told_whole(edition, exercise_parties) or len(exercise_parties) > SERIES_MEMBERS


def _told_whole(edition: EventMention, exercise_parties: set[str]) -> bool:
    """"The first edition, in 2002, was a bilateral event between the Brazilian and French air forces": a
    list of an edition's own that names one of the exercise's parties is all of that edition's parties;
    "the 2019 edition drew fighters from A and B as well", naming only others, adds to the exercise's."""
    return len(edition.cast) >= MINIMUM_PARTICIPANTS and bool(set(edition.cast) & exercise_parties)


def _of_its_time(sent: Span, exercise: EventMention, dates: list) -> bool:
    """A sentence with no event word of its own and no date of another year than the exercise's ("Last year,
    Indian and Pakistani soldiers shared the range" tells of another edition)."""
    other_year = any(resolved.year not in {None, exercise.date.year} for _, resolved in dates)
    return not other_year and not any(sent.start <= trigger.start < sent.end for trigger in event_triggers(sent.doc))


def _tells_only_forces(doc: Doc, exercise: EventMention, context: ArticleContext) -> bool:
    """Whether a paragraph goes on about the exercise's forces: it names one of its parties too ("Belgian
    F-16s flew out of Rovaniemi with the Finnish Hornets"; not "Spanish warships passed through the Suez Canal
    on the same day"), every other country it names is named for its forces ("Luleå took German Eurofighters
    and French Rafales"), not as a place, a voice or a context ("Tokyo lodged a protest", "Russian activity
    has continued"), and it tells of no ceremony ("21 vessels sailed in a naval parade. Among the foreign
    ships were ...")."""
    parties = set(exercise.participants)
    named = [(sent, {mention.iso3 for mention in country_mentions(sent) if not names_a_place(mention)}) for sent in doc.sents]
    if not any(countries & parties for _, countries in named) or phrase_in(words_and_lemmas(doc[:]), lexicon()["ceremonies"]):
        return False
    return not any(countries - parties and countries - parties - forces_of(sent, context) for sent, countries in named)


def _lists_another(mention: EventMention, listed: set[str], sent: Span, offset: int) -> bool:
    """Whether the countries a sentence lists take part in another event of its own clause ("Their navies
    sailed together in 2023, and Australia joined the following year for a four-nation exercise")."""
    start = mention.trigger_start - offset
    trigger = sent.doc.char_span(start, start + len(mention.trigger), label=mention.event_type)
    return any(in_other_event_clause(m.span.root, trigger) for m in country_mentions(sent) if m.iso3 in listed)


def _is_heading(doc: Doc) -> bool:
    """A line with no verb that is in capitals ("WHAT COMES NEXT") or a trail of sections ("Home > Defence >
    Exercises", "SECURITY / EXERCISES")."""
    trail = re.search(r"\S\s+[>/|»›]\s+\S", doc.text) and "\n" not in doc.text.strip()
    return bool(doc.text.isupper() or trail) and not any(token.pos_ in {"VERB", "AUX"} for token in doc)


BULLETS = {"-", "*", "•", "–", "—"}


def _is_list_item(doc: Doc) -> bool:
    """A paragraph that only names countries ("Zambia (host), Malawi, Botswana."), or a bulleted one that
    names some ("- External partners: the United States, which ran the exercise; the United Kingdom"): an
    item of the list a paragraph before opened with a colon."""
    words = [token for token in doc if not token.is_punct and not token.is_space and token.text not in BULLETS]
    named = any(country_mentions(sent) for sent in doc.sents)
    bulleted = doc.text.lstrip()[:1] in BULLETS
    return named and (bulleted or len(words) <= 12 and not any(token.pos_ in {"VERB", "AUX"} for token in words))


def _listed_countries(doc: Doc, context: ArticleContext) -> set[str]:
    """The countries a list item names as taking part: not those it names as observers or outsiders."""
    countries = set()
    for sent in doc.sents:
        parties, hosts, _ = sentence_parties(sent, context)
        countries |= {m.iso3 for m in parties + hosts}
    return countries


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
                "participants_from_roles": sorted(mention.cast & set(mention.participants)),
                "location_place": mention.location_place,
                "location_country": mention.location_country,
                "trigger": mention.trigger,
                "evidence": mention.evidence,
                "sentence_start": mention.sentence_start,
            }
