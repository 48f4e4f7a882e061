"""The gate: which paragraphs of an article the statistical pipeline has to read.

Parsing is the expensive step, and most of a news feed cannot hold an event.
An event mention needs a trigger word (the `event_triggers` patterns) and two
countries (the `country_gazetteer` patterns, directly or through the people and
the story's pair, which the extractor also learns from country names); the
extractor's article context comes from paragraphs that name a country, a
trigger or a year. So, from the tokenizer alone:

- an article with no trigger, or with fewer than two distinct countries, is not
  parsed at all;
- in the other articles, a paragraph is parsed when it has a trigger, a country
  or a year, or is one of the lead paragraphs (which weigh more in the story's
  pair, `extract.LEAD_PARAGRAPHS`). A paragraph with none of these neither
  holds a mention nor tells the extractor anything about the others.

The gate reads the same patterns as the pipeline, made looser, so it passes a
superset of what the pipeline matches: part-of-speech conditions are dropped,
case is ignored, and a lemma becomes every word form the pipeline's rule
lemmatizer maps to it (its exceptions and suffix rules, inverted: "meet" ->
meet, meets, meeting, met, ...). Each trigger pattern then is a list of word
sequences (`EventTriggers.phrases`, transforms/nlp.py, which the pipeline also
uses to skip its token Matcher on a paragraph with none of them), matched like
the country names by a PhraseMatcher over the
pipeline's own tokenizer: the gate's matches fall on the same tokens as the
pipeline's (a regular expression's word boundaries would not), and a phrase
matcher reads a token once whatever the number of phrases (spaCy's token
Matcher, with sets of words, cost more than the tokenizer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.matcher import PhraseMatcher

from transforms.nlp import COUNTRY, GAZETTEER, TRIGGERS, group_members, office_holders

# A year: what makes a date expression explicit (transforms.dates), and the extractor remembers it.
YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


@dataclass(frozen=True)
class ParagraphSignals:
    trigger: bool
    countries: frozenset[str]
    year: bool


class EventGate:
    """Tokenizer-only matchers for the pipeline's triggers and countries."""

    def __init__(self, nlp: Language, lead_paragraphs: int, minimum_countries: int):
        self.tokenizer = nlp.tokenizer
        self.strings = nlp.vocab.strings
        self.lead_paragraphs = lead_paragraphs
        self.minimum_countries = minimum_countries
        self.triggers = nlp.get_pipe(TRIGGERS).phrases
        gazetteer = nlp.get_pipe(GAZETTEER)
        self.countries = PhraseMatcher(nlp.vocab, attr=gazetteer.phrase_matcher_attr)
        for entry in gazetteer.patterns:
            if entry["label"] == COUNTRY:
                pattern = entry["pattern"]
                # a combining form ("Indo-") is a token pattern: the word, then the hyphen
                words = nlp.make_doc(pattern) if isinstance(pattern, str) else Doc(nlp.vocab, words=[token["ORTH"] for token in pattern])
                code, kind = entry["id"].split(":")
                for iso3 in group_members().get(code, (code,)) if kind == "group" else (code,):
                    self.countries.add(iso3, [words])
        # a leader or minister named without the country counts for it, as the extractor reads them
        for holder in office_holders().values():
            self.countries.add(holder.iso3, [nlp.make_doc(name) for name in holder.spellings])

    def signals(self, paragraph: str) -> ParagraphSignals:
        doc = self.tokenizer(paragraph)
        countries = frozenset(self.strings[match_id] for match_id, _, _ in self.countries(doc))
        return ParagraphSignals(bool(self.triggers(doc)), countries, bool(YEAR.search(paragraph)))

    def select(self, paragraphs: list[str]) -> list[int]:
        """Indices of the paragraphs to parse: none when the article cannot hold an event."""
        signals = [self.signals(paragraph) for paragraph in paragraphs]
        countries = frozenset().union(*(s.countries for s in signals))
        if not any(s.trigger for s in signals) or len(countries) < self.minimum_countries:
            return []
        return [
            index for index, s in enumerate(signals)
            if index < self.lead_paragraphs or s.trigger or s.countries or s.year
        ]


@cache
def event_gate(nlp: Language, lead_paragraphs: int, minimum_countries: int) -> EventGate:
    """One gate per pipeline and settings, built once."""
    return EventGate(nlp, lead_paragraphs, minimum_countries)
