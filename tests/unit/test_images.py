"""The image cache: formats recognised by their magic bytes, files stored once by
content hash, whole or not at all, and a cache that cannot be written reported in
a sentence. Real files in ``tmp_path``; the images are the fixture site's own.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from pathlib import Path

import pytest

from helpers import SITE_DIR
from reader.errors import FetchError
from reader.sync.images import ImageCache, image_format

JPEG = (SITE_DIR / "images" / "1.jpg").read_bytes()
PNG = (SITE_DIR / "images" / "3.png").read_bytes()
GIF = (SITE_DIR / "pixel.gif").read_bytes()
# Headers as the formats' specifications lay them out; nothing after them matters here.
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(24)
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + bytes(16)


@pytest.mark.parametrize(
    ("content", "mime", "extension"),
    [
        (JPEG, "image/jpeg", ".jpg"),
        (PNG, "image/png", ".png"),
        (GIF, "image/gif", ".gif"),
        (b"GIF87a" + bytes(16), "image/gif", ".gif"),
        (WEBP, "image/webp", ".webp"),
        (AVIF, "image/avif", ".avif"),
    ],
    ids=["jpeg", "png", "gif89a", "gif87a", "webp", "avif"],
)
def test_image_format_by_magic_bytes(content: bytes, mime: str, extension: str) -> None:
    assert image_format(content) == (mime, extension)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>',
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        "<!DOCTYPE html><html><body><h1>404 — غير موجود</h1></body></html>".encode(),
        b"\xff\xd8",  # a JPEG cut off inside its magic number
        b"\x89PNG\r\n",  # a PNG cut off likewise
        b"RIFF\x24\x00\x00\x00WAVEfmt ",  # RIFF, but sound
        b"XXXX\x24\x00\x00\x00WEBPVP8 ",  # WEBP without RIFF
        b"\x00\x00\x00\x18ftypmp42",  # an MP4, not an AVIF
        b"%PDF-1.7\n",
    ],
    ids=[
        "empty",
        "svg",
        "svg-with-prolog",
        "html",
        "short-jpeg",
        "short-png",
        "wave",
        "webp-without-riff",
        "mp4",
        "pdf",
    ],
)
def test_image_format_refuses_what_is_no_image(content: bytes) -> None:
    assert image_format(content) is None


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_store_writes_under_images_by_content_hash(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    asset = cache.store("https://news.example/a.jpg", JPEG)
    digest = hashlib.sha256(JPEG).hexdigest()
    assert asset.sha256 == digest
    assert asset.path == f"images/{digest[:2]}/{digest}.jpg"
    assert asset.mime == "image/jpeg"
    assert asset.size == len(JPEG)
    assert asset.url == "https://news.example/a.jpg"
    assert (tmp_path / asset.path).read_bytes() == JPEG
    assert files_under(tmp_path) == [tmp_path / asset.path]


def test_each_format_gets_its_extension(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    paths = [
        cache.store(f"https://news.example/{n}", data).path
        for n, data in enumerate((JPEG, PNG, GIF, WEBP, AVIF))
    ]
    assert [Path(p).suffix for p in paths] == [".jpg", ".png", ".gif", ".webp", ".avif"]


def test_the_same_bytes_from_two_urls_are_one_file(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    first = cache.store("https://news.example/a.png", PNG)
    second = cache.store("https://cdn.example/copy-of-a.png?w=800", PNG)
    assert first.path == second.path
    assert first.sha256 == second.sha256
    assert (first.url, second.url) == (
        "https://news.example/a.png",
        "https://cdn.example/copy-of-a.png?w=800",
    )
    assert files_under(tmp_path) == [tmp_path / first.path]


def test_a_stored_image_is_not_written_again(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    stored = tmp_path / cache.store("https://news.example/a.jpg", JPEG).path
    os.utime(stored, ns=(0, 0))
    inode = stored.stat().st_ino
    cache.store("https://news.example/b.jpg", JPEG)
    assert stored.stat().st_mtime_ns == 0
    assert stored.stat().st_ino == inode


def test_different_images_are_different_files(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    images = sorted((SITE_DIR / "images").glob("*.jpg"))
    assets = {cache.store(p.as_uri(), p.read_bytes()).path for p in images}
    assert len(assets) == len({hashlib.sha256(p.read_bytes()).digest() for p in images})
    assert len(files_under(tmp_path)) == len(assets)


@pytest.mark.parametrize(
    "content",
    [b"", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"<html><body>Not found</body></html>"],
    ids=["empty", "svg", "html"],
)
def test_a_non_image_is_refused_and_nothing_is_written(tmp_path: Path, content: bytes) -> None:
    cache = ImageCache(tmp_path / "cache")
    with pytest.raises(FetchError, match="did not give an image") as caught:
        cache.store("https://news.example/logo.svg", content)
    assert "https://news.example/logo.svg" in str(caught.value)
    assert not (tmp_path / "cache").exists()


def test_no_part_files_remain(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    for n, data in enumerate((JPEG, PNG, GIF, WEBP, AVIF, JPEG)):
        cache.store(f"https://news.example/{n}", data)
    assert list(tmp_path.rglob("*.part")) == []
    assert len(files_under(tmp_path)) == 5


def assert_cache_sentence(error: FetchError) -> None:
    message = str(error)
    assert message.startswith("An image could not be saved in the cache: ")
    assert message.endswith(".")
    assert "Errno" not in message
    assert "Traceback" not in message


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes into a read-only folder anyway",
)
def test_an_unwritable_cache_folder_is_a_sentence(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        with pytest.raises(FetchError) as caught:
            ImageCache(cache_dir).store("https://news.example/a.jpg", JPEG)
    finally:
        cache_dir.chmod(0o700)
    assert_cache_sentence(caught.value)
    assert "Permission denied" in str(caught.value)
    assert files_under(cache_dir) == []


def test_a_file_in_the_way_of_the_images_folder_is_a_sentence(tmp_path: Path) -> None:
    # Unlike a read-only folder, this fails even for root.
    (tmp_path / "images").write_bytes(b"not a folder")
    with pytest.raises(FetchError) as caught:
        ImageCache(tmp_path).store("https://news.example/a.jpg", JPEG)
    assert_cache_sentence(caught.value)
    assert files_under(tmp_path) == [tmp_path / "images"]


@pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGXFSZ"),
    reason="needs RLIMIT_FSIZE and SIGXFSZ",
)
def test_a_write_that_fails_midway_leaves_no_part_file(tmp_path: Path) -> None:
    # A file-size limit makes the write itself fail (EFBIG) halfway through, as a full
    # disk would; it bites root too. The limit is lifted before anything else runs.
    import resource

    cache = ImageCache(tmp_path)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(JPEG) // 2, hard))
    try:
        with pytest.raises(FetchError) as caught:
            cache.store("https://news.example/a.jpg", JPEG)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert_cache_sentence(caught.value)
    assert list(tmp_path.rglob("*.part")) == []
    assert files_under(tmp_path) == []
    # The next try, with room again, stores it whole.
    asset = cache.store("https://news.example/a.jpg", JPEG)
    assert (tmp_path / asset.path).read_bytes() == JPEG
