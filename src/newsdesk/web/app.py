"""The local dashboard and JSON API over a newsdesk store (FastAPI + Jinja2, server-rendered).

Every article-derived string is untrusted: templates autoescape, the brief HTML comes from the
escaping renderer, and a strict Content-Security-Policy forbids inline scripts and remote content.
"""

from __future__ import annotations

import hmac
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from newsdesk import __version__
from newsdesk.desk import Desk
from newsdesk.errors import NewsdeskError
from newsdesk.model import to_dict

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MAX_BODY = 64 * 1024
PAGE_SIZE = 25


def highlight(snippet: str) -> Markup:
    """Escape a search snippet, then turn the store's [[ ]] hit markers into <mark>."""
    safe = str(escape(snippet))
    return Markup(safe.replace("[[", "<mark>").replace("]]", "</mark>"))


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    db_path = Path(db)
    app = FastAPI(title="newsdesk", version=__version__, docs_url="/api/docs", redoc_url=None)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["highlight"] = highlight
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @contextmanager
    def desk(write: bool = False) -> Iterator[Desk]:
        try:
            d = Desk(db_path, readonly=not write)
        except NewsdeskError as exc:
            raise HTTPException(503, str(exc)) from exc
        try:
            yield d
        finally:
            d.close()

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_BODY:
            return JSONResponse({"detail": "request too large"}, status_code=413)
        if token is not None and not request.url.path.startswith("/static/"):
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            given = given or request.query_params.get("token", "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return JSONResponse({"detail": "missing or wrong token"}, status_code=401)
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if request.url.path == "/api/docs":
            response.headers["Content-Security-Policy"] = CSP.replace(
                "script-src 'self'", "script-src 'self' 'unsafe-inline'"
            )
        return response

    def story_or_404(d: Desk, story_id: str) -> Any:
        try:
            return d.story(story_id)
        except NewsdeskError as exc:
            raise HTTPException(404, str(exc)) from exc

    # ------------------------------------------------------------------------------- pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, page: int = Query(1, ge=1, le=100000)) -> Response:
        with desk() as d:
            stories = d.stories()
            threads = {t.id: t for t in d.threads()}
            counts = d.store.counts()
        pages = max(1, math.ceil(len(stories) / PAGE_SIZE))
        shown = stories[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return templates.TemplateResponse(
            request, "stories.html",
            {"stories": shown, "threads": threads, "counts": counts, "page": page, "pages": pages},
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> Response:
        with desk(write=True) as d:
            story = story_or_404(d, story_id)
            brief = d.brief(story.id)
            thread = d.thread_of(story)
        return templates.TemplateResponse(
            request, "story.html", {"story": story, "brief": brief, "thread": thread}
        )

    @app.get("/threads/{thread_id}", response_class=HTMLResponse, include_in_schema=False)
    def thread_page(request: Request, thread_id: str) -> Response:
        with desk() as d:
            thread = next((t for t in d.threads() if t.id == thread_id), None)
            if thread is None:
                raise HTTPException(404, "no such thread")
            stories = [d.story(s) for s in thread.story_ids]
            timeline = d.thread_timeline(thread)
        return templates.TemplateResponse(
            request, "thread.html", {"thread": thread, "stories": stories, "timeline": timeline}
        )

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, s: int | None = Query(None, ge=0)) -> Response:
        with desk() as d:
            try:
                article = d.article(article_id)
            except NewsdeskError as exc:
                raise HTTPException(404, str(exc)) from exc
            analysis = d.analysis(article_id)
            story_id = d.store.story_of(article_id)
        sentences = analysis.sentences if analysis else ()
        return templates.TemplateResponse(
            request, "article.html",
            {"article": article, "sentences": sentences, "highlight_index": s, "story_id": story_id,
             "analysis": analysis},
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=200)) -> Response:
        with desk() as d:
            hits = d.search(q, 50) if q.strip() else []
        return templates.TemplateResponse(request, "search.html", {"q": q, "hits": hits})

    # --------------------------------------------------------------------------------- API

    @app.get("/api/stories")
    def api_stories(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> dict:
        with desk() as d:
            stories = d.stories()
        rows = [to_dict(s) for s in stories[offset : offset + limit]]
        return {"total": len(stories), "limit": limit, "offset": offset, "items": rows}

    @app.get("/api/stories/{story_id}")
    def api_story(story_id: str) -> dict:
        with desk() as d:
            return to_dict(story_or_404(d, story_id))

    @app.get("/api/stories/{story_id}/brief")
    def api_brief(story_id: str) -> dict:
        with desk(write=True) as d:
            story = story_or_404(d, story_id)
            return d.brief_json(story.id)

    @app.get("/api/threads")
    def api_threads() -> list[dict]:
        with desk() as d:
            return [to_dict(t) for t in d.threads()]

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict:
        with desk() as d:
            try:
                article = d.article(article_id)
            except NewsdeskError as exc:
                raise HTTPException(404, str(exc)) from exc
            analysis = d.analysis(article_id)
        return {"article": to_dict(article), "analysis": to_dict(analysis)}

    @app.get("/api/search")
    def api_search(
        q: str = Query(..., min_length=1, max_length=200),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=100000),
    ) -> dict:
        with desk() as d:
            hits = d.search(q, limit, offset)
        return {"query": q, "items": [to_dict(h) for h in hits]}

    @app.get("/api/health")
    def health() -> dict:
        with desk() as d:
            return {"status": "ok", "version": __version__, "counts": d.store.counts()}

    return app


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1") and token is None:
        print(
            f"newsdesk: warning: serving on {host} without authentication; anyone who can reach this "
            "address can read the store (use --token)",
            file=sys.stderr,
        )
    if not Path(db).exists():
        raise NewsdeskError(f"{db}: no such store (run `newsdesk ingest` first)")
    print(f"newsdesk dashboard on http://{host}:{port}/  (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="warning")
