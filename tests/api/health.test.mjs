// What every request goes through, whatever the module: health and readiness probes, metrics,
// problem+json errors for unknown routes, wrong methods, bad bodies and oversized bodies, and
// the session wall in front of the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';

import { startServer, LOGIN_PATH } from './harness.mjs';

let server;
let api;
before(async () => {
  server = await startServer();
  api = server.client();
});
after(async () => {
  if (!server) return;
  const status = await server.stop();
  // SIGTERM is the normal way to stop Relais: it must exit cleanly.
  assert.deepEqual(status, { code: 0, signal: null }, server.output().slice(-2000));
});

function assertProblem(res, status) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  assert.equal(typeof res.body.title, 'string');
  assert.ok(res.body.title.length > 0);
}

test('GET /healthz answers 200 {status: "ok"}', async () => {
  const res = await api.get('/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.body.status, 'ok');
});

test('GET /readyz answers 200 once the database is reachable', async () => {
  const res = await api.get('/readyz');
  assert.equal(res.status, 200, res.text);
});

test('GET /metrics counts the requests in the Prometheus text format', async () => {
  await api.get('/healthz');
  const res = await api.get('/metrics', { headers: { accept: 'text/plain' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.match(res.text, /^# TYPE relais_http_requests_total counter$/m);
  assert.match(res.text, /^relais_http_requests_total\{[^}]*\/healthz[^}]*\} [1-9]\d*$/m);
});

test('an unknown API route is a 404 problem+json', async () => {
  assertProblem(await api.get('/api/v1/no-such-thing'), 404);
});

test('a known route with a wrong method is a 405 problem+json', async () => {
  const res = await api.delete('/healthz');
  assertProblem(res, 405);
  assert.match(res.headers.get('allow') ?? '', /GET/);
});

test('a malformed JSON body is a 400 problem+json', async () => {
  const res = await api.request('POST', LOGIN_PATH, {
    body: '{"email": "a@b.fr", "password": ',
    headers: { 'content-type': 'application/json' },
  });
  assertProblem(res, 400);
});

test('a body larger than the limit (1 MiB) is a 413 problem+json, answered from its headers', async () => {
  // A raw socket: the server answers as soon as it reads Content-Length, and closes; fetch would
  // still be sending the body and could see the connection reset instead of the answer.
  const { port, hostname } = new URL(server.url);
  const raw = await new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`POST ${LOGIN_PATH} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${2 * 1024 * 1024}\r\n\r\n{"email": "`);
    });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => { data += chunk; });
    socket.on('end', () => resolve(data));
    socket.on('error', (e) => (data ? resolve(data) : reject(e)));
    socket.setTimeout(10_000, () => reject(new Error('no answer within 10 s')));
  });
  assert.match(raw, /^HTTP\/1\.1 413 /);
  assert.match(raw, /\r\ncontent-type: application\/problem\+json/i);
});

test('the households API needs a session: 401 problem+json without one', async () => {
  const res = await server.client().get('/api/v1/households');
  assertProblem(res, 401);
});
