"""An event's subtype and place."""

from __future__ import annotations


from spacy.tokens import Span

from transforms.nlp import COUNTRY, lexicon
from transforms.extract.context import ArticleContext, CountryMention
from transforms.extract.grammar import LOCATION_PREPOSITIONS, governed_by, phrase_in, words_and_lemmas


# "the port city of Yokosuka": "of" names a place after these nouns.
PLACE_NOUNS = {"city", "town", "port", "capital", "province", "state", "base", "island", "region", "village", "district"}


def read_subtype(trigger: Span, roles: set[int], people: list[CountryMention], context: ArticleContext) -> str:
    """The trigger's own words first ("joint vision"), then the words the event's syntax gives a role
    ("President Maduro held talks with Putin, and the defence minister sat down with ..." is the
    presidents'), then the titles of the people in the sentence, then the sentence."""
    doc = trigger.doc
    parties = " ".join(doc[i].lower_ for i in sorted(roles))
    # the titles of the people who take a role, when some do ("talks with Lich, in the era of Emperor Naruhito")
    in_role = [p for p in people if p.span.root.i in roles] or people
    titles = " ".join(context.roles.get(p.span.text, "") for p in in_role)
    event_type = trigger.label_
    for text in (trigger.text.lower(), parties, titles, words_and_lemmas(trigger.sent)):
        for subtype, cues in lexicon()["subtypes"][event_type]:
            if phrase_in(text, cues):
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
        if not at_place or governed_by(ent.root, set(lexicon()["non_party_heads"])):
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
