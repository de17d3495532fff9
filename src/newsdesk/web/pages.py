"""The dashboard's HTML pages: stories, story, thread, article, actor, search and ingest.

Routes only gather data (from `Desk` and :mod:`newsdesk.web.queries`) and hand it to a template;
the templates autoescape everything, and charts arrive as SVG built by :mod:`newsdesk.web.charts`.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsdesk.analyze.relations import relation_series
from newsdesk.web import charts, queries
from newsdesk.web.app import PAGE_SIZE, Context, or_404
from newsdesk.web.markup import article_view, entity_labels

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
FREQS = ("day", "week", "month")


def story_filter(
    q: str = "", date_from: str = "", date_to: str = "", actor: str = "", country: str = "",
    theme: str = "", event_type: str = "", sort: str = "latest",
) -> queries.StoryFilter:
    return queries.StoryFilter(
        q=q.strip(), date_from=date_from, date_to=date_to, actor=actor.strip(), country=country.strip(),
        theme=theme, event_type=event_type, sort=sort if sort in ("latest", "biggest") else "latest",
    )


def safe_url(url: str | None) -> str | None:
    """Only http(s) links to originals: a javascript: or data: URL from a page must never be clickable."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def story_chart(ctx_store: Any, story: Any) -> tuple[Any, tuple[str, str] | None]:
    """The cooperation/conflict chart between the story's two leading countries, by day."""
    pair = queries.main_pair(story.key_actors)
    if pair is None:
        return None, None
    events = queries.story_events(ctx_store, story.id)
    series = relation_series(events, pair[0], pair[1], "day")
    return charts.relation_chart(series, pair[0], pair[1], "day"), pair


