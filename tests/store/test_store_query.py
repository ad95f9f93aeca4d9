"""User text → FTS5 expression (table-driven), and the record JSON codec round trip."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_records import article, brief_pdf, brief_web, policy

from policywatch.errors import QueryError
from policywatch.records import Record
from policywatch.store.migrate import available_migrations, split_statements
from policywatch.store.query import parse_query
from policywatch.store.record_codec import edition_fingerprint, record_from_json, record_to_json
from policywatch.store.textfold import index_text


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("lithium", '"lithium"'),
        ("锂离子电池", '"锂 离 子 电 池"'),
        ("鋰離子電池", '"锂 离 子 电 池"'),  # folded to simplified
        ("battery OR 电池", '("battery" OR "电 池")'),
        ("battery 或 电池", '("battery" OR "电 池")'),
        ("solid state OR sodium ion", '"solid" AND ("state" OR "sodium") AND "ion"'),
        ('"rare earth" quota', '"rare earth" AND "quota"'),
        ("“稀土 配额”", '"稀 土 配 额"'),
        ('"foo', '"foo"'),
        ("a*", '"a*"'),  # no prefix operator: the tokenizer reads * as a separator
        ("-x", '"-x"'),
        ("NEAR(a b)", '"NEAR(a" AND "b)"'),
        (";drop table", '";drop" AND "table"'),
        ("OR battery OR", '"battery"'),
        ("5G网络", '"5G 网 络"'),
        ("ＭＩＩＴ", '"MIIT"'),
    ],
)
def test_query_expression(text: str, expression: str) -> None:
    assert parse_query(text).fts5() == expression


@pytest.mark.parametrize("text", ["", "   ", "'", "* - ^ :", "OR", "或", "()", '""', "\x00\x01", "。，、"])
def test_query_with_nothing_to_search_is_a_query_error(text: str) -> None:
    with pytest.raises(QueryError, match="nothing to search"):
        parse_query(text)


def test_too_many_terms_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="too many"):
        parse_query(" ".join(f"w{i}" for i in range(40)))


def test_index_text_spaces_every_cjk_character() -> None:
    assert index_text("工信部MIIT發布") == " 工  信  部 MIIT 发  布 "


@pytest.mark.parametrize(
    "record",
    [
        brief_pdf()[0],
        brief_web()[0],
        policy("p.html", title_zh="标题", doc_number="国发〔2024〕1号", text="正文")[0],
        article("a.html", title="A page", text="Text")[0],
    ],
)
def test_record_json_round_trip_is_exact(record: Record) -> None:
    assert record_from_json(record_to_json(record)) == record


def test_edition_fingerprint_ignores_only_the_source() -> None:
    web, _ = brief_web()
    moved = replace(web, source=replace(web.source, path="/x.html", sha256="0" * 64))
    changed = replace(web, title="Another title")
    assert edition_fingerprint(moved) == edition_fingerprint(web) != edition_fingerprint(changed)


def test_migrations_are_numbered_and_split_whole() -> None:
    migrations = available_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    statements = split_statements(migrations[0].sql)
    triggers = [s for s in statements if "CREATE TRIGGER" in s]
    assert len(triggers) == 2 and all(s.rstrip().endswith("END;") for s in triggers)
