// The arrears queue through the API, on the sample files (docs/import.md): the stock, the
// households and their ledgers are imported, the situations computed on demand; the officer's queue
// lists the tenant behind on rent with the reason in words, the lease's ledger is read (audited),
// recording the reminder takes the lease out of the queue; a call agent sees nothing, a manager
// reads but does not record, a step in the future is refused with its field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { addUser, freshDatabase, runRelais, startServer } from './harness.mjs';

let database;
let server;
let officer, manager, agent;

before(async () => {
  database = await freshDatabase();
  const { stdout } = await runRelais(['organisation', 'add', '--name', 'Manche Habitat', '--siren', '732829320'], { database: database.url });
  const organisation = Number(stdout.trim().split(/\s+/).pop());
  await runRelais(['import', 'stock', 'docs/samples/stock.csv'], { database: database.url });
  await runRelais(['import', 'households', 'docs/samples/households.csv'], { database: database.url });
  await runRelais(['import', 'ledger', 'docs/samples/ledger.csv'], { database: database.url });
  const accounts = {
    officer: await addUser(database, { email: 'cesf@example.fr', password: 'impayés de loyer 2026', roles: ['social_support'], organisation }),
    manager: await addUser(database, { email: 'resp@example.fr', password: 'impayés de loyer 2026', roles: ['manager'], organisation }),
    agent: await addUser(database, { email: 'agent@example.fr', password: 'impayés de loyer 2026', roles: ['call_agent'], organisation }),
  };
  server = await startServer({ database });
  officer = server.client();
  await officer.login(accounts.officer);
  manager = server.client();
  await manager.login(accounts.manager);
  agent = server.client();
  await agent.login(accounts.agent);
});
after(async () => {
  if (server) await server.stop();
  if (database) await database.drop();
});

test('the officer computes, reads the queue and the ledger, and records the reminder', async () => {
  const empty = await officer.get('/api/v1/arrears/queue');
  assert.equal(empty.status, 200, empty.text);
  assert.equal(empty.body.computed_on, null);
  const computed = await officer.post('/api/v1/arrears/compute');
  assert.equal(computed.status, 200, computed.text);
  assert.equal(computed.body.with_step, 1);
  const queue = await officer.get('/api/v1/arrears/queue');
  assert.equal(queue.status, 200, queue.text);
  assert.equal(queue.body.total, 1);
  const [item] = queue.body.items;
  assert.equal(item.household_reference, 'LOC-000117');
  // September 426.85 - 200.00, October 426.85 - 35.20 (charges refunded): 618.50, since 01/09.
  assert.equal(item.arrears_cents, 61850);
  assert.equal(item.arrears_since, '2026-09-01');
  assert.equal(item.next.step, 'reminder');
  assert.match(item.next.reason, /^Relance amiable à faire — impayé depuis l'échéance du 01\/09 : 618,50\u00a0€, soit 1,44 mois de loyer résiduel/);

  const ledger = await officer.get(`/api/v1/leases/${item.lease_id}/arrears`);
  assert.equal(ledger.status, 200, ledger.text);
  assert.equal(ledger.body.lines.length, 6);
  assert.equal(ledger.body.lines.at(-1).balance_cents, 61850);
  assert.equal(ledger.body.caf_threshold_cents, 85370);  // no benefit: 2 x (378.35 + 48.50)
  assert.equal(ledger.body.caf_threshold_since, null);

  const today = queue.body.today;
  const step = await officer.post(`/api/v1/leases/${item.lease_id}/arrears/steps`, { step: 'reminder', done_on: today, note: 'Courrier envoyé' });
  assert.equal(step.status, 201, step.text);
  assert.equal(step.body.label, 'Relance amiable');
  const after = await officer.get('/api/v1/arrears/queue');
  assert.equal(after.body.total, 0);
  assert.equal((await officer.get(`/api/v1/leases/${item.lease_id}/arrears`)).body.steps.length, 1);
});

test('a call agent sees nothing, a manager reads but does not record, bad input names its field', async () => {
  assert.equal((await agent.get('/api/v1/arrears/queue')).status, 404);
  assert.equal((await agent.post('/api/v1/arrears/compute')).status, 404);
  const queue = await manager.get('/api/v1/arrears/queue?due_by=2099-12-31');
  assert.equal(queue.status, 200, queue.text);
  const lease = (await manager.get('/api/v1/households/search?q=LOC-000117')).body.items[0];
  const household = (await manager.get(`/api/v1/households/${lease.id}`)).body;
  const read = await manager.get(`/api/v1/leases/${household.lease.id}/arrears`);
  assert.equal(read.status, 200, read.text);
  assert.equal((await agent.get(`/api/v1/leases/${household.lease.id}/arrears`)).status, 404);
  const refused = await manager.post(`/api/v1/leases/${household.lease.id}/arrears/steps`, { step: 'caf_report', done_on: '2026-11-01' });
  assert.equal(refused.status, 403, refused.text);
  const future = await officer.post(`/api/v1/leases/${household.lease.id}/arrears/steps`, { step: 'caf_report', done_on: '2099-01-01' });
  assert.equal(future.status, 400, future.text);
  assert.equal(future.body.field, 'done_on');
  const unknown = await officer.post(`/api/v1/leases/${household.lease.id}/arrears/steps`, { step: 'expulsion', done_on: '2026-11-01' });
  assert.equal(unknown.status, 400, unknown.text);
  assert.equal(unknown.body.field, 'step');
  assert.equal((await officer.get('/api/v1/arrears/queue?due_by=demain')).status, 400);
});
