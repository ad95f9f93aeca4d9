"""The CLI commands of the publish-and-watch stage: `watch add|list|remove|preview`, `alerts`, `deliver`,
`brief draft|render`.

A thin shell over `policywatch.alerts`; registered on the main app by `policywatch.cli`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from policywatch import settings
from policywatch.records import to_plain

watch_app = typer.Typer(add_completion=False, no_args_is_help=True,
                        help="Watchlists: saved searches that raise alerts when new documents match.")

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file [env POLICYWATCH_DB]")]
Texts = Annotated[list[str] | None, typer.Option(help="Repeat for several; any one may match.")]


def _spec(text: str, bodies: list[str] | None, sectors: list[str] | None, companies: list[str] | None,
          form: str | None, due_by: int | None, unit: str | None, min_value: float | None) -> object:
    from policywatch.alerts import WatchSpec

    return WatchSpec(text=text, bodies=tuple(bodies or ()), sectors=tuple(sectors or ()),
                     companies=tuple(companies or ()), doc_form=form, target_due_by=due_by, target_unit=unit,
                     target_min_value=min_value)


def _connection(db: str | None) -> object:
    from policywatch.alerts import open_alerts

    return open_alerts(db or settings.get("db"))


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="A name for the watchlist.")],
    text: Annotated[str, typer.Option(help='Search text, e.g. "battery OR 电池".')] = "",
    body: Texts = None,
    sector: Texts = None,
    company: Texts = None,
    form: Annotated[str | None, typer.Option(help="Document form, e.g. 通知.")] = None,
    due_by: Annotated[int | None, typer.Option(help="Has a target due by this year.")] = None,
    unit: Annotated[str | None, typer.Option(help="Has a target in this unit (e.g. CNY).")] = None,
    min_value: Annotated[float | None, typer.Option(help="…whose value is at least this (e.g. 1e11).")] = None,
    webhook: Annotated[str | None, typer.Option(help="POST alerts here (signed with HMAC-SHA256).")] = None,
    secret: Annotated[str | None, typer.Option(help="Webhook signing secret (generated when omitted).")] = None,
    email: Annotated[str | None, typer.Option(help="Send e-mail digests here.")] = None,
    db: DbOption = None,
) -> None:
    """Save a watchlist. New and changed documents are matched against it at every ingest."""
    from policywatch.alerts import add_watch

    spec = _spec(text, body, sector, company, form, due_by, unit, min_value)
    watch = add_watch(_connection(db), name, spec, webhook_url=webhook, secret=secret, email=email)  # type: ignore[arg-type]
    typer.echo(f"watch {watch.name!r} saved (#{watch.id})" + (f"; webhook secret: {watch.secret}" if webhook else ""))


@watch_app.command("list")
def watch_list(db: DbOption = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The saved watchlists."""
    from policywatch.alerts import list_watches

    watches = list_watches(_connection(db))  # type: ignore[arg-type]
    if as_json:
        typer.echo(json.dumps(to_plain(watches), ensure_ascii=False))
        return
    for w in watches:
        where = ", ".join(x for x in (w.webhook_url and "webhook", w.email and "e-mail") if x) or "feed only"
        typer.echo(f"{w.id:>4}  {w.name:20} {w.spec.text!r:30} ({where})")


@watch_app.command("remove")
def watch_remove(name: Annotated[str, typer.Argument()], db: DbOption = None) -> None:
    """Delete a watchlist and its alerts."""
    from policywatch.alerts import remove_watch

    remove_watch(_connection(db), name)  # type: ignore[arg-type]
    typer.echo(f"watch {name!r} removed")


