"""The event's own date: the date expression of the trigger's clause, resolved against the publication date."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Span, Token

from transforms.dates import (
    EventDate, SAME_AS_PREVIOUS, UNDATED, after_previous, count_of_years, explicit_year, explicit_years, in_year, is_year, names_month_only,
    publication_fallback, resolve_event_date,
)
from transforms.extract.context import ArticleContext
from transforms.extract.grammar import clause_head, distance, event_words_at, held_after_all, in_noun_phrase_of, participle_clause
from transforms.nlp import lexicon


def _date_belongs_to(date_ent: Span, trigger: Span) -> bool:
    clause = clause_head(date_ent.root)
    root = trigger.root
    if _names_another_event(date_ent, trigger):
        return False
    return (
        clause == clause_head(root) or clause in root.ancestors or clause.head == root or clause == participle_clause(trigger)
        # "the memorandum of understanding that A and B signed in 2021": on a word of the trigger's phrase
        or _is_relative_clause(clause) and in_noun_phrase_of(clause.head, root)
        # "an exercise, which the three countries have said they intend to hold later this year"; not "the pact,
        # which they said had made the November activity possible", a date of another noun
        or date_ent.root.dep_ not in {"compound", "amod", "nummod", "poss"} and _in_relative_clause_on(clause, root)
    )


def _is_relative_clause(clause: Token) -> bool:
    """"That A and B signed in 2006", parsed as a relative clause or as a clause with its own subject."""
    return clause.dep_ == "relcl" or clause.dep_ == "acl" and any(child.dep_ in {"nsubj", "nsubjpass"} for child in clause.children)


def _in_relative_clause_on(clause: Token, root: Token) -> bool:
    """Whether a clause is, or is reported inside, a relative clause on the trigger's phrase."""
    while clause.dep_ == "ccomp" and clause.head != clause:
        clause = clause_head(clause.head)
    return clause.dep_ == "relcl" and in_noun_phrase_of(clause.head, root)


def _names_another_event(date_ent: Span, trigger: Span) -> bool:
    """"Add to a 2009 memorandum and to the joint vision statement": a year before another event's noun is
    that event's."""
    head = date_ent.root.head
    return date_ent.root.dep_ in {"nummod", "compound", "amod"} and head != trigger.root and bool(event_words_at(head))


def _in_dateline(ent: Span) -> bool:
    """"CANBERRA, Sept 14 (APN) - ...": the dateline dates the report, not the event."""
    text = ent.doc.text
    return bool(
        re.fullmatch(r"\s*[A-Z][A-Za-z .'’-]{1,40},\s*", text[: ent.start_char])
        and re.match(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]", text[ent.end_char :])
    )


def date_candidates(sent: Span) -> list[Span]:
    """The sentence's date expressions; two side by side are one ("May 29 to June 9" "this year")."""
    candidates: list[Span] = []
    # "at the 2017 Republic Day parade": a year the entity recogniser left out still dates (not "2000 troops")
    missed = [
        Span(sent.doc, token.i, token.i + 1, label="DATE") for token in sent
        if len(token) == 4 and not token.ent_type_ and is_year(token.text) and not (token.dep_ == "nummod" and token.head.tag_ == "NNS")
    ]
    for ent in sorted([*sent.ents, *missed], key=lambda span: span.start):
        if ent.label_ not in {"DATE", "TIME"} or _in_dateline(ent):
            continue
        if candidates and candidates[-1].end == ent.start and candidates[-1].label_ == ent.label_ == "DATE":
            candidates[-1] = Span(sent.doc, candidates[-1].start, ent.end, label="DATE")
        else:
            candidates.append(ent)
    return candidates


# Words between two years that make them a span of time, not a list of editions ("2019-2025", "from 2015 to 2017").
YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*(?:-|–|—|to|until|till|through)\s*(?:19|20)?\d\d")


