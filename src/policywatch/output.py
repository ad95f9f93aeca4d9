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
    if getattr(results, "newest_first", False):
        console.print(f"more than {results.total - 1:,} results for {results.query!r}, newest first (too many"
                      " to rank: add words or filters to rank them)", markup=False)
    else:
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


def format_value(value: float, unit: str) -> str:
    """5e12 CNY → "5 trillion CNY"; 7.8 percent → "7.8 percent"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word} {unit}"
    return f"{value:g} {unit}"


def print_targets(console: Console, rows: Any) -> None:
    """One line per ledger target: id, deadline, comparator and value, status, how many documents state it."""
    console.print(f"{len(rows)} target(s)", markup=False)
    for t in rows:
        flags = "".join((" [corporate]" if t.corporate else "", " [draft]" if t.draft else ""))
        change = {"increase": "+", "decrease": "-"}.get(t.direction or "", "±") if t.kind == "change" else ""
        console.print(f"{t.id:>5}  {t.year or '----'}  {t.comparator:2} {change + format_value(t.value, t.unit):28} "
                      f"{t.status:10} {t.record_count} doc(s)  {t.metric[:60]}{flags}", markup=False)


def print_target_detail(console: Console, detail: Any) -> None:
    """A ledger target with its sources, history and derived figures (computed, not read)."""
    t = detail.summary
    console.print(f"target {t.id}: {t.metric} {t.comparator} {format_value(t.value, t.unit)} by {t.year or '?'}"
                  f"  [{t.status}]", markup=False)
    if detail.baseline:
        b = detail.baseline
        console.print(f"  baseline: value {b.value} year {b.year} factor {b.factor}"
                      + (" (approximate)" if b.approximate else ""), markup=False)
    console.print("  sources:", markup=False)
    for s in detail.sources:
        console.print(f"    {s.date or '?':10} {s.record_type} #{s.record_id} {s.title or ''}", markup=False)
        console.print(f"               \"{s.sentence}\"", markup=False)
    if detail.outcome:
        console.print(f"  outcome: {format_value(detail.outcome.value, detail.outcome.unit)} "
                      f"({detail.outcome.date or '?'})", markup=False)
    _print_derived(console, detail.derived, t.unit)
    for event in detail.events:
        extra = f" (was {event.previous_value:g})" if event.previous_value is not None else ""
        console.print(f"  history: {event.date or '?':10} {event.kind:10} record #{event.record_id}"
                      f"{' value ' + format(event.value, 'g') if event.value is not None else ''}{extra}"
                      f"{'  ' + event.note if event.note else ''}", markup=False)


def _print_derived(console: Console, derived: Any, unit: str) -> None:
    """Derived figures are labelled as computed: they are never what a document said."""
    if derived.growth:
        g = derived.growth
        console.print(f"  computed: implied growth {g.percent_per_year:.1f} % a year from {g.from_year} to "
                      f"{g.to_year} (basis: {g.basis})", markup=False)
    if derived.implied_baseline:
        b = derived.implied_baseline
        console.print(f"  computed: implied {b.year or '?'} value {'about ' if b.approximate else ''}"
                      f"{format_value(b.value, unit)} (target / {b.factor:g})", markup=False)
    for c in derived.consistency:
        verdict = "holds" if c.holds else "does not hold"
        console.print(f"  check: {c.year} figure {format_value(c.found_value, unit)} from {c.found_in} in record "
                      f"#{c.found_record_id}: ratio {c.ratio:.2f} vs stated {c.expected:g} → {verdict} "
                      f"({c.tolerance})", markup=False)


def print_policies(console: Console, rows: Any) -> None:
    """One line per policy: id, date, 发文字号, form, issuers, links, title."""
    console.print(f"{len(rows)} policy document(s)", markup=False)
    for p in rows:
        date = p.date_written or p.date_published or "?"
        links = f"{p.asserted_links} linked" + (f" +{p.proposed_links} proposed" if p.proposed_links else "")
        draft = " [draft]" if p.is_draft else ""
        console.print(f"{p.id:>5}  {date:10}  {p.doc_number or '-':22} {p.doc_form or '-':6} "
                      f"{','.join(p.bodies) or '-':18} {links:22} {p.title}{draft}", markup=False)


def print_integrity(console: Console, report: Any) -> None:
    """One line per check (ok, or how many problems), each problem indented under it, then the verdict."""
    console.print(f"integrity of {report.location} ({report.dialect})", markup=False)
    for check in report.checks:
        verdict = "ok" if not check.problems else f"{len(check.problems)} problem(s)"
        console.print(f"  {check.name:13} {verdict:14} {check.description}", markup=False)
        for problem in check.problems:
            console.print(f"    - {problem.detail}", markup=False)
    console.print("OK: no problems found" if report.ok else f"DAMAGED: {len(report.problems)} problem(s)",
                  markup=False)
