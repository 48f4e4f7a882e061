"""Dependency-tree helpers the reading stages share: clauses, governing chains, cue words."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from transforms.nlp import TRIGGERS, lexicon


# Dependency hops along which a governing word speaks about the event itself
# ("called off the drill", "agreed to resume exercises", "the drill was cancelled").
ARGUMENT_DEPS = {"dobj", "obj", "nsubjpass", "xcomp", "attr", "oprd", "conj", "appos", "compound", "amod", "acomp", "dative", "pcomp"}


# Prepositions through which a plan or a cancellation still reaches the event ("plans for drills").
ARGUMENT_PREPOSITIONS = {"for", "on", "of", "to"}


# Verbs whose subject is the event, so their modality is the event's ("the drill will take place").
EVENT_PREDICATES = {
    "take", "be", "begin", "start", "conclude", "end", "happen", "occur", "run", "open", "close", "kick",
    "commence", "continue", "get", "involve", "include", "feature", "see", "last", "wrap", "culminate", "follow",
}


LOCATION_PREPOSITIONS = {"in", "at", "off", "near", "inside", "outside"}


# Dependencies that open a clause of its own: a date inside belongs to that clause's event.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "parataxis", "ROOT"}


PARTICIPLE_TAGS = {"VBN", "VBD"}


def phrase_in(text: str, phrases: Iterable[str]) -> str | None:
    """The first of the phrases (in their order) that the text holds as whole words, or None."""
    phrases = tuple(phrases)
    if not _any_phrase(phrases).search(text):  # most sentences hold none: one pass instead of one per phrase
        return None
    return next(phrase for phrase in phrases if _one_phrase(phrase).search(text))


def _whole_words(alternatives: str) -> re.Pattern:
    return re.compile(r"(?<![\w+])(?:" + alternatives + r")(?![\w+])")


@functools.lru_cache(maxsize=None)
def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern:
    return _whole_words("|".join(re.escape(phrase) for phrase in phrases) or "(?!)")


@functools.lru_cache(maxsize=None)
def _one_phrase(phrase: str) -> re.Pattern:
    return _whole_words(re.escape(phrase))


def governed_by(token: Token, heads: set[str]) -> bool:
    return any(ancestor.lemma_.lower() in heads or ancestor.lower_ in heads for ancestor in token.ancestors)


def modality_chain(trigger: Token) -> list[Token]:
    """The trigger and the words that govern it as an argument: their cues are the event's."""
    chain = [trigger]
    token = trigger
    while token.head != token and _governed_as_argument(token):
        token = token.head
        chain.append(token)
    return chain


# Conjunctions after which a verb says something of its own: "did not travel, but held talks".
CONTRASTING_CONJUNCTIONS = {"but", "yet"}


def _governed_as_argument(token: Token) -> bool:
    head = token.head
    if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"}:
        # "did not travel, but held talks"; "both commit ..., and both follow ..."; "will buy frigates and has
        # signed a pact" (a tense of its own): a clause of its own
        contrasted = any(child.dep_ == "cc" and child.lower_ in CONTRASTING_CONJUNCTIONS for child in head.children)
        if contrasted or any(child.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for child in token.children):
            return False
    return (
        token.dep_ in ARGUMENT_DEPS
        or token.dep_ == "pobj" and head.lower_ in ARGUMENT_PREPOSITIONS
        or token.dep_ == "prep" and token.lower_ in ARGUMENT_PREPOSITIONS
        or token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in EVENT_PREDICATES
    )


def cue_words(chain: list[Token]) -> set[str]:
    words = set()
    for token in chain:
        words |= {token.lemma_.lower(), token.lower_}
        for child in token.children:
            if child.dep_ in {"aux", "auxpass", "neg", "prt", "mark", "advmod", "amod", "acomp"}:  # "is due to open"
                words |= {child.lemma_.lower(), child.lower_}
                if child.dep_ in {"prt", "advmod"}:  # "called off", "pushed back"
                    words.add(f"{token.lemma_.lower()} {child.lower_}")
    return words


def clause_head(token: Token) -> Token:
    while token.dep_ not in CLAUSE_DEPS and token.head != token:
        token = token.head
    return token


def is_take_part(verb: Token) -> bool:
    """"Take part" ("took part", "taking part"): the verb with "part" as its object."""
    return verb.lemma_.lower() == "take" and any(child.lower_ == "part" for child in verb.children)


def is_taking_part(verb: Token) -> bool:
    """"Take part" or "participate"."""
    return is_take_part(verb) or verb.lemma_.lower() == "participate"


