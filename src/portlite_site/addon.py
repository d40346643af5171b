"""PortLite's JupyterLite build addons, one per concern, each task with its inputs and outputs.

In the order ``jupyter lite build`` runs them:

- ``portlite-vendor`` (build): fetch every file of the manifest into the
  vendor cache (once), verify it, and copy it into ``<output>/<dest>``.
- ``portlite-wheels`` (build): build PortLite's own wheels, add bytecode to
  every wheel (see :mod:`portlite_site.bytecode`), write the site's
  ``static/pyodide/pyodide-lock.json`` and matplotlib's font list.
- ``portlite-ocr`` (build): render the OCR notebook's receipt and run
  rapidocr on CPython for the OCR notebooks' reference.
- ``portlite-extension`` (build): build PortLite's JupyterLite extension from
  ``kernel_ext/`` (see :mod:`portlite_site.kernel_extension`) into
  ``<output>/extensions/``.
- ``portlite-pages`` (post_build): point the Pyodide kernel at the local
  Pyodide and write the extension's settings in ``jupyter-lite.json``; load
  the page scripts first in every app, write the landing page, move inline
  scripts into files for the content security policy; put a favicon at the
  site's root.
- ``portlite-offline`` (post_build, last): the offline manifest, which hashes
  every file the other steps wrote.

Every task names its inputs (``file_dep``) and outputs (``targets``), so doit
skips what is up to date; doit's state is kept per output folder under the
cache root (:data:`portlite_site.CACHE_ROOT`). There is no ``check`` hook:
``jupyter lite check`` runs the build first.

Nothing unverified reaches the output: each file is hashed in the cache
before it is copied, and the copy is renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from doit.tools import config_changed
from jupyterlite_core.addons.base import BaseAddon
from jupyterlite_core.constants import JUPYTERLITE_JSON
from traitlets import Bool, Enum, Unicode, default

from . import CACHE_ROOT, DEFAULT_MANIFEST, REPO_ROOT, opencv_build_cache_dir, vendor_cache_dir
from .bytecode import compile_wheels, is_compiled_from
from .cv2_bindings import TABLE, opencv_js_exports
from .font_cache import FONT_LIST, build_font_list
from .headers import externalize_inline_scripts, netlify_headers_file
from .kernel_extension import (
    EXTENSION_NAME,
    PLUGIN_ID,
    build_labextension,
    extension_inputs,
    preload_settings,
)
from .landing import landing_page
from .manifest import Manifest, load_manifest
from .ocr_reference import render_receipt, write_reference
from .offline import OFFLINE_MANIFEST, write_offline_worker
from .opencv_build import api_differences, build_simd_opencv
from .opencv_wasm import OPENCV_WASM, split_wasm, write_opencv
from .page_fixes import check_page_fixes
from .pure_wheel import PureWheel, build_pure_wheel
from .pyodide_lock import lock_entry, site_lock
from .scan_reference import render_letter, render_photo
from .scan_reference import write_reference as write_scan_reference
from .start_size import StartSize, start_size
from .vendor_cache import VendorCache, hash_file

__all__ = [
    "ExtensionAddon",
    "OcrAddon",
    "OfflineAddon",
    "PagesAddon",
    "PortliteAddon",
    "VendorAddon",
    "WheelsAddon",
]

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

#: Start packages nothing imports before the first output (jedi: IPython's
#: richer completions; ssl: https clients), 4.4 MB with their dependencies.
#: They stay in the kernel's package list, so its worker does not install
#: them one by one, but ``worker/load-meter.js`` takes them out of what
#: Pyodide loads at start and ``portlite.preload`` loads them after the
#: first output, under this loadPyodide option's name.
DEFERRED_START_PACKAGES = ("ssl", "jedi")
DEFERRED_OPTION = "portliteDeferredPackages"

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
#: The pinned opencv.js (vendor.toml) and where the site serves it, with its wasm beside it.
OPENCV_JS = "opencv.js"
OPENCV_DIR = "static/portlite/opencv"
#: Where a site whose opencv.js is the SIMD build serves the npm (scalar) build, for
#: browsers without wasm SIMD (the preload setting ``opencvScalarUrl``).
OPENCV_SCALAR_DIR = OPENCV_DIR + "/scalar"

#: The document-scanner notebook: its script (in the notebooks), the desk under the letter
#: the build draws and photographs, and the photo, scan and findings it writes
#: (see :mod:`portlite_site.scan_reference`).
SCAN_SCRIPT = REPO_ROOT / "notebooks" / "scan_document.py"
SCAN_DESK = "skimage-gravel.png"
SCAN_LETTER = "files/data/letter.png"
SCAN_PHOTO = "files/data/letter-photo.png"
SCAN_CLEAN = "files/data/letter-scan.png"
SCAN_REFERENCE = "files/data/scan-reference.json"
#: The receipt the build renders for the OCR notebook (see :mod:`portlite_site.ocr_reference`).
OCR_RECEIPT = "files/data/receipt.png"

#: Pure-Python wheels packed out of pinned source tarballs (see
#: :mod:`portlite_site.pure_wheel`): archive -> (distribution, package folder
#: in the tarball, import name).
PURE_WHEELS = {"pyyaml": ("PyYAML", "lib/yaml", "yaml")}

#: Where the extension's builds are kept (keyed by a hash of their inputs).
EXTENSION_CACHE = CACHE_ROOT / "kernel-extension"

#: Where wheels compiled to bytecode are kept (see :mod:`portlite_site.bytecode`).
BYTECODE_CACHE = CACHE_ROOT / "bytecode"

#: Where matplotlib font lists made at build time are kept (see :mod:`portlite_site.font_cache`).
FONT_LIST_CACHE = CACHE_ROOT / "fontlist"

#: doit's state, one file per output folder (see :meth:`PortliteAddon.__init__`).
DOIT_STATE = CACHE_ROOT / "doit"

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


def site_start_size(output: Path, preload: dict[str, Any]) -> StartSize:
    """What a kernel start of the site in ``output`` fetches, with the extension's ``preload``
    settings (see :mod:`.start_size`)."""
    lock_path = output / PYODIDE_DIR / "pyodide-lock.json"
    return start_size(
        output / PYODIDE_DIR,
        json.loads(lock_path.read_text(encoding="utf-8")),
        tuple(p for p in KERNEL_START_PACKAGES if p not in DEFERRED_START_PACKAGES),
        output / preload["opencvUrl"],
        output / preload["onnxruntimeUrl"],
        DEFERRED_START_PACKAGES,
    )


class PortliteAddon(BaseAddon):  # type: ignore[misc]  # jupyterlite_core is untyped
    """What PortLite's addons share: settings, the manifest, the caches, the actions.

    Configured as ``PortliteAddon`` (or by environment variable); each
    concern is an addon of its own below.
    """

    __all__: list[str] = []

    def __init__(self, manager: Any, **kwargs: Any) -> None:
        super().__init__(manager=manager, **kwargs)
        # doit keys its state by task name, and jupyterlite keeps it in the
        # working folder: a build into a second folder would take the first
        # one's outputs as its own. One state file per output folder, under
        # the cache root (jupyterlite offers no setting for it, so the
        # manager's doit configuration is set here, before its first run).
        folder = str(Path(manager.output_dir).resolve())
        state = DOIT_STATE / f"{hashlib.sha256(folder.encode()).hexdigest()[:16]}.db"
        state.parent.mkdir(parents=True, exist_ok=True)
        manager._doit_config = {**manager._doit_config, "dep_file": str(state)}

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

    opencv_build = Enum(
        ["simd", "npm"],
        default_value="simd",
        help=(
            "Which opencv.js the site runs: 'simd', built from OpenCV's pinned sources with "
            "WebAssembly SIMD (about 13 minutes once per machine, then cached; the npm build "
            "ships beside it for browsers without wasm SIMD), or 'npm', the scalar npm build "
            "alone (a fast first build). env: PORTLITE_OPENCV_BUILD"
        ),
    ).tag(config=True)
    opencv_build_cache = Unicode(
        help="Where SIMD builds of opencv.js are kept. env: PORTLITE_OPENCV_BUILD_CACHE"
    ).tag(config=True)

    @default("opencv_build")
    def _default_opencv_build(self) -> str:
        return os.environ.get("PORTLITE_OPENCV_BUILD", "simd")

    @default("opencv_build_cache")
    def _default_opencv_build_cache(self) -> str:
        return str(opencv_build_cache_dir())

    @default("manifest_path")
    def _default_manifest_path(self) -> str:
        return os.environ.get("PORTLITE_MANIFEST", str(DEFAULT_MANIFEST))

    @default("vendor_cache_dir")
    def _default_vendor_cache_dir(self) -> str:
        return str(vendor_cache_dir())

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

    # -- actions ---------------------------------------------------------

    def make_offline(self, output_dir: Path) -> None:
        """Write the offline manifest; import the offline part in JupyterLite's service worker."""
        version = write_offline_worker(output_dir)
        self.log.info(f"[portlite] offline manifest written (version {version})")

    def shipped_dests(self) -> list[Path]:
        """Where every shipped file goes in the output."""
        return [self.manager.output_dir / str(f.dest) for f in self.manifest.shipped]

    def copy_files(self) -> None:
        """Fetch everything first, so a failure leaves the output untouched; then copy."""
        manifest, cache, output = self.manifest, self.vendor_cache, self.manager.output_dir
        for vendor_file in manifest.files:
            cache.ensure_file(vendor_file, manifest.archives)
        copied = 0
        for vendor_file in manifest.shipped:
            dest = output / str(vendor_file.dest)
            # A wheel the wheels task compiled from this very original stays:
            # copying the original back would only make it compile again.
            if dest.suffix == ".whl" and is_compiled_from(cache.file_path(vendor_file), dest):
                continue
            copied += cache.copy_verified(vendor_file, manifest.archives, dest)
        self.log.info(
            f"[portlite] {len(manifest.shipped)} vendored files verified, {copied} copied, "
            f"{len(cache.downloads)} downloaded"
        )

    def build_wheels(self) -> None:
        """PortLite's own wheels; bytecode in every wheel; the site's lock; the font list."""
        manifest, cache, output = self.manifest, self.vendor_cache, self.manager.output_dir
        own_wheels = (
            self.build_kernel_wheel(output / PYODIDE_DIR),
            *self.build_pure_wheels(output / PYODIDE_DIR),
        )
        lock = site_lock(
            manifest, cache.file_path(manifest.file(manifest.official_lock)), own_wheels
        )
        self.compile_bytecode(lock, [entry["file_name"] for entry in own_wheels])
        lock_path = output / PYODIDE_DIR / "pyodide-lock.json"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
        if build_font_list(output / PYODIDE_DIR, lock_path, output / FONT_LIST, FONT_LIST_CACHE):
            self.log.info("[portlite] built matplotlib's font list with the site's Pyodide")
        self.log.info(f"[portlite] lock lists {len(lock['packages'])} packages")

    def write_ocr_reference(self) -> None:
        """The OCR notebook's receipt, and rapidocr's own results on CPython."""
        manifest, cache, output = self.manifest, self.vendor_cache, self.manager.output_dir
        render_receipt(output / OCR_RECEIPT)
        images = {name: output / str(manifest.file(i).dest) for name, i in OCR_IMAGES.items()}
        write_reference(
            cache.archive_path(manifest.archives[OCR_PACKAGE]),
            {part: output / str(manifest.file(i).dest) for part, i in OCR_MODELS.items()},
            images,
            {"receipt": output / OCR_RECEIPT, "text": images["text"]},
            output / OCR_REFERENCE,
        )

    def write_opencv(self) -> None:
        """opencv.js and its wasm: the SIMD build, with the npm build beside it as the
        scalar fallback; or the npm build alone (:attr:`opencv_build`)."""
        manifest, output = self.manifest, self.manager.output_dir
        npm = self.vendor_cache.ensure_file(manifest.file(OPENCV_JS), manifest.archives)
        if self.opencv_build == "npm":
            split_wasm(npm.read_bytes(), output / OPENCV_DIR)
            shutil.rmtree(output / OPENCV_SCALAR_DIR, ignore_errors=True)
            return
        simd = self.simd_opencv()
        split_wasm(npm.read_bytes(), output / OPENCV_SCALAR_DIR)
        write_opencv((simd / OPENCV_JS).read_bytes(), (simd / OPENCV_WASM).read_bytes(),
                     output / OPENCV_DIR)  # fmt: skip

    def simd_opencv(self) -> Path:
        """The SIMD build's folder (built once per machine, see :mod:`.opencv_build`),
        checked to export what the bridge calls as the npm build does.

        Raises
        ------
        RuntimeError
            If the build cannot run, is not the pinned one, or exports another API.
        """
        manifest = self.manifest
        pin = manifest.opencv_simd
        if pin is None:
            raise RuntimeError(
                "vendor.toml has no [opencv-simd] table: build with PORTLITE_OPENCV_BUILD=npm"
            )
        archive = manifest.archives[pin.archive]
        built = build_simd_opencv(
            self.vendor_cache.ensure_archive(archive), archive.digest.hexdigest, pin.emscripten,
            Path(self.opencv_build_cache), pin.sha256, log=self.log.info,
        )  # fmt: skip
        table = runpy.run_path(str(TABLE))  # the bridge's table, as the kernel has it
        npm = self.vendor_cache.file_path(manifest.file(OPENCV_JS))
        differences = api_differences(
            opencv_js_exports(npm), opencv_js_exports(built / OPENCV_JS),
            table["FUNCTIONS"], table["CLASSES"], table["SIMD_ONLY"],
        )  # fmt: skip
        if differences:
            raise RuntimeError(
                "the SIMD opencv.js exports another API than the npm build for what the bridge "
                "calls: " + "; ".join(differences[:20])
            )
        return built

    def write_scan_reference(self) -> None:
        """The scanner notebook's letter and photo, and its script's findings on CPython."""
        output = self.manager.output_dir
        desk = self.vendor_cache.ensure_file(self.manifest.file(SCAN_DESK), self.manifest.archives)
        render_letter(output / SCAN_LETTER)
        render_photo(output / SCAN_LETTER, desk, output / SCAN_PHOTO)
        write_scan_reference(
            SCAN_SCRIPT, output / SCAN_PHOTO, output / SCAN_CLEAN, output / SCAN_REFERENCE
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

    def patched_config(self, config_path: Path) -> str:
        """``jupyter-lite.json`` with the Pyodide kernel and PortLite's extension configured.

        The kernel gets the local Pyodide, the PyPI fallback setting and the
        packages to load with Pyodide (:data:`KERNEL_START_PACKAGES`); the
        extension gets its preload settings, checked, and the bytes a start
        downloads. JupyterLite lists the extension itself (it is in the
        output's extensions by then).
        """
        config = json.loads(config_path.read_text(encoding="utf-8"))
        data = config.setdefault("jupyter-config-data", {})
        plugins = data.setdefault("litePluginSettings", {})
        kernel = plugins.setdefault(PYODIDE_KERNEL_PLUGIN, {})
        kernel["pyodideUrl"] = f"./{PYODIDE_DIR}/pyodide.js"
        kernel["disablePyPIFallback"] = bool(self.disable_pypi_fallback)
        options = kernel.setdefault("loadPyodideOptions", {})
        packages = options.get("packages", [])
        options["packages"] = [*packages, *(p for p in KERNEL_START_PACKAGES if p not in packages)]
        options[DEFERRED_OPTION] = list(DEFERRED_START_PACKAGES)
        given = plugins.get(PLUGIN_ID, {})
        if self.opencv_build == "npm":  # opencvUrl is the scalar build: no other to fall back to
            given = {"opencvScalarUrl": "", **given}
        plugins[PLUGIN_ID] = preload_settings(given)
        # What the status shows a kernel start's progress against (kernel_ext/src/preload/load.ts).
        data["portliteStartBytes"] = self.start_size(plugins[PLUGIN_ID]).parts
        return json.dumps(config, indent=2, sort_keys=True)

    def patch_jupyterlite_json(self, config_path: Path) -> None:
        """Write :meth:`patched_config` (when it differs: a rebuild changes nothing)."""
        patched = self.patched_config(config_path)
        if patched != config_path.read_text(encoding="utf-8"):
            config_path.write_text(patched, encoding="utf-8")

    def keep_allowed_extensions(self) -> None:
        """Ship exactly :data:`ALLOWED_LABEXTENSIONS`: remove others, refuse a missing one.

        jupyter_lite_config.json has JupyterLite take only those from the
        build's environment (``.venv``, as ``make`` installs it); this clears
        what an older build left, and stops a build run from another
        environment, which would ship a site with no Pyodide kernel.

        Raises
        ------
        RuntimeError
            Naming the missing extensions and the setting that finds them.
        """
        extensions = self.manager.output_dir / "extensions"
        found = set()
        for folder in [*extensions.glob("*/package.json"), *extensions.glob("@*/*/package.json")]:
            name = json.loads(folder.read_text(encoding="utf-8"))["name"]
            if name in ALLOWED_LABEXTENSIONS:
                found.add(name)
            else:
                shutil.rmtree(folder.parent)
        missing = sorted(ALLOWED_LABEXTENSIONS - found)
        if missing:
            raise RuntimeError(
                f"the site lacks the JupyterLab extensions {missing}: jupyter_lite_config.json "
                "takes them from .venv/share/jupyter/labextensions "
                "(FederatedExtensionAddon.extra_labextensions_path); build with `make build`, "
                "or point that setting at the environment that has them"
            )

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

    def start_size(self, preload: dict[str, Any] | None = None) -> StartSize:
        """What a kernel start of this site fetches, part by part (see :mod:`.start_size`).

        ``preload`` is the extension's settings; by default, those of the
        site's ``jupyter-lite.json``.
        """
        output = self.manager.output_dir
        if preload is None:
            preload = preload_settings(
                self.get_lite_plugin_settings(output / JUPYTERLITE_JSON, PLUGIN_ID)
            )
        return site_start_size(output, preload)

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


def _files_under(folder: Path) -> list[Path]:
    """Every file under ``folder`` but caches and build leftovers, sorted."""
    skip = {"__pycache__", "build", "node_modules", "lib", "lib-test", "labextension"}
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not skip & set(path.relative_to(folder).parts)
        and not path.name.endswith(".egg-info")
        and ".egg-info" not in path.as_posix()
    )


