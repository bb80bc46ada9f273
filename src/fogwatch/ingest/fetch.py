"""Fetching URLs safely: address guard, redirect re-checks, byte cap, deadline.

A URL given to fogwatch (or found in a feed) is untrusted: without a guard it
could make the machine running fogwatch read its own cloud metadata endpoint or
an intranet page. So every hop of every fetch resolves the host and refuses
private, loopback, link-local, multicast, reserved and unspecified addresses
unless the user passes ``allow_private``.

Known gap: the host is resolved once for the check and again by the HTTP
client, so a DNS server that answers differently the second time (rebinding)
is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from fogwatch.ingest.errors import FetchError, format_size, too_big

MAX_REDIRECTS = 5
USER_AGENT = "fogwatch/0.1 (news analysis)"


class Fetcher(Protocol):
    """Fetch one URL: returns (final URL after redirects, content type or None, body)."""

    def __call__(self, url: str) -> tuple[str, str | None, bytes]: ...


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why fetching from ``ip`` is refused by default, or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return address_problem(ip.ipv4_mapped)
    checks = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_private", "a private address"),
        ("is_reserved", "a reserved address"),
    )
    for attr, words in checks:
        if getattr(ip, attr):
            return words
    if not ip.is_global:  # shared (CGNAT) and other special-purpose ranges
        return "a non-public address"
    return None


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise :class:`FetchError` unless ``url`` is http(s) and every address of its host
    is public (or ``allow_private`` is set)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: the URL has no host name")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as err:
        raise FetchError(f"{url}: bad port in the URL") from err
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(f"{url}: cannot resolve host {host!r} ({err})") from err
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        problem = address_problem(ipaddress.ip_address(address))
        if problem:
            raise FetchError(
                f"{url}: refused: {host} resolves to {address}, {problem} "
                "(use --allow-private to fetch from it)"
            )


class HttpFetcher:
    """The default :class:`Fetcher`, on httpx, following redirects by hand so that
    each hop goes through :func:`check_url`."""

    def __init__(
        self, *, timeout: float = 20.0, max_bytes: int, allow_private: bool = False
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_private = allow_private

    def __call__(self, url: str) -> tuple[str, str | None, bytes]:
        import httpx

        deadline = time.monotonic() + self.timeout
        headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,"
                   "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"}
        with httpx.Client(
            timeout=httpx.Timeout(self.timeout), follow_redirects=False, headers=headers
        ) as client:
            current = url
            for _hop in range(MAX_REDIRECTS + 1):
                check_url(current, allow_private=self.allow_private)
                try:
                    with client.stream("GET", current) as response:
                        if response.is_redirect:
                            location = response.headers.get("location")
                            if not location:
                                raise FetchError(f"{url}: redirect without a Location header")
                            current = urljoin(current, location)
                            continue
                        if response.status_code >= 400:
                            raise FetchError(
                                f"{url}: HTTP {response.status_code} "
                                f"{response.reason_phrase}".rstrip()
                            )
                        body = self._read(response, url, deadline)
                        return str(response.url), response.headers.get("content-type"), body
                except httpx.TimeoutException as err:
                    raise FetchError(
                        f"{url}: timed out after {self.timeout:g} s ({type(err).__name__})"
                    ) from err
                except httpx.HTTPError as err:
                    raise FetchError(f"{url}: cannot fetch ({type(err).__name__}: {err})") from err
            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _read(self, response: object, url: str, deadline: float) -> bytes:
        import httpx

        assert isinstance(response, httpx.Response)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_big(url, int(declared), self.max_bytes)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise too_big(url, None, self.max_bytes)
            # httpx's timeout is per read; a server dribbling bytes needs a total deadline.
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{url}: timed out after {self.timeout:g} s "
                    f"(only {format_size(size)} received)"
                )
            chunks.append(chunk)
        return b"".join(chunks)
