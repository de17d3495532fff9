"""Generators for hostile and broken inputs, written at test time (nothing big is committed).

Every generator is deterministic, so a failure reproduces. The pages are original text made up
here; they only need to be distinct and long enough to count as articles.
"""

from __future__ import annotations

import gzip
import json
import random
import zlib
from pathlib import Path

_WORDS = ["minister", "summit", "trade", "talks", "energy", "pipeline", "border", "agreement", "election", "parliament", "court", "ruling", "protest", "harbour", "factory", "drought", "harvest", "vaccine", "satellite", "budget", "tariff", "railway", "bridge", "treaty"]
_CITIES = ["Oslo", "Lagos", "Lima", "Hanoi", "Quito", "Accra", "Riga", "Perth", "Dakar", "Minsk", "Bergen", "Cusco", "Tromso", "Kumasi"]


def article_text(i: int, paragraphs: int = 3) -> list[str]:
    """Distinct prose paragraphs for article ``i`` (seeded by ``i``, so always the same)."""
    rng = random.Random(i)
    city = _CITIES[i % len(_CITIES)]
    out = []
    for k in range(paragraphs):
        words = " ".join(rng.choice(_WORDS) for _ in range(22))
        out.append(f"Officials in {city} said on day {i} that report {i}-{k} covers the {words} issue.")
    return out


def good_page(i: int, paragraphs: int = 3) -> bytes:
    """A small, well-formed news page with a distinct title and body."""
    city = _CITIES[i % len(_CITIES)]
    body = "".join(f"<p>{p}</p>" for p in article_text(i, paragraphs))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{city} report {i}</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{city} report {i}</h1>{body}</article></body></html>"
    ).encode()


def nested_divs(depth: int = 100_000) -> bytes:
    """A page whose article sits under ``depth`` nested <div>s (parser recursion / depth limits)."""
    para = "".join(f"<p>{p}</p>" for p in article_text(7))
    return f"<html><body>{'<div>' * depth}{para}{'</div>' * depth}</body></html>".encode()


def tag_soup() -> bytes:
    """Unclosed, misnested and half-written markup around a readable article."""
    para = "".join(f"<p>{p}" for p in article_text(8))
    return (f"<html><head><title>Soup<body><table><tr><td><b><i>{para}</b></i><<<>>><p <p/>"
            "<script>never closed <div class='x' id=\"y>").encode()


def big_page(size: int, distinct: bool = True) -> bytes:
    """An HTML page of about ``size`` bytes made of paragraphs (distinct ones, or one block repeated)."""
    parts = [b"<html><head><title>Big</title></head><body><article>"]
    total, i = 0, 0
    while total < size:
        chunk = "".join(f"<p>{p}</p>" for p in article_text(i if distinct else 0, 4 if distinct else 400)).encode()
        parts.append(chunk)
        total += len(chunk)
        i += 1
    parts.append(b"</article></body></html>")
    return b"".join(parts)


def write_gzip_bomb(path: Path, member_mb: int = 64, members: int = 32) -> int:
    """A .gz of ``members`` identical members of ``member_mb`` MB of zeros; returns the expanded size.

    Concatenated members are valid gzip, so a few hundred KB on disk expand to GBs (2 GB by default)
    while costing only one compression of ``member_mb`` MB to make.
    """
    member = gzip.compress(b"\0" * (member_mb * 1024 * 1024), compresslevel=9)
    with path.open("wb") as out:
        for _ in range(members):
            out.write(member)
    return member_mb * 1024 * 1024 * members


