"""fetch_url against hostile servers: slow, huge, compressed, mislabelled and broken responses.

A tiny stdlib socket server (``RawServer``) sends exactly the bytes each test
scripts, so responses no well-behaved HTTP server would send can be tried.
Every test here fails when the protection it names is removed from
newsvet.ingest.url (a test that would otherwise hang has a bounded server
script and an elapsed-time assertion instead).
"""

from __future__ import annotations

import functools
import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from newsvet.errors import EmptyDocumentError, FetchError, NewsvetError
from newsvet.ingest import fetch_url

ARTICLE = (
    b"<!doctype html><html><head><title>Ferry timetable changes</title></head><body><article>"
    b"<h1>Ferry timetable changes from May</h1>"
    b"<p>The island ferry will run two extra crossings on weekdays from May, the operator said "
    b"on Monday, after a consultation with residents and local businesses.</p>"
    b"<p>Weekend crossings stay as they are until the summer timetable starts.</p>"
    b"</article></body></html>"
)

Script = Callable[[socket.socket, threading.Event], None]


class RawServer:
    """Accepts connections on 127.0.0.1 and runs a script per request path."""

    def __init__(self) -> None:
        self.scripts: dict[str, Script] = {}
        self.paths: list[str] = []
        self.heads: list[bytes] = []
        self.stop = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._loop, daemon=True)
        self._accept.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def on(self, path: str, script: Script) -> str:
        self.scripts[path] = script
        return self.url(path)

    def _loop(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            t = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                got = conn.recv(4096)
                if not got:
                    return
                data += got
            self.heads.append(data)
            path = data.split(b" ", 2)[1].decode()
            self.paths.append(path)
            script = self.scripts.get(path)
            if script is not None:
                script(conn, self.stop)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self._accept.join(2)
        for t in self._threads:
            t.join(2)
        self._sock.close()


@pytest.fixture()
def raw():
    server = RawServer()
    yield server
    server.close()


def send(conn: socket.socket, data: bytes) -> bool:
    try:
        conn.sendall(data)
        return True
    except OSError:
        return False


def reply(head: str, body: bytes = b"") -> Script:
    """Send ``head`` (status line and headers, CRLF added) and ``body``, then close."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        send(conn, head.replace("\n", "\r\n").encode() + b"\r\n\r\n" + body)

    return script


def drip(first: bytes, byte: bytes, *, every: float, limit: float = 4.0) -> Script:
    """Send ``first``, then ``byte`` every ``every`` seconds for at most ``limit`` seconds."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        if not send(conn, first):
            return
        end = time.monotonic() + limit
        while time.monotonic() < end and not stop.wait(every):
            if not send(conn, byte):
                return

    return script


def endless(first: bytes, block: bytes, *, limit: float = 4.0) -> Script:
    """Send ``first``, then ``block`` over and over (for at most ``limit`` seconds)."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        sent = [send(conn, first)]
        end = time.monotonic() + limit
        while sent[-1] and time.monotonic() < end and not stop.is_set():
            sent.append(send(conn, block))

    return script


def fetch(url: str, **kw):
    kw.setdefault("allow_private", True)
    return fetch_url(url, **kw)


def one_line_fetch_error(url: str, match: str, **kw) -> str:
    with pytest.raises(FetchError, match=match or None) as info:
        fetch(url, **kw)
    text = str(info.value)
    print("OUTCOME", text)
    assert "\n" not in text and text.startswith("could not fetch")
    return text


# ----------------------------------------------------------------- timeouts


def test_slow_drip_headers_stop_at_the_total_deadline(raw):
    # one header byte every 50 ms: each read is quick, so only a deadline on the
    # whole fetch stops it (h11 would accept 100 KB of headers: over an hour)
    url = raw.on("/drip", drip(b"HTTP/1.1 200 OK\r\nX-Padding: ", b"a", every=0.05))
    start = time.monotonic()
    one_line_fetch_error(url, r"timed out after 1 s", timeout=1.0, read_timeout=0.5)
    assert time.monotonic() - start < 1.8


def test_slow_drip_body_stops_at_the_total_deadline(raw):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<p>"
    url = raw.on("/drip", drip(head, b"a", every=0.05))
    start = time.monotonic()
    one_line_fetch_error(url, r"timed out after 1 s", timeout=1.0, read_timeout=0.5)
    assert time.monotonic() - start < 1.8


def test_silent_server_hits_the_read_timeout_before_the_total(raw):
    url = raw.on("/silent", drip(b"HTTP/1.1 200 OK\r\n", b"", every=3.0, limit=3.0))
    start = time.monotonic()
    one_line_fetch_error(url, r"timed out waiting for data \(no bytes for 0.3 s\)",
                         timeout=10.0, read_timeout=0.3)  # fmt: skip
    assert time.monotonic() - start < 1.5


def test_connect_timeout_is_passed_to_the_connection(monkeypatch):
    seen: list[float] = []

    def fake_dns(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]

    def hanging_connect(address, timeout=None, *args, **kwargs):
        seen.append(timeout)
        raise TimeoutError("timed out")

    monkeypatch.setattr(socket, "getaddrinfo", fake_dns)
    monkeypatch.setattr(socket, "create_connection", hanging_connect)
    with pytest.raises(FetchError, match=r"timed out connecting \(limit 0.7 s\)"):
        fetch_url("http://slow-connect.example/", connect_timeout=0.7)
    assert seen and seen[0] == pytest.approx(0.7, abs=0.05)


def test_hanging_dns_lookup_is_bounded_by_the_connect_timeout(monkeypatch):
    release = threading.Event()

    def slow_dns(host, port, *args, **kwargs):
        release.wait(5)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]

    monkeypatch.setattr(socket, "getaddrinfo", slow_dns)
    start = time.monotonic()
    try:
        with pytest.raises(FetchError, match="timed out connecting"):
            fetch_url("http://slow-dns.example/", connect_timeout=0.3)
        assert time.monotonic() - start < 1.5
    finally:
        release.set()


# ----------------------------------------------------------------- sizes


def test_declared_length_over_the_cap_is_refused_without_reading(raw):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 50000000\r\n\r\n<p>"
    url = raw.on("/big", drip(head, b"a", every=0.5))
    start = time.monotonic()
    one_line_fetch_error(url, "larger than 1,000,000 bytes", max_bytes=1_000_000)
    assert time.monotonic() - start < 0.4


def test_endless_body_without_length_is_cut_off(raw):
    url = raw.on("/endless", endless(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                     b"Connection: close\r\n\r\n", b"news " * 13000))  # fmt: skip
    start = time.monotonic()
    one_line_fetch_error(url, "larger than 200,000 bytes", max_bytes=200_000, timeout=5.0)
    assert time.monotonic() - start < 2.0


def test_endless_chunked_body_is_cut_off(raw):
    chunk = b"%x\r\n%s\r\n" % (64000, b"w" * 64000)
    url = raw.on("/chunked", endless(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                     b"Transfer-Encoding: chunked\r\n\r\n", chunk))  # fmt: skip
    start = time.monotonic()
    one_line_fetch_error(url, "larger than 200,000 bytes", max_bytes=200_000, timeout=5.0)
    assert time.monotonic() - start < 2.0


def test_huge_chunk_size_line_is_cut_off(raw):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
    url = raw.on("/hugechunk", endless(head + b"ffffffffffff\r\n", b"z" * 65536))
    one_line_fetch_error(url, "larger than 100,000 bytes", max_bytes=100_000, timeout=5.0)


# ----------------------------------------------------------------- compression


def _gzip_stream(total: int, *, layers: int = 1, wbits: int = 31) -> bytes:
    """An HTML start tag and ``total`` letters, compressed ``layers`` times, never all in memory."""
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    parts = [c.compress(b"<html><body><p>")]
    piece = b"a" * 1_000_000
    for _ in range(total // len(piece)):
        parts.append(c.compress(piece))
    parts.append(c.flush())
    data = b"".join(parts)
    for _ in range(layers - 1):
        data = gzip.compress(data, 9)
    return data


BOMBS = {  # 100 MB of HTML each once inflated
    "gzip": ("gzip", {"layers": 1, "wbits": 31}),  # ~100 KB on the wire
    "gzip-gzip": ("gzip, gzip", {"layers": 2, "wbits": 31}),  # a few KB on the wire
    "deflate": ("deflate", {"layers": 1, "wbits": 15}),
    "raw-deflate": ("deflate", {"layers": 1, "wbits": -15}),
}


@functools.cache
def bomb(name: str) -> bytes:
    return _gzip_stream(100_000_000, **BOMBS[name][1])


def _peak_while(call: Callable[[], object]) -> tuple[BaseException | None, int]:
    tracemalloc.start()
    try:
        call()
        error = None
    except NewsvetError as err:
        error = err
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return error, peak


def _warm_up(raw: RawServer) -> None:
    # the first fetch loads the TLS context and imports: keep them out of the peak
    fetch(raw.on("/warm", reply("HTTP/1.1 200 OK\nContent-Type: text/html", ARTICLE)))


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_compression_bomb_is_capped_after_decompression_in_little_memory(raw, name):
    body, encoding = bomb(name), BOMBS[name][0]
    assert len(body) < 200_000
    _warm_up(raw)
    head = (f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: {encoding}\n"
            f"Content-Length: {len(body)}")  # fmt: skip
    url = raw.on(f"/bomb-{name}", reply(head, body))
    error, peak = _peak_while(lambda: fetch(url, max_bytes=1_000_000))
    assert isinstance(error, FetchError) and "larger than 1,000,000 bytes" in str(error)
    assert peak < 8_000_000, f"peak {peak / 1e6:.1f} MB while inflating a {name} bomb"


def test_two_layer_bomb_is_a_few_kilobytes():
    assert len(bomb("gzip-gzip")) < 20_000


@pytest.mark.parametrize(
    ("encoding", "body"),
    [("gzip", gzip.compress(ARTICLE)), ("x-gzip", gzip.compress(ARTICLE)),
     ("deflate", zlib.compress(ARTICLE)), ("deflate", zlib.compress(ARTICLE)[2:-4]),
     ("gzip, gzip", gzip.compress(gzip.compress(ARTICLE))), ("identity", ARTICLE),
     ("gzip", gzip.compress(ARTICLE[:100]) + gzip.compress(ARTICLE[100:]))],
)  # fmt: skip
def test_compressed_pages_are_decoded(raw, encoding, body):
    head = f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: {encoding}"
    doc = fetch(raw.on("/z", reply(head + f"\nContent-Length: {len(body)}", body)))
    assert doc.title == "Ferry timetable changes from May"
    assert "two extra crossings" in doc.body


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, gzip, gzip"])
def test_unsupported_or_stacked_encodings_are_refused(raw, encoding):
    head = f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: {encoding}"
    url = raw.on("/enc", reply(head + "\nContent-Length: 6", b"\x0b\x02\x80ab\x03"))
    one_line_fetch_error(url, "content encoding")


def test_garbage_labelled_gzip_is_a_fetch_error(raw):
    head = "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\nContent-Length: 20"
    one_line_fetch_error(raw.on("/bad", reply(head, b"this is not gzip....")),
                         "broken compressed body")  # fmt: skip


def test_truncated_gzip_is_a_fetch_error(raw):
    body = gzip.compress(ARTICLE * 20)[:-30]
    head = f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\nContent-Length: {len(body)}"
    one_line_fetch_error(raw.on("/cut", reply(head, body)), "broken compressed body")


def test_accept_encoding_names_only_what_is_decoded(raw):
    fetch(raw.on("/a", reply("HTTP/1.1 200 OK\nContent-Type: text/html", ARTICLE)))
    assert b"\r\naccept-encoding: gzip, deflate\r\n" in raw.heads[0].lower()


# ----------------------------------------------------------------- lying lengths and broken HTTP


def test_content_length_shorter_than_body_reads_the_declared_bytes(raw):
    body = b"Ferry news\n\nThe island ferry will run two extra crossings on weekdays." + b"X" * 500
    doc = fetch(
        raw.on(
            "/short", reply("HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 71", body)
        )
    )
    assert "XXX" not in doc.body and "two extra crossings" in doc.body


def test_content_length_longer_than_body_is_a_fetch_error(raw):
    url = raw.on(
        "/long", reply("HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 9000", ARTICLE)
    )
    one_line_fetch_error(url, "incomplete|closed|disconnected")


@pytest.mark.parametrize(
    "head",
    ["HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 12\nContent-Length: 40",
     "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: lots",
     "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: -5",
     "HELLO THERE",
     "HTTP/1.1 2000 FINE\nContent-Type: text/html",
     "HTTP/1.1 OK\nContent-Type: text/html",
     "HTTP/1.1 200 OK\nContent-Type: text/html\nBad Header Line Without Colon",
     "<html><body><p>An HTTP/0.9 reply without a status line</p></body></html>\n"],
)  # fmt: skip
def test_malformed_responses_are_fetch_errors(raw, head):
    one_line_fetch_error(raw.on("/x", reply(head, ARTICLE)), "")


def test_server_closing_without_reply_is_a_fetch_error(raw):
    one_line_fetch_error(raw.on("/close", lambda conn, stop: None), "disconnected|closed")


@pytest.mark.parametrize(
    "body",
    [b"zz\r\nhello\r\n0\r\n\r\n",                # chunk size not hex
     b"40\r\n<p>only part of the chunk",           # connection closes mid-chunk
     b"5\r\nhello\r\n"],                           # no last chunk
)  # fmt: skip
def test_broken_chunked_encoding_is_a_fetch_error(raw, body):
    head = "HTTP/1.1 200 OK\nContent-Type: text/html\nTransfer-Encoding: chunked"
    one_line_fetch_error(raw.on("/chunks", reply(head, body)), "")


def test_endless_headers_are_a_fetch_error(raw):
    url = raw.on("/headers", endless(b"HTTP/1.1 200 OK\r\n", b"X-Filler: " + b"h" * 990 + b"\r\n"))
    start = time.monotonic()
    one_line_fetch_error(url, "", timeout=5.0)
    assert time.monotonic() - start < 2.0


@pytest.mark.parametrize(
    "status",
    [
        "204 No Content",
        "300 Multiple Choices",
        "304 Not Modified",
        "302 Found",
        "418 I'm a teapot",
        "503 Service Unavailable",
    ],
)
def test_non_success_statuses_are_fetch_errors(raw, status):
    # 302 without a Location, 3xx that are not redirects, 204 without a body
    head = f"HTTP/1.1 {status}\nContent-Type: text/html\nContent-Length: {len(ARTICLE)}"
    one_line_fetch_error(raw.on("/s", reply(head, ARTICLE)), f"HTTP {status.split()[0]}")


# ----------------------------------------------------------------- mislabelled content


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def test_image_labelled_html_is_refused_from_its_first_bytes(raw):
    url = raw.on("/png", endless(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                 b"Connection: close\r\n\r\n" + PNG, bytes(range(256)) * 256))  # fmt: skip
    start = time.monotonic()
    text = one_line_fetch_error(url, r"labelled text/html\) is binary \(PNG", timeout=5.0)
    assert "larger than" not in text
    assert time.monotonic() - start < 1.0


def test_binary_without_content_type_is_refused(raw):
    one_line_fetch_error(raw.on("/blob", reply(f"HTTP/1.1 200 OK\nContent-Length: {len(PNG)}", PNG)),
                         r"without a content type\) is binary")  # fmt: skip


def test_html_without_content_type_is_sniffed_and_parsed(raw):
    doc = fetch(raw.on("/html", reply(f"HTTP/1.1 200 OK\nContent-Length: {len(ARTICLE)}", ARTICLE)))
    assert doc.title == "Ferry timetable changes from May"


@pytest.mark.parametrize(
    "ctype",
    [
        "application/octet-stream",
        "image/jpeg",
        "application/json",
        "text/javascript",
        "application/pdf",
    ],
)
def test_html_under_another_content_type_is_refused(raw, ctype):
    # decided: the label must be HTML or plain text; no sniffing past a wrong label
    head = f"HTTP/1.1 200 OK\nContent-Type: {ctype}\nContent-Length: {len(ARTICLE)}"
    one_line_fetch_error(raw.on("/o", reply(head, ARTICLE)), f"content type {ctype} is not HTML")


@pytest.mark.parametrize(
    ("ctype", "warning"),
    [("text/html; charset=utf-8", "does not decode"), ("text/html; charset=x-no-such", "unknown"),
     ("text/html; charset=utf-32", "does not decode")],
)  # fmt: skip
def test_charset_lies_fall_back_to_guessing(raw, ctype, warning):
    body = ARTICLE.replace(b"Monday", "caf\u00e9 owners on Monday".encode("cp1252"))
    head = f"HTTP/1.1 200 OK\nContent-Type: {ctype}\nContent-Length: {len(body)}"
    doc = fetch(raw.on("/cs", reply(head, body)))
    assert "caf\u00e9 owners" in doc.body
    assert any(warning in w for w in doc.warnings)


def test_empty_page_is_an_ingest_error(raw):
    with pytest.raises(EmptyDocumentError):
        fetch(
            raw.on("/empty", reply("HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 0"))
        )
