// The audit trail through the API, on both engines: a household read and a change are recorded
// (who, which record, from where), the administrator and the data protection officer list and
// export the trail with filters, every other role is refused, and `relais audit verify` passes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { runRelais, startServer } from './harness.mjs';
import { spec } from './contract.mjs';

let server, manager, agent, dpo, admin;

before(async () => {
  server = await startServer({ demo: { households: 20 } });
  [manager, agent, dpo, admin] = [server.client(), server.client(), server.client(), server.client()];
  await manager.login(server.accounts.manager);
  await agent.login(server.accounts.call_agent);
  await dpo.login(server.accounts.data_protection);
  await admin.login(server.accounts.administrator);
});
after(() => server?.stop());

async function someHousehold() {
  const res = await manager.get('/api/v1/households?limit=3');
  assert.equal(res.status, 200);
  return res.body.items;
}

/** The trail's entries matching `query`, waiting (up to 5 s) until `until(items)` holds: the
 * entries of changes join the chain a moment after their commit. */
async function entries(query, until = () => true) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await dpo.get(`/api/v1/audit?${query}`);
    assert.equal(res.status, 200, res.text);
    if (until(res.body.items) || Date.now() > deadline) return res.body.items;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a household read is in the trail when its answer arrives: who, which record, from where', async () => {
  const [h] = await someHousehold();
  const session = await manager.get('/api/v1/session');
  assert.equal((await manager.get(`/api/v1/households/${h.id}`)).status, 200);
  // No waiting: a read answers only once its entry is durable.
  const res = await dpo.get(`/api/v1/audit?record_type=household&record_id=${h.id}`);
  assert.equal(res.status, 200);
  const read = res.body.items.find((e) => e.operation === 'read');
  assert.ok(read, JSON.stringify(res.body.items));
  assert.equal(read.user_id, session.body.user.id);
  assert.equal(read.user_name, session.body.user.display_name);
  assert.equal(read.remote_ip, '127.0.0.1');
  assert.equal(read.record_type, 'household');
  assert.ok(Math.abs(Date.parse(read.at) - Date.now()) < 60_000, read.at);
  // The entry holds no data of the household.
  assert.ok(!JSON.stringify(read).includes(h.display_name));
});

test('a change is recorded with its commit, and who looked shows on the household', async () => {
  const [, h] = await someHousehold();
  const res = await agent.patch(`/api/v1/households/${h.id}`, { notes: 'Appel du jour : tout va bien.' });
  assert.equal(res.status, 200, res.text);
  const items = await entries(`record_type=household&record_id=${h.id}`, (it) => it.some((e) => e.operation === 'update'));
  const update = items.find((e) => e.operation === 'update');
  assert.ok(update, JSON.stringify(items));
  const session = await agent.get('/api/v1/session');
  assert.equal(update.user_id, session.body.user.id);

  const views = await admin.get(`/api/v1/households/${h.id}/views`);
  assert.equal(views.status, 200);
  assert.ok(views.body.items.some((e) => e.operation === 'update' && e.user_id === session.body.user.id));
  // Newest first.
  const seqs = views.body.items.map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
});

