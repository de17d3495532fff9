"""`newsdesk watch --once` against a real feed server on 127.0.0.1, through the CLI and the store."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.cli import main
from newsdesk.desk import Desk

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Loopback Wire</title><link>http://127.0.0.1/</link><description>test</description>
<item><title>Harbin expo opens as Russian delegation arrives</title>
<link>http://127.0.0.1/harbin</link><guid>loopback-harbin-1</guid>
<pubDate>Fri, 17 May 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The eighth Russia-China Expo opened in the northern Chinese city of Harbin on Friday,
with Vladimir Putin and Chinese officials touring stands from hundreds of companies.</p>
<p>Organisers said trade between the two neighbours had reached record levels last year, and regional
officials from both sides signed agreements on agriculture, logistics and cross-border tourism.</p>
<p>Putin also visited the Harbin Institute of Technology, where he met students and researchers before
flying back to Moscow at the end of his two-day state visit.</p>]]></content:encoded>
</item></channel></rss>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text(FEED, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


def test_watch_once_ingests_new_entries_and_resumes(tmp_path, feed_server, capsys):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# loopback test feed\n{feed_server}\n")
    db = tmp_path / "w.db"
    assert main(["watch", str(feeds), "--db", str(db), "--once", "--allow-private"]) == 0
    with Desk(db, readonly=True) as desk:
        [article] = desk.store.articles()
        assert article.title.startswith("Harbin expo opens") and article.date == "2024-05-17"
    main(["watch", str(feeds), "--db", str(db), "--once", "--allow-private"])
    with Desk(db, readonly=True) as desk:
        assert desk.store.counts()["articles"] == 1


def test_watch_refuses_loopback_without_allow_private(tmp_path, feed_server, capsys):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{feed_server}\n")
    assert main(["watch", str(feeds), "--db", str(tmp_path / "w.db"), "--once"]) == 1
    assert "127.0.0.1" in capsys.readouterr().err
