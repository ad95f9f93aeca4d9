"""Write docs/cli.md from the commands' own --help texts (a test checks that the file is up to date).

    .venv/bin/python scripts/gen_cli_docs.py
"""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from policywatch.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
COMMANDS = ["parse", "ingest", "check", "search", "briefs", "show", "bodies", "policies", "targets", "target", "serve",
            "watch add", "watch list", "watch remove", "watch preview", "alerts", "deliver", "brief draft",
            "brief render", "export", "import"]


def help_text(*args: str) -> str:
    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*args, "--help"], prog_name="policywatch", env=env)
    return re.sub(r"[ \t]+\n", "\n", result.stdout).strip()


def render() -> str:
    parts = ["# Command-line reference", "",
             "Generated from `policywatch COMMAND --help` by `scripts/gen_cli_docs.py`; "
             "`tests/test_cli_docs.py` fails when it is out of date.", "",
             "```text", help_text(), "```", ""]
    for command in COMMANDS:
        parts += [f"## policywatch {command}", "", "```text", help_text(*command.split()), "```", ""]
    return "\n".join(parts)


def main() -> None:
    DOCS.write_text(render(), encoding="utf-8")
    print(f"wrote {DOCS}")


if __name__ == "__main__":
    main()
