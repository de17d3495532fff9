"""The local dashboard and JSON API over a newsdesk store (FastAPI + Jinja2, server-rendered).

Every article-derived string is untrusted: templates autoescape, the brief HTML comes from the
escaping renderer, and a strict Content-Security-Policy forbids inline scripts and remote content.
Pages live in :mod:`newsdesk.web.pages`, the JSON API in :mod:`newsdesk.web.api`.
"""

from __future__ import annotations

import hmac
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from newsdesk import __version__
from newsdesk.brief.render import group_title, item_text
from newsdesk.desk import Desk
from newsdesk.errors import NewsdeskError

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MAX_BODY = 64 * 1024
PAGE_SIZE = 25
TOKEN_COOKIE = "newsdesk_token"


def highlight(snippet: str) -> Markup:
    """Escape a search snippet, then turn the store's [[ ]] hit markers into <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace("[[", "<mark>").replace("]]", "</mark>"))


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from the current filters with some values changed (pagination links)."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def or_404(getter: Any, key: str) -> Any:
    """``getter(key)``, with newsdesk's "no such ..." error turned into an HTTP 404."""
    try:
        return getter(key)
    except NewsdeskError as exc:
        raise HTTPException(404, str(exc)) from exc


class Context:
    """What every route needs: a way to open the store and the template environment."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.filters["highlight"] = highlight
        self.templates.env.globals["query_string"] = query_string
        # the story page words a brief's items and group headings as the Markdown and HTML renderings do
        self.templates.env.globals["brief_item"] = item_text
        self.templates.env.globals["brief_group"] = group_title

    @contextmanager
    def desk(self, write: bool = False) -> Iterator[Desk]:
        """A short-lived Desk per request: SQLite connections are cheap and WAL lets readers overlap."""
        try:
            d = Desk(self.db, readonly=not write)
        except NewsdeskError as exc:
            raise HTTPException(503, str(exc)) from exc
        try:
            yield d
        finally:
            d.close()


def _token_ok(request: Request, token: str) -> bool:
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    given = given or request.query_params.get("token", "") or request.cookies.get(TOKEN_COOKIE, "")
    return hmac.compare_digest(given.encode(), token.encode())


def _install_guard(app: FastAPI, token: str | None) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY:
            return JSONResponse({"detail": "request too large"}, status_code=413)
        if token is not None and not request.url.path.startswith("/static/") and not _token_ok(request, token):
            return JSONResponse({"detail": "missing or wrong token"}, status_code=401)
        response: Response = await call_next(request)
        if token is not None and request.query_params.get("token"):
            # A browser that opened ?token=… keeps it for the links it follows, never readable by scripts.
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if request.url.path == "/api/docs":
            response.headers["Content-Security-Policy"] = CSP.replace(
                "script-src 'self'", "script-src 'self' 'unsafe-inline'"
            )
        return response


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    from newsdesk.web import api, pages

    app = FastAPI(
        title="newsdesk",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        description="Stories, briefs with cited sentences, actors, coded events and exports of a newsdesk store.",
    )
    ctx = Context(Path(db))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _install_guard(app, token)
    pages.register(app, ctx)
    api.register(app, ctx)
    return app


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    allow_no_token: bool = False,
) -> None:
    """Serve the dashboard. Beyond loopback a token is required, unless explicitly waived (with a warning)."""
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1") and token is None:
        if not allow_no_token:
            raise NewsdeskError(
                f"refusing to serve on {host} without authentication: give --token SECRET "
                "(or --no-token to serve the store to anyone who can reach this address)"
            )
        print(
            f"newsdesk: warning: serving on {host} without authentication; anyone who can reach this "
            "address can read the store (use --token)",
            file=sys.stderr,
        )
    if not Path(db).exists():
        raise NewsdeskError(f"{db}: no such store (run `newsdesk ingest` first)")
    print(f"newsdesk dashboard on http://{host}:{port}/  (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning")
