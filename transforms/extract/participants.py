"""The countries taking part in an event, by the roles the text gives them.

Over 400 lines on purpose: this is one reading stage, and its rules (subjects and their conjuncts,
"with X", "between X and Y", hosts, observers, invitees, targets, forces as arguments, participant
lists, withdrawals) read the same dependency tree through shared helpers, and each decides against
the others (a host is not an observer; a listed country is not a target). Split by rule, each module
would import most of the others.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Span, Token

from transforms.nlp import COUNTRY, TRIGGERS, lexicon
from transforms.extract.context import PERSONAL_PRONOUNS, ArticleContext, CountryMention, MINIMUM_PARTICIPANTS, country_mentions, people_in
from transforms.extract.grammar import (
    LOCATION_PREPOSITIONS, clause_head, event_words_at, governed_by, is_force_word, is_take_part, is_taking_part, phrase_in, words_and_lemmas,
)


def _is_location(mention: CountryMention) -> bool:
    """A capital or city after "in"/"at" is where something happened, not who took part; so is the
    country that places a town ("the G7 summit in Hiroshima, Japan")."""
    if _describes_a_base(mention.span):
        return True
    if mention.kind in {"name", "short"}:
        return _places_a_town(mention.span)
    if mention.kind not in {"capital", "city"}:
        return False
    head = mention.span.root
    return head.dep_ == "pobj" and head.head.lower_ in LOCATION_PREPOSITIONS or head.dep_ == "appos"


def names_a_place(mention: CountryMention) -> bool:
    """A country named for where something is ("talks in Japan", "F-16s from Aviano in Italy"), not for who."""
    root = mention.span.root
    from_a_town = mention.kind in {"capital", "city"} and root.dep_ == "pobj" and root.head.lower_ == "from"
    return _is_location(mention) or _is_host(mention) or from_a_town


def _describes_a_base(span: Span) -> bool:
    """"The Somalia-based al-Shabaab group", "a Bahrain-headquartered fleet": where someone is based."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ in {"based", "headquartered"}


def _is_host(mention: CountryMention) -> bool:
    """A country named as the place ("talks in Japan"): a party only when the sentence names no other."""
    root = mention.span.root
    return mention.kind in {"name", "short"} and root.dep_ == "pobj" and root.head.lower_ in {"in", "at"}


def _places_a_town(span: Span) -> bool:
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    town = doc[span.start - 2]
    named_place = town.ent_type_ in {"GPE", "LOC", "FAC"} or town.ent_type_ == COUNTRY and town.ent_id_.split(":")[1] in {"capital", "city"}
    # "in Ankara, Erdogan said": a subject after the comma starts a clause of its own.
    return named_place and town.dep_ == "pobj" and town.head.lower_ in LOCATION_PREPOSITIONS and span.root.dep_ not in SUBJECT_DEPS


def _brings_in(clause: Token, of: Token) -> bool:
    """"Was co-hosted by A and B, bringing American operators to ...": a participle of taking part that hangs
    on the event's clause tells more of its parties."""
    return clause.head == of and clause.tag_ in {"VBG", "VBN"} and clause.lemma_.lower() in lexicon()["participation_verbs"]


def _in_other_adverbial_clause(token: Token, trigger: Token) -> bool:
    """"The exercise comes while Indian and Chinese troops remain locked in a standoff", "returned to a
    region where violence has spread from Mali", "the visit took place as Black Sea Shield, co-hosted by A
    and B, opened": a clause that tells the circumstances or the place, apart from the event's own, is
    context, not parties, and so is every clause inside it."""
    own = clause_head(trigger)
    clause = clause_head(token)
    if clause.tag_ in {"VBG", "VBN"} and clause.lemma_.lower() in lexicon()["participation_verbs"] and clause.head in {trigger, own}:
        return False  # "will host the meeting, bringing together ministers from A and B", "a summit ... attended by": who takes part
    # "drills near Brest, where forces from A and B practised" tells the event there, not the place
    while clause != own and clause not in trigger.ancestors:
        about_a_place = clause.dep_ == "relcl" and _opens_with_where_or_when(clause) and not any(is_force_word(t) for t in clause.subtree)
        if clause.dep_ == "advcl" or about_a_place:
            return True
        if clause.head == clause:
            return False
        clause = clause_head(clause.head)
    return False


def in_other_event_clause(token: Token, trigger: Span) -> bool:
    """"Their navies first sailed together in 2023, and Australia joined the following year for a four-nation
    exercise": a coordinate clause with a subject of its own that tells an event of the trigger's kind tells
    that event's parties."""
    clause, own = _subject_clause(token), _subject_clause(trigger.root)
    if clause is None or own is None or clause == own or clause.dep_ != "conj" and own.dep_ != "conj":
        return False
    if clause in trigger.root.ancestors:
        return False
    return any(span.label_ == trigger.label_ and _subject_clause(span.root) == clause for span in trigger.doc.spans[TRIGGERS])


def _subject_clause(token: Token) -> Token | None:
    """The nearest verb above the token (or the token) that has a subject of its own."""
    for holder in [token, *token.ancestors]:
        if holder.pos_ in {"VERB", "AUX"} and any(child.dep_ in SUBJECT_DEPS for child in holder.children):
            return holder
    return None


def _opens_with_where_or_when(clause: Token) -> bool:
    return any(child.lower_ in {"where", "when"} for child in clause.children)


def _country_antecedent(trigger: Span) -> Token | None:
    """The country a relative clause holding the trigger is about ("Australia, whose agreement ...")."""
    clause = clause_head(trigger.root)
    # "Malaysia, where it had just completed the exercise": a clause about a place, not about a party.
    about_a_place = _opens_with_where_or_when(clause)
    if clause.dep_ == "relcl" and clause.head.ent_type_ == COUNTRY and not about_a_place:
        return clause.head
    return None