def register(app: FastAPI, ctx: Context) -> None:  # noqa: C901 - one nested function per page
    render = ctx.templates.TemplateResponse

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        page: int = Query(1, ge=1, le=100000),
        q: str = Query("", max_length=200),
        date_from: str = Query("", pattern=DATE, max_length=10),
        date_to: str = Query("", pattern=DATE, max_length=10),
        actor: str = Query("", max_length=200),
        country: str = Query("", max_length=12),
        theme: str = Query("", max_length=80),
        event_type: str = Query("", max_length=40),
        sort: str = Query("latest", max_length=10),
    ) -> Response:
        f = story_filter(q, date_from, date_to, actor, country, theme, event_type, sort)
        with ctx.desk() as d:
            total, rows = queries.list_stories(d.store, f, PAGE_SIZE, (page - 1) * PAGE_SIZE)
            threads = {t.id: t for t in d.threads()}
            counts = d.store.counts()
            facets = queries.facets(d.store)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        return render(request, "stories.html", {
            "stories": rows, "threads": threads, "counts": counts, "page": page, "pages": pages,
            "total": total, "f": f, "params": f.active(), "facets": facets,
        })

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> Response:
        with ctx.desk(write=True) as d:
            story = or_404(d.story, story_id)
            brief = d.brief(story.id)
            thread = d.thread_of(story)
            sources = queries.story_sources(d.store, story.id)
            chart, pair = story_chart(d.store, story)
        outlets = sum(s["outlets"] for s in sources)
        return render(request, "story.html", {
            "story": story, "brief": brief, "thread": thread, "sources": sources, "chart": chart,
            "pair": pair, "outlets": outlets, "safe_url": safe_url,
        })

    @app.get("/threads/{thread_id}", response_class=HTMLResponse, include_in_schema=False)
    def thread_page(request: Request, thread_id: str) -> Response:
        with ctx.desk() as d:
            thread = or_404(d.thread, thread_id)
            stories = d.thread_stories(thread)
            timeline = d.thread_timeline(thread)
        stories.sort(key=lambda s: s.first_seen or "")
        order = {s.id: i for i, s in enumerate(stories)}
        lanes = charts.thread_lanes([
            {"id": s.id, "title": s.title, "first_seen": s.first_seen, "last_seen": s.last_seen} for s in stories
        ])
        return render(request, "thread.html", {
            "thread": thread, "stories": stories, "timeline": timeline, "lanes": lanes, "order": order,
        })

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, s: int | None = Query(None, ge=0, le=1_000_000)) -> Response:
        with ctx.desk() as d:
            article = or_404(d.article, article_id)
            analysis = d.analysis(article_id)
            story_id = d.store.story_of(article_id)
            story = d.store.story(story_id) if story_id else None
            copies = d.store.duplicates_of(article_id)
            canonical = d.store.conn.execute(
                "SELECT canonical_id FROM articles WHERE id = ?", (article_id,)
            ).fetchone()[0]
        return render(request, "article.html", {
            "article": article, "paragraphs": article_view(article, analysis), "highlight_index": s,
            "story": story, "analysis": analysis, "labels": entity_labels(analysis), "copies": copies,
            "canonical": canonical, "original": safe_url(article.url),
        })

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, q: str = Query("", max_length=200), page: int = Query(1, ge=1, le=10000)) -> Response:
        with ctx.desk() as d:
            total, rows = queries.list_actors(d.store, q.strip(), 50, (page - 1) * 50)
        return render(request, "actors.html", {
            "actors": rows, "total": total, "q": q, "page": page, "pages": max(1, math.ceil(total / 50)),
        })

    @app.get("/actors/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(
        request: Request, name: str,
        with_: str = Query("", alias="with", max_length=12),
        freq: str = Query("month", max_length=6),
    ) -> Response:
        freq = freq if freq in FREQS else "month"
        with ctx.desk() as d:
            actor = queries.resolve_actor(d.store, name)
            if actor is None:
                raise HTTPException(404, f"no actor {name!r}")
            profile = queries.actor_profile(d.store, actor)
            as_subject = queries.actor_events(d.store, actor, "subject", 15)
            as_object = queries.actor_events(d.store, actor, "object", 15)
            code = profile["country"]
            partners = queries.counterparts(d.store, code) if code else []
            other = (with_.strip().upper() or (partners[0][0] if partners else "")) if code else ""
            series = relation_series(queries.country_events(d.store, code, other), code, other, freq) if other else []
        chart = charts.relation_chart(series, code, other, freq) if other else None
        return render(request, "actor.html", {
            "p": profile, "as_subject": as_subject, "as_object": as_object, "code": code, "other": other,
            "freq": freq, "freqs": FREQS, "partners": partners, "chart": chart, "series": series,
        })

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = Query("", max_length=200), page: int = Query(1, ge=1, le=400)) -> Response:
        with ctx.desk() as d:
            hits = d.search(q, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE) if q.strip() else []
        more = len(hits) > PAGE_SIZE
        return render(request, "search.html", {"q": q, "hits": hits[:PAGE_SIZE], "page": page, "more": more})

    @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def ingest_page(request: Request) -> Response:
        with ctx.desk() as d:
            counts = d.store.counts()
            failures = queries.failure_rows(d.store)
            run = ingest_run(d.store.get_state("ingest"))
        stages: dict[str, int] = {}
        for f in failures:
            stages[f["stage"]] = stages.get(f["stage"], 0) + 1
        return render(request, "ingest.html",
                      {"counts": counts, "failures": failures, "stages": stages, "run": run})


def ingest_run(state: dict[str, Any] | None) -> dict[str, Any] | None:
    """The latest ingest run as the ingest writes it after each batch: running or finished, and its rate."""
    if not state:
        return None
    elapsed = max(1e-6, float(state["updated"]) - float(state["started"]))
    return {
        **state,
        "status": "finished" if state.get("done") else "running",
        "started_at": datetime.fromtimestamp(float(state["started"]), UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "rate": state["added"] / elapsed,
        "elapsed": elapsed,
    }

