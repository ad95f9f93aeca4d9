"""Upload: POST /ingest stores one file (multipart field `file`) through the normal pipeline. Off unless a write
token is configured; then it needs `Authorization: Bearer <token>`, or the token typed into the upload form
together with the form's CSRF token."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from policywatch import settings
from policywatch.pipeline import FileResult, ingest_one
from policywatch.web.app import WebState, web_state
from policywatch.web.responses import ERROR_RESPONSES, ErrorBody, error_response, page_model, respond
from policywatch.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_MAX_AGE,
    bearer_token,
    csrf_valid,
    new_csrf_token,
    token_matches,
)

router = APIRouter()
UNSAFE_NAME_CHARS = re.compile(r"[^\w.\-]+")
MAX_NAME_CHARS = 120
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small fields around the file
UNAUTHORISED = {"WWW-Authenticate": 'Bearer realm="policywatch"'}


@dataclass(frozen=True)
class UploadForm:
    writable: bool
    csrf: str


@dataclass(frozen=True)
class IngestResult:
    """What storing the upload did (status new | updated | unchanged | failed)."""

    filename: str
    status: str
    kind: str
    record_id: int | None
    message: str
    url: str | None


def safe_filename(name: str | None) -> str:
    """The upload's base name with anything unusual replaced (the suffix tells the reader the format)."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = UNSAFE_NAME_CHARS.sub("_", base).strip("._")[-MAX_NAME_CHARS:]
    return cleaned or "upload"


def upload_form(request: Request) -> Response:
    """The upload form (a notice when the app is read-only)."""
    web = web_state(request)
    token = new_csrf_token(web.csrf_secret)
    response = respond(request, "ingest.html", UploadForm(web.writable, token))
    response.set_cookie(CSRF_COOKIE, token, max_age=CSRF_MAX_AGE, httponly=True, samesite="strict", path="/ingest")
    return response


def _store_upload(web: WebState, name: str, data: bytes) -> FileResult:
    with tempfile.TemporaryDirectory(prefix="policywatch-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return ingest_one(web.store, path)


def _refusal(request: Request, web: WebState, form_token: str | None, csrf: str | None) -> Response | None:
    """The error response when this request may not write, else None."""
    if not web.writable:
        return error_response(request, 403, "uploads are off: the app is read-only (no write token configured)")
    header_token = bearer_token(request.headers.get("authorization"))
    if header_token is not None:
        return None if token_matches(web.token, header_token) else error_response(
            request, 401, "wrong write token", UNAUTHORISED)
    if form_token is None:
        return error_response(request, 401, "a write token is required (Authorization: Bearer …)", UNAUTHORISED)
    if not csrf_valid(web.csrf_secret, csrf, request.cookies.get(CSRF_COOKIE)):
        return error_response(request, 403, "the form expired or did not come from this site: reload it")
    if not token_matches(web.token, form_token):
        return error_response(request, 401, "wrong write token", UNAUTHORISED)
    return None


def _form_text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


async def ingest_upload(request: Request) -> Response:
    """Store one uploaded file; 401 without the write token, 403 when uploads are off, 413 when too big."""
    web = web_state(request)
    if not web.writable:
        return error_response(request, 403, "uploads are off: the app is read-only (no write token configured)")
    limit = settings.max_bytes()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + FORM_OVERHEAD:
        return error_response(request, 413, f"the upload is larger than {limit} bytes")
    form = await request.form(max_files=1, max_fields=4)
    refusal = _refusal(request, web, _form_text(form.get("token")), _form_text(form.get(CSRF_FIELD)))
    if refusal is not None:
        return refusal
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return error_response(request, 400, "send the document as the multipart field 'file'")
    data = await upload.read(limit + 1)
    if len(data) > limit:
        return error_response(request, 413, f"the upload is larger than {limit} bytes")
    name = safe_filename(upload.filename)
    result = await run_in_threadpool(_store_upload, web, name, data)
    url = f"/records/{result.record_id}" if result.record_id is not None else None
    outcome = IngestResult(name, result.status, result.kind, result.record_id, result.message, url)
    return respond(request, "ingest_result.html", outcome, status=422 if result.status == "failed" else 200)


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"},
                           "token": {"type": "string", "description": "write token (form use; needs csrf)"},
                           "csrf": {"type": "string", "description": "the upload form's CSRF token"}},
        }}},
    }
}
for path, suffix in (("/ingest.json", "_json"), ("/ingest", "")):
    router.add_api_route(path, upload_form, methods=["GET"], name="upload_form" + suffix, summary="Upload form",
                         response_model=page_model(UploadForm), tags=["pages"])
    router.add_api_route(
        path, ingest_upload, methods=["POST"], name="ingest" + suffix, summary="Store one uploaded document",
        response_model=page_model(IngestResult), tags=["write"], openapi_extra=UPLOAD_BODY,
        responses={**ERROR_RESPONSES, 401: {"model": ErrorBody, "description": "Missing or wrong write token"},
                   403: {"model": ErrorBody, "description": "Uploads are off, or the form's CSRF token is bad"},
                   413: {"model": ErrorBody, "description": "Too large"},
                   422: {"model": page_model(IngestResult), "description": "The file could not be read or parsed"}},
    )
