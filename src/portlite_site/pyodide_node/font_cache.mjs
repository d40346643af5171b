// PortLite build step: matplotlib's font list, made by the site's own Pyodide
// and matplotlib, so a kernel's first plot does not build it (and print
// "Matplotlib is building the font cache" in a red box).
//
//   node font_cache.mjs <site's pyodide dir> <site's lock> <output json>
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, lockFile, outFile] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, lockFileURL: lockFile });
try {
  await pyodide.loadPackage("matplotlib", { messageCallback: () => {} });
  // Written out explicitly: matplotlib's own cache write is best effort.
  const fontList = pyodide.runPython(`
import pathlib, matplotlib.font_manager as font_manager
font_manager.json_dump(font_manager.fontManager, "/tmp/fontlist.json")
pathlib.Path("/tmp/fontlist.json").read_text()
`);
  writeFileSync(outFile, fontList);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
