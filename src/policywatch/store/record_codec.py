"""Records to JSON and back, exactly: the store keeps each record's JSON and `show` rebuilds the dataclass.

The decoder walks the dataclass type hints of records.py, so a field added there is decoded without a
change here (as long as it uses the same kinds of types: dataclasses, tuples, unions with None, literals,
str/int/float/bool).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from policywatch.records import Article, Brief, Entry, Policy, Record, to_plain

RECORD_TYPES: dict[str, type[Brief] | type[Policy] | type[Article]] = {
    "brief": Brief,
    "policy": Policy,
    "article": Article,
}


def record_to_json(record: Record | Entry) -> str:
    """Canonical JSON (sorted keys, no spacing) of a record or entry."""
    return json.dumps(to_plain(record), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_from_json(text: str) -> Record:
    """The record whose `record_to_json` is `text`."""
    data = json.loads(text)
    cls = RECORD_TYPES[data["type"]]
    return _build(cls, data)


def entry_from_json(text: str) -> Entry:
    """The entry whose `record_to_json` is `text`."""
    return _build(Entry, json.loads(text))


def edition_fingerprint(record: Record) -> str:
    """sha256 of the record without its `source`: the same bytes saved under another path parse to the
    same fingerprint, a re-parse by a changed parser to a different one."""
    plain = to_plain(record)
    plain.pop("source", None)
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def content_fingerprint(record: Record) -> str:
    """sha256 of the whole record JSON (merged records: did a re-merge change anything?)."""
    return hashlib.sha256(record_to_json(record).encode()).hexdigest()


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _build(cls: type[Any], data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{name: _decode(hints[name], value) for name, value in data.items() if name in names})


def _decode(hint: Any, value: Any) -> Any:
    """`value` (plain JSON) as the type `hint` describes."""
    if value is None:
        return None
    origin = get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in value)
        return tuple(_decode(arg, item) for arg, item in zip(args, value, strict=True))
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decode(options[0], value) if len(options) == 1 else value
    if origin is Literal:
        return value
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # JSON writes 5.0 as 5.0, but hand-made JSON may say 5
    return value
