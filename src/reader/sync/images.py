"""The image cache: article images stored once, by content hash, on disk.

An image is kept under ``images/<first two hex digits>/<sha256>.<ext>`` in
the cache folder; the library records it as an ``Asset`` with that relative
path, and the article's HTML points at the same path (see
``sanitize.replace_image_sources``), which the article view resolves against
the cache folder. Only raster formats a reader can show are kept: an SVG or
an HTML error page sent in place of an image is refused. Files are written
whole (a temporary file, then a rename), so a kill never leaves half an image
under a real name. This module does not fetch and does not touch the library.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from reader.errors import FetchError, template
from reader.types import Asset

IMAGES = "images"
_NOT_AN_IMAGE = template("{url} did not give an image Khabar can show.")
_NOT_SAVED = template("An image could not be saved in the cache: {reason}.")
# Magic numbers of the formats kept, with their MIME type and extension.
_FORMATS: tuple[tuple[bytes, int, str, str], ...] = (
    (b"\xff\xd8\xff", 0, "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png", ".png"),
    (b"GIF87a", 0, "image/gif", ".gif"),
    (b"GIF89a", 0, "image/gif", ".gif"),
    (b"WEBP", 8, "image/webp", ".webp"),
    (b"ftypavif", 4, "image/avif", ".avif"),
    (b"BM", 0, "image/bmp", ".bmp"),
)


def image_format(content: bytes) -> tuple[str, str] | None:
    """The MIME type and file extension of an image, or None if it is no image we keep."""
    for magic, offset, mime, extension in _FORMATS:
        if content[offset : offset + len(magic)] == magic:
            if mime == "image/webp" and not content.startswith(b"RIFF"):
                continue
            return mime, extension
    return None


class ImageCache:
    """Stores downloaded images in the cache folder, each once."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir

    def store(self, url: str, content: bytes) -> Asset:
        """Keep an image and describe it; raises ``FetchError`` if it is not an image."""
        found = image_format(content)
        if found is None:
            raise FetchError.say(_NOT_AN_IMAGE, url=url)
        mime, extension = found
        digest = hashlib.sha256(content).hexdigest()
        relative = f"{IMAGES}/{digest[:2]}/{digest}{extension}"
        target = self.cache_dir / relative
        if not target.exists():
            self._write(target, content)
        return Asset(url=url, sha256=digest, path=relative, mime=mime, size=len(content))

    @staticmethod
    def _write(target: Path, content: bytes) -> None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(content)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise FetchError.say(_NOT_SAVED, reason=reason) from None
