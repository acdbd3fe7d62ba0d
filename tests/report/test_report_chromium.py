"""The report renders in a real headless Chromium: a screenshot that is not blank, and the DOM."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from newsvet.batch import audit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def decode_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, raw pixels) of an 8-bit RGB/RGBA PNG, stdlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _c, _f, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        out += line
        prev = line
    return width, height, bpp, bytes(out)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("chromium")
    feed = tmp / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "hostile", "url": "https://evil.example/x",
                    "text": "<script>document.title='owned'</script> Reports suggest up to 40,000 "
                            "residents may be affected, sources say."}) + "\n" + "{broken\n",
        encoding="utf-8",
    )
    res = audit([ROOT / "examples", feed], tmp / "out", workers=1)
    return res.files["report"]


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True, timeout=90, cwd=tmp,
    )


def test_screenshot_renders_the_page(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    p = _chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,2000", report.as_uri())
    assert png.is_file(), p.stderr.decode(errors="replace")[-2000:]
    width, height, bpp, px = decode_png(png.read_bytes())
    assert (width, height) == (1280, 2000)

    def pixel(x: int, y: int) -> tuple[int, ...]:
        i = (y * width + x) * bpp
        return tuple(px[i:i + 3])

    colours = {px[i:i + 3] for i in range(0, len(px), bpp * 7)}
    assert len(colours) > 50, "the screenshot is (nearly) blank"
    assert max(pixel(5, 5)) < 60  # the dark header band: the inline CSS applied
    assert pixel(5, 1000)[0] > 200  # a light page background below it
    reds = sum(1 for i in range(0, len(px), bpp * 3)
               if px[i] > 170 and px[i + 1] < 80 and px[i + 2] < 80)
    assert reds > 500  # the red "unreliable" share bar and histogram bars (inline SVG) drew


def test_dom_holds_the_summary_and_no_script(report: Path, tmp_path: Path) -> None:
    p = _chromium(tmp_path, "--dump-dom", report.as_uri())
    dom = p.stdout.decode("utf-8", errors="replace")
    assert 'id="summary-table"' in dom, p.stderr.decode(errors="replace")[-2000:]
    assert "Articles scored" in dom and "Lowest-rated articles" in dom
    assert "<script" not in dom  # the page's hostile text stayed text
    assert "&lt;script&gt;document.title" in dom
    assert "<title>newsvet audit</title>" in dom
