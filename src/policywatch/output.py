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
    data = to_plain(results)
    hits = data.get("hits", data) if isinstance(data, dict) else data
    total = data.get("total", len(hits)) if isinstance(data, dict) else len(hits)
    console.print(f"{total} result(s)", markup=False)
    for hit in hits:
        ident = f"e{hit['entry_id']}" if hit.get("entry_id") else str(hit.get("record_id"))
        console.print(f"{ident:>7}  {hit.get('date') or '':10}  [{hit.get('section') or hit.get('kind')}] "
                      f"{hit.get('headline') or hit.get('title') or ''}", markup=False)
        console.print(f"         {hit.get('snippet', '')}", markup=False)


def print_brief_list(console: Console, briefs: Any) -> None:
    for b in to_plain(briefs):
        formats = ",".join(s.get("format", "?") for s in b.get("sources", []))
        console.print(f"{b['id']:>5}  {b.get('published') or '?':10}  {b.get('series')} | {b.get('title') or ''}"
                      f"  ({b.get('entry_count', 0)} entries; editions: {formats})", markup=False)


def print_bodies(console: Console, bodies: Any) -> None:
    for b in to_plain(bodies):
        console.print(f"{b.get('body_id', b.get('id')):12} {b.get('name_en') or '':55} {b.get('entry_count', 0):5} "
                      f"entries  {b.get('first_date') or '?'} .. {b.get('last_date') or '?'}", markup=False)


def print_stored(console: Console, shown: Any) -> None:
    """A stored record or entry, as indented JSON-like text (readable and complete)."""
    import json

    console.print(json.dumps(to_plain(shown), ensure_ascii=False, indent=2), markup=False)