@watch_app.command("preview")
def watch_preview(
    text: Annotated[str, typer.Option(help='Search text, e.g. "battery OR 电池".')] = "",
    body: Texts = None,
    sector: Texts = None,
    company: Texts = None,
    form: Annotated[str | None, typer.Option()] = None,
    due_by: Annotated[int | None, typer.Option()] = None,
    unit: Annotated[str | None, typer.Option()] = None,
    min_value: Annotated[float | None, typer.Option()] = None,
    db: DbOption = None,
) -> None:
    """How many stored documents a watchlist would have matched, by month, before you save it."""
    from policywatch.alerts import preview_watch

    counts = preview_watch(_connection(db), _spec(text, body, sector, company, form, due_by, unit, min_value))  # type: ignore[arg-type]
    for month, count in sorted(counts.items()):
        typer.echo(f"{month}  {count:5}  {'#' * min(count, 60)}")
    typer.echo(f"total {sum(counts.values())}")


def alerts(
    watch: Annotated[str | None, typer.Option(help="Only this watchlist.")] = None,
    since: Annotated[str | None, typer.Option(help="Alerts created since YYYY-MM-DD.")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Alerts raised by the watchlists, newest first, with the text that matched."""
    from policywatch.alerts import list_alerts

    found = list_alerts(_connection(db), watch=watch, since=since)  # type: ignore[arg-type]
    if as_json:
        typer.echo(json.dumps(to_plain(found), ensure_ascii=False))
        return
    for a in found:
        ident = f"e{a.entry_id}" if a.entry_id else str(a.record_id)
        typer.echo(f"{a.created_at[:10]}  {a.watch:16} {ident:>6}  {a.title[:70]}  [{a.span.field}: {a.span.text!r}]")


def deliver(
    smtp_host: Annotated[str | None, typer.Option(help="SMTP server for e-mail digests.")] = None,
    smtp_port: Annotated[int, typer.Option(help="SMTP port.")] = 25,
    db: DbOption = None,
) -> None:
    """Send pending alerts (webhooks, e-mail digests); failures are retried later with backoff."""
    from policywatch.alerts import SmtpSettings, deliver_pending

    smtp = SmtpSettings(host=smtp_host, port=smtp_port) if smtp_host else None
    report = deliver_pending(_connection(db), smtp=smtp)  # type: ignore[arg-type]
    typer.echo(f"delivered {report.delivered}, retry later {report.retried}, gave up {report.failed}")
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    raise typer.Exit(1 if report.failed else 0)


brief_app = typer.Typer(add_completion=False, no_args_is_help=True,
                        help="Compose a brief: draft it from the archive, edit the file, render it.")


@brief_app.command("draft")
def brief_draft(
    start: Annotated[str, typer.Option("--from", help="Start of the reporting period, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="End of the reporting period, YYYY-MM-DD.")],
    out: Annotated[Path, typer.Option("-o", "--output", help="The draft file to write (.yaml or .json).")],
    top: Annotated[int, typer.Option(help="How many Top items to propose.")] = 5,
    series: Annotated[str | None, typer.Option(help="Series name for the cover.")] = None,
    watch: Annotated[list[str] | None, typer.Option(help="Sectors on your watchlists (raise their score).")] = None,
    db: DbOption = None,
) -> None:
    """Propose the period's Top N and Noteworthy lists as a draft file you then edit."""
    from policywatch.render import draft_brief, save_draft
    from policywatch.store import open_store

    with open_store(db or settings.get("db")) as store:
        draft = draft_brief(store, start=start, end=end, top=top, series=series, watch_sectors=watch or ())
    save_draft(draft, out)
    typer.echo(f"wrote {out}: {len(draft.top)} top items, {len(draft.policy_news)} policy news, "
               f"{len(draft.corporate_news)} corporate news")


@brief_app.command("render")
def brief_render(
    draft_file: Annotated[Path, typer.Argument(help="The edited draft (.yaml or .json).")],
    out: Annotated[Path, typer.Option("-o", "--output", help="The file to write.")],
    fmt: Annotated[str, typer.Option("--format", help="html | pdf | md | json")] = "html",
) -> None:
    """Render a draft in the house layout: standalone HTML, PDF (with CJK fonts), Markdown or JSON."""
    from policywatch.render import load_draft, render_brief

    written = render_brief(load_draft(draft_file), fmt, out)  # type: ignore[arg-type]
    typer.echo(f"wrote {written}")
