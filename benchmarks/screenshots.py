"""Take the dashboard screenshots in docs/screenshots/ with headless Chromium (Playwright, sync API).

    .venv/bin/python benchmarks/screenshots.py [--db STORE] [--out docs/screenshots]

Without --db the demo corpus is ingested into a temporary store first. Uses Debian's Chromium at
/usr/bin/chromium; Playwright never downloads a browser.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> str:
    """Serve the dashboard from a daemon thread; returns its base URL once it answers."""
    import httpx
    import uvicorn

    from newsdesk.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/api/health", timeout=1)
            return base
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("dashboard did not start")


def demo_store() -> Path:
    from newsdesk.desk import Desk

    db = Path(tempfile.mkdtemp()) / "demo.db"
    with Desk(db) as desk:
        desk.ingest([REPO / "data" / "demo"])
    return db


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        page.goto(base + "/")
        shots.append(_save(page, out / "stories.png"))
        page.fill("form.filters input[name=q]", "Tianjin")
        page.click("form.filters button[type=submit]")
        page.wait_for_load_state()
        shots.append(_save(page, out / "stories-search.png"))
        page.click("a.title:has-text('Tianjin'), .story-card a.title >> nth=0")
        page.wait_for_load_state()
        page.hover("a.cite >> nth=2")
        shots.append(_save(page, out / "story.png", full=False))
        page.click("a.cite >> nth=2")
        page.wait_for_selector(".sent.hl")
        shots.append(_save(page, out / "article.png", full=False))
        page.goto(base + "/actors/Russia?with=CHN&freq=week#relation")
        shots.append(_save(page, out / "actor.png"))
        page.locator("#relation").screenshot(path=str(out / "actor-chart.png"))
        shots.append(out / "actor-chart.png")
        page.goto(base + "/threads/" + _first_thread(base))
        shots.append(_save(page, out / "thread.png", full=True))
        page.goto(base + "/ingest")
        shots.append(_save(page, out / "ingest.png"))
        browser.close()
    return shots


def _first_thread(base: str) -> str:
    import httpx

    return httpx.get(base + "/api/threads").json()["items"][0]["id"]


def _save(page, path: Path, full: bool = False) -> Path:  # noqa: ANN001
    page.screenshot(path=str(path), full_page=full, type="png")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, help="store to show (default: the demo corpus, ingested now)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"screenshots: {CHROMIUM} not found", file=sys.stderr)
        return 1
    base = start_server(args.db or demo_store())
    for shot in shoot(base, args.out):
        print(f"{shot}  {shot.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
