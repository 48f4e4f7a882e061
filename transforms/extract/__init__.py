"""Read event mentions out of articles: the reading stages, one module each.

An event mention is a trigger word (transforms/patterns/event_triggers.jsonl) in a sentence
that gives at least two countries a role in the event, read with its status, date, subtype
and place. The stages:

- `context`: what the whole article tells about a sentence (people, the story's countries);
- `scope`: whether a trigger names an event of the kind events.md counts;
- `status`: occurred, planned, or no event (negated, cancelled, hypothetical);
- `participants`: the countries the syntax around the trigger gives a role in it;
- `event_dates`: the event's own date, and the other years the sentence tells of it;
- `attributes`: subtype and place;
- `mentions`: the stages put together over an article;
- this module: parsing the gated paragraphs and reading them, in worker processes.

The rules are general English, with their cue words in transforms/patterns/lexicon.json:
they must hold on articles never seen.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import polars as pl
from spacy.language import Language

from transforms.extract.context import LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS
from transforms.extract.mentions import extract_article_mentions, mention_rows, split_paragraphs
from transforms.gate import event_gate
from transforms.schemas import EVENT_MENTIONS, empty_frame

__all__ = [
    "LEAD_PARAGRAPHS", "MINIMUM_PARTICIPANTS", "GatedArticle", "extract_article_mentions", "extract_mentions",
    "mention_rows", "read_articles", "split_paragraphs",
]


# Called with the number of articles just read, as they are read: a run shows its progress with it.
Progress = Callable[[int], None]


def _no_progress(articles: int) -> None:
    pass


# About how much article text a worker process gates, parses and reads at a time: small enough to keep both
# cores busy to the end, large enough that a chunk of a feed where one article in ten can hold an event has a
# few to parse. The gate runs in the workers too, so the parent only cuts the articles into chunks.
CHUNK_CHARACTERS = 48_000


@dataclass(frozen=True)
class GatedArticle:
    """An article's paragraphs that the gate lets through, with their offsets in its text."""

    article_id: str
    published: date | None
    offsets: list[int]
    texts: list[str]


@dataclass(frozen=True)
class ArticleText:
    article_id: str
    text: str
    published: date | None


def gate_articles(nlp: Language, articles: list[ArticleText]) -> list[GatedArticle]:
    """The articles that can hold an event, with the paragraphs to parse (transforms/gate.py)."""
    gate = event_gate(nlp, LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS)
    gated = []
    for article in articles:
        paragraphs = split_paragraphs(article.text)
        selected = [paragraphs[index] for index in gate.select([text for _, text in paragraphs])]
        if selected:
            offsets, texts = [offset for offset, _ in selected], [text for _, text in selected]
            gated.append(GatedArticle(article.article_id, article.published, offsets, texts))
    return gated


def read_articles(nlp: Language, articles: list[GatedArticle], batch_size: int) -> list[dict]:
    """Parse the gated paragraphs and read their mentions: one row per mention and country pair."""
    docs = iter(nlp.pipe([text for article in articles for text in article.texts], batch_size=batch_size))
    rows: list[dict] = []
    for article in articles:
        article_docs = [next(docs) for _ in article.texts]
        rows.extend(mention_rows(article.article_id, extract_article_mentions(article_docs, article.offsets, article.published)))
    return rows


def gate_and_read(nlp: Language, articles: list[ArticleText], batch_size: int) -> list[dict]:
    return read_articles(nlp, gate_articles(nlp, articles), batch_size)


# Set in each worker process: the pipeline it inherited from the parent, and the parse batch size.
_worker_pipeline: tuple[Language, int] | None = None


def _start_worker(nlp: Language, batch_size: int) -> None:
    global _worker_pipeline
    _worker_pipeline = (nlp, batch_size)


def _read_in_worker(articles: list[ArticleText]) -> list[dict]:
    nlp, batch_size = _worker_pipeline
    return gate_and_read(nlp, articles, batch_size)


def text_chunks(articles: pl.DataFrame) -> list[list[ArticleText]]:
    """The articles, in order, in chunks of about CHUNK_CHARACTERS of text."""
    chunks: list[list[ArticleText]] = [[]]
    size = 0
    for article_id, text, published in articles.select("article_id", "text", "published").iter_rows():
        if size >= CHUNK_CHARACTERS:
            chunks.append([])
            size = 0
        chunks[-1].append(ArticleText(article_id, text or "", published))
        size += len(text or "")
    return [chunk for chunk in chunks if chunk]


def extract_mentions(
    nlp: Language, articles: pl.DataFrame, n_process: int = 1, batch_size: int = 64, on_progress: Progress = _no_progress
) -> pl.DataFrame:
    """Event mentions of every article: one row per mention and country pair.

    Only the paragraphs that the gate (transforms/gate.py) selects are parsed: the others can neither
    hold a mention nor change what the extractor reads in the rest of their article.

    With n_process > 1, chunks of articles are gated, parsed and read in worker processes forked from
    this one, which share its loaded pipeline; only mention rows come back. (spaCy's own
    `nlp.pipe(n_process=...)` sends every parsed Doc back to the parent, which then reads them alone:
    slower on two cores.)
    """
    event_gate(nlp, LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS)  # built once here, so the forked workers inherit it
    chunks = text_chunks(articles)
    rows = []
    if n_process > 1 and len(chunks) > 1:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker, initargs=(nlp, batch_size)) as pool:
            for chunk, chunk_rows in zip(chunks, pool.map(_read_in_worker, chunks)):
                rows.extend(chunk_rows)
                on_progress(len(chunk))
    else:
        for chunk in chunks:
            rows.extend(gate_and_read(nlp, chunk, batch_size))
            on_progress(len(chunk))
    if not rows:
        return empty_frame(EVENT_MENTIONS)
    return pl.DataFrame(rows, schema=EVENT_MENTIONS).unique("mention_id", keep="first", maintain_order=True)
