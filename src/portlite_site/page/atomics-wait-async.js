// PortLite: make Atomics.waitAsync always hand back a promise.
//
// The Pyodide kernel talks to its worker through "coincident" when the page
// is cross-origin isolated. Its page side calls
// `Atomics.waitAsync(buffer, 0).value.then(readReply)`. When the worker has
// already answered, waitAsync returns synchronously ({async: false, value:
// "not-equal"}), `.then` is missing, readReply never runs, and the reply is
// lost: a notebook cell then waits forever for its execute_reply. Wrapping
// the synchronous case in a resolved promise lets readReply run at once.
// It must run before the kernel's code loads, which captures waitAsync.
(function () {
  "use strict";
  const original = Atomics.waitAsync;
  if (typeof original !== "function" || original.portliteWrapped) {
    return;
  }
  function waitAsync(typedArray, index, value, timeout) {
    const result = original.call(Atomics, typedArray, index, value, timeout);
    return result.async ? result : { async: false, value: Promise.resolve(result.value) };
  }
  waitAsync.portliteWrapped = true;
  Atomics.waitAsync = waitAsync;
})();
