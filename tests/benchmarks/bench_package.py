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

Both starts report through ``KHABAR_FIRST_PAINT_PROBE`` (``reader.ui.first_paint``),
on the offscreen platform when there is no display. The library is built as
``bench_ui.py`` builds it; ``--keep DIR`` keeps it for the next run. The last
line is one JSON object with these figures. Linux only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import bench_sync
import bench_ui

from reader import __version__
from reader.ui.first_paint import PROBE_ENV

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "build" / "dist" / "khabar"
INSTALLED = Path("/opt/khabar/khabar")
RUNS = 3
TARGETS = {"bundle_mb": 200.0, "deb_mb": 60.0, "ratio": 1.3}


def size_mb(path: Path) -> float:
    """The size of a file, or of the files in a folder (links not followed), in MB."""
    if path.is_file():
        return path.stat().st_size / 1e6
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def first_paint(label: str, command: list[str], folder: Path) -> float:
    """The median first paint of ``command --data-dir folder``, after one warm-up start."""
    env = {**bench_ui.paint_env(), PROBE_ENV: "1"}
    times: list[float] = []
    for run in range(RUNS + 1):
        ran = bench_sync.run_command([*command, "--data-dir", str(folder)], env=env)
        report = bench_sync.last_json_object(ran.stdout)
        if ran.returncode != 0 or report is None:
            said = bench_sync.tail(ran.stderr or ran.stdout)
            raise bench_ui.BenchError(f"{label} exited with {ran.returncode}:\n{said}")
        said = "warm-up" if run == 0 else f"run {run}"
        print(
            f"  {label} {said}: {report['first_paint_ms']:.0f} ms ({report['rows']} rows,"
            f" RSS {report['rss_mb']:.0f} MB)",
            flush=True,
        )
        if run:
            times.append(report["first_paint_ms"])
    return statistics.median(times)


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Measure; return the figures."""
    deb = ROOT / "build" / "packages" / f"khabar_{__version__}_amd64.deb"
    if not BUNDLE.is_dir() or not deb.is_file():
        raise bench_ui.BenchError(
            f"no bundle in {BUNDLE} or no {deb.name}: run `python packaging/build.py all` first"
        )
    figures: dict[str, Any] = {"bundle_mb": size_mb(BUNDLE), "deb_mb": size_mb(deb)}
    print(f"Bundle {BUNDLE}: {figures['bundle_mb']:.1f} MB unpacked; {deb.name}:"
          f" {figures['deb_mb']:.1f} MB", flush=True)  # fmt: skip
    folder = bench_ui.library_folder(args.keep, work, args.articles, args.seed)
    bench_ui.prepare_library(folder, args.articles, args.seed)
    packaged = INSTALLED if INSTALLED.is_file() else BUNDLE / "khabar"
    figures["packaged"] = str(packaged)
    print(f"First paint at {args.articles:,} articles", flush=True)
    figures["first_paint_ms"] = first_paint("packaged", [str(packaged)], folder)
    figures["source_first_paint_ms"] = first_paint(
        "source", [sys.executable, "-m", "reader"], folder
    )
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
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())
