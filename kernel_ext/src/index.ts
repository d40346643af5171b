/**
 * PortLite's JupyterLite extension, wired: each plugin lives in its folder.
 *
 * - preload/: the cv2 and onnxruntime bridges in every Pyodide kernel, and their status;
 * - share/: notebooks shared in a link (share/codec.ts is the link's format);
 * - linkcode/: code carried by a link runs only when the visitor says so;
 * - widgets/: widget outputs of a closed kernel say why they are blank;
 * - settings/ and offline/: used by the plugins above.
 */
import { linkCode } from './linkcode/plugin';

import { preload } from './preload/plugin';

import { sharing } from './share/plugin';

import { staleWidgets } from './widgets/plugin';

export default [preload, sharing, linkCode, staleWidgets];
