"""Readers on random bytes and on mutated real files: a record or a clear `ReadError`, each within 2 s.

Targets: read_text, read_markdown, read_html, read_pdf, read_docx and read_bytes (sniffing, then the reader).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_strategies import CORPUS_FUZZ, FUZZ, MUTATIONS, RANDOM_BYTES
from fuzz_targets import TARGETS, corpus_files, mutate, mutated_input, run_checked, seed_files
from hypothesis import given
from hypothesis import strategies as st

from policywatch.read.html import limit_nesting, tag_profile

READERS = [name for name, target in TARGETS.items() if target.takes == "bytes" and name != "parse_file"]


def test_every_reader_has_seeds() -> None:
    for name in READERS:
        assert seed_files(TARGETS[name].seeds), f"{name} has no seed files"


@pytest.mark.parametrize("name", READERS)
@FUZZ
@given(data=RANDOM_BYTES)
def test_random_bytes(name: str, data: bytes) -> None:
    run_checked(TARGETS[name], data)


@pytest.mark.parametrize("name", READERS)
@FUZZ
@given(seed=st.integers(0, 10_000), mutations=MUTATIONS, inside=st.booleans())
def test_mutated_seed_files(name: str, seed: int, mutations: list, inside: bool) -> None:
    target = TARGETS[name]
    run_checked(target, mutated_input(target, seed_files(target.seeds), seed, mutations, inside))


@pytest.mark.parametrize("name", ["read_text", "read_bytes"])
@CORPUS_FUZZ
@given(seed=st.integers(0, 10_000), mutations=MUTATIONS)
def test_mutated_corpus_files(shared_dir: Path, name: str, seed: int, mutations: list) -> None:
    target = TARGETS[name]
    run_checked(target, mutated_input(target, corpus_files(shared_dir), seed, mutations, False))


def test_mutations_change_the_input_and_stay_bounded() -> None:
    """The mutation operators do what they say (a fuzzer that never changes its input tests nothing)."""
    seed = b"0123456789" * 10
    assert mutate(seed, [(0, 3, 0, b"")]) == seed[:3] + b"2" + seed[4:]  # flip bit 0 of "3"
    assert mutate(seed, [(4, 10, 0, b"")]) == seed[:10]  # truncate
    assert mutate(seed, [(2, 0, 5, b"")]) == seed[5:]  # delete 5 bytes at 0
    assert mutate(seed, [(3, 0, 0, b"ab")]) == b"ab" + seed  # insert
    repeated = mutate(seed, [(7, 0, 3599, b"")])  # 3599 % 257 = 1: a 2-byte chunk; 3599 % 200 + 1 = 200 copies
    assert repeated.startswith(b"01" * 201) and len(repeated) == len(seed) + 400
    spliced = mutate(seed, [(6, 0, 0, b"")], donors=[b"DONOR" * 20])
    assert spliced.startswith(b"DONOR")


TAGS = ["<div>", "</div>", "<ul>", "<li>", "</ul>", "<b>", "</b>", "<br/>", "<svg>", "</svg>", "<g/>", "<p>",
        "<table>", "<tr><td>", "</table>", "<DIV class='a/'>", " words ", "<a href=x/>"]


@FUZZ
@given(markup=st.lists(st.sampled_from(TAGS), max_size=300).map("".join), limit=st.integers(1, 12))
def test_limit_nesting_bounds_depth_and_keeps_text(markup: str, limit: int) -> None:
    """The guard against deep HTML: within the limit a page is left as it is; beyond, the result nests at most
    `limit` deep and keeps every word."""
    flattened = limit_nesting(markup, limit)
    if tag_profile(markup)[1] <= limit:
        assert flattened == markup
    assert tag_profile(flattened)[1] <= limit
    assert flattened.count("words") == markup.count("words")
