"""The brief as one standalone HTML file: inline CSS, no external assets (works offline)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from policywatch.render import layout
from policywatch.render.records import BriefDraft, DraftItem

_HYPHENATED = re.compile(r"[^\s<>&;]+-[^\s<>&;]+")
_TEMPLATES = resources.files("policywatch.render") / "templates"


@cache
def _environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: (_TEMPLATES / name).read_text(encoding="utf-8"))
    env = jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True)
    env.filters["keep_hyphenated"] = keep_hyphenated
    return env


def keep_hyphenated(text: str, enabled: bool = True) -> Markup:
    """Escape `text` and keep each hyphenated word on one line: the PDF reader joins a word broken after
    its hyphen without the hyphen ("Lithium-/ion" → "Lithiumion")."""
    escaped = str(escape(text))
    if not enabled:
        return Markup(escaped)
    return Markup(_HYPHENATED.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', escaped))


def stylesheet(name: str) -> str:
    """A stylesheet from templates/ (screen.css, print.css)."""
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def _item_view(item: DraftItem) -> dict[str, object]:
    return {"headline": item.headline, "summary": item.summary, "key_points": item.key_points,
            "comment": item.comment, "article": layout.article_line(item), "bodies": layout.bodies_line(item),
            "date": layout.long_date(item.document.date) if item.document and item.document.date else None}


def render_html(draft: BriefDraft, *, css: str | None = None, static_pages: bool = True) -> str:
    """The brief in the house layout as HTML. `static_pages`: write the text layout's page numbers into the
    contents (the PDF leaves them out and lets CSS `target-counter` give the real ones)."""
    label = layout.top_label(draft)
    return _environment().get_template("brief.html.j2").render(
        css=stylesheet("screen.css") if css is None else css,
        title=draft.title, published=draft.published, series_lines=layout.series_lines(draft.series),
        cover=layout.cover_line(draft.published, draft.period),
        contents=layout.contents(draft, label),
        leader=layout.CONTENTS_LEADER, static_pages=static_pages, pdf=not static_pages,
        top_label=label,
        items=[_item_view(item) for item in draft.top],
        news=[("Policy news", [layout.news_line(n) for n in draft.policy_news]),
              ("Corporate news", [layout.news_line(n) for n in draft.corporate_news])],
        groups=[("AUTHORS", [p for p in draft.people if p.group == "author"]),
                ("EDITORS", [p for p in draft.people if p.group == "editor"])],
    )
