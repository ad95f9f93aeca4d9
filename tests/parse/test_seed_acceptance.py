"""The foundation issue's acceptance checks on the two seed editions (read from ../shared at run time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policywatch.parse import parse_path
from policywatch.pipeline import ingest_files
from policywatch.records import Brief
from policywatch.store import open_store

PDF_EDITION = "seeds/000_61a2b85d103903a0.txt"
WEB_EDITION = "seeds/001_19d584011481f20b.txt"


@pytest.fixture(scope="module")
def pdf_brief(shared_dir: Path) -> Brief:
    record = parse_path(shared_dir / PDF_EDITION)
    assert isinstance(record, Brief)
    return record


def test_pdf_edition_header(pdf_brief: Brief) -> None:
    assert pdf_brief.series == "MERICS China Industries"
    assert pdf_brief.published == "2022-12-07"
    assert pdf_brief.period is not None
    assert (pdf_brief.period.start, pdf_brief.period.end) == ("2022-10-25", "2022-11-29")
    assert not pdf_brief.truncated
    assert len(pdf_brief.contents) == 5


def test_pdf_edition_top_entries(pdf_brief: Brief) -> None:
    top = [e for e in pdf_brief.entries if e.section == "top"]
    assert [e.rank for e in top] == [1, 2, 3, 4, 5]
    assert [len(e.key_points) for e in top] == [4, 4, 4, 4, 3]
    assert top[0].headline == "MOST wants technology to be marketized as a factor of production"
    assert [e.date for e in top] == ["2022-10-25", "2022-11-18", "2022-10-28", "2022-11-09", "2022-11-01"]
    assert all(e.document and e.document.title_en and e.document.title_zh for e in top)
    assert top[2].document is not None
    assert top[2].document.title_zh == "关于知识产权助力专精特新中小企业创新发展若干措施的通知"
    assert top[2].document.bodies == ("CNIPA", "MIIT")
    assert top[4].document is not None
    assert top[4].document.bodies == ("MIIT", "MOE", "MCT", "NRTA", "GASC")
    assert top[4].document.title_en is not None
    assert top[4].document.title_en.startswith("Virtual Reality and Manufacturing Application Integration")
    assert all(e.comment for e in top)


def test_pdf_edition_news(pdf_brief: Brief) -> None:
    policy = [e for e in pdf_brief.entries if e.section == "policy_news"]
    corporate = [e for e in pdf_brief.entries if e.section == "corporate_news"]
    assert len(policy) == 8 and len(corporate) == 7
    assert all(e.date and e.date.startswith("2022-1") for e in policy + corporate)
    october_28 = next(e for e in policy if e.date == "2022-10-28")
    assert set(october_28.bodies) >= {"NDRC", "NEA"}
    assert october_28.source_label == "NDRC notice"
    assert next(e for e in policy if e.date == "2022-10-26").bodies == ("MEE",)
    mou = next(e for e in corporate if e.date == "2022-11-04")
    assert {"Shell", "Sinopec", "BASF"} <= set(mou.companies)
    jv = next(e for e in corporate if e.date == "2022-11-24")
    assert {"General Motors", "SAIC Motor"} <= set(jv.companies)


def test_pdf_edition_people(pdf_brief: Brief) -> None:
    authors = [p for p in pdf_brief.people if p.group == "author"]
    editors = [p for p in pdf_brief.people if p.group == "editor"]
    assert len(authors) == 4 and len(editors) == 2
    assert all(p.role for p in pdf_brief.people)


def test_web_edition_is_truncated_with_two_entries(shared_dir: Path) -> None:
    record = parse_path(shared_dir / WEB_EDITION)
    assert isinstance(record, Brief)
    assert record.title == "Technology as a factor of production + Battery supply chain + SMEs"
    assert record.truncated is True
    assert [e.rank for e in record.entries if e.section == "top"] == [1, 2]


def test_both_editions_ingest_as_one_brief(shared_dir: Path, tmp_path: Path) -> None:
    with open_store(tmp_path / "seed.db") as store:
        report = ingest_files(store, [shared_dir / PDF_EDITION, shared_dir / WEB_EDITION])
        assert [r.status for r in report.results] == ["new", "updated"]
        briefs = store.briefs()
        assert len(briefs) == 1
        assert briefs[0].title == "Technology as a factor of production + Battery supply chain + SMEs"
        assert len(briefs[0].sources) == 2
        for query in ("lithium", "锂离子电池", "技术", "专精特新"):
            assert store.search(query).total >= 1, query
