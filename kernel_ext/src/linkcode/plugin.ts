/**
 * Code carried in a link's `?code=` runs only with the visitor's consent.
 *
 * `static/portlite/link-code.js` takes the code out of the address before
 * JupyterLite's REPL can run it and keeps it in `window.portliteLinkCode`.
 * This plugin hands it to the first console as the site's `linkCode`
 * setting says: "ask" (the default) shows the code in a dialog and runs it
 * only if the visitor chooses Run; "never" drops it and says so; "run" runs
 * it at once, as stock JupyterLite does.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';

import { CodeConsole, ConsolePanel, IConsoleTracker } from '@jupyterlab/console';

import { Widget } from '@lumino/widgets';

import { readSettings } from '../settings/read';

/** What the page script kept from the address. */
interface ILinkCode {
  code: readonly string[];
}

declare global {
  interface Window {
    portliteLinkCode?: ILinkCode;
  }
}

const LINK_CODE_ID = '@portlite/kernel-extension:link-code';

/** The dialog's body: what the link would run, as text, never as markup. */
function codeBody(code: readonly string[]): Widget {
  const body = new Widget();
  const note = document.createElement('p');
  note.textContent =
    'The link that opened this page carries code. It runs in your browser, with access to ' +
    'your files and cached models here. Run it only if you trust whoever sent the link.';
  const listing = document.createElement('pre');
  listing.className = 'portlite-LinkCode';
  listing.textContent = code.join('\n');
  listing.style.maxHeight = '50vh';
  listing.style.overflow = 'auto';
  body.node.append(note, listing);
  return body;
}

async function runInConsole(console: CodeConsole, code: readonly string[]): Promise<void> {
  for (const line of code) {
    await console.inject(line);
  }
}

async function offer(panel: ConsolePanel, code: readonly string[], mode: string): Promise<void> {
  await panel.console.sessionContext.ready;
  if (mode === 'run') {
    await runInConsole(panel.console, code);
    return;
  }
  if (mode === 'never') {
    Notification.warning('This link carried code; this site never runs code from links.', {
      autoClose: false,
    });
    return;
  }
  const answer = await showDialog({
    title: 'Run code from this link?',
    body: codeBody(code),
    buttons: [Dialog.cancelButton({ label: 'Do not run' }), Dialog.warnButton({ label: 'Run' })],
    defaultButton: 0,
  });
  if (answer.button.accept) {
    await runInConsole(panel.console, code);
  }
}

export const linkCode: JupyterFrontEndPlugin<void> = {
  id: LINK_CODE_ID,
  description: "Runs a link's ?code= only with the visitor's consent (or never, or at once).",
  autoStart: true,
  optional: [IConsoleTracker],
  activate: (_app: JupyterFrontEnd, consoles: IConsoleTracker | null): void => {
    const carried = window.portliteLinkCode;
    if (!carried || !consoles) {
      return;
    }
    const settings = readSettings();
    // Refused settings fall back to asking, never to running.
    const mode = settings.ok ? settings.settings.linkCode : 'ask';
    let handed = false;
    consoles.widgetAdded.connect((_, panel) => {
      if (handed) {
        return;
      }
      handed = true;
      void offer(panel, carried.code, mode);
    });
  },
};
