/**
 * The preload plugin: every Pyodide kernel of the site (notebooks, consoles,
 * the REPL; first start and every restart) loads opencv.js and
 * onnxruntime-web, mounts the model cache and installs the `cv2` and
 * `onnxruntime` aliases before it runs the user's first cell. The state is
 * shown in the status bar, each notebook's toolbar and above consoles;
 * failures go to the log console.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

import { IConsoleTracker } from '@jupyterlab/console';

import { ILoggerRegistry } from '@jupyterlab/logconsole';

import type { NotebookPanel } from '@jupyterlab/notebook';

import { IStatusBar } from '@jupyterlab/statusbar';

import { IKernel, IKernelClient, IKernelSpecs } from '@jupyterlite/kernel';

import { Widget } from '@lumino/widgets';

import { Interrupters, kernelWorker } from './interrupt';

import { MeterFile, meterFiles, startBytes, tally } from './load';

import { keepOffline, watchForUpdates } from '../offline/keep';

import { PreloadingKernel, runPreload, wrapKernelFactory } from './kernel';

import { PLUGIN_ID, readSettings } from '../settings/read';

import { describePart, IKernelPreload, PreloadIndicator, PreloadRegistry } from './status';

import { addToNotebook } from '../toolbar';

/** A widget with a kernel session: notebook and console panels. */
interface IHasSession {
  sessionContext?: { session?: { kernel?: { id: string } | null } | null };
}

function kernelOf(widget: Widget | null): string | undefined {
  return (widget as IHasSession | null)?.sessionContext?.session?.kernel?.id ?? undefined;
}

/** Send a kernel's report to the log console of the document it serves. */
function logReport(
  app: JupyterFrontEnd,
  loggers: ILoggerRegistry,
  kernelId: string,
  report: IKernelPreload,
): void {
  let source = '';
  for (const session of app.serviceManager.sessions.running()) {
    if (session.kernel?.id === kernelId) {
      source = session.path;
    }
  }
  const logger = loggers.getLogger(source);
  if (report.error) {
    logger.log({ type: 'text', level: 'error', data: `PortLite: preload failed: ${report.error}` });
  }
  for (const [name, part] of Object.entries(report.parts)) {
    const level = part.status === 'failed' ? 'error' : 'info';
    logger.log({ type: 'text', level, data: `PortLite: ${describePart(name, part)}` });
  }
}

export const preload: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Preloads the cv2 and onnxruntime bridges in every Pyodide kernel.',
  autoStart: true,
  requires: [IKernelSpecs],
  optional: [ILoggerRegistry, IStatusBar, IKernelClient, IConsoleTracker],
  activate: (
    app: JupyterFrontEnd,
    kernelspecs: IKernelSpecs,
    loggers: ILoggerRegistry | null,
    statusBar: IStatusBar | null,
    kernelClient: IKernelClient | null,
    consoles: IConsoleTracker | null,
  ): void => {
    const registry = new PreloadRegistry();
    const interrupters = new Interrupters();
    if (kernelClient) {
      interrupters.routeClient(kernelClient);
    }
    const settings = readSettings();
    if (!settings.ok) {
      console.error(`PortLite: settings refused: ${settings.errors.join('; ')}`);
    }

    const finish = (
      kernel: IKernel,
      report: IKernelPreload,
      createdAtMs: number,
      readyAtMs: number,
    ): void => {
      const doneAtMs = performance.now();
      Object.assign(report, {
        createdAtMs,
        readyAtMs,
        doneAtMs,
        elapsedMs: doneAtMs - createdAtMs,
      });
      if (kernel.isDisposed) {
        return;
      }
      report.load = registry.get(kernel.id)?.load;
      // The worker listens for the buffer once the preload has run.
      report.interrupt = interrupters.arm(kernel);
      kernel.disposed.connect(() => interrupters.forget(kernel.id));
      registry.set(kernel.id, report);
      if (loggers) {
        logReport(app, loggers, kernel.id, report);
      }
      for (const [name, part] of Object.entries(report.parts)) {
        if (part.status === 'failed') {
          console.warn(`PortLite: ${describePart(name, part)}`);
        }
      }
    };

    const expected = startBytes();
    watchForUpdates();
    wrapKernelFactory(kernelspecs, (kernel: IKernel): IKernel => {
      const createdAtMs = performance.now();
      registry.set(kernel.id, { state: 'loading', parts: {}, createdAtMs, load: expected });
      // The worker's load meter reports the whole tally each time. Once the
      // kernel is ready, files it finishes later (onnxruntime-web's engine)
      // are kept offline as they arrive.
      const kept = new Set<string>();
      const keepDone = (files: MeterFile[], withPage: boolean): void => {
        const done = files
          .filter(([url, , , ended]) => ended && !kept.has(url))
          .map(([url]) => url);
        done.forEach((url) => kept.add(url));
        keepOffline(done, withPage);
      };
      let latest: MeterFile[] = [];
      kernelWorker(kernel)?.addEventListener('message', (event: MessageEvent) => {
        const files = meterFiles(event.data);
        const current = registry.get(kernel.id);
        if (files && current && !kernel.isDisposed) {
          latest = files;
          registry.set(kernel.id, { ...current, load: tally(files, expected) });
          if (current.state !== 'loading') {
            keepDone(files, false);
          }
        }
      });
      return new PreloadingKernel(kernel, async (inner, readyAtMs) => {
        const report: IKernelPreload = settings.ok
          ? await runPreload(inner, settings.settings)
          : {
              state: 'failed',
              parts: {},
              error: `settings refused: ${settings.errors.join('; ')}`,
            };
        finish(inner, report, createdAtMs, readyAtMs);
        keepDone(latest, true);
      });
    });

    if (statusBar) {
      const item = new PreloadIndicator(registry, () => kernelOf(app.shell.currentWidget));
      app.shell.currentChanged?.connect(() => item.refresh());
      app.serviceManager.sessions.runningChanged.connect(() => item.refresh());
      statusBar.registerStatusItem(PLUGIN_ID, { item, align: 'left', rank: 5 });
    }

    // Consoles and the REPL (which has no status bar, and hides its toolbar
    // unless asked): the status above the console.
    consoles?.widgetAdded.connect((_, panel) => {
      const item = new PreloadIndicator(registry, () => kernelOf(panel));
      panel.sessionContext.kernelChanged.connect(() => item.refresh());
      // Lumino's box layouts size a child by its CSS minimum: give the line one.
      item.node.style.minHeight = panel.contentHeader.node.style.minHeight = '24px';
      item.node.style.lineHeight = '24px';
      panel.contentHeader.addWidget(item);
    });

    app.docRegistry.addWidgetExtension('Notebook', {
      createNew: (panel: NotebookPanel) => {
        const item = new PreloadIndicator(registry, () => kernelOf(panel));
        panel.sessionContext.kernelChanged.connect(() => item.refresh());
        addToNotebook(panel, 'portlitePreload', item);
        return item;
      },
    });
  },
};
