"""WARC reading: our own tiny archives (written with warcio) and the shared real-world ones."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.model import Failure, RawDocument
from newsdesk.sources import iter_documents
from newsdesk.sources.warc import split_http

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
WARC_DIR = SHARED / "data" / "warc"

PAGE = "<html><head><title>Grain corridor</title></head><body><p>Ships left port.</p></body></html>"


def _record(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": "2024-05-17T10:00:00Z"})
    writer.write_record(record)


def _tiny_warc(gzip: bool = True) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("tiny.warc.gz", {"software": "test"}))
    _record(writer, "https://news.example/a", PAGE.encode("cp1251"), "text/html; charset=windows-1251")
    _record(writer, "https://news.example/logo.png", b"\x89PNG....", "image/png")
    _record(writer, "https://news.example/gone", b"<html>404</html>", "text/html", status="404 Not Found")
    _record(writer, "https://news.example/b", PAGE.replace("Ships", "Trucks").encode(), "text/html")
    return out.getvalue()


@pytest.mark.parametrize("gzip", [True, False])
def test_tiny_warc_yields_html_responses_only(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("tiny.warc.gz" if gzip else "tiny.warc")
    path.write_bytes(_tiny_warc(gzip))
    docs = list(iter_documents([path]))
    assert all(isinstance(d, RawDocument) for d in docs), docs
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    first = docs[0]
    assert first.hints["charset"] == "windows-1251" and first.content_type == "html"
    assert first.fetched_at == "2024-05-17T10:00:00Z"
    assert first.source == f"{path}#{first.name}" and first.content.startswith(b"<html>")


@pytest.mark.parametrize("cut", [0.95, 0.7, 0.5])
def test_truncated_warc_gives_good_records_then_one_failure(tmp_path: Path, cut: float) -> None:
    data = _tiny_warc(gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * cut)])
    items = list(iter_documents([path]))
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(failures) == 1 and items[-1] is failures[0]
    assert failures[0].reason.startswith("truncated WARC after")


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"hello, this is not an archive\n")
    items = list(iter_documents([path]))
    assert len(items) == 1 and isinstance(items[0], Failure)


def test_split_http_tolerates_lf_only_heads() -> None:
    status, headers, body = split_http(b"HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html></html>")
    assert status == 200 and headers["content-type"] == "text/html" and body == b"<html></html>"


@pytest.mark.skipif(not WARC_DIR.is_dir(), reason="../shared WARC files not available")
def test_shared_clipped_warc_ends_with_one_failure() -> None:
    items = list(iter_documents([WARC_DIR / "clipped.warc.gz"]))
    assert isinstance(items[-1], Failure) and "truncated WARC" in items[-1].reason
    assert sum(isinstance(i, Failure) for i in items) == 1


@pytest.mark.skipif(not WARC_DIR.is_dir(), reason="../shared WARC files not available")
def test_shared_clueweb_quirk_warc_is_read() -> None:
    items = list(iter_documents([WARC_DIR / "clueweb-quirk.warc.gz"]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(docs) == len(items) and len(docs) >= 20
    assert all(d.url and d.url.startswith("http") and d.content.lstrip().startswith(b"<") for d in docs)
    assert docs[0].fetched_at and docs[0].fetched_at.startswith("2009-")  # bad WARC-Date → HTTP Date


@pytest.mark.skipif(not WARC_DIR.is_dir(), reason="../shared WARC files not available")
def test_shared_common_crawl_warc_is_read() -> None:
    items = list(iter_documents([WARC_DIR / "warcfile.warc.gz"]))
    assert items and all(isinstance(i, RawDocument) for i in items)
    assert any(i.hints.get("charset") == "windows-1251" for i in items)
