"""Polite, guarded HTTP fetching for live sources (RSS/Atom feeds and the article pages they link).

A news watcher fetches URLs that strangers wrote into feeds, so every request is treated as hostile
input until checked:

* only ``http``/``https``; a host must resolve to public addresses only (every resolved IPv4 and
  IPv6 address is checked). ``allow_private`` admits private and loopback networks (intranets,
  tests) but never link-local (cloud metadata at 169.254.169.254), multicast, reserved or
  unspecified addresses, and never another scheme;
* the check runs before each request and each redirect hop, and again at connect time inside the
  transport, so a DNS answer that changes between check and connect (rebinding) is caught too;
* bodies are streamed and cut at ``max_bytes`` (decoded size, so a gzip bomb is cut as well), with
  connect/read timeouts and an overall deadline per response.

And every request is polite: robots.txt is honoured per origin (RFC 9309: a 4xx robots.txt means
allowed, an unreachable one means disallowed until it can be read), requests to one host are
spaced by ``host_delay`` (or its robots Crawl-delay, when longer) with at most ``per_host`` in
flight, and transient failures (5xx, 429, connection errors) are retried with exponential backoff,
honouring Retry-After up to a cap. Nothing here raises for a bad URL: :meth:`Fetcher.fetch` returns
a :class:`FetchResult` or a :class:`~newsdesk.model.Failure` with a one-line reason.
"""

from __future__ import annotations

import ipaddress
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from newsdesk import __version__
from newsdesk.model import Failure
from newsdesk.sources.reading import human_size

DEFAULT_USER_AGENT = f"newsdesk/{__version__} (+https://github.com/newsdesk)"
#: Largest response body accepted (after content decoding).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: robots.txt files beyond this are read only up to it (RFC 9309 asks for at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class FetchPolicy:
    """Safety and politeness settings of a :class:`Fetcher`; the defaults suit the open web."""

    allow_private: bool = False
    #: Networks (CIDR) admitted even when private, e.g. one intranet subnet instead of all of them.
    allow_networks: tuple[str, ...] = ()
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: Whole-response deadline: a server that drips bytes under the read timeout is still cut.
    total_timeout: float = 120.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # first retry delay in seconds, doubled on each further attempt
    max_retry_after: float = 60.0
    host_delay: float = 1.0  # minimum seconds between request starts on one host
    per_host: int = 2
    concurrency: int = 8
    respect_robots: bool = True
    robots_ttl: float = 3600.0  # seconds a fetched robots.txt is trusted
    robots_retry: float = 60.0  # seconds before an unreachable robots.txt is tried again


@dataclass(frozen=True)
class FetchResult:
    """A completed response (2xx or 304): ``url`` as asked, ``final_url`` after redirects."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-cased names
    content: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


class FetchRefused(Exception):
    """A URL refused by policy (scheme, address, robots.txt): never retried."""


class _GiveUp(Exception):
    """A fetch that failed for good (retries spent, timeout, too large); the message is the reason."""


class _AddressRefused(httpcore.ConnectError):
    """Raised inside the transport when a connect-time resolution yields a refused address."""


# ------------------------------------------------------------------------------ address policy


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), in resolver order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(address: str, policy: FetchPolicy) -> str | None:
    """Why connecting to ``address`` is refused under ``policy``, or None when it is allowed."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if any(ip in ipaddress.ip_network(net, strict=False) for net in policy.allow_networks):
        return None
    if ip.is_unspecified:
        return f"unspecified address {ip}"
    if ip.is_loopback:  # before "reserved": ::1 lies in the reserved ::/8 block
        return None if policy.allow_private else f"loopback address {ip}"
    for kind, flag in (("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved)):
        if flag:
            return f"{kind} address {ip}"
    if ip.is_private or not ip.is_global:
        return None if policy.allow_private else f"private address {ip}"
    return None


def url_refusal(url: str, policy: FetchPolicy, resolve: Resolver) -> str | None:
    """Why fetching ``url`` is refused (scheme, credentials, host addresses), or None when allowed."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        return f"malformed URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not allowed (only http and https)"
    if not parts.hostname:
        return "URL has no host"
    if parts.username or parts.password:
        return "URL carries credentials"
    try:
        addresses = resolve(parts.hostname, port)
    except (OSError, UnicodeError) as exc:
        return f"cannot resolve host {parts.hostname!r} ({exc})"
    if not addresses:
        return f"host {parts.hostname!r} has no address"
    for address in addresses:
        reason = address_refusal(address, policy)
        if reason:
            return f"host {parts.hostname!r} resolves to {reason}"
    return None


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves and checks the host again at connect time, then connects to the checked address."""

    def __init__(self, policy: FetchPolicy, resolve: Resolver) -> None:
        self.policy = policy
        self.resolve = resolve

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # noqa: ANN001, ANN201
        try:
            addresses = self.resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host!r} ({exc})") from exc
        for address in addresses:
            reason = address_refusal(address, self.policy)
            if reason:
                raise _AddressRefused(f"host {host!r} resolves to {reason}")
        error: Exception = httpcore.ConnectError(f"host {host!r} has no address")
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error


def _guarded_client(policy: FetchPolicy, resolve: Resolver) -> httpx.Client:
    """An httpx client whose every TCP connection goes through :class:`_GuardedBackend`.

    Environment proxies are ignored (``trust_env=False``): through a proxy the address check would
    vet the proxy instead of the site. httpx exposes no public hook for the network backend, so it
    is set on the transport's pool; if httpx's internals change this fails loudly, never open.
    """
    limits = httpx.Limits(max_connections=policy.concurrency, max_keepalive_connections=policy.concurrency)
    transport = httpx.HTTPTransport(limits=limits)
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("this httpx/httpcore version cannot be guarded; refusing to fetch unguarded")
    pool._network_backend = _GuardedBackend(policy, resolve)
    timeout = httpx.Timeout(connect=policy.connect_timeout, read=policy.read_timeout,
                            write=policy.read_timeout, pool=policy.total_timeout)
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                        headers={"User-Agent": policy.user_agent})