def in_noun_phrase_of(token: Token, root: Token) -> bool:
    """Whether the token is a word of the phrase the root heads, through prepositions, compounds,
    conjuncts and appositions ("the memorandum of understanding", "the exercise between India and France",
    "the Lombok Treaty, a framework for security cooperation")."""
    heads = {root}
    while root.dep_ == "compound" and root.head != root:
        root = root.head  # "the joint vision statement on ...": the trigger's word names the phrase its head heads
        heads.add(root)
    while token not in heads and token.dep_ in {"pobj", "prep", "compound", "conj", "appos"} and token.head != token:
        token = token.head
    return token in heads


def event_words_at(token: Token) -> list[Span]:
    """The pipeline's event triggers that hold the token ("memorandum" in "a 2009 memorandum")."""
    return [span for span in token.doc.spans[TRIGGERS] if span.start <= token.i < span.end]


def participle_clause(trigger: Span) -> Token | None:
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
    # "the Treaty of Friendship, Cooperation and Good-Neighbourly Relations, signed in Islamabad": after its name
    end = max([trigger.end, *(ent.end for ent in trigger.doc.ents if ent.label_ in {"LAW", "ORG"} and ent.start <= root.i < ent.end)])
    triggers_after = [t.start for t in trigger.doc.spans[TRIGGERS] if t.start >= end]
    limit = min([trigger.sent.end, end + 10, *triggers_after])
    for token in trigger.doc[end:limit]:
        if token.dep_ in {"acl", "advcl"} and token.tag_ == "VBN":
            return token
        if token.dep_ in {"acl", "relcl"} and token.tag_ == "VBD" and token.lemma_.lower() in lexicon()["concluded"]:
            return token  # "the agreement on security cooperation that Britain and Ukraine signed in Kyiv"
    return None


def held_after_all(trigger: Span) -> Token | None:
    """"Talks ..., initially planned for March, took place in Santiago on April 4": a scheduling participle on
    an event the main clause says took place; the participle, whose dates are the plan's."""
    participle = participle_clause(trigger)
    if participle is None or participle.lemma_.lower() not in lexicon()["scheduling_participles"]:
        return None
    root = trigger.root
    verb = root.head
    told = root.dep_ in {"nsubj", "nsubjpass"} and verb.tag_ == "VBD" and verb.lemma_.lower() in EVENT_PREDICATES | HELD_PREDICATES
    return participle if told and not any(child.dep_ == "neg" for child in verb.children) else None


# Verbs whose passive subject is the event ("the talks were held").
HELD_PREDICATES = {"hold", "stage", "conduct", "complete"}


def distance(a: Token, b: Token) -> int:
    """Tokens apart along the dependency tree (lowest common ancestor), then along the text."""
    a_path = [a, *a.ancestors]
    b_path = [b, *b.ancestors]
    for i, token in enumerate(a_path):
        if token in b_path:
            return (i + b_path.index(token)) * 100 + abs(a.i - b.i)
    return 10_000 + abs(a.i - b.i)


def words_and_lemmas(sent: Span) -> str:
    """The sentence in lower case, then its lemmas: cue phrases match either form ("took part", "take part")."""
    return f"{sent.text.lower()} {' '.join(t.lemma_.lower() for t in sent)}"


def subject_is_one_of(root: Token, words: list[str]) -> bool:
    holders = [root]
    while holders[-1].dep_ in {"xcomp", "acomp", "conj"} or holders[-1].pos_ != "VERB" and holders[-1].head not in holders:
        if holders[-1].head == holders[-1]:
            break
        holders.append(holders[-1].head)  # "warships are due to meet": the subject sits on the raising verb
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"nsubj", "poss"} and phrase_in(" ".join(t.lemma_.lower() for t in child.subtree), words):
                return True
    return False


# A military designation: "F-16s", "Su-30MKI", "P-8I", "MiG-29s".
DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Za-z]{0,4}")


@functools.cache
def _force_words() -> frozenset[str]:
    return frozenset({*lexicon()["force_nouns"], *lexicon()["platform_names"], *lexicon()["vessels"]})


def is_force_word(token: Token) -> bool:
    """A noun for forces ("troops", "a detachment"), for what they fly or sail ("Rafales", "F-16s", "a carrier"), by its
    word, its lemma or its designation."""
    words = _force_words()
    lower = token.lower_
    return lower in words or token.lemma_.lower() in words or lower.removesuffix("s") in words or bool(DESIGNATION.fullmatch(token.text))
