"""The dashboard over a store filled with hostile article content: everything escaped, strict CSP,
no path traversal, token auth, request size limit, hostile search queries answered cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.desk import Desk
from newsdesk.web import app as web_app
from newsdesk.web.app import create_app

PAYLOADS = ["<script>alert('xss')</script>", '"><svg onload=alert(1)>', "<img src=x onerror=alert(2)>",
            "javascript:alert(3)", "{{ 7*7 }}", "</textarea><iframe src=//evil.example>"]
BODY = ("Ministers from Oslo and Lagos met in Bergen on Tuesday to discuss the harbour treaty and the "
        "railway budget, officials said after the talks. ")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("webhostile")
    lines = []
    for k, payload in enumerate(PAYLOADS):
        text = f"{BODY}Quoted markup {payload} appeared in report {k}.\n\n{BODY}Second paragraph {k} {payload}."
        lines.append(json.dumps({"id": f"h{k}", "url": "javascript:alert(9)" if k % 2 else f"https://x.example/{k}",
                                 "title": f"Report {k} {payload}", "author": payload, "date": "2024-05-16",
                                 "text": text, "publisher": payload}))
    (root / "hostile.jsonl").write_text("\n".join(lines) + "\n")
    db = root / "news.db"
    with Desk(db) as desk:
        report = desk.ingest([root / "hostile.jsonl"], workers=1)
    assert report.added == len(PAYLOADS), report.summary()
    return db


def page_urls(client: TestClient) -> list[str]:
    stories = client.get("/api/stories").json()
    items = stories["items"] if isinstance(stories, dict) else stories
    story_ids = [s["id"] for s in items]
    with Desk(client.app_db, readonly=True) as d:  # type: ignore[attr-defined]
        article_ids = [r[0] for r in d.store.conn.execute("SELECT id FROM articles")]
        thread_ids = [t.id for t in d.threads()]
        actors = [r[0] for r in d.store.conn.execute("SELECT DISTINCT actor FROM mentions WHERE actor IS NOT NULL")]
    return ["/", "/actors", "/ingest", "/search?q=report", "/search?q=alert", "/search?q=%3Cscript%3E",
            *(f"/stories/{s}" for s in story_ids), *(f"/articles/{a}" for a in article_ids),
            *(f"/threads/{t}" for t in thread_ids), *(f"/actors/{a}" for a in actors[:5])]


@pytest.fixture(scope="module")
def client(hostile_db: Path) -> TestClient:
    c = TestClient(create_app(hostile_db))
    c.app_db = hostile_db  # type: ignore[attr-defined]
    return c


def test_article_content_is_escaped_on_every_page(client: TestClient) -> None:
    urls = page_urls(client)
    assert any(u.startswith("/articles/") for u in urls)
    shown = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.text
        for payload in PAYLOADS[:3] + PAYLOADS[5:]:
            assert payload not in html, f"{url} renders {payload!r} unescaped"
        assert 'href="javascript:' not in html.lower()
        assert "<iframe" not in html and "onerror=alert" not in html.replace("&lt;img src=x onerror=alert", "")
        shown += "&lt;script&gt;" in html or "&lt;svg" in html
    assert shown, "the hostile text should be displayed (escaped) somewhere"


def test_strict_csp_and_headers_on_every_response(client: TestClient) -> None:
    for url in ["/", "/api/stories", "/static/style.css", "/no-such-page", "/search?q=x"]:
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
        assert directives["default-src"] == "'none'"
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
        assert directives["frame-ancestors"] == "'none'" and directives["base-uri"] == "'none'"
        assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2f%2e%2e%2fdesk.py",
    "/static/....//app.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/..\\app.py",
    "/static/%5c..%5capp.py", "/static/.%00./app.py", "/static/templates/base.html", "/static/../../../../etc/passwd",
])
def test_no_path_traversal_out_of_static(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404, 405), (path, response.status_code)
    assert "create_app" not in response.text and "root:x:0" not in response.text and "{%" not in response.text


def test_token_is_required_everywhere_but_static(hostile_db: Path) -> None:
    secured = TestClient(create_app(hostile_db, token="s3cret-token"))
    for url in ["/", "/api/stories", "/api/search?q=report", "/openapi.json", "/api/docs"]:
        assert secured.get(url).status_code == 401, url
        assert secured.get(url, headers={"Authorization": "Bearer wrong"}).status_code == 401, url
        assert secured.get(url, headers={"Authorization": "Bearer s3cret-token"}).status_code == 200, url
    assert secured.get("/static/style.css").status_code == 200
    assert secured.get("/static/../app.py").status_code in (400, 401, 404)


def test_serving_beyond_loopback_requires_a_token(hostile_db: Path, monkeypatch) -> None:
    import uvicorn

    started: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, **kw: started.append(host))
    with pytest.raises(Exception, match="token"):
        web_app.serve(hostile_db, host="0.0.0.0", token=None)
    assert not started


def test_request_size_is_limited(client: TestClient) -> None:
    big = b"x" * (web_app.MAX_BODY + 1)
    response = client.post("/api/stories", content=big)
    assert response.status_code == 413
    assert client.post("/api/stories", content=b"{}").status_code == 405  # no write routes at all


@pytest.mark.parametrize("query", ['"', "AND", "NEAR(", "*", "a OR", "x" * 20_000, "-", "^", "col:x", "'; DROP TABLE"])
def test_hostile_search_queries_are_answered(client: TestClient, query: str) -> None:
    for url in ("/search", "/api/search"):
        response = client.get(url, params={"q": query})
        assert response.status_code in (200, 400, 422), (url, query, response.status_code)
    with Desk(client.app_db, readonly=True) as d:  # type: ignore[attr-defined]
        assert d.store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(PAYLOADS)
