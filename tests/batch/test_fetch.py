"""URL inputs: per-host limit, polite delay, retries with backoff, safety limits (local server)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsvet.batch import FetchOptions, PoliteFetcher, _fetched
from newsvet.cli import main
from newsvet.errors import FetchError, UnsafeURLError
from newsvet.inputs import Item

PAGE = ("<html><head><title>Harbour wall repairs approved</title></head><body><article>"
        "<p>The council voted 7 to 2 on Tuesday to approve the harbour wall repairs, "
        "according to minutes published on its website.</p></article></body></html>")


@pytest.fixture()
def server():
    s = HTTPServer(threaded=True)
    s.start()
    yield s
    s.clear()
    if s.is_running():
        s.stop()


def _opts(**kw) -> FetchOptions:
    base = dict(allow_private=True, delay=0.0, backoff=0.01, timeout=5.0)
    base.update(kw)
    return FetchOptions(**base)


def test_retries_transient_errors_with_backoff(server: HTTPServer) -> None:
    calls = []

    def handler(req: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) < 3:
            return Response("busy", status=503)
        return Response(PAGE, content_type="text/html")

    server.expect_request("/flaky").respond_with_handler(handler)
    sleeps: list[float] = []
    f = PoliteFetcher(_opts(attempts=3, backoff=0.5), sleep=sleeps.append)
    doc = f.fetch(server.url_for("/flaky"))
    assert doc.title == "Harbour wall repairs approved"
    assert len(calls) == 3
    assert sleeps == [0.5, 1.0]  # exponential backoff


def test_gives_up_after_bounded_attempts_and_never_retries_4xx(server: HTTPServer) -> None:
    n = {"busy": 0, "gone": 0}

    def busy(req: Request) -> Response:
        n["busy"] += 1
        return Response("slow down", status=429)

    def gone(req: Request) -> Response:
        n["gone"] += 1
        return Response("no", status=404)

    server.expect_request("/busy").respond_with_handler(busy)
    server.expect_request("/gone").respond_with_handler(gone)
    f = PoliteFetcher(_opts(attempts=3), sleep=lambda s: None)
    with pytest.raises(FetchError, match="HTTP 429"):
        f.fetch(server.url_for("/busy"))
    with pytest.raises(FetchError, match="HTTP 404"):
        f.fetch(server.url_for("/gone"))
    assert n == {"busy": 3, "gone": 1}


def test_per_host_limit_and_delay(server: HTTPServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0, "starts": []}

    def handler(req: Request) -> Response:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
            state["starts"].append(time.monotonic())
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        return Response(PAGE, content_type="text/html")

    server.expect_request("/p").respond_with_handler(handler)
    items = [Item(f"u{i}", "url", server.url_for("/p") + f"?i={i}") for i in range(4)]
    f = PoliteFetcher(_opts(per_host=1, delay=0.1, threads=4))
    out = list(_fetched(items, f))
    assert [i.id for i in out] == ["u0", "u1", "u2", "u3"]
    assert all(i.kind == "doc" for i in out)
    assert state["max"] == 1  # one request in flight to the host at a time
    starts = state["starts"]
    assert all(b - a >= 0.09 for a, b in zip(starts, starts[1:]))

    state.update(now=0, max=0, starts=[])
    list(_fetched(items, PoliteFetcher(_opts(per_host=2, delay=0.0, threads=4))))
    assert state["max"] == 2


def test_safety_limits_are_those_of_single_scoring(server: HTTPServer) -> None:
    server.expect_request("/big").respond_with_data("x" * 5000, content_type="text/html")
    server.expect_request("/pdf").respond_with_data(b"%PDF-1.4", content_type="application/pdf")
    strict = PoliteFetcher(FetchOptions(delay=0.0))  # private addresses refused by default
    with pytest.raises(UnsafeURLError):
        strict.fetch(server.url_for("/big"))
    small = PoliteFetcher(_opts(max_bytes=1000))
    with pytest.raises(FetchError, match="larger than"):
        small.fetch(server.url_for("/big"))
    with pytest.raises(FetchError, match="content type"):
        small.fetch(server.url_for("/pdf"))


def test_cli_audit_of_a_url_list(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    server.expect_request("/b").respond_with_data("nope", status=404)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server.url_for('/a')}\n{server.url_for('/b')}\nmailto:x@y\n")
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as e:
        main(["audit", str(urls), "--out", str(out), "--workers", "1", "--quiet",
              "--allow-private", "--delay", "0", "--retries", "0"])
    assert e.value.code == 0
    rows = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["urls.txt:1", "urls.txt:2", "urls.txt:3"]
    assert rows[0]["error"] is None and rows[0]["title"] == "Harbour wall repairs approved"
    assert rows[0]["domain"] == "localhost" and rows[0]["url"].endswith("/a")
    assert "HTTP 404" in rows[1]["error"]
    assert "not an http(s) URL" in rows[2]["error"]

    # without --allow-private the loopback server is refused, item by item
    out2 = tmp_path / "out2"
    with pytest.raises(SystemExit) as e:
        main(["audit", str(urls), "--out", str(out2), "--workers", "1", "--quiet", "--delay", "0"])
    assert e.value.code == 0
    rows = [json.loads(x) for x in (out2 / "results.jsonl").read_text().splitlines()]
    assert "refusing" in rows[0]["error"] and "local host name" in rows[0]["error"]
