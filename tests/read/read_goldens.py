"""Golden files of the readers: tests/fixtures/<format>/<case>.<ext> beside <case>.expected.json.

Run this module to (re)write the expected files after a deliberate change, then review the diff:

    .venv/bin/python tests/read/read_goldens.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policywatch.read import read_path
from policywatch.records import to_plain

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FORMATS = ("text", "html", "pdf", "docx")
NOT_DOCUMENTS = (".json", ".py")  # goldens and the scripts that generate fixtures


def fixture_documents() -> list[Path]:
    """Every fixture document of the readers, sorted, so that each becomes one test case."""
    return sorted(
        path
        for fmt in FORMATS
        for path in (FIXTURES / fmt).glob("*")
        if path.is_file() and not path.name.endswith(NOT_DOCUMENTS)
    )


def expected_path(document: Path) -> Path:
    return document.with_name(document.stem + ".expected.json")


def golden_of(document: Path) -> dict[str, Any]:
    """What the reader gives for `document`, as JSON-ready data with the path relative to the fixtures."""
    plain: dict[str, Any] = to_plain(read_path(document))
    relative = document.relative_to(FIXTURES).as_posix()
    if "source" in plain:
        plain["source"]["path"] = relative
    else:
        plain["path"] = relative
    return plain


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    for document in fixture_documents():
        expected_path(document).write_text(dump(golden_of(document)), encoding="utf-8")
        print(f"wrote {expected_path(document).relative_to(FIXTURES)}")


if __name__ == "__main__":
    main()
