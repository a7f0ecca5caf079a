"""Write the wheel sources of the Flatpak manifest: Khabar's dependencies, pinned by hash.

    pip download --only-binary=:all: --python-version 3.12 \
        --platform manylinux_2_34_x86_64 --platform manylinux_2_28_x86_64 \
        --platform manylinux_2_17_x86_64 --platform any -d WHEELS \
        DEPENDENCIES "setuptools>=69,<81" "wheel>=0.43,<1"
    python packaging/flatpak/pin_wheels.py WHEELS

(DEPENDENCIES: the ``dependencies`` of pyproject.toml, each quoted) rewrites
the part of ``io.github.khabar_reader.Khabar.yml`` between its
``# wheels:`` markers. Python 3.12 is the runtime's (org.freedesktop.Platform
24.08). The URLs are PyPI's by-name form
(``files.pythonhosted.org/packages/TAG/L/NAME/FILE``); the sha256 is what
flatpak-builder checks.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

MANIFEST = Path(__file__).with_name("io.github.khabar_reader.Khabar.yml")
BEGIN, END = "      # wheels: begin\n", "      # wheels: end\n"


def source(wheel: Path) -> str:
    name, _version, python_tag = wheel.name.split("-")[:3]
    # The tag as the wheel names it, py2.py3 included: PyPI's by-name URLs match it whole.
    url = f"https://files.pythonhosted.org/packages/{python_tag}/{name[0]}/{name}/{wheel.name}"
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    return f"      - type: file\n        url: {url}\n        sha256: {digest}\n"


def main() -> None:
    wheels = sorted(Path(sys.argv[1]).glob("*.whl"), key=lambda p: p.name.lower())
    text = MANIFEST.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN)
    _old, tail = rest.split(END)
    MANIFEST.write_text(head + BEGIN + "".join(map(source, wheels)) + END + tail, "utf-8")
    print(f"{len(wheels)} wheels pinned in {MANIFEST.name}")


if __name__ == "__main__":
    main()
