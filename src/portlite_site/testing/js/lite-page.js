/**
 * What the tests and benchmarks run in a page of the site, as `portliteTest`:
 * LitePage (../page.py) installs this file as an init script of its page,
 * so each call is `page.evaluate('(arg) => portliteTest.<name>(arg)')`.
 * `window.jupyterapp` is there because the site sets `exposeAppInBrowser`.
 * Installed once per document, however many LitePages share a context.
 */
window.portliteTest ??= (() => {
  /** The widget in the app's main area (a notebook, console or REPL panel). */
  const currentPanel = () => window.jupyterapp?.shell?.currentWidget;

  /** Whether the current widget has a kernel, idle and not restarting. */
  function kernelIdle() {
    const panel = currentPanel();
    const kernel = panel?.sessionContext?.session?.kernel;
    return !!kernel && kernel.status === 'idle' && !panel.sessionContext.isRestarting;
  }

  /** PortLite's status item: state, label and tooltip. */
  function indicator() {
    const node = document.querySelector('.portlite-PreloadIndicator');
    return node ? { state: node.dataset.state, label: node.textContent, title: node.title } : {};
  }

  /** Whether the status item shows a finished preload. */
  function preloadDone() {
    return !['loading', 'none', undefined].includes(indicator().state);
  }

  /** The open notebook's code cells, as nbformat JSON. */
  function codeCells() {
    const model = currentPanel()?.content?.model;
    return model ? model.toJSON().cells.filter((cell) => cell.cell_type === 'code') : [];
  }

  /** Whether every code cell of the open notebook ran and its kernel is idle. */
  function allRan() {
    return (
      codeCells().every((cell) => cell.execution_count !== null) &&
      currentPanel().sessionContext.session.kernel.status === 'idle'
    );
  }

  /** What a stall report shows of the page. */
  function stallState() {
    const panel = currentPanel();
    const context = panel?.sessionContext;
    const kernel = context?.session?.kernel;
    const code = codeCells();
    return {
      widget: panel ? panel.constructor.name : null,
      session: !!context?.session,
      restarting: !!context?.isRestarting,
      kernel: kernel ? { status: kernel.status, connection: kernel.connectionStatus } : null,
      preload: indicator(),
      execution_counts: code.map((cell) => cell.execution_count),
      output_counts: code.map((cell) => (cell.outputs || []).length),
    };
  }

  /** Run `code` in the current widget's kernel; resolve with its reply and outputs. */
  async function execute([code, timeoutMs]) {
    const kernel = currentPanel().sessionContext.session.kernel;
    const outputs = [];
    const future = kernel.requestExecute({ code, store_history: false });
    future.onIOPub = (msg) => {
      const type = msg.header.msg_type;
      if (['stream', 'execute_result', 'display_data', 'error'].includes(type)) {
        outputs.push({ output_type: type, ...msg.content });
      }
    };
    const timeout = new Promise((_, reject) =>
      setTimeout(
        () => reject(new Error(`no reply from the kernel within ${timeoutMs} ms`)),
        timeoutMs,
      ),
    );
    const reply = await Promise.race([future.done, timeout]);
    return { status: reply.content.status, outputs, at_ms: performance.now() };
  }

  /** Start `execute` without waiting; `finishWithin` waits for it. */
  function start(args) {
    window.portliteRun = execute(args);
  }

  /** The run `start` began, or an error once `ms` milliseconds have passed. */
  function finishWithin(ms) {
    const late = new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms),
    );
    return Promise.race([window.portliteRun, late]);
  }

  /** Save a file or notebook into the site's contents, as an upload does. */
  function save([path, type, format, content]) {
    return window.jupyterapp.serviceManager.contents.save(path, { type, format, content });
  }

  /** Start "Run all" (not awaited: the command's promise can outlive the cells). */
  function runAll() {
    void window.jupyterapp.commands.execute('notebook:run-all-cells');
  }

  /** The open notebook's cells, as nbformat JSON. */
  function cells() {
    return currentPanel().content.model.toJSON().cells;
  }

  /** Restart the current widget's kernel, with no dialog. */
  function restartKernel() {
    return currentPanel().sessionContext.session.kernel.restart();
  }

  /** Whether the app has started (`jupyterapp.started` is a promise: polled, not awaited). */
  let started = null;
  function appStarted() {
    if (window.jupyterapp && started === null) {
      started = false;
      void window.jupyterapp.started.then(() => {
        started = true;
      });
    }
    return started === true;
  }

  return {
    allRan,
    appStarted,
    cells,
    execute,
    finishWithin,
    indicator,
    kernelIdle,
    preloadDone,
    restartKernel,
    runAll,
    save,
    stallState,
    start,
  };
})();
