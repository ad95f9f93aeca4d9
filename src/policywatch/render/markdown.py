"""The text layout the brief parser reads (written as .md: plain paragraphs and "- " bullets)."""

from __future__ import annotations

from policywatch.render import layout
from policywatch.render.records import BriefDraft, DraftItem, DraftNews


def _item_lines(number: int, item: DraftItem) -> list[str]:
    summary = item.summary or item.headline
    lines = [f"{number}. {item.headline}", f"At a glance: {summary}"]
    if item.key_points:
        lines.append("\n".join(f"- {point}" for point in item.key_points))
    for i, paragraph in enumerate(item.comment):
        lines.append(f"Analyst comment: {paragraph}" if i == 0 else paragraph)
    lines += [line for line in (layout.article_line(item), layout.bodies_line(item)) if line]
    if item.document and item.document.date:
        lines.append(f"Date: {layout.long_date(item.document.date)}")
    return lines


def _news_block(heading: str, news: tuple[DraftNews, ...]) -> list[str]:
    if not news:
        return []
    return [heading, "\n".join(f"- {layout.news_line(n)}" for n in news)]


def _people_block(draft: BriefDraft, group: str, heading: str) -> list[str]:
    people = [p for p in draft.people if p.group == group]
    if not people:
        return []
    return [heading] + [f"{p.name}\n{p.role}" if p.role else p.name for p in people]


def render_markdown(draft: BriefDraft) -> str:
    """The brief as text in the house layout: blocks separated by blank lines."""
    label = layout.top_label(draft)
    blocks = [layout.cover_line(draft.published, draft.period), *layout.series_lines(draft.series)]
    if draft.title:
        blocks.append(draft.title)
    blocks += ["CONTENTS", "\n".join(f"{c.text}{layout.CONTENTS_LEADER}\t{c.page}"
                                      for c in layout.contents(draft, label))]
    blocks.append(label)
    for number, item in enumerate(draft.top, 1):
        blocks += _item_lines(number, item)
    blocks.append("NOTEWORTHY")
    blocks += _news_block("Policy news", draft.policy_news) + _news_block("Corporate news", draft.corporate_news)
    blocks += _people_block(draft, "author", "AUTHORS") + _people_block(draft, "editor", "EDITORS")
    return "\n\n".join(blocks) + "\n"
