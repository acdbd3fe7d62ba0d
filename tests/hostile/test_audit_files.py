"""Hostile inputs against the audit's files: paths, atomic writes, torn lines, CSV and HTML.

Nothing derived from an input (ids, titles, URLs, WARC record ids and target
URIs, file names) may build a path: an audit writes its four fixed files
inside --out and nothing anywhere else. Output files are replaced atomically
(a crash leaves the previous complete file), results.jsonl never keeps a torn
line, results.csv defuses formulas and report.html escapes page text.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from newsvet import batch
from newsvet.batch import audit
from newsvet.cli import main
from newsvet.errors import NewsvetError
from newsvet.report import _atomic
from newsvet.report.csv import write_csv
from newsvet.report.html import write_report

_BODY = ("The harbour committee met on Monday and approved new lights for the north pier. "
         "Work will start in May and should take six weeks, the committee chair said. "
         "Residents asked for the old lamps to be kept in the town museum.")  # fmt: skip
OUT_FILES = {"results.jsonl", "results.csv", "report.html", "audit-state.json"}

HOSTILE_IDS = [
    "../../etc/x",
    "/tmp/newsvet-abs-id",
    "a\u0000b",
    "x" * 20000,
    "..\\..\\windows\\y",
    "\ud800lone-surrogate",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "~/.bashrc",
    "results.csv",
]


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def _write_jsonl(path: Path, objs: list[dict]) -> Path:
    # ensure_ascii keeps the lone surrogate as a JSON escape, as a hostile feed would send it
    path.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
    return path


def _plain(n: int, path: Path) -> Path:
    return _write_jsonl(path, [{"id": f"n{i}", "title": f"Pier lights, part {i}", "text": _BODY}
                               for i in range(n)])  # fmt: skip


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for rid, uri in [("<urn:skipped>", "file:///etc/passwd"),  # no HTTP: not an item
                         ("<../../warc-escape>", "http://example.com/../../../x"),
                         ("</abs/warc>", "http://example.com/%2e%2e/%2e%2e/etc/passwd"),
                         ("<" + "w" * 5000 + ">", "http://example.com/long")]:  # fmt: skip
            html = f"<html><head><title>&lt;script&gt; {rid[:20]}</title></head><body><p>{_BODY}</p></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")  # fmt: skip
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                       http_headers=headers, warc_headers_dict={"WARC-Record-ID": rid})  # fmt: skip
            w.write_record(rec)
    return path


def test_hostile_ids_and_names_write_only_inside_out(tmp_path: Path, monkeypatch) -> None:
    work = tmp_path / "work"
    (work / "cwd" / "deep").mkdir(parents=True)
    monkeypatch.chdir(work / "cwd" / "deep")  # relative escapes would land below tmp_path
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    src = _write_jsonl(feeds / "in.jsonl", [
        {"id": x, "title": f"<script>alert({i})</script>", "text": _BODY} for i, x in enumerate(HOSTILE_IDS)
    ])  # fmt: skip
    arts = feeds / "arts"
    (arts / "-rf").mkdir(parents=True)
    for name in ("=cmd.txt", "<script>.html", "-rf/@x.txt", "a\nb.txt"):
        (arts / name).write_text(_BODY, encoding="utf-8")
    warc = _warc(feeds / "crawl.warc")
    before = _tree(tmp_path)
    out = work / "out"
    res = audit([src, arts, warc], out, workers=1, chunk_size=4, fetch=batch.FetchOptions(attempts=1))
    after = _tree(tmp_path)
    assert after - before == {"work/out", *(f"work/out/{f}" for f in OUT_FILES)}
    assert not Path("/tmp/newsvet-abs-id").exists()
    rows = _rows(out / "results.jsonl")
    assert res.written == len(rows) == len(HOSTILE_IDS) + 4 + 3
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "../../etc/x" and "a\u0000b" in ids
    assert all(len(i) <= 500 for i in ids)  # very long JSONL and WARC ids are cut
    assert any(i.endswith("\ufffdlone-surrogate") for i in ids)  # unencodable: replaced, no crash
    assert "../../warc-escape" in ids and "/abs/warc" in ids
    # the report escapes every title
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "&lt;script&gt;" in html


def test_csv_cells_that_start_a_formula_are_defused(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "in.jsonl", [
        {"id": x, "title": t, "text": _BODY, "url": "https://example.com/a"}
        for x, t in [("=1+1", "+SUM(1)"), ("-5", "@cmd"), ("  =x", "\t=tab"), ("ok", "Plain title")]
    ])  # fmt: skip
    out = tmp_path / "out"
    audit([src], out, workers=1)
    with open(out / "results.csv", encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    cells = [(r["id"], r["title"]) for r in table]
    assert cells == [("'=1+1", "'+SUM(1)"), ("'-5", "'@cmd"), ("'=x", "'=tab"), ("ok", "Plain title")]
    for r in table:  # numbers stay numbers
        assert r["reliability"] == "" or float(r["reliability"]) >= 0
        assert not r["words"].startswith("'")
        for c, v in r.items():
            assert not v.startswith(("=", "+", "-", "@", "\t", "\r")), (c, v)


# ------------------------------------------------------------------ atomic output
def test_a_crash_while_writing_the_csv_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    rows = [{"id": f"r{i}", "title": "t", "reliability": 0.5} for i in range(50)]
    write_csv(rows, path, signals=["a"])
    before = path.read_bytes()

    def crashing():
        for i, r in enumerate(rows):
            if i == 25:
                raise RuntimeError("killed midway")
            yield dict(r, title="new")

    with pytest.raises(RuntimeError):
        write_csv(crashing, path, signals=["a"])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.csv"]  # no temporary left


def test_a_failed_report_write_keeps_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    src = _plain(3, tmp_path / "in.jsonl")
    out = tmp_path / "out"
    res = audit([src], out, workers=1)
    before = {f: (out / f).read_bytes() for f in ("report.html", "results.csv", "audit-state.json")}

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_report(res.summary, out / "report.html", generated="later")
    with pytest.raises(OSError):
        batch._write_atomic(out / "audit-state.json", b"{}")
    with pytest.raises(OSError):
        audit([src], out, workers=1, force=True)  # the whole run: state file first
    assert {f: (out / f).read_bytes() for f in before} == before
    assert _tree(out) <= OUT_FILES  # no temporary file left behind (--force removed results.jsonl)


def test_a_planted_temporary_symlink_is_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for name in ("results.csv", "report.html", "audit-state.json"):
        (out / f".{name}.tmp").symlink_to(victim)
    audit([_plain(2, tmp_path / "in.jsonl")], out, workers=1)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (out / "results.csv").is_file() and not (out / "results.csv").is_symlink()


def test_a_torn_last_line_is_redone_on_resume_exactly_once(tmp_path: Path) -> None:
    src = _plain(9, tmp_path / "in.jsonl")
    out = tmp_path / "out"
    audit([src], out, workers=1, chunk_size=2)
    results = out / "results.jsonl"
    lines = results.read_bytes().splitlines(keepends=True)
    assert len(lines) == 9
    for torn in (lines[5][: len(lines[5]) // 2], lines[5].rstrip(b"\n"), b'{"no_id": 1}\n'):
        results.write_bytes(b"".join(lines[:5]) + torn)
        res = audit([src], out, workers=1, chunk_size=2, resume=True)
        assert (res.skipped, res.written) == (5, 4)
        ids = [r["id"] for r in _rows(results)]
        assert ids == [f"n{i}" for i in range(9)]  # each once, in order
        assert len((out / "results.csv").read_text(encoding="utf-8").splitlines()) == 10


class _ShortWriteFile:
    """A results.jsonl handle whose second chunk is half written, then the disk is full."""

    def __init__(self, fh) -> None:
        self._fh, self.calls = fh, 0
        self.name = fh.name

    def write(self, data: bytes) -> int:
        self.calls += 1
        if self.calls == 2:
            self._fh.write(data[: len(data) // 2 + 3])
            self._fh.flush()
            raise OSError(28, "No space left on device")
        return self._fh.write(data)

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._fh.close()


def test_a_failed_append_leaves_no_torn_line(tmp_path: Path, monkeypatch) -> None:
    src = _plain(7, tmp_path / "in.jsonl")
    out = tmp_path / "out"
    real_open = batch._open_nofollow
    monkeypatch.setattr(batch, "_open_nofollow",
                        lambda p, flags, mode: _ShortWriteFile(real_open(p, flags, mode))
                        if mode == "ab" else real_open(p, flags, mode))  # fmt: skip
    with pytest.raises(OSError):
        audit([src], out, workers=1, chunk_size=3)
    data = (out / "results.jsonl").read_bytes()
    assert data.endswith(b"\n") and [r["id"] for r in _rows(out / "results.jsonl")] == ["n0", "n1", "n2"]
    monkeypatch.undo()
    res = audit([src], out, workers=1, chunk_size=3, resume=True)
    assert res.skipped == 3 and [r["id"] for r in _rows(out / "results.jsonl")] == [f"n{i}" for i in range(7)]


# ------------------------------------------------------------------ --out
def _cli(args: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as e:
        main(args)
    return int(e.value.code), capsys.readouterr().err


def test_out_is_an_existing_file(tmp_path: Path, capsys) -> None:
    src = _plain(1, tmp_path / "in.jsonl")
    f = tmp_path / "out.txt"
    f.write_text("keep", encoding="utf-8")
    code, err = _cli(["audit", str(src), "--out", str(f), "--workers", "1", "--quiet"], capsys)
    assert code == 2 and err.count("\n") == 1 and "not a directory" in err
    assert f.read_text(encoding="utf-8") == "keep"


def test_out_is_a_symlink(tmp_path: Path, capsys) -> None:
    src = _plain(1, tmp_path / "in.jsonl")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = tmp_path / "out"
    link.symlink_to(elsewhere)
    code, err = _cli(["audit", str(src), "--out", str(link), "--workers", "1", "--quiet"], capsys)
    assert code == 2 and err.count("\n") == 1 and "symbolic link" in err
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("name", ["results.jsonl", "results.csv", "report.html", "audit-state.json"])
def test_an_output_file_that_is_a_symlink_is_refused(tmp_path: Path, capsys, name: str) -> None:
    src = _plain(2, tmp_path / "in.jsonl")
    out = tmp_path / "out"
    audit([src], out, workers=1)
    victim = tmp_path / "victim"
    victim.write_text("precious\n", encoding="utf-8")
    (out / name).unlink()
    (out / name).symlink_to(victim)
    code, err = _cli(["audit", str(src), "--out", str(out), "--workers", "1", "--quiet", "--resume"], capsys)
    assert code == 2 and err.count("\n") == 1 and "symbolic link" in err
    assert victim.read_text(encoding="utf-8") == "precious\n"
    with pytest.raises(NewsvetError, match="symbolic link"):
        audit([src], out, workers=1, force=True)
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_read_done_does_not_follow_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b'{"id": "a"}\ntorn')
    link = tmp_path / "results.jsonl"
    link.symlink_to(victim)
    with pytest.raises(NewsvetError):
        batch.read_done(link)
    assert victim.read_bytes() == b'{"id": "a"}\ntorn'
    assert os.path.islink(link)
