"""The event's own date: the date expression of the trigger's clause, resolved against the publication date."""

from __future__ import annotations

import re

from spacy.tokens import Span

from transforms.dates import EventDate, SAME_AS_PREVIOUS, UNDATED, publication_fallback, resolve_event_date
from transforms.extract.context import ArticleContext
from transforms.extract.grammar import clause_head, distance, participle_clause


def _date_belongs_to(date_ent: Span, trigger: Span) -> bool:
    clause = clause_head(date_ent.root)
    root = trigger.root
    return clause == clause_head(root) or clause in root.ancestors or clause.head == root or clause == participle_clause(trigger)


def _in_dateline(ent: Span) -> bool:
    """"CANBERRA, Sept 14 (APN) - ...": the dateline dates the report, not the event."""
    text = ent.doc.text
    return bool(
        re.fullmatch(r"\s*[A-Z][A-Za-z .'’-]{1,40},\s*", text[: ent.start_char])
        and re.match(r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]", text[ent.end_char :])
    )


def date_candidates(sent: Span) -> list[Span]:
    return [ent for ent in sent.ents if ent.label_ in {"DATE", "TIME"} and not _in_dateline(ent)]


def read_event_date(trigger: Span, status: str, context: ArticleContext) -> tuple[EventDate, EventDate | None]:
    """The trigger's date, and the date of an earlier edition the sentence implies.

    "The first talks since June last year" and "an exercise last staged in 1990" each tell of an
    earlier event of the same kind; the trigger itself takes its date from elsewhere.
    """
    candidates = []
    earlier = None
    for ent in date_candidates(trigger.sent):
        if not _date_belongs_to(ent, trigger):
            continue
        resolved = resolve_event_date(ent.text, context.published, future=status == "planned")
        if resolved is SAME_AS_PREVIOUS:
            resolved = context.last_date
        if resolved is None:
            continue
        clause = clause_head(ent.root)
        own_clause = clause.head == trigger.root
        since = ent.start > 0 and trigger.doc[ent.start - 1].lower_ == "since"
        # "an exercise last staged in 1990", "exercises, which were last held in 2017": a subordinate
        # clause about the trigger's last edition; "they last held talks in 2017" dates the trigger itself.
        about_trigger = own_clause or trigger.root.head == clause and trigger.root.dep_ in {"nsubj", "nsubjpass"}
        last_edition = (
            clause.dep_ != "ROOT" and about_trigger and any(c.dep_ == "advmod" and c.lower_ == "last" for c in clause.children)
        )
        if since or last_edition:
            earlier = resolved
            continue
        # A date in the trigger's own clause ("an agreement the two signed in 1995") beats the main clause's.
        candidates.append((not own_clause, distance(trigger.root, ent.root), resolved))
    if not candidates:
        return (publication_fallback(context.published) if status == "occurred" else UNDATED), earlier
    return min(candidates, key=lambda item: item[:2])[2], earlier