# Roles that name the parties of the event they hang on: its subject or agent ("X and Y held talks",
# "signed by X"), and its modifiers ("Franco-Indian talks", "India's drill").
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
# Hops from the event word up to the predicates that carry it ("took part in the exercise",
# "agreed to hold talks", "held talks and signed an MOU"); a relative or adverbial clause starts
# another predication, whose subject is not the event's.
CARRIER_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "oprd", "xcomp", "conj", "appos", "npadvmod", "pobj", "prep", "dative"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whose"}


def event_word(trigger: Span) -> Token:
    """The word that stands for the event in the parse: the trigger's own head, or the head of the name
    it ends ("the General Security of Military Information Agreement", which the parser hangs on
    "Security")."""
    root = trigger.root
    name = next((ent for ent in trigger.doc.ents if ent.start <= root.i < ent.end and ent.label_ in {"ORG", "LAW"}), None)
    return name.root if name is not None and trigger.label_ == "agreement" else root


def _carriers_arguments(root: Token) -> list[Token]:
    """The parties the predicates carrying the event word give it: their subjects and agents ("X and
    Y held talks", "signed by X"), their party prepositions ("X signed an MOU with Y", "trained
    alongside"), and the objects of verbs that name participants ("hosted X", "brought together X").
    A verb trigger's own subject and object count the same way ("X met Y", "X visited Y"). `root` is
    the event word (`event_word`)."""
    cues = lexicon()
    prepositions = set(cues["party_prepositions"])
    participation = set(cues["participation_verbs"])
    carrying = set(cues["carrying_verbs"])
    # "Trump told the King by telephone", "spoke to Lavrov over the phone": the call is the verb's, and
    # whom the verb addresses is a party.
    addressed = root.head if root.pos_ == "ADP" else None
    found: list[Token] = []
    holder = root
    conjunct_of = None  # the event word a conjunct with parties of its own came from: its modifiers are not ours
    while True:
        objects = {"dobj", "dative"} if holder in (root, addressed) or holder.lemma_.lower() in participation else set()
        for child in holder.children:
            if conjunct_of is not None and child.dep_ not in SUBJECT_DEPS | objects:
                continue
            if (
                child.dep_ in SUBJECT_DEPS | objects
                or child.dep_ in MODIFIER_DEPS and holder.pos_ in {"NOUN", "PROPN"}
                or child.dep_ == "prep" and (child.lower_ in prepositions or holder == addressed and child.lower_ == "to")
                or child.dep_ in {"acl", "advcl", "prep"} and child.lemma_.lower() in participation | prepositions
                # "was scaled down to three nations, A, B and C"
                or child.dep_ == "prep" and child.lower_ == "to" and holder.pos_ == "VERB" and _counts_members(child)
                # "the first edition was a bilateral event between A and B": what the event is said to be
                or child.dep_ == "attr" and holder.lemma_ == "be" and root.head == holder and root.dep_ == "nsubj"
            ):
                # "Australia, which signed the pact": a relative pronoun stands for its antecedent.
                found.append(holder.head if child.lower_ in RELATIVE_PRONOUNS and holder.dep_ == "relcl" else child)
        if root.head == holder and root.dep_ in SUBJECT_DEPS:
            # "The 2019 edition was led by Sweden and drew a US tanker and Swiss F/A-18s", "was held near Luleå and
            # drew troops from A and B": a verb that shares the event's subject and says who took part
            found += [
                argument for verb in holder.children
                if verb.dep_ == "conj" and verb.lemma_.lower() in participation and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
                for argument in verb.children if argument.dep_ in {"dobj", "dative"} or argument.dep_ == "prep" and argument.lower_ == "from"
            ]
        if holder.head == holder or holder.dep_ not in CARRIER_DEPS:
            return found
        own_parties = _has_own_parties(holder)
        if holder.dep_ == "appos" and own_parties:
            return found  # "similar pacts: the agreement with the United States, ...": an item with parties of its own
        # "the agreement with the United States, and the pact with Australia": the first conjunct's "with" is its own
        conjunct_of = holder if holder.dep_ == "conj" and own_parties else None
        if holder.dep_ == "xcomp" and holder.head.lemma_.lower() not in carrying:
            return found  # "X lobbied Y to move the exercise": X does not take part
        holder = holder.head


def _counts_members(preposition: Token) -> bool:
    members = set(lexicon()["member_nouns"]["words"])
    return any(
        child.dep_ == "pobj" and (child.lemma_.lower() in members or " ".join(t.lower_ for t in child.subtree if t.dep_ == "compound" or t == child) in members)
        and any(t.dep_ == "nummod" for t in child.children)
        for child in preposition.children
    )


def role_positions(trigger: Span) -> set[int]:
    """Token indices the syntax gives a role in the event: everything the event word itself governs
    ("the Indian-French exercise", "talks between X and Y", "a drill involving X", "the pact X signed"),
    and the arguments of the predicates that carry it (`_carriers_arguments`)."""
    root = event_word(trigger)
    # A noun's subtree is what is said of the event; a verb's is its whole clause, adverbials and all
    # ("met Abbas in Bethlehem before flying to Saudi Arabia"): a verb's parties are its arguments alone.
    if root.pos_ in {"VERB", "AUX"}:
        # The trigger's own other words keep what they govern ("called on Tanzanian President X").
        positions = {token.i for word in trigger if word != root for token in word.subtree} | {root.i}
    else:
        positions = {token.i for token in root.subtree} - _own_event_conjuncts(root, trigger.doc)
    positions |= _whose_antecedent(root)
    for party in _carriers_arguments(root):
        if root in party.subtree:
            # An antecedent whose relative clause holds the event: the word and its modifiers, not the clause.
            positions.add(party.i)
            positions |= {t.i for child in party.children if child.dep_ in MODIFIER_DEPS | {"conj", "appos", "cc"} for t in child.subtree}
        else:
            positions |= _phrase_positions(party)
    return positions


