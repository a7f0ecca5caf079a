"""``khabar --selftest``: check that an installed Khabar works, with no network and no screen.

Every package is checked with it (the wheel, the bundle, the ``.deb``): it
finds the files Khabar ships, opens a temporary library, stores the welcome
articles, searches them in Arabic, syncs a feed served on 127.0.0.1 through a
child ``khabar sync`` (the same program, as the window runs it, with its
worker processes), extracts an article page, loads the Arabic catalogue and
renders an article in the article view offscreen. It prints a line per check
and returns 0 when all passed, 1 otherwise. Nothing outside a temporary
folder is touched.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO

from reader import __version__
from reader.firstrun import store_welcome
from reader.library import Library
from reader.paths import resource
from reader.types import Direction
from reader.ui.assets import FONT_FILES
from reader.ui.settings import LANGUAGES

# A word of the welcome articles, spelled as a reader might type it: without
# the hamza and with the article ال, which the search must see past.
ARABIC_QUERY = "الاخبار"
FONTS = (*FONT_FILES, "OFL.txt")

# A small feed of our own, served on 127.0.0.1 to the child sync.
_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>فحص خبر</title><link>http://127.0.0.1/</link>
<item><title>الخبر الأول</title><guid>selftest-1</guid>
<link>http://127.0.0.1/selftest/1</link><pubDate>Sun, 29 Nov 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;فقرة أولى من خبر الفحص.&lt;/p&gt;</description></item>
<item><title>Second item</title><guid>selftest-2</guid>
<link>http://127.0.0.1/selftest/2</link><pubDate>Sun, 29 Nov 2026 07:00:00 +0000</pubDate>
<description>&lt;p&gt;An English paragraph.&lt;/p&gt;</description></item>
</channel></rss>
""".encode()

_PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>مقالة الفحص</title></head><body>
<nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a></nav>
<article><h1>مقالة الفحص</h1>
<p>هذه الفقرة الأولى من مقالة كتبناها لفحص استخراج النص من صفحات المواقع الإخبارية.</p>
<p>وهذه فقرة ثانية تكفي ليعرف المستخرج أن في الصفحة مقالة تستحق القراءة كاملة.</p>
<p>والفقرة الثالثة تختم المقالة بجملة أخرى طويلة بما يكفي لتبقى في النص المستخرج.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>
""".encode()


class CheckFailed(Exception):
    """A check found something wrong; the message says what."""


@dataclass
class _State:
    folder: Path
    library: Library | None = None


Check = Callable[[_State], str]


def run_selftest(out: TextIO | None = None) -> int:
    """Run every check, printing a line for each; 0 when all passed."""
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    frozen = "bundled" if getattr(sys, "frozen", False) else "from Python packages"
    print(
        f"Khabar {__version__} selftest ({frozen}; Python {platform.python_version()},"
        f" {platform.system()} {platform.machine()})",
        file=out,
    )
    checks: list[tuple[str, Check]] = [
        ("shipped files", _shipped_files),
        ("library", _library),
        ("Arabic search", _arabic_search),
        ("sync in a child process", _child_sync),
        ("article extraction", _extraction),
        ("translations", _translations),
        ("article view", _article_view),
    ]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="khabar-selftest-") as tmp:
        state = _State(Path(tmp))
        try:
            for name, check in checks:
                try:
                    said = check(state)
                except Exception as exc:  # every failure is reported, then the rest run
                    failed += 1
                    print(f"FAIL {name}: {exc or type(exc).__name__}", file=out)
                else:
                    print(f"ok   {name}: {said}", file=out)
        finally:
            if state.library is not None:
                state.library.close()
    if failed:
        print(f"selftest failed: {failed} of {len(checks)} checks.", file=out)
        return 1
    print(f"selftest passed: {len(checks)} checks.", file=out)
    return 0


def _shipped_files(_state: _State) -> str:
    missing = [
        name
        for name in (
            *(f"fonts/{font}" for font in FONTS),
            "default_sources.opml",
            "welcome.xml",
        )
        if not resource(*name.split("/")).is_file()
    ]
    catalogues = [
        lang
        for lang in LANGUAGES
        if resource("translations", f"khabar_{lang}.qm").is_file()
        or resource("translations", f"khabar_{lang}.ts").is_file()
    ]
    if missing or len(catalogues) != len(LANGUAGES):
        raise CheckFailed(f"missing {', '.join(missing) or 'a catalogue'} in {resource()}")
    from reader.library.opml import parse_opml  # noqa: PLC0415

    document = parse_opml(resource("default_sources.opml").read_bytes())
    sources = sum(len(c.sources) for c in document.categories) + len(document.uncategorized)
    return f"fonts, catalogues, welcome feed and {sources} default sources in {resource()}"


def _library(state: _State) -> str:
    state.library = Library.open(str(state.folder / "library"))
    stored = store_welcome(state.library)
    if stored < 3:
        raise CheckFailed(f"only {stored} welcome articles were stored")
    return f"{stored} welcome articles stored in a new library"


def _arabic_search(state: _State) -> str:
    library = _opened(state)
    found = library.search(ARABIC_QUERY)
    if not found:
        raise CheckFailed(f"“{ARABIC_QUERY}” found nothing in the welcome articles")
    return f"“{ARABIC_QUERY}” found {len(found)} articles, first “{found[0].article.title}”"


def _child_sync(state: _State) -> str:
    library = _opened(state)
    from reader.ui.sync_progress import JsonLinesParser, summary_from_event  # noqa: PLC0415
    from reader.ui.sync_worker import sync_command  # noqa: PLC0415

    with _serving({"/feed.xml": (_FEED, "application/rss+xml")}) as base:
        source = library.add_source(f"{base}/feed.xml", title="فحص")
        # The command the window's sync runs, read as the window reads it.
        program, args = sync_command(library.data_dir, [source.id], feed_only=True)
        # The feed is on this machine: no proxy of the environment may stand in the way.
        bypass = ",".join(filter(None, ["127.0.0.1,localhost", os.environ.get("NO_PROXY")]))
        ran = subprocess.run(
            [program, *args],
            env={**os.environ, "NO_PROXY": bypass, "no_proxy": bypass},
            capture_output=True,
            timeout=120,
            check=False,
        )
    said = ran.stderr.decode("utf-8", "replace").strip()[-500:]
    if ran.returncode != 0:
        raise CheckFailed(f"exit {ran.returncode}: {said}")
    parser = JsonLinesParser()
    events = parser.feed(ran.stdout) + parser.finish()
    finished = [summary_from_event(e) for e in events if e["event"] == "finished"]
    if not finished or finished[0].failed or finished[0].new != 2:
        raise CheckFailed(f"expected 2 new articles and no failure, got {events[-1:]} {said}")
    name = Path(program).name
    return f"a child `khabar sync` ({name}) stored {finished[0].new} articles from {base}"


def _extraction(_state: _State) -> str:
    from reader.sync.extract import extract_page  # noqa: PLC0415

    page = extract_page(_PAGE, "http://127.0.0.1/selftest/page")
    if "الفقرة الثالثة" not in page.body_html or "الحقوق" in page.body_html:
        raise CheckFailed("the article's text was not extracted cleanly")
    return f"{page.body_html.count('<p')} paragraphs of “{page.title}”"


def _translations(state: _State) -> str:
    from PySide6.QtCore import QTranslator  # noqa: PLC0415

    from reader.ui.app import make_application  # noqa: PLC0415
    from reader.ui.i18n import compiled_catalogue  # noqa: PLC0415

    app = make_application()
    compiled = compiled_catalogue("ar", cache=state.folder / "translations")
    translator = QTranslator(app)
    if compiled is None or not translator.load(str(compiled)):
        raise CheckFailed("the Arabic catalogue could not be loaded")
    said = translator.translate("Sidebar", "Bookmarks")
    if not said or said == "Bookmarks":
        raise CheckFailed(f"{compiled.name} does not translate “Bookmarks”")
    return f"{compiled.name}: “Bookmarks” is “{said}”"


def _article_view(state: _State) -> str:
    from PySide6.QtCore import Qt  # noqa: PLC0415

    from reader.ui.app import make_application  # noqa: PLC0415
    from reader.ui.article_view import ArticleView  # noqa: PLC0415
    from reader.ui.assets import load_fonts  # noqa: PLC0415

    library = _opened(state)
    make_application()
    fonts = load_fonts()
    if not fonts.reading:
        raise CheckFailed("the bundled Arabic reading face did not load")
    found = (
        s.article for s in library.search(ARABIC_QUERY) if s.article.direction == Direction.RTL
    )
    arabic = next(found, None)
    if arabic is None:
        raise CheckFailed("no Arabic article to show")
    view = ArticleView(library.cache_dir)
    view.resize(700, 500)
    view.set_reading_font(fonts.reading, 14)
    view.show_article(library.article(arabic.id))
    block = view.document().begin()
    paragraphs = 0
    while block.isValid():
        text = block.text().strip()
        if text and "\u0600" <= text[0] <= "\u06ff":
            direction = block.blockFormat().layoutDirection()
            if direction != Qt.LayoutDirection.RightToLeft:
                raise CheckFailed(f"an Arabic paragraph is laid out {direction.name}")
            paragraphs += 1
        block = block.next()
    image = view.grab().toImage()
    if paragraphs == 0 or image.isNull():
        raise CheckFailed("the article was not rendered")
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 200, 7)}
    if len(colours) < 3:
        raise CheckFailed("the rendered article is blank")
    view.deleteLater()
    return f"“{arabic.title}”: {paragraphs} Arabic paragraphs right to left, in {fonts.reading}"


def _opened(state: _State) -> Library:
    if state.library is None:
        raise CheckFailed("needs the library check, which failed")
    return state.library


@contextmanager
def _serving(files: dict[str, tuple[bytes, str]]) -> Iterator[str]:
    """Serve ``files`` (path → body and type) on 127.0.0.1; yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, kind = files.get(self.path, (b"", ""))
            self.send_response(200 if kind else 404)
            self.send_header("Content-Type", kind or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the selftest prints its own lines

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
