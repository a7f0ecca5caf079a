"""Properties of the text a body gives: ``plain_text``, ``flat_text`` and ``lead_of`` by definition.

Both take shortcuts for speed (a sync derives the text of every article);
whatever the input, they must give what the definitions below give. The
search index depends on it: its triggers derive again exactly what was indexed.
"""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from reader.library.prepare import LEAD_CHARS, flat_text, lead_of, plain_text

WHITESPACE = [chr(c) for c in range(0x3100) if chr(c).isspace()]
PIECES = st.sampled_from(
    [
        *WHITESPACE,
        "كلمة",
        "word",
        "،",
        "\u200f",  # a right-to-left mark: not printable, not whitespace
        "<p>",
        "</p>",
        "<br>",
        "<b>",
        "&amp;",
        "&nbsp;",
        "&#13;",
        "&#x2028;",
        "  ",
    ]
)
BODY = st.lists(PIECES | st.text(max_size=4), max_size=40).map("".join)
LONG_WORDS = st.lists(
    st.sampled_from([" ", "\n", "\t", "\xa0", "a", "ب" * 120, "c" * 301]), max_size=30
).map("".join)


def by_definition_plain(body_html: str) -> str:
    """Tags out, block ends as line ends, entities decoded, each line's whitespace collapsed."""
    from reader.library import prepare

    text = prepare._without_tags(prepare._BLOCK_END.sub("\n", body_html), "")
    lines = (" ".join(line.split()) for line in html.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


def by_definition_flat(body_html: str) -> str:
    """Tags out (each a space), entities decoded, all whitespace collapsed onto one line."""
    from reader.library import prepare

    return " ".join(html.unescape(prepare._without_tags(body_html, " ")).split())


def by_definition_lead(text: str) -> str:
    """The whole text collapsed, cut between words before ``LEAD_CHARS``."""
    collapsed = " ".join(text.split())
    if len(collapsed) <= LEAD_CHARS:
        return collapsed
    cut = collapsed.rfind(" ", 0, LEAD_CHARS)
    return collapsed[: cut if cut > 0 else LEAD_CHARS] + "…"


@given(BODY)
def test_plain_text_collapses_every_kind_of_whitespace(body: str) -> None:
    assert plain_text(body) == by_definition_plain(body)


@given(BODY)
def test_flat_text_skips_the_markup_work_only_where_there_is_none(body: str) -> None:
    assert flat_text(body) == by_definition_flat(body)


@given(LONG_WORDS | BODY)
def test_lead_reads_only_the_start_but_cuts_where_the_whole_text_would(text: str) -> None:
    assert lead_of(text) == by_definition_lead(text)


def test_the_examples_the_shortcuts_turn_on() -> None:
    assert plain_text("<p> a  b </p><p>c\td</p>") == "a b\nc d"
    assert plain_text("<p>\u200fكلمة  أخرى</p>") == "\u200fكلمة أخرى"
    long = "كلمة " * 200
    assert lead_of("\n" * 5000 + long) == by_definition_lead(long)
    assert lead_of(" " * 700 + "x") == "x"
    assert flat_text(" سياسة\u2028 و  اقتصاد ") == "سياسة و اقتصاد"
    assert flat_text("<b>R&amp;D</b>") == "R&D"
