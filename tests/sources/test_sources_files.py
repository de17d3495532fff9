"""Sources: files and directories → RawDocument / Failure, including every bad-input rule."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsdesk.model import Failure, RawDocument
from newsdesk.sources import iter_documents, source_kind

PAGE = b"<!DOCTYPE html><html><head><title>Harbour talks</title></head><body><p>Ministers met.</p></body></html>"


def _docs(items: list) -> list[RawDocument]:
    return [d for d in items if isinstance(d, RawDocument)]


def _failures(items: list) -> list[Failure]:
    return [d for d in items if isinstance(d, Failure)]


def test_html_text_and_gzip_files_are_named_without_extensions(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "b.htm.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "c.txt").write_text("A plain scrape line.\n", encoding="utf-8")
    (tmp_path / "d.txt.gz").write_bytes(gzip.compress(b"Another scrape.\n"))
    docs = _docs(list(iter_documents([tmp_path])))
    assert [(d.name, d.content_type) for d in docs] == [("a", "html"), ("b", "html"), ("c", "text"), ("d", "text")]
    assert docs[1].content == PAGE  # HTML stays bytes, gunzipped
    assert docs[0].source == str(tmp_path / "a.html")
    assert docs[0].fetched_at and docs[0].fetched_at.endswith("Z")


def test_directory_walk_is_sorted_recursive_and_skips_metadata(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "page.html").write_bytes(PAGE)
    (tmp_path / "a.html").write_bytes(PAGE)
    for skipped in ("README.txt", "notes.md", "meta.json", "tool.py", ".hidden.html"):
        (tmp_path / skipped).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.html").write_bytes(PAGE)
    names = [d.name for d in iter_documents([tmp_path])]
    assert names == ["a", "page"]


def test_an_explicitly_named_file_is_always_read(tmp_path: Path) -> None:
    readme = tmp_path / "README.txt"
    readme.write_text("Read me: this explicitly named file is a document too.")
    assert [d.name for d in iter_documents([readme])] == ["README"]


def test_bad_inputs_become_failures_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1-empty.html").write_bytes(b"")
    (tmp_path / "2-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "3-latin.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "4-good.html").write_bytes(PAGE)
    (tmp_path / "5-big.html").write_bytes(PAGE + b" " * 5000)
    items = list(iter_documents([tmp_path, tmp_path / "missing.html"], max_bytes=4000))
    reasons = {Path(f.source).name: f.reason for f in _failures(items)}
    assert reasons["1-empty.html"] == "empty file"
    assert reasons["2-binary.html"] == "binary content, not a text or HTML document"
    assert reasons["3-latin.txt"] == "not valid UTF-8 (byte 0xe9 at offset 3)"
    assert reasons["5-big.html"].startswith("file too large")
    assert reasons["missing.html"] == "no such file or directory"
    assert [d.name for d in _docs(items)] == ["4-good"]


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 200_000))
    [failure] = list(iter_documents([tmp_path / "bomb.html.gz"], max_bytes=10_000))
    assert isinstance(failure, Failure) and "exceeds limit" in failure.reason


def test_jsonl_lines_become_articles_or_html_with_line_numbered_failures(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "n1", "url": "https://example.org/n1", "title": "Port deal", "date": "2024-03-02",
                    "author": "A. Writer", "text": "Officials signed the port deal on Saturday."}),
        "{not json",
        "",
        json.dumps({"id": "n2", "html": "<html><body><p>Raw page.</p></body></html>", "title": "Raw"}),
        json.dumps({"id": "n3", "title": "No body"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_documents([path]))
    docs = _docs(items)
    assert [(d.name, d.content_type) for d in docs] == [("n1", "article"), ("n2", "html")]
    assert docs[0].source == f"{path}#n1" and docs[0].url == "https://example.org/n1"
    assert json.loads(docs[0].content)["text"].startswith("Officials")
    assert docs[1].hints == {"title": "Raw"}
    reasons = [f.reason for f in _failures(items)]
    assert reasons[0].startswith("line 2: invalid JSON")
    assert reasons[1] == "line 5: no 'text' or 'html' field"


def test_source_kind_by_extension() -> None:
    assert source_kind(Path("x.HTML.gz")) == "html"
    assert source_kind(Path("x.warc.gz")) == "warc"
    assert source_kind(Path("x.atom")) == "feed"
    assert source_kind(Path("x.csv")) is None


def test_feed_saved_as_html_is_sniffed(tmp_path: Path) -> None:
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>Summit opens</title><link>https://wire.example/summit</link>
    <description>Leaders gathered for the summit.</description></item></channel></rss>"""
    (tmp_path / "saved.html").write_bytes(rss)
    [doc] = list(iter_documents([tmp_path / "saved.html"]))
    assert isinstance(doc, RawDocument) and doc.hints["title"] == "Summit opens"


def test_control_bytes_share_decides_binary() -> None:
    """A page with no NUL byte is binary when over a tenth of its first 8 KB are control bytes
    (tab, line feed, form feed and carriage return are text): counted as a byte-by-byte test
    counts them, on either side of the bar."""
    import random

    from newsdesk.sources.reading import binary_reason

    rng = random.Random(3)
    controls = [b for b in range(1, 32) if b not in (9, 10, 12, 13)]
    for _ in range(400):
        size = rng.choice([1, 10, 99, 100, 101, 5000, 9000])
        share = rng.choice([0.0, 0.05, 0.099, 0.1, 0.101, 0.2, 0.5])
        data = bytes(rng.choice(controls) if rng.random() < share else rng.choice(b"ab <>\t\n\r\x0c\xc3\xa9")
                     for _ in range(size))
        head = data[:8192]
        expected = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) / len(head) > 0.1
        assert (binary_reason(data) is not None) == expected
