"""The error export and import raise: one line that names the file, table or row at fault."""

from __future__ import annotations

from policywatch.errors import PolicywatchError


class TransferError(PolicywatchError):
    """An export could not be written, or an export directory cannot be imported (nothing was imported)."""
