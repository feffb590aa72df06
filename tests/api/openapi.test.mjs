// api/openapi.yaml against the server: every route that `relais routes` lists is documented with
// its method and access, nothing documented is missing from the server, the file is strict YAML
// whose schemas compile, and the response validator of contract.mjs (which the harness applies
// to every response of every API test) refuses what it must refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

import { runRelais } from './harness.mjs';
import {
  OPENAPI_FILE, METHODS, spec, documentedOperations, deref, compileAll, validateResponse, matchPath, ContractError,
} from './contract.mjs';

/** `relais routes`: [{ method, pattern, access: 'public' | 'session' | 'tenant' }]. */
export async function registeredRoutes() {
  const { stdout } = await runRelais(['routes']);
  const routes = stdout.trim().split('\n').map((line) => {
    const m = /^([A-Z]+) (\/\S*) (public|session|tenant)$/.exec(line);
    assert.ok(m, `relais routes printed an unexpected line: ${line}`);
    return { method: m[1], pattern: m[2], access: m[3] };
  });
  return routes;
}

const routes = await registeredRoutes();
const operations = documentedOperations();
const key = (method, path) => `${method} ${path}`;

test('relais routes lists the routes of every module (health, identity, housing)', () => {
  assert.ok(routes.length >= 20, `only ${routes.length} routes`);
  for (const expected of ['GET /healthz', 'POST /api/v1/session', 'GET /api/v1/households/{id}']) {
    assert.ok(routes.some((r) => key(r.method, r.pattern) === expected), `${expected} is not registered`);
  }
  const seen = new Set();
  for (const r of routes) {
    assert.ok(!seen.has(key(r.method, r.pattern)), `${key(r.method, r.pattern)} is registered twice`);
    seen.add(key(r.method, r.pattern));
  }
});

test('every registered route is documented in api/openapi.yaml with its method', () => {
  const documented = new Set(operations.map((o) => key(o.method, o.path)));
  const missing = routes.filter((r) => !documented.has(key(r.method, r.pattern))).map((r) => key(r.method, r.pattern));
  assert.deepEqual(missing, [], `registered but not documented: ${missing.join(', ')}`);
});

test('every documented operation is registered by the server (no stale documentation)', () => {
  const registered = new Set(routes.map((r) => key(r.method, r.pattern)));
  const stale = operations.filter((o) => !registered.has(key(o.method, o.path))).map((o) => key(o.method, o.path));
  assert.deepEqual(stale, [], `documented but not registered: ${stale.join(', ')}`);
});

test('public routes say security: [] and session routes need the session (and answer 401)', () => {
  for (const r of routes) {
    const op = spec.paths[r.pattern]?.[r.method.toLowerCase()];
    if (!op) continue;  // reported by the test above
    const security = op.security ?? spec.security;
    const name = key(r.method, r.pattern);
    if (r.access === 'public') {
      assert.deepEqual(security, [], `${name} is public but the contract asks for ${JSON.stringify(security)}`);
    } else {
      // Tenant routes take the tenant session cookie, every other signed-in route the staff one.
      const scheme = r.access === 'tenant' ? 'tenantSession' : 'session';
      assert.ok(security.some((s) => scheme in s), `${name} needs a ${scheme}, the contract says ${JSON.stringify(security)}`);
      assert.ok(op.responses['401'], `${name} needs a session but documents no 401`);
    }
  }
});

test('state-changing session routes document the X-CSRF-Token header and its 403', () => {
  for (const r of routes) {
    if (r.access === 'public' || ['GET', 'HEAD', 'OPTIONS'].includes(r.method)) continue;
    const item = spec.paths[r.pattern];
    const op = item?.[r.method.toLowerCase()];
    if (!op) continue;
    const params = deref([...(item.parameters ?? []), ...(op.parameters ?? [])]);
    const name = key(r.method, r.pattern);
    assert.ok(params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'x-csrf-token' && p.required), `${name} does not document X-CSRF-Token`);
    assert.ok(op.responses['403'], `${name} documents no 403 (missing or wrong CSRF token)`);
  }
});

