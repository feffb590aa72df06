// The database unreachable (issue 3, Faults): PostgreSQL stopped under a running Relais, then
// started again. Requests fail fast with 503 problem+json and Retry-After, /readyz says why, and
// the pool reconnects by itself once PostgreSQL is back; every write acknowledged before and
// after is there, the refused one is not. PostgreSQL only (SQLite is a file of the process: its
// faults are in faults-disk.sqlite.test.mjs). The cluster is a private one of this file, so that the
// suites' shared PostgreSQL never stops.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { engine, startServer } from './harness.mjs';
import { assertProblem, buildingInput, buildingReferences, privatePostgres, timed } from './faults-lib.mjs';

// scripts/test runs this file in the postgres suites only (by its name); run by hand, say so.
assert.equal(engine(), 'postgres', 'this file tests postgres only: run it with RELAIS_TEST_DB=postgres');

let pg, server, api;
const acknowledged = [];
const refused = [];

before(async () => {
  pg = await privatePostgres();
  server = await startServer({ demo: { households: 5 }, database: { url: pg.url, drop: async () => {} } });
  api = server.client();
  await api.login(server.accounts.manager);
});
after(async () => {
  await server?.stop();
  await pg?.destroy();
});

async function create(tag) {
  const input = buildingInput(tag);
  const res = await api.post('/api/v1/buildings', input);
  if (res.status === 201) acknowledged.push(input.reference);
  else refused.push(input.reference);
  return res;
}

test('PostgreSQL up: writes are acknowledged and /readyz is 200', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await create('AVANT')).status, 201);
  assert.equal((await api.get('/readyz')).status, 200);
});

test('PostgreSQL restarted while Relais sat idle: not one request fails afterwards', async () => {
  // Concurrent requests make the pool open all its connections; the restart closes them all
  // while they wait in the pool, unused.
  const burst = await Promise.all(Array.from({ length: 8 }, () => api.get('/api/v1/buildings?limit=5')));
  assert.deepEqual(burst.map((r) => r.status), Array(8).fill(200));
  await pg.stop();
  await pg.start();
  for (let i = 0; i < 6; i++) {
    const res = await api.get('/api/v1/buildings?limit=5');
    assert.equal(res.status, 200, `request ${i + 1} after the restart: ${res.text}`);
  }
  assert.equal((await create('REDEMARRAGE')).status, 201);
});

test('PostgreSQL stopped: /readyz, reads and writes answer 503 with Retry-After at once', async () => {
  await pg.stop();
  // A probe has no session cookie.
  const [ready, readyMs] = await timed(() => server.client().get('/readyz'));
  assertProblem(ready, 503, /database unreachable/);
  assert.match(ready.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
  assert.ok(readyMs < 2000, `/readyz took ${readyMs} ms`);
  for (let i = 0; i < 3; i++) {
    const [read, readMs] = await timed(() => api.get('/api/v1/buildings'));
    // The session itself is in the database: a 503 before any route logic.
    assertProblem(read, 503, /injoignable \(database unreachable\)/);
    assert.match(read.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.ok(readMs < 2000, `a read took ${readMs} ms while PostgreSQL was down`);
    const [write, writeMs] = await timed(() => create('PENDANT'));
    assertProblem(write, 503, /injoignable \(database unreachable\)/);
    assert.ok(writeMs < 2000, `a write took ${writeMs} ms while PostgreSQL was down`);
  }
});

test('PostgreSQL started again: Relais reconnects by itself, no request fails afterwards', async () => {
  await pg.start();
  // The first /readyz after the restart is already 200: the pool replaces the connections the
  // server closed before it lends them.
  const ready = await api.get('/readyz');
  assert.equal(ready.status, 200, ready.text);
  for (let i = 0; i < 8; i++) assert.equal((await api.get('/api/v1/buildings')).status, 200);
  for (let i = 0; i < 3; i++) {
    const res = await create('APRES');
    assert.equal(res.status, 201, res.text);
  }
});

test('every acknowledged write is there, and no refused one', async () => {
  const refs = await buildingReferences(api);
  for (const r of acknowledged) assert.ok(refs.has(r), `acknowledged ${r} is missing`);
  for (const r of refused) assert.ok(!refs.has(r), `refused ${r} was stored`);
  assert.equal(acknowledged.length, 7);
  assert.equal(refused.length, 3);
});
