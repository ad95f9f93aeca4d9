"""The command-line shell, run in-process: output shapes, exit codes and the bad-input promise."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policywatch.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = "select name from sqlite_master where type='table' and name not like '%fts%'"
        names = [r[0] for r in conn.execute(tables)]
        return {n: conn.execute(f"select count(*) from {n}").fetchone()[0] for n in names}


def test_parse_json_lines_one_object_per_file() -> None:
    code, out, _ = run("parse", str(SAMPLES / "sample-brief.txt"), str(SAMPLES / "sample-brief.html"), "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["type"] for r in records] == ["brief", "brief"]
    assert records[0]["source"]["format"] == "text" and records[1]["source"]["format"] == "html"
    assert records[0]["entries"][0]["document"]["bodies"] == ["NEA", "NDRC"]


def test_ingest_is_idempotent_and_merges_editions(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    code, _, err = run("ingest", str(SAMPLES), "--db", str(db))
    assert code == 0, err
    assert "3 new, 3 updated, 0 unchanged, 0 failed" in err  # one brief in 3 editions, 2 notices (one in 2 scripts)
    before = table_counts(db)
    code, _, err = run("ingest", str(SAMPLES), "--db", str(db))
    assert code == 0 and "0 new, 0 updated, 6 unchanged, 0 failed" in err
    assert table_counts(db) == before
    code, out, _ = run("briefs", "--db", str(db), "--json")
    briefs = json.loads(out)
    assert len(briefs) == 1 and {s["format"] for s in briefs[0]["sources"]} == {"text", "html", "pdf"}


def _bad_files(folder: Path) -> dict[str, Path]:
    pdf = (SAMPLES / "sample-brief.pdf").read_bytes()
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "truncated": folder / "cut.pdf",
        "huge": folder / "huge.txt",
        "invalid": folder / "invalid.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 40)
    files["truncated"].write_bytes(pdf[: len(pdf) // 2])
    files["huge"].write_bytes(b"x" * (50 * 1024 * 1024))
    files["invalid"].write_bytes(b"Policy text \xff\xfe\xfa with broken bytes \xc3\x28 everywhere" * 3)
    return files


def test_bad_input_gives_one_line_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    assert run("ingest", str(SAMPLES / "sample-brief.txt"), "--db", str(db))[0] == 0
    before = table_counts(db)
    bad = _bad_files(tmp_path)
    code, out, err = run("ingest", *map(str, bad.values()), str(SAMPLES / "sample-brief.html"), "--db", str(db))
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(bad)
    for path in bad.values():
        assert sum(str(path) in line for line in errors) == 1, path
    assert "Traceback" not in err + out
    assert "1 updated" in err and "5 failed" in err  # the good file after the bad ones was still ingested
    after = table_counts(db)
    assert after["records"] == before["records"]


HOSTILE = ['"unbalanced', "a*", "-x", "NEAR(a b)", "'", ";drop table records", "储能 OR storage", "(", "^x:y"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_crash(tmp_path: Path, query: str) -> None:
    db = tmp_path / "pw.db"
    run("ingest", str(SAMPLES / "sample-brief.txt"), "--db", str(db))
    code, out, err = run("search", query, "--db", str(db), "--json")
    assert code in (0, 2)
    assert "Traceback" not in out + err
    if code == 0:
        assert "hits" in json.loads(out)


def test_search_filters_and_show(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    run("ingest", str(SAMPLES), "--db", str(db))
    code, out, _ = run("search", "robot", "--db", str(db), "--body", "MIIT", "--json")
    hits = json.loads(out)["hits"]
    assert code == 0 and hits and all("MIIT" in h["bodies"] for h in hits)
    code, out, _ = run("search", "robot", "--db", str(db), "--body", "MEE", "--json")
    assert json.loads(out)["hits"] == []
    entry = hits[0]["entry_id"]
    code, out, _ = run("show", f"e{entry}", "--db", str(db), "--json")
    assert code == 0 and "Robot" in out
    code, _, err = run("show", "999", "--db", str(db))
    assert code != 0 and "999" in err


def test_search_output_says_when_hits_are_newest_first_not_ranked() -> None:
    """PostgreSQL lists a query with too many matches to rank newest first; the text output says so and that
    the total is a lower bound, the JSON carries the flag."""
    from io import StringIO

    from rich.console import Console

    from policywatch.output import print_hits
    from policywatch.store.results import SearchResults

    def printed(results: SearchResults) -> str:
        buffer = StringIO()
        print_hits(Console(file=buffer, width=200), results)
        return buffer.getvalue()

    ranked = SearchResults(query="solar", expression="solar", total=12, limit=20, offset=0, hits=())
    listed = SearchResults(query="solar", expression="solar", total=2001, limit=20, offset=0, hits=(),
                           newest_first=True)
    assert printed(ranked).startswith("12 result(s) for 'solar'")
    assert printed(listed).startswith("more than 2,000 results for 'solar', newest first")
