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
  canCarry,
  INotebookJSON,
  isShareFragment,
  MAX_LINK_CHARS,
  readShareFragment,
  referencedPaths,
  shareLink,
  ShareLinkError,
} from './codec';

import { addToNotebook } from '../toolbar';

/** The largest file offered to ride in a link (links are at most MAX_LINK_CHARS). */
const CARRY_BYTES = 16 * 1024;

/** Where the page that saved a shared copy tells the page that opens it what happened. */
const OPENED_KEY = 'portlite-shared-copy';

/** A file the notebook reads that only this browser has. */
interface IReadFile {
  path: string;
  name: string;
  size: number;
  carriable: boolean;
}

/** The names the site itself ships in `folder` (every visitor has those). */
async function shippedNames(folder: string): Promise<Set<string>> {
  const listing = URLExt.join(PageConfig.getBaseUrl(), 'api/contents', folder, 'all.json');
  try {
    const response = await fetch(listing);
    const json = (await response.json()) as { content?: Array<{ name: string }> };
    return new Set((json.content ?? []).map((item) => item.name));
  } catch {
    return new Set();
  }
}

/** Files the notebook's code names that exist here but are not part of the site. */
async function filesOnlyHere(
  contents: Contents.IManager,
  notebook: INotebookJSON,
  folder: string,
): Promise<IReadFile[]> {
  const found: IReadFile[] = [];
  const shipped = new Map<string, Set<string>>();
  for (const path of referencedPaths(notebook, folder)) {
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!shipped.has(parent)) {
      shipped.set(parent, await shippedNames(parent));
    }
    if (shipped.get(parent)?.has(name)) {
      continue;
    }
    try {
      const model = await contents.get(path, { content: false });
      if (model.type !== 'file') {
        continue;
      }
      const size = model.size ?? Number.MAX_SAFE_INTEGER;
      const carriable = parent === folder && canCarry(name) && size <= CARRY_BYTES;
      found.push({ path, name, size, carriable });
    } catch {
      // Not a file here either: the code names something else.
    }
  }
  return found;
}

/** Ask which files to carry; undefined if the sharer cancels. */
async function chooseFiles(files: IReadFile[]): Promise<IReadFile[] | undefined> {
  const body = new Widget();
  body.node.classList.add('portlite-ShareFiles');
  const note = document.createElement('p');
  note.textContent =
    'This notebook reads files that are only in your browser. The link carries the ' +
    'notebook alone unless you tick them; small files in its own folder can ride along ' +
    'and are restored beside the copy.';
  const list = document.createElement('ul');
  for (const file of files) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.dataset.path = file.path;
    box.checked = file.carriable;
    box.disabled = !file.carriable;
    const why = file.carriable ? '' : ' (not carried: too large or in another folder)';
    label.append(box, ` ${file.path} (${file.size.toLocaleString('en')} bytes)${why}`);
    item.append(label);
    list.append(item);
  }
  body.node.append(note, list);
  const answer = await showDialog({
    title: 'Files this notebook reads',
    body,
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Make link' })],
  });
  if (!answer.button.accept) {
    return undefined;
  }
  const ticked = new Set(
    Array.from(body.node.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
      .filter((box) => box.checked && !box.disabled)
      .map((box) => box.dataset.path),
  );
  return files.filter((file) => ticked.has(file.path));
}

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
async function exists(contents: Contents.IManager, path: string): Promise<boolean> {
  try {
    await contents.get(path, { content: false });
    return true;
  } catch {
    return false;
  }
}

async function freeName(contents: Contents.IManager, name: string): Promise<string> {
  const stem = name.replace(/\.ipynb$/, '');
  for (let attempt = 0; ; attempt++) {
    const candidate =
      attempt === 0 ? name : `${stem}-shared${attempt > 1 ? `-${attempt}` : ''}.ipynb`;
    if (!(await exists(contents, candidate))) {
      return candidate;
    }
  }
}

/** What the page that saved a shared copy left for the page that opens it. */
interface IOpenedCopy {
  path: string;
  restored: string[];
  kept: string[];
  codeCells: number;
}

