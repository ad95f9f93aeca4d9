"""Plain-text renderings of records and query results for the terminal (the CLI's non-JSON output)."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from policywatch.records import Brief, Record, to_plain


def print_record_summary(console: Console, record: Record) -> None:
    """A few lines per parsed record: what it is and what was found in it."""
    data = to_plain(record)
    console.print(f"{data['source']['path']}: {record.type}", markup=False)
    if isinstance(record, Brief):
        period = record.period
        console.print(f"  {record.series} | {record.title or '(no title)'} | published {record.published or '?'}"
                      + (f" | period {period.start}..{period.end}" if period else "")
                      + (" | TRUNCATED" if record.truncated else ""), markup=False)
        for entry in record.entries:
            rank = f"{entry.rank}." if entry.rank else "-"
            bodies = ",".join(entry.bodies)
            console.print(f"  [{entry.section}] {rank} {entry.headline[:90]}  ({entry.date or '?'}; {bodies};"
                          f" {len(entry.key_points)} points; {len(entry.targets)} targets)", markup=False)
        return
    title = data.get("title") or data.get("title_zh") or "(no title)"
    console.print(f"  {title} | bodies {','.join(data.get('bodies') or []) or '-'}"
                  f" | targets {len(data.get('targets') or [])}", markup=False)


def print_hits(console: Console, results: Any) -> None:
    """Ranked hits with the id to `show`, the date, the section and the snippet with matches in [ ]."""
    console.print(f"{results.total} result(s) for {results.query!r}", markup=False)
    for hit in results.hits:
        ident = f"e{hit.entry_id}" if hit.entry_id else str(hit.record_id)
        console.print(f"{ident:>7}  {hit.date or '':10}  [{hit.section or hit.kind}] {hit.title}", markup=False)
        console.print(f"         {hit.snippet.marked()}", markup=False)


def print_brief_list(console: Console, briefs: Any) -> None:
    for b in to_plain(briefs):
        formats = ",".join(s.get("format", "?") for s in b.get("sources", []))
        console.print(f"{b['id']:>5}  {b.get('published') or '?':10}  {b.get('series')} | {b.get('title') or ''}"
                      f"  ({b.get('entry_count', 0)} entries; editions: {formats})", markup=False)


def print_bodies(console: Console, bodies: Any) -> None:
    """One line per body: id, English name from the registry, entry and record counts, first/last date."""
    from policywatch.registry import lookup

    for b in bodies:
        known = lookup(b.body_id)
        name = known.name_en if known else "(not in registry)"
        console.print(f"{b.body_id:14} {name[:52]:52} {b.entry_count:5} entries {b.record_count:4} records  "
                      f"{b.first_date or '?'} .. {b.last_date or '?'}", markup=False)


def print_stored(console: Console, shown: Any) -> None:
    """A stored record or entry, as indented JSON-like text (readable and complete)."""
    import json

    console.print(json.dumps(to_plain(shown), ensure_ascii=False, indent=2), markup=False)
