"""The three file formats an export is written in, each a writer and a streaming reader of rows whose cells are
None, int, float, str or bytes according to the column's manifest type (integer, real, text, bytes).

* jsonl — one JSON object per row, keys in column order, UTF-8 (not \\u-escaped); bytes as base64 strings.
* csv — RFC 4180: a header row, fields separated by commas, records by CRLF, a field quoted when it holds a
  comma, quote, CR or LF. NULL is an empty unquoted field and the empty string `""` (PostgreSQL's COPY
  convention), so the two stay apart; bytes as base64; floats as Python's repr.
* parquet — one file per table, int64 / float64 / large_string / large_binary columns, zstd, written in row
  groups of at most ROW_GROUP_ROWS rows or about ROW_GROUP_BYTES bytes, and read one row group at a time.

Writers are deterministic: the same rows give byte-identical files (parquet: with the same pyarrow version).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from policywatch.transfer.errors import TransferError

FORMATS = ("jsonl", "csv", "parquet")
READ_ROWS = 256  # most rows handed to the importer at a time…
READ_BYTES = 8 * 1024 * 1024  # …and about this much text or data at most (rows of original files are large)
ROW_GROUP_ROWS = 8192
ROW_GROUP_BYTES = 8 * 1024 * 1024
_ARROW_TYPES = {"integer": pa.int64(), "real": pa.float64(), "text": pa.large_string(), "bytes": pa.large_binary()}
_CSV_FIELD = re.compile(r'"((?:[^"]+|"")*)"|([^,"\r\n]*)')
_CSV_NEEDS_QUOTES = re.compile(r'[,"\r\n]')

Row = tuple[Any, ...]
ColumnSpec = tuple[str, str]  # (name, manifest type)


class TableWriter(Protocol):
    def write(self, rows: Sequence[Row]) -> None: ...

    def close(self) -> None: ...


def file_name(table: str, fmt: str) -> str:
    return f"{table}.{fmt}"


def open_writer(fmt: str, path: Path, columns: Sequence[ColumnSpec]) -> TableWriter:
    if fmt == "jsonl":
        return _JsonlWriter(path, columns)
    if fmt == "csv":
        return _CsvWriter(path, columns)
    if fmt == "parquet":
        return _ParquetWriter(path, columns)
    raise TransferError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def read_rows(fmt: str, path: Path, columns: Sequence[ColumnSpec]) -> Iterator[list[Row]]:
    """The rows of one table file in chunks (at most READ_ROWS rows, about READ_BYTES of input); TransferError
    naming the file (and line) when it cannot be read or does not hold what the manifest says."""
    readers = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}
    if fmt not in readers:
        raise TransferError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    try:
        yield from readers[fmt](path, columns)
    except (OSError, ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError,
            pa.ArrowException) as error:
        raise TransferError(f"{path.name}: {error}") from error


def _cell(value: Any, kind: str, where: str) -> Any:
    """A decoded cell checked against its column type (JSON and CSV carry bytes as base64 text)."""
    if value is None:
        return None
    if kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "real" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind == "text" and isinstance(value, str):
        return value
    if kind == "bytes" and isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error as error:
            raise ValueError(f"{where}: not base64 ({error})") from error
    raise ValueError(f"{where}: {value!r} is not a {kind} value")


class _Chunk:
    """Rows gathered for the importer, handed over at READ_ROWS rows or READ_BYTES of input."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self._bytes = 0

    def add(self, row: Row, size: int) -> bool:
        """Add a row; True when the chunk is full."""
        self.rows.append(row)
        self._bytes += size
        return len(self.rows) >= READ_ROWS or self._bytes >= READ_BYTES

    def take(self) -> list[Row]:
        rows, self.rows, self._bytes = self.rows, [], 0
        return rows


# ---- jsonl ---------------------------------------------------------------------------------------------------

class _JsonlWriter:
    def __init__(self, path: Path, columns: Sequence[ColumnSpec]) -> None:
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._names = [name for name, _ in columns]
        self._bytes = [kind == "bytes" for _, kind in columns]

    def write(self, rows: Sequence[Row]) -> None:
        for row in rows:
            cells = [base64.b64encode(v).decode() if is_bytes and v is not None else v
                     for v, is_bytes in zip(row, self._bytes, strict=True)]
            try:
                line = json.dumps(dict(zip(self._names, cells, strict=True)), ensure_ascii=False,
                                  separators=(",", ":"), allow_nan=False)
            except ValueError as error:  # NaN or infinity: not JSON
                raise TransferError(f"{self._file.name}: {error}") from error
            self._file.write(line + "\n")

    def close(self) -> None:
        self._file.close()


def _jsonl_rows(path: Path, columns: Sequence[ColumnSpec]) -> Iterator[list[Row]]:
    names = [name for name, _ in columns]
    chunk = _Chunk()
    with path.open(encoding="utf-8", newline="") as file:
        for number, line in enumerate(file, 1):
            data = json.loads(line)
            if not isinstance(data, dict) or list(data) != names:
                raise ValueError(f"line {number}: expected an object with the keys {', '.join(names)}")
            if chunk.add(tuple(_cell(data[name], kind, f"line {number}, {name}") for name, kind in columns),
                         len(line)):
                yield chunk.take()
    if chunk.rows:
        yield chunk.take()


