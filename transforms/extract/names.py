"""Exercises the article names ("the Cobra Gold exercise", "Exercise Pitch Black"): the name alone,
later in the article, is a mention of an exercise too ("The first Mosi was held off Cape Town in 2019").

News tells the history of a named exercise by its name, without the word "exercise"; the trigger
patterns cannot know the names, so they are learnt from the article itself.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from transforms.dates import is_year
from transforms.nlp import COUNTRY, TRIGGERS, lexicon

NAMED_EXERCISE = "named_exercise"  # the doc.spans key and kb_id of the triggers read from names, not from the patterns
QUOTES = {'"', "'", "“", "”", "‘", "’"}
# Small words inside a name ("Croix du Sud", "Fuerzas de Paz"), never at its ends.
NAME_PARTICLES = {"du", "de", "des", "del", "da", "do", "di", "la", "le"}
# Title-case words that describe an exercise rather than name it.
GENERIC_WORDS = {
    "exercise", "exercises", "drill", "drills", "joint", "combined", "military", "naval", "air", "army", "navy",
    "multinational", "bilateral", "trilateral", "annual", "operation", "the", "this", "that", "its", "their",
}

# The edition a name carries in one word: "Zapad-2021", "Vostok-2018", "Aman-23".
_EDITION_SUFFIX = re.compile(r"-(?P<year>(?:19|20)\d\d|\d\d)$")


def _name_text(token: Token) -> str:
    """A name word without its edition: "Zapad-2021" is of the exercise "Zapad"."""
    return _EDITION_SUFFIX.sub("", token.text) if "-" in token.text else token.text


def _is_name_word(token: Token, in_apposition: bool = False) -> bool:
    """A title-case proper noun that is no country, date, place or (unless the text calls it the exercise,
    "Exercise Pitch Black", "Udara Shakti, the first bilateral exercise", which the tagger may take for
    a person) person."""
    text = _name_text(token)
    if not (text.istitle() and text.isalpha() and text.lower() not in GENERIC_WORDS):
        return False
    if text != token.text:
        # a word with its edition ("Zapad-2024", "Tsentr-2019") is a name, whatever part of speech or entity the
        # tagger makes it (it takes "Tsentr-2019" for a place); a country's name with a year is not, nor an
        # aircraft's designation ("F-39", "Su-30", "Mi-17")
        return token.ent_type_ != COUNTRY and len(text) > 2
    kept_out = {COUNTRY, "DATE", "GPE"} | (set() if in_apposition else {"PERSON"})
    # a capital inside the sentence names, whatever the tagger says ("the Falcon Strike exercise")
    return (token.pos_ == "PROPN" or token.i > token.sent.start and token.pos_ in {"NOUN", "VERB"}) and token.ent_type_ not in kept_out


def _name_beside(trigger: Span) -> list[Token]:
    """The proper-noun words that name the exercise: before the trigger ("the Cobra Gold exercise"),
    after it ("Exercise Pitch Black", "the exercise 'Eunomia'"), or the noun it is in apposition to
    ("African Lion 2023, the biggest military exercise"); none when it has no name."""
    doc = trigger.doc
    end = trigger.start
    if end - 1 > trigger.sent.start and is_year(doc[end - 1].text) and _is_name_word(doc[end - 2]):
        end -= 1  # "the Tradewinds 2024 exercise"
    start = end
    while start > trigger.sent.start and (
        _is_name_word(doc[start - 1])
        or start - 1 > trigger.sent.start and doc[start - 1].lower_ in NAME_PARTICLES and _is_name_word(doc[start - 2]) and start < end
    ):
        start -= 1
    if start < end:
        return list(doc[start:end])
    first = trigger.end + (1 if trigger.end < len(doc) and doc[trigger.end].text in QUOTES else 0)
    end = first
    while end < trigger.sent.end and (
        _is_name_word(doc[end], in_apposition=True)
        or end > first and end + 1 < trigger.sent.end and doc[end].lower_ in NAME_PARTICLES and _is_name_word(doc[end + 1], in_apposition=True)
    ):
        end += 1
    if end > first:
        return list(doc[first:end])
    head = trigger.root.head
    if trigger.root.dep_ == "appos" and _is_name_word(head, in_apposition=True):
        return [*(child for child in head.lefts if child.dep_ == "compound" and _is_name_word(child, in_apposition=True)), head]
    # "their first bilateral exercise, Al-Mohed Al-Hindi, off Al Jubail": a name in apposition to the exercise word
    for child in trigger.root.children:
        words = [token for token in child.subtree if not token.is_punct] if child.dep_ == "appos" else []
        if words and all(_is_name_word(token, in_apposition=True) for token in words):
            return words
    # "Mekong Lotus was first staged in 2016 as a medical rescue drill": the name of what the verb says it was
    if trigger.root.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in {"VERB", "AUX"}:
        subject = next((child for child in head.head.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
        words = [token for token in subject.subtree if not token.is_punct] if subject is not None else []
        if words and all(_is_name_word(token, in_apposition=True) for token in words):
            return words
    return []


def _name_of(tokens: list[Token] | Span) -> tuple[str, ...]:
    return tuple(_name_text(token) for token in tokens)


def _told_by_its_predicate(head: Token) -> bool:
    """Whether a proper noun is an exercise by what its verb says of it: "Talisman Sabre 2023 kicked off",
    "the army opened Super Garuda Shield", "troops took part in Ekuverin", "Vostok-2018, held in 2018"."""
    cues = lexicon()["exercise_name_predicates"]
    # "Tsentr-2019, staged in September 2019 at Donguz, drew ...": a participle the passive cues tell
    if any(child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in cues["passive_subject"] for child in head.children):
        return True
    verb = head.head
    if head.dep_ == "nsubj":
        # "Pompeo held talks", "the minister opened the meeting": the subject of a transitive verb is its agent
        takes_place = verb.lemma_.lower() == "take" and any(child.lower_ == "place" for child in verb.children)
        intransitive = not any(child.dep_ in {"dobj", "attr", "ccomp", "xcomp"} for child in verb.children)
        # "Tsentr-2019, staged in September 2019, drew ...", parsed as if Tsentr staged: a passive without its "was"
        reduced_passive = intransitive and verb.tag_ in {"VBD", "VBN"} and verb.lemma_.lower() in cues["passive_subject"]
        return takes_place or intransitive and verb.lemma_.lower() in cues["subject"] or reduced_passive
    if head.dep_ == "nsubjpass":
        return verb.lemma_.lower() in cues["passive_subject"]
    if head.dep_ == "dobj":
        return verb.lemma_.lower() in cues["object"]
    if head.dep_ == "pobj":
        carrier = verb.head
        keys = [carrier.lemma_.lower()] + [f"{carrier.lemma_.lower()} {child.lower_}" for child in carrier.children if child.dep_ in {"dobj", "prt", "npadvmod"}]
        return any(cues["preposition"].get(key) == verb.lower_ for key in keys)  # "took part in Ekuverin", not "took place in Meghalaya"
    return False


def _names_by_predicate(doc: Doc) -> set[tuple[str, ...]]:
    """Proper names an exercise is told by without the word "exercise" (`_told_by_its_predicate`): the
    head word and the name words before it, never a forum, a body or a place
    (lexicon `not_exercise_name_words`), a known person or a trigger of another kind."""
    excluded = set(lexicon()["not_exercise_name_words"]["words"])
    other_triggers = {i for span in doc.spans[TRIGGERS] if span.label_ != "exercise" for i in range(span.start, span.end)}
    names = set()
    for head in doc:
        # "the Black Sea" names a place, "Black Sea Shield 2017" an edition: a year makes it a name
        place_like = head.ent_type_ in {"LOC", "NORP"} and not any(child.dep_ == "nummod" and is_year(child.text) for child in head.children)
        if not _is_name_word(head) or place_like or not _told_by_its_predicate(head):
            continue
        start = head.i
        while start > head.sent.start and _is_name_word(doc[start - 1]) and doc[start - 1].head.i == head.i:
            start -= 1
        words = doc[start : head.i + 1]
        if any(token.lower_ in excluded or token.i in other_triggers for token in words):
            continue
        names.add(_name_of(words))
    return names


def tells_of_exercises(docs: list[Doc]) -> bool:
    """Whether an article names an exercise with a trigger word."""
    return any(trigger.label_ == "exercise" for doc in docs for trigger in doc.spans[TRIGGERS])


def exercise_names(docs: list[Doc], people: set[str] = frozenset()) -> set[tuple[str, ...]]:
    """The names the article gives its exercises: beside a trigger word, and, in an article that tells of
    exercises with trigger words, by the verbs that tell them (`_names_by_predicate`), never a name of one
    of the article's `people` ("Theresa May had hosted Macron at Sandhurst")."""
    beside = {
        _name_of(tokens) for doc in docs for trigger in doc.spans[TRIGGERS]
        if trigger.label_ == "exercise" and (tokens := _name_beside(trigger))
        # "a Pacific drill", "the Baltic exercise": a region or a people describes the drill, names none
        and not all(token.ent_type_ in {"LOC", "NORP"} for token in tokens)
    }
    if not tells_of_exercises(docs):
        return beside
    return beside | {name for doc in docs for name in _names_by_predicate(doc) if not set(name) & people}


