"""The library's and the sync's sentences, said in the interface's language.

The core speaks English (it has no Qt). An error it makes with
``ReaderError.say`` keeps its sentence's template and values, and the sync's
JSON lines carry them too; ``say`` finds the template's translation here and
fills it with the values. A sentence made otherwise, or a template without a
translation, stays English. Every template the core registers is listed
below, so that lupdate puts it in the catalogues;
``tests/ui/test_translations.py`` checks the list is whole.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from reader.cli_output import Told
from reader.errors import ReaderError

CONTEXT = "CoreMessages"

TEMPLATES = (
    QT_TRANSLATE_NOOP("CoreMessages", "A category needs a name."),
    QT_TRANSLATE_NOOP("CoreMessages", "A page holds at least one article."),
    QT_TRANSLATE_NOOP("CoreMessages", "A source needs a name."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "A sync of this library is running already; wait for it to end."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "An image could not be saved in the cache: {reason}."),
    QT_TRANSLATE_NOOP("CoreMessages", "Could not connect to {where}: it did not answer in time."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "Could not connect to {where}; check the address and the connection."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Downloading from {where} failed ({kind})."),
    QT_TRANSLATE_NOOP("CoreMessages", "Keep articles for at least one day."),
    QT_TRANSLATE_NOOP("CoreMessages", "Khabar cannot create its data folder {folder}: {reason}"),
    QT_TRANSLATE_NOOP("CoreMessages", "Khabar could not create {path}: {reason}."),
    QT_TRANSLATE_NOOP("CoreMessages", "Khabar could not understand this search. Try plain words."),
    QT_TRANSLATE_NOOP("CoreMessages", "Khabar failed on this source ({kind}: {error})."),
    QT_TRANSLATE_NOOP("CoreMessages", "No article text was found on the page."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses} and {more} more.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Nothing was imported because the OPML file lists feed addresses that are not http or https web addresses: {addresses}.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Say what to look for, not only what to leave out: add a word without a minus sign.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The OPML file has no <body> section, so it lists no feeds."),
    QT_TRANSLATE_NOOP("CoreMessages", "The OPML file is empty."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The OPML file is larger than 20 MB, far more than any list of feeds needs, so Khabar did not read it.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The OPML file is nested more than {depth} levels deep, which no list of feeds needs, so Khabar refused it.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The OPML file is not valid UTF-8 text: line {line} holds bytes that cannot be read.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The OPML file is not well-formed XML (on line {line}, the XML reader reports “{reason}”).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The OPML file uses XML entities or a DTD (a <!DOCTYPE> section), which Khabar refuses for safety.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The article page could not be read."),
    QT_TRANSLATE_NOOP("CoreMessages", "The article page is too large to be read."),
    QT_TRANSLATE_NOOP("CoreMessages", "The article's HTML could not be cleaned."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The disk is full: the library could not be saved. Free some space."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The library could not be used: {reason}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The library could not be written to the disk (is it full or failing?); nothing saved before was lost.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The library file is damaged and cannot be read."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The library is busy: another program is writing to it. Try again in a moment.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The library is read-only: Khabar cannot save changes to it."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The library numbered new articles unexpectedly; nothing was stored."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The library {path} cannot be put in WAL mode."),
    QT_TRANSLATE_NOOP("CoreMessages", "The page is empty or is not HTML."),
    QT_TRANSLATE_NOOP("CoreMessages", "The program reading this source crashed; it was skipped."),
    QT_TRANSLATE_NOOP("CoreMessages", "The proxy refused the request to {where}."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "The search has too many words ({count}): use at most {limit}."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "The search is too long ({length:,} characters): use at most {limit} characters.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "The server answered 304 to a request without validators."),
    QT_TRANSLATE_NOOP("CoreMessages", "The server sent an empty answer instead of a feed."),
    QT_TRANSLATE_NOOP("CoreMessages", "There is already a category called “{name}”."),
    QT_TRANSLATE_NOOP("CoreMessages", "There is no article number {number}."),
    QT_TRANSLATE_NOOP("CoreMessages", "There is no category called “{name}”."),
    QT_TRANSLATE_NOOP("CoreMessages", "There is no category number {number}."),
    QT_TRANSLATE_NOOP("CoreMessages", "There is no source number {number}."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "These articles were prepared by another version of Khabar; prepare them again.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "These words are too common to search by (such as في, من, the): add a more specific word.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "This JSON feed could not be read: it does not start with an object."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This JSON feed could not be read: it is not valid JSON (line {line}, column {column}).",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "This JSON feed could not be read: it is not valid JSON."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "This JSON feed could not be read: it is not written in UTF-8."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "This JSON feed could not be read: its items are not a list."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "This JSON file is not a JSON Feed of a version Khabar can read."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "This JSON file is not a JSON Feed: it has no version and no items."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "This address gives a web page or a file, not a news feed."),
    QT_TRANSLATE_NOOP("CoreMessages", "This feed could not be read ({kind})."),
    QT_TRANSLATE_NOOP("CoreMessages", "This feed could not be read: it is not well-formed."),
    QT_TRANSLATE_NOOP("CoreMessages", "This feed could not be read: {reason}."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "This is not an OPML file: it starts with <{tag}> instead of <opml>."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "This library was written by a newer version of Khabar (library format {version}; this version reads up to {latest}). Update Khabar to open it; the file has not been changed.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "Type a word to search for."),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is an SQLite file, but not a Khabar library."),
    QT_TRANSLATE_NOOP("CoreMessages", "{path} is not a Khabar library ({reason})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{url} did not give an image Khabar can show."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{url} is a web page, and no feed could be found on it or at the usual addresses; give the address of the site's RSS or Atom feed.",  # noqa: E501 - lupdate reads one literal
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{url} is already a source (number {number})."),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} answered {code} {reason}."),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} asked Khabar to wait until {until} UTC."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{where} broke off the connection or answered in a way that could not be read.",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} is busy and asked Khabar to wait ({code})."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "{where} is busy and asked Khabar to wait until {until} UTC ({code})."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "{where} redirected more than {limit} times; the address may be wrong."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} says this feed is gone for good (410)."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "{where} sent a compressed answer that could not be decompressed."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} sent a compressed answer that could not be read."),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "{where} sent a compression Khabar cannot read ({encoding})."
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "{where} sent more than {megabytes} MB; the download was stopped."
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} stopped answering in the middle of a download."),
    QT_TRANSLATE_NOOP("CoreMessages", "{where} took longer than {seconds:g} seconds to answer."),
    QT_TRANSLATE_NOOP("CoreMessages", "“{url}” is not a valid web address."),
    QT_TRANSLATE_NOOP("CoreMessages", "“{url}” is not a web address Khabar can fetch."),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{url}” is not a web address: give one that starts with http:// or https://.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "“{word}” is too short to search by its beginning: give at least two letters before the *.",
    ),
)


def say(template: str, values: Mapping[str, object], english: str) -> str:
    """The sentence in the interface's language, or ``english`` when it cannot be said."""
    if not template:
        return english
    translated = QCoreApplication.translate(CONTEXT, template)
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field
        return english


def say_error(error: ReaderError) -> str:
    """A ``ReaderError``'s sentence in the interface's language when it can be."""
    return say(error.template, error.values, str(error))


def say_told(told: Told) -> str:
    """What a child ``khabar`` told on stderr, in the interface's language when it can be."""
    return say(told.template, told.values, told.english)
