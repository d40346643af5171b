/**
 * The preload settings' schema check, pure (no page): `schema/preload.json`
 * is the one statement of what is allowed, and the build checks it too.
 */
import schema from '../../schema/preload.json';

/** The key of these settings in `litePluginSettings`. */
export const PLUGIN_ID = '@portlite/kernel-extension:preload';

/** What a kernel is prepared with, URLs made absolute. */
export interface IPreloadSettings {
  bridges: string[];
  aliases: boolean;
  modelCache: boolean;
  opencvUrl: string;
  /** '' when the site has no scalar fallback (opencvUrl is then loaded everywhere). */
  opencvScalarUrl: string;
  onnxruntimeUrl: string;
  numThreads: number;
  linkCode: 'ask' | 'never' | 'run';
}

/** Settings, or why they were refused. */
export type SettingsResult =
  { ok: true; settings: IPreloadSettings } | { ok: false; errors: string[] };

/** The part of JSON Schema that `schema/preload.json` uses. */
export interface ISchemaNode {
  type?: string;
  properties?: Record<string, ISchemaNode>;
  additionalProperties?: boolean;
  items?: ISchemaNode;
  enum?: unknown[];
  uniqueItems?: boolean;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

export const SCHEMA = schema as ISchemaNode;

function typeOf(value: unknown): string {
  if (Array.isArray(value)) {
    return 'array';
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return 'integer';
  }
  return typeof value;
}

/**
 * Check `value` against `node`; return one message per fault, naming its path.
 */
export function validate(value: unknown, node: ISchemaNode, path = 'settings'): string[] {
  const actual = typeOf(value);
  const wanted = node.type;
  if (wanted && actual !== wanted && !(wanted === 'number' && actual === 'integer')) {
    return [`${path}: expected ${wanted}, got ${actual} ${JSON.stringify(value)}`];
  }
  const errors: string[] = [];
  if (node.enum && !node.enum.includes(value)) {
    errors.push(
      `${path}: expected one of ${JSON.stringify(node.enum)}, got ${JSON.stringify(value)}`,
    );
  }
  if (typeof value === 'string') {
    if (node.minLength !== undefined && value.length < node.minLength) {
      errors.push(
        `${path}: expected at least ${node.minLength} characters, got ${JSON.stringify(value)}`,
      );
    }
    if (node.pattern !== undefined && !new RegExp(node.pattern).test(value)) {
      errors.push(
        `${path}: expected a string matching ${node.pattern}, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) {
      errors.push(`${path}: expected >= ${node.minimum}, got ${value}`);
    }
    if (node.maximum !== undefined && value > node.maximum) {
      errors.push(`${path}: expected <= ${node.maximum}, got ${value}`);
    }
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (node.items) {
        errors.push(...validate(item, node.items, `${path}[${index}]`));
      }
    });
    if (
      node.uniqueItems &&
      new Set(value.map((item) => JSON.stringify(item))).size !== value.length
    ) {
      errors.push(`${path}: expected unique items, got ${JSON.stringify(value)}`);
    }
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) {
      const child = node.properties?.[key];
      if (child) {
        errors.push(...validate(item, child, `${path}.${key}`));
      } else if (node.additionalProperties === false) {
        const known = Object.keys(node.properties ?? {}).join(', ');
        errors.push(`${path}: unknown setting ${JSON.stringify(key)} (known: ${known})`);
      }
    }
  }
  return errors;
}

/** The schema's defaults, overridden by the site's settings. */
function withDefaults(given: Record<string, unknown>): Record<string, unknown> {
  const defaults = Object.fromEntries(
    Object.entries(SCHEMA.properties ?? {}).map(([key, node]) => [key, node.default]),
  );
  return { ...defaults, ...given };
}

/**
 * The preload settings in `litePluginSettings` (parsed), checked against the
 * schema, with the schema's defaults and URLs made absolute against `base`.
 */
export function settingsFrom(all: Record<string, unknown>, base: string): SettingsResult {
  const given = all[PLUGIN_ID] ?? {};
  const errors = validate(given, SCHEMA, `litePluginSettings["${PLUGIN_ID}"]`);
  if (errors.length) {
    return { ok: false, errors };
  }
  const settings = withDefaults(given as Record<string, unknown>) as unknown as IPreloadSettings;
  for (const key of ['opencvUrl', 'opencvScalarUrl', 'onnxruntimeUrl'] as const) {
    if (settings[key]) {
      settings[key] = new URL(settings[key], base).href;
    }
  }
  return { ok: true, settings };
}