test('filters: by person, by period, keyset pages; bad filters name their field', async () => {
  const households = await someHousehold();
  for (const h of households) assert.equal((await manager.get(`/api/v1/households/${h.id}`)).status, 200);
  const me = (await manager.get('/api/v1/session')).body.user.id;
  const mine = await entries(`user_id=${me}`);
  assert.ok(mine.length >= households.length);
  assert.ok(mine.every((e) => e.user_id === me));

  const today = new Date().toISOString().slice(0, 10);
  assert.ok((await entries(`from=${today}&to=${today}`)).length >= households.length);
  assert.equal((await entries('from=2020-01-01&to=2020-12-31')).length, 0);

  const first = await dpo.get('/api/v1/audit?limit=2');
  assert.equal(first.body.items.length, 2);
  assert.ok(first.body.next_cursor);
  const second = await dpo.get(`/api/v1/audit?limit=2&after=${first.body.next_cursor}`);
  assert.ok(second.body.items.every((e) => e.seq < first.body.items[1].seq));

  for (const [query, field] of [
    ['from=31/02/2026', 'from'],
    ['to=demain', 'to'],
    ['from=2026-02-01&to=2026-01-01', 'to'],
    ['record_id=3', 'record_type'],
    ['record_type=menage', 'record_type'],
    ['user_id=abc', 'user_id'],
    ['limit=0', 'limit'],
  ]) {
    const res = await dpo.get(`/api/v1/audit?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(res.body.field, field, query);
  }
});

test('the CSV export holds the entries and is itself recorded', async () => {
  const [h] = await someHousehold();
  assert.equal((await manager.get(`/api/v1/households/${h.id}`)).status, 200);
  const res = await admin.get(`/api/v1/audit/export?record_type=household&record_id=${h.id}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment/);
  const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'numero;date_utc;utilisateur_id;utilisateur;operation;type;enregistrement;adresse_ip');
  assert.ok(lines.slice(1).some((l) => l.split(';')[4] === 'read' && l.split(';')[6] === String(h.id)), res.text);
  const exports = await entries('record_type=audit_trail');
  const session = await admin.get('/api/v1/session');
  assert.ok(exports.some((e) => e.operation === 'export' && e.user_id === session.body.user.id));
});

test('every other role is refused the trail; a record of nobody is a 404', async () => {
  const [h] = await someHousehold();
  for (const role of ['manager', 'call_agent', 'social_support', 'reception', 'allocation', 'technical', 'caretaker']) {
    const c = server.client();
    await c.login(server.accounts[role]);
    for (const path of ['/api/v1/audit', '/api/v1/audit/export', `/api/v1/households/${h.id}/views`]) {
      const res = await c.get(path);
      assert.equal(res.status, 403, `${role} ${path}`);
    }
  }
  assert.equal((await dpo.get('/api/v1/households/999999999/views')).status, 404);
  assert.equal((await server.client().get('/api/v1/audit')).status, 401);
});

test('an import is one entry of the system, sealed into the chain by the running server', async () => {
  for (const [kind, file, type] of [['stock', 'stock.csv', 'building'], ['households', 'households.csv', 'household']]) {
    await runRelais(['import', kind, `docs/samples/${file}`, '--organisation', '1'], { database: server.database.url });
    const items = await entries(`record_type=${type}`, (it) => it.some((e) => e.operation === 'import'));
    const entry = items.find((e) => e.operation === 'import');
    assert.ok(entry, `${kind}: ${JSON.stringify(items.slice(0, 3))}`);
    assert.equal(entry.user_id, 0);
    assert.equal(entry.record_id, 0);
  }
});

test('relais audit verify passes on the trail the server wrote', async () => {
  const { stdout } = await runRelais(['audit', 'verify'], { database: server.database.url });
  assert.match(stdout, /Journal d'audit intègre : [\d  ]+ entrées vérifiées/);
});

test('the filter accepts every record type of the API (the server\'s one list), on the list and the export', async () => {
  const types = spec.components.schemas.AuditRecordType.enum;
  // The types the review found refused (400) are in it.
  for (const t of ['appointment', 'lease_ledger', 'arrears_step', 'reception_site', 'opening_range', 'site_closure',
    'staff_absence', 'appointment_reason', 'appointment_waitlist', 'support_case']) {
    assert.ok(types.includes(t), t);
  }
  for (const t of types) {
    const res = await dpo.get(`/api/v1/audit?record_type=${t}&record_id=1`);
    assert.equal(res.status, 200, `${t}: ${res.text}`);
    assert.ok(res.body.items.every((e) => e.record_type === t && e.record_id === 1), t);
  }
  const exported = await admin.get(`/api/v1/audit/export?record_type=appointment`);
  assert.equal(exported.status, 200);
  const unknown = await dpo.get('/api/v1/audit?record_type=appointments', { contract: 'problem' });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.detail, /appointment, appointment_reason/);
});
