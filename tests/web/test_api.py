"""The JSON API and the pages added for the dashboard: filters, exports, actors, relations, ingest."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from newsdesk.web import app as web_app
from newsdesk.web.app import create_app
from newsdesk.web.charts import fill_gaps, relation_chart


@pytest.fixture(scope="module")
def client(demo_db):
    return TestClient(create_app(demo_db))


@pytest.fixture(scope="module")
def tianjin(client):
    """The 2025 visit: the story whose articles mention Tianjin."""
    items = client.get("/api/stories", params={"q": "Tianjin", "sort": "biggest"}).json()["items"]
    assert items, "the demo corpus has a story about the 2025 visit"
    return items[0]


def test_story_filters_narrow_the_list(client, tianjin):
    everything = client.get("/api/stories").json()
    assert everything["total"] >= 2
    by_text = client.get("/api/stories", params={"q": "Tianjin"}).json()
    assert 0 < by_text["total"] < everything["total"]
    assert any(h["snippet"] for h in tianjin["hits"])
    late = client.get("/api/stories", params={"date_from": "2025-08-01"}).json()["items"]
    assert late and all((s["last_seen"] or "") >= "2025-08-01" for s in late)
    assert client.get("/api/stories", params={"country": "CHN", "actor": "Vladimir Putin"}).json()["total"] >= 1
    theme = tianjin["themes"][0]
    assert all(theme in s["themes"] for s in client.get("/api/stories", params={"theme": theme}).json()["items"])
    assert client.get("/api/stories", params={"event_type": "NOSUCHTYPE"}).json()["total"] == 0
    assert client.get("/api/stories", params={"date_from": "not-a-date"}).status_code == 422


def test_biggest_orders_by_size(client):
    sizes = [s["size"] for s in client.get("/api/stories", params={"sort": "biggest"}).json()["items"]]
    assert sizes == sorted(sizes, reverse=True)


def test_stories_page_highlights_search_hits_and_keeps_filters_in_pager(client):
    r = client.get("/", params={"q": "Tianjin"})
    assert r.status_code == 200 and "<mark>Tianjin</mark>" in r.text
    assert 'value="Tianjin"' in r.text


def test_story_sources_count_outlets_and_duplicates(client, demo_db):
    from newsdesk.store import Store

    with Store(demo_db, readonly=True) as store:
        row = store.conn.execute(
            "SELECT sa.story_id, a.canonical_id FROM articles a JOIN story_articles sa ON sa.article_id = a.canonical_id"
            " WHERE a.canonical_id IS NOT NULL LIMIT 1"
        ).fetchone()
    if row is None:
        pytest.skip("demo corpus has no linked duplicate inside a story")
    story_id, canonical = row
    sources = client.get(f"/api/stories/{story_id}/sources").json()
    original = next(s for s in sources["items"] if s["article_id"] == canonical)
    assert original["copies"] >= 1 and original["outlets"] == original["copies"] + 1
    assert f"carried by {original['outlets']} outlets" in client.get(f"/stories/{story_id}").text


def test_story_page_has_popover_data_players_and_chart(client, tianjin):
    html = client.get(f"/stories/{tianjin['id']}").text
    assert 'data-quote="' in html and 'id="popover"' in html
    assert "Key players" in html and 'href="/actors/' in html
    assert '<svg class="chart"' in html and "Timeline" in html


def test_story_json_endpoints(client, tianjin):
    sid = tianjin["id"]
    assert client.get(f"/api/stories/{sid}/timeline").json()["items"]
    rel = client.get(f"/api/stories/{sid}/relations").json()
    assert rel["pair"] and sum(r["events"] for r in rel["series"]) > 0
    assert client.get(f"/api/stories/{sid}/relations", params={"freq": "year"}).status_code == 422


def test_thread_page_and_api(client):
    assert client.get("/threads/nope").status_code == 404 and client.get("/api/threads/nope").status_code == 404
    threads = client.get("/api/threads").json()
    if not threads["total"]:
        pytest.skip("this build of the pipeline found no thread in the demo corpus")
    tid = threads["items"][0]["id"]
    detail = client.get(f"/api/threads/{tid}").json()
    assert len(detail["stories"]) >= 2 and detail["timeline"]
    page = client.get(f"/threads/{tid}").text
    assert 'class="chart lanes"' in page and "Combined timeline" in page


def test_actor_profile_events_and_relation_chart(client):
    profile = client.get("/api/actors/RUS").json()
    assert profile["name"] == "Russia" and profile["country"] == "RUS" and profile["mentions"] > 0
    assert "CHN" in [c for c, _ in profile["counterparts"]]
    events = client.get("/api/actors/Vladimir Putin/events", params={"role": "subject"}).json()["items"]
    assert events and all(any(a["name"] == "Vladimir Putin" for a in e["actors"]) for e in events)
    page = client.get("/actors/Russia", params={"with": "CHN", "freq": "month"}).text
    assert "Relation RUS – CHN" in page and "Verbal cooperation" in page and "Mean intensity" in page
    assert client.get("/actors/Nobody Atall").status_code == 404
    assert client.get("/api/actors", params={"q": "Xi"}).json()["items"]


def test_relations_endpoint_buckets(client):
    month = client.get("/api/relations", params={"a": "RUS", "b": "CHN", "freq": "month"}).json()["series"]
    day = client.get("/api/relations", params={"a": "rus", "b": "chn", "freq": "day"}).json()["series"]
    assert month and sum(r["events"] for r in month) == sum(r["events"] for r in day)
    assert all(r["date"].endswith("-01") for r in month)
    assert client.get("/api/relations", params={"a": "R<S", "b": "CHN"}).status_code == 422


def test_article_page_marks_entities_and_events(client, tianjin):
    aid = tianjin["hits"][0]["article_id"]
    html = client.get(f"/articles/{aid}").text
    assert 'class="ent ent-' in html and 'class="evtag q' in html and "Coded events" in html
    detail = client.get(f"/api/articles/{aid}").json()
    assert detail["analysis"]["mentions"] and detail["story_id"] == tianjin["id"]


def test_article_list_and_events_list_paginate(client):
    first = client.get("/api/articles", params={"limit": 5}).json()
    second = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert len(first["items"]) == 5 and {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])
    consult = client.get("/api/events", params={"plover": "CONSULT", "country": "RUS", "limit": 3}).json()
    assert consult["total"] >= len(consult["items"]) > 0
    assert all(e["plover"] == "CONSULT" and e["sentence"] for e in consult["items"])


@pytest.mark.parametrize("table", ["articles", "events", "stories"])
def test_exports_stream_csv_and_jsonl(client, table):
    total = client.get("/api/health").json()["counts"][table]
    r = client.get(f"/api/export/{table}.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(r.text)))) == total + 1
    lines = client.get(f"/api/export/{table}.jsonl").text.splitlines()
    assert len(lines) == total and all(isinstance(json.loads(x), dict) for x in lines)
    assert client.get(f"/api/export/{table}.xml").status_code == 422


def test_ingest_page_lists_failures(tmp_path):
    from newsdesk.model import Failure
    from newsdesk.store import Store

    db = tmp_path / "f.db"
    with Store(db) as store:
        store.add_failure(Failure("inbox/broken.html", "read", "binary content, not a text or HTML document"))
        store.add_failure(Failure("inbox/<b>odd</b>.txt", "extract", "no article text"))
    client = TestClient(create_app(db))
    html = client.get("/ingest").text
    assert "inbox/broken.html" in html and "binary content" in html and "Recorded failures (2)" in html
    assert "&lt;b&gt;odd&lt;/b&gt;" in html and "<b>odd" not in html
    assert client.get("/api/failures").json()["items"][0]["source"] == "inbox/<b>odd</b>.txt"


def test_ingest_page_shows_the_latest_run(demo_db):
    html = TestClient(create_app(demo_db)).get("/ingest").text
    assert "Latest run: finished" in html and "articles added" in html and "articles/s" in html
    assert "Last written" in html


def test_token_cookie_and_every_route_guarded(demo_db):
    guarded = TestClient(create_app(demo_db, token="s3cret"))
    for path in ("/", "/actors", "/ingest", "/api/export/stories.csv", "/openapi.json"):
        assert guarded.get(path).status_code == 401, path
    assert guarded.get("/", params={"token": "wrong"}).status_code == 401
    first = guarded.get("/", params={"token": "s3cret"})
    assert first.status_code == 200 and "httponly" in first.headers["set-cookie"].lower()
    assert guarded.get("/actors").status_code == 200  # the cookie now carries the token


def test_non_loopback_host_without_token_warns(demo_db, monkeypatch, capsys):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    web_app.serve(demo_db, host="0.0.0.0", port=9, allow_no_token=True)
    assert "without authentication" in capsys.readouterr().err
    web_app.serve(demo_db, host="0.0.0.0", port=9, token="t")
    web_app.serve(demo_db, host="127.0.0.1", port=9)
    assert "without authentication" not in capsys.readouterr().err


def test_chart_escapes_labels_and_fills_gaps():
    series = [
        {"date": "2024-01-01", "events": 2, "quad1": 1, "quad2": 0, "quad3": 0, "quad4": 1, "mean_intensity": -3.0},
        {"date": "2024-04-01", "events": 1, "quad1": 1, "quad2": 0, "quad3": 0, "quad4": 0, "mean_intensity": 1.0},
    ]
    assert [r["date"] for r in fill_gaps(series, "month")] == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    svg = str(relation_chart(series, "<A>", "B", "month"))
    assert "<A>" not in svg and "&lt;A&gt;" in svg and "style=" not in svg
    assert "No events" in str(relation_chart([], "X", "Y", "day"))
