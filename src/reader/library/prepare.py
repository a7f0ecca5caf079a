"""The half of storing that needs no database: preparing a source's entries.

``prepare_entries`` normalizes each entry's text for search, derives its lead,
direction and lookup keys, and drops repeats within the batch. It touches no
database and its result pickles, so a sync can run it in a worker process
while the library writes the previous source (see docs/decisions.md).
"""

from __future__ import annotations

import hashlib
import html
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from reader.library.normalize import INDEX_VERSION, normalize
from reader.textdir import direction_of
from reader.types import Asset, EntryData
from reader.urls import canonical_url

LEAD_CHARS = 300


@dataclass(frozen=True, slots=True)
class PreparedEntry:
    """An entry with the values the library derives from it."""

    values: dict[str, object]
    categories: tuple[str, ...]
    assets: tuple[Asset, ...]
    dated: bool
    indexed: tuple[str, str, str]  # normalized title, lead and text, for the search index

    @property
    def published(self) -> int:
        """The article's date, in Unix seconds."""
        return cast(int, self.values["published"])

    def __reduce__(self) -> tuple[type[PreparedEntry], tuple[object, ...]]:
        # Thousands cross from a sync's workers: the dataclass way of pickling
        # frozen slots looks up the fields for each one.
        return (
            PreparedEntry,
            (self.values, self.categories, self.assets, self.dated, self.indexed),
        )


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    """One source's entries made ready to store by ``prepare_entries``.

    Preparing (normalizing text for search, hashing, canonical URLs) needs no
    database, so a sync can do it in a worker process while the library
    writes the previous source: it is pickled across.
    """

    items: tuple[PreparedEntry, ...]
    index_version: int = INDEX_VERSION


def prepare_entries(
    entries: Sequence[EntryData], now: int | None = None, texts: Sequence[str] | None = None
) -> PreparedBatch:
    """Derive what storing needs from a source's entries, without touching the library.

    ``texts``, when the caller has them, are ``plain_text`` of each entry's
    ``body_html``, so that they are not derived twice.
    """
    now = int(time.time()) if now is None else now
    if texts is None:
        texts = [plain_text(e.body_html) if e.body_html else "" for e in entries]
    prepared = _deduplicate([_prepare(e, t, now) for e, t in zip(entries, texts, strict=True)])
    # Oldest first, so that ids grow with dates: search ranks the newest ids first.
    prepared.sort(key=lambda item: item.published)
    return PreparedBatch(items=tuple(prepared))


def key_of(value: str) -> int:
    """A signed 64-bit hash of a string, for the integer lookup keys of article."""
    digest = hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


_BLOCK_END = re.compile(
    r"</(?:p|div|h[1-6]|li|blockquote|figcaption|tr|pre|section|article)\s*>|<br\s*/?>", re.I
)
_TAG = re.compile(r"<[^>]*>")
_CUT_TAG = re.compile(r"<[^>]*$")


def plain_text(body_html: str) -> str:
    """The text of an HTML body: a line per paragraph, spaces collapsed.

    The library stores an article's body once, as HTML, and derives its text
    with this function wherever it is needed: for the search index, where the
    triggers must derive exactly what was indexed (it is registered as the
    SQL function ``khabar_plain``), for snippets and for ``khabar show``. A
    body cut short in the middle of a tag is fine.
    """
    text = html.unescape(_without_tags(_BLOCK_END.sub("\n", body_html), ""))
    lines: Iterable[str] = text.split("\n")
    # Each line's spaces collapsed. Splitting every line into words costs more than
    # the rest of this function: lines whose only whitespace is single spaces (a
    # printable line has no other) only need stripping.
    if "  " in text or not all(map(str.isprintable, lines)):
        lines = [" ".join(line.split()) for line in lines]
    else:
        lines = map(str.strip, lines)
    return "\n".join(filter(None, lines))


def flat_text(body_html: str) -> str:
    """The text of (the start of) an HTML body on one line, for snippets and titles: cheaper."""
    return " ".join(html.unescape(_without_tags(body_html, " ")).split())


def _without_tags(markup: str, replacement: str) -> str:
    """``markup`` with its tags replaced, and a tag cut off at the end removed.

    Only the part up to the last ">" can hold a whole tag. Searching the rest
    too would try every "<" there to the end: quadratic in a feed's run of
    "<" with no ">" (raw feed HTML reaches ``flat_text``). The result is the
    same as substituting over the whole string.
    """
    if "<" not in markup:  # most titles, names and categories (unescape skips text without "&")
        return markup
    end = markup.rfind(">") + 1
    return _CUT_TAG.sub("", _TAG.sub(replacement, markup[:end]) + markup[end:])


def html_of_text(text: str) -> str:
    """Paragraphs of HTML for a plain text, one per line."""
    return "".join(
        f"<p>{html.escape(line.strip())}</p>" for line in text.split("\n") if line.strip()
    )


def _prepare(entry: EntryData, text_: str, now: int) -> PreparedEntry:
    body_html = entry.body_html
    if not body_html:
        body_html = html_of_text(entry.text)
        text_ = plain_text(body_html)
    lead = entry.lead.strip() or lead_of(text_)
    indexed = (normalize(entry.title.strip()), normalize(lead), normalize(text_))
    published = int(entry.published.timestamp()) if entry.published else now
    values: dict[str, object] = {
        "guid": entry.guid or None,
        "url": entry.url or None,
        "canonical_url": canonical_url(entry.url) if entry.url else None,
        # normalized title and text: the same story, whatever its spacing or marks
        "content_key": key_of(indexed[0] + "\x00" + (indexed[2] or indexed[1])),
        "title": entry.title.strip(),
        "author": entry.author or None,
        "published": min(published, now),  # a date in the future would pin it on top
        "lead": lead,
        "body_html": body_html,
        "language": entry.language or None,
        "direction": direction_of(entry.title, lead, text_).value,
        "feed_key": entry.feed_key,
        "body_origin": entry.body_origin.value,
    }
    values["guid_key"] = key_of(str(values["guid"])) if values["guid"] else None
    values["url_key"] = key_of(str(values["canonical_url"])) if values["canonical_url"] else None
    categories = tuple(dict.fromkeys(c.strip() for c in entry.categories if c.strip()))
    return PreparedEntry(
        values=values,
        categories=categories,
        assets=entry.assets,
        dated=entry.published is not None,
        indexed=indexed,
    )


def lead_of(body_text: str) -> str:
    """A lead made of the start of a text: at most ``LEAD_CHARS``, cut between words."""
    # Collapsing the spaces of a text's start gives the start of the collapsed text:
    # the start is enough once it is longer than a lead.
    size = 2 * LEAD_CHARS
    collapsed = " ".join(body_text[:size].split())
    while len(collapsed) <= LEAD_CHARS and size < len(body_text):
        size *= 4
        collapsed = " ".join(body_text[:size].split())
    if len(collapsed) <= LEAD_CHARS:
        return collapsed
    cut = collapsed.rfind(" ", 0, LEAD_CHARS)
    return collapsed[: cut if cut > 0 else LEAD_CHARS] + "…"


def _deduplicate(items: list[PreparedEntry]) -> list[PreparedEntry]:
    """Keep the first of entries that repeat a guid, canonical URL or content in one batch."""
    seen: set[tuple[str, object]] = set()
    kept: list[PreparedEntry] = []
    for item in items:
        keys = {
            (name, item.values[name])
            for name in ("guid", "canonical_url", "content_key")
            if item.values[name]
        }
        if keys & seen:
            continue
        seen |= keys
        kept.append(item)
    return kept
