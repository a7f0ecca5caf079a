"""The house rules that code can check: the core has no Qt, and SQL stays in the library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "reader"


def printed_by(code: str) -> str:
    """What ``code`` prints in a fresh interpreter, stripped: which modules it loaded, say."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip()


def test_core_imports_no_qt() -> None:
    code = (
        "import sys, reader.library, reader.sync, reader.cli;"
        "from reader.library import Library;"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'));"
        "print(','.join(loaded))"
    )
    assert printed_by(code) == ""


def test_the_sync_process_leaves_parsing_to_its_workers() -> None:
    # What `khabar sync` imports itself: the parsers, the sanitizer and the
    # extractor load in the workers only, so that the downloads start sooner.
    code = (
        "import sys, reader.cli, reader.cli_sync, reader.sync.engine, reader.sync.workers;"
        "heavy = ('reader.sync.work', 'reader.sync.feeds', 'reader.sync.sanitize',"
        " 'reader.sync.extract', 'fastfeedparser', 'feedparser', 'nh3', 'trafilatura',"
        " 'platformdirs', 'reader.library.opml');"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))"
    )
    assert printed_by(code) == ""


def test_the_sync_workers_import_no_sqlalchemy() -> None:
    # The worker processes start from a fork server that imports reader.sync.work,
    # and store what they read through reader.library.writer, without SQLAlchemy.
    assert printed_by("import sys, reader.sync.work; print('sqlalchemy' in sys.modules)") == "False"


def test_a_sync_runs_without_sqlalchemy(tmp_path: Path) -> None:
    # `khabar sync` uses the library through reader.library.ledger: importing
    # SQLAlchemy took a quarter of a second of its start, before any download.
    code = (
        "import sys; from reader.cli import main;"
        f"status = main(['--data-dir', {str(tmp_path)!r}, 'sync', '--json']);"
        "print(status, 'sqlalchemy' in sys.modules)"
    )
    assert printed_by(code).splitlines()[-1] == "0 False"


def test_only_the_library_uses_sqlalchemy_and_sqlite() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        if "library" in path.relative_to(SRC).parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "sqlalchemy" in source or "import sqlite3" in source:
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_only_the_ui_imports_qt() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "ui" not in path.relative_to(SRC).parts
        and ("PySide6" in path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_package_is_in_the_wheel() -> None:
    import tomllib

    listed = set(
        tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
            "setuptools"
        ]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(SRC.parent).parts) for path in SRC.rglob("__init__.py")
    }
    assert found | {"reader.resources"} == listed


def test_every_shipped_file_is_in_the_wheel() -> None:
    import fnmatch
    import tomllib

    root = SRC.parents[1]
    setuptools = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    patterns = setuptools["package-data"]["reader.resources"]
    shipped = [
        path.relative_to(root / "resources").as_posix()
        for path in (root / "resources").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc", ".qm")
    ]
    assert shipped
    assert [f for f in shipped if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []
