"""A benchmark of the Linux packages: their sizes, and the installed app's first paint.

    python tests/benchmarks/bench_package.py --articles 100000 [--keep DIR]

Run it after ``make package-test`` or ``python packaging/build.py all`` (it
measures the files in ``build/``; it builds nothing). It prints:

``bundle_mb``
    the unpacked size of the one-folder bundle (``build/dist/khabar``);
``deb_mb``
    the size of ``build/packages/khabar_VERSION_ARCH.deb``;
``first_paint_ms``
    the packaged app's time from its process start to the window shown with
    the first page of the article list filled, on an N-article library (the
    median of 3 runs after a warm-up). The app installed from the ``.deb``
    (``/opt/khabar/khabar``) when it is installed, else the same bundle in
    ``build/dist``;
``source_first_paint_ms``
    the same figure for ``python -m reader`` from this checkout, and
    ``ratio``, the first over the second (target: at most 1.3).

Both are measured as ``bench_ui.py`` measures its first paint: the app
reports it itself (``KHABAR_FIRST_PAINT_PROBE``), on the offscreen platform
when there is no display. Where the packages are and their sizes come from
``packaging/build.py``. The library is built as
``bench_ui.py`` builds it; ``--keep DIR`` keeps it for the next run. The last
line is one JSON object with these figures. Linux only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import bench_sync
import bench_ui

ROOT = Path(__file__).resolve().parents[2]
INSTALLED = Path("/opt/khabar/khabar")
TARGETS = {"bundle_mb": 200.0, "deb_mb": 60.0, "ratio": 1.3}


def packaging_build() -> ModuleType:
    """``packaging/build.py``, which knows where the packages are and how to size them."""
    spec = importlib.util.spec_from_file_location("khabar_build", ROOT / "packaging" / "build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Measure; return the figures."""
    build = packaging_build()
    bundle, deb = build.DIST / "khabar", build.deb_file()
    if not bundle.is_dir() or not deb.is_file():
        raise bench_ui.BenchError(
            f"no bundle in {bundle} or no {deb.name}: run `python packaging/build.py all` first"
        )
    figures: dict[str, Any] = {"bundle_mb": build.size_mb(bundle), "deb_mb": build.size_mb(deb)}
    print(f"Bundle {bundle}: {figures['bundle_mb']:.1f} MB unpacked; {deb.name}:"
          f" {figures['deb_mb']:.1f} MB", flush=True)  # fmt: skip
    folder = bench_ui.library_folder(args.keep, work, args.articles, args.seed)
    bench_ui.prepare_library(folder, args.articles, args.seed)
    packaged = INSTALLED if INSTALLED.is_file() else bundle / "khabar"
    figures["packaged"] = str(packaged)
    print(f"First paint at {args.articles:,} articles", flush=True)
    figures["first_paint_ms"] = bench_ui.measure_first_paint(folder, [str(packaged)], "packaged")[
        "first_paint_ms"
    ]
    figures["source_first_paint_ms"] = bench_ui.measure_first_paint(folder, label="source")[
        "first_paint_ms"
    ]
    figures["ratio"] = figures["first_paint_ms"] / figures["source_first_paint_ms"]
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the last line printed is its JSON summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the library")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the library in DIR; reuse")
    parser.add_argument("--seed", type=int, default=1, help="seed of the library's text")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("bench_package: Linux only", file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory(prefix="khabar-bench-package-") as work:
            figures = run(args, Path(work))
    except bench_ui.BenchError as error:
        print(f"bench_package: {error}", file=sys.stderr)
        return 1
    for key, target in TARGETS.items():
        mark = "met" if figures[key] <= target else "MISSED"
        print(f"  {key}: {figures[key]:.2f} (target ≤ {target}) {mark}")
    print(json.dumps(bench_sync.rounded(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
