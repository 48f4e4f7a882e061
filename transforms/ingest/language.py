"""The language of a text: the share of common English words first, py3langid when that share is low.

py3langid (langid.py's model, shipped inside the package: nothing to download) names the language, but
costs 0.7 ms an article, ten times the word count, which on `make bench`'s feed of 10,000 articles would
add 6 s to a one-minute build. So the model is asked only about a text whose common English words are
few: English news prose runs 30-50 % of them (every article of the corpora and of the bench's feed 30 %
or more), another language a few per cent.

Conservative on purpose: a text too short to tell, or one the model is unsure of, stays an English
candidate, since quarantining an English article loses its events while a stray foreign one is only
parsed in vain.
"""

from __future__ import annotations

import re
from functools import cache


_COMMON_ENGLISH_WORDS = frozenset(
    "the of and to a in is was for on that with as by at from it its be has have had "
    "are were this which or an not but will would their they he she his her said after "
    "who been also more than into about over two first new can".split()
)
_MIN_WORDS = 40
_SURELY_ENGLISH_SHARE = 0.25
# The model reads character n-grams: a news text's first thousand characters are as sure as all of it
# (every article of dev, dev2 and the written corpora reads as English at probability 0.998 or more).
_SAMPLE_CHARS = 1000
_MIN_CONFIDENCE = 0.9


@cache
def _identifier():
    # imported here: most runs never ask the model, and each worker process would pay the import
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def other_language(text: str) -> str | None:
    """The ISO 639-1 code of the language a text is clearly written in when that is not English, else None."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < _MIN_WORDS or sum(word in _COMMON_ENGLISH_WORDS for word in words) >= _SURELY_ENGLISH_SHARE * len(words):
        return None
    language, confidence = _identifier().classify(text[:_SAMPLE_CHARS])
    return language if language != "en" and confidence >= _MIN_CONFIDENCE else None
