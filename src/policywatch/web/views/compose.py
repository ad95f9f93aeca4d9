"""The brief composer on the web: GET /compose?from=&to=&top= drafts a brief from the store (`draft_brief`);
the form lets a person pick and unpick items, reorder them, edit headline, At a glance (summary), key points
and comment, and preview the rendering (POST /compose). POST /compose/publish stores the edited draft and
redirects to its permanent page /published/{id}.

Everything here is off on a read-only server (403). Every POST needs the form's CSRF token and the write token
(typed into the form once, then remembered in an HttpOnly cookie bound to it), or `Authorization: Bearer`.
The draft travels between requests as JSON in a hidden field, in the draft-file schema; a script may post
just that field (`state`) with the bearer token to publish a draft as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.datastructures import FormData

from policywatch.errors import QueryError
from policywatch.render import BriefDraft, DraftItem, DraftNews, draft_brief
from policywatch.render.draft_file import draft_data
from policywatch.web.app import WebState, web_state
from policywatch.web.responses import JSONPage, error_response, respond, wants_json
from policywatch.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_MAX_AGE,
    bearer_token,
    csrf_valid,
    new_csrf_token,
    token_matches,
)
from policywatch.web.views.published import draft_from_json, draft_to_json, publish_draft, rendered

router = APIRouter()
COMPOSE_PATH = "/compose"
WRITER_COOKIE = "policywatch_writer"
DEFAULT_PERIOD_DAYS = 35
MAX_FORM_FIELDS = 2000
READ_ONLY = "the composer is off: the app is read-only (no write token configured)"
UNAUTHORISED = {"WWW-Authenticate": 'Bearer realm="policywatch"'}
ARTICLE = re.compile(r"<article\b.*</article>", re.DOTALL)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MOVE_ACTION = re.compile(r"(up|down):(\d+)")


@dataclass(frozen=True)
class ComposePage:
    """The composer: the period, the draft (draft-file schema: top = picked items, in order; candidates =
    the others) and the form's CSRF token. `preview_html` is the rendered brief when a preview was asked."""

    start: str
    end: str
    draft: dict[str, Any]
    state: str
    csrf: str
    preview_html: str | None


def _iso_date(value: str | None, name: str, default: dt.date) -> str:
    if not value:
        return default.isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise QueryError(f"{name} must be an ISO date (e.g. 2024-05-01), not {value!r}") from error


def writer_mark(web: WebState) -> str:
    """The writer cookie's value: bound to this process and to the write token (a new token voids it)."""
    return hmac.new(web.csrf_secret, b"writer:" + (web.token or "").encode("utf-8"), hashlib.sha256).hexdigest()


def _form_response(request: Request, web: WebState, draft: BriefDraft, preview: str | None) -> Response:
    """The composer page for `draft`, with a fresh CSRF token (and its cookie)."""
    csrf = new_csrf_token(web.csrf_secret)
    page = ComposePage(draft.period.start or "", draft.period.end or "", draft_data(draft), draft_to_json(draft),
                       csrf, preview)
    items = [(item, True) for item in draft.top] + [(item, False) for item in draft.candidates]
    extra = {"items": items, "preview": Markup(preview) if preview else None, "news": news_lines(draft),
             "remembered": request.cookies.get(WRITER_COOKIE) == writer_mark(web)}
    response = respond(request, "compose.html", page, extra=extra)
    response.set_cookie(CSRF_COOKIE, csrf, max_age=CSRF_MAX_AGE, httponly=True, samesite="strict",
                        path=COMPOSE_PATH)
    return response


def news_lines(draft: BriefDraft) -> list[tuple[str, int, DraftNews]]:
    """(section, index, line) of every Noteworthy line, for the keep/drop checkboxes."""
    return ([("policy_news", i, n) for i, n in enumerate(draft.policy_news)]
            + [("corporate_news", i, n) for i, n in enumerate(draft.corporate_news)])


def compose_page(request: Request, start: Annotated[str | None, Query(alias="from", max_length=20)] = None,
                 end: Annotated[str | None, Query(alias="to", max_length=20)] = None,
                 top: Annotated[int, Query(ge=1, le=20)] = 5) -> Response:
    """The drafted brief for the period (default: the last five weeks) in the composer form."""
    web = web_state(request)
    if not web.writable:
        return error_response(request, 403, READ_ONLY)
    today = dt.date.today()
    end_date = _iso_date(end, "to", today)
    start_date = _iso_date(start, "from", dt.date.fromisoformat(end_date) - dt.timedelta(days=DEFAULT_PERIOD_DAYS))
    if start_date > end_date:
        raise QueryError(f"from ({start_date}) is after to ({end_date})")
    draft = draft_brief(web.store, start=start_date, end=end_date, top=top)
    return _form_response(request, web, draft, None)


def _refusal(request: Request, web: WebState, form: FormData) -> Response | None:
    """The error response when this request may not use the composer, else None."""
    if not web.writable:
        return error_response(request, 403, READ_ONLY)
    header_token = bearer_token(request.headers.get("authorization"))
    if header_token is not None:
        return None if token_matches(web.token, header_token) else error_response(
            request, 401, "wrong write token", UNAUTHORISED)
    csrf = form.get(CSRF_FIELD)
    if not csrf_valid(web.csrf_secret, csrf if isinstance(csrf, str) else None, request.cookies.get(CSRF_COOKIE)):
        return error_response(request, 403, "the form expired or did not come from this site: reload it")
    typed = form.get("token")
    if isinstance(typed, str) and typed:
        return None if token_matches(web.token, typed) else error_response(
            request, 401, "wrong write token", UNAUTHORISED)
    if hmac.compare_digest(request.cookies.get(WRITER_COOKIE, ""), writer_mark(web)):
        return None
    return error_response(request, 401, "a write token is required (type it into the form)", UNAUTHORISED)


