"""Whether a trigger names an event of the kinds events.md counts."""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.nlp import TRIGGERS, lexicon
from transforms.extract.names import NAMED_EXERCISE, exercise_name
from transforms.extract.grammar import cue_words, event_words_at, modality_chain, participle_clause, subject_is_one_of
from transforms.extract.participants import MODIFIER_DEPS


def _is_port_call(root: Token) -> bool:
    """A ship's visit, warships meeting at sea, or a port call is no meeting of officials."""
    if any(child.lower_ in lexicon()["port_call_modifiers"] for child in root.children):
        return True
    # the prepositions of a place: "a video call in June 2021" is dated, not placed
    prepositions = {
        child.lower_ for child in root.children
        if child.dep_ == "prep" and not any(grandchild.ent_type_ in {"DATE", "TIME"} for grandchild in child.children)
    }
    if root.lower_ in {"call", "calls"} and prepositions & {"in", "at"} and "on" not in prepositions:
        # "a call in Havana", "calls at Venezuelan ports": a call at a place is a ship's; "a courtesy call on
        # the prime minister in Putrajaya" is a visit to a person
        return True
    return subject_is_one_of(root, lexicon()["vessels"])


def _is_own_drill(root: Token) -> bool:
    """"Naval exercises of its own", "their own war games", "a purely Russian drill": one country's drill,
    whoever it is aimed at."""
    sole = set(lexicon()["sole_adverbs"])
    return any(token.lower_ == "own" for token in root.subtree) or any(
        child.dep_ == "amod" and any(adverb.lower_ in sole for adverb in child.children) for child in root.children
    )


def _is_generic(root: Token) -> bool:
    """"Countries routinely exercise with their friends", "navies train together to build trust": a verb in the
    simple present whose subject is a bare plural noun (no article, owner, number or country), or that says how
    often ("the two navies drill often"), says what such things do in general, not that an event took place."""
    if root.pos_ != "VERB" or root.tag_ not in {"VBP", "VBZ"}:
        return False
    if any(child.dep_ == "advmod" and child.lower_ in lexicon()["habitual_adverbs"] for child in root.children):
        return True  # "the two navies drill often", "the ministers meet regularly": a habit, no event
    subjects = [child for child in root.children if child.dep_ == "nsubj"]
    return bool(subjects) and all(
        subject.tag_ in {"NNS", "VBZ"}  # a subject tagged as a verb ("navies") is a plural noun the tagger misread
        and not any(child.dep_ in {"det", "poss", "nummod", "compound", "amod", "conj"} for child in subject.children)
        and not subject.ent_type_
        for subject in subjects
    )


def _word_forms(tokens) -> set[str]:
    """The tokens' lower-case words and lemmas: a cue matches either ("agreements" and "agreement")."""
    return {token.lemma_.lower() for token in tokens} | {token.lower_ for token in tokens}


def _in_a_civilian_field(tokens) -> bool:
    """The words name a field other than defense or security, and no security field beside it."""
    words = _word_forms(tokens)
    cues = lexicon()
    return bool(words & set(cues["civilian_fields"])) and not words & set(cues["security_fields"])


def _is_civilian_instrument(root: Token) -> bool:
    """"The trade agreement", "a new global financing pact", "agreements covering health and education":
    an instrument about another field than defense or security is out of scope, unless it names security too.
    A relative clause ("a letter on surveillance, under which aircraft share data on fishing in the economic
    zone") tells what follows from it: its fields count only when the sentence names no security field.
    Conjoined instruments share their modifiers ("18 agreements and memoranda on energy and health")."""
    while root.dep_ == "conj" and root.head.pos_ in {"NOUN", "PROPN"}:
        root = root.head
    clauses = {token.i for child in root.children if child.dep_ == "relcl" for token in child.subtree}
    if _in_a_civilian_field([token for token in root.subtree if token.i not in clauses]):
        return True
    return bool(clauses) and _in_a_civilian_field(root.sent)


