"""Build Khabar's packages from this checkout: the bundle, its ``.tar.gz``, the ``.deb``.

    python packaging/build.py bundle    # build/dist/khabar (PyInstaller, one folder)
    python packaging/build.py tar       # + build/packages/khabar-VERSION-linux-ARCH.tar.gz
    python packaging/build.py deb       # + build/packages/khabar_VERSION_ARCH.deb
    python packaging/build.py all       # all three (Linux)
    python packaging/build.py windows   # bundle + the Inno Setup installer (on Windows)
    python packaging/build.py macos     # Khabar.app + the .dmg (on macOS)

On Windows and macOS ``bundle`` makes the program folder (and ``Khabar.app``)
with their icon and version information; ``packaging/README.md`` says how to
make the installer and the disk image from it. The version is
``reader.__version__``, the one place it is written. Needs the project
installed with its ``package`` extra (PyInstaller); the ``.deb`` needs
``dpkg-deb``, and ``appstreamcli`` (Debian's ``appstream``) validates the
metainfo when it is there.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from reader import __version__
from reader.paths import APP_ID

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = BUILD / "dist"
DATA = BUILD / "bundle-data"  # files the spec takes: icons, the Windows version file
PACKAGES = BUILD / "packages"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# What Qt's xcb platform needs and PyInstaller leaves to the system (docs: DESIGN.md).
DEB_DEPENDS = (
    "libc6 (>= 2.31), libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0,"
    " libxkbcommon-x11-0, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0,"
    " libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xinerama0,"
    " libxcb-xkb1"
)


def version() -> str:
    """Khabar's version: ``reader.__version__``, the one place it is written."""
    return __version__


def arch() -> str:
    """The Debian name of this machine's architecture."""
    machine = platform.machine().lower()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(machine, machine)


# --- icons and version information ---------------------------------------------------


def icons() -> Path:
    """Render the SVG icon to PNGs (and .ico / .icns where they are used); return the folder."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    out = DATA / "icons"
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(PACKAGING / "icons" / "khabar.svg"))
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        if not image.save(str(out / f"{size}.png")):
            raise SystemExit(f"could not write the {size} px icon")
    if sys.platform == "win32":
        # Qt writes one image per .ico: 256 px, which Windows scales down.
        QImage(str(out / "256.png")).save(str(out / "khabar.ico"))
    if sys.platform == "darwin":
        iconset = out / "khabar.iconset"
        iconset.mkdir(exist_ok=True)
        for size in (16, 32, 128, 256, 512):
            shutil.copy(out / f"{size}.png", iconset / f"icon_{size}x{size}.png")
            if size * 2 in ICON_SIZES:
                shutil.copy(out / f"{size * 2}.png", iconset / f"icon_{size}x{size}@2x.png")
        subprocess.run(["iconutil", "-c", "icns", str(iconset)], check=True)
    return out


def windows_version_file() -> None:
    """The version resource of khabar.exe (PyInstaller's VSVersionInfo format)."""
    parts = [int(p) for p in re.findall(r"\d+", version())[:4]]
    numbers = tuple(parts + [0] * (4 - len(parts)))
    strings = {
        "CompanyName": "The Khabar developers",
        "FileDescription": "Khabar, an offline news reader",
        "FileVersion": version(),
        "InternalName": "khabar",
        "LegalCopyright": "GPL-3.0-or-later",
        "OriginalFilename": "khabar.exe",
        "ProductName": "Khabar",
        "ProductVersion": version(),
    }
    entries = ",\n            ".join(f"StringStruct('{k}', '{v}')" for k, v in strings.items())
    (DATA / "windows-version.txt").write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
            {entries}])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
""",
        encoding="utf-8",
    )


# --- the packages ----------------------------------------------------------------------


def bundle() -> Path:
    """Build the one-folder bundle with PyInstaller; return its folder."""
    DATA.mkdir(parents=True, exist_ok=True)
    icons()
    if sys.platform == "win32":
        windows_version_file()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "pyinstaller"),
            str(PACKAGING / "khabar.spec"),
        ],
        check=True,
    )
    return DIST / "khabar"


def metainfo(target: Path) -> None:
    """Write the AppStream metainfo with this version, and validate it where appstreamcli is."""
    text = (PACKAGING / "linux" / f"{APP_ID}.metainfo.xml.in").read_text(encoding="utf-8")
    day = datetime.date.today().isoformat()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace("@VERSION@", version()).replace("@DATE@", day), "utf-8")
    if shutil.which("appstreamcli"):
        subprocess.run(["appstreamcli", "validate", "--no-net", str(target)], check=True)


def desktop_files(root: Path) -> None:
    """The desktop entry, the metainfo and the hicolor icons under ``root`` (a /usr tree)."""
    share = root / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy(PACKAGING / "linux" / f"{APP_ID}.desktop", share / "applications")
    metainfo(share / "metainfo" / f"{APP_ID}.metainfo.xml")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(PACKAGING / "icons" / "khabar.svg", scalable / f"{APP_ID}.svg")
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(DATA / "icons" / f"{size}.png", folder / f"{APP_ID}.png")


def tarball_name() -> str:
    """The .tar.gz's name without its suffix, also its top folder: ``khabar-VERSION-linux-ARCH``."""
    return f"khabar-{version()}-linux-{platform.machine().lower()}"


