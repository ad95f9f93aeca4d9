"""Golden-file helpers: compare a record's JSON with `<case>.expected.json` beside the input.

Set POLICYWATCH_UPDATE_GOLDENS=1 to (re)write the expected files after a deliberate change, then review the
diff before committing: a golden is only as good as the review it got.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from policywatch.records import to_plain


def expected_path(case: Path) -> Path:
    return case.with_name(case.name.split(".")[0] + ".expected.json")


def stable_json(record: Any, base: Path) -> Any:
    """The record as JSON data with its source path made relative to `base` (so goldens are portable)."""
    data = to_plain(record)
    source = data.get("source") if isinstance(data, dict) else None
    if isinstance(source, dict) and source.get("path"):
        source["path"] = os.path.relpath(source["path"], base)
    if isinstance(data, dict) and data.get("path"):
        data["path"] = os.path.relpath(data["path"], base)
    return data


def check_golden(case: Path, record: Any, expected: Path | None = None) -> None:
    """Assert that `record` equals the expected file (by default `<case>.expected.json` beside the input);
    a missing expected file fails the test."""
    actual = stable_json(record, case.parent)
    target = expected or expected_path(case)
    if os.environ.get("POLICYWATCH_UPDATE_GOLDENS") == "1":
        target.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert target.exists(), f"missing golden file {target.name}: run with POLICYWATCH_UPDATE_GOLDENS=1 and review"
    expected = json.loads(target.read_text(encoding="utf-8"))
    assert actual == expected
