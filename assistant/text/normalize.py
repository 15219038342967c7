"""Width and whitespace normalisation for *matching*; citations always keep the original text."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Brackets that official documents use interchangeably: 〔2024〕, [2024], (2024) and （2024）.
_BRACKETS = str.maketrans(
    {"〔": "(", "〕": ")", "［": "(", "］": ")", "[": "(", "]": ")", "【": "(", "】": ")"}
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'})


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), unified brackets and quotes, no whitespace, lower case.

    Two strings that differ only in width, bracket style or spacing normalise to the same string,
    which is what citation verification and quote matching compare.
    """
    text = unicodedata.normalize("NFKC", text).translate(_BRACKETS).translate(_QUOTES)
    return _SPACE.sub("", text).lower()


def contains_normalized(haystack: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``haystack`` after normalisation (and is not empty)."""
    n = normalize(needle)
    return bool(n) and n in normalize(haystack)
