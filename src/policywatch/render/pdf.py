"""The brief as PDF through WeasyPrint: the HTML layout with print CSS (one Top item per page, page numbers
in the contents from CSS `target-counter`) and Noto CJK fonts for Chinese titles."""

from __future__ import annotations

from policywatch.errors import PolicywatchError
from policywatch.render.html import render_html, stylesheet
from policywatch.render.records import BriefDraft


class PdfEngineMissing(PolicywatchError):
    """WeasyPrint (or the system libraries it needs) is not installed."""


def render_pdf(draft: BriefDraft, *, extra_css: str = "") -> bytes:
    """The brief as PDF bytes. `extra_css` is appended last (tests use it to swap fonts)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise PdfEngineMissing(f"PDF output needs WeasyPrint ({exc}); pip install weasyprint") from exc
    css = "\n".join((stylesheet("screen.css"), stylesheet("print.css"), extra_css))
    html = render_html(draft, css=css, static_pages=False)
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf
