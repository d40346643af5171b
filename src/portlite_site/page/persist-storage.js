// PortLite: ask the browser to keep this site's storage (the model cache in
// IndexedDB) instead of evicting it under storage pressure.
// navigator.storage.persist() exists only in pages, not in the kernel's
// worker, so each app page asks once; portlite.models.usage() reports
// whether the browser granted it.
(() => {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage || typeof storage.persist !== 'function') return;
  storage
    .persisted()
    .then((persisted) => (persisted ? true : storage.persist()))
    .catch(() => {});
})();
