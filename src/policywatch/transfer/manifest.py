"""manifest.json: what an export holds and how to check it — format version, policywatch version, schema
versions, and per table its file, columns with types, row count and sha256. Written last, so a directory with
a manifest is a finished export; read and checked first by the importer, before the database is touched."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policywatch.transfer.errors import TransferError
from policywatch.transfer.formats import FORMATS, file_name

MANIFEST = "manifest.json"
FORMAT_NAME = "policywatch-export"
FORMAT_VERSION = 1
COLUMN_TYPES = ("integer", "real", "text", "bytes")
# Manifest fields that differ between two exports of the same data (docs/export.md): the clock, and which
# backend it came from. A table's sha256 also changes with its volatile columns (`volatile` per table).
VOLATILE_MANIFEST_FIELDS = ("exported_at", "source_backend")
_HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ColumnEntry:
    name: str
    type: str  # integer | real | text | bytes


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    columns: tuple[ColumnEntry, ...]
    primary_key: tuple[str, ...]
    rows: int
    sha256: str
    volatile: tuple[str, ...]  # columns whose values differ between two runs over the same documents

    @property
    def column_specs(self) -> list[tuple[str, str]]:
        return [(column.name, column.type) for column in self.columns]


@dataclass(frozen=True)
class Manifest:
    policywatch_version: str
    data_format: str
    schema_versions: tuple[int, ...]
    exported_at: str
    source_backend: str
    tables: tuple[TableEntry, ...]
    format_version: int = FORMAT_VERSION


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(_HASH_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def manifest_json(manifest: Manifest) -> str:
    data = {
        "format": FORMAT_NAME,
        "format_version": manifest.format_version,
        "policywatch_version": manifest.policywatch_version,
        "data_format": manifest.data_format,
        "schema_versions": list(manifest.schema_versions),
        "exported_at": manifest.exported_at,
        "source_backend": manifest.source_backend,
        "volatile_fields": list(VOLATILE_MANIFEST_FIELDS),
        "tables": [{
            "name": table.name,
            "file": table.file,
            "rows": table.rows,
            "sha256": table.sha256,
            "primary_key": list(table.primary_key),
            "volatile": list(table.volatile),
            "columns": [{"name": column.name, "type": column.type} for column in table.columns],
        } for table in manifest.tables],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_manifest(directory: Path, manifest: Manifest) -> None:
    (directory / MANIFEST).write_text(manifest_json(manifest), encoding="utf-8")


def read_manifest(directory: Path) -> Manifest:
    """The manifest of the export in `directory`, its structure checked; TransferError when it is missing,
    corrupt or from a newer policywatch."""
    path = directory / MANIFEST
    if not directory.is_dir():
        raise TransferError(f"{directory} is not a directory")
    if not path.is_file():
        raise TransferError(f"{directory} has no {MANIFEST}: it is not a policywatch export")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise TransferError(f"{path}: not valid JSON ({error})") from error
    try:
        return _parse(data)
    except (KeyError, TypeError, ValueError) as error:
        raise TransferError(f"{path}: not a policywatch export manifest ({error})") from error


def _field(data: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(data, dict):
        raise TypeError(f"expected an object holding {key!r}")
    if key not in data:
        raise KeyError(f"{key!r} is missing")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"{key!r} has the wrong type")
    return value


def _parse(data: Any) -> Manifest:
    if _field(data, "format", str) != FORMAT_NAME:
        raise ValueError(f"'format' is not {FORMAT_NAME!r}")
    version = _field(data, "format_version", int)
    if version > FORMAT_VERSION:
        raise ValueError(f"format version {version} is newer than this policywatch reads ({FORMAT_VERSION}):"
                         " import it with a newer policywatch")
    data_format = _field(data, "data_format", str)
    if data_format not in FORMATS:
        raise ValueError(f"unknown data format {data_format!r}")
    versions = tuple(_field(data, "schema_versions", list))
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in versions):
        raise TypeError("'schema_versions' must be whole numbers")
    tables = tuple(_table(item, data_format) for item in _field(data, "tables", list))
    if len({table.name for table in tables}) != len(tables):
        raise ValueError("a table is listed twice")
    return Manifest(policywatch_version=_field(data, "policywatch_version", str), data_format=data_format,
                    schema_versions=versions, exported_at=_field(data, "exported_at", str),
                    source_backend=_field(data, "source_backend", str), tables=tables, format_version=version)


def _table(item: Any, data_format: str) -> TableEntry:
    name = _field(item, "name", str)
    file = _field(item, "file", str)
    if file != file_name(name, data_format):  # never a path: files live beside the manifest
        raise ValueError(f"table {name}: file {file!r} should be {file_name(name, data_format)!r}")
    columns = tuple(ColumnEntry(_field(c, "name", str), _field(c, "type", str)) for c in _field(item, "columns", list))
    for column in columns:
        if column.type not in COLUMN_TYPES:
            raise ValueError(f"table {name}: column {column.name} has unknown type {column.type!r}")
    rows = _field(item, "rows", int)
    if rows < 0:
        raise ValueError(f"table {name}: negative row count")
    return TableEntry(name=name, file=file, columns=columns, rows=rows, sha256=_field(item, "sha256", str),
                      primary_key=tuple(str(k) for k in _field(item, "primary_key", list)),
                      volatile=tuple(str(v) for v in _field(item, "volatile", list)))
