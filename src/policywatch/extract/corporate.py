"""Whether a sentence states a company's own plan rather than a government goal.

A company named as the subject ("Tesla aims to deliver …", "比亚迪计划…") makes the goal corporate; a body named
before the company ("MIIT encourages BYD to …") keeps it a policy goal.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policywatch.extract.bodies import extract_bodies
from policywatch.extract.companies import extract_companies

# The verb that ends a subject announcing an intention; the subject is what stands before it.
_INTENT_VERB = re.compile(
    r"\b(?:aims?|plans?|planned|intends?|targets?|expects?|wants?|will|pledged|pledges|seeks?|hopes?|"
    r"announced|said|is to|vowed)\b|计划|拟|将|力争|目标是|预计",
    re.I,
)
_MAX_SUBJECT_CHARS = 80


@lru_cache(maxsize=4096)
def company_is_subject(sentence: str) -> bool:
    """True when a company (and no government body) is named before the sentence's verb of intention."""
    verb = _INTENT_VERB.search(sentence)
    if verb is None or verb.start() > _MAX_SUBJECT_CHARS:
        return False
    subject = sentence[: verb.start()]
    return bool(extract_companies(subject)) and not extract_bodies(subject).ids
