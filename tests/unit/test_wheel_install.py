"""Installing a pure wheel from its bytes (portlite.wheel_install), as done without JSPI."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from portlite.wheel_install import MAX_WHEEL_BYTES, WheelError, install_wheel, is_pure_wheel

NAME = "tiny-1.0-py3-none-any.whl"


def _wheel(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_pure_wheel_is_unpacked_and_importable(tmp_path: Path, monkeypatch) -> None:
    data = _wheel(
        {"tiny/__init__.py": b"VALUE = 7\n", "tiny-1.0.dist-info/METADATA": b"Name: tiny\n"}
    )
    written = install_wheel(NAME, data, _sha(data), tmp_path)
    assert sorted(written) == ["tiny-1.0.dist-info/METADATA", "tiny/__init__.py"]
    monkeypatch.syspath_prepend(str(tmp_path))
    import tiny  # type: ignore[import-not-found]

    assert tiny.VALUE == 7
    monkeypatch.delitem(__import__("sys").modules, "tiny")


def test_another_digest_writes_nothing(tmp_path: Path) -> None:
    data = _wheel({"tiny/__init__.py": b""})
    with pytest.raises(WheelError, match=f"has sha256 {_sha(data)}, the lock says 0+"):
        install_wheel(NAME, data, "0" * 64, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "member", ["../escape.py", "/etc/escape.py", "tiny/../../escape.py", "a\\..\\b.py"]
)
def test_a_member_outside_site_packages_writes_nothing(tmp_path: Path, member: str) -> None:
    data = _wheel({"tiny/__init__.py": b"", member: b"print('escaped')"})
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(WheelError, match="a member outside site-packages"):
        install_wheel(NAME, data, _sha(data), site)
    assert list(site.iterdir()) == [] and not (tmp_path / "escape.py").exists()


def test_only_pure_small_zip_wheels_are_taken(tmp_path: Path) -> None:
    assert is_pure_wheel(NAME) and not is_pure_wheel(
        "pillow-10.2.0-cp312-cp312-pyodide_2024_0_wasm32.whl"
    )
    with pytest.raises(WheelError, match="is not a pure-Python wheel"):
        install_wheel("x-1-cp312-cp312-pyodide_2024_0_wasm32.whl", b"", _sha(b""), tmp_path)
    with pytest.raises(WheelError, match="is not a zip archive"):
        install_wheel(NAME, b"not a zip", _sha(b"not a zip"), tmp_path)
    big = b"\0" * (MAX_WHEEL_BYTES + 1)
    with pytest.raises(WheelError, match="more than"):
        install_wheel(NAME, big, _sha(big), tmp_path)