def deb_file() -> Path:
    """Where ``deb`` writes the package: ``build/packages/khabar_VERSION_ARCH.deb``."""
    return PACKAGES / f"khabar_{version()}_{arch()}.deb"


def tarball(folder: Path) -> Path:
    """The bundle as ``khabar-VERSION-linux-ARCH.tar.gz``, with its desktop files in ``share/``."""
    PACKAGES.mkdir(parents=True, exist_ok=True)
    name = tarball_name()
    staging = BUILD / "tar" / name
    shutil.rmtree(staging.parent, ignore_errors=True)
    shutil.copytree(folder, staging, symlinks=True)
    desktop_files(staging)
    target = PACKAGES / f"{name}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(staging, arcname=name)
    return target


def deb(folder: Path) -> Path:
    """The ``.deb``: the bundle in /opt/khabar, a ``khabar`` launcher, desktop entry and icons."""
    PACKAGES.mkdir(parents=True, exist_ok=True)
    staging = BUILD / "deb"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(folder, staging / "opt" / "khabar", symlinks=True)
    launcher = staging / "usr" / "bin" / "khabar"
    launcher.parent.mkdir(parents=True)
    launcher.write_text('#!/bin/sh\nexec /opt/khabar/khabar "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    desktop_files(staging / "usr")
    doc = staging / "usr" / "share" / "doc" / "khabar"
    doc.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "fonts" / "OFL.txt", doc / "OFL-fonts.txt")
    (doc / "copyright").write_text(
        "Khabar: GPL-3.0-or-later, the Khabar developers.\n"
        "The Noto Arabic fonts: SIL Open Font License 1.1 (OFL-fonts.txt).\n"
        "Qt and PySide6: LGPL-3.0; Python: PSF-2.0; the other libraries in"
        " /opt/khabar/_internal: their own licenses.\n",
        encoding="utf-8",
    )
    size_kb = int(size_mb(staging) * 1e6) // 1024
    control = staging / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"""Package: khabar
Version: {version()}
Architecture: {arch()}
Maintainer: The Khabar developers <khabar@users.noreply.github.com>
Installed-Size: {size_kb}
Depends: {DEB_DEPENDS}
Section: net
Priority: optional
Homepage: https://github.com/khabar-reader/khabar
Description: offline news reader, Arabic first
 Khabar keeps a library of the news sources you follow: each sync brings
 whole articles and their images, so every story reads without a
 connection. It gets right-to-left text right and finds a story from any
 spelling of a word.
""",
        encoding="utf-8",
    )
    target = deb_file()
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(target)],
        check=True,
    )
    return target


def windows_installer() -> Path:
    """The Inno Setup installer of the bundle (on Windows, with Inno Setup 6.5 or newer)."""
    iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    if not Path(iscc).is_file():
        raise SystemExit(
            "ISCC.exe not found: install Inno Setup 6.5 or newer (packaging/README.md)"
        )
    script = PACKAGING / "windows" / "khabar.iss"
    subprocess.run([iscc, f"/DAppVersion={version()}", str(script)], check=True)
    return PACKAGES / f"khabar-{version()}-windows-x64-setup.exe"


def macos_disk_image() -> Path:
    """The .dmg of Khabar.app (on macOS)."""
    script = PACKAGING / "macos" / "make_dmg.sh"
    subprocess.run(["sh", str(script), version()], check=True)
    return PACKAGES / f"khabar-{version()}-macos-{platform.machine()}.dmg"


def size_mb(path: Path) -> float:
    """The size of a file, or of everything in a folder, in MB."""
    if path.is_file():
        return path.stat().st_size / 1e6
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["bundle", "tar", "deb", "all", "windows", "macos"])
    parser.add_argument(
        "--reuse-bundle", action="store_true", help="package build/dist/khabar as it is"
    )
    args = parser.parse_args(argv)
    folder = DIST / "khabar"
    if not (args.reuse_bundle and folder.is_dir()):
        folder = bundle()
    else:
        icons()
    print(f"bundle: {folder} ({size_mb(folder):.1f} MB)")
    if args.what in ("tar", "all"):
        made = tarball(folder)
        print(f"tar.gz: {made} ({size_mb(made):.1f} MB)")
    if args.what in ("deb", "all"):
        made = deb(folder)
        print(f"deb: {made} ({size_mb(made):.1f} MB)")
    if args.what == "windows":
        made = windows_installer()
        print(f"installer: {made} ({size_mb(made):.1f} MB)")
    if args.what == "macos":
        made = macos_disk_image()
        print(f"dmg: {made} ({size_mb(made):.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
