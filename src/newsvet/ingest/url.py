"""Fetch a web page safely and parse it.

Safe defaults, as trafilatura's settings have them: only http and https, a
timeout for the whole fetch, a size cap checked while the body streams in,
redirects followed by hand with each hop checked again, and no requests to
loopback, private, link-local (cloud metadata), multicast or reserved
addresses unless ``allow_private=True``.

The address check happens where the connection is made: the default
transport resolves the host name itself, checks every address, and connects
to the checked address, so a DNS answer cannot change between check and
connect. URLs with an IP literal (``http://127.0.0.1/``, ``http://[::1]/``,
``http://2130706433/``) or a local name (``localhost``,
``metadata.google.internal``) are refused before any client is created. With
a caller's ``transport`` (tests, ``httpx.MockTransport``), host names are not
resolved: that transport decides where requests go.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import socket
import time
from collections.abc import Iterable
from typing import Any

import httpx

from .._version import __version__
from ..errors import FetchError, UnsafeURLError
from .document import Document
from .load import shown as _shown

__all__ = [
    "ALLOWED_CONTENT_TYPES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_TIMEOUT",
    "fetch_url",
]

LOGGER = logging.getLogger(__name__)

#: seconds allowed for the whole fetch, redirects included
DEFAULT_TIMEOUT = 10.0
#: largest response body read (bytes, after content decoding)
DEFAULT_MAX_BYTES = 5_000_000
#: redirects followed before giving up
DEFAULT_MAX_REDIRECTS = 5
#: media types accepted; a response without a Content-Type is sniffed instead
ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: host names refused like private addresses
LOCAL_HOST_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback",
     "metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"}
)  # fmt: skip
_METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
     ipaddress.ip_address("100.100.100.200")}
)  # fmt: skip
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = f"newsvet/{__version__} (article reliability rating)"
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


# ------------------------------------------------------------------ addresses


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` must not be fetched from, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            ip = mapped
    if ip in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "a non-public address"
    return None


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address ``host`` spells without DNS ("127.0.0.1", "::1", "2130706433", "0x7f.1")."""
    h = host.strip("[]")
    try:
        return ipaddress.ip_address(h.split("%")[0])
    except ValueError:
        pass
    if h and all(c in "0123456789abcdefxABCDEFX." for c in h) and any(c.isdigit() for c in h):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(h))
        except OSError:
            return None
    return None


def _check_host(host: str, url: str, *, allow_private: bool) -> None:
    """Refuse local names and non-public IP literals (no DNS lookup)."""
    if allow_private:
        return
    name = host.lower().rstrip(".")
    if name in LOCAL_HOST_NAMES or name.endswith((".localhost", ".local", ".internal")):
        raise UnsafeURLError(f"refusing {url}: {host} is a local host name")
    ip = _literal_ip(name)
    if ip is not None:
        problem = _address_problem(ip)
        if problem:
            raise UnsafeURLError(f"refusing {url}: {host} is {problem}")


def _checked_url(url: str, *, allow_private: bool) -> httpx.URL:
    """Parse ``url`` and check its scheme and host; raise UnsafeURLError if refused."""
    if not isinstance(url, str) or not url.strip():
        raise UnsafeURLError("refusing an empty URL")
    shown = _shown(url.strip())
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, ValueError, TypeError) as err:
        raise UnsafeURLError(f"refusing {shown}: not a valid URL ({_one_line(err)})") from None
    if parsed.scheme not in ("http", "https"):
        scheme = parsed.scheme or "no scheme"
        raise UnsafeURLError(
            f"refusing {shown}: only http and https URLs can be fetched, not {scheme}"
        )
    if not parsed.host:
        raise UnsafeURLError(f"refusing {shown}: the URL has no host")
    if parsed.userinfo:
        raise UnsafeURLError(f"refusing {shown}: URLs with credentials are not fetched")
    _check_host(parsed.host, shown, allow_private=allow_private)
    return parsed


# ------------------------------------------------------------------ transport


class _GuardedBackend:
    """httpcore network backend that connects only to checked, public addresses."""

    def __init__(self, *, allow_private: bool) -> None:
        import httpcore

        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> Any:
        import httpcore

        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as err:
            raise httpcore.ConnectError(f"could not resolve {host}: {_one_line(err)}") from None
        addresses: list[str] = []
        for _family, _type, _proto, _canon, sockaddr in infos:
            address = str(sockaddr[0])
            if not self._allow_private:
                problem = _address_problem(ipaddress.ip_address(address.split("%")[0]))
                if problem:
                    raise UnsafeURLError(f"refusing {host}: it resolves to {problem} ({address})")
            if address not in addresses:
                addresses.append(address)
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )  # fmt: skip
            except httpcore.ConnectError as err:
                last = err
        raise last if last is not None else httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> Any:
        raise UnsafeURLError("unix sockets are not used for fetching")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _guarded_transport(*, allow_private: bool) -> httpx.BaseTransport:
    """httpx's transport with its connection pool on the guarded backend.

    Relies on ``HTTPTransport`` keeping its httpcore pool in ``_pool`` (httpx
    0.27-0.28); if that changes, fetching refuses to run unguarded.
    """
    import httpcore

    transport = httpx.HTTPTransport(trust_env=False, retries=0)
    if not hasattr(transport, "_pool"):  # pragma: no cover - depends on httpx internals
        raise FetchError("this httpx version cannot be guarded against private addresses")
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=_GuardedBackend(allow_private=allow_private),  # type: ignore[arg-type]
        retries=0,
    )
    return transport