def listed_years(date_ent: Span, candidates: list[Span]) -> list[int]:
    """The years of a list of editions: "in 2013, 2017 and 2018", "in 2016 and in 2018".

    One date entity may hold the whole list, or each year is an entity of its own, joined to the
    first by conjunction or apposition.
    """
    texts = [date_ent.text]
    chain = {date_ent.root} | ({date_ent.root.head} if date_ent.root.head.dep_ == "prep" else set())  # "in 2016 and in 2018"
    # "after the meetings of April 21, 2016, ..., and of May 21, 2017": the parser may join the second "of" to
    # a word further up the first date's phrase; a conjunct there continues the list too.
    phrase = set()
    token = date_ent.root
    while token.dep_ in {"pobj", "prep"} and token.head.pos_ in {"ADP", "NOUN", "PROPN"} and len(phrase) < 4:
        token = token.head  # not past a verb: "signed in 2007 and which entered into force in 2012" are two acts
        phrase.add(token)
    for other in candidates:
        if other == date_ent:
            continue
        head, conjoined = other.root, False
        while head.dep_ in {"conj", "appos", "pobj", "prep"} and head.head != head and head not in chain | phrase:
            conjoined |= head.dep_ == "conj"
            head = head.head
        # "meetings in New Delhi in 2019 and in Tokyo in 2021": two years of one plural noun, with "and" between
        between = date_ent.doc[min(date_ent.end, other.end) : max(date_ent.start, other.start)]
        plural_list = head.tag_ == "NNS" and any(token.dep_ == "cc" for token in between)
        # "held in Georgia in 2017 and in Azerbaijan in 2019": the parser hangs each year on the verb, "and in" between
        one_verb_twice = _verb_of_its_phrase(other) is not None and _verb_of_its_phrase(other) == _verb_of_its_phrase(date_ent)
        if one_verb_twice and any(token.dep_ == "cc" and token.nbor().pos_ == "ADP" for token in between):
            chain.add(other.root)
            texts.append(other.text)
        elif head in chain or head.head in chain and other.root.dep_ == "conj" or head in phrase and (conjoined or plural_list):
            chain.add(other.root)
            texts.append(other.text)
    years: list[int] = []
    for text in texts:
        if YEAR_RANGE.search(text):
            return []
        years += [year for year in explicit_years(text) if year not in years]
    return years if len(years) > 1 else []


def _verb_of_its_phrase(date_ent: Span) -> Token | None:
    """The verb a date's prepositional phrase hangs on ("held ... in 2019")."""
    preposition = date_ent.root.head
    if date_ent.root.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.head.pos_ not in {"VERB", "AUX"}:
        return None
    return preposition.head


def _dates_an_act_since(ent: Span, trigger: Span) -> bool:
    """"The first time they had met since signing a statement last September": the date is the signing's, an
    act of its own that the trigger is counted from, not the trigger's or an earlier one of its kind."""
    for ancestor in ent.root.ancestors:
        if ancestor == trigger.root:
            return False
        if ancestor.dep_ == "pcomp" and ancestor.pos_ == "VERB" and ancestor.head.lower_ == "since":
            return not ancestor.left_edge.i <= trigger.root.i <= ancestor.right_edge.i
    return False


def _is_perfect(verb: Token) -> bool:
    """"Have held", "has trained": a verb in the perfect."""
    return verb.pos_ in {"VERB", "AUX"} and any(child.dep_ == "aux" and child.lemma_ == "have" for child in verb.children)


def in_paragraph_year(expression: str, resolved: EventDate, context: ArticleContext) -> EventDate:
    """"The crisis of August last year. ... spoke by telephone on August 12": in a paragraph that has
    named another year, a month without a year is of that year, not the publication's."""
    year = context.paragraph_year
    if year is None or context.published is None or year == context.published.year or not names_month_only(expression):
        return resolved
    try:
        date(year, resolved.month or 1, resolved.day or 1)
    except ValueError:
        return resolved
    return replace(resolved, year=year)


