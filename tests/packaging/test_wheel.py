"""The wheel: built from this checkout, installed into a fresh virtual environment, it works.

Resources, catalogues, fonts and the default sources must come from inside the
installed wheel, never from this source tree: ``khabar --selftest`` runs from
an unrelated folder and says where it found them. The machine has no network,
so the new environment takes Khabar's dependencies from this one (a ``.pth``
line naming its site-packages); Khabar itself comes only from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    ran = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert ran.returncode == 0, f"{command}\n{ran.stdout}\n{ran.stderr}"
    return ran


@pytest.mark.slow
def test_the_wheel_installs_and_passes_its_selftest(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(ROOT)],
        cwd=tmp_path,
        PIP_NO_INDEX="1",
    )  # fmt: skip
    (wheel,) = wheels.glob("khabar-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in (
        "reader/resources/welcome.xml",
        "reader/resources/default_sources.opml",
        "reader/resources/fonts/NotoNaskhArabic-Regular.ttf",
        "reader/resources/translations/khabar_ar.ts",
        "reader/py.typed",
    ):
        assert shipped in names

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], cwd=tmp_path)
    site = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=tmp_path,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "khabar-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = tmp_path / "home"
    selftest = run(
        [str(bin_dir / "khabar"), "--selftest"],
        cwd=elsewhere,
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH="",
    )
    assert selftest.stdout.splitlines()[-1] == "selftest passed: 7 checks.", selftest.stdout
    # Everything it shipped was found inside the new environment, not in this checkout.
    assert f"in {Path(site) / 'reader' / 'resources'}" in selftest.stdout
    assert str(ROOT) not in selftest.stdout
    version = run([str(bin_dir / "khabar"), "--version"], cwd=elsewhere, PYTHONPATH="")
    from reader import __version__

    assert version.stdout.strip() == f"khabar {__version__}"
