"""The site ships exactly its allowed extensions: others go, a missing one stops the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jupyterlite_core.manager import LiteManager

from portlite_site.addon import ALLOWED_LABEXTENSIONS, PagesAddon


def _extension(output: Path, name: str) -> None:
    folder = output / "extensions" / name
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name}))


def test_others_are_removed_and_the_allowed_kept(tmp_path: Path) -> None:
    for name in [*ALLOWED_LABEXTENSIONS, "jupyterlab_pygments"]:
        _extension(tmp_path, name)
    PagesAddon(LiteManager(output_dir=tmp_path)).keep_allowed_extensions()
    assert not (tmp_path / "extensions" / "jupyterlab_pygments").exists()
    assert all((tmp_path / "extensions" / name).is_dir() for name in ALLOWED_LABEXTENSIONS)


def test_a_missing_extension_stops_the_build_naming_it_and_the_setting(tmp_path: Path) -> None:
    kept = sorted(ALLOWED_LABEXTENSIONS)
    for name in kept[1:]:
        _extension(tmp_path, name)
    with pytest.raises(RuntimeError, match="extra_labextensions_path") as raised:
        PagesAddon(LiteManager(output_dir=tmp_path)).keep_allowed_extensions()
    assert kept[0] in str(raised.value)
