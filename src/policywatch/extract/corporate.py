"""Whether a sentence states a company's own plan rather than a government goal.

A company named as the subject ("Tesla aims to deliver …", "比亚迪计划…") makes the goal corporate; a body named
before the company ("MIIT encourages BYD to …") keeps it a policy goal.
"""

from __future__ import annotations

from functools import lru_cache

from policywatch.extract import target_patterns as tp
from policywatch.extract.bodies import extract_bodies
from policywatch.extract.companies import extract_companies
from policywatch.extract.quantities import latin_lower

_MAX_SUBJECT_CHARS = 80


@lru_cache(maxsize=4096)
def company_is_subject(sentence: str) -> bool:
    """True when a company (and no government body) is named before the sentence's verb of intention."""
    verb = tp.COMPANY_INTENT_VERB.search(latin_lower(sentence))  # the subject is what stands before it
    if verb is None or verb.start() > _MAX_SUBJECT_CHARS:
        return False
    subject = sentence[: verb.start()]
    return bool(extract_companies(subject)) and not extract_bodies(subject).ids
