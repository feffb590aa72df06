// What every request meets, whatever the module: unknown routes and methods, bodies that are too
// large, malformed, not objects, too deep, not UTF-8, with unknown fields; bad percent-encoding;
// security and cache headers; the web app's files; request ids; metrics per route pattern;
// readiness; and a graceful stop that finishes the request in flight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT, LOGIN_PATH, runRelais, startServer } from './harness.mjs';
import { spec, METHODS, checkResponse, deref } from './contract.mjs';

const TMP = process.env.RELAIS_TEST_TMP ?? join(ROOT, 'build/test-tmp');
let env, api, anon, webRoot;
const INDEX = '<!doctype html><html lang="fr"><head><title>Relais</title><script type="module" src="/assets/app-3f2a1b.js"></script></head><body><div id="root"></div></body></html>';
const APP_JS = 'console.log("relais");';

before(async () => {
  // A web app of our own, so that static serving is tested whatever web/dist holds in this run.
  await mkdir(TMP, { recursive: true });
  webRoot = await mkdtemp(join(TMP, 'web-'));
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'index.html'), INDEX);
  await writeFile(join(webRoot, 'assets/app-3f2a1b.js'), APP_JS);
  await writeFile(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  env = await startServer({ demo: { households: 5 }, env: { RELAIS_WEB_ROOT: webRoot } });
  api = env.client();
  await api.login(env.accounts.manager);
  anon = env.client();
});
after(async () => {
  if (env) {
    const status = await env.stop();
    assert.deepEqual(status, { code: 0, signal: null }, env.output().slice(-2000));
  }
  if (webRoot) await rm(webRoot, { recursive: true, force: true });
});

function assertProblem(res, status, detail) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = typeof res.body === 'object' && res.body ? res.body : JSON.parse(res.text);
  assert.equal(body.status, status);
  if (detail) assert.match(body.detail, detail);
  return body;
}

/**
 * One request over a raw socket (for what fetch will not send: invalid targets, a body that the
 * server refuses before it is all sent). `chunks` are written one after the other. Resolves to
 * { status, headers (lower-case names), body, raw } of the first response.
 */
