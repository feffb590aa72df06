// Guarantee claims and other solutions through the API, on the demo: a household two months
// behind is eligible to Visale (the formal-notice deadline from its first unpaid rent), the claim
// is prepared, printed, sent (the case referred), paid into the ledger and closed (the case
// resumes); Loca-Pass names the missing guarantee date; an Action Logement aid is capped, granted
// and posted; a social-worker referral gets its outcome. Roles and landlords are refused; reads
// are audited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { parisToday } from './call-seed.mjs';
import { addHouseholdInArrears, startSupportRegion } from './support-seed.mjs';

let region;
let as;
let household;

before(async () => {
  ({ region, as } = await startSupportRegion({
    roles: ['social_support', 'call_agent', 'manager', 'administrator'], otherEmail: 'cesf.gar.autre@example.fr',
  }));
  household = await addHouseholdInArrears(region, as.manager, {
    tag: 'GAR',
    building: { street: '5 rue de Rouen', postal_code: '76000', commune_insee: '76540' },
    dwelling: { rooms: 2, surface_m2: 45, rent_cents: 30_000, charges_cents: 0 },
    household: {
      members: [{ first_name: 'Noé', last_name: 'Garant', relation: 'holder' }],
      lease: { start_date: '2020-01-01', rent_cents: 30_000, charges_cents: 0 },
    },
    months: [1, 2], rent: '300,00', label: 'Loyer',
  });
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

test('a Visale claim: eligibility and deadline from the ledger, file, sending, payments to the ledger, closing', async () => {
  const opened = await as.social_support.post(`/api/v1/households/${household.id}/support-cases`, { reason: 'Impayés' });
  assert.equal(opened.status, 201, opened.text);
  const id = opened.body.id;
  const base = `/api/v1/support-cases/${id}`;
  const solutions = await as.social_support.get(`${base}/solutions`);
  assert.equal(solutions.status, 200, solutions.text);
  const visale = solutions.body.eligibility.visale;
  assert.equal(visale.eligible, true, JSON.stringify(visale));
  assert.equal(visale.first_unpaid_on, '2026-01-01');
  assert.equal(visale.notice_deadline, '2026-01-16');
  assert.equal(visale.max_claim_cents, 36 * 30_000);
  assert.equal(solutions.body.eligibility.loca_pass.eligible, false);
  assert.equal((await as.call_agent.get(`${base}/solutions`)).status, 403);
  assert.equal((await as.other.get(`${base}/solutions`)).status, 404);

  assert.equal((await as.social_support.post(`${base}/guarantee-claims`, { guarantee: 'gli' })).body.field, 'guarantee');
  const lp = await as.social_support.post(`${base}/guarantee-claims`, { guarantee: 'loca_pass' });
  assert.equal(lp.status, 400);
  assert.equal(lp.body.field, 'obtained_on');
  assert.equal((await as.manager.post(`${base}/guarantee-claims`, { guarantee: 'visale' })).status, 403);
  assert.equal((await as.other.post(`${base}/guarantee-claims`, { guarantee: 'visale' })).status, 404);
  const prepared = await as.social_support.post(`${base}/guarantee-claims`, { guarantee: 'visale', guarantee_reference: 'V-2026-1', notice_sent_on: '2026-01-12' });
  assert.equal(prepared.status, 201, prepared.text);
  const claim = prepared.body.claims[0];
  assert.equal(claim.status, 'prepared');
  assert.equal(claim.debt_cents, 60_000);
  assert.equal(claim.notice_deadline, '2026-01-16');
  const pdf = await as.social_support.get(`${base}/guarantee-claims/${claim.id}/pdf`);
  assert.equal(pdf.status, 200);
  assert.ok(pdf.text.startsWith('%PDF-'));
  assert.equal((await as.other.get(`${base}/guarantee-claims/${claim.id}/pdf`)).status, 404);

  const today = parisToday();
  const sent = await as.social_support.post(`${base}/guarantee-claims/${claim.id}/send`, { sent_on: today });
  assert.equal(sent.status, 200, sent.text);
  assert.equal((await as.social_support.get(base)).body.state, 'referred');
  assert.equal((await as.manager.post(`${base}/guarantee-claims/${claim.id}/payments`, { paid_on: today, amount_cents: 30_000 })).status, 403);
  const tooMuch = await as.social_support.post(`${base}/guarantee-claims/${claim.id}/payments`, { paid_on: today, amount_cents: 36 * 30_000 + 1 });
  assert.equal(tooMuch.body.field, 'amount_cents');
  const paid = await as.social_support.post(`${base}/guarantee-claims/${claim.id}/payments`, { paid_on: today, amount_cents: 60_000 });
  assert.equal(paid.status, 201, paid.text);
  assert.equal(paid.body.claims[0].paid_cents, 60_000);
  const ledger = await as.social_support.get(`/api/v1/leases/${claim.lease_id}/arrears`);
  const line = ledger.body.lines.find((l) => l.kind === 'guarantee_payment');
  assert.equal(line.amount_cents, -60_000);
  assert.equal(line.reference, `GAR-${claim.id}-1`);
  const closed = await as.social_support.post(`${base}/guarantee-claims/${claim.id}/close`, { outcome: 'settled', closed_on: today });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.claims[0].status, 'closed');
  assert.equal((await as.social_support.get(base)).body.state, 'in_progress');

  const trail = await as.administrator.get(`/api/v1/audit?record_type=support_case&record_id=${id}`);
  const ops = new Set(trail.body.items.map((e) => e.operation));
  assert.ok(ops.has('read') && ops.has('export') && ops.has('update'), JSON.stringify([...ops]));
});

test('other solutions: an Action Logement aid capped, granted and posted; a social-worker referral done', async () => {
  const list = await as.social_support.get(`/api/v1/households/${household.id}/support-cases`);
  const id = list.body.items[0].id;
  const base = `/api/v1/support-cases/${id}`;
  const today = parisToday();
  assert.equal((await as.social_support.post(`${base}/other-solutions`, { kind: 'loan', started_on: today })).body.field, 'kind');
  const al = await as.social_support.post(`${base}/other-solutions`, { kind: 'action_logement', started_on: today, detail: 'Salarié, -20 %' });
  assert.equal(al.status, 201, al.text);
  const sid = al.body.others[0].id;
  const over = await as.social_support.post(`${base}/other-solutions/${sid}/outcome`, { outcome: 'granted', outcome_on: today, amount_cents: 30_001 });
  assert.equal(over.status, 400);
  assert.equal(over.body.field, 'amount_cents');
  const granted = await as.social_support.post(`${base}/other-solutions/${sid}/outcome`, { outcome: 'granted', outcome_on: today, amount_cents: 30_000 });
  assert.equal(granted.status, 200, granted.text);
  assert.equal((await as.manager.post(`${base}/other-solutions/${sid}/payment`, { paid_on: today })).status, 403);
  const paid = await as.social_support.post(`${base}/other-solutions/${sid}/payment`, { paid_on: today });
  assert.equal(paid.status, 200, paid.text);
  assert.equal(typeof paid.body.others[0].ledger_line_id, 'number');
  assert.equal((await as.social_support.post(`${base}/other-solutions/${sid}/payment`, { paid_on: today })).status, 409);
  const sw = await as.social_support.post(`${base}/other-solutions`, { kind: 'social_worker', started_on: today, detail: 'CCAS de Rouen' });
  const swId = sw.body.others[0].id;
  assert.equal((await as.social_support.post(`${base}/other-solutions/${swId}/outcome`, { outcome: 'granted', outcome_on: today })).body.field, 'outcome');
  const done = await as.social_support.post(`${base}/other-solutions/${swId}/outcome`, { outcome: 'done', outcome_on: today, note: 'Rendez-vous pris' });
  assert.equal(done.status, 200, done.text);
  assert.equal((await as.other.post(`${base}/other-solutions`, { kind: 'social_worker', started_on: today })).status, 404);
});
