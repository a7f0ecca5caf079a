"""The ``khabar`` command: the window by default, headless subcommands for scripts and tests.

Exit status: 0 on success, 1 with one clear line on a user error (any
``ReaderError``), 2 on bad usage (argparse's own). ``--json`` makes every
command that prints data print JSON instead. The library is opened only by
the subcommand that needs it; Qt is never imported here.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from reader import __version__
from reader import cli_output as output
from reader.errors import ReaderError
from reader.types import BodyOrigin, View

if TYPE_CHECKING:
    from reader.library import Library

Handler = Callable[["Library", argparse.Namespace], None]


# --- commands ---------------------------------------------------------------


# The library, the sync and their dependencies are imported when a command
# needs them: ``khabar --help`` stays quick, and so does every worker process
# of a sync, which imports the program's main module again.


def _add(lib: Library, args: argparse.Namespace) -> None:
    from reader import cli_sync  # noqa: PLC0415

    source, found = cli_sync.subscribe(lib, args)
    if not args.json:
        print(cli_sync.added_sentence(source, found))
        return
    data = output.source_json(source, 0)
    if found is not None:
        data.update(kind=found.kind, items=found.items, found_on=found.via_page)
        data["other_feeds"] = list(found.others)
    output.print_json(data, sys.stdout)


def _import_opml(lib: Library, args: argparse.Namespace) -> None:
    data = _read_input(args.file)
    added, existing = lib.import_opml(data)
    if args.json:
        output.print_json({"added": added, "existing": existing}, sys.stdout)
    else:
        print(f"Imported {added} new sources ({existing} were already there).")


def _export_opml(lib: Library, args: argparse.Namespace) -> None:
    data = lib.export_opml()
    if args.file == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(args.file)
    temporary = target.with_name(target.name + ".part")
    try:
        temporary.write_bytes(data)
        temporary.replace(target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ReaderError(f"Could not write {target}: {exc.strerror or exc}.") from exc
    print(f"Exported {len(lib.sources())} sources to {target}.")


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise ReaderError(f"Could not read {name}: {exc.strerror or exc}.") from exc


def _sources(lib: Library, args: argparse.Namespace) -> None:
    counts = lib.unread_counts().by_source
    sources = lib.sources()
    if args.json:
        output.print_json([output.source_json(s, counts.get(s.id, 0)) for s in sources], sys.stdout)
        return
    names = {c.id: c.name for c in lib.categories()}
    for s in sources:
        error = f"  ! {s.last_error}" if s.last_error else ""
        category = names.get(s.category_id, "-") if s.category_id else "-"
        unread = counts.get(s.id, 0)
        print(f"{s.id:>5}  {s.title}  [{category}]  {unread} unread  {s.url}{error}")
    if not sources:
        print("No sources yet: add one with “khabar add URL”.")


def _categories(lib: Library, args: argparse.Namespace) -> None:
    counts = lib.unread_counts().by_category
    categories = lib.categories()
    if args.json:
        output.print_json(
            [
                {"id": c.id, "name": c.name, "name_en": c.name_en, "unread": counts.get(c.id, 0)}
                for c in categories
            ],
            sys.stdout,
        )
        return
    for c in categories:
        english = f"  ({c.name_en})" if c.name_en else ""
        print(f"{c.id:>5}  {c.name}{english}  {counts.get(c.id, 0)} unread")


def _list(lib: Library, args: argparse.Namespace) -> None:
    category_id = lib.find_category(args.category).id if args.category else None
    if args.source is not None:
        lib.source(args.source)  # a clear error for an unknown source
    page = lib.articles(
        View(args.view), category_id=category_id, source_id=args.source, limit=args.limit
    )
    if args.json:
        output.print_json([output.summary_json(item) for item in page.items], sys.stdout)
        return
    for item in page.items:
        print(output.article_line(item))
    if not page.items:
        print("No articles here.")


def _show(lib: Library, args: argparse.Namespace) -> None:
    article = lib.article(args.id)
    if args.json:
        output.print_json(output.article_json(article), sys.stdout)
        return
    print(article.title)
    print(f"{article.source_title} · {output.when(article.published)}")
    if article.categories:
        print(" · ".join(article.categories))
    if article.url:
        print(article.url)
    if article.body_origin is BodyOrigin.FEED_KEPT:
        print("(The article's page gave less text than the feed, so the feed's text is shown.)")
    print()
    print(article.text or article.lead)


def _search(lib: Library, args: argparse.Namespace) -> None:
    category_id = lib.find_category(args.category).id if args.category else None
    if args.source is not None:
        lib.source(args.source)  # a clear error for an unknown source
    results = lib.search(
        args.query,
        limit=args.limit,
        category_id=category_id,
        source_id=args.source,
        bookmarked=args.bookmarked,
    )
    if args.json:
        output.print_json([output.search_json(r) for r in results], sys.stdout)
        return
    tty = sys.stdout.isatty()
    for result in results:
        print(output.article_line(result.article))
        print(f"          {output.marked(result.snippet, tty)}")
    if not results:
        print("Nothing found.")


def _bookmark(lib: Library, args: argparse.Namespace) -> None:
    article = lib.set_bookmarked(args.id, args.command == "bookmark")
    if args.json:
        output.print_json(output.summary_json(article), sys.stdout)
    else:
        state = "Bookmarked" if article.is_bookmarked else "Removed the bookmark of"
        print(f"{state} article {article.id}: {article.title}")


def _mark(lib: Library, args: argparse.Namespace) -> None:
    read = args.command == "mark-read"
    if args.all and args.ids:
        raise ReaderError("Give article ids or --all, not both.")
    if args.all:
        changed = lib.mark_view_read(read=read)
    elif args.ids:
        changed = lib.mark_read(args.ids, read=read)
    else:
        raise ReaderError("Name the articles to mark (their ids), or use --all.")
    if args.json:
        output.print_json({"changed": changed}, sys.stdout)
    else:
        print(f"Marked {changed} articles {'read' if read else 'unread'}.")


def _stats(lib: Library, args: argparse.Namespace) -> None:
    stats = lib.stats()
    data = {
        "articles": stats.articles,
        "unread": stats.unread,
        "bookmarked": stats.bookmarked,
        "sources": stats.sources,
        "categories": stats.categories,
        "images": stats.assets,
        "image_bytes": stats.asset_bytes,
        "database_bytes": stats.database_bytes,
        "oldest": output.iso(stats.oldest),
        "newest": output.iso(stats.newest),
        "library": str(lib.path),
    }
    if args.json:
        output.print_json(data, sys.stdout)
        return
    print(f"Library:    {lib.path}")
    print(f"Articles:   {stats.articles} ({stats.unread} unread, {stats.bookmarked} bookmarked)")
    print(f"Sources:    {stats.sources} in {stats.categories} categories")
    print(f"Images:     {stats.assets} ({stats.asset_bytes / 1e6:.1f} MB)")
    print(f"Database:   {stats.database_bytes / 1e6:.1f} MB")
    if stats.oldest:
        print(f"Published:  {output.when(stats.oldest)} to {output.when(stats.newest)}")


# --- parser -----------------------------------------------------------------


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _program_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"khabar {__version__}")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check that this installation works (a temporary library, no network, no screen)"
        " and exit",
    )
    parser.add_argument(
        "--error-format",
        choices=["text", "json"],
        default="text",
        help="how a failure is told on stderr: a sentence, or one JSON object for programs"
        " (the window: the sentence, its template and values)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``khabar``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the data folder (default: $KHABAR_DATA_DIR or the platform's data folder)",
    )
    printing = argparse.ArgumentParser(add_help=False)
    printing.add_argument("--json", action="store_true", help="print JSON")

    parser = argparse.ArgumentParser(
        prog="khabar",
        description="Khabar (خبر): an offline news reader, Arabic first.",
        parents=[common],
    )
    _program_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Handler | None, help_text: str, prints: bool = True) -> Any:
        parents = [common, printing] if prints else [common]
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=parents)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("add", _add, "subscribe to a news source: a feed, or any page of a site")
    sub.add_argument("url", help="the feed's address, or a page of the site to find it on")
    sub.add_argument("--category", metavar="NAME", help="put it in this category")
    sub.add_argument("--title", help="the name to show for it")
    sub.add_argument(
        "--no-check", action="store_true", help="add the address as it is, without fetching it"
    )

    sub = command("sync", None, "fetch new articles, pages and images")  # see _sync
    sub.add_argument("--source", metavar="ID", type=int, action="append", help="only this source")
    sub.add_argument(
        "--jobs", metavar="N", type=_positive, help="worker processes (default: cores)"
    )
    sub.add_argument(
        "--feed-only", action="store_true", help="store what feeds carry; fetch no pages or images"
    )
    sub.add_argument(
        "--no-images", action="store_true", help="fetch pages but save no images (placeholders)"
    )
    sub.add_argument(
        "--low-priority",
        action="store_true",
        help="yield the processor to other programs (the window syncs this way)",
    )
    sub.add_argument(
        "--progress", choices=["jsonl"], help="print each event as a line of JSON (for the window)"
    )

    sub = command("import-opml", _import_opml, "add the sources of an OPML file")
    sub.add_argument("file", help="the OPML file (- for standard input)")
    sub = command("export-opml", _export_opml, "write every source to an OPML file", prints=False)
    sub.add_argument("file", help="the OPML file to write (- for standard output)")

    command("sources", _sources, "list the sources")
    command("categories", _categories, "list the categories")

    sub = command("list", _list, "list articles, newest first")
    sub.add_argument("--view", choices=[v.value for v in View], default=View.ALL.value)
    sub.add_argument("--category", metavar="NAME")
    sub.add_argument("--source", metavar="ID", type=int)
    sub.add_argument("--limit", metavar="N", type=_positive, default=50)

    sub = command("show", _show, "print an article")
    sub.add_argument("id", type=int)

    sub = command("search", _search, "search the articles")
    sub.add_argument("query", help='words, "a phrase", word*, -excluded')
    sub.add_argument("--limit", metavar="N", type=_positive, default=20)
    sub.add_argument("--category", metavar="NAME")
    sub.add_argument("--source", metavar="ID", type=int)
    sub.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")

    for name, text in (("bookmark", "bookmark an article"), ("unbookmark", "remove a bookmark")):
        sub = command(name, _bookmark, text)
        sub.add_argument("id", type=int)
    for name, text in (
        ("mark-read", "mark articles read"),
        ("mark-unread", "mark articles unread"),
    ):
        sub = command(name, _mark, text)
        sub.add_argument("ids", metavar="ID", type=int, nargs="*")
        sub.add_argument("--all", action="store_true", help="every article")

    command("stats", _stats, "show counts and sizes")
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def _sync(data_dir: str | None, args: argparse.Namespace) -> None:
    """``khabar sync``, over a ``SyncLedger`` of the library: this process needs no SQLAlchemy."""
    from reader.sync.workers import WorkerPool  # noqa: PLC0415

    if args.low_priority:
        _lower_priority()  # before the workers start: they inherit it
    # Started first, the sync's worker processes come up while this one
    # imports the sync and opens the library, and so do the TLS settings.
    workers = WorkerPool(args.jobs)
    threading.Thread(target=_prepare_tls, name="khabar-tls", daemon=True).start()
    try:
        from reader import cli_sync  # noqa: PLC0415
        from reader.library.ledger import SyncLedger  # noqa: PLC0415

        with SyncLedger.open(data_dir) as ledger:
            cli_sync.sync_command(ledger, args, workers)
    finally:
        workers.shutdown()


def _prepare_tls() -> None:
    from reader.sync.fetcher import tls_context  # noqa: PLC0415

    tls_context()


def _no_display() -> bool:
    """Whether this is a Linux session without X or Wayland (Qt would abort there)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _lower_priority() -> None:
    """Run this process (and the workers it starts) below normal priority, where the OS allows."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)
    elif sys.platform == "win32":
        import ctypes  # noqa: PLC0415

        below_normal = 0x4000
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)


def _open_library(data_dir: str | None) -> Library:
    from reader.library import Library  # noqa: PLC0415

    return Library.open(data_dir)


def _qt_program(selftest: bool, data_dir: str | None) -> int:
    """``khabar --selftest``, or ``khabar`` alone: the window. Only these import Qt."""
    if selftest:
        from reader.ui.selftest import run_selftest  # noqa: PLC0415

        return run_selftest()
    if _no_display():
        print(
            "khabar: there is no display to show the window on; the subcommands work"
            " without one (khabar --help lists them).",
            file=sys.stderr,
        )
        return 1
    from reader.ui.app import run_window  # noqa: PLC0415

    return run_window(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``khabar``; return its exit status."""
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = getattr(args, "data_dir", None)
    if data_dir is not None and not data_dir.strip():
        parser.error("--data-dir needs a folder name")
    if args.selftest or args.command is None:
        return _qt_program(args.selftest, data_dir)
    try:
        if args.command == "sync":
            _sync(data_dir, args)
        else:
            with _open_library(data_dir) as lib:
                args.handler(lib, args)
    except ReaderError as exc:
        print(output.failure_line(exc, args.error_format == "json"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Every write is one transaction: what was stored before the interrupt stays.
        print("khabar: interrupted; everything stored until now is kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away: nothing to say
        return 0
    return 0


def run() -> NoReturn:
    """The ``khabar`` program: ``main``, then an exit that skips tearing Python down.

    Everything is written and closed when ``main`` returns; freeing every
    module's objects one by one would only add a fifth of a second to each
    command (SQLAlchemy makes many), a sync started by the window included.
    """
    status = main()
    for stream in (sys.stdout, sys.stderr):
        # None in a program with no console (the bundle's window on Windows).
        with contextlib.suppress(OSError, ValueError, AttributeError):  # a closed pipe too
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
