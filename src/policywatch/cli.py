"""The `policywatch` command: a thin shell over the library. It parses options, calls library functions and
turns their results and errors into output and exit codes (0 ok, 1 some input failed, 2 usage or query error)."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from policywatch import settings
from policywatch.errors import PolicywatchError, QueryError
from policywatch.output import (
    print_bodies,
    print_brief_list,
    print_hits,
    print_integrity,
    print_policies,
    print_record_summary,
    print_stored,
    print_target_detail,
    print_targets,
)
from policywatch.pipeline import FileResult, ingest_files, iter_files, worker_count
from policywatch.records import Unparsed, to_json, to_plain

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="China industrial-policy briefs and government documents as searchable, tracked data.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL [env POLICYWATCH_DB; default ./policywatch.db]"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


F = TypeVar("F", bound=Callable[..., None])


def friendly_errors(command: F) -> F:
    """Turn the library's errors into a one-line message and exit status 2 (never a traceback)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except PolicywatchError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _emit(data: Any, as_json: bool, printer: Callable[[Console, Any], None]) -> None:
    """JSON on stdout for --json (for scripts), else the human rendering."""
    if as_json:
        print(json.dumps(to_plain(data), ensure_ascii=False))
    else:
        printer(out, data)


def _open(db: str | None) -> Any:
    from policywatch.store import open_store

    return open_store(db or settings.get("db"))


@app.command()
@friendly_errors
def parse(
    files: Annotated[list[Path], typer.Argument(help="Files to parse (PDF, HTML, DOCX, text).")],
    as_json: JsonOption = False,
) -> None:
    """Parse files and print their records (one JSON object per file with --json: JSON Lines)."""
    from policywatch.pipeline import parse_file

    failed = 0
    for path in iter_files(files):
        record, _ = parse_file(path)
        if isinstance(record, Unparsed):
            failed += 1
            err.print(f"error: {record.path}: {record.reason}", markup=False)
            if as_json:
                print(json.dumps({"type": "unparsed", "source": {"path": record.path}, "reason": record.reason}))
            continue
        if as_json:
            print(to_json(record))
        else:
            print_record_summary(out, record)
    raise typer.Exit(1 if failed else 0)


@app.command()
@friendly_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (searched recursively).")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary.")] = False,
    workers: Annotated[str, typer.Option(
        "--workers", "-w", help='Processes that parse files at once: a number, or 0 / "auto" for one per CPU.'
        " Storing stays in one process, in input order.")] = "1",
) -> None:
    """Read, parse and store documents. Idempotent: a file already stored is reported as unchanged.

    Each file is stored in its own transaction. The target ledger takes stored files in
    every 1,000 files (POLICYWATCH_LEDGER_BATCH), at least once a minute, and at the end."""
    parsers = _worker_count(workers)
    try:
        settings.ledger_batch()
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    store = _open(db)
    files = list(iter_files(paths))
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=len(files))

        def report(result: FileResult) -> None:
            bar.advance(task)
            if result.status == "failed":
                err.print(f"error: {result.path}: {result.message}", markup=False)
            elif not quiet:
                bar.console.print(f"{result.status:9} {result.kind:7} #{result.record_id}  {result.path}"
                                  + (f"  ({result.message})" if result.message else ""), markup=False)

        batch = ingest_files(store, files, workers=min(parsers, max(len(files), 1)), on_result=report)
    counts = batch.counts
    summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("new", "updated", "unchanged", "failed"))
    err.print(f"{len(files)} files: {summary}  → {getattr(store, 'location', db)}", markup=False)
    raise typer.Exit(1 if batch.failed else 0)


def _worker_count(value: str) -> int:
    """--workers: a whole number ≥ 0 or "auto"; 0 and "auto" mean one per CPU."""
    text = value.strip().lower()
    if text != "auto" and not text.isdigit():
        raise typer.BadParameter(f"{value!r} is not a number of workers (a whole number, or auto)",
                                 param_hint="--workers")
    return worker_count(0 if text == "auto" else int(text))


