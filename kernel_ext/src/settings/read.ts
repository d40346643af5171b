/**
 * The preload settings of this page: `litePluginSettings` in jupyter-lite.json,
 * checked by ./schema.ts.
 */
import { PageConfig } from '@jupyterlab/coreutils';

import { SettingsResult, settingsFrom } from './schema';

export { IPreloadSettings, PLUGIN_ID, SettingsResult } from './schema';

/**
 * Read the preload settings of this page, validated, with absolute URLs.
 */
export function readSettings(): SettingsResult {
  let all: Record<string, unknown>;
  try {
    all = JSON.parse(PageConfig.getOption('litePluginSettings') || '{}');
  } catch (error) {
    return { ok: false, errors: [`litePluginSettings is not JSON: ${String(error)}`] };
  }
  return settingsFrom(all, PageConfig.getBaseUrl());
}
