"""newsvet's cache folder: where it goes, and a planted temp folder is refused."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from newsvet import _cache


def _no_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Make ~/.cache unusable and the temp directory ours, so the shared temp folder is next."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".cache").write_text("a file, so ~/.cache/newsvet cannot be made")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("NEWSVET_CACHE_DIR", raising=False)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp))
    return tmp


def test_the_environment_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSVET_CACHE_DIR", str(tmp_path / "mine"))
    assert _cache.cache_dir() == tmp_path / "mine"
    assert (tmp_path / "mine").is_dir()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_the_shared_temp_folder_is_made_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp = _no_home(monkeypatch, tmp_path)
    got = _cache.cache_dir()
    assert got == tmp / f"newsvet-{os.getuid()}"
    assert got.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_temp_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp = _no_home(monkeypatch, tmp_path)
    planted = tmp / f"newsvet-{os.getuid()}"
    planted.mkdir()
    planted.chmod(0o777)  # as another user would leave it for us
    got = _cache.cache_dir()
    assert got != planted
    assert got.is_dir() and got.name.startswith("newsvet-")


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_symlink_in_place_of_the_temp_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp = _no_home(monkeypatch, tmp_path)
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    (tmp / f"newsvet-{os.getuid()}").symlink_to(target)
    got = _cache.cache_dir()
    assert got != tmp / f"newsvet-{os.getuid()}"
    assert not any(target.iterdir())


def test_no_home_directory_falls_back_to_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("NEWSVET_CACHE_DIR", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp))
    got = _cache.cache_dir()
    assert got.parent == tmp and got.is_dir()