def _is_a_purchase(root: Token) -> bool:
    """"A deal to buy 26 jets", "an agreement for the purchase of frigates", "a $2 billion deal", "a deal worth
    $1 billion": a purchase or sale of arms, which events.md does not count. Only the instrument's own
    complements, its price and the complements of the verb that concludes it ("sealed a deal with Seoul to buy
    180 tanks") are read, so that a name such as "Acquisition and Cross-Servicing Agreement" stays an instrument."""
    words = set(lexicon()["purchase_words"]["words"])
    vessels = set(lexicon()["vessels"])
    money = {"$", "billion", "million", "worth"}
    # the verb that concludes it hangs them too: "signed a deal with France for 26 jets", "a deal signed in 2017 for a submarine"
    verbs = ([root.head] if root.dep_ == "dobj" else []) + [child for child in root.children if child.dep_ == "acl"]
    complements = list(root.children) + [child for verb in verbs for child in verb.children if child != root]
    for child in complements:
        if child.dep_ in {"acl", "relcl", "xcomp", "advcl"} and child.lemma_.lower() in words:
            return True  # "a deal to buy", "a deal that will supply"
        if child.dep_ == "prep" and child.lower_ in {"for", "on"}:
            objects = {grandchild.lemma_.lower() for grandchild in child.children if grandchild.dep_ == "pobj"}
            if objects & (words | vessels):
                return True  # "a deal for the purchase of", "a deal for a Chinese-built submarine"
        if child.dep_ in {"amod", "prep", "advmod"} and child.lower_ == "worth":
            return True  # "a deal worth $1 billion"
        if child.dep_ in {"compound", "nmod", "quantmod", "nummod", "amod"} and any(token.lower_ in money for token in child.subtree):
            return True  # "a $2 billion deal"
    return False


def _is_civilian_meeting(root: Token) -> bool:
    """"Trade talks", "the central bank's policy meeting": a meeting its own modifiers put in a civilian
    field. What a meeting discussed does not ("leaders met on migration and climate" is still a summit)."""
    return _in_a_civilian_field([token for child in root.children if child.dep_ in MODIFIER_DEPS for token in child.subtree])


def _is_sport(sent: Span) -> bool:
    """"The national football teams met in a friendly": teams and matches, and no official, are sport."""
    words = _word_forms(sent)
    cues = lexicon()
    return bool(words & set(cues["sport_words"])) and not words & set(cues["official_words"])


def _receives_an_official(root: Token) -> bool:
    """"Received his Malaysian counterpart", "hosted Ugandan President Museveni": a reception is a meeting
    when whom it receives is a person or an official, not "hosted the drill" or "received a call"."""
    received = [child for child in root.children if child.dep_ in {"dobj", "nsubjpass"}]
    officials = set(lexicon()["official_words"]) | set(lexicon()["received_officials"])
    return any(
        token.ent_type_ == "PERSON" or token.lemma_.lower() in officials
        for child in received for token in child.subtree
    )


def _visits_forces(root: Token) -> bool:
    """"Is expected to visit the troops": a visit to forces or a base is no meeting of officials."""
    forces = set(lexicon()["force_nouns"]) | set(lexicon()["visited_forces"])
    objects = [child for child in root.children if child.dep_ == "dobj"]
    return bool(objects) and all(child.lower_ in forces for child in objects)


def _has_a_year(trigger: Span) -> bool:
    """"The 1998 Visiting Forces Agreement": the instrument's own words hold its year."""
    return any(token.ent_type_ == "DATE" and token.like_num for token in trigger.root.subtree)


def _names_an_institution(root: Token) -> bool:
    """"The Collective Security Treaty Organization": an instrument's word in the name of a body."""
    return root.dep_ == "compound" and root.head.lemma_.lower() in lexicon()["institution_nouns"]


