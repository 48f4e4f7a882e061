"""The gate before the statistical pipeline: what it lets through, and that it never loses an event."""

from pathlib import Path

import polars as pl
import pytest
from spacy.tokens import Span
from spacy.util import filter_spans

from bench.generate_feed import write_feed
from transforms.extract import (
    LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS, extract_article_mentions, extract_mentions, mention_rows, split_paragraphs,
)
from transforms.extract.context import country_mentions
from transforms.gate import EventGate, event_gate
from transforms.ingest import read_raw_folder
from transforms.nlp import TRIGGERS, WordForms, trigger_phrases
from transforms.schemas import EVENT_MENTIONS, empty_frame

MEETING = "Japanese Defence Minister Gen Nakatani met his Vietnamese counterpart Phan Van Giang in Hanoi on May 2, 2019."


@pytest.fixture(scope="module")
def gate(nlp) -> EventGate:
    return event_gate(nlp, LEAD_PARAGRAPHS, MINIMUM_PARTICIPANTS)


def test_a_paragraph_telling_of_an_event_passes(gate):
    assert gate.select([MEETING]) == [0]
    assert gate.signals(MEETING).countries == {"JPN", "VNM"}


@pytest.mark.parametrize(
    "article",
    [
        ["Brazil beat Argentina 2-1 in a friendly on Saturday.", "The coach praised the defence."],  # countries, no trigger
        ["The city council will meet on Tuesday.", "Residents attended a public meeting last week."],  # triggers, no country
        ["Kenya's cabinet met on Monday to discuss the budget.", "Ministers agreed to cut fuel taxes."],  # one country
        [],
    ],
)
def test_an_article_that_cannot_hold_an_event_is_not_parsed(gate, article):
    assert gate.select(article) == []


def test_in_an_article_that_may_hold_one_a_paragraph_without_trigger_country_or_year_is_skipped(gate):
    article = [
        "A quiet week in the capital.",  # lead: kept, it weighs in the story's pair
        "Officials declined to comment.",  # lead
        MEETING,
        '"It was a good day," a spokesperson said.',  # nothing the extractor reads
        "Relations were established in 1973.",  # a year: a later "in the same year" may refer to it
        "The two sides held talks again.",  # a trigger
        "Vietnam is Japan's fourth-largest trading partner.",  # countries: the story's pair
    ]
    assert gate.select(article) == [0, 1, 2, 4, 5, 6]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The ministers met in Tokyo.", "The meetings were held in Tokyo.", "He visited Tokyo.", "The visits ended.",
        "They spoke by phone on Friday.", "The navies drilled together.", "Troops are exercising jointly.",
        "A 2+2 dialogue was held.", "They signed a letter of intent.", "The pact was signed.",
    ],
)
def test_trigger_words_pass_in_every_form(gate, paragraph):
    assert gate.signals(paragraph).trigger


def test_the_trigger_matcher_is_skipped_only_where_no_trigger_can_match(nlp):
    triggers = nlp.get_pipe(TRIGGERS)
    skipped = nlp("Officials of Japan and Vietnam spoke to reporters in Hanoi.")
    assert not triggers.phrases(skipped) and not skipped.spans[TRIGGERS]
    read = nlp(MEETING)
    assert triggers.phrases(read) and [span.text for span in read.spans[TRIGGERS]] == ["met"]


def test_a_lemma_covers_the_forms_the_lemmatizer_maps_to_it(nlp):
    forms = WordForms.of(nlp)
    assert {"meet", "meets", "meeting", "met"} <= forms("meet")
    assert {"exercise", "exercises", "exercised", "exercising"} <= forms("exercise")
    assert {"speak", "speaks", "spoke", "spoken", "speaking"} <= forms("speak")