test('routes with an {id} document it as a path parameter and answer 404; routes with a body document 400', () => {
  for (const { method, path, operation } of operations) {
    const item = spec.paths[path];
    const params = deref([...(item.parameters ?? []), ...(operation.parameters ?? [])]);
    for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
      assert.ok(params.some((p) => p.in === 'path' && p.name === name && p.required), `${method} ${path}: {${name}} is not a required path parameter`);
      assert.ok(operation.responses['404'], `${method} ${path} documents no 404`);
    }
    if (operation.requestBody) assert.ok(operation.responses['400'], `${method} ${path} takes a body but documents no 400`);
  }
});

test('routes that use the database document 503 (unreachable, I/O error) and writes 507 (disk full)', () => {
  // Only /healthz and /metrics answer without the database (ADR 0007).
  const withoutDatabase = new Set(['GET /healthz', 'GET /metrics']);
  for (const { method, path, operation } of operations) {
    if (withoutDatabase.has(key(method, path))) continue;
    assert.equal(operation.responses['503']?.$ref, '#/components/responses/Unavailable', `${method} ${path} documents no 503 Unavailable`);
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
      assert.equal(operation.responses['507']?.$ref, '#/components/responses/StorageFull', `${method} ${path} documents no 507`);
    }
  }
});

test('api/openapi.yaml is strict YAML: no duplicate keys, no warnings', () => {
  // A comma inside a flow mapping ({ description: a, b }) silently makes another key: strict
  // parsing turns that into an error instead of a wrong contract.
  const doc = parseDocument(readFileSync(OPENAPI_FILE, 'utf8'), { uniqueKeys: true, strict: true, prettyErrors: true });
  assert.deepEqual(doc.errors.map(String), []);
  assert.deepEqual(doc.warnings.map(String), []);
  assert.equal(spec.openapi, '3.1.0');
});

test('every $ref resolves and every response schema compiles (ajv strict, JSON Schema 2020-12)', () => {
  const n = compileAll();
  assert.ok(n >= operations.length, `only ${n} response schemas for ${operations.length} operations`);
  for (const { method, path, operation } of operations) {
    assert.ok(Object.keys(operation.responses ?? {}).length > 0, `${method} ${path} documents no response`);
    for (const status of Object.keys(operation.responses)) {
      assert.match(status, /^[1-5]\d\d$/, `${method} ${path}: status ${status} (ranges and default are not allowed: a test must know what to expect)`);
    }
    if (operation.requestBody) deref(operation.requestBody);
  }
});

test('every documented method is one the router knows', () => {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const k of Object.keys(item)) {
      assert.ok([...METHODS, 'parameters', 'summary', 'description', 'servers'].includes(k), `${path}: unknown key ${k}`);
    }
  }
});

// The validator itself: these fake responses must be refused, or the checks of every other test
// prove nothing.
function fake(method, path, status, body, { contentType = 'application/json', headers = {} } = {}) {
  const h = new Headers({
    'content-type': contentType,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'self'; script-src 'self'; frame-ancestors 'none'",
    'x-request-id': 'test-1',
    'cache-control': 'no-store',
    ...headers,
  });
  for (const [k, v] of Object.entries(headers)) if (v === null) h.delete(k);
  return { method, path, status, headers: h, text: typeof body === 'string' ? body : JSON.stringify(body) };
}
const organisation = { id: 1, name: 'Bailleur', siren: '123456782' };
const household = {
  id: 1, reference: 'L-1', display_name: 'Dupont Hélène', dwelling_id: 2, dwelling_reference: 'D-1', building_id: 3,
  address: '1 rue de la Poterne', commune_name: 'Saint-Lô', lease: null,
  members: [{ id: 4, first_name: 'Hélène', last_name: 'Dupont', birth_date: '1950-02-28', relation: 'holder' }],
  phones: [{ number: '0612345678', label: '' }], email: '', preferred_language: 'fr', notes: '',
  updated_at: '2026-01-31T10:00:00.000Z',
};
const problem = (status) => ({ type: 'urn:relais:problem:x', title: 'T', status, detail: 'Détail.' });