@app.command()
@friendly_errors
def check(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check a store's integrity: foreign keys, the search index, the target ledger, sources. Exit 1 if damaged."""
    from policywatch.store.integrity import check_store

    report = check_store(_open(db))
    if as_json:
        print(json.dumps({"ok": report.ok, **to_plain(report)}, ensure_ascii=False))
    else:
        print_integrity(out, report)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
@friendly_errors
def search(
    query: Annotated[str, typer.Argument(help='Words or "a phrase", English or Chinese; OR between terms.')],
    db: DbOption = None,
    body: Annotated[str | None, typer.Option(help="Only entries/records of this body id (e.g. MIIT).")] = None,
    section: Annotated[str | None, typer.Option(help="top | policy_news | corporate_news")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest date, YYYY-MM-DD.")] = None,
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over entries, document titles and documents, ranked, with a snippet."""
    store = _open(db)
    results = store.search(query, body=body, section=section, since=since, until=until, limit=limit)
    _emit(results, as_json, print_hits)


@app.command()
@friendly_errors
def briefs(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every stored brief: id, series, title, published, entry count, source editions."""
    listed = _open(db).briefs()
    _emit(listed, as_json, print_brief_list)


@app.command()
@friendly_errors
def show(
    record_id: Annotated[str, typer.Argument(help="A record id (e.g. 3) or an entry id (e.g. e12).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A stored record with its entries, or one entry (id prefixed with e) with its provenance."""
    store = _open(db)
    if not record_id.lstrip("e").isdigit():
        raise QueryError(f"{record_id!r} is not a record id (3) or an entry id (e12)")
    shown: Any = store.get_entry(int(record_id[1:])) if record_id.startswith("e") else store.get_record(int(record_id))
    if getattr(shown, "type", None) == "policy":
        from policywatch.link import policy_detail

        shown = policy_detail(store, shown.id)  # metadata, linked entries, relations, targets
    _emit(shown, as_json, print_stored)


@app.command()
@friendly_errors
def bodies(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Each issuing body with its entry count and first/last date."""
    listed = _open(db).bodies()
    _emit(listed, as_json, print_bodies)


@app.command()
@friendly_errors
def policies(
    db: DbOption = None,
    body: Annotated[str | None, typer.Option(help="Issuing body id (e.g. MIIT).")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest document date, YYYY-MM-DD.")] = None,
    form: Annotated[str | None, typer.Option(help="Document form: 通知, 意见, 规划, 方案 …")] = None,
    as_json: JsonOption = False,
) -> None:
    """Chinese government documents: number, date, form, issuers and how many brief entries link to each."""
    from policywatch.link import list_policies

    rows = list_policies(_open(db), body=body, since=since, form=form)
    _emit(rows, as_json, print_policies)


@app.command()
@friendly_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Start the web app (read-only unless POLICYWATCH_TOKEN is set)."""
    from policywatch.web.app import run

    location = db or settings.get("db")
    _open(location).close()  # fail here, with a clear message, if the database cannot be opened
    err.print(f"policywatch: serving {location} on http://{host}:{port}/  (Ctrl+C stops)", markup=False)
    run(host, port, location)


@app.command()
@friendly_errors
def targets(
    db: DbOption = None,
    year: Annotated[int | None, typer.Option(help="Deadline year.")] = None,
    body: Annotated[str | None, typer.Option(help="Issuing body id (e.g. MIIT).")] = None,
    unit: Annotated[str | None, typer.Option(help="Unit (CNY, percent, GW…) or unit class.")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector id (e.g. batteries).")] = None,
    status: Annotated[str | None, typer.Option(help="stated|restated|revised|achieved|missed|superseded")] = None,
    as_json: JsonOption = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """The target ledger: every quantified goal, restated, revised and checked across documents."""
    from policywatch.ledger import list_targets, targets_csv

    rows = list_targets(_open(db), year=year, body=body, unit=unit, sector=sector, status=status)
    if as_csv:
        sys.stdout.write(targets_csv(rows))
    else:
        _emit(rows, as_json, print_targets)


@app.command()
@friendly_errors
def target(
    target_id: Annotated[int, typer.Argument(help="A ledger target id (from `policywatch targets`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One ledger target: every source with the sentence it came from, derived figures and history."""
    from policywatch.ledger import get_target

    detail = get_target(_open(db), target_id)
    _emit(detail, as_json, print_target_detail)


def _register_publish_commands() -> None:
    from policywatch import cli_alerts

    app.add_typer(cli_alerts.watch_app, name="watch")
    app.add_typer(cli_alerts.brief_app, name="brief")
    app.command("alerts")(friendly_errors(cli_alerts.alerts))
    app.command("deliver")(friendly_errors(cli_alerts.deliver))


_register_publish_commands()


def _register_transfer_commands() -> None:
    from policywatch import cli_transfer

    app.command("export")(friendly_errors(cli_transfer.export))
    app.command("import")(friendly_errors(cli_transfer.import_))


_register_transfer_commands()


def main() -> None:
    """Entry point: run the app, turning errors into one-line messages (never a traceback)."""
    exit_code: Any = 0
    try:
        # without standalone mode, a command's typer.Exit comes back as the return value, not raised
        exit_code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except PolicywatchError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except (ValueError, KeyError) as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except Exception as exc:  # click usage errors and anything unexpected
        _exit_on_unexpected(exc)
    sys.exit(exit_code if isinstance(exit_code, int) else 0)


def _exit_on_unexpected(exc: Exception) -> None:
    import click

    # click's usage errors, and the copies of them Typer vendors (typer.BadParameter is not a click class)
    show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
    if isinstance(exc, click.exceptions.ClickException) or (callable(show) and isinstance(exit_code, int)):
        exc.show()  # type: ignore[attr-defined]
        sys.exit(exit_code)
    if isinstance(exc, click.exceptions.Abort | typer.Abort):
        err.print("aborted")
        sys.exit(130)
    err.print(f"internal error: {type(exc).__name__}: {exc} (please report this)", markup=False)
    sys.exit(70)
