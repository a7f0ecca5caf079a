"""The Arabic and English catalogues are complete and match the interface's strings."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from reader.errors import CategoryNotFoundError, ParseError
from reader.library import Library
from reader.library.opml import parse_opml
from reader.paths import resource
from reader.ui.core_messages import say_error
from reader.ui.i18n import _lrelease, compiled_catalogue
from reader.ui.reltime import relative_time
from reader.ui.tasks import Task

UI = Path(__file__).resolve().parents[2] / "src" / "reader" / "ui"


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
        if (message.find("translation") is None)
        or message.find("translation").get("type") != "vanished"  # type: ignore[union-attr]
    }


@pytest.mark.parametrize("language", ["ar", "en"])
def test_catalogue_is_complete(language: str) -> None:
    messages = _messages(resource("translations", f"khabar_{language}.ts"))
    assert messages
    unfinished = [
        source
        for (_context, source), message in messages.items()
        if (translation := message.find("translation")) is not None
        and (
            translation.get("type") == "unfinished"
            or not ("".join(translation.itertext()).strip() or message.get("numerus") == "yes")
        )
    ]
    assert unfinished == []
    for message in messages.values():
        if message.get("numerus") == "yes":
            forms = [f.text or "" for f in message.iter("numerusform")]
            assert forms, message.findtext("source")
            assert all(forms), message.findtext("source")


def test_catalogues_hold_every_string_of_the_interface(tmp_path: Path) -> None:
    lupdate = _lrelease()
    assert lupdate is not None
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [
            str(lupdate.with_name("lupdate")),
            "-silent",
            *map(str, sorted(UI.glob("*.py"))),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    wanted = set(_messages(fresh))
    for language in ("ar", "en"):
        have = set(_messages(resource("translations", f"khabar_{language}.ts")))
        assert wanted - have == set(), language


def test_arabic_catalogue_translates(arabic: None) -> None:
    assert compiled_catalogue("ar") is not None
    assert QCoreApplication.translate("MainWindow", "Khabar") == "خبر"
    assert relative_time(datetime.now(UTC) - timedelta(hours=3)) == "منذ ٣ ساعات"


def test_the_library_and_opml_errors_are_said_in_arabic(arabic: None, tmp_path: Path) -> None:
    with pytest.raises(ParseError) as not_opml:
        parse_opml(b"<rss><channel/></rss>")
    with Library(tmp_path) as library, pytest.raises(CategoryNotFoundError) as missing:
        library.find_category("فنون")
    # The message stays English for the command line; the window says it in Arabic.
    english = "This is not an OPML file: it starts with <rss> instead of <opml>."
    assert str(not_opml.value) == english
    assert say_error(not_opml.value) == "هذا ليس ملف OPML: يبدأ بـ <rss> بدل <opml>."
    assert str(missing.value) == "There is no category called “فنون”."
    assert say_error(missing.value) == "لا يوجد قسم باسم «فنون»."


def test_a_background_task_says_its_error_in_arabic(arabic: None, qtbot: QtBot) -> None:
    task = Task(lambda: parse_opml(b"  "))
    with qtbot.waitSignal(task.failed) as failed:
        task.start()
    assert failed.args == ["ملف OPML فارغ."]


def test_every_sentence_the_core_makes_can_be_translated() -> None:
    import importlib
    import pkgutil
    import re

    import reader
    from reader.errors import TEMPLATES
    from reader.ui.core_messages import TEMPLATES as LISTED

    for module in pkgutil.walk_packages(reader.__path__, "reader."):  # each registers its own
        if not module.name.startswith(("reader.ui", "reader.resources", "reader.__main__")):
            importlib.import_module(module.name)
    assert set(TEMPLATES) == set(LISTED)
    fields = re.compile(r"\{[^}]*\}")
    messages = _messages(resource("translations", "khabar_ar.ts"))
    for template in TEMPLATES:
        translation = messages[("CoreMessages", template)].findtext("translation") or ""
        assert sorted(fields.findall(translation)) == sorted(fields.findall(template)), template
