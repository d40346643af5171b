/**
 * The preload settings' check (src/settings/schema.ts) against the schema
 * the build checks too: defaults, absolute URLs, and one message per fault
 * that names the setting, what was expected and what arrived.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PLUGIN_ID, settingsFrom } from '../src/settings/schema';

const BASE = 'https://example.invalid/site/';

function refused(given: unknown): string[] {
  const result = settingsFrom({ [PLUGIN_ID]: given }, BASE);
  assert.equal(result.ok, false, JSON.stringify(given));
  return result.ok ? [] : result.errors;
}

test('no settings give the schema defaults, URLs made absolute', () => {
  const result = settingsFrom({}, BASE);
  assert.ok(result.ok);
  assert.deepEqual(result.settings.bridges, ['cv2', 'onnxruntime']);
  assert.equal(result.settings.linkCode, 'ask');
  assert.equal(result.settings.numThreads, 0);
  assert.equal(result.settings.opencvUrl, `${BASE}static/portlite/opencv/opencv.js`);
  assert.equal(result.settings.opencvScalarUrl, `${BASE}static/portlite/opencv/scalar/opencv.js`);
  assert.equal(result.settings.onnxruntimeUrl, `${BASE}static/portlite/onnxruntime-web/`);
});

test('an empty scalar URL stays empty: the site has no scalar fallback', () => {
  const result = settingsFrom({ [PLUGIN_ID]: { opencvScalarUrl: '' } }, BASE);
  assert.ok(result.ok);
  assert.equal(result.settings.opencvScalarUrl, '');
});

test('given settings override the defaults', () => {
  const result = settingsFrom(
    { [PLUGIN_ID]: { bridges: ['cv2'], numThreads: 2, opencvUrl: '/x/cv.js' } },
    BASE,
  );
  assert.ok(result.ok);
  assert.deepEqual(result.settings.bridges, ['cv2']);
  assert.equal(result.settings.numThreads, 2);
  assert.equal(result.settings.opencvUrl, 'https://example.invalid/x/cv.js');
});

test('each fault is named with its path, what was expected and what arrived', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{ bridges: ['cv3'] }, /bridges\[0\]: expected one of \["cv2","onnxruntime"\], got "cv3"/],
    [{ bridges: ['cv2', 'cv2'] }, /bridges: expected unique items/],
    [{ aliases: 'yes' }, /aliases: expected boolean, got string "yes"/],
    [{ numThreads: 65 }, /numThreads: expected <= 64, got 65/],
    [{ numThreads: -1 }, /numThreads: expected >= 0, got -1/],
    [{ numThreads: 1.5 }, /numThreads: expected integer, got number 1.5/],
    [{ onnxruntimeUrl: 'no-slash' }, /onnxruntimeUrl: expected a string matching \/\$/],
    [{ opencvUrl: '' }, /opencvUrl: expected at least 1 characters/],
    [{ linkCode: 'always' }, /linkCode: expected one of \["ask","never","run"\]/],
    [{ colour: 'red' }, /unknown setting "colour" \(known: bridges, /],
    [[], /expected object, got array/],
  ];
  for (const [given, message] of cases) {
    const errors = refused(given);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.match(errors[0], message);
    assert.ok(errors[0].startsWith(`litePluginSettings["${PLUGIN_ID}"]`), errors[0]);
  }
});

test('several faults give one message each', () => {
  assert.equal(refused({ aliases: 1, modelCache: 'no', numThreads: 99 }).length, 3);
});
