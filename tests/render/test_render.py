"""Rendering: html, pdf and md read back through `parse_path` give the draft's record; json is the record;
the PDF draws Chinese with a Noto CJK font (not tofu) and numbers its contents."""

from __future__ import annotations

import ctypes
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from policywatch.parse import parse_path
from policywatch.records import Brief, Entry
from policywatch.render import draft_to_brief, load_draft, render_brief
from policywatch.render.output import Format, RenderError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "two-items.yaml"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# PDF text extraction puts spaces next to full-width punctuation and may split paragraphs: compare the text
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef])\s+")


def _flat(text: str | tuple[str, ...]) -> str:
    joined = " ".join(text) if isinstance(text, tuple) else text
    return _SPACE_NEAR_CJK.sub("", " ".join(joined.split()))


def _entry_view(entry: Entry) -> tuple[object, ...]:
    doc = entry.document
    docs = (_flat(doc.title_en or ""), _flat(doc.title_zh or ""), doc.bodies, doc.date) if doc else None
    return (entry.section, entry.rank, _flat(entry.headline), _flat(entry.summary),
            tuple(_flat(p) for p in entry.key_points), _flat(entry.comment), _flat(entry.text),
            entry.source_label, entry.date, docs)


def _brief_view(brief: Brief) -> tuple[object, ...]:
    return (brief.series, brief.title, brief.published, brief.period, brief.people,
            tuple(_entry_view(e) for e in brief.entries))


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_round_trip_through_the_parser(fmt: Format, tmp_path: Path) -> None:
    draft = load_draft(FIXTURE)
    parsed = parse_path(render_brief(draft, fmt, tmp_path / f"brief.{fmt}"))
    assert isinstance(parsed, Brief), parsed
    assert _brief_view(parsed) == _brief_view(draft_to_brief(draft))


def test_paragraphs_survive_in_text_and_html(tmp_path: Path) -> None:
    draft = load_draft(FIXTURE)
    for fmt in ("md", "html"):
        parsed = parse_path(render_brief(draft, fmt, tmp_path / f"brief.{fmt}"))
        assert isinstance(parsed, Brief)
        assert parsed.entries[0].comment == draft.top[0].comment


def test_json_is_the_brief_record(tmp_path: Path) -> None:
    draft = load_draft(FIXTURE)
    data = json.loads(render_brief(draft, "json", tmp_path / "brief.json").read_text(encoding="utf-8"))
    assert data["type"] == "brief" and data["period"] == {"start": "2024-05-01", "end": "2024-06-05"}
    assert [e["rank"] for e in data["entries"] if e["section"] == "top"] == [1, 2]


def test_html_is_standalone(tmp_path: Path) -> None:
    html = render_brief(load_draft(FIXTURE), "html", tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "<style>" in html and not re.search(r"""(?:src|href)=["'](?:https?:|//)""", html)
    assert "<link" not in html and "&#34;" not in html.split("</style>")[0]  # CSS is not HTML-escaped


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="unknown format"):
        render_brief(load_draft(FIXTURE), "docx", tmp_path / "x")  # type: ignore[arg-type]


# ---- the PDF ------------------------------------------------------------------------------------------

pdfium = pytest.importorskip("pypdfium2")
pytest.importorskip("weasyprint")


def _font_of(textpage: object, index: int) -> str:
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    pdfium.raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, ctypes.byref(flags))  # type: ignore[attr-defined]
    return buffer.value.decode("latin-1")


def _glyph_bitmap(page: object, textpage: object, index: int, scale: float) -> list[int]:
    """The grey levels of one character's box on the rendered page (a .notdef box looks the same for all)."""
    left, bottom, right, top = textpage.get_charbox(index)  # type: ignore[attr-defined]
    image = page.render(scale=scale).to_pil().convert("L")  # type: ignore[attr-defined]
    height = image.height / scale
    box = (int(left * scale), int((height - top) * scale), int(right * scale) + 1, int((height - bottom) * scale) + 1)
    return list(image.crop(box).resize((24, 24)).getdata())


def test_pdf_contents_have_page_numbers(tmp_path: Path) -> None:
    out = render_brief(load_draft(FIXTURE), "pdf", tmp_path / "brief.pdf")
    contents = pdfium.PdfDocument(out)[1].get_textpage().get_text_range()
    assert re.search(r"1\. Transport ministry sets targets for hydrogen bus fleets\.{5}\s*3", contents)
    assert re.search(r"NOTEWORTHY\.{5}\s*5", contents)


def test_pdf_draws_chinese_with_a_cjk_font(tmp_path: Path) -> None:
    out = render_brief(load_draft(FIXTURE), "pdf", tmp_path / "brief.pdf")
    document = pdfium.PdfDocument(out)
    page = document[2]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    first, second = text.index("城"), text.index("氢")
    assert "CJK" in _font_of(textpage, first) and "CJK" in _font_of(textpage, second)
    one, other = _glyph_bitmap(page, textpage, first, 4), _glyph_bitmap(page, textpage, second, 4)
    assert min(one) < 128 and min(other) < 128  # ink is drawn
    differing = sum(abs(a - b) > 64 for a, b in zip(one, other, strict=True))
    assert differing > 40  # two different glyphs, not the same tofu box twice
    ARTIFACTS.mkdir(exist_ok=True)
    for number in (0, 1):
        document[number].render(scale=60 / 72).to_pil().save(ARTIFACTS / f"brief-page-{number + 1}.png")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm absent: install Debian poppler-utils")
def test_pdftoppm_draws_chinese_glyphs_not_tofu(tmp_path: Path) -> None:
    """Rendered by poppler (another engine than pdfium): the two Chinese characters must be inked and differ.
    Text extraction alone would pass with a missing font; a missing CJK font draws identical boxes."""
    out = render_brief(load_draft(FIXTURE), "pdf", tmp_path / "brief.pdf")
    textpage = pdfium.PdfDocument(out)[2].get_textpage()
    text = textpage.get_text_range()
    subprocess.run(["pdftoppm", "-r", "288", "-f", "3", "-l", "3", "-png", str(out), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=60)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    bitmaps = []
    for char in ("城", "氢"):
        left, bottom, right, top = textpage.get_charbox(text.index(char))
        scale, height = 4, image.height / 4
        box = (int(left * scale), int((height - top) * scale),
               int(right * scale) + 1, int((height - bottom) * scale) + 1)
        bitmaps.append(list(image.crop(box).resize((24, 24)).getdata()))
    assert all(min(b) < 128 for b in bitmaps)
    assert sum(abs(a - b) > 64 for a, b in zip(*bitmaps, strict=True)) > 40
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(out), str(ARTIFACTS / "pdftoppm-page")],
                   check=True, capture_output=True, timeout=60)
