"""The JSON API: everything the pages show, paginated and filterable, plus streaming exports.

Lists answer ``{"total", "limit", "offset", "items"}``; unknown ids answer 404; bad parameters 422.
The OpenAPI schema at ``/openapi.json`` is generated from these signatures.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Path, Query
from fastapi.responses import StreamingResponse

from newsdesk import __version__
from newsdesk.analyze.relations import relation_series
from newsdesk.errors import NewsdeskError
from newsdesk.model import to_dict
from newsdesk.store import Store
from newsdesk.store.export import QUERIES, table_rows
from newsdesk.web import queries
from newsdesk.web.app import Context, or_404
from newsdesk.web.pages import DATE, story_filter

Freq = Literal["day", "week", "month"]
CODE = r"^[A-Za-z]{2,5}$"
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


def page(total: int, limit: int, offset: int, items: list[Any], **extra: Any) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items, **extra}


def export_lines(store: Store, table: str, fmt: str) -> Iterator[str]:
    """Rows of a store table as CSV or JSONL text chunks, streamed (closes the store when done)."""
    try:
        columns, rows = table_rows(store, table)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        if fmt == "csv":
            writer.writerow(columns)
        for n, row in enumerate(rows, start=1):
            if fmt == "csv":
                writer.writerow(row)
            else:
                buffer.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
            if n % 500 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
    finally:
        store.close()


def register(app: FastAPI, ctx: Context) -> None:  # noqa: C901 - one nested function per endpoint
    def story_or_404(d: Any, story_id: str) -> Any:
        return or_404(d.story, story_id)

    @app.get("/api/stories", tags=["stories"])
    def api_stories(
        q: str = Query("", max_length=200, description="full-text search in the stories' articles"),
        date_from: str = Query("", pattern=DATE, max_length=10),
        date_to: str = Query("", pattern=DATE, max_length=10),
        actor: str = Query("", max_length=200),
        country: str = Query("", max_length=12),
        theme: str = Query("", max_length=80),
        event_type: str = Query("", max_length=40, description="PLOVER event type, e.g. CONSULT"),
        sort: Literal["latest", "biggest"] = "latest",
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> dict:
        f = story_filter(q, date_from, date_to, actor, country, theme, event_type, sort)
        with ctx.desk() as d:
            total, rows = queries.list_stories(d.store, f, limit, offset)
        return page(total, limit, offset, [r.__dict__ for r in rows], filters=f.active())

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict:
        with ctx.desk() as d:
            return to_dict(story_or_404(d, story_id))

    @app.get("/api/stories/{story_id}/brief", tags=["stories"])
    def api_brief(story_id: str) -> dict:
        with ctx.desk(write=True) as d:
            story = story_or_404(d, story_id)
            return d.brief_json(story.id)

    @app.get("/api/stories/{story_id}/sources", tags=["stories"])
    def api_story_sources(story_id: str) -> dict:
        with ctx.desk() as d:
            story = story_or_404(d, story_id)
            items = queries.story_sources(d.store, story.id)
        return {"story_id": story.id, "outlets": sum(s["outlets"] for s in items), "items": items}

    @app.get("/api/stories/{story_id}/timeline", tags=["stories"])
    def api_story_timeline(story_id: str) -> dict:
        with ctx.desk() as d:
            story = story_or_404(d, story_id)
            return {"story_id": story.id, "items": to_dict(d.timeline(story))}

    @app.get("/api/stories/{story_id}/relations", tags=["stories"])
    def api_story_relations(story_id: str, freq: Freq = "day") -> dict:
        with ctx.desk() as d:
            story = story_or_404(d, story_id)
            pair = queries.main_pair(story.key_actors)
            events = queries.story_events(d.store, story.id) if pair else []
        series = relation_series(events, pair[0], pair[1], freq) if pair else []
        return {"story_id": story.id, "pair": list(pair) if pair else None, "freq": freq, "series": series}

    @app.get("/api/threads", tags=["threads"])
    def api_threads(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000)) -> dict:
        with ctx.desk() as d:
            threads = d.threads()
        return page(len(threads), limit, offset, [to_dict(t) for t in threads[offset : offset + limit]])

    @app.get("/api/threads/{thread_id}", tags=["threads"])
    def api_thread(thread_id: str) -> dict:
        with ctx.desk() as d:
            thread = or_404(d.thread, thread_id)
            stories = d.thread_stories(thread)
            timeline = d.thread_timeline(thread)
        return {**to_dict(thread), "stories": to_dict(stories), "timeline": to_dict(timeline)}

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        publisher: str = Query("", max_length=200),
        date_from: str = Query("", pattern=DATE, max_length=10),
        date_to: str = Query("", pattern=DATE, max_length=10),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> dict:
        with ctx.desk() as d:
            total, rows = queries.list_articles(
                d.store, publisher=publisher, date_from=date_from, date_to=date_to, limit=limit, offset=offset
            )
        return page(total, limit, offset, rows)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict:
        with ctx.desk() as d:
            try:
                article = d.article(article_id)
            except NewsdeskError as exc:
                raise HTTPException(404, str(exc)) from exc
            analysis = d.analysis(article_id)
            story_id = d.store.story_of(article_id)
            copies = [a.id for a in d.store.duplicates_of(article_id)]
        return {"article": to_dict(article), "analysis": to_dict(analysis), "story_id": story_id, "copies": copies}

    @app.get("/api/actors", tags=["actors"])
    def api_actors(
        q: str = Query("", max_length=200), limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> dict:
        with ctx.desk() as d:
            total, rows = queries.list_actors(d.store, q.strip(), limit, offset)
        return page(total, limit, offset, rows)

    @app.get("/api/actors/{name}", tags=["actors"])
    def api_actor(name: str = Path(..., max_length=200, description="actor name or country code")) -> dict:
        with ctx.desk() as d:
            actor = queries.resolve_actor(d.store, name)
            if actor is None:
                raise HTTPException(404, f"no actor {name!r}")
            profile = queries.actor_profile(d.store, actor)
            profile["counterparts"] = queries.counterparts(d.store, profile["country"]) if profile["country"] else []
        return profile

    @app.get("/api/actors/{name}/events", tags=["actors"])
    def api_actor_events(
        name: str = Path(..., max_length=200),
        role: Literal["subject", "object"] = "subject",
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=1_000_000),
    ) -> dict:
        with ctx.desk() as d:
            actor = queries.resolve_actor(d.store, name)
            if actor is None:
                raise HTTPException(404, f"no actor {name!r}")
            items = queries.actor_events(d.store, actor, role, limit, offset)
        return {"actor": actor, "role": role, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/relations", tags=["events"])
    def api_relations(
        a: str = Query(..., pattern=CODE, description="country code, e.g. RUS"),
        b: str = Query(..., pattern=CODE, description="country code, e.g. CHN"),
        freq: Freq = "week",
    ) -> dict:
        a, b = a.upper(), b.upper()
        with ctx.desk() as d:
            events = queries.country_events(d.store, a, b)
        return {"a": a, "b": b, "freq": freq, "series": relation_series(events, a, b, freq)}

    @app.get("/api/events", tags=["events"])
    def api_events(
        plover: str = Query("", max_length=40), country: str = Query("", max_length=12),
        date_from: str = Query("", pattern=DATE, max_length=10),
        date_to: str = Query("", pattern=DATE, max_length=10),
        limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
    ) -> dict:
        with ctx.desk() as d:
            total, rows = queries.list_events(
                d.store, plover=plover, country=country, date_from=date_from, date_to=date_to,
                limit=limit, offset=offset,
            )
        return page(total, limit, offset, rows)

    @app.get("/api/facets", tags=["stories"])
    def api_facets() -> dict:
        with ctx.desk() as d:
            return queries.facets(d.store)

    @app.get("/api/search", tags=["articles"])
    def api_search(
        q: str = Query(..., min_length=1, max_length=200),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0, le=100000),
    ) -> dict:
        with ctx.desk() as d:
            try:
                hits = d.search(q, limit, offset)
            except NewsdeskError as exc:
                raise HTTPException(422, str(exc)) from exc
        return {"query": q, "limit": limit, "offset": offset, "items": [to_dict(h) for h in hits]}

    @app.get("/api/failures", tags=["ingest"])
    def api_failures(limit: int = Query(100, ge=1, le=1000)) -> dict:
        with ctx.desk() as d:
            return {"counts": d.store.counts(), "items": queries.failure_rows(d.store, limit)}

    @app.get("/api/health", tags=["ingest"])
    def health() -> dict:
        with ctx.desk() as d:
            return {"status": "ok", "version": __version__, "counts": d.store.counts()}

    @app.get(
        "/api/export/{table}.{fmt}", tags=["export"], response_class=StreamingResponse,
        responses={200: {"content": {MEDIA["csv"]: {}, MEDIA["jsonl"]: {}}}},
    )
    def api_export(
        table: Literal["articles", "events", "stories", "mentions"], fmt: Literal["csv", "jsonl"]
    ) -> StreamingResponse:
        assert table in QUERIES
        try:
            store = Store(ctx.db, readonly=True)
        except NewsdeskError as exc:
            raise HTTPException(503, str(exc)) from exc
        headers = {"Content-Disposition": f'attachment; filename="{table}.{fmt}"'}
        return StreamingResponse(export_lines(store, table, fmt), media_type=MEDIA[fmt], headers=headers)

