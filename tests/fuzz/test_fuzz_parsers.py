"""Parsers on random text, on text made of the pieces they look for, and on mutated real documents: a record
(or a clear policywatch error), never another exception, each within 2 s. `parse_file` runs the whole per-file
path (read, classify, parse, extract) on bytes written to a temporary file.

Targets: classify, parse_brief, parse_notice (parse_chinese), parse_article, parse_document and parse_file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_strategies import CORPUS_FUZZ, FUZZ, MUTATIONS, RANDOM_BYTES, RANDOM_TEXT, STRUCTURED_TEXT
from fuzz_targets import TARGETS, corpus_files, mutated_input, run_checked, seed_files
from hypothesis import given
from hypothesis import strategies as st

PARSERS = [name for name, target in TARGETS.items() if target.takes == "text"]


@pytest.mark.parametrize("name", PARSERS)
@FUZZ
@given(text=st.one_of(RANDOM_TEXT, STRUCTURED_TEXT))
def test_random_text(name: str, text: str) -> None:
    run_checked(TARGETS[name], text)


@pytest.mark.parametrize("name", PARSERS)
@FUZZ
@given(seed=st.integers(0, 10_000), mutations=MUTATIONS)
def test_mutated_seed_documents(name: str, seed: int, mutations: list) -> None:
    target = TARGETS[name]
    run_checked(target, mutated_input(target, seed_files(target.seeds), seed, mutations, False))


@FUZZ
@given(data=st.one_of(RANDOM_BYTES, STRUCTURED_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass"))))
def test_parse_file_on_random_input(data: bytes) -> None:
    run_checked(TARGETS["parse_file"], data)


@FUZZ
@given(seed=st.integers(0, 10_000), mutations=MUTATIONS)
def test_parse_file_on_mutated_files(seed: int, mutations: list) -> None:
    target = TARGETS["parse_file"]
    run_checked(target, mutated_input(target, seed_files(target.seeds), seed, mutations, False))


@pytest.mark.parametrize("name", ["parse_document", "parse_file"])
@CORPUS_FUZZ
@given(seed=st.integers(0, 10_000), mutations=MUTATIONS)
def test_mutated_corpus_documents(shared_dir: Path, name: str, seed: int, mutations: list) -> None:
    target = TARGETS[name]
    run_checked(target, mutated_input(target, corpus_files(shared_dir), seed, mutations, False))
