"""Each format gives back exactly the values written (NULL apart from '', text CSV must quote, bytes, floats by
repr), deterministically, in bounded chunks."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from policywatch.transfer import TransferError, formats
from policywatch.transfer.formats import FORMATS, open_writer, read_rows

COLUMNS = [("id", "integer"), ("value", "real"), ("note", "text"), ("data", "bytes")]
ROWS = [
    (1, 0.1, "plain", b"\x00\xff\x10"),
    (2, None, None, None),
    (3, 1e300, "", b""),
    (4, -0.0, 'comma, "quote"', b"x"),
    (5, 12.345678901234567, "line\r\nbreak\rcarriage\nnewline", b"\r\n"),
    (6, 4e11, "  spaced  \ttab\\back", b"a" * 1000),
    (-(2**62), 2.5e-308, "中文，標點 🔋 é", None),
    (7, 3.0, '"', b","),
    (8, 1.0, '""', b'"'),
]


def _write(fmt: str, path: Path, rows: list[tuple[object, ...]]) -> None:
    writer = open_writer(fmt, path, COLUMNS)
    writer.write(rows[:4])
    writer.write(rows[4:])
    writer.close()


def _read(fmt: str, path: Path) -> list[tuple[object, ...]]:
    return [row for chunk in read_rows(fmt, path, COLUMNS) for row in chunk]


@pytest.mark.parametrize("fmt", FORMATS)
def test_values_come_back_exactly(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"t.{fmt}"
    _write(fmt, path, ROWS)
    back = _read(fmt, path)
    assert [tuple(map(repr, row)) for row in back] == [tuple(map(repr, row)) for row in ROWS]
    again = tmp_path / f"again.{fmt}"
    _write(fmt, again, ROWS)
    assert again.read_bytes() == path.read_bytes()


def test_csv_keeps_null_and_empty_apart_and_quotes_only_what_needs_it(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    _write("csv", path, ROWS[:4])
    assert path.read_bytes().decode() == (
        'id,value,note,data\r\n'
        '1,0.1,plain,AP8Q\r\n'
        '2,,,\r\n'
        '3,1e+300,"",""\r\n'
        '4,-0.0,"comma, ""quote""",eA==\r\n')


def test_jsonl_keeps_column_order_and_unescaped_text(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    _write("jsonl", path, [ROWS[6]])
    assert path.read_text(encoding="utf-8") == (
        '{"id":-4611686018427387904,"value":2.5e-308,"note":"中文，標點 🔋 é","data":null}\n')


def test_non_finite_floats_are_refused_in_json(tmp_path: Path) -> None:
    writer = open_writer("jsonl", tmp_path / "t.jsonl", COLUMNS)
    with pytest.raises(TransferError, match=r"t\.jsonl"):
        writer.write([(1, float("nan"), None, None)])
    writer.close()


def test_parquet_is_written_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "ROW_GROUP_ROWS", 3)
    monkeypatch.setattr(formats, "READ_ROWS", 2)
    path = tmp_path / "t.parquet"
    _write("parquet", path, ROWS)
    assert pq.ParquetFile(path).num_row_groups == 3
    chunks = list(read_rows("parquet", path, COLUMNS))
    assert max(len(chunk) for chunk in chunks) == 2 and sum(len(chunk) for chunk in chunks) == len(ROWS)


@pytest.mark.parametrize(("text", "problem"), [
    ('id,value,note,data\r\n1,0.5,"open,\r\n', "never closed"),
    ('id,value,note,data\r\n1,0.5,x"y",AA==\r\n', "malformed field"),
    ('id,value,note\r\n', "header"),
    ('id,value,note,data\r\n1,0.5,x\r\n', "3 fields, expected 4"),
    ('id,value,note,data\r\none,0.5,x,AA==\r\n', "line 2, id: invalid literal"),
    ('id,value,note,data\r\n1,0.5,x,!!\r\n', "line 2, data"),
])
def test_malformed_csv_names_the_file_and_line(text: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(TransferError, match=f"broken.csv: .*{problem}|broken.csv: {problem}"):
        _read("csv", path)


@pytest.mark.parametrize(("line", "problem"), [
    ('{"id":1,"value":0.5,"note":"x"}', "keys"),
    ('{"id":"1","value":0.5,"note":"x","data":null}', "not a integer"),
    ('{"id":1,"value":0.5,"note":5,"data":null}', "not a text"),
    ('[1, 2]', "keys"),
    ('{"id":1,', "Expecting"),
])
def test_malformed_jsonl_names_the_file(line: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(TransferError, match=f"broken.jsonl: .*{problem}"):
        _read("jsonl", path)


def test_parquet_with_other_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    writer = open_writer("parquet", path, [("id", "integer")])
    writer.write([(1,)])
    writer.close()
    with pytest.raises(TransferError, match=r"other\.parquet"):
        _read("parquet", path)