def _counted_back(trigger: Span) -> tuple[int, Token] | None:
    """"The drill comes a year after Russian and Chinese warships held joint patrols", "an exercise in 2022,
    four years after signing a border agreement": the years counted back, and the phrase ("after ...")
    that holds the trigger, whose date is counted from the date outside it."""
    for token in [trigger.root, *trigger.root.ancestors]:
        after = token if token.lower_ == "after" and token.dep_ == "prep" else next(
            (child for child in token.children if child.dep_ == "mark" and child.lower_ == "after"), None
        )
        if after is None:
            continue
        holder = after if after.dep_ == "prep" else token
        amounts = [child for child in holder.children if child.dep_ == "npadvmod"]
        count = next((n for child in amounts if (n := count_of_years(trigger.doc[child.left_edge.i : child.i + 1].text))), None)
        return (count, holder) if count else None
    return None


def _date_counted_back(trigger: Span, context: ArticleContext) -> EventDate | None:
    counted = _counted_back(trigger)
    if counted is None:
        return None
    count, phrase = counted
    outside = [
        ent for ent in date_candidates(trigger.sent) if not phrase.left_edge.i <= ent.start <= phrase.right_edge.i
    ]
    for ent in outside:
        resolved = resolve_event_date(ent.text, context.published)
        if resolved is not None and resolved is not SAME_AS_PREVIOUS and resolved.year is not None:
            return explicit_year(resolved.year - count)
    # "The drill comes a year after ...": the sentence's event is the story's, of the publication's year
    return explicit_year(context.published.year - count) if context.published else None


HORIZON_WORDS = {"until", "till", "towards", "toward", "beyond"}


def _is_coming(ent: Span, context: ArticleContext) -> bool:
    """Whether a date expression points after the publication ("on May 17", read forward)."""
    resolved = resolve_event_date(ent.text, context.published, future=True)
    dated = resolved is not None and resolved is not SAME_AS_PREVIOUS and resolved.as_date() is not None
    return dated and context.published is not None and resolved.as_date() > context.published


def _renewed(trigger: Span) -> bool:
    """"Renewed the 2008 memorandum", "a renewal of the 2008 memorandum": an act on an earlier instrument."""
    words = set(lexicon()["renewals"]["words"])
    head = trigger.root.head
    if head.lower_ == "of" and head.head != head:
        head = head.head
    return head != trigger.root and head.lemma_.lower() in words


