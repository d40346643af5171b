"""The vendor cache: fetch from the first working source, verify, never trust a bad file."""

from __future__ import annotations

import hashlib
import io
import tarfile
import urllib.error
from pathlib import Path

import pytest

from portlite_site.manifest import Archive, Digest, Source, VendorFile
from portlite_site.vendor_cache import FetchError, IntegrityError, VendorCache

PAYLOAD = b"pinned bytes\n" * 100


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file(sources: tuple[Source, ...], data: bytes = PAYLOAD) -> VendorFile:
    return VendorFile(
        id="thing.bin", version="1.0", size=len(data), sha256=_sha(data), sources=sources,
        dest="static/thing.bin",
    )  # fmt: skip


class FakeNetwork:
    """Serves fixed bytes per URL; an absent URL fails like an unreachable host."""

    def __init__(self, responses: dict[str, bytes]) -> None:
        self.responses = responses
        self.opened: list[str] = []

    def __call__(self, url: str) -> io.BytesIO:
        self.opened.append(url)
        if url not in self.responses:
            raise urllib.error.URLError(f"[Errno -2] Name or service not known: {url}")
        return io.BytesIO(self.responses[url])


def test_a_file_is_fetched_once_then_served_from_the_cache(tmp_path: Path) -> None:
    network = FakeNetwork({"https://a.example/thing.bin": PAYLOAD})
    vendor_file = _file((Source(url="https://a.example/thing.bin"),))
    cache = VendorCache(tmp_path, opener=network)

    first = cache.ensure_file(vendor_file, {})
    second = cache.ensure_file(vendor_file, {})

    assert first == second and first.read_bytes() == PAYLOAD
    assert network.opened == ["https://a.example/thing.bin"]


def test_the_mirror_is_used_when_the_official_source_fails(tmp_path: Path) -> None:
    network = FakeNetwork({"https://mirror.example/thing.bin": PAYLOAD})
    vendor_file = _file(
        (Source(url="https://official.example/thing.bin"),
         Source(url="https://mirror.example/thing.bin"))
    )  # fmt: skip
    path = VendorCache(tmp_path, opener=network).ensure_file(vendor_file, {})
    assert path.read_bytes() == PAYLOAD
    assert network.opened == [
        "https://official.example/thing.bin",
        "https://mirror.example/thing.bin",
    ]


def test_a_source_with_wrong_bytes_is_skipped_and_leaves_nothing(tmp_path: Path) -> None:
    network = FakeNetwork({"https://evil.example/thing.bin": b"something else"})
    vendor_file = _file((Source(url="https://evil.example/thing.bin"),))
    cache = VendorCache(tmp_path, opener=network)
    with pytest.raises(FetchError, match=r"integrity check failed .* expected sha256:"):
        cache.ensure_file(vendor_file, {})
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_offline_with_an_empty_cache_names_every_source_tried(tmp_path: Path) -> None:
    archive = Archive("bundle", "1.0", ("https://registry.example/bundle-1.0.tgz",),
                      Digest("sha256", "0" * 64))  # fmt: skip
    vendor_file = _file(
        (Source(url="https://cdn.example/thing.bin"),
         Source(archive="bundle", member="package/thing.bin"))
    )  # fmt: skip
    with pytest.raises(FetchError) as caught:
        VendorCache(tmp_path, opener=FakeNetwork({})).ensure_file(vendor_file, {"bundle": archive})
    message = str(caught.value)
    assert "https://cdn.example/thing.bin" in message
    assert "bundle:package/thing.bin" in message
    assert "https://registry.example/bundle-1.0.tgz" in message
    assert "Name or service not known" in message


def test_a_tampered_cached_file_stops_with_both_digests(tmp_path: Path) -> None:
    network = FakeNetwork({"https://a.example/thing.bin": PAYLOAD})
    vendor_file = _file((Source(url="https://a.example/thing.bin"),))
    cache = VendorCache(tmp_path, opener=network)
    path = cache.ensure_file(vendor_file, {})
    path.write_bytes(PAYLOAD.replace(b"pinned", b"PINNED"))

    with pytest.raises(IntegrityError) as caught:
        cache.ensure_file(vendor_file, {})
    assert caught.value.expected == f"sha256:{vendor_file.sha256}"
    assert caught.value.actual == f"sha256:{_sha(path.read_bytes())}"
    assert str(path) in str(caught.value)
    assert network.opened == ["https://a.example/thing.bin"]  # no silent re-download