def _file_hashes(
    folder: Path, skip: tuple[str, ...], known: dict[str, list[Any]]
) -> dict[str, list[Any]]:
    """Each file's ``[size, mtime_ns, sha256]`` under ``folder``, by site path.

    A file whose size and time are those in ``known`` keeps its known hash;
    only the others are read, so a rebuild that touched one small file costs
    one small hash.
    """
    hashes: dict[str, list[Any]] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or relative.startswith(skip):
            continue
        stat = path.stat()
        seen = known.get(relative)
        if seen and seen[:2] == [stat.st_size, stat.st_mtime_ns]:
            hashes[relative] = seen
        else:
            hashes[relative] = [stat.st_size, stat.st_mtime_ns, hash_file(path)]
    return hashes


def _same_contents(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> bool:
    return {p: v[2] for p, v in before.items()} == {p: v[2] for p, v in after.items()}


class VendorAddon(PortliteAddon):
    """Every pinned file of the manifest, fetched once, verified, copied into the site."""

    __all__ = ["build"]

    def build(self, manager: Any) -> Any:
        """Fetch, verify and copy every shipped file."""
        yield self.task(
            name="files",
            doc="fetch, verify and copy PortLite's pinned runtime files",
            file_dep=[Path(self.manifest_path)],
            targets=self.shipped_dests(),
            actions=[self.copy_files],
        )
        folders = [manager.output_dir / OPENCV_DIR]
        if self.opencv_build == "simd":
            folders.append(manager.output_dir / OPENCV_SCALAR_DIR)
        here = Path(__file__).parent
        yield self.task(
            name="opencv",
            doc="opencv.js (SIMD, built once per machine, or npm) and its wasm as files",
            file_dep=[
                Path(self.manifest_path),
                here / "opencv_wasm.py",
                here / "opencv_build.py",
            ],  # fmt: skip
            targets=[folder / name for folder in folders for name in (OPENCV_JS, OPENCV_WASM)],
            uptodate=[config_changed(self.opencv_build)],
            actions=[self.write_opencv],
        )


class WheelsAddon(PortliteAddon):
    """PortLite's own wheels, bytecode in every wheel, the site's lock, the font list."""

    __all__ = ["build"]

    def build(self, manager: Any) -> Any:
        """Build the wheels and the lock once the vendored wheels are in place."""
        output = manager.output_dir
        # The shipped wheels are compiled in place: doit keeps their hashes
        # after this task, so a fresh copy of a pinned wheel runs it again.
        wheels = [dest for dest in self.shipped_dests() if dest.suffix == ".whl"]
        yield self.task(
            name="wheels",
            doc="build PortLite's wheels, add bytecode to every wheel, write the site's lock",
            file_dep=[Path(self.manifest_path), *_files_under(KERNEL_PACKAGE), *wheels],
            targets=[output / PYODIDE_DIR / "pyodide-lock.json", output / FONT_LIST],
            actions=[self.build_wheels],
        )


class OcrAddon(PortliteAddon):
    """The sample notebooks' reference results on CPython: rapidocr's own OCR, and the
    document scanner's script."""

    __all__ = ["build"]

    def build(self, manager: Any) -> Any:
        """Render the receipt and run rapidocr; draw and photograph the letter and scan it."""
        output = manager.output_dir
        manifest = self.manifest
        inputs = [
            output / str(manifest.file(file_id).dest)
            for file_id in (*OCR_IMAGES.values(), *OCR_MODELS.values())
        ]
        yield self.task(
            name="reference",
            doc="the OCR notebooks' receipt and rapidocr's results on CPython",
            file_dep=[
                Path(self.manifest_path),
                Path(__file__).with_name("ocr_reference.py"),
                *inputs,
            ],  # fmt: skip
            targets=[output / OCR_RECEIPT, output / OCR_REFERENCE],
            actions=[self.write_ocr_reference],
        )
        yield self.task(
            name="scan",
            doc="the scanner notebook's letter, its photo, and the scan on CPython",
            file_dep=[
                Path(self.manifest_path),
                Path(__file__).with_name("scan_reference.py"),
                SCAN_SCRIPT,
            ],  # fmt: skip
            targets=[output / p for p in (SCAN_LETTER, SCAN_PHOTO, SCAN_CLEAN, SCAN_REFERENCE)],
            # after the vendor cache is filled (the desk comes from it): a fetch that fails
            # fails there first, naming every source
            task_dep=["build:portlite-vendor:files"],
            actions=[self.write_scan_reference],
        )


class ExtensionAddon(PortliteAddon):
    """PortLite's JupyterLite extension, built from ``kernel_ext/`` (cached by its inputs)."""

    __all__ = ["build"]

    def build(self, manager: Any) -> Any:
        """Build (or reuse) the extension and copy it into the site."""
        yield self.task(
            name="labextension",
            doc=f"build {EXTENSION_NAME} from kernel_ext/ into the site",
            file_dep=extension_inputs(),
            targets=[manager.output_dir / "extensions" / EXTENSION_NAME / "package.json"],
            actions=[self.copy_kernel_extension],
        )


class PagesAddon(PortliteAddon):
    """jupyter-lite.json's settings, the app pages' scripts, the landing page, the favicon."""

    __all__ = ["build", "post_build"]

    def build(self, manager: Any) -> Any:
        """Configure the kernel and the extension in ``jupyter-lite.json``.

        In the build phase, after JupyterLite's own ``lite`` addon merged the
        site's settings in (addons run in name order) and before its
        ``post_build`` patches: those keep the file's hash after PortLite's
        change, so on a rebuild with nothing changed no patch runs again.
        """
        output = manager.output_dir
        config = output / JUPYTERLITE_JSON
        yield self.task(
            name=f"patch:{JUPYTERLITE_JSON}",
            doc="use the vendored Pyodide in the Pyodide kernel; configure the extension",
            # Up to date when the file already says what the patch would
            # write: JupyterLite's later patches rewrite it (same contents)
            # on every build, so its hash would say "changed" each time.
            file_dep=[
                output / PYODIDE_DIR / "pyodide-lock.json",
                output / "extensions" / EXTENSION_NAME / "package.json",
            ],
            uptodate=[
                lambda: config.is_file() and self.patched_config(config) == config.read_text()
            ],
            actions=[self.keep_allowed_extensions, (self.patch_jupyterlite_json, [config])],
        )

    def post_build(self, manager: Any) -> Any:
        """The app pages' scripts and the landing page; the favicon."""
        output = manager.output_dir
        config = output / JUPYTERLITE_JSON
        lock = output / PYODIDE_DIR / "pyodide-lock.json"
        sources = [Path(__file__).parent / "page" / name for name in PAGE_SCRIPTS]
        meter = Path(__file__).parent / "worker" / "load-meter.js"
        notebooks = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
        apps = [output / app / "index.html" for app in manager.apps]
        yield self.task(
            name="pages",
            doc="page scripts first in every app; the landing page; inline scripts into files",
            file_dep=[*sources, meter, *notebooks, config, lock, *apps],
            targets=[output / "index.html", output / "_headers"],
            actions=[
                *(
                    (self.copy_one, [source, output / PAGE_SCRIPT_DIR / source.name])
                    for source in sources
                ),
                (self.copy_one, [meter, output / KERNEL_WORKER_DIR / LOAD_METER]),
                (self.inject_page_scripts, [manager.apps]),
                (self.write_landing_page, [output / "index.html"]),
                (self.secure_pages, [output]),
            ],
        )

        # Browsers ask for /favicon.ico whatever the page says; answer it so a
        # static host logs no 404 for every visit.
        yield self.task(
            name="favicon",
            doc="a favicon at the site's root",
            file_dep=[output / "lab" / "favicon.ico"],
            targets=[output / "favicon.ico"],
            actions=[(self.copy_one, [output / "lab" / "favicon.ico", output / "favicon.ico"])],
        )


class OfflineAddon(PortliteAddon):
    """The offline manifest and the service worker's part: last, over every file."""

    __all__ = ["post_build"]

    #: What the signature leaves out: the files this task writes.
    _WRITES = (OFFLINE_MANIFEST, "static/portlite/offline-worker.js", "service-worker.js")

    def post_build(self, manager: Any) -> Any:
        """Hash every file of the site into the offline manifest when a file's contents changed."""
        output = manager.output_dir

        def unchanged(task: Any, values: dict[str, Any]) -> bool:
            # The files' contents, not their times: JupyterLite's piplite
            # patch rewrites jupyter-lite.json, unchanged, on every build.
            known = values.get("files", {})
            return bool(known) and _same_contents(known, _file_hashes(output, self._WRITES, known))

        def write() -> dict[str, Any]:
            self.make_offline(output)
            return {"files": _file_hashes(output, self._WRITES, {})}

        yield self.task(
            name="manifest",
            doc="the offline manifest and the service worker's part (see portlite_site.offline)",
            task_dep=[f"post_build:portlite-pages:{name}" for name in ("pages", "favicon")],
            targets=[output / OFFLINE_MANIFEST],
            uptodate=[unchanged],
            actions=[write],
        )
