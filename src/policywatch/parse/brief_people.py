"""The AUTHORS and EDITORS blocks at the end of a brief, and author names in a topic-list line."""

from __future__ import annotations

import re

from policywatch.parse.brief_patterns import (
    AUTHORS_HEADING,
    EDITORS_HEADING,
    END_OF_PEOPLE,
    PEOPLE_ROLE_WORDS,
    PERSON_NAME,
)
from policywatch.records import Person

_NAME_LIST_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")


def parse_people(lines: list[str]) -> list[Person]:
    """Name lines followed by role lines (a role may wrap over several lines), under AUTHORS / EDITORS."""
    people: list[Person] = []
    group: str | None = None
    name: str | None = None
    role: list[str] = []

    def flush() -> None:
        if name and group:
            people.append(Person(name=name, role=" ".join(role).strip(), group=group))  # type: ignore[arg-type]

    for line in lines:
        if END_OF_PEOPLE.match(line):
            break
        if AUTHORS_HEADING.match(line) or EDITORS_HEADING.match(line):
            flush()
            name, role = None, []
            group = "author" if AUTHORS_HEADING.match(line) else "editor"
        elif not line or group is None:
            continue
        elif _is_name(line) and (name is None or role):
            flush()
            name, role = line, []
        elif name is not None:
            role.append(line)
    flush()
    return people


def _is_name(line: str) -> bool:
    return bool(PERSON_NAME.match(line)) and not PEOPLE_ROLE_WORDS.search(line) and "," not in line


def people_from_names(names: str) -> list[Person]:
    """ "Alexander Brown, Jeroen Groenewegen-Lau and Antonia Hmaidi" → three authors without roles."""
    return [
        Person(name=part, role="", group="author")
        for part in _NAME_LIST_SPLIT.split(names.strip())
        if part and PERSON_NAME.match(part)
    ]
