"""The draft file: machine-drafted fields tracked by hash, clear errors naming file and field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from policywatch.records import Period
from policywatch.render import BriefDraft, DraftError, DraftItem, load_draft, save_draft


def _draft() -> BriefDraft:
    item = DraftItem(headline="关于推动氢能产业发展的通知", summary="第一段。", machine_drafted=("headline", "summary"))
    return BriefDraft(series="China Industries", period=Period("2024-05-01", "2024-06-05"), top=(item,))


def test_unedited_fields_stay_machine_drafted(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    save_draft(_draft(), path)
    assert load_draft(path).top[0].machine_drafted == ("headline", "summary")


def test_an_edited_field_is_no_longer_machine_drafted(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    save_draft(_draft(), path)
    path.write_text(path.read_text(encoding="utf-8").replace("第一段。", "An analyst wrote this."), encoding="utf-8")
    loaded = load_draft(path)
    assert loaded.top[0].machine_drafted == ("headline",)
    assert loaded.top[0].summary == "An analyst wrote this."


@pytest.mark.parametrize(("text", "message"), [
    ("series: X\nperiod: {start: 2024-05-01, end: 2024-13-01}\n", "period.end: '2024-13-01' is not an ISO date"),
    ("series: X\nperiod: {start: 2024-05-01}\ntop:\n- summary: s\n", "top[0].headline: is required"),
    ("series: X\nperiod: {}\ntop:\n- headline: h\n  document: {titel: t}\n", "top[0].document: unknown field 'titel'"),
    ("period: {}\n", "series: is required"),
    ("series: X\nperiod: {}\npolicy_news: nope\n", "policy_news: expected a list"),
    ("series: [unclosed\n", "not valid YAML"),
])
def test_bad_input_names_file_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        load_draft(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_missing_file_is_a_draft_error(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="cannot read"):
        load_draft(tmp_path / "absent.yaml")


def test_replace_keeps_other_fields() -> None:
    assert replace(_draft(), title="A + B").top == _draft().top