function rawRequest(url, head, chunks = [], { timeoutMs = 10_000 } = {}) {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let data = Buffer.alloc(0);
    const done = () => {
      const text = data.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no complete answer: ${JSON.stringify(text.slice(0, 300))}`));
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      const body = data.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).toString('utf8');
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, raw: text });
    };
    socket.on('connect', async () => {
      socket.write(head);
      for (const c of chunks) {
        if (socket.destroyed) break;
        await new Promise((r) => socket.write(c, () => r()));
      }
    });
    socket.on('data', (c) => { data = Buffer.concat([data, c]); });
    socket.on('end', done);
    socket.on('close', () => (data.length ? done() : reject(new Error('closed without an answer'))));
    socket.on('error', (e) => { if (!data.length) reject(e); });
    socket.setTimeout(timeoutMs, () => { socket.destroy(); reject(new Error(`no answer within ${timeoutMs} ms`)); });
  });
}

/** Checks a raw answer of the HTTP layer like the client checks any other (contract and headers). */
function checkRaw(method, path, res, contract = 'problem') {
  checkResponse({ method, path, status: res.status, headers: new Headers(res.headers), text: res.body }, contract);
}

// ---- routes and methods ------------------------------------------------------------------------

test('unknown routes are 404 problem+json, with or without a session', async () => {
  for (const path of ['/api/v1/nothing', '/api/v2/households', '/api/v1/households/12/nothing', '/api/v1/households/', '/api', '/api/v1/buildings/1/dwellings/2']) {
    assertProblem(await api.get(path), 404);
    assertProblem(await anon.get(path), 404);
  }
  assertProblem(await api.post('/api/v1/nothing', {}), 404);
  // Ids that are not ids are not found either (never a 500, never another record).
  for (const id of ['0', '-1', '01', 'abc', '1.5', '99999999999999999999', '1e3']) {
    assertProblem(await api.get(`/api/v1/households/${id}`), 404);
  }
  // Outside /api a file that does not exist is 404 too (not the app's index).
  assertProblem(await anon.get('/nothing.txt'), 404);
  assertProblem(await anon.get('/assets/missing-123.js'), 404);
});

test('every documented path answers 405 with the right Allow to every other method', async () => {
  let n = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    const concrete = path.replace(/\{[^}]+\}/g, '1');
    const documented = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      if (documented.includes(method)) continue;
      // The client's contract check asserts the 405 problem and that Allow lists exactly the
      // documented methods.
      const res = await api.request(method, concrete, method === 'GET' ? {} : { json: {} });
      assert.equal(res.status, 405, `${method} ${concrete}: ${res.text}`);
      assert.ok(res.headers.get('allow'), `${method} ${concrete}: no Allow`);
      n++;
    }
  }
  assert.ok(n >= 30, `only ${n} wrong methods tried`);
});

// ---- bodies --------------------------------------------------------------------------------------

test('a body over the limit is 413, by Content-Length or chunked, with the usual headers', async () => {
  const big = 2 * 1024 * 1024;
  const byLength = await rawRequest(env.url, `POST /api/v1/buildings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big}\r\n\r\n{"reference": "`);
  assert.equal(byLength.status, 413, byLength.raw);
  checkRaw('POST', '/api/v1/buildings', byLength);
  assert.equal(JSON.parse(byLength.body).status, 413);
  assert.match(JSON.parse(byLength.body).detail, /taille/);

  const chunk = Buffer.alloc(256 * 1024, 'a');
  const chunks = ['{"email": "'];
  for (let i = 0; i < 6; i++) chunks.push(`${chunk.length.toString(16)}\r\n`, chunk, '\r\n');
  chunks[0] = `${Buffer.byteLength(chunks[0]).toString(16)}\r\n${chunks[0]}\r\n`;
  const chunked = await rawRequest(env.url, `POST ${LOGIN_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, chunks);
  assert.equal(chunked.status, 413, chunked.raw.slice(0, 300));
  checkRaw('POST', LOGIN_PATH, chunked);

  // Just under the limit is read (and refused for what it says, not for its size).
  const almost = JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(1024 * 1024 - 100) });
  assertProblem(await anon.request('POST', LOGIN_PATH, { body: almost, headers: { 'content-type': 'application/json' } }), 400);
});

const post = (client, path, body, headers = {}) =>
  client.request('POST', path, { body, headers: { 'content-type': 'application/json', ...headers } });

test('malformed JSON is 400 problem+json in French', async () => {
  for (const body of ['{"email": "a@b.fr", "password": ', '{"email": "a"}x', "{'email': 'a'}", '{"a": NaN}', '{"a": 1,}', '', ' ', '{"a":"\\x"}']) {
    assertProblem(await post(anon, LOGIN_PATH, body), 400, /JSON valide/);
    assertProblem(await post(api, '/api/v1/buildings', body), 400, /JSON valide/);
  }
});

test('JSON that is not an object is 400', async () => {
  for (const body of ['[]', '[{"email": "a@b.fr"}]', '"text"', '42', 'null', 'true']) {
    assertProblem(await post(anon, LOGIN_PATH, body), 400, /objet JSON/);
    assertProblem(await post(api, '/api/v1/households', body), 400, /objet JSON/);
  }
});

test('deeply nested JSON is 400 before it is parsed (no stack exhaustion)', async () => {
  const deep = (n) => `{"members": ${'['.repeat(n)}${']'.repeat(n)}}`;
  assertProblem(await post(api, '/api/v1/households', deep(100_000)), 400, /imbriqué/);
  assertProblem(await post(api, '/api/v1/households', `{"a": ${'{"a": '.repeat(40)}1${'}'.repeat(40)}}`), 400, /imbriqué/);
  // Brackets inside strings do not count; moderately nested input is read normally.
  const res = await post(api, '/api/v1/buildings', JSON.stringify({ reference: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' }));
  assert.doesNotMatch(assertProblem(res, 400).detail, /imbriqué/);
  assert.doesNotMatch(assertProblem(await post(api, '/api/v1/households', deep(20)), 400).detail, /imbriqué/);
  // The server is still there.
  assert.equal((await anon.get('/healthz')).status, 200);
});

test('a body that is not UTF-8 is 400', async () => {
  const cases = [
    Buffer.from([0x7b, 0x22, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),  // {"email":"\xff"}
    Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('","password":"x"}')]),  // overlong "/"
    Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","password":"x"}')]),  // a surrogate
    Buffer.concat([Buffer.from('{"email":"H'), Buffer.from([0xe9]), Buffer.from('l","password":"x"}')]),  // Latin-1 é
    Buffer.concat([Buffer.from('{"email":"'), Buffer.from([0xe2, 0x82]), Buffer.from('","password":"x"}')]),  // truncated
  ];
  for (const body of cases) {
    assertProblem(await post(anon, LOGIN_PATH, body), 400, /UTF-8/);
    assertProblem(await post(api, '/api/v1/buildings', body), 400, /UTF-8/);
  }
  // A lone surrogate escape is not a character either.
  assertProblem(await post(anon, LOGIN_PATH, '{"email":"\\ud800","password":"x"}'), 400);
  // Real UTF-8 is fine.
  const ok = await api.post('/api/v1/buildings', { reference: 'UTF8-1', name: 'Résidence « Les Cèdres » 🏠', street: 'rue de l’Église', commune_insee: '50502' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.name, 'Résidence « Les Cèdres » 🏠');
});

test('an unknown field is 400 naming it', async () => {
  const res = await anon.post(LOGIN_PATH, { email: 'a@b.fr', password: 'x', remember_me: true });
  const body = assertProblem(res, 400);
  assert.equal(body.field, 'remember_me');
  assert.deepEqual(body.errors.map((e) => e.field), ['remember_me']);
  const b = assertProblem(await api.post('/api/v1/buildings', { reference: 'R-1', street: 'x', commune_insee: '14118', Reference: 'R-2' }), 400);
  assert.equal(b.field, 'Reference', 'field names are case-sensitive: "Reference" is unknown');
});

test('the documented bounds of limit are the server\'s, on every operation that takes one', async () => {
  // The administrator may call almost every operation that lists (the audit trail is theirs); what
  // their role may not read (a support case's content) is read by the officer whose work it is.
  const admin = env.client();
  await admin.login(env.accounts.administrator);
  const officer = env.client();
  await officer.login(env.accounts.social_support);
  const readerOf = { '/api/v1/support-cases': officer, '/api/v1/arrears/queue': officer };
  let n = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!item.get || path.includes('{')) continue;
    const params = deref([...(item.parameters ?? []), ...(item.get.parameters ?? [])]);
    const limit = params.find((p) => p.in === 'query' && p.name === 'limit');
    if (!limit) continue;
    const required = params.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=a&`).join('');
    const { minimum, maximum } = limit.schema;
    assert.ok(Number.isInteger(minimum) && Number.isInteger(maximum), `${path}: limit without bounds`);
    const reader = readerOf[path] ?? admin;
    for (const ok of [minimum, maximum]) {
      const res = await reader.get(`${path}?${required}limit=${ok}`);
      assert.equal(res.status, 200, `${path} limit=${ok} (documented maximum ${maximum}): ${res.text}`);
    }
    for (const bad of [minimum - 1, maximum + 1]) {
      const res = await reader.get(`${path}?${required}limit=${bad}`);
      assert.equal(res.status, 400, `${path} limit=${bad}: ${res.text}`);
      assert.equal(res.body.field, 'limit');
    }
    n++;
  }
  assert.ok(n >= 4, `only ${n} operations with a limit`);
});

