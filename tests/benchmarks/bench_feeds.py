"""fastfeedparser, feedparser and Khabar's ``parse_feed`` side by side: speed, and broken feeds.

This is a script, not a pytest test (nothing here is named ``test_*``)::

    .venv/bin/python tests/benchmarks/bench_feeds.py --feeds 100 --items 50

Speed: F RSS 2.0 and F Atom feeds of M items of our own Arabic prose
(``synccorpus.Prose``), made in memory, every other one with about 4 KB of
article HTML per item besides the one-sentence summary. Each is read in turn
by ``fastfeedparser.parse(bytes)``, ``feedparser.parse(bytes)`` (its defaults:
it sanitizes HTML) and ``reader.sync.feeds.parse_feed`` (decoding, DOCTYPE
cutting, either parser, ``FeedEntry`` values); ``*_ms_per_feed`` is the
median over the 2F feeds ("feeds" in the JSON).

Robustness: seeded broken variants of those feeds and the hostile fixtures
(``tests/fixtures/site/hostile/*.xml``). A parser *failed* a case when it
raised or found no entry; ``*_items_recovered_pct`` counts entries up to the
number of whole items each case holds. ``parse_feed`` raising anything but
``ParseError`` is a bug, printed. Every result is searched for the content of
/etc/hostname and of a secret file named by the XXE cases. The last line is one
JSON object; the exit status is 1 when Khabar leaked a secret or had a bug.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import timedelta
from pathlib import Path

import fastfeedparser
import feedparser
from synccorpus import BASE_DATE, Prose

from reader.errors import ParseError
from reader.sync.feeds import parse_feed
from reader.sync.model import ParsedFeed

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "site" / "hostile"
URL = "https://akhbar.invalid/feeds/bench.xml"
PHP_WARNING = (  # what WordPress sends when a plugin printed too early
    b"<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by "
    b"(output started at /var/www/html/wp-config.php:1) in <b>feed-rss2.php</b> on line 8<br />\n"
)
NETSCAPE = (
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
    ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
)
PARSERS: dict[str, Callable[[bytes], object]] = {
    "fastfeedparser": fastfeedparser.parse,
    "feedparser": feedparser.parse,
    "khabar": lambda data: parse_feed(data, URL),
}


@dataclasses.dataclass(frozen=True, slots=True)
class Feed:
    """One generated feed: its kind, whether it carries full articles, its items' titles."""

    kind: str  # "rss" or "atom"
    full: bool
    titles: tuple[str, ...]
    text: str

    @property
    def data(self) -> bytes:
        """The feed as a server sends it."""
        return self.text.encode()


@dataclasses.dataclass(frozen=True, slots=True)
class Case:
    """A broken document and how many whole items it holds."""

    name: str
    data: bytes
    expected: int
    title: str | None = None  # the first entry's title, when the text itself is on trial


# --- the feeds ---------------------------------------------------------------------

RSS_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{title}</title><link>https://akhbar.invalid/</link><description>آخر الأخبار</description>
<language>ar</language>
"""
RSS_ITEM = """<item>
<title>{title}</title>
<link>{link}</link>
<guid isPermaLink="false">{guid}</guid>
<pubDate>{when:%a, %d %b %Y %H:%M:%S} GMT</pubDate>
<dc:creator>{author}</dc:creator>
<description>{lead}</description>
{content}</item>
"""
ATOM_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
<title>{title}</title><link href="https://akhbar.invalid/"/><id>{guid}</id>
<updated>{when:%Y-%m-%dT%H:%M:%SZ}</updated>
"""
ATOM_ENTRY = """<entry>
<title>{title}</title>
<link href="{link}"/>
<id>{guid}</id>
<updated>{when:%Y-%m-%dT%H:%M:%SZ}</updated>
<author><name>{author}</name></author>
<summary>{lead}</summary>
{content}</entry>
"""
AUTHORS = ("نادية الشامي", "كريم بن علي", "ريم العطار")


def make_feed(prose: Prose, number: int, items: int, kind: str, full: bool) -> Feed:
    """Feed ``number`` of ``kind`` (``rss`` or ``atom``), one element a line."""
    rng, name = prose.rng, f"{kind}-{number + 1:04d}"
    head, template = (RSS_HEAD, RSS_ITEM) if kind == "rss" else (ATOM_HEAD, ATOM_ENTRY)
    parts = [head.format(title=f"صحيفة الأفق — {name}", guid=f"urn:bench:{name}", when=BASE_DATE)]
    titles = []
    for i in range(items):
        body = "".join(f"<p>{p}</p>" for p in prose.paragraphs(rng.randint(5, 7))) if full else ""
        if not body:
            content = ""
        elif kind == "rss":
            content = f"<content:encoded><![CDATA[{body}]]></content:encoded>\n"
        else:
            content = f'<content type="html">{html.escape(body)}</content>\n'
        titles.append(prose.title())
        parts.append(
            template.format(
                title=titles[-1],
                link=f"https://akhbar.invalid/{name}/{i + 1}.html",
                guid=f"urn:bench:{name}:{i + 1}",
                when=BASE_DATE - timedelta(minutes=7 * i + rng.randrange(7)),
                author=rng.choice(AUTHORS),
                lead=prose.sentence(),
                content=content,
            )
        )
    parts.append("</channel>\n</rss>\n" if kind == "rss" else "</feed>\n")
    return Feed(kind, full, tuple(titles), "".join(parts))


