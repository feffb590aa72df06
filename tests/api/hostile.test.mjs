// Malformed and hostile requests, sent as raw bytes over TCP to the real `relais serve` (on the
// engine under test): every one gets a 4xx problem+json — or, for an empty connection, a clean
// close — never a 5xx, a hang or a crash; the connection is closed after a framing error and
// stays in sync otherwise; no answer leaks a file from outside the web root. The corpus is data,
// in hostile-corpus.mjs. At the end the server still answers, counted no 5xx, and stops cleanly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT, engine, startServer } from './harness.mjs';
import { checkResponse } from './contract.mjs';
import { GROUPS, req, json } from './hostile-corpus.mjs';

const TMP = process.env.RELAIS_TEST_TMP ?? join(ROOT, 'build/test-tmp');
const SECRET = 'SECRET-7f3c9a-not-for-the-web';
const INDEX = '<!doctype html><html lang="fr"><head><title>Relais</title></head><body><div id="root"></div></body></html>';
const TIMEOUT_MS = 10_000;

let server, port, ctx, dir;
const tally = { requests: 0, answers: 0, byStatus: new Map(), closedWithoutAnswer: 0 };

before(async () => {
  // A web root of our own with a secret next to it (outside the root), for the traversal cases.
  await mkdir(TMP, { recursive: true });
  dir = await mkdtemp(join(TMP, 'hostile-'));
  const webRoot = join(dir, 'web');
  await mkdir(join(webRoot, 'assets'), { recursive: true });
  await writeFile(join(webRoot, 'index.html'), INDEX);
  await writeFile(join(webRoot, 'assets/app-3f2a1b.js'), 'console.log("relais");');
  await writeFile(join(dir, 'secret.txt'), SECRET);
  server = await startServer({ demo: { households: 5 }, env: { RELAIS_WEB_ROOT: webRoot } });
  port = Number(new URL(server.url).port);
  const api = server.client();
  const account = server.accounts.manager;
  await api.login(account);
  const buildingId = (await api.get('/api/v1/buildings?limit=1')).body.items[0].id;
  const dwellingId = (await api.get(`/api/v1/buildings/${buildingId}/dwellings`)).body.items[0].id;
  const householdId = (await api.get('/api/v1/households?limit=1')).body.items[0].id;
  ctx = {
    cookie: [...api.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    csrf: api.csrfToken,
    email: account.email,
    password: account.password,
    ids: { building: buildingId, dwelling: dwellingId, household: householdId },
  };
});

after(async () => {
  if (server) {
    const status = await server.stop();
    assert.deepEqual(status, { code: 0, signal: null }, `relais serve did not stop cleanly: ${server.output().slice(-3000)}`);
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The complete HTTP/1.x responses at the start of buf. */
function parseResponses(buf) {
  const out = [];
  let off = 0;
  for (;;) {
    const end = buf.indexOf('\r\n\r\n', off, 'latin1');
    if (end < 0) break;
    const [statusLine, ...lines] = buf.subarray(off, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3}) /.exec(statusLine);
    if (!m) return { responses: out, garbage: buf.subarray(off, off + 200).toString('latin1') };
    const headers = new Headers();
    for (const l of lines) {
      const i = l.indexOf(':');
      headers.append(l.slice(0, i).trim(), l.slice(i + 1).trim());
    }
    const length = Number(headers.get('content-length') ?? 0);
    if (end + 4 + length > buf.length) break;
    out.push({ minor: Number(m[1]), status: Number(m[2]), headers, text: buf.subarray(end + 4, end + 4 + length).toString('utf8') });
    off = end + 4 + length;
  }
  return { responses: out, garbage: null };
}

const closes = (r) => r.minor === 0 || /\bclose\b/i.test(r.headers.get('connection') ?? '');

let probes = 0;
/**
 * Sends `data` on a new connection and reads until the server has answered `expected` times and
 * then either closed (after an answer with Connection: close, or when `end` closed our side) or,
 * when the connection is left open, answered a probe GET /healthz sent on it. Resolves to
 * { responses, probe, closed, timedOut, garbage }: responses excludes the probe's answer, which
 * is recognised by its own X-Request-Id.
 */
function exchange(data, { expected, end = false, pieces = 0 }) {
  const probeId = `probe-${process.pid}-${++probes}`;
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let probeSent = false;
    let done = false;
    const finish = (how) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const { responses, garbage } = parseResponses(buf);
      const i = responses.findIndex((r) => r.headers.get('x-request-id') === probeId);
      resolve({
        responses: i < 0 ? responses : responses.slice(0, i),
        probe: i < 0 ? null : responses[i],
        extra: i < 0 ? [] : responses.slice(i + 1),
        probeSent,
        closed: how === 'closed',
        timedOut: how === 'timeout',
        garbage,
      });
    };
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
    const check = () => {
      const { responses, garbage } = parseResponses(buf);
      if (garbage) return finish('garbage');
      if (probeSent) {
        if (responses.some((r) => r.headers.get('x-request-id') === probeId)) finish('probed');
        return;
      }
      if (responses.length > expected) return finish('extra');  // part of the request was read as another
      if (end || responses.length < expected) return;
      // Enough answers: if the last one keeps the connection, the connection must still be in sync.
      if (expected > 0 && !closes(responses[expected - 1]) && responses.length === expected) {
        probeSent = true;
        socket.write(`GET /healthz HTTP/1.1\r\nHost: relais.test\r\nX-Request-Id: ${probeId}\r\n\r\n`);
      }
    };
    socket.on('connect', async () => {
      // `pieces`: the bytes trickle in, `pieces` at a time, as from a slow or cunning client.
      for (let off = 0; off < data.length && !socket.destroyed; off += pieces || data.length) {
        socket.write(data.subarray(off, off + (pieces || data.length)), () => {});
        if (pieces) await new Promise((r) => setTimeout(r, 2));
      }
      if (end && !socket.destroyed) socket.end();
    });
    socket.on('data', (c) => {
      buf = Buffer.concat([buf, c]);
      check();
    });
    socket.on('error', () => {});  // a reset after the server closed: what was read still counts
    socket.on('close', () => finish('closed'));
  });
}