test('the validator accepts responses that follow the contract', () => {
  validateResponse(fake('GET', '/api/v1/organisation', 200, organisation));
  validateResponse(fake('GET', '/api/v1/organisation?x=1', 401, problem(401), { contentType: 'application/problem+json' }));
  validateResponse(fake('GET', '/api/v1/households/search?q=a', 200, { items: [] }));
  validateResponse(fake('DELETE', '/api/v1/session', 204, ''));
  validateResponse(fake('GET', '/api/v1/households/1', 200, household));
  validateResponse(fake('GET', '/api/v1/nothing', 404, problem(404), { contentType: 'application/problem+json' }));
  validateResponse(fake('PUT', '/api/v1/session', 405, problem(405), {
    contentType: 'application/problem+json', headers: { allow: 'POST, GET, DELETE' },
  }));
});

test('the validator refuses responses that break the contract', () => {
  const refusals = [
    ['an undocumented status', fake('GET', '/api/v1/organisation', 418, problem(418), { contentType: 'application/problem+json' })],
    ['a missing required field', fake('GET', '/api/v1/organisation', 200, { id: 1, name: 'B' })],
    ['a field of the wrong type', fake('GET', '/api/v1/organisation', 200, { ...organisation, id: '1' })],
    ['a pattern broken', fake('GET', '/api/v1/organisation', 200, { ...organisation, siren: '12' })],
    ['an undocumented field', fake('GET', '/api/v1/organisation', 200, { ...organisation, secret: 'x' })],
    ['an undocumented field in an allOf', fake('GET', '/api/v1/households/search?q=a', 200, {
      items: [{ id: 1, reference: 'R', display_name: 'D', address: 'A', commune_name: 'C', phone: '', member_count: 1, score: 3, extra: 1 }],
    })],
    ['an undocumented content type', fake('GET', '/api/v1/organisation', 200, '<p>', { contentType: 'text/html' })],
    ['a body where none is documented', fake('DELETE', '/api/v1/session', 204, '{}')],
    ['a problem whose status differs', fake('GET', '/api/v1/organisation', 401, problem(403), { contentType: 'application/problem+json' })],
    ['a bad date-time', fake('GET', '/api/v1/households/1', 200, { ...household, updated_at: 'hier' })],
    ['a bad date', fake('GET', '/api/v1/households/1', 200, {
      ...household, members: [{ ...household.members[0], birth_date: '1950-02-30' }],
    })],
    ['a value outside an enum', fake('GET', '/api/v1/households/1', 200, {
      ...household, members: [{ ...household.members[0], relation: 'cousin' }],
    })],
    ['an unknown path answered 200', fake('GET', '/api/v1/nothing', 200, {})],
    ['a 405 whose Allow differs from the contract', fake('PUT', '/api/v1/session', 405, problem(405), {
      contentType: 'application/problem+json', headers: { allow: 'GET' },
    })],
    ['no nosniff', fake('GET', '/api/v1/organisation', 200, organisation, { headers: { 'x-content-type-options': null } })],
    ['a CSP with unsafe-inline', fake('GET', '/api/v1/organisation', 200, organisation, {
      headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'" },
    })],
    ['a CSP without frame-ancestors', fake('GET', '/api/v1/organisation', 200, organisation, {
      headers: { 'content-security-policy': "default-src 'self'" },
    })],
    ['an API answer that may be cached', fake('GET', '/api/v1/organisation', 200, organisation, { headers: { 'cache-control': 'max-age=60' } })],
    ['no X-Request-Id', fake('GET', '/api/v1/organisation', 200, organisation, { headers: { 'x-request-id': null } })],
  ];
  for (const [what, res] of refusals) {
    assert.throws(() => validateResponse(res), ContractError, `the validator accepted ${what}`);
  }
});

test('paths match the most specific documented pattern', () => {
  assert.equal(matchPath('/api/v1/households/search'), '/api/v1/households/search');
  assert.equal(matchPath('/api/v1/households/42'), '/api/v1/households/{id}');
  assert.equal(matchPath('/api/v1/buildings/42/dwellings'), '/api/v1/buildings/{id}/dwellings');
  assert.equal(matchPath('/api/v1/households/'), null);
  assert.equal(matchPath('/api/v1'), null);
});