def _whose_antecedent(root: Token) -> set[int]:
    """"The mechanism Greece-Cyprus-Egypt, whose 9th Summit was held in Athens": the antecedent of "whose"
    is the event's."""
    if not any(child.dep_ == "poss" and child.lower_ == "whose" for child in root.children):
        return set()
    clause = next((ancestor for ancestor in root.ancestors if ancestor.dep_ == "relcl"), None)
    if clause is None:
        return set()
    return _antecedent_words(clause.head)


def _antecedent_words(antecedent: Token) -> set[int]:
    """An antecedent and its compounds ("Greece-Cyprus-Egypt"), not its conjuncts ("Brazil, whose ..., and Peru")."""
    return {antecedent.i} | {token.i for child in antecedent.children if child.dep_ == "compound" for token in child.subtree}


def _own_event_conjuncts(root: Token, doc) -> set[int]:
    """"The Visiting Forces Agreement with the United States, ..., and the status-of-forces agreement with
    Australia": a conjoined event word with parties of its own is another event, and its phrase no role."""
    event_words = {span.root.i for span in doc.spans[TRIGGERS]}
    return {
        token.i
        for child in root.children
        if child.dep_ == "conj" and child.i in event_words and _has_own_parties(child)
        for token in child.subtree
    }


def _has_own_parties(word: Token) -> bool:
    """Whether a word has a party preposition of its own ("the agreement with the United States")."""
    prepositions = set(lexicon()["party_prepositions"])
    return any(child.dep_ == "prep" and child.lower_ in prepositions for child in word.children)


def _phrase_positions(party: Token) -> set[int]:
    """A party's phrase without the relative clauses in it: "alongside the NORDEFCO framework, which the five
    Nordic countries set up in 2009" names no party in its clause."""
    clauses = [token for token in party.subtree if token.dep_ == "relcl" and token is not party]
    return {token.i for token in party.subtree} - {token.i for clause in clauses for token in clause.subtree}


