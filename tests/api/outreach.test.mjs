// Referrals and figures through the API, on the demo (which makes a CCAS, an association, the
// regional association and their accounts): a call agent refers a household to the CCAS, the
// CCAS's worker sees it and closes it; the observer and a manager read the figures, suppressed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { addUser, runRelais } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';

let region;
const as = {};

before(async () => {
  region = await startDemoRegion({ landlords: 1, households: 60 });
  for (const role of ['call_agent', 'manager', 'caretaker', 'partner_worker', 'regional_observer']) {
    as[role] = region.client();
    await as[role].login(region.landlords[0][role]);
  }
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

// The tenant's consent to share with the partner, as a referral records it: never without.
const CONSENT = { consent_on: '2026-01-02', consent_given_by: 'La locataire, au téléphone' };

test('each kind of account is told its kind by the session', async () => {
  assert.equal((await as.call_agent.get('/api/v1/session')).body.user.kind, 'staff');
  assert.equal((await as.partner_worker.get('/api/v1/session')).body.user.kind, 'partner');
  assert.equal((await as.regional_observer.get('/api/v1/session')).body.user.kind, 'observer');
});

test('a call agent refers a household to an attached partner, which sees it until it closes the referral', async () => {
  const partners = (await as.call_agent.get('/api/v1/partners')).body.items;
  const ccas = partners.find((p) => p.name.startsWith('CCAS'));
  assert.ok(ccas && ccas.communes.length === 1, JSON.stringify(partners));
  // A household of the CCAS's commune not yet referred to it.
  const already = new Set((await as.call_agent.get('/api/v1/referrals?status=open')).body.items.filter((r) => r.partner.id === ccas.id).map((r) => r.household_id));
  const households = (await as.call_agent.get('/api/v1/households?limit=200')).body.items;
  let target = null;
  for (const h of households) {
    if (already.has(h.id)) continue;
    const r = await as.call_agent.post('/api/v1/referrals', { household_id: h.id, partner_id: ccas.id, reason: 'Aide au budget', ...CONSENT });
    if (r.status === 201) { target = r.body; break; }
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'partner_id');  // another commune
  }
  assert.ok(target, 'no household of the CCAS commune to refer');
  assert.equal(target.status, 'open');
  assert.equal(target.closed_at, null);
  assert.deepEqual(target.consent, { on: CONSENT.consent_on, given_by: CONSENT.consent_given_by });
  // Refused: a missing reason (named), the caretaker (403), twice the same (409).
  const missing = await as.call_agent.post('/api/v1/referrals', { household_id: target.household_id, partner_id: ccas.id, ...CONSENT });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.field, 'reason');
  assert.equal((await as.caretaker.post('/api/v1/referrals', { household_id: target.household_id, partner_id: ccas.id, reason: 'x', ...CONSENT })).status, 403);
  assert.equal((await as.call_agent.post('/api/v1/referrals', { household_id: target.household_id, partner_id: ccas.id, reason: 'x', ...CONSENT })).status, 409);

  const theirs = (await as.partner_worker.get('/api/v1/referrals')).body.items;
  assert.ok(theirs.some((r) => r.id === target.id));
  const h = await as.partner_worker.get(`/api/v1/households/${target.household_id}`);
  assert.equal(h.status, 200);
  assert.equal(h.body.lease, null);
  // The read is in the landlord's trail, named with the partner.
  const admin = region.client();
  await admin.login(region.landlords[0].administrator);
  const views = (await admin.get(`/api/v1/households/${target.household_id}/views`)).body.items;
  assert.ok(views.some((v) => v.operation === 'read' && / \(CCAS .*\)$/.test(v.user_name)), JSON.stringify(views));
  assert.equal((await as.partner_worker.post(`/api/v1/referrals/${target.id}/close`)).body.status, 'closed');
  assert.equal((await as.partner_worker.get(`/api/v1/households/${target.household_id}`)).status, 404);
  assert.equal((await as.call_agent.post(`/api/v1/referrals/${target.id}/close`)).status, 409);
  // The partner has no partners list nor landlord stock.
  assert.equal((await as.partner_worker.get('/api/v1/partners')).status, 404);
});

