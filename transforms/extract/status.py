"""Occurred, planned, or no event at all: the modality of the words that govern a trigger."""

from __future__ import annotations


from spacy.tokens import Span, Token

from transforms.nlp import lexicon
from transforms.extract.grammar import EVENT_PREDICATES, cue_words, held_after_all, in_noun_phrase_of, is_taking_part, modality_chain, participle_clause


def read_polarity(trigger: Span) -> str | None:
    """`occurred`, `planned`, or None for a negated, cancelled or hypothetical event."""
    cues = lexicon()
    root = trigger.root
    chain = modality_chain(root)
    words = cue_words(chain) - {root.lemma_.lower(), root.lower_}  # "a cooperation plan" is signed, not planned
    drops = set(cues["negation"]) | set(cues["cancelled"]) | set(cues["hypothetical"])
    participle = participle_clause(trigger)
    if participle is not None and held_after_all(trigger) is None:
        # "an MOU signed in 2011": the participle, not the sentence's main verb, says it happened.
        told = cue_words([participle])
        if told & (set(cues["negation"]) | set(cues["cancelled"])):
            return None
        if not told & set(cues["scheduling_participles"]):
            return "occurred"
        # "The 2020 edition, planned for March, was cancelled": a plan, whose fate the main verb tells.
        return None if words & drops else "planned"
    # "Officials hoped the exercise, which began on Monday, would strengthen ties": a relative clause that
    # tells the event in the past says it happened, whatever the sentence hopes of it
    told_past = [
        clause for clause in root.subtree
        if clause.dep_ == "relcl" and clause.tag_ == "VBD" and clause.lemma_.lower() in EVENT_PREDICATES - {"be"}
        and in_noun_phrase_of(clause.head, root)
        and any(word.dep_ in {"nsubj", "nsubjpass"} and word.lower_ in {"which", "that"} for word in clause.children)
    ]
    if told_past and not cue_words(told_past) & drops:
        return "occurred"
    if root.dep_ == "pobj" and root.head.lower_ in cues["negation"]:
        return None  # "even without a new pact"
    if any(child.dep_ == "det" and child.lower_ == "no" for child in root.children):
        return None  # "held no bilateral talks"
    if any(ancestor.lemma_.lower() in cues["licensing_verbs"] for ancestor in root.ancestors):
        return None  # "a pact that will allow each country to send troops for joint exercises": what may happen
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in cues["cancelled"]:
        return None  # "the talks stalled", "a planned visit, postponed that month, ..."
    if any(token.dep_ == "pcomp" and token.head.lower_ in cues["negation"] for token in chain[1:]):
        return None  # "left the forum without holding talks"
    if words & drops or any(_is_inverted_condition(token) for token in [*chain, root.head]):
        return None
    # "deepen dialogue" is no event; "an enhanced defence cooperation agreement" is one
    if cue_words(chain[1:]) & set(cues["abstract_use"]):
        return None
    if (words & set(cues["planned"]) and not _plans_only_its_end(chain, trigger.label_)) or _participation_planned(root):
        return "planned"
    return "planned" if _planned_in_a_relative_clause(root) else "occurred"


def _planned_in_a_relative_clause(root: Token) -> bool:
    """"A trilateral exercise, which the three countries have said they intend to hold later this year": a
    relative clause whose verb does the event ("hold", "stage", "sign" it) and is planned plans the event;
    "a pact that will allow each country to send troops" tells what the pact does, not when it happens."""
    cues = lexicon()
    doing = EVENT_PREDICATES | set(cues["exercise_name_predicates"]["object"]) | set(cues["concluded"])
    drops = set(cues["negation"]) | set(cues["cancelled"]) | set(cues["hypothetical"])
    for clause in root.subtree:
        if clause.dep_ != "relcl" or not in_noun_phrase_of(clause.head, root):
            continue
        if not any(child.dep_ in {"dobj", "nsubjpass"} and child.lower_ in {"which", "that"} for child in clause.children):
            continue
        # "which they have said they intend to hold": the pronoun hangs on the first verb, the doing is the last
        chain = [clause]
        while (next_verb := next((c for c in chain[-1].children if c.dep_ in {"ccomp", "xcomp"}), None)) is not None:
            chain.append(next_verb)
        told = cue_words(chain)
        if any(verb.lemma_.lower() in doing for verb in chain) and told & set(cues["planned"]) and not told & drops:
            return True
    return False


def _is_inverted_condition(verb: Token) -> bool:
    """"Had the talks gone ahead, ...", "Were the drill to go ahead, ...": a condition told by putting its
    auxiliary before its subject, with no "if"."""
    subject = next((child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
    return verb.dep_ == "advcl" and subject is not None and any(
        child.dep_ in {"aux", "auxpass"} and child.lower_ in {"had", "were", "should"} and child.i < subject.i
        for child in verb.children
    )


def _plans_only_its_end(chain: list[Token], label: str) -> bool:
    """"The drill, which began on Monday, is slated to end on Friday", "India and Mongolia will wrap up their
    exercise next week": what is planned is the end of an event under way, not the event (but "will conclude
    an agreement" is the signing)."""
    ending = set(lexicon()["ending_verbs"])
    if label != "agreement" and len(chain) > 1 and chain[1].lemma_.lower() in ending:
        return True
    return any(child.dep_ == "xcomp" and child.lemma_.lower() in ending for token in chain for child in token.children)


def _participation_planned(root: Token) -> bool:
    """"Ghana will take part in the drill next week": the drill is planned. Only the plan carries over:
    "Serbia will not take part in the exercise" says nothing of whether the exercise happens."""
    if not (root.dep_ == "pobj" and root.head.lower_ == "in"):
        return False
    verb = root.head.head
    return is_taking_part(verb) and bool(cue_words([verb]) & set(lexicon()["planned"]))
