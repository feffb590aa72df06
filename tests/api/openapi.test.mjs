// api/openapi.yaml against the server (more checks follow).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

import { ROOT } from './harness.mjs';

test('api/openapi.yaml is strict YAML: no duplicate keys, no warnings', () => {
  // A comma inside a flow mapping ({ description: a, b }) silently makes another key: strict
  // parsing turns that into an error instead of a wrong contract.
  const doc = parseDocument(readFileSync(`${ROOT}/api/openapi.yaml`, 'utf8'), { uniqueKeys: true, strict: true, prettyErrors: true });
  assert.deepEqual(doc.errors.map(String), []);
  assert.deepEqual(doc.warnings.map(String), []);
  const phone = doc.toJS().components.schemas.HouseholdSummary.properties.phone;
  assert.deepEqual(Object.keys(phone).sort(), ['description', 'type']);
});
