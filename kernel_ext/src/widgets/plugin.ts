/**
 * Widget outputs that stay readable after a reload. A widget's output holds
 * only the id of a model that lived in the kernel; a reloaded page has a new
 * kernel without it, and JupyterLab shows "Loading widget..." for good.
 * When a notebook opens without a running kernel session, each such output
 * is shown as its text form (ipywidgets saves one, e.g.
 * `IntSlider(value=3, ...)`) with a line saying how to get the widget back.
 * A notebook reopened while its kernel still runs keeps its live widgets.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';

import type { ICodeCellModel } from '@jupyterlab/cells';

import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';

/** ipywidgets' output type. */
export const WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json';

/** What a widget output reads as once its kernel is gone. */
export function staleWidgetText(plain: unknown): string {
  const text = Array.isArray(plain) ? plain.join('') : typeof plain === 'string' ? plain : '';
  return `${text || 'A widget'}\n(an interactive widget from an earlier run: run the cell again to use it)`;
}

function replaceStaleWidgets(panel: NotebookPanel): number {
  const model = panel.context.model;
  const wasDirty = model.dirty;
  let replaced = 0;
  for (const cell of model.cells) {
    if (cell.type !== 'code') {
      continue;
    }
    const outputs = (cell as ICodeCellModel).outputs;
    for (let index = 0; index < outputs.length; index++) {
      const data = outputs.get(index).data;
      if (!(WIDGET_VIEW in data)) {
        continue;
      }
      outputs.set(index, {
        output_type: 'display_data',
        data: { 'text/plain': staleWidgetText(data['text/plain']) },
        metadata: {},
      });
      replaced++;
    }
  }
  if (replaced && !wasDirty) {
    model.dirty = false; // only the view changed
  }
  return replaced;
}

export const staleWidgets: JupyterFrontEndPlugin<void> = {
  id: '@portlite/kernel-extension:stale-widgets',
  description:
    'Shows widget outputs from an earlier kernel as text instead of "Loading widget...".',
  autoStart: true,
  optional: [INotebookTracker],
  activate: (app: JupyterFrontEnd, notebooks: INotebookTracker | null): void => {
    notebooks?.widgetAdded.connect((_, panel) => {
      // Asked as the panel appears, before its own session starts.
      const path = panel.context.path;
      const live = Array.from(app.serviceManager.sessions.running()).some(
        (session) => session.path === path && session.kernel,
      );
      if (!live) {
        void panel.context.ready.then(() => replaceStaleWidgets(panel));
      }
    });
  },
};