test('figures: the observer sees every landlord, a manager its own, small counts suppressed; others are refused', async () => {
  const region_ = await as.regional_observer.get('/api/v1/dashboard/figures?by=landlord');
  assert.equal(region_.status, 200, region_.text);
  assert.equal(region_.body.scope, 'region');
  assert.equal(region_.body.rows.length, 1);
  const own = await as.manager.get('/api/v1/dashboard/figures');
  assert.equal(own.body.scope, 'organisation');
  for (const body of [region_.body, own.body]) {
    for (const cell of [...body.rows.flatMap((r) => r.cells), ...body.totals]) {
      if (cell.suppressed) assert.equal(cell.value, null);
      else assert.ok(cell.value >= 11, JSON.stringify(cell));
    }
  }
  // 60 households in all: the total is shown.
  assert.equal(own.body.totals[0].value, 60);
  assert.equal((await as.call_agent.get('/api/v1/dashboard/figures')).status, 403);
  assert.equal((await as.partner_worker.get('/api/v1/dashboard/figures')).status, 404);
  assert.equal((await as.manager.get('/api/v1/dashboard/figures?by=street')).body.field, 'by');
});

test('the operator adds a partner with relais organisation add --kind partner and attaches it to a landlord and a commune', async () => {
  const db = { database: region.database.url };
  const { stdout } = await runRelais(['organisation', 'add', '--kind', 'partner', '--name', 'Association Nouvelle', '--siren', '130229651'], db);
  const id = Number(stdout.trim());
  assert.ok(id > 0, stdout);
  const landlord = (await as.manager.get('/api/v1/session')).body.user.organisation.id;
  await runRelais(['organisation', 'attach', String(id), '--landlord', String(landlord), '--commune', '14118', '--commune', '50502'], db);
  const added = (await as.call_agent.get('/api/v1/partners')).body.items.find((p) => p.id === id);
  assert.deepEqual(added, { id, name: 'Association Nouvelle', communes: ['14118', '50502'] });
  // Wrong input is refused naming what is wrong; a partner's account takes partner_worker only.
  await assert.rejects(runRelais(['organisation', 'attach', String(id), '--commune', '99999'], db), /commune/);
  await assert.rejects(runRelais(['organisation', 'attach', String(landlord), '--landlord', String(landlord)], db), /partenaire/);
  await assert.rejects(addUser(region.database, { email: 'x@nouvelle.test', password: 'un mot de passe long', roles: ['call_agent'], organisation: id }), /roles/);
  const worker = await addUser(region.database, { email: 'y@nouvelle.test', password: 'un mot de passe long', roles: ['partner_worker'], organisation: id });
  const c = region.client();
  await c.login(worker);
  assert.equal((await c.get('/api/v1/session')).body.user.kind, 'partner');
  assert.deepEqual((await c.get('/api/v1/referrals')).body.items, []);
});

test('the "Orienter" route refuses a referral without the tenant\'s consent, naming the field, and opens none', async () => {
  const ccas = (await as.call_agent.get('/api/v1/partners')).body.items.find((p) => p.name.startsWith('CCAS'));
  const before = (await as.call_agent.get('/api/v1/referrals')).body.items.length;
  const households = (await as.call_agent.get('/api/v1/households?limit=200')).body.items;
  const tries = [
    [{}, 'consent_on'],
    [{ consent_given_by: 'La locataire' }, 'consent_on'],
    [{ consent_on: '2026-01-02' }, 'consent_given_by'],
    [{ consent_on: '2026-01-02', consent_given_by: '   ' }, 'consent_given_by'],
    [{ consent_on: '2999-01-01', consent_given_by: 'La locataire' }, 'consent_on'],
    [{ consent_on: '02/01/2026', consent_given_by: 'La locataire' }, 'consent_on'],
  ];
  for (const [consent, field] of tries) {
    const r = await as.call_agent.post('/api/v1/referrals', { household_id: households[0].id, partner_id: ccas.id, reason: 'Isolement', ...consent });
    assert.equal(r.status, 400, `${JSON.stringify(consent)}: ${r.text}`);
    assert.equal(r.body.field, field, JSON.stringify(consent));
  }
  assert.equal((await as.call_agent.get('/api/v1/referrals')).body.items.length, before);
});
