// A household's rent debt on its timeline, through the API, on the demo: a household made here with
// three months of rent unpaid (relais import ledger) and a reminder recorded; the officer and the
// manager read when the arrears began, the debt, the CAF threshold reached and the step, and these
// reads are in the audit trail as reads of the lease's ledger; a call agent sees the support case
// and its officer, nothing of the debt, and leaves no ledger read; another landlord gets 404 and a
// caretaker 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { addHouseholdInArrears, startSupportRegion } from './support-seed.mjs';

let region;
let as;
let household;

before(async () => {
  ({ region, as } = await startSupportRegion({
    roles: ['social_support', 'call_agent', 'manager', 'caretaker', 'administrator', 'partner_worker'],
    otherEmail: 'cesf.dette@example.fr', households: 10,
  }));
  household = await addHouseholdInArrears(region, as.manager, {
    tag: 'DETTE',
    building: { street: '3 rue des Comptes', postal_code: '14000', commune_insee: '14118' },
    dwelling: { rooms: 2, surface_m2: 48, rent_cents: 30_000, charges_cents: 0 },
    household: {
      members: [{ first_name: 'Léa', last_name: 'Endettée', relation: 'holder' }],
      lease: { start_date: '2020-01-01', rent_cents: 30_000, charges_cents: 0 },
    },
    months: [1, 2, 3], rent: '300,00', label: 'Loyer',
  });
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

const RENT = new Set(['rent_arrears', 'rent_caf_threshold', 'rent_step']);

async function timelineOf(client) {
  const res = await client.get(`/api/v1/households/${household.id}/timeline`);
  assert.equal(res.status, 200, res.text);
  return res.body.items;
}

async function ledgerReads(leaseId) {
  const trail = await as.administrator.get(`/api/v1/audit?record_type=lease_ledger&record_id=${leaseId}`);
  assert.equal(trail.status, 200, trail.text);
  return trail.body.items.filter((e) => e.operation === 'read');
}

test('the officer and the manager see the debt, since when, the threshold and the steps; the reads are audited', async () => {
  let items = await timelineOf(as.social_support);
  const arrears = items.find((e) => e.type === 'rent_arrears');
  assert.ok(arrears, JSON.stringify(items));
  const leaseId = arrears.id;
  // January, February and March unpaid: since the January rent's due date, at midnight in Paris.
  assert.equal(new Date(arrears.at).toISOString(), '2025-12-31T23:00:00.000Z');
  assert.equal(arrears.status, 'current');
  assert.deepEqual(arrears.debt, { balance_cents: 90_000, arrears_cents: 90_000, months_hundredths: 300, caf_threshold_cents: 60_000 });
  assert.ok(arrears.code !== '' && arrears.text !== '', JSON.stringify(arrears));  // the next step, in words
  const threshold = items.find((e) => e.type === 'rent_caf_threshold');
  assert.ok(threshold, JSON.stringify(items));
  assert.equal(threshold.id, leaseId);
  assert.equal(threshold.debt.caf_threshold_cents, 60_000);
  assert.ok(threshold.at > arrears.at);

  // A reminder recorded: a step on the timeline, with its note, under its lease.
  const step = await as.social_support.post(`/api/v1/leases/${leaseId}/arrears/steps`,
    { step: 'reminder', done_on: '2026-01-20', note: 'Courrier de relance envoyé' });
  assert.equal(step.status, 201, step.text);
  items = await timelineOf(as.social_support);
  const done = items.find((e) => e.type === 'rent_step');
  assert.ok(done, JSON.stringify(items));
  assert.equal(done.id, step.body.id);
  assert.equal(done.code, 'reminder');
  assert.equal(done.text, 'Courrier de relance envoyé');
  assert.equal(done.parent_id, leaseId);
  assert.equal(done.debt, null);
  assert.equal(new Date(done.at).toISOString(), '2026-01-19T23:00:00.000Z');

  // The manager reads the ledger too.
  const managerItems = await timelineOf(as.manager);
  assert.deepEqual(managerItems.filter((e) => RENT.has(e.type)).map((e) => e.type), items.filter((e) => RENT.has(e.type)).map((e) => e.type));

  // Each of these timeline reads is a read of the lease's ledger, by whom.
  const officerId = (await as.social_support.get('/api/v1/session')).body.user.id;
  const managerId = (await as.manager.get('/api/v1/session')).body.user.id;
  const users = new Set((await ledgerReads(leaseId)).map((e) => e.user_id));
  assert.ok(users.has(officerId) && users.has(managerId), JSON.stringify([...users]));
});

test('a call agent sees the case and its officer, nothing of the debt, and reads no ledger', async () => {
  const opened = await as.social_support.post(`/api/v1/households/${household.id}/support-cases`, { reason: 'Trois loyers impayés' });
  assert.equal(opened.status, 201, opened.text);
  const officerName = (await as.social_support.get('/api/v1/session')).body.user.display_name;
  const res = await as.call_agent.get(`/api/v1/households/${household.id}/timeline`);
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.items.filter((e) => RENT.has(e.type)), []);
  assert.ok(res.body.items.every((e) => e.debt === null));
  const kase = res.body.items.find((e) => e.type === 'support_case');
  assert.ok(kase, res.text);
  assert.equal(kase.text, officerName);
  assert.ok(!res.text.includes('90000') && !res.text.includes('relance') && !res.text.includes('impayés'), res.text);

  const leaseId = (await timelineOf(as.social_support)).find((e) => e.type === 'rent_arrears').id;
  const agentId = (await as.call_agent.get('/api/v1/session')).body.user.id;
  assert.ok(!(await ledgerReads(leaseId)).some((e) => e.user_id === agentId));
});

test('another landlord finds no household, a caretaker may not read the timeline', async () => {
  assert.equal((await as.other.get(`/api/v1/households/${household.id}/timeline`)).status, 404);
  assert.equal((await as.partner_worker.get(`/api/v1/households/${household.id}/timeline`)).status, 404);
  assert.equal((await as.caretaker.get(`/api/v1/households/${household.id}/timeline`)).status, 403);
});