/** Sends one corpus entry and returns the list of what is wrong with the outcome (empty: fine). */
async function run(entry) {
  const data = typeof entry.send === 'function' ? entry.send(ctx) : entry.send;
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  const allowed = entry.pipeline ? null : [entry.expect].flat();
  const expected = entry.pipeline ? entry.pipeline.length : allowed.includes('none') && allowed.length === 1 ? 0 : 1;
  const r = await exchange(bytes, { expected, end: entry.end, pieces: entry.pieces });
  tally.requests++;
  const wrong = [];
  const got = r.responses.map((x) => x.status);
  for (const x of r.responses) tally.byStatus.set(x.status, (tally.byStatus.get(x.status) ?? 0) + 1);
  tally.answers += r.responses.length;
  if (!r.responses.length) tally.closedWithoutAnswer++;
  if (r.timedOut) wrong.push(`no answer and no close within ${TIMEOUT_MS} ms (answers so far: ${got.join(', ') || 'none'})`);
  if (r.garbage) wrong.push(`the server wrote something that is not an HTTP/1 response: ${JSON.stringify(r.garbage)}`);
  if (entry.pipeline) {
    if (got.join() !== entry.pipeline.join()) wrong.push(`answers ${got.join(', ') || 'none'}, expected ${entry.pipeline.join(', ')}`);
  } else if (got.length === 0) {
    if (!allowed.includes('none')) wrong.push(`closed without an answer, expected ${allowed.join(' or ')}`);
  } else if (got.length > 1) {
    wrong.push(`${got.length} answers (${got.join(', ')}) to one request: part of it was read as another request`);
  } else if (!allowed.includes(got[0])) {
    wrong.push(`answered ${got[0]}, expected ${allowed.join(' or ')}: ${r.responses[0].text.slice(0, 200)}`);
  }
  for (const x of r.responses) {
    if (x.status >= 500) wrong.push(`a ${x.status}: ${x.text.slice(0, 200)}`);
    if (x.text.includes(SECRET) || /root:.*:0:0:/.test(x.text)) wrong.push(`the answer leaks a file: ${x.text.slice(0, 100)}`);
    if (x.status >= 400) {
      try {
        checkResponse({ method: 'GET', path: '/(hostile)', status: x.status, headers: x.headers, text: x.text }, 'problem');
      } catch (e) {
        wrong.push(e.message.split('\n')[0]);
      }
    }
  }
  if (entry.field !== undefined && r.responses[0]?.status === 400) {
    const body = JSON.parse(r.responses[0].text);
    const fields = [body.field, ...(body.errors ?? []).map((e) => e.field)];
    if (!fields.includes(entry.field)) wrong.push(`the problem names ${JSON.stringify(fields)}, not ${JSON.stringify(entry.field)}: ${body.detail}`);
  }
  const last = r.responses.at(-1);
  if (last && closes(last) && !r.closed && !r.timedOut) wrong.push('answered Connection: close but kept the connection open');
  if (r.probeSent) {
    if (!r.probe) wrong.push('the connection was left open but did not answer GET /healthz sent after the request');
    else if (r.probe.status !== 200) wrong.push(`GET /healthz on the same connection afterwards answered ${r.probe.status}: the stream is out of sync`);
    if (r.extra.length) wrong.push(`${r.extra.length} more answers after the probe`);
  }
  if (entry.after === 'close' && (r.probeSent || !r.closed)) wrong.push('the connection was not closed after a framing error');
  if (entry.after === 'open' && !r.probeSent) wrong.push('the connection was closed although the request was framed correctly');
  return wrong;
}

