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
sequences, matched like the country names by a PhraseMatcher over the
pipeline's own tokenizer: the gate's matches fall on the same tokens as the
pipeline's (a regular expression's word boundaries would not), and a phrase
matcher reads a token once whatever the number of phrases (spaCy's token
Matcher, with sets of words, cost more than the tokenizer).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from transforms.nlp import COUNTRY, GAZETTEER, TRIGGERS

# Token conditions on the text are kept, lower-cased; the tagger's are dropped (the gate passes more, never less).
TEXT_KEYS = {"ORTH", "TEXT", "LOWER", "LEMMA"}
TAGGER_KEYS = {"POS", "TAG"}
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
        forms = WordForms.of(nlp)
        self.triggers = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, pattern in nlp.get_pipe(TRIGGERS).patterns:
            self.triggers.add(label, [Doc(nlp.vocab, words=list(words)) for words in trigger_phrases(pattern, forms)])
        gazetteer = nlp.get_pipe(GAZETTEER)
        self.countries = PhraseMatcher(nlp.vocab, attr=gazetteer.phrase_matcher_attr)
        for entry in gazetteer.patterns:
            if entry["label"] == COUNTRY:
                self.countries.add(entry["id"].split(":")[0], [nlp.make_doc(entry["pattern"])])

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


@dataclass(frozen=True)
class WordForms:
    """The pipeline's rule lemmatizer run backwards: which words may carry a lemma."""

    exceptions: dict[str, frozenset[str]]  # lemma -> irregular forms ("meet" -> "met")
    rules: frozenset[tuple[str, str]]  # (suffix of the word, suffix of the lemma): ("ing", "e") reads "making" as "make"

    @classmethod
    def of(cls, nlp: Language) -> WordForms:
        lookups = nlp.get_pipe("lemmatizer").lookups
        exceptions: dict[str, set[str]] = {}
        for by_word in lookups.get_table("lemma_exc").values():
            for word, lemmas in by_word.items():
                for lemma in lemmas:
                    exceptions.setdefault(lemma, set()).add(word)
        rules = {tuple(rule) for by_class in lookups.get_table("lemma_rules").values() for rule in by_class}
        return cls({lemma: frozenset(words) for lemma, words in exceptions.items()}, frozenset(rules))

    def __call__(self, lemma: str) -> set[str]:
        lemma = lemma.lower()
        forms = {lemma} | self.exceptions.get(lemma, frozenset())
        for word_suffix, lemma_suffix in self.rules:
            if lemma.endswith(lemma_suffix):
                forms.add(lemma[: len(lemma) - len(lemma_suffix)] + word_suffix)
        return forms


def trigger_phrases(pattern: list[dict], forms: WordForms) -> list[tuple[str, ...]]:
    """The lower-case word sequences a token pattern may match, whatever the tagger says."""
    choices = []
    for token in pattern:
        if not token or set(token) - TEXT_KEYS - TAGGER_KEYS:
            raise ValueError(f"the gate cannot read the token condition {token} of {pattern} from the words alone")
        words = None
        for key in TEXT_KEYS & set(token):
            value = token[key]
            if isinstance(value, dict) and set(value) != {"IN"}:
                raise ValueError(f"the gate cannot read the token condition {token} of {pattern} from the words alone")
            values = value["IN"] if isinstance(value, dict) else [value]
            allowed = set().union(*(forms(v) for v in values)) if key == "LEMMA" else {v.lower() for v in values}
            words = allowed if words is None else words & allowed
        if words is None:
            raise ValueError(f"the gate cannot match the token condition {token} of {pattern} without its tagger")
        choices.append(sorted(words))
    return list(itertools.product(*choices))


@cache
def event_gate(nlp: Language, lead_paragraphs: int, minimum_countries: int) -> EventGate:
    """One gate per pipeline and settings, built once."""
    return EventGate(nlp, lead_paragraphs, minimum_countries)
