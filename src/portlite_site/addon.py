"""The JupyterLite build addon that vendors PortLite's runtime files.

Hooks, in the order ``jupyter lite build`` runs them:

- ``build``: fetch every file of the manifest into the vendor cache (once),
  verify it, and copy it into ``<output>/<dest>``; add bytecode to every
  wheel (see :mod:`portlite_site.bytecode`); write the site's
  ``static/pyodide/pyodide-lock.json``; render the OCR notebook's receipt and
  run rapidocr on CPython for the OCR notebooks' reference. Build PortLite's JupyterLite
  extension from ``kernel_ext/`` (see :mod:`portlite_site.kernel_extension`)
  into ``<output>/extensions/``.
- ``post_build``: point the Pyodide kernel at the local Pyodide and set the
  PyPI fallback in ``jupyter-lite.json``; list PortLite's extension there and
  write its preload settings (the schema's defaults, overridden and checked
  against the schema from ``lite/jupyter-lite.json``); load the page scripts first in
  every app (``page/atomics-wait-async.js`` and ``page/whole-replies.js``,
  fixes for lost and half-read messages between the kernel and its worker,
  and ``page/persist-storage.js``, which asks for persistent storage for the
  model cache); write the landing page (the site's root ``index.html``,
  see :mod:`portlite_site.landing`); put a favicon at the site's root.

There is no ``check`` hook: ``jupyter lite check`` runs the build first, which
re-verifies and repairs every vendored file, so a check after it could not
fail.

Nothing unverified reaches the output: each file is hashed in the cache
before it is copied, and the copy is renamed into place.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from jupyterlite_core.addons.base import BaseAddon
from jupyterlite_core.constants import JUPYTERLITE_JSON
from traitlets import Bool, Unicode, default

from . import DEFAULT_MANIFEST, DEFAULT_VENDOR_CACHE, REPO_ROOT
from .bytecode import compile_wheels
from .font_cache import FONT_LIST, build_font_list
from .headers import externalize_inline_scripts, netlify_headers_file
from .kernel_extension import EXTENSION_NAME, PLUGIN_ID, build_labextension, preload_settings
from .landing import landing_page
from .manifest import Manifest, load_manifest
from .ocr_reference import render_receipt, write_reference
from .offline import write_offline_worker
from .page_fixes import check_page_fixes
from .pure_wheel import PureWheel, build_pure_wheel
from .pyodide_lock import lock_entry, site_lock
from .start_size import StartSize, start_size
from .vendor_cache import VendorCache, hash_file

__all__ = ["PortliteAddon"]

#: The Pyodide kernel's plugin id in ``litePluginSettings``.
PYODIDE_KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"

#: Where the site's Pyodide lives, relative to the output folder.
PYODIDE_DIR = "static/pyodide"

#: The in-kernel package, built into a wheel that the site's lock lists.
KERNEL_PACKAGE = REPO_ROOT / "kernel_ext" / "py"

#: What the Pyodide kernel loads with Pyodide itself, in one parallel batch:
#: its own packages (which it would otherwise install one at a time through
#: piplite: it skips those already loaded), then numpy and portlite, which
#: PortLite's preload imports first.
KERNEL_START_PACKAGES = (
    "micropip", "piplite", "ssl", "sqlite3", "ipykernel", "comm", "pyodide_kernel",
    "jedi", "ipython", "numpy", "portlite",
)  # fmt: skip

#: The OCR notebooks' reference: rapidocr's own code, run at build time on
#: these images (vendor file ids) and the receipt, written into the site's contents.
OCR_REFERENCE = "files/data/ocr-reference.json"
OCR_IMAGES = {"page": "skimage-page.png", "text": "skimage-text.png"}
OCR_PACKAGE = "rapidocr-onnxruntime"
OCR_MODELS = {
    "det": "ch_PP-OCRv4_det_infer.onnx",
    "cls": "ch_ppocr_mobile_v2.0_cls_infer.onnx",
    "rec": "ch_PP-OCRv4_rec_infer.onnx",
}
#: The receipt the build renders for the OCR notebook (see :mod:`portlite_site.ocr_reference`).
OCR_RECEIPT = "files/data/receipt.png"

#: Pure-Python wheels packed out of pinned source tarballs (see
#: :mod:`portlite_site.pure_wheel`): archive -> (distribution, package folder
#: in the tarball, import name).
PURE_WHEELS = {"pyyaml": ("PyYAML", "lib/yaml", "yaml")}

#: Where the extension's builds are kept (keyed by a hash of their inputs).
EXTENSION_CACHE = REPO_ROOT / ".cache" / "kernel-extension"

#: Where wheels compiled to bytecode are kept (see :mod:`portlite_site.bytecode`).
BYTECODE_CACHE = REPO_ROOT / ".cache" / "bytecode"

#: Where matplotlib font lists made at build time are kept (see :mod:`portlite_site.font_cache`).
FONT_LIST_CACHE = REPO_ROOT / ".cache" / "fontlist"

#: The JupyterLab extensions the site ships; any other found in the build's
#: environment is left out (what the site runs is chosen, not picked up).
ALLOWED_LABEXTENSIONS = frozenset(
    {
        "@jupyter-widgets/jupyterlab-manager",
        "@jupyterlite/pyodide-kernel-extension",
        EXTENSION_NAME,
    }
)

#: Scripts loaded first in every app page, and where the site keeps them.
PAGE_SCRIPTS = (
    "link-code.js",
    "meter-kernel-worker.js",
    "atomics-wait-async.js",
    "whole-replies.js",
    "persist-storage.js",
)
PAGE_SCRIPT_DIR = "static/portlite"

#: The Pyodide kernel extension's scripts, where its worker script is.
KERNEL_WORKER_DIR = "extensions/@jupyterlite/pyodide-kernel-extension/static"

#: The worker's load meter (``worker/load-meter.js``), beside the kernel's
#: worker script: ``page/meter-kernel-worker.js`` starts the worker through it.
LOAD_METER = "portlite-load-meter.js"


class PortliteAddon(BaseAddon):  # type: ignore[misc]  # jupyterlite_core is untyped
    """Vendor pinned, hash-checked runtime files into the JupyterLite site."""

    __all__ = ["build", "post_build"]

    manifest_path = Unicode(help="The vendor manifest (TOML). env: PORTLITE_MANIFEST").tag(
        config=True
    )
    vendor_cache_dir = Unicode(
        help="Where fetched files are kept between builds. env: PORTLITE_CACHE"
    ).tag(config=True)
    disable_pypi_fallback = Bool(
        False,
        help=(
            "Stop %pip from reaching PyPI for packages the site does not ship, "
            "so that a missing file fails loudly. env: PORTLITE_DISABLE_PYPI_FALLBACK=1"
        ),
    ).tag(config=True)

    @default("manifest_path")
    def _default_manifest_path(self) -> str:
        return os.environ.get("PORTLITE_MANIFEST", str(DEFAULT_MANIFEST))

    @default("vendor_cache_dir")
    def _default_vendor_cache_dir(self) -> str:
        return os.environ.get("PORTLITE_CACHE", str(DEFAULT_VENDOR_CACHE))

    @default("disable_pypi_fallback")
    def _default_disable_pypi_fallback(self) -> bool:
        return os.environ.get("PORTLITE_DISABLE_PYPI_FALLBACK", "") in ("1", "true", "True")

    @property
    def manifest(self) -> Manifest:
        """The parsed manifest (read on each use; it is small)."""
        return load_manifest(Path(self.manifest_path))

    @property
    def vendor_cache(self) -> VendorCache:
        """The cache that files are fetched into."""
        return VendorCache(Path(self.vendor_cache_dir), log=self.log.info)

    # -- hooks -----------------------------------------------------------

    def build(self, manager: Any) -> Any:
        """Fetch, verify and copy every shipped file; write the site's lock."""
        yield self.task(
            name="vendor",
            doc="fetch, verify and copy PortLite's pinned runtime files",
            uptodate=[lambda: False],
            actions=[self.vendor_all],
        )
        yield self.task(
            name="kernel-extension",
            doc=f"build {EXTENSION_NAME} from kernel_ext/ into the site",
            uptodate=[lambda: False],
            actions=[self.copy_kernel_extension],
        )

    def post_build(self, manager: Any) -> Any:
        """Point the kernel at the local Pyodide; set the PyPI fallback."""
        jupyterlite_json = manager.output_dir / JUPYTERLITE_JSON
        yield self.task(
            name=f"patch:{JUPYTERLITE_JSON}",
            doc="use the vendored Pyodide in the Pyodide kernel",
            uptodate=[lambda: False],
            actions=[(self.patch_jupyterlite_json, [jupyterlite_json])],
        )

        sources = [Path(__file__).parent / "page" / name for name in PAGE_SCRIPTS]
        meter = Path(__file__).parent / "worker" / "load-meter.js"
        yield self.task(
            name="page-scripts",
            doc="load PortLite's page scripts before each app's own code",
            file_dep=[
                *sources,
                meter,
                *(manager.output_dir / a / "index.html" for a in manager.apps),
            ],
            uptodate=[lambda: False],
            actions=[
                *(
                    (self.copy_one, [source, manager.output_dir / PAGE_SCRIPT_DIR / source.name])
                    for source in sources
                ),
                (self.copy_one, [meter, manager.output_dir / KERNEL_WORKER_DIR / LOAD_METER]),
                (self.inject_page_scripts, [manager.apps]),
            ],
        )

        yield self.task(
            name="content-security",
            doc="move inline scripts into files (no 'unsafe-inline'); write the _headers file",
            task_dep=["post_build:portlite:page-scripts", "post_build:portlite:landing-page"],
            uptodate=[lambda: False],
            actions=[(self.secure_pages, [manager.output_dir])],
        )

        yield self.task(
            name="landing-page",
            doc="the site's root page: the sample notebooks, each by its link",
            uptodate=[lambda: False],
            actions=[(self.write_landing_page, [manager.output_dir / "index.html"])],
        )

        # Browsers ask for /favicon.ico whatever the page says; answer it so a
        # static host logs no 404 for every visit.
        yield self.task(
            name="favicon",
            doc="a favicon at the site's root",
            file_dep=[manager.output_dir / "lab" / "favicon.ico"],
            targets=[manager.output_dir / "favicon.ico"],
            actions=[(self.copy_one, [manager.output_dir / "lab" / "favicon.ico",
                                      manager.output_dir / "favicon.ico"])],
        )  # fmt: skip

        # Last: the manifest hashes every file the other steps wrote.
        yield self.task(
            name="offline",
            doc="the offline manifest and the service worker's part (see portlite_site.offline)",
            task_dep=[
                f"post_build:portlite:{name}"
                for name in (
                    f"patch:{JUPYTERLITE_JSON}",
                    "page-scripts",
                    "content-security",
                    "landing-page",
                    "favicon",
                )
            ],
            uptodate=[lambda: False],
            actions=[(self.make_offline, [manager.output_dir])],
        )

    # -- actions ---------------------------------------------------------

    def make_offline(self, output_dir: Path) -> None:
        """Write the offline manifest; import the offline part in JupyterLite's service worker."""
        version = write_offline_worker(output_dir)
        self.log.info(f"[portlite] offline manifest written (version {version})")

    def vendor_all(self) -> None:
        """Fetch everything first, so a failure leaves the output untouched."""
        manifest, cache, output = self.manifest, self.vendor_cache, self.manager.output_dir
        for vendor_file in manifest.files:
            cache.ensure_file(vendor_file, manifest.archives)
        own_wheels = (
            self.build_kernel_wheel(output / PYODIDE_DIR),
            *self.build_pure_wheels(output / PYODIDE_DIR),
        )
        lock = site_lock(
            manifest, cache.file_path(manifest.file(manifest.official_lock)), own_wheels
        )
        copied = sum(
            cache.copy_verified(f, manifest.archives, output / str(f.dest))
            for f in manifest.shipped
        )
        self.compile_bytecode(lock, [entry["file_name"] for entry in own_wheels])
        lock_path = output / PYODIDE_DIR / "pyodide-lock.json"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
        if build_font_list(output / PYODIDE_DIR, lock_path, output / FONT_LIST, FONT_LIST_CACHE):
            self.log.info("[portlite] built matplotlib's font list with the site's Pyodide")
        render_receipt(output / OCR_RECEIPT)
        images = {name: output / str(manifest.file(i).dest) for name, i in OCR_IMAGES.items()}
        write_reference(
            cache.archive_path(manifest.archives[OCR_PACKAGE]),
            {part: output / str(manifest.file(i).dest) for part, i in OCR_MODELS.items()},
            images,
            {"receipt": output / OCR_RECEIPT, "text": images["text"]},
            output / OCR_REFERENCE,
        )
        self.log.info(
            f"[portlite] {len(manifest.shipped)} vendored files verified, {copied} copied, "
            f"{len(cache.downloads)} downloaded; lock lists {len(lock['packages'])} packages"
        )

    def compile_bytecode(self, lock: dict[str, Any], built: list[str]) -> None:
        """Ship every wheel of ``lock`` with its bytecode; put their sha256 in the lock.

        The originals are the verified files of the vendor cache (and the
        wheels this build made, named in ``built``), so a build never
        compiles its own output.
        """
        manifest, cache, output = self.manifest, self.vendor_cache, self.manager.output_dir
        pyodide = output / PYODIDE_DIR
        wheels = {
            cache.file_path(f): output / str(f.dest)
            for f in manifest.shipped
            if str(f.dest).endswith(".whl")
        }
        with tempfile.TemporaryDirectory() as scratch:
            for file_name in built:
                wheels[shutil.copyfile(pyodide / file_name, Path(scratch, file_name))] = (
                    pyodide / file_name
                )
            official_lock = cache.file_path(manifest.file(manifest.official_lock))
            digests = compile_wheels(
                wheels, pyodide, official_lock, manifest.pyodide_version, BYTECODE_CACHE,
                log=self.log.info,
            )  # fmt: skip
        by_name = {dest.name: digest for dest, digest in digests.items()}
        for entry in lock["packages"].values():
            if entry["file_name"].endswith(".whl"):
                entry["sha256"] = by_name[entry["file_name"]]

    def build_kernel_wheel(self, dest_dir: Path) -> dict[str, Any]:
        """Build ``kernel_ext/py`` into a wheel in ``dest_dir``; return its lock entry.

        The wheel reaches the kernel like any Pyodide package: ``import
        portlite`` loads it from the site.
        """
        dest_dir.mkdir(parents=True, exist_ok=True)
        # setuptools builds in the source tree; a stale build/ would carry
        # modules since deleted into the wheel.
        shutil.rmtree(KERNEL_PACKAGE / "build", ignore_errors=True)
        with tempfile.TemporaryDirectory() as scratch:
            subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                 "--no-build-isolation", "--wheel-dir", scratch, str(KERNEL_PACKAGE)],
                check=True,
            )  # fmt: skip
            built = next(Path(scratch).glob("portlite-*.whl"))
            wheel = dest_dir / built.name
            shutil.copyfile(built, wheel)
        version = wheel.name.split("-")[1]
        digest = hash_file(wheel)
        return lock_entry("portlite", version, wheel.name, digest, ["portlite"], ["numpy"])

    def build_pure_wheels(self, dest_dir: Path) -> list[dict[str, Any]]:
        """Pack :data:`PURE_WHEELS` out of their pinned tarballs; return their lock entries."""
        entries = []
        for archive_name, (name, package_dir, import_name) in PURE_WHEELS.items():
            archive = self.manifest.archives[archive_name]
            spec = PureWheel(name, archive.version, package_dir, import_name)
            wheel, digest = build_pure_wheel(
                self.vendor_cache.ensure_archive(archive), spec, dest_dir
            )
            entries.append(
                lock_entry(archive_name, spec.version, wheel.name, digest, [import_name], [])
            )
        return entries

    def copy_kernel_extension(self) -> None:
        """Build (or reuse) the extension and put it where the site loads it from."""
        built = build_labextension(EXTENSION_CACHE, log=self.log.info)
        dest = self.manager.output_dir / "extensions" / EXTENSION_NAME
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(built, dest)

    def patch_jupyterlite_json(self, config_path: Path) -> None:
        """Configure the Pyodide kernel and PortLite's extension in ``jupyter-lite.json``.

        The kernel gets the local Pyodide, the PyPI fallback setting and the
        packages to load with Pyodide (:data:`KERNEL_START_PACKAGES`); the
        extension is listed (JupyterLite's own listing of extensions may run
        before it is built) and gets its preload settings, checked.
        """
        settings = self.get_lite_plugin_settings(config_path, PYODIDE_KERNEL_PLUGIN)
        settings["pyodideUrl"] = f"./{PYODIDE_DIR}/pyodide.js"
        settings["disablePyPIFallback"] = bool(self.disable_pypi_fallback)
        options = settings.setdefault("loadPyodideOptions", {})
        packages = options.get("packages", [])
        options["packages"] = [*packages, *(p for p in KERNEL_START_PACKAGES if p not in packages)]
        self.set_lite_plugin_settings(config_path, PYODIDE_KERNEL_PLUGIN, settings)

        preload = preload_settings(self.get_lite_plugin_settings(config_path, PLUGIN_ID))
        self.set_lite_plugin_settings(config_path, PLUGIN_ID, preload)
        start = self.start_size()

        package = self.manager.output_dir / "extensions" / EXTENSION_NAME / "package.json"
        build_info = json.loads(package.read_text(encoding="utf-8"))["jupyterlab"]["_build"]
        config = json.loads(config_path.read_text(encoding="utf-8"))
        data = config["jupyter-config-data"]
        listed = [
            e
            for e in data.get("federated_extensions", [])
            if e["name"] in ALLOWED_LABEXTENSIONS and e["name"] != EXTENSION_NAME
        ]
        data["federated_extensions"] = [*listed, {"name": EXTENSION_NAME, **build_info}]
        # What the status shows a kernel start's progress against (kernel_ext/src/preload/load.ts).
        data["portliteStartBytes"] = start.parts
        config_path.write_text(json.dumps(config, indent=2, sort_keys=True), encoding="utf-8")
        # jupyterlite copies every prebuilt labextension of the build's environment
        # (e.g. jupyterlab_pygments, which nbconvert pulls in): ship only ours.
        extensions = self.manager.output_dir / "extensions"
        for folder in [*extensions.glob("*/package.json"), *extensions.glob("@*/*/package.json")]:
            name = json.loads(folder.read_text(encoding="utf-8"))["name"]
            if name not in ALLOWED_LABEXTENSIONS:
                shutil.rmtree(folder.parent)

    def secure_pages(self, output_dir: Path) -> None:
        """Let every page run under the site's content security policy.

        JupyterLite's pages start with a small inline script; each is moved
        into a file beside its page (so relative imports resolve as before),
        and the built site gets a ``_headers`` file for hosts that read one.
        """
        pages = [
            page
            for page in output_dir.rglob("*.html")
            if page.relative_to(output_dir).parts[0] not in ("files", "extensions", "static")
        ]
        check_page_fixes(output_dir / "extensions" / "@jupyterlite" / "pyodide-kernel-extension")
        moved = sum(externalize_inline_scripts(page) for page in pages)
        (output_dir / "_headers").write_text(netlify_headers_file(), encoding="utf-8")
        self.log.info(f"[portlite] {moved} inline scripts moved into files; _headers written")

    def start_size(self) -> StartSize:
        """What a kernel start of this site fetches, part by part (see :mod:`.start_size`)."""
        output = self.manager.output_dir
        config = output / JUPYTERLITE_JSON
        preload = preload_settings(self.get_lite_plugin_settings(config, PLUGIN_ID))
        lock_path = output / PYODIDE_DIR / "pyodide-lock.json"
        return start_size(
            output / PYODIDE_DIR,
            json.loads(lock_path.read_text(encoding="utf-8")),
            KERNEL_START_PACKAGES,
            output / preload["opencvUrl"],
            output / preload["onnxruntimeUrl"],
        )

    def write_landing_page(self, index: Path) -> None:
        """Replace JupyterLite's root redirect with the landing page."""
        index.write_text(landing_page(REPO_ROOT / "notebooks", self.start_size()), encoding="utf-8")

    def inject_page_scripts(self, apps: list[str]) -> None:
        """Load the page scripts first in every app's ``index.html`` (idempotent)."""
        tags = "".join(
            f'\n    <script src="../{PAGE_SCRIPT_DIR}/{name}"></script>' for name in PAGE_SCRIPTS
        )
        for app in apps:
            index = self.manager.output_dir / app / "index.html"
            html = index.read_text(encoding="utf-8")
            if tags not in html:
                index.write_text(html.replace("<head>", f"<head>{tags}", 1), encoding="utf-8")
