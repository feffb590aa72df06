// api/openapi.yaml against the server: the contract is valid, and it documents exactly the routes
// that `relais serve` registers, with the same access (public or session).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { contract } from './contract.mjs';
import { runRelais } from './harness.mjs';

test('every schema of api/openapi.yaml compiles as JSON Schema 2020-12', () => {
  const doc = contract.doc;
  const places = Object.keys(doc.components?.schemas ?? {}).map((name) => ['components', 'schemas', name]);
  for (const [t, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        if (media.schema) places.push(['paths', t, method, 'requestBody', 'content', type, 'schema']);
      }
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (media.schema) places.push(['paths', t, method, 'responses', code, 'content', type, 'schema']);
        }
      }
    }
  }
  assert.ok(places.length > 0, 'no schema found in api/openapi.yaml');
  const broken = [];
  for (const place of places) {
    try {
      contract.validator(...place);
    } catch (e) {
      broken.push(`${place.join(' > ')}: ${e.message}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('api/openapi.yaml documents exactly the routes of relais serve, with their access', async () => {
  const { stdout } = await runRelais(['routes']);
  const served = new Map();
  for (const line of stdout.trim().split('\n')) {
    const [method, pattern, access] = line.trim().split(/\s+/);
    served.set(`${method} ${pattern}`, access);
  }
  assert.ok(served.size > 0, `relais routes listed nothing:\n${stdout}`);
  const documented = new Map(contract.operations().map((op) => {
    const [method, t] = op.split(' ');
    const security = contract.doc.paths[t][method.toLowerCase()].security ?? contract.doc.security ?? [];
    return [op, security.length === 0 ? 'public' : 'session'];
  }));
  assert.deepEqual([...served.keys()].filter((r) => !documented.has(r)).sort(), [], 'served but not documented');
  assert.deepEqual([...documented.keys()].filter((r) => !served.has(r)).sort(), [], 'documented but not served');
  const differing = [...served].filter(([r, access]) => documented.get(r) !== access).map(([r, a]) => `${r}: served ${a}`);
  assert.deepEqual(differing, [], 'access differs from the contract (security: [] means public)');
});