def test_a_truncated_cached_file_reports_its_size(tmp_path: Path) -> None:
    network = FakeNetwork({"https://a.example/thing.bin": PAYLOAD})
    vendor_file = _file((Source(url="https://a.example/thing.bin"),))
    cache = VendorCache(tmp_path, opener=network)
    path = cache.ensure_file(vendor_file, {})
    path.write_bytes(PAYLOAD[:10])
    with pytest.raises(IntegrityError, match=rf"size 10 bytes, pinned {len(PAYLOAD)}"):
        cache.ensure_file(vendor_file, {})


def test_a_missing_archive_member_is_reported(tmp_path: Path) -> None:
    tarball = _tarball({"package/other.bin": b"x"})
    archive = Archive("bundle", "1.0", ("https://registry.example/bundle-1.0.tgz",),
                      Digest("sha256", _sha(tarball)))  # fmt: skip
    vendor_file = _file((Source(archive="bundle", member="package/thing.bin"),))
    network = FakeNetwork({"https://registry.example/bundle-1.0.tgz": tarball})
    with pytest.raises(FetchError, match=r"bundle:package/thing.bin: KeyError"):
        VendorCache(tmp_path, opener=network).ensure_file(vendor_file, {"bundle": archive})


def test_a_file_is_read_out_of_a_verified_archive(tmp_path: Path) -> None:
    tarball = _tarball({"package/thing.bin": PAYLOAD})
    archive = Archive("bundle", "1.0", ("https://registry.example/bundle-1.0.tgz",),
                      Digest("sha512", hashlib.sha512(tarball).hexdigest()))  # fmt: skip
    vendor_file = _file((Source(archive="bundle", member="package/thing.bin"),))
    network = FakeNetwork({"https://registry.example/bundle-1.0.tgz": tarball})
    cache = VendorCache(tmp_path, opener=network)

    assert cache.ensure_file(vendor_file, {"bundle": archive}).read_bytes() == PAYLOAD

    # The archive itself tampered in the cache: reading another member stops.
    cache.archive_path(archive).write_bytes(_tarball({"package/thing.bin": b"evil"}))
    other = _file((Source(archive="bundle", member="package/thing.bin"),), data=b"other")
    with pytest.raises(FetchError, match=r"cached archive .* expected sha512:"):
        cache.ensure_file(other, {"bundle": archive})


def test_copy_verified_writes_the_site_copy_and_skips_an_identical_one(tmp_path: Path) -> None:
    network = FakeNetwork({"https://a.example/thing.bin": PAYLOAD})
    vendor_file = _file((Source(url="https://a.example/thing.bin"),))
    cache = VendorCache(tmp_path / "cache", opener=network)
    dest = tmp_path / "site" / "static" / "thing.bin"

    assert cache.copy_verified(vendor_file, {}, dest) is True
    assert cache.copy_verified(vendor_file, {}, dest) is False
    dest.write_bytes(b"stale")
    assert cache.copy_verified(vendor_file, {}, dest) is True
    assert dest.read_bytes() == PAYLOAD


def _tarball(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as bundle:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_an_archive_can_be_the_file_itself(tmp_path: Path) -> None:
    # A wheel shipped whole: the source names the archive and no member.
    archive = Archive("thing", "1.0", ("https://registry.example/thing.bin",),
                      Digest("sha256", _sha(PAYLOAD)))  # fmt: skip
    vendor_file = _file((Source(archive="thing"),))
    cache = VendorCache(
        tmp_path, opener=FakeNetwork({"https://registry.example/thing.bin": PAYLOAD})
    )
    assert cache.ensure_file(vendor_file, {"thing": archive}).read_bytes() == PAYLOAD
    assert Source(archive="thing").describe() == "thing"