# ----------------------------------------------------------------------- fetch


def _one_line(err: BaseException | str) -> str:
    text = str(err).strip()
    if not text and isinstance(err, BaseException):
        text = type(err).__name__
    return " ".join(text.split())[:300]


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";")[0].strip().lower() or None


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> Document:
    """Fetch ``url`` (http or https) and parse the page into a Document.

    Raises UnsafeURLError for another scheme or a loopback, private,
    link-local, multicast, reserved or metadata address (unless
    ``allow_private``), and FetchError for network errors, timeouts (the
    whole fetch must finish within ``timeout`` seconds), HTTP status >= 400,
    more than ``max_redirects`` redirects, a Content-Type other than
    text/html, application/xhtml+xml or text/plain, or a body over
    ``max_bytes``.
    """
    from .load import parse_bytes

    current = _checked_url(url, allow_private=allow_private)
    shown = _shown(url.strip())
    deadline = time.monotonic() + timeout
    client_transport = transport or _guarded_transport(allow_private=allow_private)
    headers = {"User-Agent": _USER_AGENT, "Accept": _ACCEPT}
    try:
        with httpx.Client(
            transport=client_transport,
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            trust_env=False,
            headers=headers,
        ) as client:
            data, final_url, content_type = _fetch(
                client, current, shown, deadline=deadline, timeout=timeout,
                max_bytes=max_bytes, max_redirects=max_redirects, allow_private=allow_private,
            )  # fmt: skip
    except httpx.TimeoutException:
        raise FetchError(f"could not fetch {shown}: timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
        raise FetchError(f"could not fetch {shown}: more than {max_redirects} redirects") from None
    except httpx.HTTPError as err:
        raise FetchError(f"could not fetch {shown}: {_one_line(err)}") from None
    except (OSError, ValueError) as err:
        raise FetchError(f"could not fetch {shown}: {_one_line(err)}") from None
    doc = parse_bytes(data, url=final_url, content_type=content_type)
    warnings = doc.warnings
    if final_url != str(current):
        warnings = (f"redirected to {final_url}",) + warnings
    return dataclasses.replace(
        doc, metadata=dataclasses.replace(doc.metadata, source_type="url"), warnings=warnings
    )


def _fetch(
    client: httpx.Client,
    current: httpx.URL,
    shown: str,
    *,
    deadline: float,
    timeout: float,
    max_bytes: int,
    max_redirects: int,
    allow_private: bool,
) -> tuple[bytes, str, str | None]:
    """(body, final URL, Content-Type) after following redirects by hand."""
    for _hop in range(max_redirects + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"could not fetch {shown}: timed out after {timeout:g} s")
        with client.stream("GET", current, timeout=httpx.Timeout(remaining)) as response:
            location = response.headers.get("location")
            if response.status_code in _REDIRECT_CODES and location:
                try:
                    target = response.url.join(location)
                except (httpx.InvalidURL, ValueError) as err:
                    raise FetchError(
                        f"could not fetch {shown}: bad redirect ({_one_line(err)})"
                    ) from None
                current = _checked_url(str(target), allow_private=allow_private)
                continue
            if response.status_code >= 400:
                phrase = response.reason_phrase or ""
                raise FetchError(
                    f"could not fetch {shown}: HTTP {response.status_code} {phrase}".rstrip()
                )
            content_type = response.headers.get("content-type")
            media = _media_type(content_type)
            if media is not None and media not in ALLOWED_CONTENT_TYPES:
                raise FetchError(
                    f"could not fetch {shown}: content type {media} is not HTML or plain text"
                )
            length = response.headers.get("content-length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise FetchError(
                    f"could not fetch {shown}: the page is larger than {max_bytes:,} bytes"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(
                        f"could not fetch {shown}: the page is larger than {max_bytes:,} bytes"
                    )
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise FetchError(f"could not fetch {shown}: timed out after {timeout:g} s")
            return b"".join(chunks), str(response.url), content_type
        # redirect: loop with the next hop
    raise FetchError(f"could not fetch {shown}: more than {max_redirects} redirects")
