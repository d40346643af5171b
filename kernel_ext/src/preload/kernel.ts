/**
 * Preloading inside every Pyodide kernel: the kernel factory is wrapped so
 * that each kernel it makes (first start and every restart: JupyterLite
 * restarts a kernel by making a new one with the same id) runs PortLite's
 * preload as soon as Pyodide is up, before any message of the user's.
 */
import { KernelMessage } from '@jupyterlab/services';

import { IKernel, IKernelSpecs } from '@jupyterlite/kernel';

import { ISignal, Signal } from '@lumino/signaling';

import { IPreloadSettings } from '../settings/read';

import { IKernelPreload, IPartStatus } from './status';

/** The kernel whose factory is wrapped: the Pyodide kernel's spec name. */
export const PYODIDE_KERNEL = 'python';

/** Where the kernel's reply carries the preload's report (an IPython payload). */
const PAYLOAD_SOURCE = 'portlite.preload';

/** Messages that need no bridge and must not wait for one. */
const UNGATED = new Set(['kernel_info_request', 'input_reply']);

/** The part of Pyodide's kernel class used here (public, not on `IKernel`). */
interface IExecutingKernel extends IKernel {
  executeRequest(
    content: KernelMessage.IExecuteRequestMsg['content'],
  ): Promise<KernelMessage.IExecuteReplyMsg['content']>;
}

function canExecute(kernel: IKernel): kernel is IExecutingKernel {
  return typeof (kernel as Partial<IExecutingKernel>).executeRequest === 'function';
}

/**
 * The Python the kernel runs first: PortLite's start hook, which prints
 * nothing, reports through a payload and leaves no trace in the user's
 * namespace or history. It is awaited: without JSPI (Safari) the hook
 * awaits what it would otherwise block on.
 */
export function startCode(settings: IPreloadSettings): string {
  const literal = JSON.stringify(JSON.stringify(settings));
  return (
    'from portlite.preload import kernel_start as __portlite_kernel_start\n' +
    `await __portlite_kernel_start(${literal})\n`
  );
}

/** Read the report out of the start hook's execute reply. */
export function reportOf(reply: KernelMessage.IExecuteReplyMsg['content']): IKernelPreload {
  if (reply.status !== 'ok') {
    const error = reply as KernelMessage.IReplyErrorContent;
    return { state: 'failed', parts: {}, error: `${error.ename}: ${error.evalue}` };
  }
  const payloads = ((reply as { payload?: Array<Record<string, unknown>> }).payload ?? []).filter(
    (payload) => payload.source === PAYLOAD_SOURCE,
  );
  if (!payloads.length) {
    return { state: 'failed', parts: {}, error: 'the kernel sent no PortLite report' };
  }
  const parts = JSON.parse(String(payloads[0].status_json)) as Record<string, IPartStatus>;
  return { state: 'ready', parts };
}

/**
 * A Pyodide kernel that runs the preload first and holds every message but
 * `kernel_info_request` until it is done, so a cell run early waits for the
 * bridges rather than failing.
 */
export class PreloadingKernel implements IKernel {
  constructor(
    private readonly _inner: IKernel,
    run: (kernel: IKernel, readyAtMs: number) => Promise<void>,
  ) {
    this.preloaded = _inner.ready.then(() => run(_inner, performance.now()));
    _inner.disposed.connect(() => this._disposed.emit(), this);
  }

  /** Settles when the preload has finished (it never rejects). */
  readonly preloaded: Promise<void>;

  get id(): string {
    return this._inner.id;
  }

  get name(): string {
    return this._inner.name;
  }

  get location(): string {
    return this._inner.location;
  }

  get ready(): Promise<void> {
    return this._inner.ready;
  }

  get isDisposed(): boolean {
    return this._inner.isDisposed;
  }

  get disposed(): ISignal<this, void> {
    return this._disposed;
  }

  async handleMessage(msg: KernelMessage.IMessage): Promise<void> {
    if (!UNGATED.has(msg.header.msg_type)) {
      await this.preloaded;
    }
    return this._inner.handleMessage(msg);
  }

  dispose(): void {
    this._inner.dispose();
  }

  private _disposed = new Signal<this, void>(this);
}

/**
 * Run the start hook in `kernel` and report what came back. Never throws:
 * a failure is a report too.
 */
export async function runPreload(
  kernel: IKernel,
  settings: IPreloadSettings,
): Promise<IKernelPreload> {
  if (!canExecute(kernel)) {
    return { state: 'failed', parts: {}, error: `kernel ${kernel.name} cannot run code` };
  }
  try {
    const reply = await kernel.executeRequest({
      code: startCode(settings),
      silent: true,
      store_history: false,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: false,
    });
    return reportOf(reply);
  } catch (error) {
    return { state: 'failed', parts: {}, error: String(error) };
  }
}

/**
 * Wrap the Pyodide kernel's factory (now, or when it is registered) so
 * every kernel it makes goes through `wrap`.
 */
export function wrapKernelFactory(
  kernelspecs: IKernelSpecs,
  wrap: (kernel: IKernel) => IKernel,
): void {
  const wrapped = new WeakSet<object>();
  const ensureWrapped = (): void => {
    const factory = kernelspecs.factories.get(PYODIDE_KERNEL);
    if (!factory || wrapped.has(factory)) {
      return;
    }
    const preloading = async (options: IKernel.IOptions): Promise<IKernel> =>
      wrap(await factory(options));
    wrapped.add(preloading);
    kernelspecs.factories.set(PYODIDE_KERNEL, preloading);
  };
  ensureWrapped();
  kernelspecs.changed.connect(ensureWrapped);
}
