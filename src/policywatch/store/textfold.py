"""Text folding shared by edition matching and search.

`fold` applies NFKC and traditional→simplified conversion one character at a time, so every folded
character can be traced back to the original character it came from (the snippets need that). Doing it
per character is also what makes it fast: the result for each code point is cached in a translation table,
and `str.translate` runs in C. Whole-phrase OpenCC conversion would be ~4 ms per 1,000 characters.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right

from opencc import OpenCC

from policywatch.store.patterns import CJK_CHAR, DOC_NUMBER_BRACKETS, QUOTE_FOLDS, TRAILING_PUNCTUATION

_T2S = OpenCC("t2s")
_KEEP_CONTROLS = frozenset("\t\n\r")


def _fold_char(char: str) -> str:
    """One character → its folded form: NFKC, then t2s; control characters become a space."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cs") and char not in _KEEP_CONTROLS:
        return " "  # NUL and friends would end an FTS5 query string early
    if category == "Cf":
        return ""  # zero-width joiners and marks must not split a word
    return "".join(_T2S.convert(part) for part in unicodedata.normalize("NFKC", char))


class _FoldTable(dict[int, str]):
    """A `str.translate` table that computes each code point's fold once, on first sight."""

    def __init__(self, *, spaced: bool) -> None:
        super().__init__()
        self._spaced = spaced

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if self._spaced:
            folded = "".join(f" {c} " if CJK_CHAR.match(c) else c for c in folded)
        self[code] = folded
        return folded


_FOLD = _FoldTable(spaced=False)
_FOLD_SPACED = _FoldTable(spaced=True)


def fold(text: str) -> str:
    """NFKC + traditional→simplified, per character (the form matching and search compare)."""
    return text.translate(_FOLD)


def index_text(text: str) -> str:
    """The folded text with a space around every CJK character: what the full-text index stores."""
    return text.translate(_FOLD_SPACED)


def index_text_with_origins(text: str) -> tuple[str, list[int]]:
    """`index_text(text)` plus, for each of its characters, the offset in `text` it came from."""
    pieces: list[str] = []
    origins: list[int] = []
    for offset, char in enumerate(text):
        piece = _FOLD_SPACED[ord(char)]
        pieces.append(piece)
        origins.extend([offset] * len(piece))
    return "".join(pieces), origins


class IndexOrigins:
    """Offsets in `index_text(text)` mapped back to the offsets in `text` they came from, working a block of
    BLOCK characters at a time: a long text is walked in Python only inside the blocks asked about."""

    BLOCK = 64

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0]  # index offset where each block starts; one more entry than blocks measured

    def _measure_to(self, offset: int) -> None:
        while self._starts[-1] <= offset and (len(self._starts) - 1) * self.BLOCK < len(self._text):
            first = (len(self._starts) - 1) * self.BLOCK
            block = self._text[first:first + self.BLOCK]
            self._starts.append(self._starts[-1] + len(block.translate(_FOLD_SPACED)))

    def origin(self, offset: int) -> int:
        """The offset in the text of the character whose folded piece holds index offset `offset`."""
        self._measure_to(offset)
        block = bisect_right(self._starts, offset) - 1
        at = self._starts[block]
        first = block * self.BLOCK
        for position, char in enumerate(self._text[first:first + self.BLOCK], start=first):
            at += len(_FOLD_SPACED[ord(char)])
            if at > offset:
                return position
        return len(self._text) - 1  # past the end: the last character


def headline_key(text: str) -> str:
    """A headline as compared across editions: folded, casefolded, straight quotes, single spaces, no
    trailing punctuation."""
    folded = fold(text).casefold()
    folded = "".join(QUOTE_FOLDS.get(c, c) for c in folded)
    return " ".join(folded.split()).rstrip(TRAILING_PUNCTUATION + " ")


def title_key(text: str) -> str:
    """A title reduced to its letters and digits (folded): punctuation and spacing differ between copies."""
    return "".join(c for c in fold(text).casefold() if c.isalnum())


def doc_number_key(text: str) -> str:
    """A 发文字号 with one bracket style and no spaces: 国办发[2022] 34号 == 国办发〔2022〕34号."""
    folded = "".join(DOC_NUMBER_BRACKETS.get(c, c) for c in fold(text))
    return "".join(folded.split()).casefold()
