"""Many names compiled into one regular expression, for finding registry names in running text.

A registry holds hundreds of names; an alternation of hundreds of branches tries every branch at every
offset and is slow. Folding the names into a character trie first gives a regex whose branches share
prefixes, so the engine rejects most offsets after one or two characters. Branches are ordered so that the
longest name wins at a given offset ("国务院办公厅" before "国务院").

Even so, a regex scan tries every offset of a text. Names that start with an ASCII word can only start where
that word stands, which the text's profile (text_profile.py) tells without a scan: `WordAnchoredPattern`
tries the pattern at those offsets alone, and gets exactly what a full scan would.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Generic, NamedTuple, TypeVar

from policywatch.registry.text_profile import ASCII_WORD_CHARS, TextProfile, first_word, profile_of

V = TypeVar("V")

_END = ""  # trie key that marks "a name ends here"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "＇": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})
_SPACE_RUN = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# A space inside an English name matches any run of white space (a line break in a PDF), and a hyphen may
# be written with spaces or a line break around it.
_FLEXIBLE_SPACE = r"\s+"
_FLEXIBLE_HYPHEN = r"\s*-\s*"
# Word boundaries matter only for Latin script: a Chinese name may sit between any two characters, and a Latin
# name next to a Chinese character ("由MIIT发布") is still a whole word.
_LATIN_WORD_CHAR = r"[0-9A-Za-z\u00C0-\u024F]"


@functools.lru_cache(maxsize=8192)  # the same few names are found in text after text
def normalise_name(name: str, *, ignore_case: bool) -> str:
    """The key under which a name is stored: straight apostrophes, ASCII dashes, single spaces."""
    key = _SPACE_RUN.sub(" ", name.translate(_APOSTROPHES).translate(_DASHES)).strip()
    key = key.replace(" - ", "-")
    return key.casefold() if ignore_case else key


class NameHit(NamedTuple, Generic[V]):
    """One name found in a text: its offsets, the text as written and the value the name stands for (a named
    tuple: texts hold hundreds of names, and a tuple is made several times faster than a frozen dataclass)."""

    start: int
    end: int
    text: str
    value: V


class NameIndex(Generic[V]):
    """Finds any of many names in a text; the longest name wins where names overlap at one offset.

    A word-bounded index does not scan the whole text with its big pattern: a name that starts with an ASCII
    letter or digit can only start where its first word stands in the text (see `text_profile`), so the
    pattern is tried at those offsets alone, and names that start otherwise (Chinese) are found by a small
    pattern of their own, whose matches are then tried as starts. The matches are those of a full scan.
    """

    def __init__(self, names: Mapping[str, V], *, ignore_case: bool, word_bounded: bool) -> None:
        self._ignore_case = ignore_case
        self._values: dict[str, V] = {normalise_name(n, ignore_case=ignore_case): v for n, v in names.items()}
        flags = re.IGNORECASE if ignore_case else 0
        body = _trie_regex(_build_trie(self._values)) if self._values else r"(?!x)x"
        self._pattern = re.compile(_word_bounded(body) if word_bounded else body, flags)
        self._needs_cjk = bool(self._values) and all(_CJK.search(key) for key in self._values)
        self._anchored = self._anchored_pattern(flags) if word_bounded else None

    def _anchored_pattern(self, flags: int) -> WordAnchoredPattern:
        """The pattern tried only where a name may start: at its first word (the names that start with that
        word alone), or where a name with no first word (a Chinese one) matches."""
        keys_by_word: dict[str | None, set[str]] = {}
        for key in self._values:
            keys_by_word.setdefault(first_word(key), set()).add(key)
        others = keys_by_word.pop(None, set())
        other_starts = re.compile(_trie_regex(_build_trie(others)), flags) if others else None

        def pattern_for_word(word: str) -> re.Pattern[str]:
            return re.compile(_word_bounded(_trie_regex(_build_trie(keys_by_word[word]))), flags)

        return WordAnchoredPattern(
            self._pattern,
            (word for word in keys_by_word if word is not None),
            other_starts,
            others_need_cjk=all(_CJK.match(key) for key in others),
            pattern_for_word=pattern_for_word,
        )

    def __len__(self) -> int:
        return len(self._values)

    def finditer(self, text: str, endpos: int | None = None) -> Iterator[NameHit[V]]:
        """Every non-overlapping name in `text` (or in `text[:endpos]`, read as if it ended there), left to
        right."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if self._needs_cjk and not profile_of(text).has_cjk:
            return
        for match in self._matches(text, end):
            key = normalise_name(match.group(), ignore_case=self._ignore_case)
            if key in self._values:
                yield NameHit(match.start(), match.end(), match.group(), self._values[key])

    def get(self, name: str) -> V | None:
        """The value stored under exactly this name (after normalisation), or None."""
        return self._values.get(normalise_name(name, ignore_case=self._ignore_case))

    def _matches(self, text: str, end: int) -> Iterator[re.Match[str]]:
        if self._anchored is None:
            return self._pattern.finditer(text, 0, end)
        return self._anchored.finditer(text, end)