def _remember_writer(response: Response, web: WebState) -> Response:
    response.set_cookie(WRITER_COOKIE, writer_mark(web), max_age=CSRF_MAX_AGE, httponly=True, samesite="strict",
                        path="/")
    return response


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip().replace("\r\n", "\n") if isinstance(value, str) else ""


def _edited_item(item: DraftItem, form: FormData, index: int) -> DraftItem:
    """The item with the form's headline, summary, key points (one a line) and comment (blank-line
    paragraphs); a machine-drafted field someone changed becomes theirs."""
    key_points = tuple(line.strip() for line in _text(form, f"key_points_{index}").split("\n") if line.strip())
    comment = tuple(p.strip() for p in PARAGRAPH_BREAK.split(_text(form, f"comment_{index}")) if p.strip())
    edited = replace(item, headline=_text(form, f"headline_{index}") or item.headline,
                     summary=_text(form, f"summary_{index}"), key_points=key_points, comment=comment)
    changed = {name for name in ("headline", "summary", "key_points", "comment")
               if getattr(edited, name) != getattr(item, name)}
    return replace(edited, machine_drafted=tuple(n for n in item.machine_drafted if n not in changed))


def _moved(pairs: list[tuple[DraftItem, bool]], action: str) -> list[tuple[DraftItem, bool]]:
    """The items after an "up:<i>" or "down:<i>" button (anything else leaves them)."""
    match = MOVE_ACTION.fullmatch(action)
    if not match:
        return pairs
    index = int(match.group(2))
    other = index - 1 if match.group(1) == "up" else index + 1
    if 0 <= index < len(pairs) and 0 <= other < len(pairs):
        pairs[index], pairs[other] = pairs[other], pairs[index]
    return pairs


def _kept(lines: tuple[DraftNews, ...], form: FormData, section: str) -> tuple[DraftNews, ...]:
    keep = {value for value in form.getlist(f"keep_{section}") if isinstance(value, str)}
    return tuple(line for i, line in enumerate(lines) if str(i) in keep)


def edited_draft(form: FormData) -> BriefDraft:
    """The draft in the form's `state` with the person's picks, order and edits applied (a script's post of
    `state` alone, without the form's `edited` marker, is taken as it is)."""
    state = form.get("state")
    if not isinstance(state, str) or not state:
        raise QueryError("send the draft as the form field 'state' (draft-file schema as JSON)")
    draft = draft_from_json(state)
    if form.get("edited") != "1":
        return draft
    picked = {value for value in form.getlist("pick") if isinstance(value, str)}
    items = draft.top + draft.candidates
    pairs = [(_edited_item(item, form, i), str(i) in picked) for i, item in enumerate(items)]
    pairs = _moved(pairs, _text(form, "action"))
    return replace(draft, title=_text(form, "title") or None,
                   top=tuple(item for item, chosen in pairs if chosen),
                   candidates=tuple(item for item, chosen in pairs if not chosen),
                   policy_news=_kept(draft.policy_news, form, "policy_news"),
                   corporate_news=_kept(draft.corporate_news, form, "corporate_news"))


def preview_html(draft: BriefDraft) -> str:
    """The brief's article as render_brief lays it out (the page's own stylesheet applies, not the
    brief's: inline styles are not allowed by the content security policy)."""
    html = rendered(draft, "html").decode("utf-8")
    match = ARTICLE.search(html)
    return match.group(0) if match else ""


async def compose_update(request: Request) -> Response:
    """Apply the form's picks, order and edits; show the composer again with a preview."""
    web = web_state(request)
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    refusal = _refusal(request, web, form)
    if refusal is not None:
        return refusal
    draft = edited_draft(form)
    preview = await run_in_threadpool(preview_html, draft)
    return _remember_writer(_form_response(request, web, draft, preview), web)


async def compose_publish(request: Request) -> Response:
    """Store the edited draft as a published brief and go to its permanent page (JSON: 201 with its URL)."""
    web = web_state(request)
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    refusal = _refusal(request, web, form)
    if refusal is not None:
        return refusal
    draft = edited_draft(form)
    if not draft.top:
        return error_response(request, 400, "pick at least one item for the Top entries before publishing")
    published_id = await run_in_threadpool(publish_draft, web.store.target, draft)
    url = f"/published/{published_id}"
    if wants_json(request):
        return JSONPage({"ok": True, "id": published_id, "url": url, "pdf_url": url + ".pdf"}, status_code=201)
    return _remember_writer(RedirectResponse(url, status_code=303), web)


for path, suffix in ((COMPOSE_PATH + ".json", "_json"), (COMPOSE_PATH, "")):
    router.add_api_route(path, compose_page, methods=["GET"], name="compose" + suffix, summary="Brief composer",
                         tags=["pages"])
    router.add_api_route(path, compose_update, methods=["POST"], name="compose_update" + suffix,
                         summary="Edit the composed draft and preview it", tags=["write"])
for path, suffix in (("/compose/publish.json", "_json"), ("/compose/publish", "")):
    router.add_api_route(path, compose_publish, methods=["POST"], name="compose_publish" + suffix,
                         summary="Publish the composed brief", tags=["write"])
