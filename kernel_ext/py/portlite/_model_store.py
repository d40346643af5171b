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

A download is hashed as it arrives (a small SHA-256 in JavaScript:
WebCrypto only hashes a whole buffer, which would be one more copy of the
model) and folded into Blobs every 4 MB, which Chromium keeps out of the
worker's memory; only then is it committed in one IndexedDB transaction
(record and Blob together): a download cut off half way, or a digest that
does not match, never becomes an entry. Web Locks (``portlite-models:<name>``)
keep two kernels (two tabs) from fetching or committing the same name at once.
"""

from __future__ import annotations

import functools
from typing import Any

from . import _js

__all__ = ["CACHE_DIR", "store"]

#: Where cached models appear on the kernel's file system.
CACHE_DIR = "/portlite/models"

_STORE_JS = """(() => {
  // SHA-256 over a download as it arrives, so its bytes are never copied
  // whole for hashing (WebCrypto hashes only a whole buffer).
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  const FOLD_BYTES = 4 * 1024 * 1024;
  function sha256() {
    const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    const w = new Uint32Array(64), block = new Uint8Array(64);
    let filled = 0, total = 0;
    const compress = (bytes, at) => {
      for (let i = 0; i < 16; i++, at += 4)
        w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
      for (let i = 16; i < 64; i++) {
        const a = w[i - 15], b = w[i - 2];
        const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
        const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      let [a, b, c, d, e, f, g, k] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g))
          + K[i] + w[i]) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
    };
    return {
      update(bytes) {
        total += bytes.length;
        let at = 0;
        if (filled) {
          const take = Math.min(64 - filled, bytes.length);
          block.set(bytes.subarray(0, take), filled);
          filled += take; at = take;
          if (filled < 64) return;
          compress(block, 0); filled = 0;
        }
        for (; at + 64 <= bytes.length; at += 64) compress(bytes, at);
        block.set(bytes.subarray(at), 0); filled = bytes.length - at;
      },
      hex() {
        const bits = total * 8;
        const tail = new Uint8Array(filled < 56 ? 64 - filled : 128 - filled);
        tail[0] = 0x80;
        const view = new DataView(tail.buffer);
        view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
        view.setUint32(tail.length - 4, bits >>> 0);
        this.update(tail);
        return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("");
      },
    };
  }
  return {
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
    if (!blob) return null;
    const hash = sha256();
    const reader = blob.stream().getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      hash.update(part.value);
    }
    return hash.hex();
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
    this.download = {
      reader: response.body.getReader(), chunks: [], held: 0, parts: [], received: 0,
      hash: sha256(),
    };
    return known ? length : -1;
  },
  async step() {
    const download = this.download;
    const deadline = performance.now() + 100;  // report progress about 10 times a second
    while (performance.now() < deadline) {
      const {done, value} = await download.reader.read();
      if (done) return [download.received, true];
      download.chunks.push(value);
      download.hash.update(value);
      download.received += value.length;
      download.held += value.length;
      if (download.held >= FOLD_BYTES) this.fold(download);
    }
    return [download.received, false];
  },
  // Every FOLD_BYTES the chunks become a Blob, which Chromium's blob store
  // keeps out of the worker's memory (on disk when large): a download never
  // holds more than that in JS memory, and the Blobs compose without a copy.
  fold(download) {
    download.parts.push(new Blob(download.chunks));
    download.chunks = [];
    download.held = 0;
  },
  cancel() {
    if (this.download) this.download.reader.cancel().catch(() => {});
    this.download = null;
  },
  async finish(record, expected) {
    const download = this.download;
    this.download = null;
    record.sha256 = download.hash.hex();
    this.fold(download);
    const blob = new Blob(download.parts);
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
  };
})()"""


@functools.cache
def store() -> Any:
    """The JS side of the cache (created once per kernel)."""
    return _js.js_function(_STORE_JS)