def make_feeds(count: int, items: int, seed: int) -> list[Feed]:
    """``count`` RSS and ``count`` Atom feeds; every other one carries full articles."""
    prose = Prose(seed)
    kinds = ("rss", "atom")
    return [make_feed(prose, n, items, k, n % 2 == 1) for k in kinds for n in range(count)]


# --- the broken variants -----------------------------------------------------------

LAUGHS = '<!ENTITY lol0 "lol">' + "".join(
    f'\n<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
)
XXE = '<!ENTITY xxe SYSTEM "{}">'
RDF_ROOT = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
    '<channel rdf:about="https://akhbar.invalid/">'
)


def in_item(feed: Feed, number: int, old: str, new: str) -> bytes:
    """The feed with ``old`` replaced by ``new`` once, in item ``number`` (from 1)."""
    tag = "<item>" if feed.kind == "rss" else "<entry>"
    parts = feed.text.split(tag)
    parts[number] = parts[number].replace(old, new, 1)
    return tag.join(parts).encode()


def with_dtd(feed: Feed, subset: str, entity: str) -> bytes:
    """The feed with an internal DTD subset, and ``&entity;`` in its first item's title."""
    root = "rss" if feed.kind == "rss" else "feed"
    text = feed.text.replace("\n", f"\n<!DOCTYPE {root} [\n{subset}\n]>\n", 1)
    head, end, tail = text.partition("</item>" if feed.kind == "rss" else "</entry>")
    before, _, after = head.rpartition("</title>")
    return f"{before} &{entity};</title>{after}{end}{tail}".encode()


def cdata(feed: Feed, tag: str) -> bytes:
    """The feed with each ``tag``'s text as HTML in a CDATA section."""
    kind = ' type="html"' if feed.kind == "atom" else ""
    pattern = f"<{tag}>(.*?)</{tag}>"
    html_in_cdata = f"<{tag}{kind}><![CDATA[<p>\\1 <b>&</b> <br></p>]]></{tag}>"
    return re.sub(pattern, html_in_cdata, feed.text).encode()


def rdf(feed: Feed) -> bytes:
    """``feed`` (RSS 2.0) rewritten as RSS 1.0."""
    links = re.findall(r"<link>(.*?)</link>", feed.text)[1:]
    seq = "".join(f'<rdf:li rdf:resource="{link}"/>' for link in links)
    text = re.sub(r"<rss [^>]*>\n<channel>", RDF_ROOT, feed.text)
    text = re.sub(r"\n<(guid|pubDate)[^\n]*", "", text)
    text = text.replace("<language>", f"<items><rdf:Seq>{seq}</rdf:Seq></items>\n<language>", 1)
    text = text.replace("<item>", "</channel>\n<item>", 1).replace(
        "</channel>\n</rss>", "</rdf:RDF>"
    )
    return re.sub(
        r"<item>(\n<title>.*?</title>\n<link>(.*?)</link>)", r'<item rdf:about="\2">\1', text
    ).encode()


def rss091(feed: Feed) -> bytes:
    """``feed`` (RSS 2.0, summaries only) rewritten as RSS 0.91 with Netscape's DOCTYPE."""
    text = re.sub(r"<rss [^>]*>", '<rss version="0.91">', feed.text, count=1)
    text = re.sub(r"\n<(guid|pubDate|dc:creator)[^\n]*", "", text)
    return text.replace("\n", "\n" + NETSCAPE, 1).encode()


