"""The model cache's storage: IndexedDB for bytes and metadata, WORKERFS for paths.

Layout (database ``portlite-models``, version 1):

- object store ``entries``: one small record per model (name, size, sha256,
  source URL, added and last-used times), keyPath ``name``;
- object store ``blobs``: the model's bytes as one ``Blob`` per name.

Chromium keeps IndexedDB Blobs in files of their own and hands out Blob
handles without reading them, so mounting the cache reads only the
``entries`` records and asks for Blob handles: its cost does not grow with
the bytes cached. The Blobs are mounted with Emscripten's WORKERFS at
:data:`CACHE_DIR`, which reads a file's bytes (with ``FileReaderSync``) only
when Python reads the file. Emscripten's IDBFS was the other candidate; its
``syncfs`` copies every cached file into memory at mount, which is what
this layout avoids.

A download streams into JS memory, is hashed, and only then is committed in
one IndexedDB transaction (record and Blob together): a download cut off
half way, or a digest that does not match, never becomes an entry. Web Locks
(``portlite-models:<name>``) keep two kernels (two tabs) from fetching or
committing the same name at once.
"""

from __future__ import annotations

from typing import Any

from . import _js

__all__ = ["CACHE_DIR", "store"]

#: Where cached models appear on the kernel's file system.
CACHE_DIR = "/portlite/models"

_STORE_JS = """({
  db: null,
  download: null,
  releases: {},
  mounted: false,
  open() {
    if (this.db) return Promise.resolve(this.db);
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("portlite-models", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("entries", {keyPath: "name"});
        request.result.createObjectStore("blobs");
      };
      request.onsuccess = () => resolve(this.db = request.result);
      request.onerror = () => reject(request.error);
    });
  },
  async transact(mode, body) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(["entries", "blobs"], mode);
      let result;
      body(tx.objectStore("entries"), tx.objectStore("blobs"), (value) => { result = value; });
      tx.oncomplete = () => resolve(result);
      tx.onabort = tx.onerror = () => reject(
        tx.error && tx.error.name === "QuotaExceededError"
          ? new Error("QuotaExceededError: " + tx.error.message) : tx.error);
    });
  },
  entries() {
    return this.transact("readonly", (entries, blobs, done) => {
      entries.getAll().onsuccess = (event) => done(event.target.result);
    });
  },
  entry(name) {
    return this.transact("readonly", (entries, blobs, done) => {
      entries.get(name).onsuccess = (event) => done(event.target.result ?? null);
    });
  },
  blobs(names) {
    return this.transact("readonly", (entries, blobs, done) => {
      const found = {};
      for (const name of names) {
        blobs.get(name).onsuccess = (event) => { found[name] = event.target.result; };
      }
      done(found);
    });
  },
  commit(record, blob) {
    return this.transact("readwrite", (entries, blobs) => {
      entries.put(record);
      blobs.put(blob, record.name);
    });
  },
  touch(name, when) {
    return this.transact("readwrite", (entries) => {
      entries.get(name).onsuccess = (event) => {
        const record = event.target.result;
        if (record) { record.lastUsed = when; entries.put(record); }
      };
    });
  },
  remove(name) {
    return this.transact("readwrite", (entries, blobs) => {
      entries.delete(name);
      blobs.delete(name);
    });
  },
  clear() {
    return this.transact("readwrite", (entries, blobs) => { entries.clear(); blobs.clear(); });
  },
  async hex(buffer) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  },
  async digestOf(name) {
    const blob = (await this.blobs([name]))[name];
    return blob ? this.hex(await blob.arrayBuffer()) : null;
  },
  async begin(url) {
    this.cancel();  // a download left by an interrupted fetch
    const response = await fetch(url, {cache: "no-store"});
    if (!response.ok) throw new Error("HTTP " + response.status + " " + response.statusText);
    // Content-Length counts the encoded bytes; a gzip-encoded body arrives larger.
    const encoding = (response.headers.get("Content-Encoding") || "identity").toLowerCase();
    const length = encoding === "identity" ? Number(response.headers.get("Content-Length")) : NaN;
    const known = Number.isFinite(length) && length > 0;
    if (known && navigator.storage && navigator.storage.estimate) {
      const {usage, quota} = await navigator.storage.estimate();
      if (quota !== undefined && usage !== undefined && length > quota - usage) {
        await response.body.cancel();
        throw new Error(`QuotaExceededError: ${length} bytes needed, ${quota - usage} free`);
      }
    }
    this.download = {reader: response.body.getReader(), chunks: [], received: 0};
    return known ? length : -1;
  },
  async step() {
    const download = this.download;
    const deadline = performance.now() + 100;  // report progress about 10 times a second
    while (performance.now() < deadline) {
      const {done, value} = await download.reader.read();
      if (done) return [download.received, true];
      download.chunks.push(value);
      download.received += value.length;
    }
    return [download.received, false];
  },
  cancel() {
    if (this.download) this.download.reader.cancel().catch(() => {});
    this.download = null;
  },
  async finish(record, expected) {
    const blob = new Blob(this.download.chunks);
    this.download = null;
    record.sha256 = await this.hex(await blob.arrayBuffer());
    record.size = blob.size;
    if (expected && record.sha256 !== expected) return [false, record.sha256];
    await this.commit(record, blob);
    return [true, record.sha256];
  },
  async put(record, bytes, expected) {
    const blob = new Blob([bytes]);
    record.sha256 = await this.hex(bytes);
    record.size = blob.size;
    if (expected && record.sha256 !== expected) return [false, record.sha256];
    await this.commit(record, blob);
    return [true, record.sha256];
  },
  lock(name) {
    return new Promise((granted) => navigator.locks.request("portlite-models:" + name,
      () => new Promise((release) => { this.releases[name] = release; granted(true); })));
  },
  unlock(name) {
    const release = this.releases[name];
    delete this.releases[name];
    if (release) release();
  },
  async mount(FS, dir) {
    // Records and blobs from one transaction: a file never pairs with another's record.
    const [records, blobs] = await this.transact("readonly", (entries, blobStore, done) => {
      entries.getAll().onsuccess = (event) => {
        const found = {};
        for (const record of event.target.result) {
          blobStore.get(record.name).onsuccess = (e) => { found[record.name] = e.target.result; };
        }
        done([event.target.result, found]);
      };
    });
    if (this.mounted) FS.unmount(dir);
    FS.mkdirTree(dir);
    const files = records.filter((r) => blobs[r.name]);
    FS.mount(FS.filesystems.WORKERFS,
             {blobs: files.map((r) => ({name: r.name, data: blobs[r.name]}))}, dir);
    this.mounted = true;
    this.mountedDigests = Object.fromEntries(files.map((r) => [r.name, r.sha256]));
    return records.length;
  },
  mountedDigest(name) { return (this.mountedDigests || {})[name] ?? null; },
  async usage() {
    const estimate = await navigator.storage.estimate();
    const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : false;
    return [estimate.usage ?? -1, estimate.quota ?? -1, persisted];
  },
})"""

_store: Any = None


def store() -> Any:
    """The JS side of the cache (created once per kernel)."""
    global _store
    if _store is None:
        _store = _js.js_function(_STORE_JS)
    return _store
