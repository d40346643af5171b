/**
 * What a kernel's worker has downloaded, by part: Pyodide, its packages,
 * opencv.js, onnxruntime-web and the kernel's own code. The worker's load
 * meter (src/portlite_site/worker/load-meter.js) posts its tally to the
 * page; the build says how many bytes each part of a start needs, so the
 * status can show progress.
 */
import { PageConfig } from '@jupyterlab/coreutils';

/** The key of the load meter's messages. */
export const LOAD_KEY = 'portliteLoad';

/** The page-config key where the build puts each part's bytes for a kernel start. */
export const START_BYTES_KEY = 'portliteStartBytes';

/**
 * The parts, in the order they load: the kernel's code is JupyterLite's
 * worker; "other files" are what cells fetch later (models, data).
 */
export const PARTS = [
  'Pyodide',
  'packages',
  'kernel',
  'opencv.js',
  'onnxruntime-web',
  'other files',
] as const;

export type Part = (typeof PARTS)[number];

/** One part's download: bytes so far, bytes expected, files begun and ended. */
export interface IPartLoad {
  loaded: number;
  total: number;
  files: number;
  done: number;
}

export type ILoadTally = Partial<Record<Part, IPartLoad>>;

/** One file of the meter's tally: URL, bytes so far, bytes expected (0: unknown), ended. */
export type MeterFile = [string, number, number, boolean];

/** Which part a file the worker fetched belongs to, from its URL's path. */
export function partOf(url: string): Part {
  let path: string;
  try {
    path = new URL(url, 'http://site/').pathname;
  } catch {
    return 'other files';
  }
  if (path.includes('/static/portlite/opencv/')) {
    return 'opencv.js';
  }
  if (path.includes('/static/portlite/onnxruntime-web/')) {
    return 'onnxruntime-web';
  }
  const file = path.slice(path.lastIndexOf('/') + 1);
  if (path.includes('/static/pyodide/')) {
    return /\.(whl|zip|tar)$/.test(file) && file !== 'python_stdlib.zip' ? 'packages' : 'Pyodide';
  }
  if (file.endsWith('.whl')) {
    return 'packages';
  }
  return path.includes('/@jupyterlite/pyodide-kernel-extension/') ? 'kernel' : 'other files';
}

/** Whether `data` is a load meter message; then its files. */
export function meterFiles(data: unknown): MeterFile[] | null {
  if (data === null || typeof data !== 'object') {
    return null;
  }
  const files = (data as Record<string, unknown>)[LOAD_KEY];
  if (!Array.isArray(files)) {
    return null;
  }
  return files.filter(
    (file): file is MeterFile =>
      Array.isArray(file) &&
      typeof file[0] === 'string' &&
      Number.isFinite(file[1]) &&
      Number.isFinite(file[2]),
  );
}

/** The meter's files, summed by part; a part's total is the larger of the build's and the known. */
export function tally(files: MeterFile[], expected: ILoadTally = {}): ILoadTally {
  const result: ILoadTally = {};
  for (const [url, loaded, total, ended] of files) {
    const part = partOf(url);
    const sum = (result[part] ??= { loaded: 0, total: 0, files: 0, done: 0 });
    sum.loaded += loaded;
    sum.total += Math.max(total, loaded);
    sum.files += 1;
    sum.done += ended ? 1 : 0;
  }
  for (const part of PARTS) {
    const bytes = expected[part]?.total;
    if (bytes !== undefined) {
      const sum = (result[part] ??= { loaded: 0, total: 0, files: 0, done: 0 });
      sum.total = Math.max(sum.total, bytes);
    }
  }
  return result;
}

/** Each part's bytes for a kernel start, as the build computed them (empty if it did not). */
export function startBytes(): ILoadTally {
  let given: unknown;
  try {
    given = JSON.parse(PageConfig.getOption(START_BYTES_KEY) || '{}');
  } catch {
    return {};
  }
  const result: ILoadTally = {};
  for (const part of PARTS) {
    const bytes = (given as Record<string, unknown>)?.[part];
    if (typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0) {
      result[part] = { loaded: 0, total: bytes, files: 0, done: 0 };
    }
  }
  return result;
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** The whole download: bytes so far and bytes expected. */
export function overall(load: ILoadTally): { loaded: number; total: number } {
  let loaded = 0;
  let total = 0;
  for (const part of PARTS) {
    loaded += load[part]?.loaded ?? 0;
    total += load[part]?.total ?? 0;
  }
  return { loaded, total };
}

/** "23.4 of 52.0 MB", or "23.4 MB" when nothing is known of the total. */
export function progressText(loaded: number, total: number): string {
  return total > 0
    ? `${megabytes(Math.min(loaded, total))} of ${megabytes(total)} MB`
    : `${megabytes(loaded)} MB`;
}

/** One tooltip line per part that has begun or is expected. */
export function describeLoad(load: ILoadTally): string[] {
  return PARTS.filter((part) => load[part]).map((part) => {
    const sum = load[part] as IPartLoad;
    const files = sum.files ? `, ${sum.done}/${sum.files} file(s)` : ', not started';
    return `${part}: ${progressText(sum.loaded, sum.total)}${files}`;
  });
}
