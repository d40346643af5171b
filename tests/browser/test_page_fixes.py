"""The page fixes for the kernel's page/worker channel, on the race they fix.

The Pyodide kernel's channel ("coincident") writes a reply's characters into
a SharedArrayBuffer, first to last, then notifies; the reader may look as
soon as the first characters are there. Here a real worker and the page play
both sides in Chromium with that writing order, slowed down so that the
reader always looks half-way through: each test shows the half-read without
the fix and a whole reply with it.
"""

from __future__ import annotations

import pytest

#: coincident's message key, as in its source (and in the page scripts).
CHANNEL = "64e10b34-2bf7-4616-9668-f99de5aa046e"

#: JavaScript shared by both tests: a reply, coincident's writing order
#: slowed down, and a worker made from source.
_COMMON = f"""
const CHANNEL = '{CHANNEL}';
const REPLY = 'x'.repeat(2000);
function writeSlowly(int32, text) {{  // coincident's loop, 50 us a character
  const chars = new Uint16Array(int32.buffer);
  for (let n = 0; n < text.length; n++) {{
    chars[n] = text.charCodeAt(n);
    const until = performance.now() + 0.05;
    while (performance.now() < until) {{}}
  }}
}}
const workerOf = (source) => new Worker(URL.createObjectURL(new Blob([source])));
const whole = (text) => text.replace(/\\0+$/, '') === REPLY;
const withinSeconds = (promise, seconds) => Promise.race([promise, new Promise(
  (_, reject) => setTimeout(() => reject(new Error(`no answer in ${{seconds}} s`)),
                            seconds * 1000))]);
"""

_WORKER_READS = (
    _COMMON
    + """
async ([withFix]) => {
  // The worker asks, then reads as soon as the first characters are there:
  // what Atomics.wait(buffer, 0, 0) does when it is reached late.
  const worker = workerOf(`
    onmessage = () => {
      const shared = new Int32Array(new SharedArrayBuffer(${REPLY.length * 2}));
      postMessage({ '${CHANNEL}': [7, shared] });
      while (Atomics.load(shared, 0) === 0) {}
      postMessage({ text: String.fromCharCode(...new Uint16Array(shared.buffer)) });
    };`);
  const add = withFix ? worker.addEventListener : EventTarget.prototype.addEventListener;
  add.call(worker, 'message', async (event) => {  // coincident's reply step
    const message = event.data && event.data[CHANNEL];
    if (!Array.isArray(message)) return;
    event.stopImmediatePropagation();
    writeSlowly(message[1], REPLY);
    Atomics.notify(message[1], 0);
  });
  worker.postMessage('ask');
  const text = await withinSeconds(new Promise((resolve) => worker.addEventListener('message',
    (event) => event.data.text !== undefined && resolve(event.data.text))), 20);
  worker.terminate();
  return whole(text);
}"""
)

_PAGE_READS = (
    _COMMON
    + """
async ([withFix]) => {
  // The worker writes the reply slowly; the page starts waiting half-way.
  const worker = workerOf(`${writeSlowly}; onmessage = ({ data }) => {
      writeSlowly(data.shared, data.text); Atomics.notify(data.shared, 0); };`);
  const shared = new Int32Array(new SharedArrayBuffer(REPLY.length * 2));
  worker.postMessage({ shared, text: REPLY });
  while (Atomics.load(shared, 0) === 0) await new Promise((r) => setTimeout(r, 0));
  const result = withFix ? Atomics.waitAsync(shared, 0, 0)
                         : Atomics.waitAsync.portliteOriginal(shared, 0, 0);
  // Unfixed, the reader goes on at once (the earlier fix made a promise of "not-equal").
  await withinSeconds(withFix ? result.value : Promise.resolve(result.value), 20);
  worker.terminate();
  return [result.async, whole(String.fromCharCode(...new Uint16Array(shared.buffer)))];
}"""
)


@pytest.fixture
def a_site_page(a_lite_page):
    """An app page of the site (cross-origin isolated, with the page scripts)."""
    a_lite_page.page.goto(f"{a_lite_page.base_url}tree/index.html")
    assert a_lite_page.page.evaluate("() => crossOriginIsolated")
    return a_lite_page.page


def test_a_worker_reading_early_gets_the_whole_reply(a_site_page) -> None:
    assert a_site_page.evaluate(_WORKER_READS, [False]) is False  # the race, unfixed
    assert a_site_page.evaluate(_WORKER_READS, [True]) is True


def test_the_page_waiting_late_gets_the_whole_reply(a_site_page) -> None:
    assert a_site_page.evaluate(_PAGE_READS, [False]) == [False, False]  # the race, unfixed
    assert a_site_page.evaluate(_PAGE_READS, [True]) == [False, True]
