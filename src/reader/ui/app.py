"""Starting the window: the application object, one window per library, language and theme.

``run_window`` is what ``khabar`` with no subcommand runs. A second launch on
the same data folder finds the first through a local socket and asks it to
come to the front, instead of opening the library twice.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from reader import __version__, paths
from reader.errors import ReaderError
from reader.ui import first_paint
from reader.ui.assets import load_fonts
from reader.ui.core_messages import say_error
from reader.ui.i18n import choose_language, install_language
from reader.ui.settings import load_settings
from reader.ui.theme import apply_theme

_RAISE = b"raise\n"


def instance_name(data_dir: Path) -> str:
    """The local socket name of the window that has ``data_dir`` open (per user and folder)."""
    folder = str(data_dir.resolve()).encode("utf-8", "surrogatepass")
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    return f"khabar-{user}-{hashlib.sha256(folder).hexdigest()[:16]}"


def ask_running_window(name: str, timeout_ms: int = 500) -> bool:
    """Ask a window already running on this library to come to the front; False if none."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(QByteArray(_RAISE))
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QLocalServer):
    """Listens for later launches and brings the window to the front when one knocks."""

    def __init__(self, name: str, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        QLocalServer.removeServer(name)  # a window that crashed left its socket file behind
        self.listen(name)
        self.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        socket = self.nextPendingConnection()
        socket.readyRead.connect(lambda: self._on_message(socket))
        socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_RAISE.strip()):
            bring_to_front(self._window)


def bring_to_front(window: QMainWindow) -> None:
    """Show the window above the others, restored if it was minimized."""
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.show()
    window.raise_()
    window.activateWindow()


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named for the desktop (one per process)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName("khabar")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("Khabar")
    # The desktop entry's name (packaging/linux): Wayland shows its icon and name for the window.
    app.setDesktopFileName(paths.APP_ID)
    return app


def run_window(data_dir: str | None = None) -> int:
    """Open the window on the library in ``data_dir`` (the default one when None)."""
    app = make_application()
    folder = paths.data_dir(data_dir)
    name = instance_name(folder)
    if ask_running_window(name):
        return 0
    # Imported after the check above: a second launch only brings the window forward,
    # and the library (SQLAlchemy) and the window are most of a start's imports.
    from reader.library import Library  # noqa: PLC0415
    from reader.ui.window import MainWindow  # noqa: PLC0415

    # The settings sit beside the library: even a library that cannot open is said
    # in the language the window would have spoken.
    settings = load_settings(folder)
    language = choose_language(settings.language)
    translators = install_language(app, language)
    try:
        library = Library.open(str(folder))
    except ReaderError as exc:
        QMessageBox.critical(None, "Khabar", say_error(exc))
        return 1
    fonts = load_fonts()
    if language == "ar" and fonts.interface:
        app.setFont(QFont([fonts.interface, app.font().family()], app.font().pointSize()))
    apply_theme(app, settings.theme)
    window = MainWindow(library, settings, language)
    if first_paint.wanted():
        probe = first_paint.FirstPaint(app)  # noqa: F841 - lives as long as the application
    server = InstanceServer(name, window)
    window.show()
    window.start()
    try:
        return app.exec()
    finally:
        del server, translators
        library.close()
