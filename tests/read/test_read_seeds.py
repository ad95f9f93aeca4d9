"""Smoke test on the shared corpus: every file reads, and the language matches its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from policywatch.read import read_path
from policywatch.records import ReadDocument

pytestmark = pytest.mark.shared


def read_all(paths: list[Path]) -> list[ReadDocument]:
    documents = []
    for path in paths:
        result = read_path(path)
        assert isinstance(result, ReadDocument), result
        assert result.source.format == "text"
        documents.append(result)
    return documents


def test_seeds_are_english_briefs(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert seeds
    for document in read_all(seeds):
        assert document.language == "en", document.source.path
        assert document.source.encoding == "utf-8"


def test_corpus_languages_follow_folders(shared_dir: Path) -> None:
    """zh/ holds Chinese documents (a bilingual one may read as mixed); the other folders English ones."""
    for folder, expected in (("zh", "zh"), ("merics", "en"), ("other_en", "en")):
        documents = read_all(sorted((shared_dir / "corpus" / folder).glob("*.txt")))
        assert documents, folder
        matching = sum(document.language == expected for document in documents)
        assert all(document.language in {expected, "mixed"} for document in documents), folder
        assert matching >= 0.9 * len(documents), folder