def read_event_date(trigger: Span, status: str, context: ArticleContext) -> tuple[EventDate, list[EventDate]]:
    """The trigger's date, and the dates of other editions the sentence tells of.

    "The first talks since June last year" and "an exercise last staged in 1990" each tell of an
    earlier event of the same kind; the trigger itself takes its date from elsewhere. "The drill was
    held in 2016 and 2018" tells of one edition a year: the first year dates the trigger, the others
    are events of their own year.
    """
    counted = _date_counted_back(trigger, context)
    if counted is not None:
        return counted, []
    candidates = []
    earlier = []
    series_since = []
    # "the exercise runs until March 10", "a vision statement towards 2030": when an event ends, or the
    # horizon an instrument looks to, does not date it
    plan = held_after_all(trigger)  # "initially planned for March, took place on April 4": the plan's date is not its own
    own_dates = [
        ent for ent in date_candidates(trigger.sent)
        if _date_belongs_to(ent, trigger) and not (ent.start > 0 and trigger.doc[ent.start - 1].lower_ in HORIZON_WORDS)
        and not (plan is not None and plan.left_edge.i <= ent.start <= plan.right_edge.i)
    ]
    ending = set(lexicon()["ending_verbs"])
    for ent in own_dates:
        if _dates_an_act_since(ent, trigger):
            continue
        verb = next((ancestor for ancestor in ent.root.ancestors if ancestor.pos_ in {"VERB", "AUX"}), None)
        if trigger.label_ != "agreement" and verb is not None and verb.lemma_.lower() in ending and _is_coming(ent, context):
            continue  # "is scheduled to conclude on May 17": the end of an event under way, not its date
        resolved = after_previous(ent.text, context.last_date) or resolve_event_date(ent.text, context.published, future=status == "planned")
        if resolved is SAME_AS_PREVIOUS:
            # "the 1993 Agreement, signed in September that year": the year the sentence named before it, else
            # the story's last; "that year" names a year, and the expression's own month, if any, its month
            named_before = explicit_years(trigger.doc[trigger.sent.start : ent.start].text)
            year = named_before[-1] if named_before else context.last_date.year if context.last_date else None
            resolved = in_year(ent.text, year) if year is not None else None
        if resolved is None:
            continue
        resolved = in_paragraph_year(ent.text, resolved, context)
        clause = clause_head(ent.root)
        own_clause = clause.head == trigger.root
        since = ent.start > 0 and trigger.doc[ent.start - 1].lower_ == "since"
        # "an exercise last staged in 1990", "exercises, which were last held in 2017": a subordinate
        # clause about the trigger's last edition; "they last held talks in 2017" dates the trigger itself.
        about_trigger = own_clause or trigger.root.head == clause and trigger.root.dep_ in {"nsubj", "nsubjpass"}
        # "an exercise first held in 2012" likewise tells of the first edition.
        last_edition = (
            clause.dep_ != "ROOT" and about_trigger and any(c.dep_ == "advmod" and c.lower_ in {"last", "first"} for c in clause.children)
        )
        if since and _is_perfect(clause) and clause in {trigger.root, trigger.root.head}:
            series_since.append(resolved)  # "the two air forces have held the exercise since 2015"
        if since or last_edition:
            earlier.append(resolved)
            continue
        # A date in the trigger's own clause ("an agreement the two signed in 1995") beats the main clause's.
        candidates.append((not own_clause, distance(trigger.root, ent.root), resolved, ent))
    if not candidates and series_since:
        # "have held the exercise since 2015": a series, whose one dated edition is its first
        return series_since[0], [edition for edition in earlier if edition != series_since[0]]
    if not candidates:
        # "the 1993 Agreement on ...", "the 2016 pact": a year among the words before the event's noun
        named = [int(token.text) for token in trigger.root.lefts if is_year(token.text)]
        if named:
            return explicit_year(named[-1]), earlier
        told_past = (
            context.paragraph_year is not None and context.published is not None
            and context.paragraph_year < context.published.year and not context.paragraph_told_present
        )
        if status == "occurred" and told_past:
            # "... took shape at Camp David in August last year. The three leaders issued a joint statement": a
            # paragraph that tells only the past goes on in its year (not "Before the summit Biden held separate
            # meetings ... spoken to by telephone on May 20 last year ... He also met al-Kadhimi")
            return EventDate(context.paragraph_year, None, None, "paragraph", "year"), earlier
        return (publication_fallback(context.published) if status == "occurred" else UNDATED), earlier
    # "renewed their 2005 agreement on Friday": the year before the event's noun names the instrument, an
    # event of its own year; the act on it is dated by the clause's other date
    # ("the 2019 edition, held last October": the other date, of the same year, says more).
    naming = [item for item in candidates if item[3].root.head == trigger.root and item[3].end <= trigger.root.i]
    others = [item for item in candidates if item not in naming]
    acted_on = trigger.root.dep_ in {"dobj", "nsubjpass"} and trigger.root.head.pos_ == "VERB"
    if naming and others:
        other_years = {item[2].year for item in others}
        candidates = [item for item in candidates if item not in naming or (item[2].year not in other_years and not acted_on)]
        earlier += [item[2] for item in naming if acted_on and item[2].year not in other_years]
    elif naming and _renewed(trigger):
        # "the two admirals signed a renewal of the 2008 memorandum": the renewal is the story's, the
        # memorandum an event of 2008
        earlier += [item[2] for item in naming]
        return (publication_fallback(context.published) if status == "occurred" else UNDATED), earlier
    _, _, chosen, chosen_ent = min(candidates, key=lambda item: item[:2])
    years = listed_years(chosen_ent, own_dates)
    if years:
        chosen = explicit_year(years[0]) if chosen.year != years[0] else chosen
        earlier += [explicit_year(year) for year in years[1:]]
    # "first held in 2013 and hosted every second year since, in 2015, 2017 and 2019": a list of its own.
    for ent in own_dates:
        if ent != chosen_ent and str(chosen.year) not in ent.text:
            # the list's other entities too: "in 2015, 2017, 2019 and 2021" may be three entities
            listed = [explicit_year(year) for year in listed_years(ent, own_dates) if year != chosen.year]
            earlier += [edition for edition in listed if edition not in earlier]
    return chosen, earlier
