"""Sentences written for a test, read by the real pipeline: the helpers the extraction tests share."""

from datetime import date

import polars as pl
from spacy.tokens import Doc, Span

from transforms.extract import extract_mentions
from transforms.extract.participants import observer_positions, role_positions
from transforms.nlp import COUNTRY, TRIGGERS

PUBLISHED = date(2024, 3, 16)  # a Saturday


def read(nlp, text: str, published: date | None = PUBLISHED) -> pl.DataFrame:
    """The mention rows of a one-article corpus; paragraphs are lines."""
    articles = pl.DataFrame({"article_id": ["a1"], "text": [text], "published": [published]})
    return extract_mentions(nlp, articles)


def event_tuples(frame: pl.DataFrame) -> set[tuple]:
    return set(frame.select("event_type", "country_a", "country_b", "year", "status").iter_rows())


def events(nlp, text: str) -> set[tuple]:
    return event_tuples(read(nlp, text))


def participants(nlp, text: str) -> set[str]:
    """Every country any mention of the text gives a part."""
    return {iso3 for row in read(nlp, text)["participants"].to_list() for iso3 in row}


def trigger(doc: Doc, word: str) -> Span:
    """The trigger span whose text holds `word`."""
    return next(span for span in doc.spans[TRIGGERS] if word in span.text)


def countries_at(doc: Doc, positions: set[int]) -> set[str]:
    """The countries whose mention's head word is at one of the positions."""
    return {ent.ent_id_.split(":")[0] for ent in doc.ents if ent.label_ == COUNTRY and ent.root.i in positions}


def role_countries(nlp, text: str, word: str) -> set[str]:
    doc = nlp(text)
    return countries_at(doc, role_positions(trigger(doc, word)))


def observer_countries(nlp, text: str) -> set[str]:
    doc = nlp(text)
    return countries_at(doc, observer_positions(next(doc.sents)))