def _is_a_negotiation(root: Token) -> bool:
    """"It is in talks with France on air defence": being in talks is negotiating, no meeting."""
    return root.lower_ == "talks" and root.dep_ == "pobj" and root.head.lower_ == "in" and root.head.head.lemma_ == "be"


def _is_a_topic(trigger: Span) -> bool:
    """"Discussed the schedule of bilateral drills", "reviewed joint exercises", "a memorandum on joint border
    patrols": drills a meeting talks about or an instrument provides for are its topic, no event, unless the
    exercise is one by its name."""
    if exercise_name(trigger) is not None:
        return False
    root = trigger.root
    # "a memorandum on joint border patrols", "a pact for joint exercises": what an instrument is about
    on_an_instrument = False
    if root.dep_ == "pobj" and root.head.lower_ in {"on", "for", "about", "concerning", "regarding"}:
        holder = root.head.head
        while holder.dep_ == "pobj" and holder.head.lower_ == "of" and not event_words_at(holder):
            holder = holder.head.head  # "a memorandum of understanding on ...": the instrument's own name
        on_an_instrument = any(span.label_ == "agreement" for span in event_words_at(holder))
    return on_an_instrument or bool(cue_words(modality_chain(root)[1:]) & set(lexicon()["discussion_verbs"]))


def _modifies_another_thing(trigger: Span) -> bool:
    """"Manoeuvre brigades", "the exercise area": an exercise word that only qualifies another noun, one
    that is no event word itself ("a naval exercise series" still tells exercises)."""
    root = trigger.root
    head = root.head
    if root.dep_ != "compound" or head.pos_ != "NOUN":
        return False
    return not event_words_at(head) and head.lower_ not in lexicon()["exercise_series_nouns"]


def _is_a_part(root: Token) -> bool:
    """"A maritime activity including communications drills and a photo exercise", "the exercise included
    live-fire drills": drills something is said to include are parts of it, no events of their own. The
    object of "include" is one whatever includes it: requiring an exercise beside it lost 0.004 of F1 on
    written's untouched half."""
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    if root.dep_ == "dobj" and root.head.lemma_ == "include":
        return True  # what a verb says something included ("the programme included live-fire drills") is a part of it
    if root.dep_ != "pobj" or root.head.lower_ != "including":
        return False
    # "including drills" hangs on what includes them: a part when that, or its verb's subject or object, is an exercise
    holder = root.head.head
    exercise_words = {token.i for span in root.doc.spans[TRIGGERS] if span.label_ == "exercise" for token in span}
    arguments = [holder] + [child for child in holder.children if child.dep_ in {"dobj", "nsubj", "nsubjpass"}]
    return any(token.i in exercise_words for token in arguments)


def _counts_the_others(trigger: Span) -> bool:
    """"Two upcoming exercises: the Arctic Challenge Exercise ... and Nordic Response ...": a counted plural
    that the sentence goes on to name one by one is those events, no event of its own."""
    root = trigger.root
    if root.tag_ != "NNS" or not any(child.dep_ == "nummod" for child in root.children):
        return False
    others = [span for span in trigger.doc.spans[TRIGGERS] if span.label_ == trigger.label_ and span.sent == trigger.sent and span.start > trigger.end]
    return len(others) >= 2


def _hosts_a_sideline(root: Token) -> bool:
    """"On the sidelines of the NATO summit, Erdogan met ...": the summit is where the meeting the sentence
    tells took place, and the sentence's countries are that meeting's, not the summit's."""
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in lexicon()["sideline_nouns"]


def _is_set_against(root: Token) -> bool:
    """"Port visits that officers describe as presence missions rather than exercises", "instead of a drill":
    the event word names what something is not."""
    head = root.head
    rather = head.lower_ == "than" and any(child.lower_ == "rather" for child in head.children)
    instead = head.lower_ == "of" and any(child.lower_ == "instead" for child in head.children) or head.lower_ == "instead"
    return root.dep_ == "pobj" and (rather or instead)


