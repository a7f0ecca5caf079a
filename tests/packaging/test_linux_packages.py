"""The Linux packages: build the bundle, its .tar.gz and the .deb; install, use and remove the .deb.

Marked ``package``: it takes a few minutes and installs a package on this
machine (as root, with apt-get), so the suite leaves it out;
``make package-test`` runs it. It needs the ``package`` extra (PyInstaller),
dpkg-deb and apt-get.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from reader import __version__
from reader.paths import APP_ID

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "build" / "packages"

pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(
        not sys.platform.startswith("linux")
        or shutil.which("dpkg-deb") is None
        or shutil.which("apt-get") is None
        or os.geteuid() != 0,
        reason="needs Linux, dpkg-deb, apt-get and root",
    ),
]


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=1200, check=False, **kwargs
    )
    assert ran.returncode == 0, f"{command}\n{ran.stdout[-3000:]}\n{ran.stderr[-3000:]}"
    return ran


def test_the_deb_installs_runs_and_removes_cleanly(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller")
    run([sys.executable, str(ROOT / "packaging" / "build.py"), "all"], cwd=ROOT)
    deb = PACKAGES / f"khabar_{__version__}_amd64.deb"
    tarball = next(PACKAGES.glob(f"khabar-{__version__}-linux-*.tar.gz"))
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert any(n.endswith("/khabar") and n.count("/") == 1 for n in names)
    assert any(n.endswith(f"share/applications/{APP_ID}.desktop") for n in names)

    info = run(["dpkg-deb", "--field", str(deb), "Package", "Version"]).stdout
    assert info.split() == ["Package:", "khabar", "Version:", __version__]
    contents = run(["dpkg-deb", "--contents", str(deb)]).stdout
    for path in (
        "./opt/khabar/khabar",
        "./usr/bin/khabar",
        f"./usr/share/applications/{APP_ID}.desktop",
        f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
        f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
    ):
        assert path in contents

    run(["apt-get", "install", "-y", str(deb)])
    try:
        version = run(["/usr/bin/khabar", "--version"], cwd=tmp_path).stdout
        assert version.strip() == f"khabar {__version__}"
        selftest = run(["/usr/bin/khabar", "--selftest"], cwd=tmp_path).stdout
        assert "(bundled;" in selftest
        assert "in /opt/khabar/_internal/reader/resources" in selftest
        assert selftest.splitlines()[-1] == "selftest passed: 7 checks."
    finally:
        run(["apt-get", "remove", "-y", "khabar"])
    assert not Path("/opt/khabar").exists()
    assert not Path("/usr/bin/khabar").exists()
    assert not Path(f"/usr/share/applications/{APP_ID}.desktop").exists()
