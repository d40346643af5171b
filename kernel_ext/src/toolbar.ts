/**
 * PortLite's items on a notebook (the Share button, the status).
 *
 * They go in the notebook's toolbar. On a phone, though, JupyterLab's toolbar
 * either wraps or folds every item past the first few into its "⋯" popup,
 * depending on when it measured them: the status and Share could end up
 * hidden. On a narrow screen they go in a bar of their own above the
 * notebook instead, always on screen.
 */
import type { NotebookPanel } from '@jupyterlab/notebook';

import { Panel, Widget } from '@lumino/widgets';

/** Screens this narrow (CSS pixels) get PortLite's bar above the notebook. */
const NARROW_SCREEN = '(max-width: 600px)';

/** The bar's class, one bar per notebook panel. */
const BAR_CLASS = 'portlite-NotebookBar';

/** The bar's height: a toolbar button's. */
const BAR_HEIGHT = '32px';

function barOf(panel: NotebookPanel): Panel {
  const found = panel.contentHeader.widgets.find((widget) => widget.hasClass(BAR_CLASS));
  if (found) {
    return found as Panel;
  }
  const bar = new Panel();
  bar.addClass(BAR_CLASS);
  Object.assign(bar.node.style, {
    display: 'flex',
    alignItems: 'center',
    gap: '8px',
    padding: '0 8px',
    minHeight: BAR_HEIGHT,
  });
  // Lumino's box layouts size a child by its CSS minimum: give the header one.
  panel.contentHeader.node.style.minHeight = BAR_HEIGHT;
  panel.contentHeader.addWidget(bar);
  return bar;
}

/** Add `item` (named `name`) to the notebook toolbar of `panel`, or to PortLite's bar on a phone. */
export function addToNotebook(panel: NotebookPanel, name: string, item: Widget): void {
  if (window.matchMedia(NARROW_SCREEN).matches) {
    item.node.dataset.jpItemName = name;
    barOf(panel).addWidget(item);
  } else {
    panel.toolbar.addItem(name, item);
  }
}
