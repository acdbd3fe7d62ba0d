"""Fetch a web page safely and parse it.

Safe defaults: only http and https, a deadline for the whole fetch (slow
servers that drip bytes included), separate connect and read timeouts, a size
cap on the decoded body checked while it streams in (gzip and deflate are
inflated here in small pieces, so a compression bomb is cut off early), a
redirect limit with each hop checked again, a Content-Type check, and no
requests to loopback, private, link-local (cloud metadata), multicast or
reserved addresses unless ``allow_private=True``.

The address check happens where the connection is made: the default
transport resolves the host name itself, checks every address, and connects
to the checked address, so a DNS answer cannot change between check and
connect. URLs with an IP literal (``http://127.0.0.1/``, ``http://[::1]/``,
``http://2130706433/``, ``http://0x7f.1/``) or a local name (``localhost``,
``metadata.google.internal``) are refused before any client is created. With
a caller's ``transport`` (tests, ``httpx.MockTransport``), host names are not
resolved: that transport decides where requests go, and the deadline is
checked between body chunks only.

Every failure is an :class:`~newsvet.errors.UnsafeURLError` (refused before
fetching) or a :class:`~newsvet.errors.FetchError` with a one-line message,
apart from what parsing the body raises (``EmptyDocumentError`` for an empty
page).
"""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import re
import socket
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

import httpx

from .._version import __version__
from ..errors import FetchError, UnsafeURLError, UnsupportedContentError
from .detect import SNIFF_BYTES, check_not_binary
from .document import Document
from .load import shown as _shown

__all__ = [
    "ALLOWED_CONTENT_TYPES",
    "ALLOWED_SCHEMES",
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_REDIRECTS",
    "DEFAULT_MAX_URL_LENGTH",
    "DEFAULT_READ_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "SUPPORTED_ENCODINGS",
    "fetch_url",
]

LOGGER = logging.getLogger(__name__)

#: seconds allowed for the whole fetch: DNS, connects, redirects and body
DEFAULT_TIMEOUT = 10.0
#: seconds allowed for resolving a host name and opening one connection
DEFAULT_CONNECT_TIMEOUT = 5.0
#: seconds to wait for the next bytes from the server (headers or body)
DEFAULT_READ_TIMEOUT = 5.0
#: largest response body read (bytes after content decoding; the raw bytes too)
DEFAULT_MAX_BYTES = 5_000_000
#: redirects followed before giving up
DEFAULT_MAX_REDIRECTS = 5
#: longest URL fetched, redirect targets included (characters)
DEFAULT_MAX_URL_LENGTH = 2048
#: URL schemes fetched, redirect targets included
ALLOWED_SCHEMES = frozenset({"http", "https"})
#: media types accepted; a response without a Content-Type is sniffed instead
ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
#: Content-Encoding values decoded (anything else, br and zstd included, is refused)
SUPPORTED_ENCODINGS = frozenset({"gzip", "x-gzip", "deflate", "identity"})
#: most content encodings stacked on one body ("gzip, gzip")
MAX_ENCODING_LAYERS = 2
#: host names refused like private addresses
LOCAL_HOST_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback",
     "metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"}
)  # fmt: skip
_METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
     ipaddress.ip_address("100.100.100.200")}
)  # fmt: skip
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: a host name (IDNA-encoded) or an IPv6 literal with an optional zone
_HOST_RE = re.compile(
    r"\A(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|[0-9A-Fa-f:.]+(?:%[A-Za-z0-9._~%-]+)?)\Z"
)
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
#: statuses whose body is read as the page (204/205 have none, 206 is a part)
_OK_CODES = frozenset({200, 203})
_USER_AGENT = f"newsvet/{__version__} (article reliability rating)"
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
_ACCEPT_ENCODING = "gzip, deflate"
#: most bytes one decompression step may produce
_PIECE = 64 * 1024


# ------------------------------------------------------------------ addresses


