"""Running the ``khabar`` command in tests, in-process, and judging what it said."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main


@dataclass(frozen=True)
class Result:
    """How one run of ``khabar`` ended."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)


def khabar_command(data_dir: Path, *args: str) -> list[str]:
    """The command line of the real ``khabar`` on ``data_dir``, for a subprocess."""
    return [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args]


def khabar(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run ``khabar`` in-process, as the console script would, and capture what it printed."""
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as exit_:  # argparse's usage errors, --help and --version
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return Result(code, out, err)


def assert_user_error(code: int, err: str) -> str:
    """A user error: status 1 and exactly one line on stderr, ``khabar: ``, no traceback."""
    assert code == 1, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("khabar: ")
    assert len(lines[0]) > len("khabar: ") + 5
    assert "Traceback" not in err
    return lines[0]
