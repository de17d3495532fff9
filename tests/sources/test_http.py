"""Guarded, polite HTTP fetching against real servers on 127.0.0.1 (loopback only, bounded requests)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.model import Failure
from newsdesk.sources.http import (
    DEFAULT_USER_AGENT,
    Fetcher,
    FetchPolicy,
    FetchResult,
    address_refusal,
    is_permanent,
    retry_after_seconds,
    url_refusal,
)

Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    at: float
    status: int = 0


@dataclass
class LocalSite:
    """A tiny scriptable web site on 127.0.0.1: routes are functions from the hit to a reply."""

    routes: dict[str, Callable[[Hit], Reply]] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)  # frees slow handlers at teardown

    def __enter__(self) -> LocalSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                site.hits.append(hit)
                route = site.routes.get(self.path)
                status, headers, body = route(hit) if route else (404, {}, b"not found")
                hit.status = status
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers and headers.get("X-No-Length") is None:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def static(self, path: str, body: bytes, status: int = 200, **headers: str) -> None:
        self.routes[path] = lambda hit: (status, {"Content-Type": "text/html", **headers}, body)

    def sequence(self, path: str, replies: list[Reply]) -> None:
        """Answer ``path`` with ``replies`` in turn, repeating the last one."""
        count = iter(range(10**6))
        self.routes[path] = lambda hit: replies[min(next(count), len(replies) - 1)]

    def count(self, path: str) -> int:
        return sum(1 for h in self.hits if h.path == path)


def fast(**overrides: object) -> FetchPolicy:
    """A loopback-friendly policy with tiny delays so tests stay fast."""
    settings: dict = dict(allow_private=True, host_delay=0.0, backoff=0.01, retries=2,
                          connect_timeout=2.0, read_timeout=2.0, total_timeout=5.0)
    settings.update(overrides)
    return FetchPolicy(**settings)


@pytest.fixture
def site():
    with LocalSite() as s:
        yield s


PAGE = b"<html><head><title>t</title></head><body><p>Hello.</p></body></html>"


# ------------------------------------------------------------------------------- SSRF policy


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://127.0.0.1:70/_x", "ftp://example.org/a",
                                 "javascript:alert(1)", "//no-scheme.example/x"])
def test_non_http_schemes_are_refused_even_with_allow_private(url: str) -> None:
    with Fetcher(fast()) as fetcher:
        result = fetcher.fetch(url)
    assert isinstance(result, Failure)
    assert result.source == url and result.reason.startswith("refused") and "scheme" in result.reason
    assert "\n" not in str(result) and is_permanent(result)


def test_loopback_is_refused_before_connecting_by_default(site: LocalSite) -> None:
    site.static("/", PAGE)
    with Fetcher(FetchPolicy(host_delay=0)) as fetcher:
        result = fetcher.fetch(site.url("/"))
    assert isinstance(result, Failure) and "loopback address 127.0.0.1" in result.reason
    assert site.url("/") in str(result)
    assert site.hits == []  # not even robots.txt was asked for


@pytest.mark.parametrize(("address", "private_ok"), [
    ("127.0.0.1", True), ("10.1.2.3", True), ("192.168.0.10", True), ("172.16.5.4", True),
    ("100.64.0.1", True), ("::1", True), ("fc00::1", True), ("::ffff:127.0.0.1", True),
    ("169.254.169.254", False), ("fe80::1", False), ("224.0.0.1", False), ("ff02::1", False),
    ("0.0.0.0", False), ("::", False), ("240.0.0.1", False),
])
def test_address_policy(address: str, private_ok: bool) -> None:
    assert address_refusal(address, FetchPolicy()) is not None
    allowed = address_refusal(address, FetchPolicy(allow_private=True)) is None
    assert allowed is private_ok


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_refusal(address, FetchPolicy()) is None


def test_every_resolved_address_is_checked() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "2001:db8::1", "10.0.0.7"] if host == "mixed.example" else ["93.184.216.34"]

    reason = url_refusal("http://mixed.example/a", FetchPolicy(), resolver)
    assert reason is not None and "mixed.example" in reason
    assert url_refusal("https://public.example/a", FetchPolicy(), resolver) is None
    assert "credentials" in (url_refusal("http://u:p@public.example/", FetchPolicy(), resolver) or "")


def test_redirect_to_private_address_is_refused(site: LocalSite) -> None:
    site.static("/to-private", b"", 302, Location="http://10.20.30.40/admin")
    site.static("/to-loopback", b"", 301, Location="http://127.0.0.2:9/x")
    site.static("/to-file", b"", 302, Location="file:///etc/passwd")
    policy = FetchPolicy(allow_networks=("127.0.0.1/32",), host_delay=0, retries=0)
    with Fetcher(policy) as fetcher:
        results = [fetcher.fetch(site.url(p)) for p in ("/to-private", "/to-loopback", "/to-file")]
    reasons = [r.reason for r in results if isinstance(r, Failure)]
    assert len(reasons) == 3
    assert "http://10.20.30.40/admin (redirect 1)" in reasons[0] and "private address" in reasons[0]
    assert "loopback address 127.0.0.2" in reasons[1]
    assert "scheme 'file'" in reasons[2]
    assert [h.path for h in site.hits if h.path != "/robots.txt"] == ["/to-private", "/to-loopback", "/to-file"]


def test_redirect_to_link_local_is_refused_even_with_allow_private(site: LocalSite) -> None:
    site.static("/meta", b"", 307, Location="http://169.254.169.254/latest/meta-data/")
    with Fetcher(fast()) as fetcher:
        result = fetcher.fetch(site.url("/meta"))
    assert isinstance(result, Failure) and "link-local address 169.254.169.254" in result.reason


def test_connect_time_check_catches_dns_rebinding(site: LocalSite) -> None:
    """The address checked first is public, the one connected to is loopback: refused at connect."""
    port = site.server.server_address[1]
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])

    def rebinding(host: str, p: int) -> list[str]:
        return next(answers, ["127.0.0.1"])

    with Fetcher(FetchPolicy(host_delay=0, respect_robots=False, retries=0), resolve=rebinding) as fetcher:
        result = fetcher.fetch(f"http://news.example:{port}/")
    assert isinstance(result, Failure) and "loopback address 127.0.0.1" in result.reason
    assert is_permanent(result) and site.hits == []


def test_redirects_are_followed_and_bounded(site: LocalSite) -> None:
    site.static("/old", b"", 301, Location="/new")
    site.static("/new", PAGE)
    for i in range(7):
        site.static(f"/loop{i}", b"", 302, Location=f"/loop{i + 1}")
    with Fetcher(fast()) as fetcher:
        moved = fetcher.fetch(site.url("/old"))
        looped = fetcher.fetch(site.url("/loop0"))
    assert isinstance(moved, FetchResult) and moved.content == PAGE
    assert moved.url == site.url("/old") and moved.final_url == site.url("/new")
    assert isinstance(looped, Failure) and "more than 5 redirects" in looped.reason
    assert site.count("/loop6") == 0


# ------------------------------------------------------------------------- retries, timeouts


def test_503_then_200_is_retried(site: LocalSite) -> None:
    site.sequence("/flaky", [(503, {}, b"busy"), (200, {"Content-Type": "text/html"}, PAGE)])
    with Fetcher(fast()) as fetcher:
        result = fetcher.fetch(site.url("/flaky"))
    assert isinstance(result, FetchResult) and result.status == 200 and result.content == PAGE
    assert site.count("/flaky") == 2


def test_persistent_5xx_gives_up_after_the_retries(site: LocalSite) -> None:
    site.static("/down", b"oops", 500)
    with Fetcher(fast(retries=2)) as fetcher:
        result = fetcher.fetch(site.url("/down"))
    assert isinstance(result, Failure) and result.reason == "HTTP 500 after 3 attempt(s)"
    assert site.count("/down") == 3 and not is_permanent(result)


def test_retry_after_is_honoured(site: LocalSite) -> None:
    site.sequence("/limited", [(429, {"Retry-After": "1"}, b""), (200, {}, PAGE)])
    with Fetcher(fast()) as fetcher:
        result = fetcher.fetch(site.url("/limited"))
    assert isinstance(result, FetchResult)
    first, second = [h.at for h in site.hits if h.path == "/limited"]
    assert second - first >= 0.9  # backoff alone would have waited 0.01 s


def test_retry_after_is_capped(site: LocalSite) -> None:
    site.sequence("/slowdown", [(503, {"Retry-After": "3600"}, b""), (200, {}, PAGE)])
    with Fetcher(fast(max_retry_after=0.2)) as fetcher:
        start = time.monotonic()
        result = fetcher.fetch(site.url("/slowdown"))
    assert isinstance(result, FetchResult) and time.monotonic() - start < 3


def test_retry_after_parsing() -> None:
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    later = retry_after_seconds(formatdate(time.time() + 30, usegmt=True))
    assert later is not None and 25 <= later <= 31


def test_slow_endpoint_times_out(site: LocalSite) -> None:
    def slow(hit: Hit) -> Reply:
        site.release.wait(10)
        return 200, {}, PAGE

    site.routes["/slow"] = slow
    with Fetcher(fast(read_timeout=0.3)) as fetcher:
        start = time.monotonic()
        result = fetcher.fetch(site.url("/slow"))
        elapsed = time.monotonic() - start
    assert isinstance(result, Failure) and "timed out (read)" in result.reason
    assert elapsed < 5 and site.count("/slow") == 1  # a read timeout is not retried


def test_connection_refused_is_retried_then_reported() -> None:
    with LocalSite() as gone:
        url = gone.url("/x")
    with Fetcher(fast(retries=1, respect_robots=False)) as fetcher:
        result = fetcher.fetch(url)
    assert isinstance(result, Failure) and "connection failed after 2 attempt(s)" in result.reason


# --------------------------------------------------------------------------------- size caps


def test_oversized_body_with_length_is_refused(site: LocalSite) -> None:
    site.static("/big", b"x" * 5000)
    with Fetcher(fast(max_bytes=1000)) as fetcher:
        result = fetcher.fetch(site.url("/big"))
    assert isinstance(result, Failure) and "response too large" in result.reason and "declared" in result.reason


def test_oversized_streamed_body_is_cut(site: LocalSite) -> None:
    site.routes["/stream"] = lambda hit: (200, {"X-No-Length": "1", "Connection": "close"}, b"y" * 300_000)
    with Fetcher(fast(max_bytes=20_000)) as fetcher:
        result = fetcher.fetch(site.url("/stream"))
    assert isinstance(result, Failure) and "download aborted" in result.reason and is_permanent(result)


# ------------------------------------------------------------------------ robots, politeness


def test_robots_txt_disallow_is_respected_and_cached(site: LocalSite) -> None:
    site.static("/robots.txt", b"User-agent: *\nDisallow: /private/\n", **{"Content-Type": "text/plain"})
    site.static("/private/a", PAGE)
    site.static("/public/a", PAGE)
    with Fetcher(fast()) as fetcher:
        blocked = fetcher.fetch(site.url("/private/a"))
        allowed = fetcher.fetch(site.url("/public/a"))
        again = fetcher.fetch(site.url("/private/a"))
    assert isinstance(blocked, Failure) and "disallowed by" in blocked.reason and "robots.txt" in blocked.reason
    assert isinstance(allowed, FetchResult) and isinstance(again, Failure)
    assert site.count("/private/a") == 0 and site.count("/robots.txt") == 1


def test_robots_group_for_our_agent_applies(site: LocalSite) -> None:
    site.static("/robots.txt", b"User-agent: newsdesk\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    site.static("/a", PAGE)
    with Fetcher(fast()) as fetcher:
        assert isinstance(fetcher.fetch(site.url("/a")), Failure)
    assert site.count("/a") == 0


def test_missing_robots_txt_means_allowed(site: LocalSite) -> None:
    site.static("/a", PAGE)
    with Fetcher(fast()) as fetcher:
        assert isinstance(fetcher.fetch(site.url("/a")), FetchResult)
    assert site.count("/robots.txt") == 1


def test_unreachable_robots_txt_means_disallowed(site: LocalSite) -> None:
    site.static("/robots.txt", b"", 503)
    site.static("/a", PAGE)
    with Fetcher(fast(retries=0)) as fetcher:
        result = fetcher.fetch(site.url("/a"))
    assert isinstance(result, Failure) and "unreachable" in result.reason
    assert site.count("/a") == 0


def test_user_agent_is_sent(site: LocalSite) -> None:
    site.static("/a", PAGE)
    with Fetcher(fast()) as fetcher:
        fetcher.fetch(site.url("/a"))
    assert {h.headers.get("user-agent") for h in site.hits} == {DEFAULT_USER_AGENT}
    assert DEFAULT_USER_AGENT.startswith("newsdesk/") and "(+https://github.com/newsdesk)" in DEFAULT_USER_AGENT


def test_per_host_rate_limit_spaces_requests(site: LocalSite) -> None:
    for i in range(6):
        site.static(f"/p{i}", PAGE)
    delay = 0.1
    with Fetcher(fast(host_delay=delay, per_host=2, concurrency=6)) as fetcher:
        results = fetcher.fetch_many([(site.url(f"/p{i}"), {}) for i in range(6)])
    assert all(isinstance(r, FetchResult) for r in results)
    starts = sorted(h.at for h in site.hits)  # robots.txt included: it is a request to the host too
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    # Server-side arrival times jitter on a loaded machine: check the typical gap and the total span,
    # which the client's spacing bounds from below, rather than the single smallest gap.
    assert len(starts) == 7 and sorted(gaps)[len(gaps) // 2] >= delay * 0.6
    assert starts[-1] - starts[0] >= 6 * delay * 0.7


def test_per_host_concurrency_is_capped(site: LocalSite) -> None:
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def busy(hit: Hit) -> Reply:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        site.release.wait(0.08)
        with lock:
            state["now"] -= 1
        return 200, {}, PAGE

    for i in range(6):
        site.routes[f"/c{i}"] = busy
    with Fetcher(fast(per_host=2, concurrency=6, respect_robots=False)) as fetcher:
        results = fetcher.fetch_many([(site.url(f"/c{i}"), {}) for i in range(6)])
    assert all(isinstance(r, FetchResult) for r in results)
    assert state["peak"] == 2


def test_conditional_get_returns_304(site: LocalSite) -> None:
    def feed(hit: Hit) -> Reply:
        if hit.headers.get("if-none-match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"ETag": '"v1"'}, b"<rss/>"

    site.routes["/feed"] = feed
    with Fetcher(fast()) as fetcher:
        first = fetcher.fetch(site.url("/feed"))
        second = fetcher.fetch(site.url("/feed"), {"If-None-Match": '"v1"'})
    assert isinstance(first, FetchResult) and first.headers["etag"] == '"v1"'
    assert isinstance(second, FetchResult) and second.not_modified and second.content == b""


def test_http_404_is_a_permanent_failure(site: LocalSite) -> None:
    with Fetcher(fast()) as fetcher:
        result = fetcher.fetch(site.url("/nowhere"))
    assert isinstance(result, Failure) and result.reason == "HTTP 404" and is_permanent(result)