def _address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` must not be fetched from, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is None and ip in _NAT64:
            mapped = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
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


def _checked_url(url: str, *, allow_private: bool, max_url_length: int) -> httpx.URL:
    """Parse ``url`` and check its length, scheme and host; raise UnsafeURLError if refused."""
    if not isinstance(url, str) or not url.strip():
        raise UnsafeURLError("refusing an empty URL")
    url = url.strip()
    if len(url) > max_url_length:
        raise UnsafeURLError(
            f"refusing {_shown(url[:80])}...: the URL is longer than {max_url_length:,} characters"
        )
    shown = _shown(url)
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as err:
        raise UnsafeURLError(f"refusing {shown}: not a valid URL ({_one_line(err)})") from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        scheme = parsed.scheme or "no scheme"
        raise UnsafeURLError(
            f"refusing {shown}: only http and https URLs can be fetched, not {scheme}"
        )
    if not parsed.host:
        raise UnsafeURLError(f"refusing {shown}: the URL has no host")
    if not _HOST_RE.match(parsed.raw_host.decode("ascii", "replace")):
        raise UnsafeURLError(f"refusing {shown}: {parsed.host} is not a valid host name")
    if parsed.userinfo:
        raise UnsafeURLError(f"refusing {shown}: URLs with credentials are not fetched")
    _check_host(parsed.host, shown, allow_private=allow_private)
    return parsed


# ------------------------------------------------------------------ transport


def _resolve(host: str, port: int, timeout: float) -> list[Any]:
    """socket.getaddrinfo with a time limit (the lookup runs in a daemon thread)."""
    import httpcore

    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as err:  # noqa: BLE001 - handed to the caller
            box["error"] = err

    worker = threading.Thread(target=run, name="newsvet-dns", daemon=True)
    worker.start()
    worker.join(max(timeout, 0.0))
    if worker.is_alive():
        raise httpcore.ConnectTimeout(f"resolving {host} took longer than {timeout:g} s")
    err = box.get("error")
    if err is not None:
        if isinstance(err, (OSError, UnicodeError)):
            raise httpcore.ConnectError(f"could not resolve {host}: {_one_line(err)}") from None
        raise err
    return list(box["infos"])


class _DeadlineStream:
    """httpcore network stream whose reads and writes never wait past the deadline."""

    def __init__(self, inner: Any, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _left(self, timeout: float | None, exc: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise exc("the deadline of the whole fetch has passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore

        return self._inner.read(max_bytes, timeout=self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore

        self._inner.write(buffer, timeout=self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> _DeadlineStream:
        import httpcore

        inner = self._inner.start_tls(
            ssl_context, server_hostname=server_hostname,
            timeout=self._left(timeout, httpcore.ConnectTimeout),
        )  # fmt: skip
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend:
    """httpcore network backend that connects only to checked, public addresses.

    It also holds the deadline of the fetch: name lookups, connects, reads
    and writes all get at most the time left.
    """

    def __init__(self, *, allow_private: bool, deadline: float = float("inf")) -> None:
        import httpcore

        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private
        self._deadline = deadline

    def _left(self, timeout: float | None) -> float:
        import httpcore

        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the deadline of the whole fetch has passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> Any:
        import httpcore

        infos = _resolve(host, port, self._left(timeout))
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
                stream = self._inner.connect_tcp(
                    address, port, timeout=self._left(timeout), local_address=local_address,
                    socket_options=socket_options,
                )  # fmt: skip
            except httpcore.ConnectError as err:
                last = err
                continue
            return _DeadlineStream(stream, self._deadline)
        raise last if last is not None else httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> Any:
        raise UnsafeURLError("unix sockets are not used for fetching")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _guarded_transport(
    *, allow_private: bool, deadline: float = float("inf")
) -> httpx.BaseTransport:
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
        network_backend=_GuardedBackend(allow_private=allow_private, deadline=deadline),  # type: ignore[arg-type]
        retries=0,
    )
    return transport


# ------------------------------------------------------------------ decoding


def _encodings(header: str | None, shown: str) -> list[str]:
    """The Content-Encoding layers to undo, in the order they were applied."""
    if not header:
        return []
    layers = [e.strip().lower() for e in header.split(",") if e.strip()]
    for enc in layers:
        if enc not in SUPPORTED_ENCODINGS:
            raise FetchError(f"could not fetch {shown}: unsupported content encoding {enc}")
    layers = [e for e in layers if e != "identity"]
    if len(layers) > MAX_ENCODING_LAYERS:
        raise FetchError(
            f"could not fetch {shown}: more than {MAX_ENCODING_LAYERS} content encodings"
        )
    return layers


class _Inflater:
    """gzip or deflate decoder that never produces more than ``_PIECE`` bytes per step."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._obj: Any = zlib.decompressobj(zlib.MAX_WBITS | 32) if self._gzip else None
        self._fed = False

    def _start_deflate(self, data: bytes) -> None:
        # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate
        wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
        self._obj = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        if self._obj is None:
            if not data:
                return
            self._start_deflate(data)
        while True:
            if self._obj.eof:
                rest = self._obj.unused_data + data
                if not (self._gzip and rest.strip(b"\x00")):
                    return  # trailing bytes after the end of the stream are ignored
                self._obj = zlib.decompressobj(zlib.MAX_WBITS | 32)  # next gzip member
                data = rest
            out = self._obj.decompress(data, _PIECE)
            data = self._obj.unconsumed_tail
            if out:
                yield out
            if not data and len(out) < _PIECE and not self._obj.eof:
                return

    def finish(self) -> Iterator[bytes]:
        yield from self.feed(b"")
        if self._fed and not self._obj.eof:
            raise zlib.error("the compressed body ends early")


def _decoded(chunks: Iterable[bytes], encodings: list[str]) -> Iterator[bytes]:
    """``chunks`` with the content encodings undone, in pieces of at most ``_PIECE`` bytes."""
    if not encodings:
        yield from chunks
        return
    # encodings are listed in the order applied: undo the last one first
    stages = [_Inflater(e) for e in reversed(encodings)]

    def push(level: int, data: bytes) -> Iterator[bytes]:
        if level == len(stages):
            yield data
            return
        for piece in stages[level].feed(data):
            yield from push(level + 1, piece)

    def close(level: int) -> Iterator[bytes]:
        if level == len(stages):
            return
        for piece in stages[level].finish():
            yield from push(level + 1, piece)
        yield from close(level + 1)

    for chunk in chunks:
        yield from push(0, chunk)
    yield from close(0)


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


@dataclasses.dataclass(frozen=True, slots=True)
class _Limits:
    timeout: float
    connect_timeout: float
    read_timeout: float
    max_bytes: int
    max_redirects: int
    max_url_length: int
    allow_private: bool
    deadline: float

    def left(self) -> float:
        return self.deadline - time.monotonic()


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    read_timeout: float = DEFAULT_READ_TIMEOUT,
    max_url_length: int = DEFAULT_MAX_URL_LENGTH,
) -> Document:
    """Fetch ``url`` (http or https) and parse the page into a Document.

    Raises UnsafeURLError for another scheme, a URL with credentials or longer
    than ``max_url_length``, or a loopback, private, link-local, multicast,
    reserved or metadata address (unless ``allow_private``), for the URL and
    every redirect target. Raises FetchError for network and protocol errors,
    timeouts (the whole fetch must finish within ``timeout`` seconds; a
    connection must open within ``connect_timeout`` and the server may stay
    silent for at most ``read_timeout``), a status other than 200 or 203, more than
    ``max_redirects`` redirects or a redirect loop, a Content-Type other than
    text/html, application/xhtml+xml or text/plain, binary content under a
    text label, a content encoding other than gzip or deflate, or a body over
    ``max_bytes`` (counted after decompression, reading stops at the limit).
    """
    from .load import parse_bytes

    current = _checked_url(url, allow_private=allow_private, max_url_length=max_url_length)
    shown = _shown(url.strip())
    limits = _Limits(
        timeout=timeout, connect_timeout=min(connect_timeout, timeout),
        read_timeout=min(read_timeout, timeout), max_bytes=max_bytes, max_redirects=max_redirects,
        max_url_length=max_url_length, allow_private=allow_private,
        deadline=time.monotonic() + timeout,
    )  # fmt: skip
    client_transport = transport or _guarded_transport(
        allow_private=allow_private, deadline=limits.deadline
    )
    headers = {"User-Agent": _USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": _ACCEPT_ENCODING}
    try:
        with httpx.Client(
            transport=client_transport,
            timeout=_timeouts(limits),
            follow_redirects=False,
            trust_env=False,
            headers=headers,
        ) as client:
            data, final_url, content_type = _fetch(client, current, shown, limits)
    except httpx.TimeoutException as err:
        raise FetchError(f"could not fetch {shown}: {_timeout_text(err, limits)}") from None
    except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
        raise FetchError(f"could not fetch {shown}: more than {max_redirects} redirects") from None
    except httpx.InvalidURL as err:  # httpx builds the next request of a redirect itself
        raise FetchError(f"could not fetch {shown}: bad redirect ({_one_line(err)})") from None
    except httpx.ProtocolError as err:
        raise FetchError(f"could not fetch {shown}: bad HTTP response ({_one_line(err)})") from None
    except httpx.HTTPError as err:
        raise FetchError(f"could not fetch {shown}: {_one_line(err)}") from None
    except zlib.error as err:
        raise FetchError(
            f"could not fetch {shown}: broken compressed body ({_one_line(err)})"
        ) from None
    except (OSError, ValueError) as err:
        raise FetchError(f"could not fetch {shown}: {_one_line(err)}") from None
    doc = parse_bytes(data, url=final_url, content_type=content_type)
    warnings = doc.warnings
    if final_url != str(current):
        warnings = (f"redirected to {final_url}",) + warnings
    return dataclasses.replace(
        doc, metadata=dataclasses.replace(doc.metadata, source_type="url"), warnings=warnings
    )


def _timeouts(limits: _Limits, left: float | None = None) -> httpx.Timeout:
    left = limits.timeout if left is None else left
    read = min(limits.read_timeout, left)
    connect = min(limits.connect_timeout, left)
    return httpx.Timeout(read, connect=connect, write=read, pool=connect)


def _timeout_text(err: httpx.TimeoutException, limits: _Limits) -> str:
    if limits.left() <= 0.01:
        return f"timed out after {limits.timeout:g} s"
    if isinstance(err, httpx.ConnectTimeout):
        return f"timed out connecting (limit {limits.connect_timeout:g} s)"
    return f"timed out waiting for data (no bytes for {limits.read_timeout:g} s)"


def _fetch(
    client: httpx.Client, current: httpx.URL, shown: str, limits: _Limits
) -> tuple[bytes, str, str | None]:
    """(body, final URL, Content-Type) after following redirects by hand."""
    seen = {str(current)}
    for _hop in range(limits.max_redirects + 1):
        if limits.left() <= 0:
            raise FetchError(f"could not fetch {shown}: timed out after {limits.timeout:g} s")
        with client.stream("GET", current, timeout=_timeouts(limits, limits.left())) as response:
            status = response.status_code
            if status in _REDIRECT_CODES:
                current = _redirect_target(response, shown, limits)
                if str(current) in seen:
                    raise FetchError(f"could not fetch {shown}: redirect loop at {current}")
                seen.add(str(current))
                continue
            if status not in _OK_CODES:
                phrase = response.reason_phrase or ""
                raise FetchError(f"could not fetch {shown}: HTTP {status} {phrase}".rstrip())
            content_type = response.headers.get("content-type")
            media = _media_type(content_type)
            if media is not None and media not in ALLOWED_CONTENT_TYPES:
                raise FetchError(
                    f"could not fetch {shown}: content type {media} is not HTML or plain text"
                )
            return _read_body(response, shown, media, limits), str(response.url), content_type
    raise FetchError(f"could not fetch {shown}: more than {limits.max_redirects} redirects")


def _redirect_target(response: httpx.Response, shown: str, limits: _Limits) -> httpx.URL:
    location = response.headers.get("location")
    if not location:
        raise FetchError(
            f"could not fetch {shown}: HTTP {response.status_code} redirect without a Location"
        )
    try:
        target = response.url.join(location.strip())
    except (httpx.InvalidURL, ValueError) as err:
        raise FetchError(f"could not fetch {shown}: bad redirect ({_one_line(err)})") from None
    return _checked_url(
        str(target), allow_private=limits.allow_private, max_url_length=limits.max_url_length
    )


def _read_body(response: httpx.Response, shown: str, media: str | None, limits: _Limits) -> bytes:
    """The decoded body, read piece by piece and cut off at ``max_bytes``."""
    too_big = f"could not fetch {shown}: the page is larger than {limits.max_bytes:,} bytes"
    length = response.headers.get("content-length")
    if length and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise FetchError(too_big)
    try:  # a caller's transport may hand over a response already read (and decoded)
        ready: bytes | None = response.content
    except httpx.ResponseNotRead:
        ready = None
    encodings = (
        [] if ready is not None else _encodings(response.headers.get("content-encoding"), shown)
    )
    raw_size = 0

    def raw() -> Iterator[bytes]:
        nonlocal raw_size
        for chunk in [ready] if ready is not None else response.iter_raw():
            raw_size += len(chunk)
            if raw_size > limits.max_bytes:
                raise FetchError(too_big)
            yield chunk

    chunks: list[bytes] = []
    size = 0
    sniffed = False
    for piece in _decoded(raw(), encodings):
        size += len(piece)
        if size > limits.max_bytes:
            raise FetchError(too_big)
        chunks.append(piece)
        if not sniffed and size >= SNIFF_BYTES:
            sniffed = True
            _sniff(b"".join(chunks), shown, media)
        if limits.left() <= 0:
            raise FetchError(f"could not fetch {shown}: timed out after {limits.timeout:g} s")
    data = b"".join(chunks)
    if not sniffed:
        _sniff(data, shown, media)
    return data


def _sniff(head: bytes, shown: str, media: str | None) -> None:
    """Refuse binary content (an image labelled text/html) from its first bytes."""
    label = f"labelled {media}" if media else "without a content type"
    try:
        check_not_binary(head[:SNIFF_BYTES], what=f"the page ({label})")
    except UnsupportedContentError as err:
        raise FetchError(f"could not fetch {shown}: {err}") from None
