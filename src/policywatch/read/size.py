"""The input size limit, and sizes written the way people read them."""

from __future__ import annotations

from policywatch.settings import SETTINGS

_MIB = 1024 * 1024


def human_size(size: int) -> str:
    """'512 bytes', '3.4 KB', '52.4 MB' (binary units, as the limit setting is given in bytes)."""
    if size < 1024:
        return f"{size} bytes"
    if size < _MIB:
        return f"{size / 1024:.1f} KB"
    return f"{size / _MIB:.1f} MB"


def size_problem(size: int, limit: int) -> str | None:
    """The one-line reason a file of `size` bytes is refused, or None when it is within `limit`."""
    if size <= limit:
        return None
    return (
        f"file is {human_size(size)}, above the {human_size(limit)} limit "
        f"(set {SETTINGS['max_bytes'].env} to raise it)"
    )
