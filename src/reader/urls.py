"""URL checks and canonical forms shared by the library and the sync.

A canonical URL is what two links to the same article have in common:
lower-case scheme and host, no default port, no fragment, no tracking
parameters (``utm_*``, ``fbclid`` and the like), the other parameters sorted.
"""

from typing import TypeGuard
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from reader.errors import InvalidInputError, template

_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gclsrc",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "at_medium",
        "at_campaign",
        "__twitter_impression",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_parameter(name: str) -> bool:
    """Whether a query parameter only tracks the reader and never selects content."""
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The canonical form of an article URL, for recognising the same article twice."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{host}"
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_parameter(k)
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


_NOT_VALID = template("“{url}” is not a valid web address.")
_NOT_HTTP = template("“{url}” is not a web address: give one that starts with http:// or https://.")


def is_web_url(url: str | None) -> TypeGuard[str]:
    """Whether ``url`` is an http or https address: the only ones Khabar opens in a browser."""
    return url is not None and url.strip().lower().startswith(("http://", "https://"))


def check_feed_url(url: str) -> str:
    """Return the URL, stripped, if it is an http(s) URL with a host; else raise."""
    cleaned = url.strip()
    try:
        parts = urlsplit(cleaned)
        _ = parts.port
    except ValueError as exc:
        raise InvalidInputError.say(_NOT_VALID, url=url) from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInputError.say(_NOT_HTTP, url=url)
    # A space in the path is sent percent-encoded; in the host it names no server.
    if not parts.netloc.isprintable() or any(c.isspace() for c in parts.netloc):
        raise InvalidInputError.say(_NOT_VALID, url=url)
    return cleaned


def web_url(value: object, base: str) -> str | None:
    """``value`` made absolute against ``base`` if it is then an http(s) URL with a host; else None.

    Feeds and pages give links in every form; most are absolute already, and
    those are taken as they are (``urljoin`` is slow).
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    # One word: no whitespace inside (the value is stripped).
    absolute = value.startswith(("https://", "http://")) and len(value.split()) == 1
    try:
        resolved = value if absolute else urljoin(base, value)
        parts = urlsplit(resolved)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return resolved
