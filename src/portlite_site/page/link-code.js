// PortLite: code carried in a link never runs on open. JupyterLite's REPL
// runs its `?code=` parameters as soon as the page loads (and
// `hideCodeInput=1` hides them). This script runs before any app code:
// it takes `code` out of the address (unless `execute=0`, which only puts
// the code in the prompt) and keeps it in `window.portliteLinkCode`, where
// PortLite's extension shows it and runs it only as the site's `linkCode`
// setting says (by default: after the visitor agrees). Without the
// extension, the code is simply dropped.
(() => {
  const url = new URL(window.location.href);
  const code = url.searchParams.getAll('code');
  if (!code.length || url.searchParams.get('execute') === '0') return;
  url.searchParams.delete('code');
  window.history.replaceState(window.history.state, '', url.href);
  Object.defineProperty(window, 'portliteLinkCode', {
    value: Object.freeze({ code: Object.freeze(code) }),
    configurable: false,
    writable: false,
  });
})();
