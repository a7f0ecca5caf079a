"""The Linux packages: the bundle, its .tar.gz and the .deb are built whole, and they work.

The first test (in the suite) builds all three with ``packaging/build.py``,
checks what each holds and runs the bundle's ``khabar --version`` and
``khabar --selftest``. The second, marked ``package``, installs the ``.deb``
with apt-get (as root), runs the installed ``/usr/bin/khabar`` and removes it:
it changes the machine, so the suite leaves it out and ``make package-test``
runs it.
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
BUNDLE = ROOT / "build" / "dist" / "khabar"
PACKAGES = ROOT / "build" / "packages"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
        reason="the Linux packages are built on Linux, with dpkg-deb",
    ),
]


def run(command: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, timeout=1200, check=False
    )
    assert ran.returncode == 0, f"{command}\n{ran.stdout[-3000:]}\n{ran.stderr[-3000:]}"
    return ran


@pytest.fixture(scope="module")
def deb() -> Path:
    """Build the bundle, the .tar.gz and the .deb once for this module; the .deb's path."""
    pytest.importorskip("PyInstaller")
    run([sys.executable, str(ROOT / "packaging" / "build.py"), "all"])
    return PACKAGES / f"khabar_{__version__}_amd64.deb"


def test_the_packages_are_whole_and_the_bundle_works(deb: Path, tmp_path: Path) -> None:
    tarball = next(PACKAGES.glob(f"khabar-{__version__}-linux-*.tar.gz"))
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert any(n.endswith("/khabar") and n.count("/") == 1 for n in names)
    assert any(n.endswith(f"share/applications/{APP_ID}.desktop") for n in names)
    assert any(n.endswith(f"share/metainfo/{APP_ID}.metainfo.xml") for n in names)

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
    # No Qt module the app does not use, and no Python module of the tests.
    bundled = {p.name for p in (BUNDLE / "_internal" / "PySide6").glob("Qt*.so")}
    assert bundled == {f"Qt{m}.abi3.so" for m in ("Core", "Gui", "Widgets", "Network")}

    version = run([str(BUNDLE / "khabar"), "--version"], cwd=tmp_path).stdout
    assert version.strip() == f"khabar {__version__}"
    selftest = run([str(BUNDLE / "khabar"), "--selftest"], cwd=tmp_path).stdout
    assert "(bundled;" in selftest
    assert selftest.splitlines()[-1] == "selftest passed: 7 checks.", selftest


@pytest.mark.package
@pytest.mark.skipif(
    shutil.which("apt-get") is None or os.geteuid() != 0, reason="needs apt-get and root"
)
def test_the_deb_installs_runs_and_removes_cleanly(deb: Path, tmp_path: Path) -> None:
    run(["apt-get", "install", "-y", str(deb)])
    try:
        version = run(["/usr/bin/khabar", "--version"], cwd=tmp_path).stdout
        assert version.strip() == f"khabar {__version__}"
        selftest = run(["/usr/bin/khabar", "--selftest"], cwd=tmp_path).stdout
        assert "in /opt/khabar/_internal/reader/resources" in selftest
        assert selftest.splitlines()[-1] == "selftest passed: 7 checks.", selftest
    finally:
        run(["apt-get", "remove", "-y", "khabar"])
    assert not Path("/opt/khabar").exists()
    assert not Path("/usr/bin/khabar").exists()
    assert not Path(f"/usr/share/applications/{APP_ID}.desktop").exists()
