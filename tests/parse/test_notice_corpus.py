"""The notice parser on the annotated Chinese corpus (../shared): every file parses, and 发文字号, dates and
policy-vs-news hold the floors below. Comparison follows eval/score.py: brackets, traditional characters and
a final 号 do not matter; a date where the annotation has none counts as invented."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from policywatch.parse.notice import parse_chinese
from policywatch.records import Policy, ReadDocument, Source

pytestmark = pytest.mark.shared

# Measured when these tests were written: every number and date right, nothing invented.
FLOORS = {"type": 1.0, "doc_number": 1.0, "dates": 1.0}
MAX_INVENTED_DATES = 0

_TRADITIONAL = str.maketrans("國發號廳辦聯規", "国发号厅办联规")
_BRACKETS = str.maketrans("[]()（）【】［］", "〔〕〔〕〔〕〔〕〔〕")


def _norm_number(number: str | None) -> str:
    text = unicodedata.normalize("NFKC", number or "").translate(_TRADITIONAL)
    return text.translate(_BRACKETS).replace(" ", "").rstrip("号")


def _cases(shared: Path) -> list[tuple[Path, dict[str, Any]]]:
    gold_dir = shared / "eval" / "gold" / "zh"
    return [
        (text, json.loads((gold_dir / f"{text.stem}.json").read_text(encoding="utf-8")))
        for text in sorted((shared / "corpus" / "zh").glob("*.txt"))
        if (gold_dir / f"{text.stem}.json").exists()
    ]


def _parse(path: Path) -> Any:
    data = path.read_bytes()
    source = Source(path=str(path), sha256=hashlib.sha256(data).hexdigest(), format="text", size=len(data))
    return parse_chinese(ReadDocument(source=source, text=data.decode("utf-8"), language="zh"))


@pytest.fixture(scope="module")
def parsed(shared_dir: Path) -> list[tuple[Path, dict[str, Any], Any]]:
    cases = _cases(shared_dir)
    if not cases:
        pytest.skip("no annotated Chinese texts")
    return [(path, gold, _parse(path)) for path, gold in cases]


def test_every_chinese_text_parses(parsed: list[tuple[Path, dict[str, Any], Any]]) -> None:
    assert all(record.type in {"policy", "article"} for _, _, record in parsed)


def test_policy_or_news_as_annotated(parsed: list[tuple[Path, dict[str, Any], Any]]) -> None:
    labelled = [(p, g, r) for p, g, r in parsed if g["doc_type"] in {"policy", "news"}]
    wrong = [p.name for p, g, r in labelled if (g["doc_type"] == "policy") != isinstance(r, Policy)]
    assert 1 - len(wrong) / len(labelled) >= FLOORS["type"], wrong


def test_doc_numbers_and_dates_hold_their_floors(parsed: list[tuple[Path, dict[str, Any], Any]]) -> None:
    numbers, dates, invented, misses = [], [], [], []
    for path, gold, record in parsed:
        if gold["doc_type"] != "policy":
            continue
        got = record if isinstance(record, Policy) else None
        if gold.get("doc_number"):
            ok = got is not None and _norm_number(got.doc_number) == _norm_number(gold["doc_number"])
            numbers.append(ok)
            misses += [] if ok else [f"{path.name}: 发文字号 {gold['doc_number']}"]
        for field in ("date_written", "date_published"):
            value = getattr(got, field) if got else None
            if gold.get(field):
                dates.append(value == gold[field])
                misses += [] if value == gold[field] else [f"{path.name}: {field} {gold[field]} got {value}"]
            elif value:
                invented.append(f"{path.name}: {field} invented {value}")
    assert numbers and dates
    assert sum(numbers) / len(numbers) >= FLOORS["doc_number"], misses
    assert sum(dates) / len(dates) >= FLOORS["dates"], misses
    assert len(invented) <= MAX_INVENTED_DATES, invented
