"""The site offline after a visit: the manifest and the service worker's part.

JupyterLite's ``service-worker.js`` (one scope has one service worker, and
JupyterLite's answers its drive and stdin requests) gets
``importScripts`` of ``worker/offline.js`` at its top, written into the site
with the site's version in front. The version is a hash of the offline
manifest, which lists every file a visit may keep (path and sha256): a
rebuilt site that changed any file has a new version, so browsers install
the new worker (they compare imported scripts byte for byte), which starts
from the unchanged files of the old cache and drops the rest.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

__all__ = ["OFFLINE_MANIFEST", "OFFLINE_WORKER", "offline_manifest", "write_offline_worker"]

#: Where the site keeps the manifest and the worker's part.
OFFLINE_MANIFEST = "static/portlite/offline-manifest.json"
OFFLINE_WORKER = "static/portlite/offline-worker.js"

#: JupyterLite's service worker, at the site's root.
SERVICE_WORKER = "service-worker.js"

#: Never kept offline: models (the model cache keeps those a notebook
#: fetched), the service worker and its part (the browser updates them
#: itself) and the host's header file.
NOT_KEPT = ("static/portlite/models/", SERVICE_WORKER, OFFLINE_WORKER, OFFLINE_MANIFEST, "_headers")

_SOURCE = Path(__file__).parent / "worker" / "offline.js"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def offline_manifest(output_dir: Path) -> dict[str, object]:
    """Every file of the site a visit may keep offline, with its sha256, and the version.

    Returns
    -------
    dict
        ``version`` (16 hex digits of a hash over the sorted paths and
        hashes) and ``files`` (site-relative path to sha256).
    """
    files = {
        path.relative_to(output_dir).as_posix(): _sha256(path)
        for path in sorted(output_dir.rglob("*"))
        if path.is_file() and not path.relative_to(output_dir).as_posix().startswith(NOT_KEPT)
    }
    listing = "".join(f"{path}\0{sha}\n" for path, sha in files.items())
    return {"version": hashlib.sha256(listing.encode()).hexdigest()[:16], "files": files}


def write_offline_worker(output_dir: Path) -> str:
    """Write the manifest and the worker's part; import it from JupyterLite's service worker.

    Returns
    -------
    str
        The site's version.

    Raises
    ------
    FileNotFoundError
        If the site has no ``service-worker.js`` (JupyterLite's layout changed).
    """
    manifest = offline_manifest(output_dir)
    version = str(manifest["version"])
    (output_dir / OFFLINE_MANIFEST).write_text(json.dumps(manifest, indent=0), encoding="utf-8")
    (output_dir / OFFLINE_WORKER).write_text(
        f'self.PORTLITE_OFFLINE_VERSION = "{version}";\n' + _SOURCE.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    worker = output_dir / SERVICE_WORKER
    source = worker.read_text(encoding="utf-8")
    line = f'importScripts("./{OFFLINE_WORKER}");\n'
    if not source.startswith(line):
        worker.write_text(line + source, encoding="utf-8")
    return version
