"""``khabar --selftest``: the check every package runs, passing here and failing loudly."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.ui import selftest


@pytest.mark.slow
def test_selftest_passes_from_an_unrelated_folder(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    # A proxy in the environment (here one that answers nothing) must not stop the
    # child sync from reaching the feed the selftest serves on this machine.
    env |= {"HTTP_PROXY": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"}
    ran = subprocess.run(
        [sys.executable, "-m", "reader", "--selftest"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[-1] == "selftest passed: 7 checks."
    assert sum(line.startswith("ok   ") for line in lines) == 7
    assert "stored 2 articles" in ran.stdout
    assert "right to left" in ran.stdout
    assert list(tmp_path.iterdir()) == []  # nothing left behind, not even in HOME


def test_selftest_names_what_failed(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without its shipped files, the checks that need them fail and say so; the rest still run.
    monkeypatch.setattr(selftest, "resource", tmp_path.joinpath)
    monkeypatch.setattr(selftest, "store_welcome", lambda _library: 0)
    out = io.StringIO()
    assert selftest.run_selftest(out) == 1
    said = out.getvalue()
    assert "FAIL shipped files: missing fonts/NotoNaskhArabic-Regular.ttf" in said
    assert "FAIL library: only 0 welcome articles were stored" in said
    assert "ok   article extraction" in said
    failed = said.count("\nFAIL ")
    assert said.splitlines()[-1] == f"selftest failed: {failed} of 7 checks."