def write_single_member_bomb(path: Path, total_mb: int = 256) -> int:
    """One gzip member that expands to ``total_mb`` MB of '<p>' text (streamed, never in memory)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    block = b"<p>aaaa</p>" * 100_000
    written = 0
    with path.open("wb") as out:
        while written < total_mb * 1024 * 1024:
            out.write(compressor.compress(block))
            written += len(block)
        out.write(compressor.flush())
    return written


# ------------------------------------------------------------------------------------- feeds


def billion_laughs(levels: int = 9) -> bytes:
    """The classic exponential entity expansion (10**levels copies of 'lol')."""
    decls = ['<!ENTITY lol0 "lol">']
    decls += [f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10}">' for k in range(1, levels + 1)]
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{"".join(decls)}]><rss version="2.0"><channel><title>t</title>'
            f"<item><title>&lol{levels};</title><description>&lol{levels};</description></item></channel></rss>"
            ).encode()


def quadratic_blowup() -> bytes:
    """One 50 KB entity referenced 50,000 times (no nesting, still 2.5 GB)."""
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]><rss><channel><item>'
            f"<description>{'&a;' * 50_000}</description></item></channel></rss>").encode()


def external_entity(target: str = "file:///etc/passwd") -> bytes:
    """An external entity that would read a local file (XXE)."""
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]><rss><channel>'
            "<item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>").encode()


def parameter_entity() -> bytes:
    """A parameter entity pulling an external DTD (blind XXE / SSRF)."""
    return (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "http://169.254.169.254/dtd"> %ext;]>'
            b"<rss><channel><item><description>x</description></item></channel></rss>")


def hostile_url_feed() -> bytes:
    """Entries whose links point at local files, scripts, data and internal addresses."""
    links = ["file:///etc/passwd", "javascript:alert(document.cookie)", "data:text/html,<script>x</script>",
             "http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8000/admin", "ftp://x.example/a",
             "//no-scheme.example/a", "https://ok.example/news/1", "http://[::1"]
    items = "".join(
        f"<item><title>Entry {k}</title><link>{link.replace('&', '&amp;').replace('<', '&lt;')}</link>"
        f"<guid>g{k}</guid><description>{article_text(k)[0]}</description></item>"
        for k, link in enumerate(links)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def good_feed(start: int, n: int = 2) -> bytes:
    items = "".join(
        f"<item><title>Feed story {k}</title><link>https://feed.example/{k}</link><guid>feed-{k}</guid>"
        f"<description>{' '.join(article_text(k))}</description></item>" for k in range(start, start + n)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()


# -------------------------------------------------------------------------------- encodings


def encoded_pages() -> dict[str, tuple[bytes, str]]:
    """name → (page bytes, a phrase that must appear in the extracted text)."""
    body = "Le ministre a déclaré à Genève que les négociations reprendront la semaine prochaine, selon l'agence."
    ru = "Министр заявил в Москве, что переговоры о торговле и энергетике продолжатся на следующей неделе."
    # spaces between sentences: extraction counts words by whitespace, so unspaced CJK text reads
    # as "2 words" and is refused (a known extract/ limitation, see docs/reliability.md)
    ja = " ".join(["外務大臣は来週も貿易とエネルギーに関する協議を続けると東京で述べた。"] * 6)

    def page(text: str, meta: str = "") -> str:
        return (f"<html><head>{meta}<title>T</title></head><body><article><h1>Report</h1>"
                f"<p>{text}</p><p>{text}</p></article></body></html>")

    return {
        "cp1252-declared-utf8.html": (page(body, '<meta charset="utf-8">').encode("cp1252"), "négociations"),
        "latin1-undeclared.html": (page(body).encode("cp1252"), "négociations"),
        "koi8r-declared.html": (page(ru, '<meta charset="koi8-r">').encode("koi8-r"), "переговоры"),
        "shift-jis-undeclared.html": (page(ja).encode("shift_jis"), "貿易"),
        "utf16-bom.html": (page(body).encode("utf-16"), "négociations"),
        "bogus-charset.html": (page(body, '<meta charset="rot13">').encode("utf-8"), "négociations"),
        "unknown-charset.html": (page(body, '<meta charset="x-no-such">').encode("utf-8"), "négociations"),
    }


# ------------------------------------------------------------------------------------ binary


def binary_files() -> dict[str, bytes]:
    rng = random.Random(5)
    return {
        "image.html": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000)),
        "program.html": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000,
        "noise.txt": bytes(rng.randrange(32) for _ in range(4000)),
    }


# -------------------------------------------------------------------------------------- JSONL


def jsonl_with_bad_lines() -> tuple[bytes, int, int]:
    """(file bytes, good lines, bad lines)."""
    good = [json.dumps({"id": f"jl{k}", "url": f"https://j.example/{k}", "title": f"J {k}",
                        "text": "\n\n".join(article_text(100 + k))}) for k in range(3)]
    bad = ['{"id": "broken", "text": "unterminated', "[1, 2, 3]", '{"id": "empty", "text": ""}', "NaN-garbage {",
           '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"]
    surrogate = '{"id": "sur", "title": "bad \\ud800 title", "text": "Lone surrogate \\udc00 in an article text line."}'
    lines = [good[0], bad[0], good[1], bad[1], bad[2], surrogate, bad[3], good[2], bad[4]]
    return ("\n".join(lines) + "\n").encode(), len(good) + 1, len(bad)


# --------------------------------------------------------------------------------------- WARC


def warc_record(kind: str, uri: str, payload: bytes, rid: int) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{rid:012d}>\r\n"
        f"WARC-Date: 2024-05-16T08:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


def http_response(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body


def warc_records(n: int, start: int = 0) -> list[bytes]:
    """``n`` HTML response records (pages start..start+n-1) after a warcinfo record."""
    records = [warc_record("warcinfo", "", b"software: newsdesk-tests\r\n", 999_999)]
    records += [warc_record("response", f"https://w.example/{k}", http_response(good_page(k)), k)
                for k in range(start, start + n)]
    return records


def warc_bytes(records: list[bytes], gz: bool) -> bytes:
    return b"".join(gzip.compress(r) for r in records) if gz else b"".join(records)
