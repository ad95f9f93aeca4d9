"""The web app: `create_app(db, token=…)` builds the FastAPI application, `run(host, port, db)` serves it.

Pages are server-rendered HTML that works without JavaScript (HTMX swaps search results in place); each has
a JSON twin at the same URL + `.json`. Errors are the JSON envelope or an error page with the same status.
Reading is open; uploading needs the write token (see security.py).
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from policywatch import __version__, settings
from policywatch.errors import PolicywatchError, QueryError, StoreError
from policywatch.store import RecordNotFound, Store, open_store
from policywatch.web import template_env
from policywatch.web.docindex import SearchTables, open_search_tables
from policywatch.web.facets import FacetedSearch
from policywatch.web.reader import ReadOnlyDatabase
from policywatch.web.responses import error_response
from policywatch.web.security import SecurityHeaders

log = logging.getLogger("policywatch.web")
STATIC = Path(__file__).parent / "static"


@dataclass
class WebState:
    """What every request handler reaches through `request.app.state.web`."""

    store: Store
    db: ReadOnlyDatabase
    tables: SearchTables
    search: FacetedSearch
    templates: Jinja2Templates
    token: str | None
    csrf_secret: bytes

    @property
    def writable(self) -> bool:
        """Whether uploads are on (a write token is configured)."""
        return bool(self.token)


def web_state(request: Request) -> WebState:
    """The app's state (for handlers)."""
    state: WebState = request.app.state.web
    return state


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for problem in error.errors()[:5]:
        where = ".".join(str(part) for part in problem.get("loc", ()) if part not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {problem.get('msg', 'invalid')}")
    return "bad parameter — " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QueryError)
    async def query_error(request: Request, error: QueryError) -> Response:
        return error_response(request, 400, str(error))

    @app.exception_handler(RecordNotFound)
    async def not_found(request: Request, error: RecordNotFound) -> Response:
        return error_response(request, 404, str(error))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        return error_response(request, 400, _validation_message(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return error_response(request, error.status_code, str(error.detail), getattr(error, "headers", None))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> Response:
        log.error("database error on %s: %s", request.url.path, error)
        return error_response(request, 500, "the database could not be read")

    @app.exception_handler(PolicywatchError)
    async def other_error(request: Request, error: PolicywatchError) -> Response:
        return error_response(request, 400, str(error))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "internal error (please report this)")


def _include_routes(app: FastAPI) -> None:
    from policywatch.web.views import alerts, bodies, compose, home, ingest, published, records, search, targets

    for module in (home, search, records, bodies, targets, ingest, alerts, compose, published):
        app.include_router(module.router)
    from policywatch.web.views import policies

    enabled = policies.available()
    app.state.web.templates.env.globals["policies_enabled"] = enabled
    if enabled:
        app.include_router(policies.router)


def create_app(db: str, *, token: str | None = None) -> FastAPI:
    """The web app over the store at `db` (an SQLite file or a postgresql:// URL). `token` enables uploads
    (POST /ingest with `Authorization: Bearer <token>`); None reads the POLICYWATCH_TOKEN setting, and an empty
    token leaves the app read-only."""
    if str(db) == ":memory:":
        raise StoreError("the web app needs a database file (its readers open it separately), not :memory:")
    store = open_store(db)
    write_token = settings.get("token") if token is None else token
    reader = ReadOnlyDatabase(store.target)
    tables = open_search_tables(store.target)
    state = WebState(store=store, db=reader, tables=tables, search=FacetedSearch(reader, tables),
                     templates=Jinja2Templates(env=template_env.environment()), token=write_token or None,
                     csrf_secret=secrets.token_bytes(32))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # build the search index while the first page loads, not during the first search
        threading.Thread(target=tables.warm, name="policywatch-search-tables", daemon=True).start()
        yield
        tables.close()
        reader.close()
        store.close()

    app = FastAPI(title="policywatch", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="China industrial-policy briefs, documents and targets: every HTML page has a "
                              "JSON twin at the same URL + .json (or send Accept: application/json).")
    app.state.web = state
    state.templates.env.globals["writable"] = state.writable
    app.add_middleware(SecurityHeaders)
    _install_error_handlers(app)
    _include_routes(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def run(host: str, port: int, db: str) -> None:
    """Serve the app with uvicorn until interrupted (the write token comes from POLICYWATCH_TOKEN)."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info", proxy_headers=False)
