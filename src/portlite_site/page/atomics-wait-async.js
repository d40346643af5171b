// PortLite: make Atomics.waitAsync always hand back a promise, and one that
// waits for a whole reply.
//
// The Pyodide kernel talks to its worker through "coincident" when the page
// is cross-origin isolated. Its page side calls
// `Atomics.waitAsync(buffer, 0).value.then(readReply)`. When the worker has
// already answered, waitAsync returns synchronously ({async: false, value:
// "not-equal"}), `.then` is missing, readReply never runs, and the reply is
// lost: a notebook cell then waits forever for its execute_reply. Wrapping
// the synchronous case in a promise lets readReply run.
//
// A reply comes in two steps: its length (a two-int buffer), then its
// characters, which the worker writes first to last before it notifies.
// "not-equal" on the characters' buffer only says that the first two are
// there, so the promise waits until no character before the last slot is
// still zero (a JSON reply has no NUL) and one more task has passed (for the
// last slot, which may be padding). See whole-replies.js for the same race
// in the other direction.
// It must run before the kernel's code loads, which captures waitAsync.
(function () {
  'use strict';
  const original = Atomics.waitAsync;
  if (typeof original !== 'function' || original.portliteWrapped) {
    return;
  }
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  function written(typedArray) {
    if (typedArray.byteLength <= 8) {
      return true; // a length buffer: its first int is set after the second
    }
    const chars = new Uint16Array(
      typedArray.buffer,
      typedArray.byteOffset,
      typedArray.byteLength >> 1,
    );
    for (let i = chars.length - 2; i >= 0; i--) {
      if (chars[i] === 0) {
        return false;
      }
    }
    return true;
  }

  async function whole(typedArray, value) {
    while (!written(typedArray)) {
      await nextTask();
    }
    await nextTask();
    return value;
  }

  function waitAsync(typedArray, index, value, timeout) {
    const result = original.call(Atomics, typedArray, index, value, timeout);
    if (result.async) {
      return result;
    }
    const settled =
      result.value === 'not-equal'
        ? whole(typedArray, result.value)
        : Promise.resolve(result.value);
    return { async: false, value: settled };
  }
  waitAsync.portliteWrapped = true;
  waitAsync.portliteOriginal = original; // for tests: the race without the fix
  Atomics.waitAsync = waitAsync;
})();