// ---- percent-encoding ------------------------------------------------------------------------------

test('bad percent-encoding in the path or the query is 400', async () => {
  for (const target of ['/api/v1/households/%zz', '/api/v1/households/%4', '/api/v1/%', '/healthz%00', '/api/v1/households/1%00']) {
    const res = await api.get(target, { contract: 'problem' });
    assertProblem(res, 400);
  }
  // In the query a malformed escape must not look like an absent parameter (a dropped filter).
  for (const target of ['/api/v1/households?building_id=%zz', '/api/v1/buildings?commune_insee=%G0', '/api/v1/households/search?q=%', '/api/v1/households?limit=%3']) {
    assertProblem(await api.get(target, { contract: 'problem' }), 400);
  }
  // Well-formed escapes are decoded: %2F in a parameter, + as a space.
  const search = await api.get('/api/v1/households/search?q=h%C3%A9l%C3%A8ne+dupont');
  assert.equal(search.status, 200, search.text);
  const communes = await api.get('/api/v1/communes?q=saint%2Dl%C3%B4');
  assert.ok(communes.body.items.some((c) => c.insee === '50502'), communes.text);
});

test('a query parameter that decodes to invalid UTF-8 is 400, on either engine', async () => {
  for (const target of ['/api/v1/buildings?commune_insee=%FF', '/api/v1/buildings?q=%C3', '/api/v1/households/search?q=%ED%A0%80', '/api/v1/communes?q=%FF']) {
    assertProblem(await api.get(target, { contract: 'problem' }), 400);
  }
});

