/**
 * The Share command (toolbar button and command palette), and opening a
 * shared notebook from a link: a copy under a free name, opened untrusted,
 * nothing run.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

import {
  CommandToolbarButton,
  Dialog,
  ICommandPalette,
  showDialog,
  showErrorMessage,
} from '@jupyterlab/apputils';

import { PageConfig, URLExt } from '@jupyterlab/coreutils';

import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';

import { Contents } from '@jupyterlab/services';

import { Widget } from '@lumino/widgets';

import {
  INotebookJSON,
  isShareFragment,
  MAX_LINK_CHARS,
  readShareFragment,
  shareLink,
  ShareLinkError,
} from './share';

/** The command that shares the current notebook. */
export const SHARE_COMMAND = 'portlite:share-notebook';

/** Where share links point: the file browser, which opens the copy. */
function linkTarget(): string {
  return URLExt.join(PageConfig.getBaseUrl(), 'tree/index.html');
}

function linkBody(link: string, copied: boolean): Widget {
  const body = new Widget();
  const note = document.createElement('p');
  note.textContent =
    (copied ? 'The link is in your clipboard. ' : 'Copy this link. ') +
    'It carries the notebook itself, without outputs, after its #, which browsers never ' +
    'send to a server. Whoever opens it gets a copy in their own browser; nothing runs.';
  const input = document.createElement('input');
  input.className = 'portlite-ShareLink';
  input.readOnly = true;
  input.value = link;
  input.style.width = '100%';
  body.node.append(note, input);
  return body;
}

/** `name`, or `<stem>-shared[-N].ipynb`: the first that names no existing file. */
async function freeName(contents: Contents.IManager, name: string): Promise<string> {
  const stem = name.replace(/\.ipynb$/, '');
  for (let attempt = 0; ; attempt++) {
    const candidate =
      attempt === 0 ? name : `${stem}-shared${attempt > 1 ? `-${attempt}` : ''}.ipynb`;
    try {
      await contents.get(candidate, { content: false });
    } catch {
      return candidate;
    }
  }
}

async function share(panel: NotebookPanel): Promise<void> {
  const notebook = panel.context.model.toJSON() as unknown as INotebookJSON;
  const name = panel.context.path.split('/').pop() ?? 'notebook.ipynb';
  let link: string;
  try {
    link = await shareLink(linkTarget(), name, notebook);
  } catch (error) {
    const message = error instanceof ShareLinkError ? error.message : String(error);
    await showErrorMessage('This notebook cannot be shared by link', message);
    return;
  }
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch {
    // No clipboard access (permissions, unfocused page): the dialog shows the link.
  }
  await showDialog({
    title: `Share ${name}`,
    body: linkBody(link, copied),
    buttons: [Dialog.okButton({ label: 'Done' })],
  });
}

/** If this page was opened from a share link: save the copy and open it, or say why not. */
async function openSharedNotebook(app: JupyterFrontEnd): Promise<void> {
  const hash = window.location.hash;
  // Drop the fragment first, so a reload does not make a second copy.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  try {
    const { name, notebook } = await readShareFragment(hash);
    const contents = app.serviceManager.contents;
    const path = await freeName(contents, name);
    await contents.save(path, { type: 'notebook', format: 'json', content: notebook });
    const url = URLExt.join(PageConfig.getBaseUrl(), 'notebooks/index.html');
    window.location.assign(`${url}?path=${encodeURIComponent(path)}`);
  } catch (error) {
    await app.restored;
    const reason = error instanceof ShareLinkError ? error.message : String(error);
    await showErrorMessage(
      'This share link cannot be opened',
      `PortLite could not open the notebook in this link: ${reason}. Nothing was created. ` +
        'Ask for a new link, or for the notebook as a file.',
    );
  }
}

export const sharing: JupyterFrontEndPlugin<void> = {
  id: '@portlite/kernel-extension:share',
  description: 'Shares notebooks in a link, and opens shared notebooks as untrusted copies.',
  autoStart: true,
  optional: [INotebookTracker, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker | null,
    palette: ICommandPalette | null,
  ): void => {
    if (isShareFragment(window.location.hash)) {
      void openSharedNotebook(app);
    }
    if (!notebooks) {
      return;
    }
    app.commands.addCommand(SHARE_COMMAND, {
      label: 'Share Notebook by Link',
      caption:
        `A link that carries this notebook (outputs stripped, at most ` +
        `${MAX_LINK_CHARS.toLocaleString('en')} characters)`,
      isEnabled: () => notebooks.currentWidget !== null,
      execute: async () => {
        if (notebooks.currentWidget) {
          await share(notebooks.currentWidget);
        }
      },
    });
    palette?.addItem({ command: SHARE_COMMAND, category: 'Notebook Operations' });
    app.docRegistry.addWidgetExtension('Notebook', {
      createNew: (panel: NotebookPanel) => {
        const button = new CommandToolbarButton({
          commands: app.commands,
          id: SHARE_COMMAND,
          label: 'Share',
        });
        panel.toolbar.addItem('portliteShare', button);
        return button;
      },
    });
  },
};
