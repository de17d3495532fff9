from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsdesk.desk import Desk
from newsdesk.web.app import create_app


@pytest.fixture(scope="module")
def client(demo_db):
    return TestClient(create_app(demo_db))


@pytest.fixture(scope="module")
def story_id(demo_db):
    with Desk(demo_db, readonly=True) as desk:
        return max(desk.stories(), key=lambda s: len(s.article_ids)).id


def test_stories_page_lists_stories_with_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "Stories" in r.text and "/stories/" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_story_page_has_brief_with_citation_links(client, story_id):
    r = client.get(f"/stories/{story_id}")
    assert r.status_code == 200
    assert "Summary" in r.text and 'class="cite"' in r.text and "Sources" in r.text


def test_citation_opens_article_with_highlighted_sentence(client, story_id):
    brief = client.get(f"/api/stories/{story_id}/brief").json()
    src = brief["sources"][0]
    r = client.get(f"/articles/{src['article_id']}?s={src['sentence_index']}")
    assert r.status_code == 200
    assert re.search(rf'id="s{src["sentence_index"]}" class="sent hl[ "]', r.text)


def test_api_lists_and_paginates(client):
    page = client.get("/api/stories?limit=2&offset=0").json()
    assert page["limit"] == 2 and len(page["items"]) <= 2 and page["total"] >= len(page["items"])
    assert client.get("/api/stories?limit=0").status_code == 422


def test_search_page_and_api(client):
    assert client.get("/api/search?q=Harbin").status_code == 200
    r = client.get("/search?q=Harbin")
    assert r.status_code == 200


def test_unknown_ids_are_404(client):
    assert client.get("/stories/nope-nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404


def test_openapi_schema_is_published(client):
    schema = client.get("/openapi.json").json()
    assert "/api/stories" in schema["paths"] and "/api/search" in schema["paths"]


def test_static_route_does_not_traverse(client):
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404


def test_token_is_required_when_set(demo_db):
    guarded = TestClient(create_app(demo_db, token="s3cret"))
    assert guarded.get("/api/stories").status_code == 401
    assert guarded.get("/api/stories", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_oversized_request_is_refused(client):
    r = client.post("/api/search", content=b"x" * 100_000, headers={"content-length": "100000"})
    assert r.status_code == 413
