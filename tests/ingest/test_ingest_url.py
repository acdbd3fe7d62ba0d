"""fetch_url with a local test server (allow_private=True) and httpx.MockTransport."""

from __future__ import annotations

import socket
import time

import httpx
import pytest
from werkzeug import Response

from newsvet.errors import FetchError, UnsafeURLError
from newsvet.ingest import fetch_url
from newsvet.ingest import url as url_module

PAGE = (
    "<!doctype html><html><head><title>Pier reopens</title></head><body><article>"
    "<h1>Pier reopens after storm repairs</h1>"
    "<p>The town pier reopened to visitors on Saturday after three months of repairs to the "
    "decking damaged in the January storms, the harbour trust said.</p>"
    "<p>Fishing from the end of the pier will be allowed again from next month.</p>"
    "</article></body></html>"
)


def test_ok_page(httpserver):
    httpserver.expect_request("/story").respond_with_data(
        PAGE, content_type="text/html; charset=utf-8"
    )
    doc = fetch_url(httpserver.url_for("/story"), allow_private=True)
    assert doc.title == "Pier reopens after storm repairs"
    assert doc.metadata.source_type == "url"
    assert doc.metadata.url == httpserver.url_for("/story")
    assert doc.metadata.encoding == "utf-8"
    assert "harbour trust" in doc.body


def test_plain_text_page(httpserver):
    httpserver.expect_request("/t").respond_with_data(
        "Pier Reopens\n\nThe town pier reopened to visitors on Saturday after three months of repairs.",
        content_type="text/plain",
    )
    doc = fetch_url(httpserver.url_for("/t"), allow_private=True)
    assert doc.title == "Pier Reopens"
    assert doc.metadata.source_type == "url"


def test_404(httpserver):
    httpserver.expect_request("/gone").respond_with_data(
        "nope", status=404, content_type="text/html"
    )
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(httpserver.url_for("/gone"), allow_private=True)


def test_redirect_followed(httpserver):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/story"}
    )
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    doc = fetch_url(httpserver.url_for("/old"), allow_private=True)
    assert doc.metadata.url == httpserver.url_for("/story")
    assert any("redirected to" in w for w in doc.warnings)


def test_redirect_chain_too_long(httpserver):
    for i in range(10):
        httpserver.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": f"/r{i + 1}"}
        )
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch_url(httpserver.url_for("/r0"), allow_private=True, max_redirects=3)


def test_redirect_to_private_address_is_refused():
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    with pytest.raises(UnsafeURLError, match="metadata"):
        fetch_url("https://news.example/story", transport=httpx.MockTransport(handler))
    assert seen == ["https://news.example/story"]


def test_wrong_content_type(httpserver):
    httpserver.expect_request("/img").respond_with_data(
        b"\x89PNG\r\n\x1a\n", content_type="image/png"
    )
    with pytest.raises(FetchError, match="image/png"):
        fetch_url(httpserver.url_for("/img"), allow_private=True)


def test_oversized_body_is_cut_off(httpserver):
    httpserver.expect_request("/big").respond_with_data("x" * 50_000, content_type="text/plain")
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        fetch_url(httpserver.url_for("/big"), allow_private=True, max_bytes=1000)


def test_oversized_streamed_body_stops_reading_early():
    chunks_sent = []

    def body():
        for _ in range(1000):
            chunks_sent.append(1)
            yield b"y" * 1000

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=body())

    with pytest.raises(FetchError, match="larger than"):
        fetch_url(
            "https://news.example/big", max_bytes=5000, transport=httpx.MockTransport(handler)
        )
    assert len(chunks_sent) < 20


def test_timeout_with_slow_handler(httpserver):
    def slow(request):
        time.sleep(1.5)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.3 s"):
        fetch_url(httpserver.url_for("/slow"), allow_private=True, timeout=0.3)
    assert time.monotonic() - start < 1.4


def test_timeout_message_via_mock():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    with pytest.raises(FetchError) as info:
        fetch_url("https://news.example/x", transport=httpx.MockTransport(handler))
    assert str(info.value) == (
        "could not fetch https://news.example/x: timed out waiting for data (no bytes for 5 s)"
    )


def test_network_error_is_fetch_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused\nsecond line", request=request)

    with pytest.raises(FetchError) as info:
        fetch_url("https://news.example/x", transport=httpx.MockTransport(handler))
    assert "\n" not in str(info.value)
    assert "connection refused" in str(info.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.5/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://2130706433/",
        "http://localhost/",
        "http://metadata.google.internal/computeMetadata/v1/",
    ],
)
def test_private_addresses_refused_before_connecting(url, monkeypatch):
    def no_dns(*args, **kwargs):
        raise AssertionError("no DNS lookup should happen")

    def no_socket(*args, **kwargs):
        raise AssertionError("no connection should be made")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    monkeypatch.setattr(socket, "create_connection", no_socket)
    with pytest.raises(UnsafeURLError, match="refusing"):
        fetch_url(url)


def test_host_resolving_to_private_address_is_refused_at_connect(monkeypatch):
    connected = []

    def fake_dns(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]

    def no_socket(*args, **kwargs):
        connected.append(args)
        raise AssertionError("no connection should be made")

    monkeypatch.setattr(socket, "getaddrinfo", fake_dns)
    monkeypatch.setattr(socket, "create_connection", no_socket)
    with pytest.raises(UnsafeURLError, match="resolves to a private address"):
        fetch_url("http://rebind.example/")
    assert connected == []


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/a.txt", "gopher://example.org/", "javascript:alert(1)",
     "data:text/html,<p>hi</p>", "", "not a url", "http://user:secret@example.org/"],
)  # fmt: skip
def test_bad_schemes_and_urls_refused(url):
    with pytest.raises(UnsafeURLError):
        fetch_url(url, transport=httpx.MockTransport(lambda r: httpx.Response(200)))


def test_allow_private_lets_local_server_through(httpserver):
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    with pytest.raises(UnsafeURLError):
        fetch_url(httpserver.url_for("/story"))
    assert fetch_url(httpserver.url_for("/story"), allow_private=True).body


def test_defaults_are_named_constants():
    assert url_module.DEFAULT_TIMEOUT == 10.0
    assert url_module.DEFAULT_MAX_BYTES == 5_000_000
    assert url_module.DEFAULT_MAX_REDIRECTS == 5
    assert url_module.DEFAULT_CONNECT_TIMEOUT == 5.0
    assert url_module.DEFAULT_READ_TIMEOUT == 5.0
    assert url_module.DEFAULT_MAX_URL_LENGTH == 2048
    assert url_module.ALLOWED_SCHEMES == {"http", "https"}
    assert "br" not in url_module.SUPPORTED_ENCODINGS
    assert "text/html" in url_module.ALLOWED_CONTENT_TYPES