def mark_named_exercises(doc: Doc, names: set[tuple[str, ...]], about_exercises: bool) -> None:
    """Keep, in doc.spans[NAMED_EXERCISE], a trigger for each of the names in a sentence that names no
    exercise with a trigger word, and, in an article `about_exercises`, for each edition (`_editions`);
    the pipeline's own triggers stay as it found them."""
    triggers = list(doc.spans[TRIGGERS])
    told = {trigger.sent.start for trigger in triggers if trigger.label_ == "exercise"}
    taken = {i for trigger in triggers for i in range(trigger.start, trigger.end)}
    words = [_name_text(token) for token in doc]
    added = []
    # the longest name first, so that "Bright Star" is not read as its "Bright"; a set's own order changes from
    # run to run with Python's string hashing
    for name in sorted(names, key=lambda name: (-len(name), name)):
        for start in range(len(doc) - len(name) + 1):
            end = start + len(name)
            if tuple(words[start:end]) == name and not taken & set(range(start, end)) and doc[start].sent.start not in told:
                added.append(Span(doc, start, end, label="exercise", kb_id=NAMED_EXERCISE))
                taken |= set(range(start, end))
    if about_exercises:
        added += _editions(doc, told | {span.sent.start for span in added}, taken)
    doc.spans[NAMED_EXERCISE] = added


