"""`render_brief`: one draft, four outputs (html, pdf, md, json)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from policywatch.errors import PolicywatchError
from policywatch.records import Brief, DocumentRef, Entry, Source, to_json
from policywatch.render.records import BriefDraft, DraftItem, DraftNews

Format = Literal["html", "pdf", "md", "json"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "md", "json")


class RenderError(PolicywatchError):
    """A brief could not be rendered (unknown format, missing PDF engine)."""


def _top_entry(rank: int, item: DraftItem) -> Entry:
    doc = item.document
    ref = DocumentRef(doc.title_en, doc.title_zh, doc.bodies, doc.date, doc.url) if doc else None
    return Entry(section="top", rank=rank, headline=item.headline, summary=item.summary,
                 key_points=item.key_points, comment=item.comment, date=doc.date if doc else None,
                 document=ref, documents=(ref,) if ref else (), bodies=doc.bodies if doc else ())


def _news_entry(section: Literal["policy_news", "corporate_news"], news: DraftNews) -> Entry:
    return Entry(section=section, rank=None, headline=news.text, text=news.text,
                 source_label=news.source_label, date=news.date)


def draft_to_brief(draft: BriefDraft, *, path: str = "") -> Brief:
    """The Brief record the draft describes (what `parse_path` would read back from a rendering)."""
    entries = [_top_entry(rank, item) for rank, item in enumerate(draft.top, 1)]
    entries += [_news_entry("policy_news", n) for n in draft.policy_news]
    entries += [_news_entry("corporate_news", n) for n in draft.corporate_news]
    return Brief(series=draft.series, title=draft.title, published=draft.published, period=draft.period,
                 contents=tuple(item.headline for item in draft.top), entries=tuple(entries),
                 people=draft.people, truncated=False, source=Source(path=path, sha256="", format="draft"))


def render_brief(draft: BriefDraft, fmt: Format, out: Path) -> Path:
    """Write the brief in `fmt` to `out` and return `out`. Raises RenderError for an unknown format."""
    if fmt == "md":
        from policywatch.render.markdown import render_markdown

        out.write_text(render_markdown(draft), encoding="utf-8")
    elif fmt == "html":
        from policywatch.render.html import render_html

        out.write_text(render_html(draft), encoding="utf-8")
    elif fmt == "pdf":
        from policywatch.render.pdf import render_pdf

        out.write_bytes(render_pdf(draft))
    elif fmt == "json":
        out.write_text(to_json(draft_to_brief(draft, path=str(out)), indent=2) + "\n", encoding="utf-8")
    else:
        raise RenderError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return out
