/**
 * Notebooks shared in a link: the notebook, outputs stripped, deflated and
 * base64url-encoded into the URL's fragment (which browsers never send to a
 * server), with an unkeyed SHA-256 checksum: it catches a link cut short or
 * damaged in transit, not a forged one (anyone can make a valid link). What
 * protects the recipient is how a link is opened: bounded before it is read,
 * saved as an untrusted copy with every cell visible, nothing run.
 *
 * Fragment: `#portlite-share=1.<name>.<sha256, 16 hex>.<payload>`, the name
 * and payload in base64url (which has no `.`).
 */

/** The fragment's key. */
export const FRAGMENT_KEY = 'portlite-share';

/** The format's version. */
const VERSION = '1';

/**
 * The longest link made. Browsers take more, but chat and mail clients
 * commonly cut or refuse links past a few tens of kilobytes.
 */
export const MAX_LINK_CHARS = 32768;

/** The largest notebook a link may unpack to (a bomb link stops here). */
export const MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024;

/** The longest name a shared copy gets (in characters, before `.ipynb`). */
export const MAX_NAME_CHARS = 120;

/** Where a link carries small files the notebook reads (base64 by file name). */
export const FILES_KEY = 'portlite_files';

/** A file name a link may carry: the notebook's own folder, no path, no hidden file. */
const CARRIED_NAME = /^[A-Za-z0-9_][A-Za-z0-9._ +-]{0,119}$/;

/** Why a link could not be made or read; the message is for the user. */
export class ShareLinkError extends Error {}

/** The part of nbformat 4 that sharing reads and writes. */
export interface INotebookJSON {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Array<Record<string, unknown>>;
}

/** The notebook as shared: no outputs, execution counts, trust or widget state. */
export function stripped(notebook: INotebookJSON): INotebookJSON {
  const metadata = { ...notebook.metadata };
  delete metadata.widgets;
  return {
    nbformat: notebook.nbformat,
    nbformat_minor: notebook.nbformat_minor,
    metadata,
    cells: notebook.cells.map((cell) => {
      const copy: Record<string, unknown> = { ...cell };
      const cellMetadata = { ...((cell.metadata as Record<string, unknown>) ?? {}) };
      delete cellMetadata.trusted;
      delete cellMetadata.execution;
      copy.metadata = cellMetadata;
      if (cell.cell_type === 'code') {
        copy.outputs = [];
        copy.execution_count = null;
      }
      return copy;
    }),
  };
}

async function pipe(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** Inflate `bytes`, stopping (and throwing) once the output passes `limit` bytes. */
async function inflateAtMost(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new ShareLinkError(
        `the notebook in the link unpacks to more than ${limit / (1024 * 1024)} MB, ` +
          'more than a share link may carry',
      );
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * A name safe to show and save: no path, no control or bidi/format
 * characters (U+202E would show "gpj.exe" as "exe.jpg"), at most MAX_NAME_CHARS.
 */
export function cleanName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[\\/]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const stem = Array.from(cleaned.replace(/\.ipynb$/, ''))
    .slice(0, MAX_NAME_CHARS)
    .join('');
  return `${stem || 'shared'}.ipynb`;
}

/**
 * The notebook as the recipient gets it: every cell shown and editable, so
 * Run All never runs code the recipient could not see.
 */
export function visibleToRecipient(notebook: INotebookJSON): INotebookJSON {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => {
      const metadata = { ...((cell.metadata as Record<string, unknown>) ?? {}) };
      delete metadata.editable;
      delete metadata.deletable;
      delete metadata.collapsed;
      delete metadata.source_hidden;
      delete metadata.outputs_hidden;
      if (typeof metadata.jupyter === 'object' && metadata.jupyter !== null) {
        const jupyter = { ...(metadata.jupyter as Record<string, unknown>) };
        delete jupyter.source_hidden;
        delete jupyter.outputs_hidden;
        metadata.jupyter = jupyter;
      }
      return { ...cell, metadata };
    }),
  };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new ShareLinkError('the link has characters a PortLite link never has');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function checksum(name: string, payload: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${name}.${payload}`),
  );
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * The relative paths that the notebook's code names in string literals
 * (`cv2.imread("receipt.jpg")`, `open('data/x.csv')`), resolved against
 * `folder`, the notebook's folder: the files a recipient would also need.
 */
export function referencedPaths(notebook: INotebookJSON, folder: string): string[] {
  const found = new Set<string>();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'code') {
      continue;
    }
    const source = Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
    for (const match of source.matchAll(/(["'])([^"'\n]{1,200}\.[A-Za-z0-9]{1,8})\1/g)) {
      const text = match[2];
      if (text.includes('://') || text.startsWith('/') || text.split('/').includes('..')) {
        continue;
      }
      const relative = text.replace(/^\.\//, '');
      found.add(folder ? `${folder}/${relative}` : relative);
    }
  }
  return [...found].slice(0, 100);
}

/** Whether a file of that name (in the notebook's own folder) may ride in a link. */
export function canCarry(name: string): boolean {
  return CARRIED_NAME.test(name);
}

/**
 * The link that carries `notebook` (stripped) named `name`, on `base` (a page
 * URL), with `files` (file name to base64 content) restored beside the copy.
 *
 * @throws ShareLinkError when the link would be longer than MAX_LINK_CHARS.
 */
export async function shareLink(
  base: string,
  name: string,
  notebook: INotebookJSON,
  files: Record<string, string> = {},
): Promise<string> {
  const shared = stripped(notebook);
  if (Object.keys(files).length) {
    shared.metadata = { ...shared.metadata, [FILES_KEY]: files };
  }
  const json = new TextEncoder().encode(JSON.stringify(shared));
  const payload = toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
  const safeName = toBase64Url(new TextEncoder().encode(name));
  const link = `${base}#${FRAGMENT_KEY}=${VERSION}.${safeName}.${await checksum(safeName, payload)}.${payload}`;
  if (link.length > MAX_LINK_CHARS) {
    throw new ShareLinkError(
      `This notebook needs a link of ${link.length.toLocaleString('en')} characters, more than ` +
        `the ${MAX_LINK_CHARS.toLocaleString('en')} a share link may have. Share the notebook as a ` +
        'file instead: File > Download, then send the .ipynb file.',
    );
  }
  return link;
}

