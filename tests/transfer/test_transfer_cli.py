"""`policywatch export` and `policywatch import` from the command line: a summary line on success, one
`error:` line and exit status 2 on failure."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from policywatch.cli import app
from policywatch.store import open_store


def test_export_then_import(source_db: Path, db_target: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "backup"
    exported = runner.invoke(app, ["export", "--db", str(source_db), "--format", "csv", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.startswith("exported ") and "(csv)" in exported.stdout
    imported = runner.invoke(app, ["import", str(out), "--db", db_target])
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.startswith("imported ")
    with open_store(db_target) as target, open_store(source_db) as source:
        assert target.counts() == source.counts()
    again = runner.invoke(app, ["import", str(out), "--db", db_target])
    assert again.exit_code == 2
    assert again.stderr.startswith("error: ") and "is not empty" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_bad_arguments(source_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    wrong = runner.invoke(app, ["export", "--db", str(source_db), "--format", "xml", "-o", str(tmp_path / "x")])
    assert wrong.exit_code == 2 and "xml" in wrong.stderr
    missing = runner.invoke(app, ["import", str(tmp_path / "nowhere"), "--db", str(tmp_path / "t.db")])
    assert missing.exit_code == 2 and missing.stderr.startswith("error: ") and "nowhere" in missing.stderr