def _editions(doc: Doc, told: set[int], taken: set[int]) -> list[Span]:
    """"Last year's edition drew 3,000 troops": in an article about an exercise, an edition with no
    "of" after it, in a sentence that names no exercise otherwise, is one of the exercise's editions; not a
    line with no verb ("Mine Warfare Review - Online edition", "(English edition)"), which names the outlet's."""
    nouns = set(lexicon()["edition_nouns"])
    return [
        Span(doc, token.i, token.i + 1, label="exercise", kb_id=NAMED_EXERCISE)
        for token in doc
        if token.lemma_.lower() in nouns and token.pos_ == "NOUN" and token.i not in taken and token.sent.start not in told
        and not any(child.dep_ == "prep" and child.lower_ == "of" for child in token.children)
        and any(word.pos_ in {"VERB", "AUX"} for word in token.sent)
    ]


def is_named_exercise(span: Span) -> bool:
    """Whether a span of the doc is one of the triggers read from the article's exercise names."""
    return any(named.start == span.start and named.end == span.end for named in span.doc.spans.get(NAMED_EXERCISE, []))


def is_edition(trigger: Span) -> bool:
    """Whether a trigger is an edition noun read as an exercise (`_editions`)."""
    return trigger.root.lemma_.lower() in lexicon()["edition_nouns"] and is_named_exercise(trigger)


def exercise_name(trigger: Span) -> tuple[str, ...] | None:
    """The name an exercise trigger is or stands beside ("Sea Breeze", "the Sea Breeze exercise")."""
    if is_edition(trigger):
        return None  # "last year's edition" is of the story's exercise, whatever its name
    if is_named_exercise(trigger):
        return _name_of(trigger)
    return (_name_of(tokens) if (tokens := _name_beside(trigger)) else None) if trigger.label_ == "exercise" else None


def edition_year(token: Token) -> int | None:
    """The year a name word carries ("Zapad-2021", "Aman-23"), when it is a name word."""
    match = _EDITION_SUFFIX.search(token.text) if "-" in token.text else None
    if match is None or not _is_name_word(token):
        return None
    year = int(match["year"])
    return year if year > 99 else 2000 + year


def edition_year_of_name(trigger: Span) -> int | None:
    """The year an exercise's name carries in its words: the edition it tells of."""
    tokens = list(trigger) if is_named_exercise(trigger) else _name_beside(trigger) if trigger.label_ == "exercise" else []
    return next((year for token in tokens if (year := edition_year(token)) is not None), None)


def event_triggers(doc: Doc) -> list[Span]:
    """The pipeline's triggers and those read from the article's exercise names, in text order."""
    return sorted([*doc.spans[TRIGGERS], *doc.spans.get(NAMED_EXERCISE, [])], key=lambda span: span.start)
