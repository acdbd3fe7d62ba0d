"""fetch_url refuses loopback, private, link-local and metadata addresses, in every spelling.

Checked twice: on the URL (IP literals and local names, before any DNS or
connection) and on the resolved address where the connection is made, for
the first URL and after every redirect. DNS tricks are played by
monkeypatching ``socket.getaddrinfo`` (the resolver the module uses); no test
sends traffic off the machine.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys

import httpx
import pytest
from pytest_httpserver import HTTPServer

from newsvet.cli import main
from newsvet.errors import FetchError, UnsafeURLError
from newsvet.ingest import fetch_url
from newsvet.ingest import url as url_module

PAGE = (
    "<html><head><title>Library hours extended</title></head><body><article>"
    "<p>The town library will open until eight on weekdays from next month, the council "
    "said on Thursday after a vote on the culture budget.</p></article></body></html>"
)
PUBLIC = "93.184.216.34"

# Every spelling of a non-public address tried. All refused before DNS or connecting.
LITERALS = [
    "http://127.0.0.1/", "http://127.0.0.1:8080/admin", "http://127.1/", "http://127.0.0.1./",
    "http://2130706433/", "http://0x7f.1/", "http://0x7f000001/", "http://0x7f.0.0.1/",
    "http://0177.0.0.1/", "http://017700000001/", "http://0/", "http://0.0.0.0/",
    "http://10.0.0.1/", "http://172.16.0.5/", "http://192.168.1.1/", "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://169.254.0.1/", "http://100.100.100.200/",
    "http://224.0.0.1/", "http://240.0.0.1/", "http://255.255.255.255/",
    "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::]/", "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/", "http://[::ffff:169.254.169.254]/", "http://[fd00:ec2::254]/",
    "http://[fe80::1]/", "http://[fe80::1%25eth0]/", "http://[fc00::1]/", "http://[ff02::1]/",
    "http://[2002:7f00:1::]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
    "http://localhost/", "http://LOCALHOST:8000/", "http://localhost./", "http://api.localhost/",
    "http://printer.local/", "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata/", "http://instance-data/latest/", "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",
    "https://127.0.0.1/", "HTTP://127.0.0.1/",
]  # fmt: skip


@pytest.fixture()
def no_network(monkeypatch):
    def no_dns(*args, **kwargs):
        raise AssertionError("no DNS lookup should happen")

    def no_socket(*args, **kwargs):
        raise AssertionError("no connection should be made")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    monkeypatch.setattr(socket, "create_connection", no_socket)


@pytest.mark.parametrize("url", LITERALS)
def test_non_public_literals_refused_before_dns(url, no_network):
    with pytest.raises(UnsafeURLError, match="^refusing ") as info:
        fetch_url(url)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f.1/", "http://0/",
     "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/", "http://localhost/"],
)  # fmt: skip
def test_connect_time_check_catches_what_the_url_check_misses(url, monkeypatch):
    # second line of defence: with the URL check switched off, the real resolver
    # turns these spellings into addresses that the connecting backend refuses
    monkeypatch.setattr(url_module, "_check_host", lambda *a, **k: None)
    connects = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connects.append(a))
    with pytest.raises(
        UnsafeURLError, match="resolves to an? (loopback|cloud metadata|unspecified)"
    ):
        fetch_url(url)
    assert connects == []


def _dns(monkeypatch, table: dict[str, list[str]], calls: list[str] | None = None):
    def fake(host, port, *args, **kwargs):
        if calls is not None:
            calls.append(host)
        out = []
        for addr in table[host] if isinstance(table[host], list) else table[host]():
            fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
            out.append((fam, socket.SOCK_STREAM, 6, "", (addr, port)))
        return out

    monkeypatch.setattr(socket, "getaddrinfo", fake)


@pytest.mark.parametrize(
    "addresses",
    [["10.1.2.3"], [PUBLIC, "127.0.0.1"], ["127.0.0.1", PUBLIC], ["::1"], ["169.254.169.254"],
     ["fd00:ec2::254"], ["::ffff:10.0.0.1"], [PUBLIC, "fe80::1%2"]],
)  # fmt: skip
def test_names_resolving_to_any_private_address_are_refused(addresses, monkeypatch):
    _dns(monkeypatch, {"news.example": addresses})
    connects = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connects.append(a))
    with pytest.raises(UnsafeURLError, match=r"refusing news.example: it resolves to"):
        fetch_url("http://news.example/story")
    assert connects == []


def test_dns_rebinding_cannot_swap_the_checked_address(monkeypatch):
    # first answer public, every later one private: the connection goes to the
    # address that was checked, and the name is looked up once per connection
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    calls: list[str] = []
    _dns(monkeypatch, {"rebind.example": lambda: next(answers)}, calls)
    connected = []

    def refuse(address, *args, **kwargs):
        connected.append(address[0])
        raise ConnectionRefusedError("refused")

    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(FetchError, match="refused"):
        fetch_url("http://rebind.example/")
    assert connected == [PUBLIC] and calls == ["rebind.example"]


def test_ipv6_forms_of_private_addresses():
    for spelled in ["::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:a9fe:a9fe::1", "64:ff9b::7f00:1",
                    "fd00:ec2::254", "::", "::1", "fe80::1"]:  # fmt: skip
        assert url_module._address_problem(ipaddress.ip_address(spelled)), spelled
    assert url_module._address_problem(ipaddress.ip_address("2606:4700::1111")) is None
    assert url_module._address_problem(ipaddress.ip_address(PUBLIC)) is None


# ----------------------------------------------------------------- redirects


@pytest.fixture()
def server():
    s = HTTPServer(host="127.0.0.1")
    s.start()
    yield s
    s.clear()
    s.stop()


@pytest.fixture()
def loopback_is_public(monkeypatch):
    """Treat 127.0.0.1 (the test server) as public, so the default checks run."""
    real = url_module._address_problem

    def problem(ip):
        return None if str(ip) == "127.0.0.1" else real(ip)

    monkeypatch.setattr(url_module, "_address_problem", problem)
    connects: list[tuple] = []
    create = socket.create_connection

    def recording(address, *args, **kwargs):
        connects.append(address)
        return create(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recording)
    return connects


def _redirect(server: HTTPServer, location: str, path: str = "/r") -> str:
    server.expect_request(path).respond_with_data("", status=302, headers={"Location": location})
    return f"http://127.0.0.1:{server.port}{path}"


def test_the_test_server_is_reachable_when_treated_as_public(server, loopback_is_public):
    server.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    assert fetch_url(f"http://127.0.0.1:{server.port}/p").title == "Library hours extended"
    assert loopback_is_public == [("127.0.0.1", server.port)]


@pytest.mark.parametrize(
    "location",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]:80/",
     "http://0xa.1/", "http://167772161/", "//169.254.169.254/", "http://[fd00:ec2::254]/",
     "http://localhost/", "http://[::ffff:192.168.0.1]/"],
)  # fmt: skip
def test_redirect_to_a_private_address_is_refused(server, loopback_is_public, location):
    with pytest.raises(UnsafeURLError, match="refusing"):
        fetch_url(_redirect(server, location))
    assert [a[0] for a in loopback_is_public] == ["127.0.0.1"]  # only the first hop


def test_redirect_to_a_name_resolving_privately_is_refused_at_connect(server, loopback_is_public,
                                                                     monkeypatch):  # fmt: skip
    _dns(monkeypatch, {"127.0.0.1": ["127.0.0.1"], "cdn.example": ["10.9.8.7"]})
    with pytest.raises(UnsafeURLError, match="cdn.example: it resolves to a private address"):
        fetch_url(_redirect(server, "http://cdn.example/story"))
    assert [a[0] for a in loopback_is_public] == ["127.0.0.1"]


def test_redirect_to_the_local_server_needs_allow_private(server, monkeypatch):
    # public name -> redirect to loopback: refused by default, followed with allow_private
    server.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    _dns(monkeypatch, {"news.example": ["127.0.0.1"], "127.0.0.1": ["127.0.0.1"]})
    with pytest.raises(UnsafeURLError, match="loopback"):
        fetch_url(f"http://news.example:{server.port}/p")
    doc = fetch_url(_redirect(server, f"http://127.0.0.1:{server.port}/p"), allow_private=True)
    assert doc.title == "Library hours extended"


@pytest.mark.parametrize(
    ("location", "match"),
    [("file:///etc/passwd", "not file"), ("ftp://example.org/a.txt", "not ftp"),
     ("data:text/html,<p>hi</p>", "not data|bad redirect"),
     ("javascript:alert(1)", "not javascript|bad redirect"),
     ("gopher://example.org/", "not gopher"), ("http://user:pw@example.org/", "credentials"),
     ("http://example.org/" + "a" * 3000, "longer than 2,048")],
)  # fmt: skip
def test_redirect_to_a_refused_url(server, loopback_is_public, location, match):
    with pytest.raises(FetchError, match=match) as info:
        fetch_url(_redirect(server, location))
    assert "\n" not in str(info.value)
    assert len(loopback_is_public) == 1


@pytest.mark.parametrize(
    "chain", [{"/a": "/a"}, {"/a": "/b", "/b": "/a"}, {"/a": "/b?x=1", "/b": "/a"}]
)
def test_redirect_loops_are_detected(server, chain):
    for path, target in chain.items():
        _redirect(server, target, path)
    with pytest.raises(FetchError, match="redirect loop at"):
        fetch_url(f"http://127.0.0.1:{server.port}/a", allow_private=True, max_redirects=10)


@pytest.mark.parametrize(
    "location", ["http://[::1", "http://exa mple.org/", "http://a:b:c/", "http:"]
)
def test_redirect_with_a_garbage_location(location):
    mock = httpx.MockTransport(lambda r: httpx.Response(302, headers={"Location": location}))
    with pytest.raises(FetchError, match="bad redirect|refusing|location header") as info:
        fetch_url("https://news.example/", transport=mock)
    assert "\n" not in str(info.value)


# ----------------------------------------------------------------- URLs themselves


@pytest.mark.parametrize(
    "url",
    ["http://user:secret@example.org/", "http://user@example.org/", "http://:x@example.org/",
     "https://token@news.example/story", "http://127.0.0.1:80@example.org/"],
)  # fmt: skip
def test_credentials_in_urls_are_refused(url, no_network):
    with pytest.raises(UnsafeURLError, match="credentials"):
        fetch_url(url)


def test_over_long_urls_are_refused_and_the_limit_is_adjustable(no_network):
    long_url = "https://news.example/story?" + "q=1&" * 600
    with pytest.raises(UnsafeURLError, match="longer than 2,048 characters") as info:
        fetch_url(long_url)
    assert len(str(info.value)) < 200
    seen = []
    mock = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200, text="Library news"))
    fetch_url(long_url, max_url_length=4000, transport=mock)
    assert len(seen) == 1


@pytest.mark.parametrize(
    "url", ["http:/\\127.0.0.1/", "http:127.0.0.1", "http://", "//127.0.0.1/", "127.0.0.1",
            "http://127.0.0.1\t/", "http://exa mple.org/", "\x00http://example.org/"],
)  # fmt: skip
def test_malformed_urls_are_refused(url, no_network):
    with pytest.raises(UnsafeURLError) as info:
        fetch_url(url)
    assert "\n" not in str(info.value)


# ----------------------------------------------------------------- CLI


def test_cli_refuses_the_metadata_address_in_one_line(capsys):
    with pytest.raises(SystemExit) as e:
        main(["score", "http://169.254.169.254/latest/meta-data/"])
    assert e.value.code == 2
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(err) == 1 and "cloud metadata address" in err[0]


def test_cli_turns_a_fetch_error_into_exit_2(server):
    server.expect_request("/pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    p = subprocess.run(
        [sys.executable, "-m", "newsvet.cli", "score", "--allow-private", "--timeout", "5",
         f"http://127.0.0.1:{server.port}/pdf"],
        check=False, capture_output=True, timeout=120,
    )  # fmt: skip
    err = [ln for ln in p.stderr.decode().splitlines() if ln.strip()]
    assert p.returncode == 2 and len(err) == 1, p.stderr
    assert "content type application/pdf is not HTML" in err[0] and "Traceback" not in err[0]


def test_cli_help_names_the_allow_private_option():
    p = subprocess.run([sys.executable, "-m", "newsvet.cli", "score", "--help"],
                       check=False, capture_output=True, timeout=120, env={**os.environ, "COLUMNS": "200"})  # fmt: skip
    assert p.returncode == 0
    assert "--allow-private" in p.stdout.decode()
