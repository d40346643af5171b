"""Command line: ``python -m portlite_site serve|vendor|pin``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from . import DEFAULT_MANIFEST, DEFAULT_VENDOR_CACHE, REPO_ROOT
from .manifest import load_manifest
from .serve import make_server
from .vendor_cache import VendorCache


def _serve(args: argparse.Namespace) -> int:
    server = make_server(Path(args.root), args.host, args.port, verbose=args.verbose)
    host, port = args.host, server.server_address[1]
    print(f"PortLite is served at http://{host}:{port}/  (Ctrl+C stops)", flush=True)
    print(f"  start here: http://{host}:{port}/index.html (the sample notebooks, each by its link)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


def _vendor(args: argparse.Namespace) -> int:
    manifest = load_manifest(Path(args.manifest))
    cache = VendorCache(Path(args.cache), log=print)
    for vendor_file in manifest.files:
        cache.ensure_file(vendor_file, manifest.archives)
    print(
        f"{len(manifest.files)} files verified in {cache.root}; {len(cache.downloads)} downloaded"
    )
    return 0


def _pin(args: argparse.Namespace) -> int:
    from . import pin

    return pin.main(Path(args.manifest), check=args.check)


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="portlite-site")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve a built site on loopback")
    serve.add_argument("--root", default=str(REPO_ROOT / "_output"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--verbose", action="store_true")
    serve.set_defaults(run=_serve)
    vendor = commands.add_parser("vendor", help="fetch and verify every pinned file")
    vendor.add_argument("--manifest", default=str(DEFAULT_MANIFEST))
    vendor.add_argument("--cache", default=str(DEFAULT_VENDOR_CACHE))
    vendor.set_defaults(run=_vendor)
    pin = commands.add_parser(
        "pin", help="derive vendor.toml's names, sizes and hashes anew; show the diff"
    )
    pin.add_argument("--manifest", default=str(DEFAULT_MANIFEST))
    pin.add_argument("--check", action="store_true", help="write nothing; exit 1 on a difference")
    pin.set_defaults(run=_pin)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (OSError, ValueError) as err:
        print(f"portlite-site: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