class WordAnchoredPattern:
    """A pattern whose every match starts with one of some words (whole, any case), or where a second
    pattern matches; `finditer` tries it at those offsets only and finds exactly what a full scan finds.

    Use it for a big alternation of names with no literal prefix for the regex engine to skip ahead by.
    `pattern_for_word(word)`, when given, is a smaller pattern that matches wherever `pattern` does at an
    offset where `word` stands (the names that start with it), tried there instead.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        first_words: Iterable[str],
        other_starts: re.Pattern[str] | None = None,
        *,
        others_need_cjk: bool = False,
        pattern_for_word: Callable[[str], re.Pattern[str]] | None = None,
    ) -> None:
        self._pattern = pattern
        self._first_words = frozenset(first_words)
        self._other_starts = other_starts
        self._others_need_cjk = others_need_cjk  # every other match starts with a Chinese character
        self._pattern_for_word = pattern_for_word
        self._by_word: dict[str | None, re.Pattern[str]] = {None: pattern}

    def finditer(self, text: str, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The pattern's non-overlapping matches in `text[:endpos]`, left to right, as `pattern.finditer`."""
        end = len(text) if endpos is None else min(endpos, len(text))
        profile = profile_of(text)
        if profile.words is None:
            return self._pattern.finditer(text, 0, end)
        other_starts = self._other_starts
        if other_starts is not None and self._others_need_cjk and not profile.has_cjk:
            other_starts = None
        word_starts = self._word_starts(profile, end)
        if other_starts is None:
            return self._matches_at_word_starts(text, end, word_starts) if word_starts else iter(())
        return self._matches_at_starts(text, end, word_starts, other_starts)

    def _word_starts(self, profile: TextProfile, end: int) -> list[tuple[int, str | None]]:
        """Offsets where a match that starts with a word may start, and the word (None: the word is cut by
        `end`), ascending; a superset of the real starts."""
        starts: list[tuple[int, str | None]] = profile.starts_of_any(self._first_words)  # type: ignore[assignment]
        if end < len(profile.lowered):
            starts = starts[: bisect.bisect_left(starts, (end, ""))]
        lowered = profile.lowered
        if 0 < end < len(lowered) and lowered[end - 1] in ASCII_WORD_CHARS and lowered[end] in ASCII_WORD_CHARS:
            cut = end - 1  # `end` cuts a word in two: the part before it is a word of the shortened text
            while cut > 0 and lowered[cut - 1] in ASCII_WORD_CHARS:
                cut -= 1
            starts = [start for start in starts if start[0] != cut] + [(cut, None)]
            starts.sort(key=lambda start: start[0])
        return starts

    def _for_word(self, word: str | None) -> re.Pattern[str]:
        pattern = self._by_word.get(word)
        if pattern is None:
            assert word is not None and self._pattern_for_word is not None
            pattern = self._by_word[word] = self._pattern_for_word(word)
        return pattern

    def _matches_at_word_starts(
        self, text: str, end: int, word_starts: list[tuple[int, str | None]]
    ) -> Iterator[re.Match[str]]:
        """`_matches_at_starts` when only word starts can start a match (the common case, kept tight)."""
        position = 0
        by_word = self._by_word if self._pattern_for_word is not None else None
        for start, word in word_starts:
            if start < position:
                continue
            pattern = self._pattern if by_word is None else by_word.get(word) or self._for_word(word)
            match = pattern.match(text, start, end)
            if match:
                yield match
                position = match.end()

    def _matches_at_starts(
        self,
        text: str,
        end: int,
        word_starts: list[tuple[int, str | None]],
        other_starts: re.Pattern[str] | None,
    ) -> Iterator[re.Match[str]]:
        """Try the pattern at the next word start or the next match of `other_starts`, whichever comes first."""
        position = index = 0
        other_start = -1 if other_starts is not None else end
        count = len(word_starts)
        by_word = self._pattern_for_word is not None
        while True:
            while index < count and word_starts[index][0] < position:
                index += 1
            if other_start < position:
                other = other_starts.search(text, position, end) if other_starts is not None else None
                other_start = other.start() if other else end
            if index < count and word_starts[index][0] < other_start:
                start, word = word_starts[index]
                pattern = self._for_word(word) if by_word else self._pattern
            else:
                start, pattern = other_start, self._pattern
            if start >= end:
                return
            match = pattern.match(text, start, end)
            if match:
                yield match
            position = match.end() if match and match.end() > start else start + 1


def alternation(names: Iterable[str], *, ignore_case: bool) -> str:
    """Regex source matching any of `names`, longest first, spaces flexible, to embed in a bigger pattern
    (compile that with re.IGNORECASE when `ignore_case`)."""
    keys = {normalise_name(name, ignore_case=ignore_case) for name in names}
    return "(?:" + _trie_regex(_build_trie(keys)) + ")" if keys else r"(?!x)x"


def _word_bounded(body: str) -> str:
    return rf"(?<!{_LATIN_WORD_CHAR})(?:{body})(?!{_LATIN_WORD_CHAR})"


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
