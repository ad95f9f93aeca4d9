"""Hostile inputs, each run once in a child process: 100,000-deep HTML, PDFs with a broken or absent xref and
truncated streams, a DOCX zip bomb of 3 GiB in 3 MB and one whose parts lie about their size, a 100 MB line,
NUL bytes, invalid UTF-8 and GBK, and huge numbers of paragraphs, rows, pages, parts, lines and items.

Each must return a record or a clear error naming the file, within its wall-clock cap (2 s for small inputs,
5-10 s for the 100,000-element ones, 20 s for 100 MB) and with peak RSS growing by less than 256 MB (512 MB
for the 100 MB file). See fuzz_hostile.py for the cases and how they are measured.
"""

from __future__ import annotations

import pytest
from fuzz_hostile import CASES, SLOW_CASES, TEXT_CASES, run_in_children

SLOW = {case.name for case in SLOW_CASES}
CI_CASES = [name for name in CASES if name not in SLOW]
BIG = [case.name for case in TEXT_CASES if case.memory_mb > 64 or "100mb" in case.name]


@pytest.fixture(scope="module")
def hostile_results() -> dict[str, dict[str, object]]:
    # two children side by side (2 cores): the 100 MB file apart from the rest
    return run_in_children([BIG, [name for name in CI_CASES if name not in BIG]])


@pytest.mark.parametrize("name", CI_CASES)
def test_hostile_input(name: str, hostile_results: dict[str, dict[str, object]]) -> None:
    case, result = CASES[name], hostile_results[name]
    assert not result["error"], result["error"]
    assert result["seconds"] <= case.cap_s, f"{result['seconds']} s, above the {case.cap_s} s cap"
    assert result["rss_growth_mb"] < case.memory_mb, (
        f"peak RSS grew {result['rss_growth_mb']} MB, above the {case.memory_mb} MB limit"
    )


@pytest.mark.xfail(run=False, reason="quadratic in extract/ (not the readers or parsers): a 64 KB sentence of "
                   "quantities takes about 4 s; measured by bench/fuzz_long.py --hostile-only")
@pytest.mark.parametrize("name", sorted(SLOW))
def test_known_slow_input(name: str) -> None:
    result = run_in_children([[name]])[name]
    assert not result["error"], result["error"]
