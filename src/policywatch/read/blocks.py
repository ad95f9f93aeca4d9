"""Block text: the shape every reader gives its output so that parsers can rely on lines.

One block per line; a blank line between paragraphs and around headings; list items and table rows
of one list or table on consecutive lines (items start with "• " or "N. ", cells are tab-joined).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from policywatch.read import patterns

BlockKind = Literal["para", "heading", "item", "row"]
_TIGHT: frozenset[str] = frozenset({"item", "row"})  # kinds that stay on consecutive lines


@dataclass(frozen=True)
class Block:
    text: str
    kind: BlockKind = "para"


def clean_inline(text: str) -> str:
    """Runs of spaces collapsed and each line stripped; lines inside a block (from <br>) are kept."""
    lines = (patterns.WHITESPACE_RUN.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def render_blocks(blocks: list[Block]) -> str:
    """The blocks as text: consecutive items or rows joined by one newline, everything else by two."""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if not block.text:
            continue
        if previous is not None:
            tight = block.kind in _TIGHT and previous.kind == block.kind
            parts.append("\n" if tight else "\n\n")
        parts.append(block.text)
        previous = block
    return "".join(parts)


def list_item(text: str, number: int | None = None) -> Block:
    """A list item line: "• text", or "3. text" in an ordered list."""
    marker = f"{number}. " if number is not None else patterns.BULLET
    return Block(marker + text.replace("\n", " "), "item")


def table_row(cells: list[str]) -> Block:
    return Block("\t".join(cell.replace("\n", " ") for cell in cells), "row")
