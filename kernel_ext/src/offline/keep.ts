/**
 * The page's half of the site offline (the service worker's half is
 * src/portlite_site/worker/offline.js): once a kernel is ready, ask the
 * service worker to keep every file this page and the kernel's worker
 * loaded, since those that loaded before it took control went past it;
 * and say when the site has a new version.
 */
import { Notification } from '@jupyterlab/apputils';

import { PageConfig, URLExt } from '@jupyterlab/coreutils';

/** The key of the message the service worker's part looks for. */
export const FILL_KEY = 'portliteOfflineFill';

/**
 * Ask the service worker, once it is active, to keep `urls` offline; with
 * `withPage`, also this page, the landing page and every file this page loaded.
 */
export function keepOffline(urls: string[], withPage = false): void {
  const container = navigator.serviceWorker;
  if (!container || (!urls.length && !withPage)) {
    return;
  }
  const pageFiles = withPage
    ? [
        URLExt.join(PageConfig.getBaseUrl(), 'index.html'),
        location.href,
        ...performance.getEntriesByType('resource').map((entry) => entry.name),
      ]
    : [];
  const all = [...new Set([...pageFiles, ...urls])].filter((url) => /^https?:/.test(url));
  void container.ready.then((registration) =>
    registration.active?.postMessage({ [FILL_KEY]: all }),
  );
}

/**
 * Say when a new version of the site took over (the service worker changed
 * while this page was open); this page keeps what it loaded until reloaded.
 */
export function watchForUpdates(): void {
  const container = navigator.serviceWorker;
  if (!container) {
    return;
  }
  // The first visit's worker taking control is no update.
  let controlled = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (controlled) {
      Notification.info('PortLite has a new version. Reload to use it.', {
        autoClose: false,
        actions: [{ label: 'Reload', callback: () => location.reload() }],
      });
    }
    controlled = true;
  });
}
