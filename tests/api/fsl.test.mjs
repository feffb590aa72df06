// FSL referrals through the API, on the demo: an officer prepares the file of a household of the
// Calvados in arrears (pre-filled from the household and the ledger, the resource ceiling the
// landlord configured), downloads it as PDF, records it sent (the case is referred), then the
// fund's partial grant (the case resumes) and its payment, posted to the ledger as an FSL grant.
// Managers read but may not post money; call agents and other landlords are refused; every read
// is in the audit trail; unconfigured rules are null, never a made-up value.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { parisToday } from './call-seed.mjs';
import { addHouseholdInArrears, startSupportRegion } from './support-seed.mjs';

let region;
let as;
let household;
let leaseId;

before(async () => {
  ({ region, as } = await startSupportRegion({
    roles: ['social_support', 'call_agent', 'manager', 'administrator', 'partner_worker'],
    otherEmail: 'cesf.fsl.autre@example.fr',
    env: { RELAIS_FSL_D14_RESOURCE_CEILING_CENTS: '150000', RELAIS_FSL_D14_ADDRESS: 'FSL du Calvados, 14000 Caen' },
  }));
  // A household of the Calvados (Caen, 14118) with three months of rent unpaid.
  household = await addHouseholdInArrears(region, as.manager, {
    tag: 'FSL',
    building: { street: '3 rue de Bayeux', postal_code: '14000', commune_insee: '14118' },
    dwelling: { rooms: 3, surface_m2: 60, rent_cents: 40_000, charges_cents: 5_000 },
    household: {
      members: [{ first_name: 'Inès', last_name: 'Fonds', relation: 'holder', birth_date: '1984-05-02' },
        { first_name: 'Léo', last_name: 'Fonds', relation: 'child', birth_date: '2012-09-10' }],
      lease: { start_date: '2020-01-01', rent_cents: 40_000, charges_cents: 5_000, housing_benefit_cents: 15_000, benefit_paid_to_landlord: true },
    },
    months: [1, 2, 3], rent: '300,00', label: "Loyer net d'APL",
  });
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

test('an FSL file prepared from the household and the ledger, sent, partly granted and paid to the ledger', async () => {
  const opened = await as.social_support.post(`/api/v1/households/${household.id}/support-cases`, { reason: 'Impayés' });
  assert.equal(opened.status, 201, opened.text);
  const id = opened.body.id;
  const url = `/api/v1/support-cases/${id}/fsl`;
  assert.deepEqual((await as.social_support.get(url)).body, { referral: null });

  // Field errors name the field; roles and landlords are refused before the body is judged.
  assert.equal((await as.social_support.post(url, {})).body.field, 'monthly_resources_cents');
  assert.equal((await as.social_support.post(url, { monthly_resources_cents: 100, aid_kind: 'rent' })).body.field, 'aid_kind');
  assert.equal((await as.call_agent.post(url, { monthly_resources_cents: 100 })).status, 403);
  assert.equal((await as.manager.post(url, { monthly_resources_cents: 100 })).status, 403);
  assert.equal((await as.other.post(url, { monthly_resources_cents: 100 })).status, 404);
  assert.equal((await as.other.post(url, {})).status, 404);
  assert.equal((await as.partner_worker.get(url)).status, 404);
  assert.equal((await as.call_agent.get(url)).status, 403);

  const prepared = await as.social_support.post(url, {
    monthly_resources_cents: 149_999, resources_note: 'Salaire à temps partiel', difficulty: 'Baisse de revenus',
  });
  assert.equal(prepared.status, 201, prepared.text);
  const f = prepared.body.referral;
  assert.equal(f.status, 'prepared');
  assert.equal(f.departement.code, '14');
  assert.equal(f.departement.name, 'Calvados');
  assert.equal(f.departement.fund_address, 'FSL du Calvados, 14000 Caen');
  assert.equal(f.departement.max_grant_cents, null);  // not configured: no value assumed
  assert.equal(f.debt_cents, 90_000);
  assert.equal(f.requested_cents, 90_000);
  assert.equal(f.rent_cents, 40_000);
  assert.equal(f.charges_cents, 5_000);
  assert.equal(f.housing_benefit_cents, 15_000);
  assert.equal(f.benefit_paid_to_landlord, true);
  assert.equal(f.household_size, 2);
  assert.deepEqual(f.members.map((m) => [m.first_name, m.relation, m.birth_year]), [['Inès', 'holder', 1984], ['Léo', 'child', 2012]]);
  // Two persons: the ceiling is the one-person ceiling (no per-person amount configured).
  assert.equal(f.resources_ceiling_cents, 150_000);
  assert.equal(f.resources_within_ceiling, true);
  leaseId = f.lease_id;

  const pdf = await as.social_support.get(`${url}/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.ok(pdf.text.startsWith('%PDF-'));
  assert.equal((await as.other.get(`${url}/pdf`)).status, 404);
  assert.equal((await as.call_agent.get(`${url}/pdf`)).status, 403);

  const today = parisToday();
  assert.equal((await as.social_support.post(`${url}/send`, { sent_on: parisToday(2) })).body.field, 'sent_on');
  const sent = await as.social_support.post(`${url}/send`, { sent_on: today });
  assert.equal(sent.status, 200, sent.text);
  assert.equal(sent.body.referral.status, 'sent');
  assert.equal((await as.social_support.get(`/api/v1/support-cases/${id}`)).body.state, 'referred');
  assert.equal((await as.social_support.post(url, { monthly_resources_cents: 1 })).status, 409);

  const bad = await as.social_support.post(`${url}/decision`, { decision: 'partial', granted_cents: 90_000, decided_on: today });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'granted_cents');
  const decided = await as.social_support.post(`${url}/decision`, { decision: 'partial', granted_cents: 60_000, decided_on: today, note: 'Commission' });
  assert.equal(decided.status, 200, decided.text);
  assert.equal(decided.body.referral.status, 'partial');
  assert.equal((await as.social_support.get(`/api/v1/support-cases/${id}`)).body.state, 'in_progress');

  // Managers read the file but do not post money; the officer does, once.
  assert.equal((await as.manager.get(url)).status, 200);
  assert.equal((await as.manager.post(`${url}/payment`, { paid_on: today })).status, 403);
  const paid = await as.social_support.post(`${url}/payment`, { paid_on: today });
  assert.equal(paid.status, 200, paid.text);
  assert.equal(paid.body.referral.status, 'paid');
  assert.equal(typeof paid.body.referral.ledger_line_id, 'number');
  assert.equal((await as.social_support.post(`${url}/payment`, { paid_on: today })).status, 409);
  const ledger = await as.social_support.get(`/api/v1/leases/${leaseId}/arrears`);
  assert.equal(ledger.status, 200, ledger.text);
  const grant = ledger.body.lines.find((l) => l.kind === 'fsl_grant');
  assert.ok(grant, JSON.stringify(ledger.body.lines));
  assert.equal(grant.amount_cents, -60_000);
  assert.equal(grant.reference, `FSL-${f.id}`);

  const events = (await as.social_support.get(`/api/v1/support-cases/${id}`)).body.events.map((e) => e.kind);
  assert.deepEqual(events, ['opened', 'fsl_prepared', 'transition', 'fsl_decision', 'transition', 'fsl_paid']);

  // Every read of the file, and its export, is in the audit trail.
  const trail = await as.administrator.get(`/api/v1/audit?record_type=support_case&record_id=${id}`);
  assert.equal(trail.status, 200, trail.text);
  const ops = new Set(trail.body.items.map((e) => e.operation));
  assert.ok(ops.has('read') && ops.has('export') && ops.has('update'), JSON.stringify([...ops]));
});