# ---------------------------------------------------------------------------------- politeness


class HostGate:
    """Per-host spacing of request starts and a cap on requests in flight to one host.

    A caller reserves the next free start time under a lock and sleeps outside it, so concurrent
    threads queue up in order instead of all waking at once.
    """

    def __init__(self, delay: float, per_host: int) -> None:
        self.delay = delay
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with semaphore:
            self._wait_turn(host)
            yield

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self._delays.get(host, self.delay)
        if start > now:
            time.sleep(start - now)

    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` starts within ``seconds`` (a 429/503 Retry-After applies to all)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)

    def slow_down(self, host: str, seconds: float) -> None:
        """Raise the spacing for ``host`` (robots.txt Crawl-delay); never lowers the default."""
        with self._lock:
            self._delays[host] = max(self.delay, seconds)


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: everything allowed
    expires: float
    unreachable: str | None = None  # reason, when the file could not be read (everything disallowed)


class RobotsCache:
    """robots.txt per origin, fetched once (per TTL) through the same guarded, polite fetcher."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._entries: dict[str, _Robots] = {}

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids ``url`` for our User-Agent, or None when allowed."""
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        entry = self._entry(origin)
        if entry.unreachable:
            return f"robots.txt of {origin} unreachable ({entry.unreachable}); not fetching until it can be read"
        if entry.parser is not None and not entry.parser.can_fetch(self.fetcher.policy.user_agent, url):
            return f"disallowed by {origin}/robots.txt"
        return None

    def _entry(self, origin: str) -> _Robots:
        with self._lock:
            lock = self._origin_locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin even when many threads ask at once
            entry = self._entries.get(origin)
            if entry is None or entry.expires < time.monotonic():
                entry = self._load(origin)
                self._entries[origin] = entry
            return entry

    def _load(self, origin: str) -> _Robots:
        policy = self.fetcher.policy
        now = time.monotonic()
        result = self.fetcher._fetch_following(f"{origin}/robots.txt", {}, ROBOTS_MAX_BYTES, robots=False)
        if isinstance(result, Failure):
            return _Robots(None, now + policy.robots_retry, unreachable=result.reason)
        if result.status >= 500:
            return _Robots(None, now + policy.robots_retry, unreachable=f"HTTP {result.status}")
        if result.status >= 400 or result.status == 304:
            return _Robots(None, now + policy.robots_ttl)
        parser = RobotFileParser()
        parser.parse(result.content.decode("utf-8", errors="replace").splitlines())
        delay = parser.crawl_delay(policy.user_agent)
        if delay:
            self.fetcher.gate.slow_down(urlsplit(origin).hostname or "", min(float(delay), 60.0))
        return _Robots(parser, now + policy.robots_ttl)


# ------------------------------------------------------------------------------------- fetcher


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy` from a thread pool; use as a context manager."""

    def __init__(self, policy: FetchPolicy | None = None, *, resolve: Resolver = resolve_host) -> None:
        self.policy = policy or FetchPolicy()
        self.resolve = resolve
        self.gate = HostGate(self.policy.host_delay, self.policy.per_host)
        self.robots = RobotsCache(self)
        self._client = _guarded_client(self.policy, resolve)
        self._pool = ThreadPoolExecutor(max_workers=max(1, self.policy.concurrency),
                                        thread_name_prefix="newsdesk-fetch")

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)  # Ctrl-C: drop queued, finish running
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> FetchResult | Failure:
        """GET ``url`` (redirects followed and re-checked): a 2xx/304 result, else a Failure."""
        result = self._fetch_following(url, dict(headers or {}), self.policy.max_bytes,
                                       robots=self.policy.respect_robots)
        if isinstance(result, FetchResult) and result.status >= 400:
            return Failure(url, "fetch", f"HTTP {result.status}")
        return result

    def fetch_many(
        self, requests: Sequence[tuple[str, Mapping[str, str]]]
    ) -> list[FetchResult | Failure]:
        """Fetch ``(url, headers)`` pairs concurrently; results in input order.

        Requests are submitted round-robin across hosts, so one slow or rate-limited host does not
        hold every worker while other hosts wait.
        """
        order = _interleave_by_host([url for url, _ in requests])
        futures = {i: self._pool.submit(self.fetch, *requests[i]) for i in order}
        return [futures[i].result() for i in range(len(requests))]

    # ---------------------------------------------------------------------------- internals

    def _fetch_following(
        self, url: str, headers: dict[str, str], max_bytes: int, *, robots: bool
    ) -> FetchResult | Failure:
        current = url
        try:
            for hop in range(self.policy.max_redirects + 1):
                self._check(current, hop, robots)
                result = self._with_retries(current, headers, max_bytes)
                location = result.headers.get("location")
                if result.status not in REDIRECT_STATUSES or not location:
                    return replace(result, url=url)
                current = urljoin(current, location.strip())
            raise _GiveUp(f"more than {self.policy.max_redirects} redirects")
        except FetchRefused as exc:
            return Failure(url, "fetch", f"refused {exc}")
        except _GiveUp as exc:
            return Failure(url, "fetch", str(exc))

    def _check(self, url: str, hop: int, robots: bool) -> None:
        where = f"{url} (redirect {hop})" if hop else url
        reason = url_refusal(url, self.policy, self.resolve)
        if reason is None and robots:
            reason = self.robots.refusal(url)
        if reason:
            raise FetchRefused(f"{where}: {reason}")

    def _with_retries(self, url: str, headers: dict[str, str], max_bytes: int) -> FetchResult:
        host = urlsplit(url).hostname or ""
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            try:
                result = self._fetch_once(url, host, headers, max_bytes)
            except httpx.TimeoutException as exc:
                if not isinstance(exc, httpx.ConnectTimeout) or last:
                    raise _GiveUp(f"timed out ({_timeout_kind(exc)}) after {attempt + 1} attempt(s)") from None
                delay = self._backoff(attempt)
            except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                if isinstance(exc.__cause__, _AddressRefused):
                    raise FetchRefused(f"{url}: {exc.__cause__}") from None
                if last:
                    raise _GiveUp(f"connection failed after {attempt + 1} attempt(s): {exc}") from None
                delay = self._backoff(attempt)
            else:
                if not _retryable(result.status):
                    return result
                if last:
                    raise _GiveUp(f"HTTP {result.status} after {attempt + 1} attempt(s)")
                delay = self._retry_delay(result, attempt)
                self.gate.defer(host, delay)
            time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _fetch_once(self, url: str, host: str, headers: dict[str, str], max_bytes: int) -> FetchResult:
        deadline = time.monotonic() + self.policy.total_timeout
        with self.gate.slot(host), self._client.stream("GET", url, headers=headers) as response:
            names = {k.lower(): v for k, v in response.headers.items()}
            content = b""
            if 200 <= response.status_code < 300:
                content = _read_capped(response, url, max_bytes, deadline)
            return FetchResult(url, str(response.url), response.status_code, names, content)

    def _backoff(self, attempt: int) -> float:
        base = self.policy.backoff * (2**attempt)
        return base * (1 + random.random() * 0.1)  # a little jitter so retries do not align

    def _retry_delay(self, result: FetchResult, attempt: int) -> float:
        asked = retry_after_seconds(result.headers.get("retry-after"))
        if asked is None:
            return self._backoff(attempt)
        return min(asked, self.policy.max_retry_after)


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    """The decoded body, refused as soon as it exceeds ``max_bytes`` or the deadline passes."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _GiveUp(f"response too large ({human_size(int(declared))} declared > limit {human_size(max_bytes)})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _GiveUp(f"response too large (over limit {human_size(max_bytes)}; download aborted)")
        if time.monotonic() > deadline:
            raise _GiveUp("timed out (response not complete within the total time limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), None when absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


_PERMANENT = re.compile(r"^(refused |HTTP 4(?!08|29)\d\d$|response too large|more than \d+ redirects)")


def is_permanent(failure: Failure) -> bool:
    """True for failures retrying cannot fix: policy refusals, 4xx answers, oversize bodies, loops."""
    return bool(_PERMANENT.match(failure.reason))


def _retryable(status: int) -> bool:
    return status == 429 or 500 <= status < 600


def _timeout_kind(exc: httpx.TimeoutException) -> str:
    kinds = {httpx.ConnectTimeout: "connect", httpx.ReadTimeout: "read", httpx.WriteTimeout: "write",
             httpx.PoolTimeout: "pool"}
    return next((name for cls, name in kinds.items() if isinstance(exc, cls)), "timeout")


def _interleave_by_host(urls: Sequence[str]) -> list[int]:
    """Indexes of ``urls`` in round-robin order over their hosts (stable within a host)."""
    queues: dict[str, list[int]] = {}
    for index, url in enumerate(urls):
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        queues.setdefault(host, []).append(index)
    order: list[int] = []
    while queues:
        for host in list(queues):
            order.append(queues[host].pop(0))
            if not queues[host]:
                del queues[host]
    return order
