"""The sample notices in samples/ (written by the team) parse as the policies they stand for."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES
from policywatch.parse import parse_path
from policywatch.records import Policy

IP_TITLE = "国家知识产权局 工业和信息化部关于知识产权助力专精特新中小企业创新发展若干措施的通知"

SAMPLE_POLICIES = [
    ("notice-ip-smes.txt", IP_TITLE, ("CNIPA", "MIIT"), "2022-10-21", "2022-10-28"),
    ("notice-ip-smes-traditional.txt",
     "國家知識產權局 工業和信息化部關於知識產權助力專精特新中小企業創新發展若干措施的通知",
     ("CNIPA", "MIIT"), "2022-10-21", "2022-10-28"),
    ("notice-lithium-battery-supply-chain.html", "关于做好锂离子电池产业链供应链协同稳定发展工作的通知",
     ("MIIT", "SAMR"), "2022-11-10", "2022-11-18"),
]


@pytest.mark.parametrize(("name", "title", "bodies", "written", "published"), SAMPLE_POLICIES,
                         ids=[s[0] for s in SAMPLE_POLICIES])
def test_sample_notice_parses(name: str, title: str, bodies: tuple[str, ...], written: str, published: str) -> None:
    parsed = parse_path(SAMPLES / name)
    assert isinstance(parsed, Policy)
    assert (parsed.title_zh, parsed.bodies, parsed.date_written, parsed.date_published) == (
        title, bodies, written, published)
    assert parsed.doc_form == "通知" and not parsed.is_draft


def test_traditional_sample_is_the_simplified_one_converted() -> None:
    from opencc import OpenCC

    simplified = (SAMPLES / "notice-ip-smes.txt").read_text(encoding="utf-8")
    traditional = (SAMPLES / "notice-ip-smes-traditional.txt").read_text(encoding="utf-8")
    assert traditional == OpenCC("s2t").convert(simplified) and traditional != simplified


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("notice-*")), ids=lambda p: Path(p).name)
def test_sample_notices_say_they_are_not_official_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "policywatch" in text and ("并非官方原文" in text or "並非官方原文" in text)
