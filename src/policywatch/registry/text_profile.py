"""What a text holds, worked out once per text: whether it has Chinese characters, and its words.

A regex scan of a brief costs tens of nanoseconds a character for every pattern; a set lookup costs next to
nothing. Extractors and name indexes ask this profile first and skip a scan that cannot match: a pattern made
of Chinese names needs a Chinese character, one made of English words needs one of those words.

A *word* here is a maximal run of ASCII letters and digits, lowercased ("People’s Bank" → "people", "s",
"bank"). A regex word is a run of its own kind, so the run test is exact only where lowercasing a character
agrees with the case-insensitive regex match; `CASE_ODDITIES` lists the characters where it does not, and a
text holding one gets no words (callers then scan it in full).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

_CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ASCII_LETTERS_AND_DIGITS = ASCII_WORD_CHARS | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_FIRST_WORD = re.compile(r"[A-Za-z0-9]+")
# The non-ASCII characters that a case-insensitive regex takes for an ASCII letter, or that lowercase to one:
# dotless ı and long ſ (the regex reads them as "i" and "s"), the Kelvin sign (lowercases to "k"), İ (to "i̇").
CASE_ODDITIES = "\u0130\u0131\u017f\u212a"
_NON_WORD_TO_SPACE = bytes(
    byte if chr(byte) in ASCII_WORD_CHARS else ord(" ") for byte in range(256)
)
_PROFILES_KEPT = 64  # texts whose profile is kept: an extractor asks about the same few texts in a row


@dataclass(frozen=True)
class TextProfile:
    """A text's Chinese characters and words, for deciding which scans can be skipped."""

    # The text lowercased, for finding word offsets. A text that shares another's profile (a blanked copy, a
    # prefix: see blank_spans, share_prefix_profile) has that text's here: the offsets agree, not the content.
    lowered: str
    words: frozenset[str] | None  # None: the text has a case oddity, so words cannot rule anything out
    has_cjk: bool
    _starts: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    _starts_of_any: dict[frozenset[str], list[tuple[int, str]]] = field(default_factory=dict, compare=False, repr=False)

    def has_any(self, words: Iterable[str]) -> bool:
        """False only when none of these (lowercase) words is in the text; True when it cannot tell."""
        return self.words is None or not self.words.isdisjoint(words)

    def word_starts(self, word: str) -> list[int]:
        """Offsets where `word` stands as a whole word (a run of its own), left to right."""
        if word not in self._starts:
            self._starts[word] = _run_starts(self.lowered, word)
        return self._starts[word]

    def starts_of_any(self, words: frozenset[str]) -> list[tuple[int, str]]:
        """Where any of these words stands as a whole word: (offset, word), ascending (kept per set of words:
        a name index asks once for each text)."""
        found = self._starts_of_any.get(words)
        if found is None:
            present = words & self.words if self.words is not None else words
            if len(present) == 1:  # often so (an acronym, a place): no sorting needed
                word = next(iter(present))
                found = [(start, word) for start in self.word_starts(word)]
            else:
                found = sorted((start, word) for word in present for start in self.word_starts(word))
            self._starts_of_any[words] = found
        return found


def first_word(name: str) -> str | None:
    """The word a name starts with, lowercased ("People's Bank" → "people"); None when it starts otherwise."""
    match = _FIRST_WORD.match(name)
    return match.group().lower() if match else None


def _run_starts(lowered: str, word: str) -> list[int]:
    starts = []
    length = len(word)
    offset = lowered.find(word)
    while offset >= 0:
        before = lowered[offset - 1] if offset else " "
        after = lowered[offset + length : offset + length + 1] or " "
        if before not in ASCII_WORD_CHARS and after not in ASCII_WORD_CHARS:
            starts.append(offset)
        offset = lowered.find(word, offset + 1)
    return starts


def _words(lowered: str) -> frozenset[str]:
    # translate and split run in C; a regex findall over the words costs twice as much. Bytes, because
    # str.translate is slow on a text with non-ASCII characters.
    data = lowered.encode("utf-8", "surrogatepass").translate(_NON_WORD_TO_SPACE)
    return frozenset(data.decode("ascii").split())


def has_cjk(text: str) -> bool:
    """Whether the text holds a Chinese character (constant time for an ASCII text)."""
    return not text.isascii() and _CJK.search(text) is not None


def _profile(text: str) -> TextProfile:
    lowered = text.lower()
    odd = not text.isascii() and any(char in text for char in CASE_ODDITIES)
    if odd or len(lowered) != len(text):
        return TextProfile(lowered, None, has_cjk(text))
    return TextProfile(lowered, _words(lowered), has_cjk(text))


class _ProfileCache:
    """The profiles of the last texts asked about (first in, first out), shared by all threads."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._profiles: OrderedDict[str, TextProfile] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> TextProfile | None:
        return self._profiles.get(text)

    def put(self, text: str, profile: TextProfile) -> None:
        with self._lock:
            self._profiles[text] = profile
            if len(self._profiles) > self._size:
                self._profiles.popitem(last=False)


_CACHE = _ProfileCache(_PROFILES_KEPT)


def profile_of(text: str) -> TextProfile:
    """The profile of a text (cached: the extractors ask about the same few texts in a row)."""
    found = _CACHE.get(text)
    if found is None:
        found = _profile(text)
        _CACHE.put(text, found)
    return found


def blank_spans(text: str, spans: Iterable[tuple[int, int]], fill: str = " ") -> str:
    """The text with each span overwritten by `fill` (one character that is neither a letter nor a digit).

    The result shares the text's profile when every span starts and ends between words: its words are then
    the text's words less some, and the text's are a safe superset for ruling scans out.
    """
    pieces: list[str] = []
    done = 0
    clean = True
    for start, end in sorted(spans):
        start = max(start, done)
        if end <= start:
            continue
        pieces += (text[done:start], fill * (end - start))
        clean = clean and _between_words(text, start) and _between_words(text, end)
        done = end
    if not pieces:
        return text
    blanked = "".join((*pieces, text[done:]))
    if clean:
        _CACHE.put(blanked, profile_of(text))
    return blanked


def share_prefix_profile(prefix: str, text: str) -> None:
    """Let `prefix`, which `text` starts with, use the profile of `text` when it ends between words: the
    words of `text` are then a superset of its own, and every offset is the same."""
    if text.startswith(prefix) and _between_words(text, len(prefix)) and _CACHE.get(prefix) is None:
        _CACHE.put(prefix, profile_of(text))


def _between_words(text: str, offset: int) -> bool:
    if offset <= 0 or offset >= len(text):
        return True
    return not (text[offset - 1] in _ASCII_LETTERS_AND_DIGITS and text[offset] in _ASCII_LETTERS_AND_DIGITS)