for (const [group, entries] of Object.entries(GROUPS)) {
  test(`hostile corpus: ${group} (${entries.length} requests)`, async () => {
    const failures = [];
    for (const entry of entries) {
      const wrong = await run(entry);
      if (wrong.length) failures.push(`${entry.name}:\n      ${wrong.join('\n      ')}`);
    }
    assert.equal(failures.length, 0, `${failures.length} of ${entries.length} requests were not refused as they should be:\n  ${failures.join('\n  ')}`);
  });
}

// The same client and checks see real answers when the request is good: the 4xx above are the
// server's verdict on the hostile part, not an artefact of the raw client.
test('controls: well-formed raw requests get their 2xx through the same client', async () => {
  const ok = (name, send, status, extra = {}) => ({ name, send, expect: status, ...extra });
  const controls = [
    ok('GET /healthz', req(), 200, { after: 'open' }),
    ok('GET /healthz in HTTP/1.0 without Host', req({ version: 'HTTP/1.0', host: null }), 200, { after: 'close' }),
    ok('sign-in, Content-Type with charset', (c) => req({ method: 'POST', target: '/api/v1/session', type: 'application/json; charset=utf-8', body: JSON.stringify({ email: c.email, password: c.password }) })(c), 200),
    ok('sign-in, media type in capitals', (c) => req({ method: 'POST', target: '/api/v1/session', type: 'Application/JSON', body: JSON.stringify({ email: c.email, password: c.password }) })(c), 200),
    ok('sign-in, chunked body', (c) => {
      const body = JSON.stringify({ email: c.email, password: c.password });
      return `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)};ext=1\r\n${body}\r\n0\r\n\r\n`;
    }, 200),
    ok('a building with every field', json('POST', '/api/v1/buildings', JSON.stringify({ reference: 'CTRL-1', name: 'Les Tilleuls', street: '2 rue des Lilas', postal_code: '14000', commune_insee: '14118', floors: 0, qpv: false, has_lift: true })), 201),
    ok('a percent-encoded query', req({ target: '/api/v1/households/search?q=h%C3%A9l%C3%A8ne', auth: true }), 200),
    ok('a file of the web app', req({ target: '/assets/app-3f2a1b.js' }), 200),
    ok('a route of the web app', req({ target: '/menages/42' }), 200),
  ];
  const failures = [];
  for (const entry of controls) {
    // 2xx answers are not problems: only the statuses, framing and connection are checked here.
    const data = typeof entry.send === 'function' ? entry.send(ctx) : entry.send;
    const r = await exchange(Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1'), { expected: 1 });
    const got = r.responses.map((x) => x.status);
    if (got.join() !== String(entry.expect)) failures.push(`${entry.name}: answered ${got.join(', ') || 'nothing'}: ${r.responses[0]?.text.slice(0, 200)}`);
    if (entry.after === 'open' && !(r.probe?.status === 200)) failures.push(`${entry.name}: the connection did not stay usable`);
    if (entry.after === 'close' && !r.closed) failures.push(`${entry.name}: the connection was not closed`);
  }
  assert.deepEqual(failures, []);
});

test('after the corpus the server answers, counted no 5xx and logged no failure', async () => {
  const total = Object.values(GROUPS).reduce((n, g) => n + g.length, 0);
  assert.equal(tally.requests, total, 'every request of the corpus was sent');
  const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
  const line = `hostile corpus (${engine()}): ${tally.requests} requests tried, ${tally.answers} answers (${statuses}), ` +
    `${tally.closedWithoutAnswer} closed without an answer`;
  console.log(line);
  assert.ok(total >= 100, `only ${total} requests in the corpus`);

  const api = server.client();
  const health = await api.get('/healthz');
  assert.equal(health.status, 200);
  const metrics = (await api.get('/metrics', { headers: { accept: 'text/plain' } })).text;
  const fives = metrics.split('\n').filter((l) => /^relais_http_requests_total\{.*status="5xx"\} [1-9]/.test(l));
  assert.deepEqual(fives, [], 'requests answered 5xx');
  assert.doesNotMatch(server.output(), /"level":"error"/, 'the server logged an error');
});
