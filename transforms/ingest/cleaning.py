"""The article body: boilerplate, link sections and repeats dropped, hard-wrapped lines joined, the
headline split off.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from transforms.ingest.paragraphs import LONG_PROSE_WORDS, SENTENCE_END, is_prose
from transforms.ingest.published import DATELINE, date_segments


BOILERPLATE_PATTERNS = Path(__file__).parents[1] / "patterns" / "boilerplate.jsonl"



@cache
def _boilerplate() -> dict[str, re.Pattern]:
    patterns: dict[str, list[str]] = {}
    for line in BOILERPLATE_PATTERNS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            patterns.setdefault(entry["kind"], []).append(f"(?:{entry['pattern']})")
    return {kind: re.compile("|".join(parts), re.IGNORECASE) for kind, parts in patterns.items()}


_BULLET = re.compile(r"^(?:[-*•·>–—]|\d{1,2}[.)])\s*")

def clean_text(text: str) -> str:
    """Article body of a scraped page: paragraphs joined by a blank line.

    Drops page-furniture lines (share widgets, reading-time badges, ...), the
    trailing comment / related-links sections, and repeated paragraphs.
    """
    chrome = _boilerplate()["chrome_line"]
    paragraphs = [p for p in _split_paragraphs(text) if not chrome.fullmatch(p)]
    paragraphs = _drop_link_sections(paragraphs)
    return "\n\n".join(_drop_repeats(paragraphs))


def _split_paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\u00a0", " ")):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_hard_wrapped(lines: list[str]) -> bool:
    """A block whose lines were wrapped at a fixed width, not one line a paragraph."""
    if len(lines) < 3 or any(_BULLET.match(line) for line in lines):
        return False
    inner = [len(line) for line in lines[:-1]]
    open_ended = sum(not SENTENCE_END.search(line) for line in lines[:-1])
    wrapped = min(inner) >= 40 and max(inner) <= 100 and max(inner) - min(inner) <= 30 and open_ended * 2 >= len(inner)
    # A headline, a byline and a date line set one under the other are a header, each line its own.
    return wrapped and not any(date_segments(line) for line in lines)


def _is_list_item(paragraph: str) -> bool:
    return bool(_BULLET.match(paragraph)) or (
        len(paragraph.split()) <= 12 and not SENTENCE_END.search(paragraph)
    )


def _drop_link_sections(paragraphs: list[str]) -> list[str]:
    """Remove comment and link-list sections.

    A section header after the article body, with no article prose after it
    (two long prose paragraphs in a row), starts the page's trailing
    furniture: it and everything after it go. Anywhere else (a navigation
    block above the article, an inline "Related" box) only the header and the
    list right under it go.
    """
    header = _boilerplate()["section_header"]
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if not header.fullmatch(paragraph):
            kept.append(paragraph)
            index += 1
            continue
        rest = paragraphs[index + 1 :]
        body_before = sum(is_prose(p) for p in kept) >= 2
        prose_after = any(
            is_prose(first, LONG_PROSE_WORDS) and is_prose(second, LONG_PROSE_WORDS)
            for first, second in zip(rest, rest[1:])
        )
        if body_before and not prose_after:
            break
        index += 1
        while index < len(paragraphs) and _is_list_item(paragraphs[index]):
            index += 1
    return kept


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    seen: set[str] = set()
    unique = []
    for paragraph in paragraphs:
        if paragraph not in seen:
            seen.add(paragraph)
            unique.append(paragraph)
    return unique


_HEADLINE_MAX_WORDS = 30


def split_title(cleaned: str) -> tuple[str | None, str]:
    """The headline of a text scrape and the body without it.

    The headline is the first paragraph that is not a date/byline line, when
    it is short and does not end with a full stop. It is taken only if some
    body remains.
    """
    paragraphs = cleaned.split("\n\n")
    for index, paragraph in enumerate(paragraphs[:3]):
        if date_segments(paragraph):
            continue
        words = paragraph.split()
        headline = len(words) <= _HEADLINE_MAX_WORDS and not paragraph.rstrip().endswith(".")
        rest = paragraphs[:index] + paragraphs[index + 1 :]
        if headline and rest and not DATELINE.match(paragraph):
            return paragraph, "\n\n".join(rest)
        break
    return None, cleaned
