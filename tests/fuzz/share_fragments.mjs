// Fuzz PortLite's share-link decoder (kernel_ext/src/share/codec.ts, compiled) in Node.
//
//   node share_fragments.mjs <share.mjs> <cases> <seed>
//
// Random fragments, mutations and truncations of a real link, and forged
// links (valid checksum, random or hostile payload): every one must either
// decode to an nbformat-4 notebook under a clean name, or be refused with a
// ShareLinkError, each within a few seconds. Prints the counts as JSON;
// exits 1 on the first other outcome.
import { pathToFileURL } from 'node:url';

const [modulePath, cases, seedText] = process.argv.slice(2);
const share = await import(pathToFileURL(modulePath).href);
let seed = Number(seedText) >>> 0;
const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const pick = (n) => Math.floor(random() * n);
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=#%/ \u202e\u0000';

const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: 'markdown', id: 'm', metadata: {}, source: '# Title' },
    {
      cell_type: 'code',
      id: 'c',
      metadata: {},
      source: 'print(1)',
      outputs: [],
      execution_count: null,
    },
  ],
};
const link = await share.shareLink('http://site/tree/index.html', 'notebook.ipynb', notebook);
const valid = link.slice(link.indexOf('#'));

const b64url = (bytes) =>
  Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
async function forged(nameBytes, payloadBytes) {
  const name = b64url(nameBytes);
  const payload = b64url(payloadBytes);
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${name}.${payload}`)),
  );
  const sum = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  return `#${share.FRAGMENT_KEY}=1.${name}.${sum}.${payload}`;
}
async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const randomBytes = (n) => Uint8Array.from({ length: n }, () => pick(256));
const randomText = (n) => Array.from({ length: n }, () => CHARS[pick(CHARS.length)]).join('');

async function makeCase(i) {
  switch (i % 6) {
    case 0:
      return (random() < 0.5 ? `#${share.FRAGMENT_KEY}=` : '#') + randomText(pick(2000));
    case 1: {
      const chars = valid.split('');
      for (let k = 1 + pick(5); k > 0; k--) chars[pick(chars.length)] = CHARS[pick(CHARS.length)];
      return chars.join('');
    }
    case 2:
      return valid.slice(0, pick(valid.length));
    case 3:
      return forged(randomBytes(pick(300)), randomBytes(pick(4000)));
    case 4: {
      // A forged link whose payload inflates to JSON of any shape.
      const shapes = [
        'null',
        '[]',
        '{"nbformat":4}',
        '{"nbformat":4,"cells":{},"metadata":{}}',
        JSON.stringify({ ...notebook, cells: [{ metadata: null }] }),
        randomText(50),
      ];
      return forged(
        new TextEncoder().encode(randomText(pick(400))),
        await deflate(shapes[pick(shapes.length)]),
      );
    }
    default:
      return valid.repeat(1 + pick(40)); // over-long
  }
}

const withTimeout = (promise, ms) =>
  Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms),
    ),
  ]);

const counts = { decoded: 0, refused: 0 };
for (let i = 0; i < Number(cases); i++) {
  const fragment = await makeCase(i);
  try {
    const { name, notebook: got } = await withTimeout(share.readShareFragment(fragment), 5000);
    const clean =
      name.endsWith('.ipynb') && !/[\p{Cc}\p{Cf}\/\\]/u.test(name) && name.length <= 126;
    if (got.nbformat !== 4 || !Array.isArray(got.cells) || !clean) {
      throw new Error(`decoded something that is not a clean notebook: ${name}`);
    }
    counts.decoded++;
  } catch (error) {
    if (!(error instanceof share.ShareLinkError)) {
      console.error(`case ${i} (${fragment.slice(0, 80)}...): ${error}`);
      process.exit(1);
    }
    counts.refused++;
  }
}
console.log(JSON.stringify(counts));
