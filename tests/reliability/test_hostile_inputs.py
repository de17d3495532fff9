"""Hostile and broken inputs: each gets a clear Failure or a correct article, in bounded time and
memory, and never stops the rest of the batch (docs/reliability.md lists the promises)."""

from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
from pathlib import Path

import hostile_corpus as hc
import pytest

from newsdesk.errors import ExtractionError
from newsdesk.extract import extract, extract_many
from newsdesk.model import Article, Failure, RawDocument
from newsdesk.sources import iter_documents
from newsdesk.sources.feeds import iter_feed
from newsdesk.sources.warc import iter_warc
from support import SHARED

BOUND_S = 30.0  # generous: proves "bounded", not "fast"


def run(paths: list[Path]) -> list[Article | Failure]:
    return list(extract_many(iter_documents(paths)))


def failures(items: list) -> list[Failure]:
    return [x for x in items if isinstance(x, Failure)]


def articles(items: list) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def html_doc(data: bytes, name: str = "x") -> RawDocument:
    return RawDocument(name, f"{name}.html", data, "html", None, "2024-05-17T00:00:00Z", {})


# ------------------------------------------------------------------------------ size and bombs


@pytest.mark.slow
@pytest.mark.parametrize("maker", [hc.write_gzip_bomb, hc.write_single_member_bomb], ids=["multi", "single"])
def test_gzip_bomb_is_refused_in_bounded_memory(tmp_path: Path, maker) -> None:
    bomb = tmp_path / "bomb.html.gz"
    expanded = maker(bomb)
    assert expanded >= 256 * 1024**2 and bomb.stat().st_size < 5 * 1024 * 1024
    tracemalloc.start()
    start = time.perf_counter()
    items = run([bomb])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.perf_counter() - start < BOUND_S
    assert [(f.source, f.stage) for f in failures(items)] == [(str(bomb), "read")]
    assert "decompressed size exceeds limit" in items[0].reason
    assert peak < 200 * 1024 * 1024  # the 50 MB cap plus one chunk, not the GBs


def test_oversized_files_and_pages_are_refused(tmp_path: Path) -> None:
    (tmp_path / "huge.html").write_bytes(hc.big_page(20 * 1024 * 1024, distinct=False))
    (tmp_path / "good.html").write_bytes(hc.good_page(1))
    start = time.perf_counter()
    items = run([tmp_path])
    assert time.perf_counter() - start < BOUND_S
    [bad] = failures(items)
    assert bad.source.endswith("huge.html") and "page too large" in bad.reason
    assert [a.name for a in articles(items)] == ["good"]
    small = tmp_path / "small"
    small.mkdir()
    (small / "over-cap.html").write_bytes(hc.good_page(2) + b" " * 2048)
    [over] = run_capped(small / "over-cap.html", 1024)
    assert "file too large" in over.reason


def test_devices_and_pipes_are_read_bounded() -> None:
    """A path with no honest size (/dev/zero, a pipe) is read up to the cap, then refused."""
    start = time.perf_counter()
    [item] = run_capped(Path("/dev/zero"), 1024 * 1024)
    assert time.perf_counter() - start < BOUND_S
    assert isinstance(item, Failure) and "too large" in item.reason


def run_capped(path: Path, max_bytes: int) -> list:
    return list(iter_documents([path], max_bytes=max_bytes))


def test_large_page_under_the_cap_extracts_every_paragraph() -> None:
    page = hc.big_page(512 * 1024)
    start = time.perf_counter()
    article = extract(html_doc(page))
    assert time.perf_counter() - start < BOUND_S
    assert hc.article_text(0)[0] in article.text and len(article.paragraphs) > 500


# ------------------------------------------------------------------------------ malformed HTML


@pytest.mark.parametrize("page", [hc.nested_divs(100_000), hc.nested_divs(5_000), hc.tag_soup(),
                                  b"<html>" + b"<table><tr><td>" * 20_000, b"<" * 200_000,
                                  b"<!--" * 50_000,
                                  b"<html><body>" + b"<p>" * 20_000 + b"word " * 10],
                         ids=["divs-100k", "divs-5k", "soup", "tables", "lt", "comments", "p-20k"])
def test_malformed_html_gives_an_article_or_a_clear_error(page: bytes) -> None:
    start = time.perf_counter()
    try:
        article = extract(html_doc(page))
    except ExtractionError as exc:
        assert str(exc)
    else:
        assert article.text.strip()
    assert time.perf_counter() - start < BOUND_S


def test_moderately_nested_article_is_found() -> None:
    article = extract(html_doc(hc.nested_divs(200)))
    assert hc.article_text(7)[0] in article.text