# ---- csv -----------------------------------------------------------------------------------------------------

def _csv_field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode() or '""'
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if value == "" or _CSV_NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return str(value)


class _CsvWriter:
    def __init__(self, path: Path, columns: Sequence[ColumnSpec]) -> None:
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._file.write(",".join(_csv_field(name) for name, _ in columns) + "\r\n")

    def write(self, rows: Sequence[Row]) -> None:
        for row in rows:
            self._file.write(",".join(_csv_field(value) for value in row) + "\r\n")

    def close(self) -> None:
        self._file.close()


def _csv_records(file: IO[str]) -> Iterator[tuple[int, list[str | None]]]:
    """(line number, fields) of each record; a quoted field may span lines. None: an unquoted empty field."""
    pending, start, quotes = "", 0, 0
    for number, line in enumerate(file, 1):
        if not pending:
            start = number
        pending += line
        quotes += line.count('"')
        if quotes % 2:
            continue  # inside a quoted field: the record goes on
        yield start, _csv_parse(pending.removesuffix("\n").removesuffix("\r"), start)
        pending, quotes = "", 0
    if pending:
        raise ValueError(f"line {start}: a quoted field is never closed")


def _csv_parse(text: str, number: int) -> list[str | None]:
    fields: list[str | None] = []
    position = 0
    while True:
        match = _CSV_FIELD.match(text, position)
        assert match is not None  # the unquoted alternative matches the empty string
        quoted_text, plain = match.group(1), match.group(2)
        fields.append(quoted_text.replace('""', '"') if quoted_text is not None else (plain or None))
        position = match.end()
        if position == len(text):
            return fields
        if text[position] != ",":
            raise ValueError(f"line {number}: malformed field at character {position + 1}")
        position += 1


def _csv_value(field: str | None, kind: str, where: str) -> Any:
    if field is None:
        return None
    try:
        if kind == "integer":
            return int(field)
        if kind == "real":
            return float(field)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from error
    return _cell(field, kind, where)


def _csv_rows(path: Path, columns: Sequence[ColumnSpec]) -> Iterator[list[Row]]:
    names = [name for name, _ in columns]
    chunk = _Chunk()
    with path.open(encoding="utf-8", newline="") as file:
        records = _csv_records(file)
        header = next(records, None)
        if header is None or header[1] != names:
            raise ValueError(f"line 1: expected the header {','.join(names)}")
        for number, fields in records:
            if len(fields) != len(columns):
                raise ValueError(f"line {number}: {len(fields)} fields, expected {len(columns)}")
            row = tuple(_csv_value(field, kind, f"line {number}, {name}")
                        for field, (name, kind) in zip(fields, columns, strict=True))
            if chunk.add(row, sum(len(field or "") for field in fields)):
                yield chunk.take()
    if chunk.rows:
        yield chunk.take()


# ---- parquet -------------------------------------------------------------------------------------------------

def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes) else 8


class _ParquetWriter:
    def __init__(self, path: Path, columns: Sequence[ColumnSpec]) -> None:
        self._path = path
        self._schema = pa.schema([pa.field(name, _ARROW_TYPES[kind]) for name, kind in columns])
        self._writer = pq.ParquetWriter(path, self._schema, compression="zstd")
        self._rows: list[Row] = []
        self._bytes = 0

    def write(self, rows: Sequence[Row]) -> None:
        for row in rows:
            self._rows.append(row)
            self._bytes += sum(_size(value) for value in row)
            if len(self._rows) >= ROW_GROUP_ROWS or self._bytes >= ROW_GROUP_BYTES:
                self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        arrays = [pa.array(list(values), type=field.type)
                  for values, field in zip(zip(*self._rows, strict=True), self._schema, strict=True)]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema), row_group_size=len(self._rows))
        self._rows, self._bytes = [], 0

    def close(self) -> None:
        self._flush()
        self._writer.close()


def _parquet_rows(path: Path, columns: Sequence[ColumnSpec]) -> Iterator[list[Row]]:
    expected = pa.schema([pa.field(name, _ARROW_TYPES[kind]) for name, kind in columns])
    parquet = pq.ParquetFile(path)
    if not parquet.schema_arrow.equals(expected):
        raise ValueError(f"columns {parquet.schema_arrow.names} of types other than the manifest says")
    metadata = parquet.metadata
    for index in range(metadata.num_row_groups):  # one row group at a time: iter_batches reads far ahead
        group = metadata.row_group(index)
        rows = max(1, min(READ_ROWS, READ_BYTES * group.num_rows // max(1, group.total_byte_size)))
        for batch in parquet.read_row_group(index, use_threads=False).to_batches(max_chunksize=rows):
            values = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            yield list(zip(*values, strict=True))