/** The banner over a copy opened from a link: where it came from and what Run All does. */
function announceCopy(panel: NotebookPanel, opened: IOpenedCopy): void {
  const files = opened.restored.length
    ? ` Files restored beside it: ${opened.restored.join(', ')}.`
    : '';
  const kept = opened.kept.length
    ? ` Not restored, because you already have files of those names: ${opened.kept.join(', ')}.`
    : '';
  const banner = new Widget();
  banner.addClass('portlite-SharedBanner');
  Object.assign(banner.node.style, {
    padding: '6px 12px',
    background: 'var(--jp-info-color3)',
    borderBottom: '1px solid var(--jp-info-color1)',
  });
  const text = document.createElement('span');
  text.textContent =
    `Opened from a link: ${opened.path} is your own copy, saved in this browser. Nothing has ` +
    `run and it is not trusted. Run All will run its ${opened.codeCells} code cells here.` +
    files +
    kept;
  const close = document.createElement('button');
  close.textContent = 'Dismiss';
  close.className = 'jp-mod-styled';
  close.style.marginLeft = '12px';
  close.onclick = () => banner.dispose();
  banner.node.append(text, close);
  panel.contentHeader.addWidget(banner);
}

/** On the page a share link led to: show the banner when the copy opens. */
function announceWhenOpened(notebooks: INotebookTracker): void {
  const saved = sessionStorage.getItem(OPENED_KEY);
  if (!saved) {
    return;
  }
  sessionStorage.removeItem(OPENED_KEY);
  let opened: IOpenedCopy;
  try {
    opened = JSON.parse(saved) as IOpenedCopy;
  } catch {
    return;
  }
  const check = (panel: NotebookPanel | null): boolean => {
    if (!panel || panel.context.path !== opened.path) {
      return false;
    }
    announceCopy(panel, opened);
    return true;
  };
  if (check(notebooks.currentWidget)) {
    return;
  }
  const onAdded = (_: INotebookTracker, panel: NotebookPanel): void => {
    if (check(panel)) {
      notebooks.widgetAdded.disconnect(onAdded);
    }
  };
  notebooks.widgetAdded.connect(onAdded);
}

async function share(app: JupyterFrontEnd, panel: NotebookPanel): Promise<void> {
  const notebook = panel.context.model.toJSON() as unknown as INotebookJSON;
  const name = panel.context.path.split('/').pop() ?? 'notebook.ipynb';
  const folder = panel.context.path.includes('/')
    ? panel.context.path.slice(0, panel.context.path.lastIndexOf('/'))
    : '';
  const contents = app.serviceManager.contents;
  const readHere = await filesOnlyHere(contents, notebook, folder);
  const chosen = readHere.length ? await chooseFiles(readHere) : [];
  if (chosen === undefined) {
    return;
  }
  const files: Record<string, string> = {};
  for (const file of chosen) {
    const model = await contents.get(file.path, { content: true, format: 'base64', type: 'file' });
    files[file.name] = String(model.content).replace(/\s+/g, '');
  }
  let link: string;
  try {
    link = await shareLink(linkTarget(), name, notebook, files);
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
    const { name, notebook, files } = await readShareFragment(hash);
    const contents = app.serviceManager.contents;
    const path = await freeName(contents, name);
    await contents.save(path, { type: 'notebook', format: 'json', content: notebook });
    const restored: string[] = [];
    const kept: string[] = [];
    for (const [fileName, content] of Object.entries(files)) {
      if (await exists(contents, fileName)) {
        kept.push(fileName); // never overwrite a file of the visitor's
        continue;
      }
      await contents.save(fileName, { type: 'file', format: 'base64', content });
      restored.push(fileName);
    }
    const codeCells = notebook.cells.filter((cell) => cell.cell_type === 'code').length;
    sessionStorage.setItem(OPENED_KEY, JSON.stringify({ path, restored, kept, codeCells }));
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
    announceWhenOpened(notebooks);
    app.commands.addCommand(SHARE_COMMAND, {
      label: 'Share Notebook by Link',
      caption:
        `A link that carries this notebook (outputs stripped, at most ` +
        `${MAX_LINK_CHARS.toLocaleString('en')} characters)`,
      isEnabled: () => notebooks.currentWidget !== null,
      execute: async () => {
        if (notebooks.currentWidget) {
          await share(app, notebooks.currentWidget);
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
        addToNotebook(panel, 'portliteShare', button);
        return button;
      },
    });
  },
};
