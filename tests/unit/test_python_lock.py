"""The Python packages `make` installs are hash-locked, and the lock follows pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from portlite_site import REPO_ROOT

LOCK = REPO_ROOT / "requirements.lock"


def _locked() -> dict[str, tuple[str, int]]:
    """Name to (version, number of sha256 hashes) for every entry of the lock."""
    entries: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text()):
        head = re.match(r"([A-Za-z0-9._-]+)==([^ \\]+)", block)
        if head:
            name = re.sub(r"[-_.]+", "-", head.group(1)).lower()
            entries[name] = (head.group(2), len(re.findall(r"--hash=sha256:[0-9a-f]{64}", block)))
    return entries


def test_every_pin_of_pyproject_is_in_the_lock_with_its_version() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    pins = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        pins += extra
    locked = _locked()
    for pin in pins:
        name, version = pin.split("==")
        key = re.sub(r"[-_.]+", "-", name).lower()
        assert locked.get(key, ("missing",))[0] == version, pin


def test_every_locked_package_has_a_hash_and_no_index_is_named() -> None:
    locked = _locked()
    assert len(locked) > 50
    assert all(hashes >= 1 for _, hashes in locked.values())
    text = LOCK.read_text()
    assert "--index-url" not in text and "--find-links" not in text and "://" not in text


def test_the_makefile_installs_from_the_lock_with_hashes_required() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements.lock" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
