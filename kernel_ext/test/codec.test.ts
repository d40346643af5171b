/**
 * The share-link codec (src/share/codec.ts): what a link carries, what a
 * recipient gets, and every way a link is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  canCarry,
  cleanName,
  FILES_KEY,
  FRAGMENT_KEY,
  INotebookJSON,
  isShareFragment,
  MAX_LINK_CHARS,
  MAX_NAME_CHARS,
  readShareFragment,
  shareLink,
  ShareLinkError,
} from '../src/share/codec';

const BASE = 'https://example.invalid/lab/index.html';

function notebook(cells: Array<Record<string, unknown>>): INotebookJSON {
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python' } }, cells };
}

const CODE_CELL = {
  cell_type: 'code',
  source: 'import cv2\nprint(cv2.__version__)',
  metadata: { trusted: true, execution: { started: 1 }, jupyter: { source_hidden: true } },
  outputs: [{ output_type: 'stream', name: 'stdout', text: 'secret output' }],
  execution_count: 7,
};

test('a link round-trips the notebook without outputs, counts or trust', async () => {
  const link = await shareLink(BASE, 'My notebook', notebook([CODE_CELL]));
  assert.ok(link.startsWith(`${BASE}#${FRAGMENT_KEY}=1.`));
  assert.ok(!link.includes('secret'));
  const read = await readShareFragment(new URL(link).hash);
  assert.equal(read.name, 'My notebook.ipynb');
  const [cell] = read.notebook.cells;
  assert.equal(cell.source, CODE_CELL.source);
  assert.deepEqual(cell.outputs, []);
  assert.equal(cell.execution_count, null);
  const metadata = cell.metadata as Record<string, unknown>;
  assert.equal(metadata.trusted, undefined);
  assert.equal(metadata.execution, undefined);
  // The recipient sees every cell: nothing hidden runs unseen.
  assert.notDeepEqual(metadata.jupyter, { source_hidden: true });
});

test('carried files come back by name; a file that may not ride refuses the link', async () => {
  const files = { 'data.csv': Buffer.from('a,b\n1,2\n').toString('base64') };
  const read = await readShareFragment(
    new URL(await shareLink(BASE, 'n', notebook([]), files)).hash,
  );
  assert.deepEqual(read.files, files);
  assert.equal(read.notebook.metadata[FILES_KEY], undefined);
  for (const name of ['../etc/passwd', '.hidden', 'a/b.txt', '']) {
    assert.equal(canCarry(name), false, name);
    const bad = await shareLink(BASE, 'n', notebook([]), { [name]: 'AAAA' });
    await assert.rejects(readShareFragment(new URL(bad).hash), ShareLinkError);
  }
});

test('a damaged, cut or foreign fragment is refused with a ShareLinkError', async () => {
  const hash = new URL(await shareLink(BASE, 'n', notebook([CODE_CELL]))).hash;
  const flipped = hash.slice(0, -3) + (hash.at(-3) === 'A' ? 'B' : 'A') + hash.slice(-2);
  for (const fragment of [
    flipped,
    hash.slice(0, hash.length - 10),
    `#${FRAGMENT_KEY}=2.a.b.c`,
    `#${FRAGMENT_KEY}=1.a.b`,
    '#' + 'x'.repeat(MAX_LINK_CHARS + 1),
  ]) {
    await assert.rejects(readShareFragment(fragment), ShareLinkError, fragment.slice(0, 40));
  }
  assert.equal(isShareFragment(hash), true);
  assert.equal(isShareFragment('#other=1'), false);
});

test('a notebook too large for a link says to share the file instead', async () => {
  // Random text does not deflate: the link grows past the bound.
  const noise = Array.from({ length: 40000 }, (_, i) => ((i * 7919) % 65521).toString(36)).join('');
  await assert.rejects(
    shareLink(BASE, 'big', notebook([{ cell_type: 'markdown', source: noise, metadata: {} }])),
    (error: Error) => error instanceof ShareLinkError && /File > Download/.test(error.message),
  );
});

test('a shared name is a file name: no path, no hidden file, no format character, bounded', () => {
  for (const name of ['../../x', 'a/b', 'a\\b', '.x', 'gpj\u202E.exe']) {
    const clean = cleanName(name);
    assert.ok(!/[/\\\u202E]/.test(clean) && !clean.startsWith('.'), `${name} -> ${clean}`);
    assert.ok(clean.endsWith('.ipynb'), clean);
  }
  assert.equal(cleanName('x'.repeat(500)), `${'x'.repeat(MAX_NAME_CHARS)}.ipynb`);
  assert.equal(cleanName(''), 'shared.ipynb');
});
