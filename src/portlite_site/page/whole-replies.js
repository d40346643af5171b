// PortLite: let the Pyodide kernel's worker never read half of the page's reply.
//
// Under cross-origin isolation the kernel's worker calls the page
// synchronously through "coincident" (the /drive file system, input()). The
// page answers in two steps: the reply's length, then its characters, which
// it writes into a SharedArrayBuffer with plain stores, first to last, before
// Atomics.notify. The worker waits with Atomics.wait(buffer, 0, 0), which
// returns as soon as the first two characters are there. A worker that
// reaches its wait while the page is still writing reads the rest as NULs:
// JSON.parse fails ("Bad control character in string literal"), Pyodide
// stops with a fatal error and the kernel never becomes ready. Seen once in
// about a hundred kernel starts on a loaded two-core machine.
//
// The fix: the page writes each reply into a private copy first, then copies
// it into the shared buffer with its first four bytes last, by Atomics.store,
// which the worker's Atomics.wait observes with everything written before it.
// It wraps the message listeners added to workers, so it must run before the
// kernel's code adds coincident's.
(function () {
  'use strict';
  // The key under which coincident sends its messages (its source's constant).
  const CHANNEL = '64e10b34-2bf7-4616-9668-f99de5aa046e';
  const proto = Worker.prototype;
  if (typeof SharedArrayBuffer !== 'function' || proto.portliteWholeReplies) {
    return;
  }
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  const wrapped = new WeakMap();

  // [id, buffer] asks for a reply's characters; a call carries more items.
  function replyRequest(data) {
    const message = data !== null && typeof data === 'object' ? data[CHANNEL] : undefined;
    if (!Array.isArray(message) || message.length !== 2) {
      return null;
    }
    const buffer = message[1];
    const shared = buffer instanceof Int32Array && buffer.buffer instanceof SharedArrayBuffer;
    return shared ? message : null;
  }

  function wholeReplies(listener) {
    return function (event) {
      const request = replyRequest(event.data);
      if (request === null) {
        return listener.call(this, event);
      }
      const [id, shared] = request;
      const draft = new Int32Array(shared.length);
      let claimed = false;
      // coincident reads only these two; its reply step runs synchronously
      // and stops the event, which says the message was its own.
      const standIn = Object.create(event, {
        data: { value: { [CHANNEL]: [id, draft] } },
        stopImmediatePropagation: {
          value: () => {
            claimed = true;
            event.stopImmediatePropagation();
          },
        },
      });
      const result = listener.call(this, standIn);
      if (claimed) {
        new Uint8Array(shared.buffer, shared.byteOffset + 4, shared.byteLength - 4).set(
          new Uint8Array(draft.buffer, 4),
        );
        Atomics.store(shared, 0, draft[0]);
        Atomics.notify(shared, 0);
      }
      return result;
    };
  }

  proto.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') {
      return add.call(this, type, listener, options);
    }
    if (!wrapped.has(listener)) {
      wrapped.set(listener, wholeReplies(listener));
    }
    return add.call(this, type, wrapped.get(listener), options);
  };
  proto.removeEventListener = function (type, listener, options) {
    const own = type === 'message' && wrapped.has(listener) ? wrapped.get(listener) : listener;
    return remove.call(this, type, own, options);
  };
  proto.portliteWholeReplies = true;
})();
