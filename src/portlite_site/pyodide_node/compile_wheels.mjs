// PortLite build step: compile the sources of wheels to bytecode with the
// site's own Pyodide, so the .pyc files match the kernel's CPython exactly.
//
//   node compile_wheels.mjs <pyodide dir> <lock> <wheels in> <wheels out> <script.py>
//
// The script runs inside Pyodide with the two wheel folders mounted at /in
// and /out; it compiles every wheel of /in into /out.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, lockFile, inDir, outDir, script] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
// The lock is the official one: the site's is written after this step.
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, lockFileURL: lockFile });
for (const [mountpoint, root] of [["/in", inDir], ["/out", outDir]]) {
  pyodide.FS.mkdir(mountpoint);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, mountpoint);
}
try {
  pyodide.runPython(readFileSync(script, "utf8"));
} catch (error) {
  // Only the Python traceback: Node's own report quotes a line of minified Pyodide.
  console.error(error.message);
  process.exit(1);
}
