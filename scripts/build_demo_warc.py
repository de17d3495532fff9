#!/usr/bin/env python3
"""Build data/demo/archive/demo-crawl.warc.gz from scripts/demo_warc_pages/*.html.

The archive imitates a small crawl of the fictional outlet Atlas Dispatch:

* one ``warcinfo`` record describing the crawl;
* one ``request`` record (GET /robots.txt) and the matching ``response`` with a
  text/plain body -- a reader of news articles must skip both;
* one ``response`` record per HTML page, with HTTP/1.1 200 headers and
  ``Content-Type: text/html; charset=utf-8``.

Every WARC-Date, WARC-Record-ID and HTTP Date header is fixed (record ids are
UUIDv5 values derived from the target URI and record type), and warcio's gzip
members carry no timestamp, so running the script twice yields byte-identical
output.

Usage (from the repository root)::

    .venv/bin/python scripts/build_demo_warc.py [--output PATH]
"""

from __future__ import annotations

import argparse
import uuid
from datetime import UTC
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent
PAGES_DIR = REPO / "scripts" / "demo_warc_pages"
DEFAULT_OUTPUT = REPO / "data" / "demo" / "archive" / "demo-crawl.warc.gz"

SITE = "https://atlasdispatch.example"
ID_NAMESPACE = uuid.UUID("6f1c2d3e-4b5a-5c6d-8e7f-9a0b1c2d3e4f")
CRAWL_STARTED = "2025-11-02T10:00:00Z"
SERVER_IP = "192.0.2.44"  # TEST-NET-1, documentation address

# page file -> (target URI, WARC-Date, HTTP Last-Modified), in crawl order
PAGES = [
    ("atlas-dispatch-nato-washington-summit-ends.html",
     f"{SITE}/news/2024/07/11/nato-washington-summit-ends-zelensky-air-defence",
     "2025-11-02T10:00:03Z", "Thu, 11 Jul 2024 23:30:00 GMT"),
    ("atlas-dispatch-brics-kazan-guterres-partners.html",
     f"{SITE}/news/2024/10/24/brics-kazan-guterres-meets-putin-partner-countries",
     "2025-11-02T10:00:05Z", "Thu, 24 Oct 2024 19:45:00 GMT"),
    ("atlas-dispatch-cop29-finance-deal-explained.html",
     f"{SITE}/news/2024/11/25/cop29-baku-climate-finance-deal-explained",
     "2025-11-02T10:00:07Z", "Mon, 25 Nov 2024 09:00:00 GMT"),
]

ROBOTS_URI = f"{SITE}/robots.txt"
ROBOTS_DATE = "2025-11-02T10:00:01Z"
ROBOTS_BODY = (
    b"# robots.txt for atlasdispatch.example\n"
    b"User-agent: *\n"
    b"Disallow: /login\n"
    b"Disallow: /comments\n"
    b"Disallow: /search\n"
    b"\n"
    b"Sitemap: https://atlasdispatch.example/sitemap-news.xml\n"
)

WARCINFO = {
    "software": "newsdesk scripts/build_demo_warc.py (warcio)",
    "format": "WARC File Format 1.1",
    "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
    "isPartOf": "newsdesk-demo-crawl",
    "description": "Demo crawl of the fictional outlet Atlas Dispatch, written for newsdesk. "
                   "Original text describing real events.",
    "robots": "obey",
    "http-header-user-agent": "newsdesk-demo-crawler/1.0 (+https://newsdesk.example/bot)",
}


def record_id(kind: str, key: str) -> str:
    """A stable WARC-Record-ID for a record of ``kind`` about ``key``."""
    return f"<urn:uuid:{uuid.uuid5(ID_NAMESPACE, kind + ' ' + key)}>"


def http_date(warc_date: str) -> str:
    """Turn a WARC date (2025-11-02T10:00:03Z) into an HTTP date header value."""
    from datetime import datetime
    from email.utils import format_datetime

    moment = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return format_datetime(moment, usegmt=True)


def warcinfo_record(writer: WARCWriter, filename: str):
    body = "".join(f"{k}: {v}\r\n" for k, v in WARCINFO.items()).encode("utf-8")
    headers = {
        "WARC-Record-ID": record_id("warcinfo", filename),
        "WARC-Date": CRAWL_STARTED,
        "WARC-Filename": filename,
    }
    return writer.create_warc_record(
        "", "warcinfo", payload=BytesIO(body), length=len(body),
        warc_content_type="application/warc-fields", warc_headers_dict=headers)


def response_record(writer: WARCWriter, uri: str, warc_date: str, body: bytes,
                    content_type: str, last_modified: str | None, warcinfo_id: str):
    http_headers = [
        ("Date", http_date(warc_date)),
        ("Server", "nginx"),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "max-age=300"),
    ]
    if last_modified:
        http_headers.append(("Last-Modified", last_modified))
    headers = {
        "WARC-Record-ID": record_id("response", uri),
        "WARC-Date": warc_date,
        "WARC-IP-Address": SERVER_IP,
        "WARC-Warcinfo-ID": warcinfo_id,
    }
    return writer.create_warc_record(
        uri, "response", payload=BytesIO(body), length=len(body),
        warc_headers_dict=headers,
        http_headers=StatusAndHeaders("200 OK", http_headers, protocol="HTTP/1.1"))


def request_record(writer: WARCWriter, uri: str, warc_date: str, concurrent_to: str,
                   warcinfo_id: str):
    path = uri.split("atlasdispatch.example", 1)[1]
    http_headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [
        ("Host", "atlasdispatch.example"),
        ("User-Agent", WARCINFO["http-header-user-agent"]),
        ("Accept", "text/plain,*/*;q=0.8"),
        ("Accept-Encoding", "identity"),
    ], is_http_request=True)
    headers = {
        "WARC-Record-ID": record_id("request", uri),
        "WARC-Date": warc_date,
        "WARC-Concurrent-To": concurrent_to,
        "WARC-Warcinfo-ID": warcinfo_id,
    }
    return writer.create_warc_record(uri, "request", warc_headers_dict=headers,
                                     http_headers=http_headers)


def build(output: Path) -> int:
    output.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(output, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        info = warcinfo_record(writer, output.name)
        info_id = info.rec_headers.get_header("WARC-Record-ID")
        records = [info]

        robots = response_record(writer, ROBOTS_URI, ROBOTS_DATE, ROBOTS_BODY,
                                 "text/plain; charset=utf-8", None, info_id)
        records.append(request_record(writer, ROBOTS_URI, ROBOTS_DATE,
                                      robots.rec_headers.get_header("WARC-Record-ID"), info_id))
        records.append(robots)

        for name, uri, warc_date, last_modified in PAGES:
            body = (PAGES_DIR / name).read_bytes()
            records.append(response_record(writer, uri, warc_date, body,
                                           "text/html; charset=utf-8", last_modified, info_id))
        for record in records:
            writer.write_record(record)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"where to write the archive (default: {DEFAULT_OUTPUT.relative_to(REPO)})")
    args = parser.parse_args()
    n = build(args.output)
    print(f"wrote {n} records to {args.output}")


if __name__ == "__main__":
    main()
