"""The CLI commands `export` and `import`: a whole store to files and back (SQLite → PostgreSQL too).

A thin shell over `policywatch.transfer`; registered on the main app by `policywatch.cli`.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policywatch import settings

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL [env POLICYWATCH_DB; default ./policywatch.db]"),
]


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory to create (must not exist or be empty).")],
    data_format: Annotated[ExportFormat, typer.Option("--format", help="File format of the tables.")] = (
        ExportFormat.jsonl),
    db: DbOption = None,
) -> None:
    """Write every table (records, entries, ledger, links, alerts…) as files in a new directory, with a manifest."""
    from policywatch.store import open_store
    from policywatch.transfer import export_store

    with open_store(db or settings.get("db")) as store:
        report = export_store(store, output, data_format.value)
    typer.echo(f"exported {report.rows} rows of {report.tables} tables to {report.directory} ({report.data_format})")


def import_(
    directory: Annotated[Path, typer.Argument(help="A directory written by `policywatch export`.")],
    db: DbOption = None,
) -> None:
    """Load an export into an empty database (checks every file's sha256 first; all or nothing)."""
    from policywatch.store import open_store
    from policywatch.transfer import import_export

    with open_store(db or settings.get("db")) as store:
        report = import_export(store, directory)
    typer.echo(f"imported {report.rows} rows of {report.tables} tables into {report.location}")
