/**
 * Kernel > Interrupt for Pyodide kernels. JupyterLite 0.6's kernel client
 * ignores interrupts, so a running cell could only be stopped by a restart.
 * Pyodide checks an "interrupt buffer" (a SharedArrayBuffer the page can
 * write while the worker runs Python) and raises KeyboardInterrupt when it
 * holds SIGINT. The kernel's preload installs a listener in the worker that
 * hands such a buffer to Pyodide; this module sends one to each kernel and
 * routes the client's interrupt to it. Without cross-origin isolation there
 * is no SharedArrayBuffer, and interrupt stays unavailable.
 */
import { IKernel, IKernelClient } from '@jupyterlite/kernel';

/** The message the worker-side listener (portlite.preload) looks for. */
export const INTERRUPT_BUFFER_KEY = 'portliteInterruptBuffer';

/** POSIX SIGINT: what Pyodide turns into KeyboardInterrupt. */
const SIGINT = 2;

/** The part of Pyodide's kernel that holds its worker (not on `IKernel`). */
interface IHasWorker {
  _worker?: Worker | null;
}

/** The kernel's worker, where the Pyodide kernel keeps one. */
export function kernelWorker(kernel: IKernel): Worker | undefined {
  return (kernel as unknown as IHasWorker)._worker ?? undefined;
}

/** Whether this page can interrupt a running kernel at all. */
export function canInterrupt(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
}

/** Interrupters by kernel id. */
export class Interrupters {
  /**
   * Give `kernel`'s worker an interrupt buffer; return false when this page
   * or kernel cannot have one.
   */
  arm(kernel: IKernel): boolean {
    const worker = kernelWorker(kernel);
    if (!canInterrupt() || !worker) {
      return false;
    }
    const buffer = new Int32Array(new SharedArrayBuffer(4));
    worker.postMessage({ [INTERRUPT_BUFFER_KEY]: buffer });
    this._buffers.set(kernel.id, buffer);
    return true;
  }

  /** Ask `kernelId`'s running code to stop; false if that kernel has no buffer. */
  interrupt(kernelId: string): boolean {
    const buffer = this._buffers.get(kernelId);
    if (!buffer) {
      return false;
    }
    Atomics.store(buffer, 0, SIGINT);
    return true;
  }

  forget(kernelId: string): void {
    this._buffers.delete(kernelId);
  }

  /** Route the kernel client's interrupt (a no-op in JupyterLite 0.6) here. */
  routeClient(client: IKernelClient): void {
    const original = client.interrupt.bind(client);
    client.interrupt = async (kernelId: string): Promise<void> => {
      this.interrupt(kernelId);
      return original(kernelId);
    };
  }

  private _buffers = new Map<string, Int32Array>();
}