/** Whether `hash` (a URL's fragment, with or without `#`) carries a shared notebook. */
export function isShareFragment(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith(`${FRAGMENT_KEY}=`);
}

/**
 * The notebook and name in a share fragment.
 *
 * @throws ShareLinkError when the fragment is malformed, damaged or altered.
 */
export async function readShareFragment(
  hash: string,
): Promise<{ name: string; notebook: INotebookJSON; files: Record<string, string> }> {
  // Bounded before anything is decoded or hashed: no link PortLite makes is longer.
  if (hash.length > MAX_LINK_CHARS) {
    throw new ShareLinkError(
      `the link has ${hash.length.toLocaleString('en')} characters, more than the ` +
        `${MAX_LINK_CHARS.toLocaleString('en')} of any link PortLite makes`,
    );
  }
  const value = hash.replace(/^#/, '').slice(FRAGMENT_KEY.length + 1);
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new ShareLinkError('the link is not a complete PortLite share link');
  }
  const [, safeName, sum, payload] = parts;
  if ((await checksum(safeName, payload)) !== sum) {
    throw new ShareLinkError(
      'the link was damaged or altered after it was made (its checksum does not match)',
    );
  }
  let notebook: INotebookJSON;
  try {
    const json = await inflateAtMost(fromBase64Url(payload), MAX_NOTEBOOK_BYTES);
    notebook = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    throw error instanceof ShareLinkError
      ? error
      : new ShareLinkError('the notebook in the link cannot be read');
  }
  if (
    notebook?.nbformat !== 4 ||
    !Array.isArray(notebook.cells) ||
    typeof notebook.metadata !== 'object'
  ) {
    throw new ShareLinkError('the link does not hold a notebook (nbformat 4)');
  }
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(safeName));
  } catch {
    throw new ShareLinkError('the notebook name in the link cannot be read');
  }
  // A name, never a path: the copy goes to the top folder.
  const { notebook: rest, files } = takeFiles(notebook);
  return { name: cleanName(name), notebook: visibleToRecipient(stripped(rest)), files };
}

/** The files a link carries (only clean names and base64 content), and the notebook without them. */
function takeFiles(notebook: INotebookJSON): {
  notebook: INotebookJSON;
  files: Record<string, string>;
} {
  const metadata = { ...notebook.metadata };
  const carried = metadata[FILES_KEY];
  delete metadata[FILES_KEY];
  const files: Record<string, string> = {};
  if (carried !== null && typeof carried === 'object' && !Array.isArray(carried)) {
    for (const [name, content] of Object.entries(carried as Record<string, unknown>)) {
      if (!canCarry(name) || typeof content !== 'string' || !/^[A-Za-z0-9+/]*=*$/.test(content)) {
        throw new ShareLinkError(
          `the link carries a file it may not carry (${JSON.stringify(name).slice(0, 60)})`,
        );
      }
      files[name] = content;
    }
  }
  return { notebook: { ...notebook, metadata }, files };
}
