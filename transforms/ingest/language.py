"""Whether a text is English, from its share of English function words: enough to quarantine a page in
another language, with no model to ship or download.
"""

from __future__ import annotations

import re


_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is was for on that with as by at from it its be has have had "
    "are were this which or an not but will would their they he she his her said after "
    "who been also more than into about over two first new can".split()
)
_LANGUAGE_MIN_TOKENS = 40
_ENGLISH_MIN_SHARE = 0.15  # English news prose runs 35-50 %; other languages a few %


def looks_english(text: str) -> bool:
    """False only for a text long enough to tell that is clearly not English."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    if len(tokens) < _LANGUAGE_MIN_TOKENS:
        return True
    share = sum(token in _ENGLISH_FUNCTION_WORDS for token in tokens) / len(tokens)
    return share >= _ENGLISH_MIN_SHARE
