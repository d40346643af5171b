/**
 * Notebooks shared in a link: the notebook, outputs stripped, deflated and
 * base64url-encoded into the URL's fragment (which browsers never send to a
 * server), with a SHA-256 check so a damaged or altered link is refused.
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
 * The link that carries `notebook` (stripped) named `name`, on `base` (a page URL).
 *
 * @throws ShareLinkError when the link would be longer than MAX_LINK_CHARS.
 */
export async function shareLink(
  base: string,
  name: string,
  notebook: INotebookJSON,
): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(stripped(notebook)));
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
): Promise<{ name: string; notebook: INotebookJSON }> {
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
    const json = await pipe(fromBase64Url(payload), new DecompressionStream('deflate-raw'));
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
  name = name.replace(/[\\/]/g, '_').replace(/^\.+/, '') || 'shared.ipynb';
  return { name: name.endsWith('.ipynb') ? name : `${name}.ipynb`, notebook: stripped(notebook) };
}
