"""Regenerate the web (HTML) and PDF editions of the sample brief from samples/sample-brief.txt.

    .venv/bin/python scripts/make_sample_editions.py

The text file is the source the team wrote; the two editions present the same brief the way a newsletter's
website and its PDF do (a web page with navigation, a photo caption, read time and a topic list; a PDF with a
cover line and contents), so that `policywatch ingest samples/` shows editions merging into one brief.
Needs fpdf2 (a dev dependency) and the Noto CJK font (Debian fonts-noto-cjk).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "samples"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def sections(text: str) -> tuple[list[str], list[str]]:
    """(cover lines before the first item, the rest) of the sample text."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if re.match(r"^1\. ", line) and "....." not in line)
    return lines[:first], lines[first:]


def web_edition(text: str) -> str:
    cover, body = sections(text)
    title = next(line for line in cover if " + " in line)
    topics = [re.sub(r"\.{3,}.*$", "", line) for line in cover if re.match(r"^\d\. ", line)]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><meta name='date' content='2024-03-15'></head><body>",
        "<nav><a href='/'>Home</a> <a href='/briefs'>Briefs</a> <a href='/about'>About us</a></nav>",
        "<article>",
        "<figure><figcaption>Container cranes at a river port in Hubei province</figcaption></figure>",
        "<p>Sample China Industries</p><p>12 min read</p>",
        f"<h1>{html.escape(title)}</h1>",
        "<p>In this issue of the sample China Industries brief, we cover the following topics:</p><ol>",
        *[f"<li>{html.escape(t[3:])}</li>" for t in topics],
        "</ol>",
        *_html_body(body),
        "</article><footer><p>Imprint | Privacy | Newsletter sign-up</p></footer></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _html_body(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_list = False
    for line in lines:
        is_item = line.startswith("- ")
        if in_list and not is_item:
            out.append("</ul>")
            in_list = False
        if not line.strip():
            continue
        if is_item:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{html.escape(line[2:])}</li>")
        elif re.match(r"^\d\. |^(NOTEWORTHY|AUTHORS|EDITORS)$|^(Policy|Corporate) news$", line):
            out.append(f"<h2>{html.escape(line)}</h2>")
        else:
            out.append(f"<p>{html.escape(line)}</p>")
    if in_list:
        out.append("</ul>")
    return out


def pdf_edition(text: str, target: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("latin", fname=str(LATIN_FONT))
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.set_fallback_fonts(["cjk"])
    pdf.add_page()
    for line in text.splitlines():
        if line.startswith("This sample brief was written"):
            pdf.set_font("latin", size=9)
        elif re.match(r"^\d\. |^[A-Z ]{4,}$", line) and "....." not in line:
            pdf.set_font("latin", size=13)
        else:
            pdf.set_font("latin", size=10)
        if not line.strip():
            pdf.ln(3)
            continue
        pdf.multi_cell(0, 5.5, line.replace("\t", " "), new_x="LMARGIN", new_y="NEXT")
    pdf.set_title("Sample China Industries brief, March 2024")
    pdf.output(str(target))


def main() -> None:
    text = (HERE / "sample-brief.txt").read_text(encoding="utf-8")
    (HERE / "sample-brief.html").write_text(web_edition(text), encoding="utf-8")
    pdf_edition(text, HERE / "sample-brief.pdf")
    print("wrote sample-brief.html and sample-brief.pdf")


if __name__ == "__main__":
    main()
