"""The language of a read document, from the share of CJK ideographs among its letters."""

from __future__ import annotations

import re

from policywatch.read import patterns

_LETTER = re.compile(r"[^\W\d_]")  # what str.isalpha() accepts, counted by the regex engine (much faster)


def language_of(text: str) -> str:
    """"zh", "en" or "mixed": Chinese when ideographs make up most letters, English when almost none.

    Letters are counted rather than characters because one ideograph carries about as much as a
    whole English word; digits, punctuation and spaces say nothing about the language.
    """
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return "en"
    share = len(patterns.CJK_IDEOGRAPH.findall(text)) / letters
    if share >= patterns.ZH_MIN_SHARE:
        return "zh"
    if share <= patterns.EN_MAX_SHARE:
        return "en"
    return "mixed"
