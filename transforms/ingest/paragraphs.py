"""What a paragraph is, as the cleaning and the date search both ask: prose, or a short line."""

from __future__ import annotations

import re


SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_COMMENT_LINE = re.compile(r"^[\w .'@-]{1,30}:\s")  # "Name: comment"
_PROSE_WORDS = 12
LONG_PROSE_WORDS = 20

def is_prose(paragraph: str, min_words: int = _PROSE_WORDS) -> bool:
    return (
        len(paragraph.split()) >= min_words
        and bool(SENTENCE_END.search(paragraph))
        and not _COMMENT_LINE.match(paragraph)
    )
