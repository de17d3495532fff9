"""RSS/Atom feeds: entries → documents; DTD/entity declarations refused before parsing."""

from __future__ import annotations

from pathlib import Path

from newsdesk.model import Failure, RawDocument
from newsdesk.sources import iter_documents
from newsdesk.sources.feeds import iter_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Wire</title><link>https://wire.example/</link>
<item>
  <title>Ferry strike ends after talks</title>
  <link>https://wire.example/2024/ferry-strike-ends</link>
  <guid>https://wire.example/?p=101</guid>
  <pubDate>Tue, 14 May 2024 09:30:00 +0000</pubDate>
  <dc:creator>Mira Olsen</dc:creator>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>The ferry strike ended on Tuesday after overnight talks.</p>
  <p>Unions said the agreement raises wages by four percent.</p>]]></content:encoded>
</item>
<item>
  <title>Council to vote on budget</title>
  <link>https://wire.example/2024/council-budget</link>
  <pubDate>Wed, 15 May 2024 10:00:00 +0000</pubDate>
  <description>The city council votes on the budget next week.</description>
</item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:desk</id><updated>2024-05-20T00:00:00Z</updated>
<entry><title>Border crossing reopens</title><id>urn:desk:entry:7</id>
<link href="https://desk.example/border"/><updated>2024-05-19T08:00:00Z</updated><published>2024-05-18T08:00:00Z</published>
<author><name>Tomas Berg</name></author>
<content type="html">&lt;p&gt;The crossing reopened on Saturday morning.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_full_content_and_summary_only_entries() -> None:
    full, partial = list(iter_feed(RSS, "wire.rss"))
    assert isinstance(full, RawDocument) and isinstance(partial, RawDocument)
    assert full.content_type == "html" and b"overnight talks" in full.content
    assert full.hints == {"title": "Ferry strike ends after talks", "url": "https://wire.example/2024/ferry-strike-ends",
                          "author": "Mira Olsen", "date": "2024-05-14", "publisher": "Harbour Wire"}
    assert full.name == "wire-example-p-101" and full.source == "wire.rss#wire-example-p-101"
    assert partial.hints["partial"] == "1" and b"votes on the budget" in partial.content


def test_atom_entry() -> None:
    [doc] = list(iter_feed(ATOM, "desk.atom"))
    assert isinstance(doc, RawDocument)
    assert doc.url == "https://desk.example/border" and doc.hints["date"] == "2024-05-18"
    assert doc.hints["author"] == "Tomas Berg" and "partial" not in doc.hints
    assert b"crossing reopened" in doc.content


def test_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
    <rss version="2.0"><channel><title>&b;</title><item><title>&b;</title><description>x</description></item>
    </channel></rss>"""
    path = tmp_path / "bomb.xml"
    path.write_bytes(bomb)
    [failure] = list(iter_documents([path]))
    assert isinstance(failure, Failure)
    assert "DOCTYPE" in failure.reason and "entity expansion" in failure.reason


def test_html_doctype_inside_cdata_content_is_not_refused() -> None:
    rss = RSS.replace(b"<![CDATA[<p>The ferry", b"<![CDATA[<!DOCTYPE html><p>The ferry")
    docs = list(iter_feed(rss, "wire.rss"))
    assert all(isinstance(d, RawDocument) for d in docs)


def test_not_a_feed() -> None:
    [failure] = list(iter_feed(b"<rss><channel><title>empty</title></channel></rss>", "x.rss"))
    assert isinstance(failure, Failure) and failure.reason == "feed has no entries"