def test_a_pattern_becomes_word_sequences_and_a_condition_the_words_cannot_tell_is_refused(nlp):
    forms = WordForms.of(nlp)
    phrases = trigger_phrases([{"LEMMA": "speak", "POS": "VERB"}, {"LOWER": {"IN": ["by", "over"]}}, {"TEXT": "Phone"}], forms)
    assert {("spoke", "by", "phone"), ("speaking", "over", "phone")} <= set(phrases)
    assert all(len(phrase) == 3 for phrase in phrases)
    # the parser's conditions are dropped like the tagger's; a quantifier changes the words, and is refused
    assert trigger_phrases([{"LOWER": "talks", "DEP": "nsubj"}], forms) == [("talks",)]
    with pytest.raises(ValueError, match="OP"):
        trigger_phrases([{"LOWER": "talks", "OP": "+"}], forms)
    with pytest.raises(ValueError):
        trigger_phrases([{"POS": "VERB"}], forms)


# --- the gate never loses what the full extraction finds ------------------------------------


@pytest.fixture(scope="module")
def corpora(shared_corpus, tmp_path_factory) -> dict[str, pl.DataFrame]:
    synthetic = tmp_path_factory.mktemp("feed")
    write_feed(synthetic, 60, relevant_share=0.3, seed=11)
    folders = {"seeds": shared_corpus / "seeds", "dev": shared_corpus / "dev", "synthetic": synthetic / "feed"}
    return {name: read_raw_folder(Path(folder)).articles for name, folder in folders.items()}


def ungated(nlp, articles: pl.DataFrame) -> tuple[pl.DataFrame, list[tuple[list[str], list]]]:
    """Every paragraph of every article parsed: the mentions, and each article's paragraphs with their docs."""
    rows, parsed = [], []
    for article in articles.select("article_id", "text", "published").iter_rows(named=True):
        paragraphs = split_paragraphs(article["text"] or "")
        docs = list(nlp.pipe([text for _, text in paragraphs]))
        mentions = extract_article_mentions(docs, [offset for offset, _ in paragraphs], article["published"])
        rows.extend(mention_rows(article["article_id"], mentions))
        parsed.append((paragraphs, docs))
    frame = pl.DataFrame(rows, schema=EVENT_MENTIONS) if rows else empty_frame(EVENT_MENTIONS)
    return frame.unique("mention_id", keep="first", maintain_order=True), parsed


@pytest.mark.parametrize("corpus", ["seeds", "dev", "synthetic"])
def test_the_gate_never_drops_a_paragraph_with_an_event(nlp, gate, corpora, corpus):
    articles = corpora[corpus]
    full, parsed = ungated(nlp, articles)
    assert full.height > 0
    sentence_starts = dict(zip(articles["article_id"], [[] for _ in range(articles.height)]))
    for article_id, start in full.select("article_id", "sentence_start").iter_rows():
        sentence_starts[article_id].append(start)
    for article_id, (paragraphs, docs) in zip(articles["article_id"], parsed):
        selected = set(gate.select([text for _, text in paragraphs]))
        for index, ((offset, text), doc) in enumerate(zip(paragraphs, docs)):
            # What the pipeline finds, the gate finds too: triggers (by the token Matcher itself, which the
            # pipeline skips where the gate's word sequences are absent: they agree) and every country.
            triggers = nlp.get_pipe(TRIGGERS)
            assert [(s.start, s.end, s.label) for s in doc.spans[TRIGGERS]] == [
                (s.start, s.end, s.label) for s in filter_spans([Span(doc, b, e, label=m) for m, b, e in triggers.matcher(doc)])
            ]
            assert not triggers.matcher(doc) or gate.signals(text).trigger
            # a group ("the Quad") counts as its members, as the extractor reads it
            # (not an abbreviation the article defines, "the Brazilian Air Force (FAB)": known once the article is
            # parsed, and the paragraph that defines it names the country itself)
            named = {mention.iso3 for mention in country_mentions(doc[:]) if mention.kind != "abbreviation"}
            assert named <= gate.signals(text).countries
            if any(offset <= start < offset + len(text) for start in sentence_starts[article_id]):
                assert index in selected, f"{corpus}: the gate drops a paragraph with an event: {text[:80]}"
    # And the gated extraction reads exactly what the full one reads.
    gated = extract_mentions(nlp, articles)
    assert gated.sort("mention_id").equals(full.sort("mention_id"))


def test_worker_processes_read_the_same_mentions_in_the_same_order(nlp, corpora):
    articles = corpora["dev"]
    assert extract_mentions(nlp, articles, n_process=2).equals(extract_mentions(nlp, articles))
