/**
 * What each kernel's preload reported, and the widget that shows it.
 */
import { ISignal, Signal } from '@lumino/signaling';

import { Widget } from '@lumino/widgets';

import { describeLoad, ILoadTally, overall, progressText } from './load';

/** One part of a kernel's preparation: a bridge or the model cache. */
export interface IPartStatus {
  status: 'ready' | 'failed';
  reason?: string;
  [detail: string]: unknown;
}

/** A kernel's preparation: under way, or finished with each part's status. */
export interface IKernelPreload {
  state: 'loading' | 'ready' | 'failed';
  parts: Record<string, IPartStatus>;
  /** Why the preload as a whole failed (settings refused, kernel error). */
  error?: string;
  /** What the kernel's worker has downloaded, by part (with the build's expected bytes). */
  load?: ILoadTally;
  /** Whether Kernel > Interrupt reaches this kernel (needs cross-origin isolation). */
  interrupt?: boolean;
  /** Milliseconds from kernel creation to the end of the preload. */
  elapsedMs?: number;
  /** Page clock (`performance.now()`): kernel made, Pyodide ready, preload done. */
  createdAtMs?: number;
  readyAtMs?: number;
  doneAtMs?: number;
}

/** The preload state of every kernel of this page, by kernel id. */
export class PreloadRegistry {
  get changed(): ISignal<this, string> {
    return this._changed;
  }

  get(kernelId: string | undefined): IKernelPreload | undefined {
    return kernelId === undefined ? undefined : this._byKernel.get(kernelId);
  }

  set(kernelId: string, preload: IKernelPreload): void {
    this._byKernel.set(kernelId, preload);
    this._changed.emit(kernelId);
  }

  private _byKernel = new Map<string, IKernelPreload>();
  private _changed = new Signal<this, string>(this);
}

function megabytes(bytes: unknown): string {
  return `${(Number(bytes) / 1e6).toFixed(1)} MB`;
}

/** One line of the tooltip per part. */
export function describePart(name: string, part: IPartStatus): string {
  if (part.status === 'failed') {
    return `${name}: failed: ${part.reason}`;
  }
  switch (name) {
    case 'cv2':
      return `cv2: opencv.js ${part.version}, SIMD ${part.simd ? 'on' : 'off'}`;
    case 'onnxruntime':
      return (
        `onnxruntime: onnxruntime-web ${part.version}, ${part.num_threads} thread(s), ` +
        `SIMD ${part.simd ? 'on' : 'off'}`
      );
    case 'cache':
      return `model cache: ${part.entries} model(s), ${megabytes(part.bytes)}`;
    case 'jspi':
      // This browser cannot block on a promise (Safari): say what to write instead.
      return (
        `${part.text}: path = await portlite.models.fetch_async(url) also loads ` +
        `onnxruntime's engine; after it, InferenceSession(path) and session.run(...) ` +
        `need no await`
      );
    default:
      return `${name}: ${part.text ?? part.status}`;
  }
}

/** The short label and the tooltip for a kernel's preload. */
export function summarize(preload: IKernelPreload | undefined): { label: string; title: string } {
  if (!preload) {
    // Before the kernel exists (or where there is none): neutral, not an error.
    return {
      label: 'PortLite: waiting for a kernel',
      title: 'PortLite loads its bridges when a Python (Pyodide) kernel starts',
    };
  }
  const load = preload.load ?? {};
  const { loaded, total } = overall(load);
  if (preload.state === 'loading') {
    return {
      label:
        loaded || total
          ? `PortLite: loading… ${progressText(loaded, total)}`
          : 'PortLite: loading…',
      title: [
        'PortLite is loading Pyodide, opencv.js and onnxruntime-web',
        ...describeLoad(load),
      ].join('\n'),
    };
  }
  const lines = Object.entries(preload.parts).map(([name, part]) => describePart(name, part));
  if (loaded) {
    lines.push(`downloaded by this kernel: ${progressText(loaded, 0)}`, ...describeLoad(load));
  }
  if (preload.error) {
    lines.unshift(`failed: ${preload.error}`);
  }
  if (preload.interrupt === false) {
    lines.push(
      'not cross-origin isolated: 1 thread, and Kernel > Interrupt is unavailable ' +
        '(the host sends no COOP/COEP headers); restart the kernel to stop a cell',
    );
  }
  if (preload.elapsedMs !== undefined) {
    lines.push(`ready ${(preload.elapsedMs / 1000).toFixed(1)} s after the kernel started`);
  }
  const failed = Object.entries(preload.parts)
    .filter(([, part]) => part.status === 'failed')
    .map(([name]) => name);
  const ready = failed.length ? `PortLite: ready (${failed.join(', ')} failed)` : 'PortLite: ready';
  const jspi = preload.parts.jspi?.text;
  const label =
    preload.state === 'failed' ? 'PortLite: failed' : jspi ? `${ready}; ${jspi}` : ready;
  return { label, title: lines.join('\n') };
}

/**
 * A small text item showing the preload state of one kernel, the one
 * `currentKernel` names; the tooltip has the details.
 */
export class PreloadIndicator extends Widget {
  constructor(
    private readonly _registry: PreloadRegistry,
    private readonly _currentKernel: () => string | undefined,
  ) {
    super();
    this.addClass('portlite-PreloadIndicator');
    this.node.style.padding = '0 6px';
    this.node.style.whiteSpace = 'nowrap';
    this.node.style.alignSelf = 'center';
    _registry.changed.connect(this.refresh, this);
    this.refresh();
  }

  /** Redraw from the registry (also called when the current kernel changes). */
  refresh(): void {
    const preload = this._registry.get(this._currentKernel());
    const { label, title } = summarize(preload);
    this.node.textContent = label;
    this.node.title = title;
    this.node.dataset.state = preload?.state ?? 'none';
    this.node.dataset.load = JSON.stringify(preload?.load ?? {});
    // The page-clock times, for start-up benchmarks and debugging.
    for (const key of ['createdAtMs', 'readyAtMs', 'doneAtMs'] as const) {
      this.node.dataset[key] = String(preload?.[key] ?? '');
    }
  }

  dispose(): void {
    this._registry.changed.disconnect(this.refresh, this);
    super.dispose();
  }
}
