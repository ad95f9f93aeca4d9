"""Published briefs: the composer's edited draft kept as JSON (table `published`, migration 0006), and its
permanent pages: GET /published/{id} (the brief in the house layout), /published/{id}.pdf and .json."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from policywatch.render import BriefDraft, load_draft, render_brief
from policywatch.render.draft_file import draft_data
from policywatch.render.output import Format
from policywatch.store import RecordNotFound
from policywatch.store.connections import open_connection
from policywatch.web.app import web_state
from policywatch.web.responses import ERROR_RESPONSES, JSONPage, envelope, wants_json
from policywatch.web.routing import ID_MAX

router = APIRouter()
# the rendered brief carries its own stylesheet inline; it runs no script and loads nothing
PUBLISHED_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                 "form-action 'none'; frame-ancestors 'none'")


@dataclass(frozen=True)
class PublishedBrief:
    """A published brief: its id, when it was published, and the draft (draft-file schema)."""

    id: int
    created_at: str
    draft: dict[str, Any]
    url: str
    pdf_url: str


def draft_to_json(draft: BriefDraft) -> str:
    """The draft as JSON text in the draft-file schema."""
    return json.dumps(draft_data(draft), ensure_ascii=False)


def draft_from_json(text: str) -> BriefDraft:
    """The draft JSON text describes; DraftError (a 400) naming the field when it is malformed."""
    with tempfile.TemporaryDirectory(prefix="policywatch-draft-") as folder:
        path = FilePath(folder) / "draft.json"
        path.write_text(text, encoding="utf-8")
        return load_draft(path)


def _connect(db: str) -> Any:
    return open_connection(db)


def publish_draft(db: str, draft: BriefDraft) -> int:
    """Store the draft as a published brief; its id."""
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with closing(_connect(db)) as conn:
        row = conn.execute("INSERT INTO published (created_at, draft_json) VALUES (?, ?) RETURNING id",
                           (created, draft_to_json(draft))).fetchone()
        return int(row[0])


def load_published(db: str, published_id: int) -> tuple[PublishedBrief, BriefDraft]:
    """The published brief and its draft; RecordNotFound (a 404) when there is none."""
    with closing(_connect(db)) as conn:
        row = conn.execute("SELECT created_at, draft_json FROM published WHERE id = ?", (published_id,)).fetchone()
    if row is None:
        raise RecordNotFound(f"no published brief {published_id}")
    draft = draft_from_json(row[1])
    url = f"/published/{published_id}"
    return PublishedBrief(published_id, row[0], draft_data(draft), url, url + ".pdf"), draft


def rendered(draft: BriefDraft, fmt: Format) -> bytes:
    """The brief rendered in `fmt` (through a temporary file, as render_brief writes one)."""
    with tempfile.TemporaryDirectory(prefix="policywatch-render-") as folder:
        return render_brief(draft, fmt, FilePath(folder) / f"brief.{fmt}").read_bytes()


PublishedId = Annotated[int, Path(ge=1, le=ID_MAX)]


async def published_page(request: Request, published_id: PublishedId) -> Response:
    """The published brief in the house layout (HTML), or its record as JSON."""
    record, draft = await run_in_threadpool(load_published, web_state(request).store.target, published_id)
    if wants_json(request):
        return JSONPage(envelope(record), headers={"Vary": "Accept"})
    html = await run_in_threadpool(rendered, draft, "html")
    return HTMLResponse(html, headers={"content-security-policy": PUBLISHED_CSP, "Vary": "Accept"})


async def published_pdf(request: Request, published_id: PublishedId) -> Response:
    """The published brief as a PDF download."""
    _, draft = await run_in_threadpool(load_published, web_state(request).store.target, published_id)
    pdf = await run_in_threadpool(rendered, draft, "pdf")
    disposition = f'attachment; filename="policywatch-brief-{published_id}.pdf"'
    return Response(pdf, media_type="application/pdf", headers={"content-disposition": disposition})


# the suffixed routes first, so "/published/5.pdf" never reaches "/published/{id}" as id "5.pdf"
router.add_api_route("/published/{published_id}.pdf", published_pdf, methods=["GET"], name="published_pdf",
                     summary="A published brief as PDF", responses=ERROR_RESPONSES, response_class=Response,
                     tags=["pages"])
router.add_api_route("/published/{published_id}.json", published_page, methods=["GET"], name="published_json",
                     summary="A published brief (JSON)", responses=ERROR_RESPONSES, tags=["json"])
router.add_api_route("/published/{published_id}", published_page, methods=["GET"], name="published",
                     summary="A published brief", responses=ERROR_RESPONSES, response_class=HTMLResponse,
                     tags=["pages"])