// ---- headers ----------------------------------------------------------------------------------------

function assertSecurityHeaders(headers, what) {
  const get = (n) => (headers.get ? headers.get(n) : headers[n]);
  const csp = get('content-security-policy') ?? '';
  assert.ok(csp, `${what}: no CSP`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/, what);
  assert.match(csp, /script-src 'self'/, what);
  assert.equal(get('x-content-type-options'), 'nosniff', what);
  assert.ok(get('referrer-policy'), `${what}: no Referrer-Policy`);
  assert.equal(get('x-frame-options'), 'DENY', what);
  assert.ok(get('x-request-id'), `${what}: no X-Request-Id`);
}

test('every kind of answer carries the security headers, and the API Cache-Control: no-store', async () => {
  const answers = {
    'GET 200 JSON': await api.get('/api/v1/organisation'),
    'POST 201': await api.post('/api/v1/buildings', { reference: 'HDR-1', street: 'x', commune_insee: '14118' }),
    'GET 401': await anon.get('/api/v1/households'),
    'GET 404': await api.get('/api/v1/households/999999999'),
    'DELETE 405': await api.delete('/healthz'),
    'POST 400': await post(api, '/api/v1/buildings', '{'),
    'POST 403 (CSRF)': await api.post('/api/v1/buildings', {}, { headers: { 'x-csrf-token': 'no' } }),
    'GET 400 (HTTP layer)': await api.get('/api/v1/%zz', { contract: 'problem' }),
    'GET /metrics': await anon.get('/metrics', { headers: { accept: 'text/plain' } }),
    'GET /healthz': await anon.get('/healthz'),
  };
  for (const [what, res] of Object.entries(answers)) {
    assertSecurityHeaders(res.headers, what);
    assert.match(res.headers.get('cache-control') ?? '', /no-store/, what);
  }
  const tooLarge = await rawRequest(env.url, `POST ${LOGIN_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: ${4 << 20}\r\n\r\n`);
  assert.equal(tooLarge.status, 413);
  assertSecurityHeaders(tooLarge.headers, 'POST 413');
  assert.match(tooLarge.headers['cache-control'] ?? '', /no-store/);
  const badTarget = await rawRequest(env.url, 'GET /api/v1/households/%G1 HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(badTarget.status, 400);
  assertSecurityHeaders(badTarget.headers, 'GET 400 (raw)');
  const signedOut = env.client();
  await signedOut.login(env.accounts.manager);
  const bye = await signedOut.delete('/api/v1/session');
  assert.equal(bye.status, 204);
  assertSecurityHeaders(bye.headers, 'DELETE 204');
  assert.match(bye.headers.get('cache-control'), /no-store/);
});

test('the web app: / is index.html (no-cache), /assets/* immutable, app routes fall back to the index', async () => {
  const index = await anon.get('/', { headers: { accept: 'text/html' } });
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.equal(index.text, INDEX);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assertSecurityHeaders(index.headers, 'GET /');

  const js = await anon.get('/assets/app-3f2a1b.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /^text\/javascript/);
  assert.equal(js.text, APP_JS);
  assert.match(js.headers.get('cache-control'), /immutable/);
  assert.match(js.headers.get('cache-control'), /max-age=31536000/);
  assertSecurityHeaders(js.headers, 'GET /assets');

  const svg = await anon.get('/favicon.svg');
  assert.match(svg.headers.get('content-type'), /^image\/svg\+xml/);
  assert.equal(svg.headers.get('cache-control'), 'no-cache');

  // A route of the app (reloaded in the browser) is the index, not a 404; the API never is.
  const route = await anon.get('/menages/42', { headers: { accept: 'text/html' } });
  assert.equal(route.status, 200);
  assert.equal(route.text, INDEX);
  assert.equal(route.headers.get('cache-control'), 'no-cache');
  assertProblem(await anon.get('/api/v1/menages/42'), 404);
  // POST to a file is not a static request.
  assert.notEqual((await anon.request('POST', '/index.html', { json: {} })).status, 200);
});

test('Strict-Transport-Security is sent exactly when server.public_url is https (TLS ended by the proxy in front)', async () => {
  // This file's server has no public URL: no HSTS (a plain-HTTP install must not pin browsers to https).
  for (const res of [await anon.get('/healthz'), await api.get('/api/v1/organisation'), await anon.get('/api/v1/households')]) {
    assert.equal(res.headers.get('strict-transport-security'), null);
  }
  for (const [url, expected] of [['https://relais.bailleur.example', 'max-age=31536000; includeSubDomains'], ['http://relais.bailleur.example', null]]) {
    const server = await startServer({ demo: { households: 1 }, env: { RELAIS_PUBLIC_URL: url } });
    try {
      const client = server.client();
      const answers = [await client.get('/healthz'), await client.get('/api/v1/households'), await client.get('/api/v1/nowhere', { contract: 'problem' })];
      await client.login(server.accounts.manager);
      answers.push(await client.get('/api/v1/organisation'));
      for (const res of answers) assert.equal(res.headers.get('strict-transport-security'), expected, `${url}: ${res.status}`);
    } finally {
      assert.deepEqual(await server.stop(), { code: 0, signal: null });
    }
  }
});

test('the web app of this run (web/dist), when it is built, is what / serves', async () => {
  const dist = join(ROOT, 'web/dist/index.html');
  const server = await startServer();  // the harness's default web root: web/dist
  try {
    const res = await server.client().get('/', { headers: { accept: 'text/html' } });
    if (existsSync(dist)) {
      assert.equal(res.status, 200);
      assert.equal(res.text, readFileSync(dist, 'utf8'));
      assert.equal(res.headers.get('cache-control'), 'no-cache');
    } else {
      // Without a built app only the API is served, and the server says so.
      assertProblem(res, 404);
      assert.match(server.output(), /web app not found/);
    }
  } finally {
    assert.deepEqual(await server.stop(), { code: 0, signal: null });
  }
});

// ---- request ids -----------------------------------------------------------------------------------

test('X-Request-Id: a valid one is echoed, an invalid one replaced, a missing one made up and unique', async () => {
  const mine = 'trace-2026_01.abc';
  assert.equal((await api.get('/api/v1/organisation', { headers: { 'x-request-id': mine } })).headers.get('x-request-id'), mine);
  assert.equal((await anon.get('/api/v1/nothing', { headers: { 'x-request-id': mine } })).headers.get('x-request-id'), mine);
  for (const bad of ['a b', 'x'.repeat(65), '<script>', 'a;b', 'a/b', '"quoted"']) {
    const got = (await anon.get('/healthz', { headers: { 'x-request-id': bad } })).headers.get('x-request-id');
    assert.ok(got && got !== bad, `"${bad}" echoed`);
    assert.match(got, /^[A-Za-z0-9._-]{1,64}$/);
  }
  const ids = new Set();
  for (let i = 0; i < 20; i++) ids.add((await anon.get('/healthz')).headers.get('x-request-id'));
  assert.equal(ids.size, 20);
  // The id is in the server's log, to find the request from a user's report.
  assert.ok(env.output().includes(mine), 'the request id is logged');
});

// ---- metrics and readiness -------------------------------------------------------------------------

function counter(metrics, method, route, status) {
  const esc = route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^relais_http_requests_total\\{method="${method}",route="${esc}",status="${status}"\\} (\\d+)$`, 'm').exec(metrics);
  return m ? Number(m[1]) : 0;
}

test('/metrics counts requests per route pattern, never per concrete path', async () => {
  const metrics = async () => (await anon.get('/metrics', { headers: { accept: 'text/plain' } })).text;
  const before = await metrics();
  const ids = [424242, 434343, 454545, 464646];
  for (const id of ids) assertProblem(await api.get(`/api/v1/households/${id}`), 404);
  assert.equal((await api.get('/api/v1/organisation')).status, 200);
  assert.equal((await api.get('/api/v1/organisation')).status, 200);
  assertProblem(await api.get('/api/v1/zz-unknown-987654'), 404);
  const afterText = await metrics();

  assert.equal(counter(afterText, 'GET', '/api/v1/households/{id}', '4xx') - counter(before, 'GET', '/api/v1/households/{id}', '4xx'), ids.length);
  assert.equal(counter(afterText, 'GET', '/api/v1/organisation', '2xx') - counter(before, 'GET', '/api/v1/organisation', '2xx'), 2);
  for (const id of ids) assert.ok(!afterText.includes(String(id)), `the id ${id} appears in /metrics`);
  assert.ok(!afterText.includes('zz-unknown'), 'an unknown path appears in /metrics');

  // Every route label is a registered pattern or one of the fixed buckets.
  const { stdout } = await runRelais(['routes']);
  const patterns = new Set(stdout.trim().split('\n').map((l) => l.split(' ')[1]));
  const labels = new Set([...afterText.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
  for (const l of labels) assert.ok(patterns.has(l) || ['(unmatched)', '(static)', '(method not allowed)'].includes(l), `route label ${l}`);
  assert.match(afterText, /^# TYPE relais_http_request_duration_seconds histogram$/m);
  assert.match(afterText, /^relais_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/households\/\{id\}"\} \d+$/m);
  assert.match(afterText, /^relais_db_pool_connections \d+$/m);
});

test('/readyz answers ready with the database ok', async () => {
  const res = await anon.get('/readyz');
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body, { status: 'ready', database: 'ok' });
});

// ---- graceful stop ------------------------------------------------------------------------------------

/** A raw connection whose answer is collected until the server closes it. */
async function openRaw(url) {
  const { port, hostname } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await new Promise((r, j) => { socket.on('connect', r); socket.on('error', j); });
  const conn = { socket, answer: '' };
  socket.setEncoding('utf8');
  socket.on('data', (c) => { conn.answer += c; });
  socket.on('error', () => {});
  conn.closed = new Promise((r) => socket.on('close', r));
  return conn;
}
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

test('SIGTERM: requests in flight complete, idle connections close, new ones are refused, exit 0', async () => {
  const server = await startServer();
  const { port, hostname } = new URL(server.url);
  // An idle kept-alive connection must not hold the stop; one that has already been answered neither.
  const idle = await openRaw(server.url);
  const served = await openRaw(server.url);
  served.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  while (!served.answer.includes('"ok"')) await pause(10);

  // Two requests in flight when the signal comes: one with half its head sent, one with its
  // head and half its body.
  const body = JSON.stringify({ email: 'personne@relais.test', password: 'pas-de-compte-ici' });
  const head = `POST ${LOGIN_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  const midHead = await openRaw(server.url);
  midHead.socket.write(head.slice(0, 30));
  const midBody = await openRaw(server.url);
  midBody.socket.write(head + body.slice(0, 12));
  await pause(200);

  const started = Date.now();
  const stopped = server.stop();  // SIGTERM
  // Wait until the server has really begun to stop: it says so, and its listeners are closed
  // (each worker closes its listener and its idle connections in one step), so that the rest of
  // the requests arrives during the stop, however loaded the machine.
  const refusedNow = () => new Promise((r) => {
    const s = net.connect(Number(port), hostname);
    s.on('connect', () => { s.destroy(); r(false); });
    s.on('error', () => r(true));
  });
  while (!/stopping/.test(server.output()) || !(await refusedNow())) {
    assert.ok(Date.now() - started < 5000, 'the server neither logged "stopping" nor closed its listener within 5 s');
    await pause(20);
  }
  midHead.socket.write(head.slice(30) + body.slice(0, 5));
  await pause(100);
  midHead.socket.write(body.slice(5));
  midBody.socket.write(body.slice(12));
  await Promise.all([midHead.closed, midBody.closed, idle.closed, served.closed]);
  for (const [what, c] of [['half a head', midHead], ['half a body', midBody]]) {
    assert.match(c.answer, /^HTTP\/1\.1 401 /, `the request in flight with ${what} got: ${JSON.stringify(c.answer.slice(0, 200))}`);
    assert.match(c.answer, /\r\nconnection: close\r\n/i, `${what}: the answer says the connection closes`);
  }
  assert.equal(idle.answer, '', 'the idle connection was closed without an answer');
  const status = await stopped;
  assert.deepEqual(status, { code: 0, signal: null }, server.output().slice(-2000));
  assert.ok(Date.now() - started < 8000, `stopping took ${Date.now() - started} ms`);
  assert.match(server.output(), /stopped/);
});
