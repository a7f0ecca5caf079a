"""Starting Khabar's window as a user does: ``khabar`` opens it, a second launch raises it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from reader.ui.app import ask_running_window, instance_name
from reader.ui.settings import Settings, save_settings


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "KHABAR_DATA_DIR": str(tmp_path / "unused"),
    }


def test_khabar_opens_the_window_once_per_library(qapp: object, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    save_settings(data, Settings(sync_on_start=False, sync_interval_min=0))  # no network
    command = [sys.executable, "-m", "reader", "--data-dir", str(data)]
    first = subprocess.Popen(command, env=_env(tmp_path), stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ask_running_window(instance_name(data)):
            assert first.poll() is None, first.stderr.read() if first.stderr else b""
            assert time.monotonic() < deadline, "the window never started listening"
            time.sleep(0.1)
        second = subprocess.run(
            command, env=_env(tmp_path), capture_output=True, timeout=60, check=False
        )
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first window is still the one open
        assert (data / "library.sqlite3").is_file()
    finally:
        first.terminate()
        _out, errors = first.communicate(timeout=30)
    assert b"Traceback" not in errors, errors.decode(errors="replace")


def test_instance_names_differ_by_library(tmp_path: Path) -> None:
    assert instance_name(tmp_path / "a") != instance_name(tmp_path / "b")
    assert instance_name(tmp_path / "a") == instance_name(tmp_path / "a")