# ---------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("name", sorted(hc.encoded_pages()))
def test_wrong_and_missing_encodings_decode_correctly(tmp_path: Path, name: str) -> None:
    data, phrase = hc.encoded_pages()[name]
    (tmp_path / name).write_bytes(data)
    [item] = run([tmp_path / name])
    assert isinstance(item, Article), item
    assert phrase in item.text


def test_binary_files_named_as_pages_are_refused(tmp_path: Path) -> None:
    for name, data in hc.binary_files().items():
        (tmp_path / name).write_bytes(data)
    items = run([tmp_path])
    assert sorted(Path(f.source).name for f in failures(items)) == sorted(hc.binary_files())
    assert all("binary content" in f.reason for f in items)


# -------------------------------------------------------------------------------------- feeds


@pytest.mark.parametrize("feed", [hc.billion_laughs(), hc.quadratic_blowup(), hc.external_entity(),
                                  hc.parameter_entity(), hc.billion_laughs().decode().encode("utf-16"),
                                  b"<!-- <a> -->" + hc.billion_laughs().split(b"?>", 1)[1],
                                  hc.external_entity("http://127.0.0.1:1/x")],
                         ids=["laughs", "quadratic", "xxe-file", "param-entity", "laughs-utf16", "hidden-by-comment",
                              "xxe-http"])
def test_xml_entity_declarations_are_refused(feed: bytes, no_network) -> None:
    start = time.perf_counter()
    items = list(iter_feed(feed, "evil.rss"))
    assert time.perf_counter() - start < BOUND_S
    assert len(items) == 1 and isinstance(items[0], Failure), items
    assert "refused" in items[0].reason