def broken_cases(feeds: list[Feed], rng: random.Random, secret_uri: str) -> Iterator[Case]:
    """The broken documents; the same feeds and generator always give the same ones."""
    half = len(feeds) // 2  # the RSS feeds, then the Atom ones
    for feed in rng.sample(feeds[:half], 4) + rng.sample(feeds[half:], 4):
        data = feed.data
        cut = rng.randrange(len(data) // 20, len(data))
        whole = data[:cut].count(b"</item>" if feed.kind == "rss" else b"</entry>")
        yield Case(f"{feed.kind} truncated at {cut * 100 // len(data)}%", data[:cut], whole)
    rss = next(f for f in feeds if f.kind == "rss" and not f.full)
    atom = next(f for f in feeds if f.kind == "atom" and not f.full)
    m = len(rss.titles)
    for feed in (rss, atom):
        k = feed.kind
        for n in sorted(rng.sample(range(1, m + 1), 3)):  # what is lost depends on where
            yield Case(f"{k} unclosed <title>, item {n}", in_item(feed, n, "</title>", ""), m)
        n = rng.randint(1, m)
        yield Case(
            f"{k} bare & in title {n}", in_item(feed, n, "<title>", "<title>رأي & تحليل: "), m
        )
        yield Case(f"{k} PHP warning first", PHP_WARNING + feed.data, m)
        yield Case(f"{k} BOM + whitespace", b"\xef\xbb\xbf \n\t\n" + feed.data, m)
        yield Case(f"{k} DTD: billion laughs", with_dtd(feed, LAUGHS, "lol9"), m)
    yield Case("rss &nbsp; without a DTD", rss.text.replace("<title>", "<title>&nbsp;").encode(), m)
    cp1256 = rss.text.encode("cp1256", errors="xmlcharrefreplace")
    yield Case("rss windows-1256 as utf-8", cp1256, m, rss.titles[0])
    latin = cp1256.replace(b'"utf-8"', b'"iso-8859-1"', 1)
    yield Case("rss windows-1256 as latin-1", latin, m, rss.titles[0])
    prefixed = re.sub(r"<(/?)(?=[a-z])", r"<\1atom:", atom.text).replace(" xmlns=", " xmlns:atom=")
    yield Case("atom <atom:feed> prefixes", prefixed.encode(), m)
    odd = re.sub(r"\b(content|dc)([:=])", lambda g: g[1].title() + g[2], rss.text)
    yield Case("rss odd-case prefixes", odd.encode(), m)
    yield Case("rss 1.0 (RDF)", rdf(rss), m)
    yield Case("rss 0.91 Netscape DOCTYPE", rss091(rss), m)
    yield Case("rss CDATA descriptions", cdata(rss, "description"), m)
    yield Case("atom CDATA summaries", cdata(atom, "summary"), m)
    yield Case(
        "rss DTD: XXE /etc/hostname", with_dtd(rss, XXE.format("file:///etc/hostname"), "xxe"), m
    )
    yield Case("atom DTD: XXE secret file", with_dtd(atom, XXE.format(secret_uri), "xxe"), m)
    xxe = (HOSTILE / "xxe.xml").read_text("utf-8").replace("$remote_dtd", "")
    yield Case(
        "xxe.xml (/etc/hostname)", xxe.replace("$secret_uri", "file:///etc/hostname").encode(), 1
    )
    yield Case("billion_laughs.xml", (HOSTILE / "billion_laughs.xml").read_bytes(), 1)
    yield Case("malformed.xml", (HOSTILE / "malformed.xml").read_bytes(), 1)


# --- measuring -------------------------------------------------------------------


def strings(value: object) -> Iterator[str]:
    """Every string inside a parser's result, keys included."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        yield from strings([*value.keys(), *value.values()])
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def titles_of(result: object) -> list[str]:
    """The entries' titles, on one line each."""
    if isinstance(result, ParsedFeed):
        return [e.title for e in result.entries]
    assert isinstance(result, Mapping)
    return [" ".join(str(e.get("title") or "").split()) for e in result.get("entries") or ()]


def time_parsers(feeds: list[Feed]) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per feed, by parser and kind of feed; says when items went missing."""
    for parse in PARSERS.values():  # warm up: imports, regex and parser caches
        parse(feeds[0].data)
    times: dict[str, dict[str, list[float]]] = {name: {} for name in PARSERS}
    for feed in feeds:
        data, group = feed.data, f"{feed.kind} {'full' if feed.full else 'summary'}"
        for name, parse in PARSERS.items():
            start = time.perf_counter()
            found = len(titles_of(parse(data)))
            times[name].setdefault(group, []).append((time.perf_counter() - start) * 1000)
            if found != len(feed.titles):
                print(f"  {name} found {found} of {len(feed.titles)} items")
    return times


def judge(name: str, case: Case, secret_texts: list[str]) -> tuple[str, int, list[str]]:
    """The outcome of one parser on one case, its entries, and the secrets it leaked."""
    try:
        result = PARSERS[name](case.data)
    except ParseError:
        return "raised", 0, []
    except Exception as exc:  # a bug in Khabar, an outcome of the others
        if name != "khabar":
            return "raised", 0, []
        print(f"  BUG: parse_feed raised {type(exc).__name__} on {case.name}: {exc}")
        return "BUG", 0, []
    source = case.data.decode("utf-8", errors="replace")
    found = [s for s in secret_texts if s not in source and any(s in t for t in strings(result))]
    titles = titles_of(result)
    if not titles:
        return "0 entries", 0, found
    garbled = case.title is not None and titles[0] != case.title
    return "garbled" if garbled else "entries", len(titles), found


def report_speed(feeds: list[Feed], figures: dict[str, object]) -> None:
    """Time the parsers on the feeds; print a table, put the medians in ``figures``."""
    times = time_parsers(feeds)
    groups = list(times["khabar"])
    header = "".join(f"{g:>14}" for g in groups)
    print(f"\n{'ms per feed':<16}{'median':>9}{header}{'total s':>10}")
    for name, by_group in times.items():
        every = [t for ts in by_group.values() for t in ts]
        medians = "".join(f"{statistics.median(by_group[g]):14.2f}" for g in groups)
        print(f"{name:<16}{statistics.median(every):9.2f}{medians}{sum(every) / 1000:10.2f}")
        figures[f"{name}_ms_per_feed"] = round(statistics.median(every), 3)


def report_robustness(
    cases: list[Case], secret_texts: list[str], figures: dict[str, object]
) -> bool:
    """Run the parsers on the cases; print a table; whether Khabar raised no bug, leaked nothing."""
    failed, recovered, garbled = (dict.fromkeys(PARSERS, 0) for _ in range(3))
    leaks, bugs = [], 0
    print(f"\n{'broken case':<32}{'items':>6}" + "".join(f"{n:>16}" for n in PARSERS))
    for case in cases:
        cells = []
        for name in PARSERS:
            outcome, count, leaked = judge(name, case, secret_texts)
            failed[name] += outcome in ("raised", "BUG", "0 entries")
            garbled[name] += outcome == "garbled"
            recovered[name] += min(count, case.expected)
            bugs += outcome == "BUG"
            leaks += [f"{name} leaked {s!r} in {case.name}" for s in leaked]
            cell = str(count) if count else outcome
            cells.append(cell + ("~" if outcome == "garbled" else "") + ("!" if leaked else ""))
        print(f"{case.name:<32}{case.expected:>6}" + "".join(f"{c:>16}" for c in cells))
    known = sum(c.expected for c in cases)
    for label, counts in (("failed (raised, 0 entries)", failed), ("garbled text (~)", garbled),
                          (f"items recovered of {known}", recovered)):  # fmt: skip
        print(f"{label:<38}" + "".join(f"{counts[n]:>16}" for n in PARSERS))
    print("\n".join(leaks) or "No result holds /etc/hostname or the secret file (! would mark it).")
    figures["broken_cases"] = len(cases)
    for name in PARSERS:
        figures[f"{name}_failed"] = failed[name]
        figures[f"{name}_items_recovered_pct"] = round(100 * recovered[name] / known, 1)
    leakers = sorted({line.split()[0] for line in leaks})
    figures.update(khabar_garbled=garbled["khabar"], khabar_bugs=bugs, leaks=leakers)
    return not bugs and "khabar" not in leakers


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=100, help="RSS feeds, and as many Atom (F)")
    parser.add_argument("--items", type=int, default=50, help="items per feed (M)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the text and the breakage")
    args = parser.parse_args(argv)
    if args.feeds < 4 or args.items < 3:
        parser.error("--feeds must be at least 4 and --items at least 3")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the last line printed is its JSON summary."""
    args = parse_args(argv)
    hostname = Path("/etc/hostname")
    secret_texts = [hostname.read_text().strip()] if hostname.exists() else []
    started = time.perf_counter()
    feeds = make_feeds(args.feeds, args.items, args.seed)
    mib = sum(len(f.data) for f in feeds) / 2**20
    print(f"{len(feeds)} feeds ({args.feeds} RSS, {args.feeds} Atom) × {args.items} items, "
          f"{mib:.1f} MiB, made in {time.perf_counter() - started:.1f} s")  # fmt: skip
    figures: dict[str, object] = {"feeds": len(feeds), "items": args.items}
    report_speed(feeds, figures)
    with tempfile.TemporaryDirectory(prefix="khabar-feeds-") as folder:
        secret = Path(folder) / "secret.txt"
        secret_texts.append(f"khabar-xxe-{secrets.token_hex(8)}")
        secret.write_text(secret_texts[-1] + "\n")
        rng = random.Random(f"bench-feeds-{args.seed}")
        cases = list(broken_cases(feeds, rng, secret.as_uri()))
        khabar_ok = report_robustness(cases, [s for s in secret_texts if s], figures)
    print(json.dumps(figures, ensure_ascii=False))
    return 0 if khabar_ok else 1


if __name__ == "__main__":
    sys.exit(main())
