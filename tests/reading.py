"""Sentences written for a test, read by the real pipeline: the helpers the extraction tests share."""

from datetime import date

import polars as pl

from transforms.extract import extract_mentions

PUBLISHED = date(2024, 3, 16)  # a Saturday


def read(nlp, text: str, published: date | None = PUBLISHED) -> pl.DataFrame:
    """The mention rows of a one-article corpus; paragraphs are lines."""
    articles = pl.DataFrame({"article_id": ["a1"], "text": [text], "published": [published]})
    return extract_mentions(nlp, articles)


def event_tuples(frame: pl.DataFrame) -> set[tuple]:
    return set(frame.select("event_type", "country_a", "country_b", "year", "status").iter_rows())
