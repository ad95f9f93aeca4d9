"""Many names compiled into one regular expression, for finding registry names in running text.

A registry holds hundreds of names; an alternation of hundreds of branches tries every branch at every
offset and is slow. Folding the names into a character trie first gives a regex whose branches share
prefixes, so the engine rejects most offsets after one or two characters. Branches are ordered so that the
longest name wins at a given offset ("国务院办公厅" before "国务院").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")

_END = ""  # trie key that marks "a name ends here"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "＇": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
_SPACE_RUN = re.compile(r"\s+")

# A space inside an English name matches any run of white space (a line break in a PDF), and a hyphen may
# be written with spaces or a line break around it.
_FLEXIBLE_SPACE = r"\s+"
_FLEXIBLE_HYPHEN = r"\s*-\s*"
# Word boundaries matter only for Latin script: a Chinese name may sit between any two characters, and a Latin
# name next to a Chinese character ("由MIIT发布") is still a whole word.
_LATIN_WORD_CHAR = r"[0-9A-Za-z\u00C0-\u024F]"


def normalise_name(name: str, *, ignore_case: bool) -> str:
    """The key under which a name is stored: straight apostrophes, ASCII dashes, single spaces."""
    key = _SPACE_RUN.sub(" ", name.translate(_APOSTROPHES).translate(_DASHES)).strip()
    key = key.replace(" - ", "-")
    return key.casefold() if ignore_case else key


@dataclass(frozen=True)
class NameHit(Generic[V]):
    """One name found in a text: its offsets, the text as written and the value the name stands for."""

    start: int
    end: int
    text: str
    value: V


class NameIndex(Generic[V]):
    """Finds any of many names in a text; the longest name wins where names overlap at one offset."""

    def __init__(self, names: Mapping[str, V], *, ignore_case: bool, word_bounded: bool) -> None:
        self._ignore_case = ignore_case
        self._values: dict[str, V] = {normalise_name(n, ignore_case=ignore_case): v for n, v in names.items()}
        body = _trie_regex(_build_trie(self._values)) if self._values else r"(?!x)x"
        if word_bounded:
            body = rf"(?<!{_LATIN_WORD_CHAR})(?:{body})(?!{_LATIN_WORD_CHAR})"
        self._pattern = re.compile(body, re.IGNORECASE if ignore_case else 0)

    def __len__(self) -> int:
        return len(self._values)

    def finditer(self, text: str) -> Iterator[NameHit[V]]:
        """Every non-overlapping name in `text`, left to right."""
        for match in self._pattern.finditer(text):
            key = normalise_name(match.group(), ignore_case=self._ignore_case)
            if key in self._values:
                yield NameHit(match.start(), match.end(), match.group(), self._values[key])

    def get(self, name: str) -> V | None:
        """The value stored under exactly this name (after normalisation), or None."""
        return self._values.get(normalise_name(name, ignore_case=self._ignore_case))


def alternation(names: Iterable[str], *, ignore_case: bool) -> str:
    """Regex source matching any of `names`, longest first, spaces flexible, to embed in a bigger pattern
    (compile that with re.IGNORECASE when `ignore_case`)."""
    keys = {normalise_name(name, ignore_case=ignore_case) for name in names}
    return "(?:" + _trie_regex(_build_trie(keys)) + ")" if keys else r"(?!x)x"


def _build_trie(keys: Iterable[str]) -> dict[str, dict]:
    root: dict[str, dict] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _char_regex(char: str) -> str:
    if char == " ":
        return _FLEXIBLE_SPACE
    if char == "-":
        return _FLEXIBLE_HYPHEN
    if char == "'":
        return "['’‘]"
    return re.escape(char)


def _trie_regex(node: dict[str, dict]) -> str:
    """Regex for the names below `node`; continuing branches come before the end so longer names win."""
    branches = [
        _char_regex(char) + _trie_regex(child) for char, child in sorted(node.items()) if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return "(?:" + body + ")?"
    return body
