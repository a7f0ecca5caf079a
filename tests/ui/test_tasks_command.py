"""How the window starts a child ``khabar``: from a checkout or wheel, and from the bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.ui.tasks import khabar_command


def test_from_python_the_interpreter_runs_the_package(tmp_path: Path) -> None:
    program, args = khabar_command(tmp_path, "sync", "--feed-only")
    assert program == sys.executable
    assert args == ["-m", "reader", "--data-dir", str(tmp_path), "sync", "--feed-only"]


@pytest.mark.parametrize(
    ("platform", "name", "expected"),
    [("linux", "khabar", "khabar"), ("win32", "khabar.exe", "khabar-cli.exe")],
)
def test_the_bundle_runs_itself_and_on_windows_its_console_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str, name: str, expected: str
) -> None:
    for program in (name, "khabar-cli.exe"):
        (tmp_path / program).write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "executable", str(tmp_path / name))
    program, args = khabar_command(tmp_path / "data", "sync")
    assert program == str(tmp_path / expected)
    assert args == ["--data-dir", str(tmp_path / "data"), "sync"]
