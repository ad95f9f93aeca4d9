"""Records to JSON and back, exactly: the store keeps each record's JSON and `show` rebuilds the dataclass.

The decoder walks the dataclass type hints of records.py, so a field added there is decoded without a
change here (as long as it uses the same kinds of types: dataclasses, tuples, unions with None, literals,
str/int/float/bool).

Stored JSON is zlib-compressed (`pack_json`, a BLOB: about a seventh of the text for a record, two fifths for an
entry); the decoders take either that BLOB or plain JSON text, so rows written before compression still read.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
import zlib
from collections.abc import Callable
from typing import Any, Union, get_args, get_origin

from policywatch.records import Article, Brief, Entry, Policy, Record, to_plain
from policywatch.store.patterns import JSON_ZDICT

StoredJson = str | bytes  # JSON text, or pack_json's compressed BLOB
_ZLIB_LEVEL = 6

RECORD_TYPES: dict[str, type[Brief] | type[Policy] | type[Article]] = {
    "brief": Brief,
    "policy": Policy,
    "article": Article,
}


def record_to_json(record: Record | Entry) -> str:
    """Canonical JSON (sorted keys, no spacing) of a record or entry."""
    return json.dumps(to_plain(record), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def pack_json(text: str) -> bytes:
    """JSON text as stored: zlib with a preset dictionary of the records' field names."""
    packer = zlib.compressobj(_ZLIB_LEVEL, zdict=JSON_ZDICT)
    return packer.compress(text.encode()) + packer.flush()


def unpack_json(stored: StoredJson) -> str:
    """The JSON text of a stored value (`pack_json` output, or text stored before compression)."""
    if isinstance(stored, str):
        return stored
    unpacker = zlib.decompressobj(zdict=JSON_ZDICT)
    return (unpacker.decompress(stored) + unpacker.flush()).decode()


def record_from_json(text: StoredJson) -> Record:
    """The record whose `record_to_json` is `text` (or its `pack_json`)."""
    data = json.loads(unpack_json(text))
    cls = RECORD_TYPES[data["type"]]
    return _build(cls, data)


def entry_from_json(text: StoredJson) -> Entry:
    """The entry whose `record_to_json` is `text` (or its `pack_json`)."""
    return _build(Entry, json.loads(unpack_json(text)))


def edition_fingerprint(record: Record) -> str:
    """sha256 of the record without its `source`: the same bytes saved under another path parse to the
    same fingerprint, a re-parse by a changed parser to a different one."""
    plain = to_plain(record)
    plain.pop("source", None)
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def content_fingerprint(record: Record) -> str:
    """sha256 of the whole record JSON (merged records: did a re-merge change anything?)."""
    return hashlib.sha256(record_to_json(record).encode()).hexdigest()


Decoder = Callable[[Any], Any]  # plain JSON value → the value of one type hint (None stays None)


def _keep(value: Any) -> Any:
    return value


def _number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # JSON writes 5.0 as 5.0, but hand-made JSON may say 5
    return value


def _class_decoder(cls: type[Any]) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)}

    def build(data: Any) -> Any:
        if data is None:
            return None
        return cls(**{name: fields[name](value) for name, value in data.items() if name in fields})
    return build


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        if item is _keep:
            return lambda value: None if value is None else tuple(value)
        return lambda value: None if value is None else tuple(item(x) for x in value)
    items = [_decoder(arg) for arg in args]
    return lambda value: None if value is None else tuple(d(x) for d, x in zip(items, value, strict=True))


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """The decoder of one type hint, worked out once: decoding a record then runs no type inspection."""
    origin = get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _class_decoder(hint)
    if origin is tuple:
        return _tuple_decoder(get_args(hint))
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decoder(options[0]) if len(options) == 1 else _keep
    if hint is float:
        return _number
    return _keep  # str, int, bool, Literal[...]


def _build(cls: Any, data: dict[str, Any]) -> Any:
    return _decoder(cls)(data)