@pytest.fixture
def no_network(monkeypatch):
    """Any socket connection attempt fails the test: readers must never fetch."""
    attempts: list = []

    def refuse(self, address):  # noqa: ANN001
        attempts.append(address)
        raise AssertionError(f"network access attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts
    assert not attempts


def test_feed_links_are_data_and_only_http_urls_are_kept(no_network) -> None:
    docs = [d for d in iter_feed(hc.hostile_url_feed(), "links.rss") if isinstance(d, RawDocument)]
    assert len(docs) == 9
    urls = {d.name: d.url for d in docs}
    assert urls["g7"] == "https://ok.example/news/1"
    assert urls["g3"] == "http://169.254.169.254/latest/meta-data/"  # kept as data, never fetched
    for guid in ("g0", "g1", "g2", "g5", "g6", "g8"):
        assert urls[guid] is None and "url" not in docs[int(guid[1:])].hints
    for item in extract_many(docs):
        assert isinstance(item, Article)
        assert not (item.url or "").lower().startswith(("file:", "javascript:", "data:"))


def test_feed_content_naming_a_path_is_not_opened(tmp_path: Path, no_network) -> None:
    real = tmp_path / "real.rss"
    real.write_bytes(hc.good_feed(0))
    for content in (str(real).encode(), b"/dev/zero", b"https://example.com/feed.rss"):
        start = time.perf_counter()
        items = list(iter_feed(content, "named.rss"))
        assert time.perf_counter() - start < BOUND_S
        assert len(items) == 1 and isinstance(items[0], Failure), items


def test_feed_with_undecodable_bytes_is_fast() -> None:
    """feedparser's chardet fallback is quadratic on some byte runs; we never let it run."""
    data = b"<rss><channel><item><title>" + b"a\xef" * 30_000 + b"</title><description>d</description></item>"
    start = time.perf_counter()
    list(iter_feed(data, "slow.rss"))
    assert time.perf_counter() - start < 5.0


# --------------------------------------------------------------------------------------- WARC


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_truncated_warc_never_loses_records_silently(tmp_path: Path, gz: bool) -> None:
    """At every cut: each record fully present is read, and a record cut part-way gives a Failure."""
    records = hc.warc_records(4)
    parts = [gzip.compress(r) for r in records] if gz else records
    spans, pos = [], 0  # (start, end of what must be present for the record to be whole)
    for raw, part in zip(records, parts, strict=True):
        spans.append((pos, pos + len(part) if gz else pos + len(raw) - 4))  # the CRLFCRLF trailer is optional
        pos += len(part)
    full = b"".join(parts)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    for cut in sorted({*range(1, len(full), max(1, len(full) // 150)), len(full) - 1, len(full) - 3}):
        path.write_bytes(full[:cut])
        items = list(iter_warc(path))
        docs = [x for x in items if isinstance(x, RawDocument)]
        fails = [x for x in items if isinstance(x, Failure)]
        whole = sum(1 for start, end in spans[1:] if end <= cut)  # spans[0] is the warcinfo record
        partial = any(start < cut < end for start, end in spans)
        assert len(fails) <= 1 and (not fails or items[-1] is fails[0]), (cut, items)
        assert len(docs) >= whole, f"cut at {cut}: {len(docs)} records read, {whole} were whole"
        assert fails or not partial, f"cut at {cut} inside a record and no Failure"


def test_corrupt_record_in_the_middle_is_reported(tmp_path: Path) -> None:
    records = hc.warc_records(5)
    records[3] = records[3].replace(b"WARC/1.0", b"WARC/X.Y", 1).replace(b"Content-Length", b"Content-Lenght", 1)
    path = tmp_path / "mid.warc"
    path.write_bytes(hc.warc_bytes(records, False))
    items = list(iter_warc(path))
    docs = [x for x in items if isinstance(x, RawDocument)]
    assert len(docs) == 5 or any(isinstance(x, Failure) for x in items), items


def test_oversized_html_record_is_a_failure_not_a_silent_skip(tmp_path: Path) -> None:
    big = hc.warc_record("response", "https://w.example/big", hc.http_response(b"<html>" + b"x" * 4096), 77)
    path = tmp_path / "big.warc"
    path.write_bytes(hc.warc_bytes([*hc.warc_records(2), big], False))
    items = list(iter_warc(path, max_record_bytes=2048))
    assert sum(isinstance(x, RawDocument) for x in items) == 2
    [fail] = failures(items)
    assert fail.source.endswith("000000000077") and "too large" in fail.reason


@pytest.mark.parametrize("name", ["clipped.warc.gz", "clueweb-quirk.warc.gz"])
def test_shared_quirky_warcs(name: str) -> None:
    path = SHARED / "data" / "warc" / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    start = time.perf_counter()
    items = run([path])
    assert time.perf_counter() - start < 60
    assert failures(items) == [] if name.startswith("clueweb") else "truncated WARC" in items[-1].reason


# -------------------------------------------------------------------------------------- JSONL


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    data, good, bad = hc.jsonl_with_bad_lines()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(data)
    items = run([path])
    assert len(articles(items)) == good
    assert len(failures(items)) == bad
    assert all("line " in f.reason for f in failures(items))
    for a in articles(items):
        (a.title or "").encode("utf-8")  # no lone surrogate survives (SQLite could not store it)
        a.text.encode("utf-8")


# --------------------------------------------------------------------------------- whole batch


def write_hostile_dir(root: Path) -> tuple[set[str], set[str]]:
    """A directory mixing good pages with one of each bad kind: (good page names, bad file names)."""
    root.mkdir(parents=True, exist_ok=True)
    good = set()
    for i in range(5):
        (root / f"good-{i}.html").write_bytes(hc.good_page(i))
        good.add(f"good-{i}")
    (root / "good-5.html.gz").write_bytes(gzip.compress(hc.good_page(5)))
    good.add("good-5")
    bad = {"bomb.html.gz": None, "laughs.rss": hc.billion_laughs(), "xxe.xml": hc.external_entity(),
           "empty.html": b"", "spaces.txt": b"   \n\n  ", "truncated.html.gz": gzip.compress(hc.good_page(9))[:-30],
           "not-utf8.txt": "caf\xe9 au lait, un texte long de plusieurs mots.".encode("latin-1"),
           **hc.binary_files()}
    for name, data in bad.items():
        if data is None:
            hc.write_gzip_bomb(root / name, member_mb=8, members=16)
        else:
            (root / name).write_bytes(data)
    return good, set(bad)


def test_mixed_batch_keeps_every_good_page(tmp_path: Path) -> None:
    good, bad = write_hostile_dir(tmp_path / "in")
    start = time.perf_counter()
    items = run([tmp_path / "in"])
    assert time.perf_counter() - start < BOUND_S
    assert {a.name for a in articles(items)} == good
    assert sorted(Path(f.source).name for f in failures(items)) == sorted(bad)


@pytest.mark.parametrize("link", ["http://[::1/x", "javascript:alert(1)", "file:///etc/passwd"])
def test_hostile_canonical_links_never_become_the_article_url(link: str) -> None:
    page = (f'<html><head><link rel="canonical" href="{link}"><title>Harbin expo</title></head><body>'
            + "<p>" + "Trade officials from both countries toured the exhibition halls. " * 40 + "</p></body></html>")
    article = extract(html_doc(page.encode()))
    assert article.url is None and article.id