def trigger_is_event(trigger: Span) -> bool:
    root = trigger.root
    if _is_set_against(root):
        return False
    if trigger.label_ == "meeting" and root.lemma_.lower() in lexicon()["reception_verbs"] and not _receives_an_official(root):
        return False
    if root.ent_type_ in {"ORG", "WORK_OF_ART", "LAW"} and trigger.label_ != "agreement" and trigger.kb_id_ != NAMED_EXERCISE:
        # "the Arctic Challenge Exercise": a name that ends with the exercise's own word is the exercise's
        ends_its_name = trigger.label_ == "exercise" and root.i + 1 < len(root.doc) and root.doc[root.i + 1].ent_iob_ != "I"
        if not ends_its_name:
            return False
    if trigger.label_ == "meeting" and (_is_port_call(root) or root.pos_ == "VERB" and root.dep_ in {"amod", "compound"}):
        return False  # a port call, or "visiting forces"
    if trigger.label_ == "meeting" and root.tag_ == "VBG" and root.i + 1 < len(root.doc) and root.doc[root.i + 1].pos_ == "NOUN":
        return False  # "visiting forces agreements", however the parser hangs the participle
    if trigger.label_ == "meeting" and root.pos_ == "VERB" and subject_is_one_of(root, lexicon()["geographic_features"]):
        return False  # "where the two oceans meet"
    if trigger.label_ == "exercise" and _is_own_drill(root):
        return False
    if _is_generic(root):
        return False
    if trigger.label_ == "exercise" and (_is_a_topic(trigger) or _modifies_another_thing(trigger) or _is_a_part(root) or _counts_the_others(trigger)):
        return False
    if trigger.label_ == "meeting" and (_is_sport(trigger.sent) or _is_civilian_meeting(root) or _is_a_negotiation(root)):
        return False
    if trigger.label_ == "meeting" and _hosts_a_sideline(root):
        return False
    if trigger.label_ == "meeting" and root.lemma_.lower() == "visit" and _visits_forces(root):
        return False
    if trigger.label_ == "agreement":
        if _is_civilian_instrument(root) or _names_an_institution(root) or _is_a_purchase(root):
            return False
        participle = participle_clause(trigger)
        signed_then = participle is not None and participle.lemma_.lower() in lexicon()["concluded"]
        if root.dep_ == "dobj" and root.head.lemma_.lower() in lexicon()["state_verbs"] and not signed_then:
            return False  # "X has agreements with Y" is a state, not a signing; "has pacts with Y, signed in 2022" tells one
        definite = any(child.dep_ == "poss" or child.dep_ == "det" and child.lower_ in {"the", "this", "that"} for child in root.children)
        if root.dep_ == "pobj" and root.head.lower_ == "under" and definite and not signed_then and not _has_a_year(trigger):
            return False  # "commitments under the allies' defense treaty" names an instrument in force, not a signing
        chain_words = cue_words(modality_chain(root))
        # "the agreement his government is negotiating with Washington": a relative clause may tell it too
        relatives = cue_words([child for child in root.children if child.dep_ == "relcl"])
        if (chain_words | relatives) & set(lexicon()["unconcluded"]):
            return False
        signed = chain_words | ({participle.lemma_.lower()} if participle is not None else set())
        weak = root.lower_ in lexicon()["weak_agreement_words"] or len(trigger) == 1 and root.lower_ in lexicon()["bare_weak_agreement_words"]["words"]
        if weak and not signed & set(lexicon()["concluded"]):
            return False  # "practical arrangements" is no signed instrument
        dated = any(ent.label_ == "DATE" for ent in trigger.sent.ents)
        if root.tag_ == "NNS" and not signed & set(lexicon()["concluded"]) and not dated:
            return False  # "the older agreements with the Baltic states give U.S. forces access": instruments in force
    return True