def _subject_positions(verb: Token) -> set[int]:
    """The subject of a verb, or of the verb it hangs on ("accepted invitations to send observers");
    a relative pronoun stands for its antecedent ("officers who followed the drill as observers")."""
    holder = verb
    for _ in range(4):
        subject = next((child for child in holder.children if child.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and holder.dep_ == "relcl":
            antecedent = holder.head
            carrier = antecedent.head if antecedent.dep_ in {"dobj", "pobj", "attr"} else None
            return {t.i for child in antecedent.children if child.dep_ in {"prep", "amod", "compound", "poss"} for t in child.subtree} | (
                _subject_positions(carrier) if carrier is not None and carrier.pos_ in {"VERB", "AUX"} else set()
            )
        if subject is not None:
            return {t.i for t in subject.subtree}
        if holder.head == holder:
            break
        holder = holder.head
    return set()


def observer_positions(sent: Span) -> set[int]:
    """Tokens naming observers and guests: "X sent observers", "observers from X", "X watched the
    drill", "officers who followed the drill as observers". They are present, not parties."""
    cues = lexicon()
    observers = set(cues["observer_roles"])
    holders = set(cues["observer_holders"])
    positions: set[int] = set()
    for token in sent:
        if token.lemma_.lower() not in observers:
            continue
        if token.pos_ == "VERB":
            positions |= _subject_positions(token) | {t.i for c in token.children if c.dep_ == "agent" for t in c.subtree}
            continue
        positions |= {t.i for t in token.subtree}  # "observers from X", "Belgian observers"
        verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is not None and verb.lemma_.lower() in holders:
            positions |= _subject_positions(verb)
            if token.dep_ == "nsubj" and token.head == verb:
                # "As observers attended officers from A and B", "observers came from A": the observers are who
                # the verb's object and its "from" name
                positions |= {t.i for child in verb.children if child.dep_ == "dobj" or child.dep_ == "prep" and child.lower_ == "from" for t in child.subtree}
            # "Delegations from 20 countries, among them A and B, are attending as observers"
            positions |= {t.i for child in verb.children if child.dep_ == "prep" and child.lower_ in {"among", "including"} for t in child.subtree}
    return positions


def _says_taking_part(token: Token) -> bool:
    """A word that says one takes part or sends forces ("joined", "take part", "send", "participation")."""
    cues = lexicon()
    words = {word for word in [*cues["participation"], *cues["contribution"], *cues["participation_verbs"]] if " " not in word}
    return token.lemma_.lower() in words or token.lower_ in words or is_take_part(token)


def _denies(sent: Span) -> bool:
    """"Australia did not take part again", "Armenia sent no troops": the sentence says who does not; not
    "Tallinn had said it could not spare troops, but an Estonian company took part", whose negation is of
    another verb, nor "Brazil, taking part for the first time, did not send a ship"."""
    return any(
        token.dep_ == "neg" and _says_taking_part(token.head) and not _taking_part_all_the_same(token.head)
        or token.dep_ == "det" and token.lower_ == "no" and (is_force_word(token.head) or _says_taking_part(token.head))
        for token in sent
    )


def _taking_part_all_the_same(verb: Token) -> bool:
    """"Brazil, taking part for the first time, did not send a ship": a participle on the negated verb says
    its subject takes part (not "Mali, whose soldiers took part in earlier editions, did not send troops")."""
    return any(
        child.dep_ in {"advcl", "acl"} and child.tag_ == "VBG" and is_taking_part(child)
        and not any(grandchild.dep_ == "neg" for grandchild in child.children)
        for child in verb.children
    )


def withdrawn_positions(sent: Span) -> set[int]:
    """The subjects of a withdrawal ("Colombia had committed fighters but withdrew", "Tanzania was taking part
    until it withdrew": a pronoun stands for the subject of the clause it hangs on)."""
    positions: set[int] = set()
    for verb in sent:
        if verb.pos_ != "VERB" or not _withdraws(verb):
            continue
        holder = verb
        subject = next((child for child in holder.children if child.dep_ in SUBJECT_DEPS), None)
        while (subject is None and holder.dep_ == "conj" or subject is not None and subject.lower_ in {"it", "they"} and holder.dep_ in {"advcl", "conj"}) and holder.head != holder:
            holder = holder.head
            subject = next((child for child in holder.children if child.dep_ in SUBJECT_DEPS), None)
        # "The Peruvian ship withdrew on 11 September, after the anti-submarine phase": a unit that leaves has
        # taken part; a country that withdraws has not
        if subject is not None and not is_force_word(subject):
            positions |= {t.i for t in subject.subtree}
    return positions


def newcomer_positions(sent: Span) -> set[int]:
    """The subjects of a verb done "for the first time" ("a Lao medical team joining the drill for the first
    time", "Egypt sent a frigate for the first time"): newcomers, who took no part before."""
    positions: set[int] = set()
    for verb in sent:
        first_time = any(
            child.dep_ == "prep" and child.lower_ == "for" and any(
                time.lemma_ == "time" and any(word.lower_ == "first" for word in time.children) for time in child.children
            )
            for child in verb.children
        )
        if not first_time or verb.pos_ not in {"VERB", "AUX"}:
            continue
        holder = verb
        while not any(child.dep_ in SUBJECT_DEPS for child in holder.children) and holder.dep_ == "conj" and holder.head != holder:
            holder = holder.head  # "arrived on Monday and joined for the first time"
        positions |= {token.i for child in holder.children if child.dep_ in SUBJECT_DEPS for token in child.subtree}
    return positions


def _withdraws(verb: Token) -> bool:
    """"Colombia withdrew in October", "Mali pulled out of the drill"."""
    words = lexicon()["withdrawal"]["words"]
    lemma = verb.lemma_.lower()
    # the particle may be parsed as an adverb ("stayed away this year") or a preposition ("pulled out of the drill")
    return lemma in words or any(
        child.dep_ in {"prt", "advmod", "prep"} and f"{lemma} {child.lower_}" in words for child in verb.children
    )


def outsider_positions(sent: Span) -> set[int]:
    """Countries the sentence says take no part: "Mali did not take part", "the crisis in Haiti, which is not
    involved in the exercise", "Neither Mali nor Burkina Faso took part", "Colombia had committed fighters but
    withdrew", "were not part of this year's edition", "were absent from the drill"."""
    cues = lexicon()
    takes_part = {word for word in cues["participation"] if " " not in word} | set(cues["participation_verbs"])
    positions = withdrawn_positions(sent)
    absent = set(cues["absence_words"])
    for verb in sent:
        subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
        if subject is None and verb.dep_ == "conj":  # "Mali, once a regular participant, ... and was not part of it"
            subject = next((child for child in verb.head.children if child.dep_ in SUBJECT_DEPS), None)
        complements = {child.lower_ for child in verb.children if child.dep_ in {"attr", "acomp"}} if verb.lemma_ == "be" else set()
        if complements & absent and not any(child.dep_ == "neg" for child in verb.children):
            # "Mali and Niger were absent from this year's drill"
            positions |= {t.i for t in subject.subtree} if subject is not None else set()
            continue
        # "Neither Mali nor Burkina Faso took part", "Uzbekistan takes no part in the bloc's drills"
        neither = subject is not None and any(token.lower_ == "neither" for token in subject.subtree)
        no_part = is_take_part(verb) and any(
            child.lower_ == "part" and any(grandchild.lower_ == "no" for grandchild in child.children) for child in verb.children
        )
        if not neither and not no_part and not any(child.dep_ == "neg" for child in verb.children):
            continue
        if _taking_part_all_the_same(verb):
            continue
        lemma = verb.lemma_.lower()
        # "were not part of this year's edition"
        if not (lemma in takes_part or verb.lower_ in takes_part or is_take_part(verb) or "part" in complements):
            continue
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            positions |= {verb.head.i} | {t.i for t in verb.head.children if t.dep_ == "conj"}
        elif subject is not None:
            positions |= {t.i for t in subject.subtree}
    return positions


def _is_no_party(token: Token, heads: set[str], trigger: Span | None) -> bool:
    """A country under a word that makes it no party ("tension with X", "condemned X"), unless it is in the
    word's subject with the trigger: in "the statement issued by A and B condemned the harassment" the
    statement and its signers are both the subject of "condemned"."""
    if trigger is None:
        return governed_by(token, heads)
    trigger_path = {ancestor: child for child, ancestor in zip([trigger.root, *trigger.root.ancestors], trigger.root.ancestors)}
    for child, ancestor in zip([token, *token.ancestors], token.ancestors):
        if ancestor.lemma_.lower() in heads or ancestor.lower_ in heads:
            if trigger_path.get(ancestor) == child and child.dep_ in SUBJECT_DEPS:
                continue
            return True
    return False


def sentence_parties(sent: Span, context: ArticleContext, trigger: Span | None = None) -> tuple[list[CountryMention], list[CountryMention], list[CountryMention]]:
    """Countries that may take part (by name, force, people), countries only named as the place, and the people."""
    non_party_heads = set(lexicon()["non_party_heads"])
    people = people_in(sent, context)
    parties: list[CountryMention] = []
    hosts: list[CountryMention] = []
    observers = observer_positions(sent) | outsider_positions(sent)
    for mention in country_mentions(sent) + people:
        if _is_no_party(mention.span.root, non_party_heads, trigger) or _is_location(mention) or mention.span.root.i in observers:
            continue
        if trigger is not None and (_in_other_adverbial_clause(mention.span.root, trigger.root) or in_other_event_clause(mention.span.root, trigger)):
            continue
        if _is_host(mention):
            hosts.append(mention)
            continue
        parties.append(mention)
    return parties, hosts, people


def read_participants(
    trigger: Span, roles: set[int], context: ArticleContext
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], list[CountryMention], frozenset[str]]:
    """The parties (sorted ISO3), their pairs, the sentence's people, and the cast: the countries the
    syntax itself gives a role (the parties may add the story's pair or the sentence's other countries);
    `roles` is role_positions(trigger)."""
    sent = trigger.sent
    parties, hosts, people = sentence_parties(sent, context, trigger)
    cast = [m for m in parties if m.span.root.i in roles]
    between = {t.i for child in trigger.root.children if child.dep_ == "prep" and child.lower_ == "between" for t in child.subtree}
    if len({m.iso3 for m in cast if m.span.root.i in between}) >= MINIMUM_PARTICIPANTS:
        cast = [m for m in cast if m.span.root.i in between]  # "X hosted talks between A and B": A and B, not the host
    cast_countries = {m.iso3 for m in cast}
    # "The minister and the chief executives of Naval Group signed a memorandum": the other side is a firm, so
    # neither the story's pair nor its home fills it
    other_side_known = _organisation_in_role(trigger, roles)
    if len(cast_countries) >= MINIMUM_PARTICIPANTS and not other_side_known and (home := _home_of(trigger, cast_countries, roles, context)) is not None:
        # "IBSAMAR VII, the drill with the Indian and Brazilian navies", in a story on South Africa: and its own
        participants = tuple(sorted(cast_countries | {home}))
        return participants, tuple(itertools.combinations(participants, 2)), people, frozenset(cast_countries)
    if len(cast_countries) >= MINIMUM_PARTICIPANTS:
        parties = cast  # the syntax around the trigger names its parties: the sentence's other countries are not
    elif trigger.label_ != "exercise" and not other_side_known and _joins_story_partner(trigger, cast_countries, roles, context):
        # One party named ("the agreement with France"): the other is its partner in the story's pair.
        participants = tuple(sorted(context.main_pair))
        return participants, tuple(itertools.combinations(participants, 2)), people, frozenset(cast_countries)
    elif trigger.label_ != "exercise" and not other_side_known and (home := _home_of(trigger, cast_countries, roles, context)) is not None:
        # "Manila's new pact joins the Visiting Forces Agreement with the United States": the story's own country's
        participants = tuple(sorted(cast_countries | {home}))
        return participants, tuple(itertools.combinations(participants, 2)), people, frozenset(cast_countries)
    antecedent = _country_antecedent(trigger)
    if antecedent is not None:
        # "the Philippines has pacts with two countries: Australia, whose agreement was signed in 2007, ..."
        subject = {t.i for child in sent.root.children if child.dep_ in {"nsubj", "nsubjpass"} for t in child.subtree}
        named = _antecedent_words(antecedent)
        parties = [m for m in parties if any(m.span.start <= i < m.span.end for i in named) or m.span.root.i in subject]
    # "Britain and France signed treaties in 2010, while France and Germany signed one in 2019":
    # when the trigger's own clause names the parties, the other clauses' countries are not its parties.
    clause = clause_head(trigger.root)
    local = [m for m in parties if clause_head(m.span.root) == clause or _brings_in(clause_head(m.span.root), clause)]
    if len({m.iso3 for m in local}) >= MINIMUM_PARTICIPANTS:
        parties = local
    iso3s = sorted({m.iso3 for m in parties})
    if len(iso3s) < MINIMUM_PARTICIPANTS:
        # the place of the event itself or of a predicate ("talks in Japan", "began in Indonesia"), not of another
        # noun's phrase ("drills in Norway's north as war rages in Ukraine", "rages" parsed as a noun)
        venues = {m.iso3 for m in hosts if m.span.root.i in roles or m.span.root.head.head.pos_ in {"VERB", "AUX"}}
        iso3s = sorted(set(iso3s) | venues)
    if len(iso3s) < MINIMUM_PARTICIPANTS and context.main_pair and not other_side_known:
        # A meeting or a signing told with no country at all is the article's pair's; exercises are often
        # named with their participants elsewhere, and are left to the participant lists.
        names_no_country = not iso3s and trigger.label_ != "exercise"
        refers_to_pair = (
            names_no_country
            or phrase_in(sent.text.lower(), lexicon()["pair_references"])
            or trigger.label_ != "exercise" and _unknown_person_in_role(sent, roles, context)  # "Lula and French president Sarkozy signed"
        )
        if refers_to_pair and (not iso3s or iso3s[0] in context.main_pair):
            iso3s = sorted(set(iso3s) | set(context.main_pair))
        elif refers_to_pair and _pair_in_roles(sent, roles):
            # "The two armies last trained together in 2021, when Ugandan troops also took part": the pair holds
            # the event's role (the two the sentence before named, else the story's), and of the others only
            # those that are a clause's subject ("Ecuador's minister joined the two ministers by video link")
            # or whose forces the sentence tells; "talks on support for Ukraine" names a topic
            pair = context.previous_countries if len(context.previous_countries) == 2 else context.main_pair
            acting = {m.iso3 for m in parties if _in_a_subject(m.span.root)} | forces_of(sent, context)
            iso3s = sorted(set(pair) | (set(iso3s) & acting))
    group_size = _counted_group(trigger)
    bare = group_size is None and (group_size := _bare_count(trigger)) is not None
    if group_size and len(iso3s) < group_size <= len(context.ranked):
        # "the four ministers met in Singapore": the venue is no member of the group
        named = {m.iso3 for m in parties}
        iso3s = [iso3 for iso3 in iso3s if iso3 in named]
        joining = any(ancestor.lemma_ == "join" for m in parties for ancestor in m.span.root.ancestors)
        told = _told_group(context.event_groups, set(iso3s), group_size, joining)
        if told is not None:
            iso3s = sorted(told)
        elif not bare:
            # "the four countries' foreign ministers": the countries the sentence names, then those the sentence
            # before named (unless it named more: "drew fighters from six countries ... The three countries"),
            # then those the story is most about.
            before = context.previous_countries if len(context.previous_countries) <= group_size else ()
            candidates = dict.fromkeys([*before, *context.ranked])
            iso3s = sorted(iso3s + [iso3 for iso3 in candidates if iso3 not in iso3s][: group_size - len(iso3s)])
    participants = tuple(iso3s)
    pairs = tuple(itertools.combinations(participants, 2))
    one_by_one = len(participants) >= 2 and _told_one_by_one(trigger)
    if one_by_one and not _visit_pairs(trigger, parties + people) and _subject_of_no_country(trigger, context):
        # "Damasceno held separate meetings with the Chilean and the Uruguayan commanders": a person the article
        # gave no country meets each of them, for the country the story is most about
        home = context.ranked[0] if context.ranked else None
        if home is not None and home not in participants:
            pairs = tuple(tuple(sorted((home, other))) for other in participants)
            return tuple(sorted({*participants, home})), pairs, people, frozenset(cast_countries)
    if len(participants) > 2 and one_by_one:
        pairs = _visit_pairs(trigger, parties + people)  # with nobody named on the other side, no pair is known
    elif len(participants) > 2 and (trigger.root.lemma_ == "visit" or _receives_people(trigger.root)):
        # "X visited A and B", "X hosted the Chinese commander and the Russian captain": X with each
        pairs = _visit_pairs(trigger, parties) or pairs
    return participants, pairs, people, frozenset(cast_countries)


def _receives_people(verb: Token) -> bool:
    """"Hosted the Chinese commander and the Russian captain", not "will host the Defence Ministers' Meeting" nor
    "hosted Yoon and Kishida for their first summit" (one meeting of the three)."""
    received = [child for child in verb.children if child.dep_ == "dobj"]
    if verb.lemma_ not in lexicon()["reception_verbs"] or not received or any(event_words_at(child) for child in received):
        return False
    return not any(child.dep_ == "prep" and any(event_words_at(grandchild) for grandchild in child.children) for child in verb.children)


def _in_a_subject(token: Token) -> bool:
    """Whether the token is (in) the subject of its clause: "Ecuador's minister joined ..."."""
    for holder in [token, *token.ancestors]:
        if holder.dep_ in SUBJECT_DEPS:
            return True
        if holder.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _pair_in_roles(sent: Span, roles: set[int]) -> bool:
    """Whether a phrase naming the story's pair ("the two armies", "both sides") holds a role in the event."""
    words = [token.lower_ for token in sent]
    for phrase in lexicon()["pair_references"]:
        parts = phrase.split()
        if len(parts) < 2:
            continue  # "they", "bilateral": no phrase of the pair's own
        for start in range(len(words) - len(parts) + 1):
            if words[start : start + len(parts)] == parts and sent[start + len(parts) - 1].i in roles:
                return True
    return False


def _joins_story_partner(trigger: Span, cast: set[str], roles: set[int], context: ArticleContext) -> bool:
    """Whether the other country of the story's pair is the event's other party: the event's syntax
    names one of the pair and nobody else, and the event is a particular one (dated, or "the
    agreement"); not when a "he" or "she" in the roles stays unresolved, nor when the sentence names
    the partner as the venue ("held meetings in Riyadh")."""
    if len(cast) != 1 or not cast <= set(context.main_pair) or _country_antecedent(trigger) is not None:
        return False
    if not _is_particular(trigger):
        return False  # "agreements that Washington signs with close partners": no event in particular
    doc = trigger.doc
    if any(doc[i].lower_ in PERSONAL_PRONOUNS for i in roles):
        return False
    partner = next(iso3 for iso3 in context.main_pair if iso3 not in cast)
    venues = {mention.iso3 for mention in country_mentions(trigger.sent) if _is_location(mention) or _is_host(mention)}
    return partner not in venues


def _organisation_in_role(trigger: Span, roles: set[int]) -> bool:
    """A role held by an organisation, or by its people ("Naval Group", "the chief executives of MBDA"), other
    than the event's own name ("the Lombok Treaty", "the Shangri-La Dialogue")."""
    doc = trigger.doc
    own_name = {token.i for ent in doc.ents if ent.start <= trigger.root.i < ent.end for token in ent}
    for i in roles:
        holder = doc[i]
        # a party's place in the clause: a subject or its conjunct, "with X", "by X"; not "the island of Lombok"
        acting = holder.dep_ in SUBJECT_DEPS | {"conj"} or holder.dep_ == "pobj" and holder.head.lower_ in {"with", "by", "between"}
        if not acting:
            continue
        owners = [holder, *(grandchild for child in holder.children if child.dep_ == "prep" and child.lower_ == "of" for grandchild in child.children if grandchild.dep_ == "pobj")]
        if any(token.ent_type_ == "ORG" and token.i not in own_name for token in owners):
            return True
    return False


def _home_of(trigger: Span, cast: set[str], roles: set[int], context: ArticleContext) -> str | None:
    """The country a story is most about, for a particular event "with" other countries its syntax names and
    that are not of the story's pair ("the status-of-forces agreement with Australia, signed in 2007", in a
    story on the Philippines' pacts; "IBSAMAR VII, the drill with the Indian and Brazilian navies")."""
    if not cast or cast & set(context.main_pair) or not context.ranked or context.ranked[0] not in context.main_pair:
        return None
    with_phrases = [child for child in trigger.root.children if child.dep_ == "prep" and child.lower_ == "with"]
    named_with = {m.iso3 for m in country_mentions(trigger.sent) for phrase in with_phrases if phrase.left_edge.i <= m.span.root.i <= phrase.right_edge.i}
    if named_with != cast or any(trigger.doc[i].lower_ in PERSONAL_PRONOUNS for i in roles):
        return None
    return context.ranked[0] if _is_particular(trigger) else None


def _is_particular(trigger: Span) -> bool:
    """A dated event, or "the agreement": one event in particular, not a kind."""
    dated = any(ent.label_ == "DATE" for ent in trigger.sent.ents)
    return dated or any(child.dep_ in {"det", "poss"} and child.lower_ in {"the", "this", "that"} for child in trigger.root.children)


def _subject_of_no_country(trigger: Span, context: ArticleContext) -> bool:
    """The event's subject is a name the article gave no country ("Lt-Brig Damasceno held separate meetings")."""
    root = trigger.root
    carrier = root.head if root.dep_ == "dobj" else root
    subject = next((child for child in carrier.children if child.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ == "PROPN" and subject.ent_type_ in {"", "PERSON"} and subject.text not in context.people


def _unknown_person_in_role(sent: Span, roles: set[int], context: ArticleContext) -> bool:
    """A person the article never gave a country takes a role in the event: with one side known, the
    other is the story's pair's other country."""
    return any(
        ent.label_ == "PERSON" and ent.root.i in roles and not any(token.text in context.people for token in ent)
        for ent in sent.ents
    )


GROUP_NUMBERS = {"three": 3, "four": 4, "five": 5, "six": 6}


def _counted_group(trigger: Span) -> int | None:
    """"The four countries", "all three navies", "the three Nordic air forces", "a four-nation exercise": a
    group the story has named before, or has named all but the sentence's own (a proper adjective may name
    its region; "all four host nations" are others)."""
    match = re.search(
        r"\b(?i:the|all|both)\s+(?i:(three|four|five|six))\s+(?:[A-Z][a-z]+\s+)?"
        r"(?i:countries|nations|navies|sides|partners|members|governments|militaries|armies|air forces|ministers|leaders)\b",
        trigger.sent.text,
    )
    if match:
        return GROUP_NUMBERS[match.group(1).lower()]
    # the event word's own count: "a four-nation exercise", "a three-way meeting", "the trilateral talks"
    for modifier in trigger.root.children:
        if modifier.dep_ not in {"compound", "amod"}:
            continue
        if modifier.lower_ in LATERAL_COUNTS and trigger.label_ != "exercise":
            return LATERAL_COUNTS[modifier.lower_]
        count = next((child.lower_ for child in modifier.children if child.dep_ == "nummod"), None)
        if modifier.lower_ in {"nation", "country", "navy", "way"} and count in GROUP_NUMBERS:
            return GROUP_NUMBERS[count]
    return None


LATERAL_COUNTS = {"trilateral": 3, "quadrilateral": 4}


def _bare_count(trigger: Span) -> int | None:
    """"The three signed a programme": a number alone as the subject, a group the story must have told."""
    for token in trigger.sent:
        if token.lower_ in GROUP_NUMBERS and token.dep_ in SUBJECT_DEPS and any(child.lower_ in {"the", "all"} for child in token.children):
            return GROUP_NUMBERS[token.lower_]
    return None


def _told_group(groups: list[tuple[str, ...]], named: set[str], size: int, joining: bool) -> set[str] | None:
    """The group of `size` an event told last had, holding the countries `named` ("the three ministers met",
    after their meeting was told); else, when the named ones are `joining` it, one of `size` without them
    ("the three partners, joined by Vanuatu, ran a drill"); else the one that the countries named make up
    to `size` ("Australia joined the following year for a four-nation exercise", after the three's)."""
    for fits in (
        lambda group: len(group) == size and named <= set(group),
        lambda group: joining and len(group) == size and not named & set(group),
        lambda group: len(group) == size - len(named) and not named & set(group),
    ):
        group = next((group for group in reversed(groups) if fits(group)), None)
        if group is not None:
            return named | set(group)
    return None


def tells_of_participation(sent: Span) -> bool:
    """Whether a sentence tells who takes part ("participation was broader than ever", "X sent troops"),
    and not who does not ("Australia did not take part again", "Armenia sent no troops")."""
    cues, words = lexicon(), words_and_lemmas(sent)
    # "X sent troops", "the air force is hosting aircraft from A and B", "it brings together personnel from A";
    # not "the last edition drew fighters from A and B", whose event word holds its own parties
    gathers = any(
        token.pos_ == "VERB" and token.lemma_.lower() in cues["participation_verbs"]
        and any(child.dep_ == "nsubj" and (child.pos_ == "PRON" or is_force_word(child) or child.ent_type_ == COUNTRY) for child in token.children)
        for token in sent
    )
    # "Papua New Guinea and Fiji each brought a patrol boat": ships are forces too
    contributes = (phrase_in(words, cues["contribution"]) or gathers) and phrase_in(words, [*cues["force_nouns"], *cues["vessels"]])
    told = phrase_in(words, cues["participation"]) or contributes or any(_runs_its_share(token) for token in sent)
    return bool(told) and not _denies(sent) and not _supposes(sent)


def _runs_its_share(verb: Token) -> bool:
    """"Tunisia launched its segment at the Bouficha base", "the Kingdom formally opened its share of African Lion"."""
    shares = set(lexicon()["exercise_shares"]["words"])
    return verb.pos_ == "VERB" and any(
        child.dep_ == "dobj" and child.lemma_.lower() in shares and any(c.dep_ == "poss" and c.lower_ == "its" for c in child.children)
        for child in verb.children
    )


def _supposes(sent: Span) -> bool:
    """"Mexico might send fighters", "if Chile joins": a modal or a condition of the verb that says who takes
    part tells who may, not who does."""
    hypothetical = set(lexicon()["hypothetical"])
    return any(
        token.lemma_.lower() in hypothetical and (token.tag_ == "MD" or token.dep_ == "mark") and _says_taking_part(token.head)
        for token in sent
    )


def participation_list(sent: Span, context: ArticleContext) -> set[str]:
    """Countries a sentence that tells of participation (`tells_of_participation`) lists as taking part
    ("Seventeen nations are taking part: A, B, ...", "the Netherlands has provided landing ships": sending
    or providing counts when what is sent is forces)."""
    cues = lexicon()
    parties, hosts, _ = sentence_parties(sent, context)
    countries = {m.iso3 for m in parties + hosts}
    if len(countries) >= MINIMUM_PARTICIPANTS:
        return countries
    # One country: "India sent a contingent", "Japan joined the drill", "Chile is taking part", or the owner of
    # the subject that says it takes part ("Suriname's contingent arrived", "France's contribution includes")
    takes_part = set(cues["participation"]) | set(cues["contribution"])

    def says_it_takes_part(token: Token) -> bool:
        return token.lower_ in takes_part or token.lemma_.lower() in takes_part

    def _verbs_take_part(verb: Token) -> bool:
        """The verb and the verbs that share its subject ("arrived ... and joined") say it takes part."""
        verbs = [verb] + [child for child in verb.children if child.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in child.children)]
        return any(says_it_takes_part(v) or is_take_part(v) for v in verbs)

    def is_a_party(token: Token) -> bool:
        if token.dep_ == "poss" and says_it_takes_part(token.head) and token.head.pos_ == "NOUN":
            # "Japan's contribution, a destroyer, left early", "France's participation": the noun says it takes
            # part, unless what is said of it calls it off
            return not cues["cancelled"] or token.head.head.lemma_.lower() not in cues["cancelled"]
        if token.dep_ == "poss" and token.head.dep_ in {"nsubj", "nsubjpass"}:
            # "Mexico's air force joined for the second week", "Bangladesh's frigate arrived on day nine and
            # joined the harbour phase"
            owned = token.head
            return is_force_word(owned) and _verbs_take_part(owned.head)
        if token.dep_ in {"amod", "compound"} and token.head.dep_ == "nsubj":
            # "an Estonian infantry company arrived in the second week and took part in the final phase"
            return _verbs_take_part(token.head.head)
        if token.dep_ == "pobj" and token.head.lower_ == "from":
            # "the largest contingent came from China", "units from Chad"
            origin_of = token.head.head
            return says_it_takes_part(origin_of) or origin_of.lemma_.lower() in {"come", "hail"} or is_force_word(origin_of)
        return token.dep_ == "nsubj" and (says_it_takes_part(token.head) or is_take_part(token.head) or _runs_its_share(token.head))

    return {m.iso3 for m in parties if is_a_party(m.span.root)}


def forces_of(sent: Span, context: ArticleContext) -> set[str]:
    """Countries whose forces a sentence tells of ("Spanish and German special forces run the ranges",
    "teams from the Netherlands teach"): the nationality or the origin of a force noun, never under a
    negation, an observer role or a place."""
    if _denies(sent):
        return set()
    parties, _, _ = sentence_parties(sent, context)
    countries = set()
    for mention in parties:
        if _in_a_negated_noun_phrase(mention.span.root):
            continue  # "no build-up of Russian forces along the border"
        if mention.kind in {"force", "abbreviation"}:
            countries.add(mention.iso3)  # "a French Navy patrol vessel": the name of a force is one
            continue
        token = mention.span.root
        while token.dep_ == "conj" and token.head != token:
            token = token.head  # "Spanish and German forces": German is of the forces Spanish is
        while token.dep_ == "compound" and token.head.dep_ == "compound":
            token = token.head  # "the Vanuatu Mobile Force": a name's words before its force noun
        if token.dep_ == "pobj" and token.head.lower_ in {"from", "of"}:
            token = token.head  # "teams from the Netherlands"
            if mention.kind in {"city", "capital"} and any(child.ent_type_ == COUNTRY for child in token.head.children):
                continue  # "US Air Force F-16s from Aviano": where a country's force is based
        police = any(child.lower_ in lexicon()["civilian_force_words"] for child in token.head.children)  # "Haiti's police force"
        if token.dep_ in {"amod", "compound", "nmod", "poss", "prep"} and is_force_word(token.head) and not police:
            countries.add(mention.iso3)
        elif mention.kind == "demonym" and any(child.dep_ == "conj" and is_force_word(child) for child in token.children):
            countries.add(mention.iso3)  # "Kyrgyz and Tajik platoons", parsed as the demonym and the platoons
    return countries


def _in_a_negated_noun_phrase(token: Token) -> bool:
    """Whether a word is inside a noun phrase that "no" or "not" denies, up to the phrase's verb: "no
    build-up of Russian forces", "not a single Serbian soldier"."""
    while token.pos_ not in {"VERB", "AUX"}:
        if any(child.dep_ in {"det", "neg", "advmod"} and child.lower_ in {"no", "not"} for child in token.children):
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def _told_one_by_one(trigger: Span) -> bool:
    """"Met separately with the leaders of A, B and C", "held bilateral talks with his A and B counterparts":
    one meeting with each, not one of all."""
    root = trigger.root
    words = {child.lower_ for child in root.children if child.dep_ in {"amod", "advmod"}}
    carrier = root.head if root.dep_ in {"dobj", "pobj"} else root
    words |= {child.lower_ for child in carrier.children if child.dep_ == "advmod"}
    # "sideline meetings with A, B and C": a plural meeting with a list is one meeting with each
    plural_with = root.lower_ in {"meetings", "calls", "visits"} and any(child.dep_ == "prep" and child.lower_ == "with" for child in root.children)
    return trigger.label_ == "meeting" and (bool(words & {"separately", "bilateral", "separate", "individually"}) or plural_with)


def _visit_pairs(trigger: Span, parties: list[CountryMention]) -> tuple[tuple[str, str], ...]:
    """"X visited A and B" pairs the visitor with each host, not the hosts with each other; so does a
    meeting told one by one ("X held bilateral talks with A and B")."""
    root = trigger.root
    subject_of = root.head if root.dep_ == "dobj" and root.pos_ not in {"VERB", "AUX"} else root  # "held talks with"
    visitor_tokens = {t.i for holder in {root, subject_of} for child in holder.children if child.dep_ in {"nsubj", "poss"} for t in child.subtree}
    visitors = {m.iso3 for m in parties if m.span.root.i in visitor_tokens}
    hosts = {m.iso3 for m in parties} - visitors
    return tuple(sorted({tuple(sorted((v, h))) for v in visitors for h in hosts if v != h}))