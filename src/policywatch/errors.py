"""Error bases, one per stage. Library code raises these; the CLI and web shells turn them into messages."""

from __future__ import annotations


class PolicywatchError(Exception):
    """Base of every error policywatch raises on purpose."""


class ReadError(PolicywatchError):
    """A file could not be read as a document (empty, binary, truncated, too large, undecodable)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ParseError(PolicywatchError):
    """A document was read but its structure could not be understood."""


class StoreError(PolicywatchError):
    """The database could not be opened, migrated or written."""


class QueryError(PolicywatchError):
    """A search or filter the user gave cannot be answered (bad syntax, bad date)."""
