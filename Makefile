# PortLite: `make serve` builds and serves the site; `make test` runs every test.
# Each target installs what it needs: a virtual environment in .venv, and
# Debian's chromium and nginx (for the browser and sub-path tests).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install system-deps build serve test test-unit bench lint lock pin clean

help:
	@echo "make serve   build the site into _output/ and serve it on 127.0.0.1:$(PORT)"
	@echo "make test    run the whole test suite (unit, build, browser)"
	@echo "make test-unit  the CPython unit tier alone (no build, no browser)"
	@echo "make build   build the site into _output/"
	@echo "make bench   run the benchmarks into bench/results/"
	@echo "make lint    ruff, mypy, and eslint + prettier on the extension"
	@echo "make lock    regenerate requirements.lock (hash-pinned Python packages)"
	@echo "make pin     derive vendor.toml's file names, sizes and hashes anew (pip, npm); show the diff"

# Every Python package comes from requirements.lock, each checked against its
# sha256 (pip refuses anything unhashed); the project itself adds no package.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

# Debian's Chromium (Playwright's own download does not work offline) and nginx;
# emscripten and cmake build opencv.js with wasm SIMD (portlite_site.opencv_build).
system-deps:
	@if command -v chromium >/dev/null && command -v nginx >/dev/null \
	  && command -v emcc >/dev/null && command -v cmake >/dev/null; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
	  echo "PortLite needs Debian's 'chromium', 'nginx', 'emscripten' and 'cmake' packages; this OS has no apt-get." >&2; \
	  echo "Install them by hand (PORTLITE_CHROMIUM: the browser's path), or build with PORTLITE_OPENCV_BUILD=npm." >&2; \
	  exit 1; \
	fi; \
	$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium nginx emscripten cmake >/dev/null

# doit skips every task whose inputs and outputs are unchanged (its state
# lives under .cache/doit/, one file per output folder).
build: install system-deps
	$(VENV)/bin/jupyter lite build --config jupyter_lite_config.json --output-dir _output

serve: build
	$(PY) -m portlite_site serve --root _output --port $(PORT)

test: install system-deps
	$(PY) -m pytest

# The CPython tier alone: seconds, no build, no browser.
test-unit: install system-deps
	$(PY) -m pytest tests/unit

bench: install system-deps
	$(PY) bench/run.py

# The JavaScript outside the extension: page and worker scripts, the test
# harness's page half, the share fuzzer; checked with the extension's rules.
PAGE_JS := src/portlite_site/page src/portlite_site/worker src/portlite_site/testing/js tests/fuzz

lint: install
	$(VENV)/bin/ruff check src tests bench kernel_ext
	$(VENV)/bin/ruff format --check src tests bench kernel_ext
	$(VENV)/bin/mypy
	cd kernel_ext && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run --silent lint
	kernel_ext/node_modules/.bin/eslint -c kernel_ext/eslint.config.mjs $(PAGE_JS)
	kernel_ext/node_modules/.bin/prettier --config kernel_ext/.prettierrc.json --check $(PAGE_JS)

# Regenerate requirements.lock from pyproject.toml's pins (hashes included).
lock: install
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra test --extra dev --no-emit-index-url --no-emit-trusted-host \
	  --no-emit-find-links -o requirements.lock pyproject.toml

# Resolve every archive of vendor.toml anew by name (pip download, npm pack)
# and rewrite what it derives from its roots; prints the diff.
pin: install
	$(PY) -m portlite_site pin

clean:
	rm -rf _output build .jupyterlite.doit.db* kernel_ext/lib kernel_ext/labextension
