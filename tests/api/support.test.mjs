// Support cases through the API, on the demo: a social-support officer (CESF) opens a case from a
// household's page, moves it through its states, adds tasks, notes and documents (PDF, JPEG, PNG
// checked against their bytes, a size limit); a call agent sees only that the case exists and its
// officer; another landlord sees nothing; the household's timeline shows the case without its
// content; every read of a case is in the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT, runRelais } from './harness.mjs';
import { parisToday, sql } from './call-seed.mjs';
import { addHouseholdInArrears, startSupportRegion } from './support-seed.mjs';

let region;
let as;
let officerId;
let households;

before(async () => {
  ({ region, as } = await startSupportRegion({
    roles: ['social_support', 'call_agent', 'manager', 'caretaker', 'administrator', 'partner_worker', 'regional_observer'],
    otherEmail: 'cesf.autre@example.fr', households: 30, env: { RELAIS_SUPPORT_DOCUMENT_MAX_BYTES: '2048' },
  }));
  officerId = (await as.social_support.get('/api/v1/session')).body.user.id;
  households = (await as.social_support.get('/api/v1/households?limit=50')).body.items;
  assert.ok(households.length >= 5);
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

async function openCase(householdId, body = {}) {
  const res = await as.social_support.post(`/api/v1/households/${householdId}/support-cases`, body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

test('an officer opens one case per household; field errors name the field; other roles and landlords are refused', async () => {
  const h = households[0];
  const c = await openCase(h.id, { reason: 'Trois mois de loyer impayés' });
  assert.equal(c.state, 'open');
  assert.equal(c.officer.id, officerId);
  assert.equal(c.opened_from, 'household');
  assert.equal(c.household.id, h.id);
  assert.deepEqual(c.events.map((e) => e.kind), ['opened']);
  const again = await as.social_support.post(`/api/v1/households/${h.id}/support-cases`, {});
  assert.equal(again.status, 409);
  assert.equal(again.body.field, 'household_id');
  const bad = await as.social_support.post(`/api/v1/households/${households[1].id}/support-cases`, { opened_from: 'fax' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'opened_from');
  const unknown = await as.social_support.post(`/api/v1/households/${households[1].id}/support-cases`, { color: 'red' });
  assert.equal(unknown.status, 400);
  // A call agent and a manager may not open one; another landlord's officer finds no household.
  assert.equal((await as.call_agent.post(`/api/v1/households/${households[1].id}/support-cases`, {})).status, 403);
  assert.equal((await as.manager.post(`/api/v1/households/${households[1].id}/support-cases`, {})).status, 403);
  assert.equal((await as.other.post(`/api/v1/households/${households[1].id}/support-cases`, {})).status, 404);
  assert.equal((await as.other.post(`/api/v1/households/${households[1].id}/support-cases`, { opened_from: 'fax' })).status, 404);
  assert.equal((await as.partner_worker.post(`/api/v1/households/${households[1].id}/support-cases`, {})).status, 404);
});

test('call agents see that a case exists and its officer, not its content; other landlords see nothing', async () => {
  const h = households[2];
  const c = await openCase(h.id, { reason: 'Perte d’emploi' });
  await as.social_support.post(`/api/v1/support-cases/${c.id}/notes`, { body: 'Note confidentielle' });
  const summary = await as.call_agent.get(`/api/v1/households/${h.id}/support-cases`);
  assert.equal(summary.status, 200, summary.text);
  assert.equal(summary.body.items.length, 1);
  assert.deepEqual(Object.keys(summary.body.items[0]).sort(), ['closed_at', 'household_id', 'id', 'officer', 'open', 'opened_at']);
  assert.equal(summary.body.items[0].officer.id, officerId);
  assert.ok(!summary.text.includes('confidentielle') && !summary.text.includes('emploi'));
  assert.equal((await as.call_agent.get(`/api/v1/support-cases/${c.id}`)).status, 403);
  assert.equal((await as.call_agent.get('/api/v1/support-cases')).status, 403);
  assert.equal((await as.caretaker.get(`/api/v1/households/${h.id}/support-cases`)).status, 403);
  assert.equal((await as.manager.get(`/api/v1/support-cases/${c.id}`)).status, 200);
  assert.equal((await as.other.get(`/api/v1/support-cases/${c.id}`)).status, 404);
  assert.equal((await as.other.get(`/api/v1/households/${h.id}/support-cases`)).status, 404);
  assert.equal((await as.partner_worker.get(`/api/v1/support-cases/${c.id}`)).status, 404);
  assert.equal((await as.regional_observer.get(`/api/v1/support-cases/${c.id}`)).status, 404);
  assert.ok(!(await as.other.get('/api/v1/support-cases')).body.items.some((x) => x.id === c.id));
  // The household's timeline shows the case, with its officer only.
  const timeline = await as.call_agent.get(`/api/v1/households/${h.id}/timeline`);
  assert.equal(timeline.status, 200, timeline.text);
  const entry = timeline.body.items.find((e) => e.type === 'support_case');
  assert.ok(entry, JSON.stringify(timeline.body.items));
  assert.equal(entry.id, c.id);
  assert.equal(entry.status, 'open');
  assert.equal(entry.text, c.officer.name);
  assert.ok(!timeline.text.includes('confidentielle'));
});

test('the state machine through the API, with tasks and notes on the timeline', async () => {
  const c = await openCase(households[3].id);
  const move = (body) => as.social_support.post(`/api/v1/support-cases/${c.id}/transitions`, body);
  assert.equal((await move({ event: 'start', comment: 'Premier entretien' })).body.state, 'in_progress');
  const twice = await move({ event: 'start' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.field, 'event');
  assert.equal((await move({ event: 'close' })).body.field, 'outcome');
  assert.equal((await move({ event: 'teleport' })).body.field, 'event');
  assert.equal((await as.call_agent.post(`/api/v1/support-cases/${c.id}/transitions`, { event: 'refer' })).status, 403);
  assert.equal((await as.other.post(`/api/v1/support-cases/${c.id}/transitions`, { event: 'refer' })).status, 404);
  assert.equal((await as.other.post(`/api/v1/support-cases/${c.id}/transitions`, { nonsense: 1 })).status, 404);
  assert.equal((await move({ event: 'start_plan' })).body.state, 'plan_active');

  const withTask = await as.social_support.post(`/api/v1/support-cases/${c.id}/tasks`, { title: 'Relancer la CAF', due_date: '2026-12-15' });
  assert.equal(withTask.status, 201, withTask.text);
  const task = withTask.body.tasks[0];
  assert.equal(task.owner.id, officerId);
  assert.equal(task.status, 'open');
  const badDate = await as.social_support.post(`/api/v1/support-cases/${c.id}/tasks`, { title: 'x', due_date: '31/02/2026' });
  assert.equal(badDate.status, 400);
  assert.equal(badDate.body.field, 'due_date');
  const done = await as.social_support.post(`/api/v1/support-cases/${c.id}/tasks/close`, { task_id: task.id, status: 'done' });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.tasks[0].status, 'done');
  const note = await as.social_support.post(`/api/v1/support-cases/${c.id}/notes`, { body: 'Accord sur 6 mensualités' });
  assert.equal(note.status, 201);
  assert.equal(note.body.notes[0].body, 'Accord sur 6 mensualités');

  const closed = await move({ event: 'close', outcome: 'plan_completed' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.state, 'closed');
  assert.equal(closed.body.outcome, 'plan_completed');
  assert.match(closed.body.follow_up_ended_on, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(closed.body.events.map((e) => e.kind),
    ['opened', 'transition', 'transition', 'task_added', 'task_closed', 'note_added', 'transition']);
  assert.equal((await as.social_support.post(`/api/v1/support-cases/${c.id}/tasks`, { title: 'x', due_date: '2026-12-15' })).status, 409);
  const mine = await as.social_support.get('/api/v1/support-cases?mine=1&state=closed');
  assert.ok(mine.body.items.some((x) => x.id === c.id));
  assert.equal((await as.social_support.get('/api/v1/support-cases?state=lost')).status, 400);
});

test('documents: checked against their bytes and the size limit, read back as uploaded', async () => {
  const c = await openCase(households[4].id);
  const pdf = '%PDF-1.4\n% Avis CAF\n1 0 obj << >> endobj\n%%EOF\n';
  const up = (body) => as.social_support.post(`/api/v1/support-cases/${c.id}/documents`, body);
  const res = await up({ filename: 'avis-caf-été.pdf', content_type: 'application/pdf', content_base64: Buffer.from(pdf).toString('base64') });
  assert.equal(res.status, 201, res.text);
  const doc = res.body.documents[0];
  assert.equal(doc.size_bytes, pdf.length);
  assert.equal(doc.content_type, 'application/pdf');
  const file = await as.social_support.get(`/api/v1/support-cases/${c.id}/documents/${doc.id}`);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.match(file.headers.get('content-disposition'), /^attachment; filename="avis-caf-.*\.pdf"; filename\*=UTF-8''avis-caf-%C3%A9t%C3%A9\.pdf$/);
  assert.equal(file.text, pdf);
  // A PNG declared as a PDF, an executable, bad base64, over the limit (2048 bytes here).
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
  const renamed = await up({ filename: 'photo.pdf', content_type: 'application/pdf', content_base64: png.toString('base64') });
  assert.equal(renamed.status, 400);
  assert.equal(renamed.body.field, 'content_type');
  assert.equal((await up({ filename: 'photo.png', content_type: 'image/png', content_base64: png.toString('base64') })).status, 201);
  assert.equal((await up({ filename: 'a.exe', content_type: 'application/x-msdownload', content_base64: 'TVo=' })).body.field, 'content_type');
  assert.equal((await up({ filename: 'a.pdf', content_type: 'application/pdf', content_base64: '%%%' })).body.field, 'content_base64');
  const big = await up({ filename: 'gros.pdf', content_type: 'application/pdf', content_base64: Buffer.from(pdf + 'x'.repeat(2048)).toString('base64') });
  assert.equal(big.status, 413, big.text);
  assert.equal(big.body.field, 'content_base64');
  assert.equal((await as.call_agent.get(`/api/v1/support-cases/${c.id}/documents/${doc.id}`)).status, 403);
  assert.equal((await as.other.get(`/api/v1/support-cases/${c.id}/documents/${doc.id}`)).status, 404);
});

test('every read of a case is in the audit trail, by whom', async () => {
  const h = households[5];
  const c = await openCase(h.id);
  assert.equal((await as.manager.get(`/api/v1/support-cases/${c.id}`)).status, 200);
  assert.equal((await as.call_agent.get(`/api/v1/households/${h.id}/support-cases`)).status, 200);
  const trail = await as.administrator.get(`/api/v1/audit?record_type=support_case&record_id=${c.id}`);
  assert.equal(trail.status, 200, trail.text);
  const reads = trail.body.items.filter((e) => e.operation === 'read');
  const users = new Set(reads.map((e) => e.user_id));
  const managerId = (await as.manager.get('/api/v1/session')).body.user.id;
  const agentId = (await as.call_agent.get('/api/v1/session')).body.user.id;
  assert.ok(users.has(managerId), JSON.stringify(reads));
  assert.ok(users.has(agentId), JSON.stringify(reads));
});

test('a payment plan from the ledger: the schedule to the cent, the case in "plan active", the signed plan as PDF', async () => {
  // A household made here, three months of rent unpaid in its ledger (relais import ledger).
  const manager = as.manager;
  const org = (await manager.get('/api/v1/session')).body.user.organisation.id;
  const building = (await manager.get(`/api/v1/households/${households[6].id}`)).body.building_id;
  const newDwelling = async (reference) => {
    const res = await manager.post('/api/v1/dwellings', { reference, building_id: building, rooms: 2, surface_m2: 45, financing: 'PLUS', rent_cents: 30_000, charges_cents: 0 });
    assert.equal(res.status, 201, res.text);
    return res.body.id;
  };
  const dwelling = await newDwelling('LGT-PLAN-1');
  const created = await manager.post('/api/v1/households', {
    reference: 'TEN-PLAN-1', dwelling_id: dwelling, members: [{ first_name: 'Rose', last_name: 'Plan', relation: 'holder' }],
    lease: { start_date: '2020-01-01', rent_cents: 30_000, charges_cents: 3_333 },
  });
  assert.equal(created.status, 201, created.text);
  const csv = ['reference_ligne;reference_locataire;date;nature;montant;mode_paiement;libelle',
    ...[1, 2, 3].map((m) => `PLAN-${m};TEN-PLAN-1;01/0${m}/2026;loyer;333,33;;Loyer`)].join('\n') + '\n';
  const file = join(ROOT, 'build/test-tmp', `ledger-plan-${process.pid}.csv`);
  await writeFile(file, csv);
  await runRelais(['import', 'ledger', file, '--organisation', String(org)], { database: region.database.url });

  const c = await openCase(created.body.id);
  assert.deepEqual((await as.social_support.get(`/api/v1/support-cases/${c.id}/plan`)).body, { plan: null });
  const today = parisToday();
  const post = (client, body) => client.post(`/api/v1/support-cases/${c.id}/plan`, body);
  assert.equal((await post(as.social_support, { months: 0, first_due_on: today, signed_on: today })).body.field, 'months');
  assert.equal((await post(as.social_support, { months: 6, first_due_on: today, signed_on: parisToday(2) })).body.field, 'signed_on');
  assert.equal((await post(as.call_agent, { months: 6, first_due_on: today, signed_on: today })).status, 403);
  assert.equal((await post(as.other, { months: 6, first_due_on: today, signed_on: today })).status, 404);
  const res = await post(as.social_support, { months: 6, first_due_on: today, signed_on: today });
  assert.equal(res.status, 201, res.text);
  const plan = res.body.plan;
  assert.equal(plan.debt_cents, 99_999);
  assert.deepEqual(plan.instalments.map((i) => i.amount_cents), [16_666, 16_666, 16_666, 16_666, 16_666, 16_669]);
  assert.equal(plan.instalments[0].due_on, today);
  assert.equal(plan.status, 'active');
  assert.equal((await as.social_support.get(`/api/v1/support-cases/${c.id}`)).body.state, 'plan_active');
  assert.equal((await post(as.social_support, { months: 3, first_due_on: today, signed_on: today })).status, 409);
  const pdf = await as.social_support.get(`/api/v1/support-cases/${c.id}/plan/pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.ok(pdf.text.startsWith('%PDF-'));
  assert.equal((await as.call_agent.get(`/api/v1/support-cases/${c.id}/plan`)).status, 403);
  assert.equal((await as.other.get(`/api/v1/support-cases/${c.id}/plan/pdf`)).status, 404);
  // The officer cancels it, for a reason; a manager may not; the case resumes.
  const cancel = (client, body) => client.post(`/api/v1/support-cases/${c.id}/plan/cancel`, body);
  assert.equal((await cancel(as.manager, { reason: 'Déménagement' })).status, 403);
  assert.equal((await cancel(as.other, { reason: 'Déménagement' })).status, 404);
  const blank = await cancel(as.social_support, { reason: '  ' });
  assert.equal(blank.status, 400, blank.text);
  assert.equal(blank.body.field, 'reason');
  const cancelled = await cancel(as.social_support, { reason: 'Le ménage déménage' });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.plan.status, 'cancelled');
  assert.equal(cancelled.body.plan.ended_on, today);
  assert.equal(cancelled.body.plan.end_reason, 'Le ménage déménage');
  const resumed = (await as.social_support.get(`/api/v1/support-cases/${c.id}`)).body;
  assert.equal(resumed.state, 'in_progress');
  assert.equal(resumed.events.at(-1).text, "Plan d'apurement annulé : Le ménage déménage");
  const again = await cancel(as.social_support, { reason: 'Encore' });
  assert.equal(again.status, 409);
  assert.equal(again.body.field, 'status');
  // A household without debt in its ledger cannot have a plan.
  const clear = await manager.post('/api/v1/households', {
    reference: 'TEN-PLAN-2', dwelling_id: await newDwelling('LGT-PLAN-2'), members: [{ first_name: 'Paul', last_name: 'Ajour', relation: 'holder' }],
    lease: { start_date: '2020-01-01', rent_cents: 30_000, charges_cents: 0 },
  });
  assert.equal(clear.status, 201, clear.text);
  const none = await openCase(clear.body.id);
  const refused = await as.social_support.post(`/api/v1/support-cases/${none.id}/plan`, { months: 6, first_due_on: today, signed_on: today });
  assert.equal(refused.status, 400, refused.text);
  assert.equal(refused.body.field, 'debt');
});

test('relais support check-plans with support.plan_broken_after_missed = 2: one missed instalment opens a task, the second breaks the plan', async () => {
  const household = await addHouseholdInArrears(region, as.manager, {
    tag: 'RUPT',
    building: { street: '8 rue des Échéances', postal_code: '14000', commune_insee: '14118' },
    dwelling: { rooms: 2, surface_m2: 48, rent_cents: 30_000, charges_cents: 0 },
    household: {
      members: [{ first_name: 'Hugo', last_name: 'Rompu', relation: 'holder' }],
      lease: { start_date: '2020-01-01', rent_cents: 30_000, charges_cents: 0 },
    },
    months: [1, 2, 3], rent: '300,00', label: 'Loyer',
  });
  const c = await openCase(household.id);
  const base = `/api/v1/support-cases/${c.id}`;
  const today = parisToday();
  const set = await as.social_support.post(`${base}/plan`, { months: 6, first_due_on: today, signed_on: today });
  assert.equal(set.status, 201, set.text);
  assert.equal(set.body.plan.debt_cents, 90_000);
  assert.equal(set.body.plan.status, 'active');
  const read = async () => {
    const plan = await as.social_support.get(`${base}/plan`);
    assert.equal(plan.status, 200, plan.text);
    const sc = await as.social_support.get(base);
    assert.equal(sc.status, 200, sc.text);
    return { plan: plan.body.plan, supportCase: sc.body };
  };
  // The check as the night runs it, on a later day, with the threshold from the environment. The
  // other plans of this region (the test above) are cancelled: this one is the only one checked.
  const env = { RELAIS_SUPPORT_PLAN_BROKEN_AFTER_MISSED: '2' };
  const check = async (days) =>
    (await runRelais(['support', 'check-plans', '--date', parisToday(days)], { database: region.database.url, env })).stdout;

  // 20 days on: instalment 1 (due today) is past its 10 days of grace and unpaid, the second is
  // not due yet. One missed instalment, under the threshold of 2: a task, the plan still runs.
  assert.equal(await check(20),
    `1 plan(s) vérifié(s), 1 tâche(s) d'échéance manquée, 0 plan(s) soldé(s), 0 plan(s) rompu(s) au ${parisToday(20)}.\n`);
  let now = await read();
  assert.equal(now.plan.status, 'active');
  assert.equal(now.plan.ended_on, null);
  assert.equal(typeof now.plan.instalments[0].missed_task_id, 'number');
  assert.deepEqual(now.plan.instalments.slice(1).map((i) => i.missed_task_id), [null, null, null, null, null]);
  assert.equal(now.supportCase.state, 'plan_active');
  const missedTask = now.supportCase.tasks.find((t) => t.id === now.plan.instalments[0].missed_task_id);
  assert.match(missedTask.title, /^Échéance n° 1 du plan d'apurement non payée \(150,00 €, échue le /);
  assert.equal(missedTask.source, 'system');

  // 50 days on: the second instalment (due a month after the first) is missed too: 2 reaches the
  // threshold, the plan is broken, the case leaves "plan active" and a task asks for a review.
  assert.equal(await check(50),
    `1 plan(s) vérifié(s), 1 tâche(s) d'échéance manquée, 0 plan(s) soldé(s), 1 plan(s) rompu(s) au ${parisToday(50)}.\n`);
  now = await read();
  assert.equal(now.plan.status, 'broken');
  assert.equal(now.plan.ended_on, parisToday(50));
  assert.equal(typeof now.plan.instalments[1].missed_task_id, 'number');
  assert.equal(now.plan.instalments[2].missed_task_id, null);
  assert.equal(now.supportCase.state, 'in_progress');
  const ended = now.supportCase.events.find((e) => e.text === "Plan d'apurement rompu : 2 échéances non payées");
  assert.ok(ended, JSON.stringify(now.supportCase.events));
  assert.deepEqual([ended.kind, ended.from_state, ended.to_state], ['transition', 'plan_active', 'in_progress']);
  assert.ok(now.supportCase.tasks.some((t) => t.title === "Plan d'apurement rompu (2 échéances non payées) : revoir la situation avec le ménage"),
    JSON.stringify(now.supportCase.tasks));
  // A broken plan is not checked again.
  assert.match(await check(80), /^0 plan\(s\) vérifié\(s\)/);
  assert.equal((await read()).plan.status, 'broken');
});

test('a money need found on a call opens a support case for an officer, and a second one joins it', async () => {
  const h = households[8];
  const need = await as.call_agent.post(`/api/v1/households/${h.id}/needs`, { category: 'money', description: 'Ne peut plus payer le loyer' });
  assert.equal(need.status, 201, need.text);
  assert.equal(typeof need.body.support_case_id, 'number');
  const c = await as.social_support.get(`/api/v1/support-cases/${need.body.support_case_id}`);
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.household.id, h.id);
  assert.equal(c.body.opened_from, 'outreach');
  assert.equal(c.body.reason, 'Ne peut plus payer le loyer');
  const again = await as.call_agent.post(`/api/v1/households/${h.id}/needs`, { category: 'money', description: 'Relance' });
  assert.equal(again.body.support_case_id, need.body.support_case_id);
  const events = (await as.social_support.get(`/api/v1/support-cases/${need.body.support_case_id}`)).body.events;
  assert.equal(events.at(-1).kind, 'outreach_need');
  // Other needs open no case.
  const food = await as.call_agent.post(`/api/v1/households/${households[9].id}/needs`, { category: 'food' });
  assert.equal(food.body.support_case_id, null);
});

test('relais anonymise --due anonymises a case closed longer ago than retention.support_case_months, once', async () => {
  const c = await openCase(households[12].id, { reason: 'Perte d’emploi de M. Rivière' });
  const base = `/api/v1/support-cases/${c.id}`;
  assert.equal((await as.social_support.post(`${base}/notes`, { body: 'M. Rivière dort chez sa sœur' })).status, 201);
  const pdf = Buffer.from('%PDF-1.4\n% bulletin de salaire\n%%EOF\n').toString('base64');
  const up = await as.social_support.post(`${base}/documents`, { filename: 'salaire-riviere.pdf', content_type: 'application/pdf', content_base64: pdf });
  assert.equal(up.status, 201, up.text);
  const docId = up.body.documents[0].id;
  const closed = await as.social_support.post(`${base}/transitions`, { event: 'close', outcome: 'debt_cleared', comment: 'Réglé par M. Rivière' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.anonymised_at, null);
  // Off by default: nothing happens; set, a case closed today is not due yet.
  const off = await runRelais(['anonymise', '--due'], { database: region.database.url });
  assert.match(off.stdout, /retention\.support_case_months = 0/);
  const env = { RELAIS_RETENTION_SUPPORT_CASE_MONTHS: '24' };
  assert.match((await runRelais(['anonymise', '--due'], { database: region.database.url, env })).stdout,
    /^Ménages : durée de conservation non réglée[^\n]*\n0 dossier\(s\) d'accompagnement anonymisé\(s\) : suivi terminé depuis plus de 24 mois/);
  // Its follow-up ended three years ago (written straight into the database, the API dates it today).
  await sql(region.database, `UPDATE support_cases SET follow_up_ended_on = '2020-01-31' WHERE id = ${c.id}`);
  const run = await runRelais(['anonymise', '--due'], { database: region.database.url, env });
  assert.match(run.stdout, /\n1 dossier\(s\) d'accompagnement anonymisé\(s\)/);
  const after = await as.social_support.get(base);
  assert.equal(after.status, 200);
  assert.ok(after.body.anonymised_at);
  assert.equal(after.body.reason, '');
  assert.deepEqual(after.body.notes, []);
  assert.deepEqual(after.body.documents, []);
  assert.ok(after.body.events.every((e) => e.text === ''), JSON.stringify(after.body.events));
  assert.equal(after.body.state, 'closed');
  assert.equal(after.body.outcome, 'debt_cleared');
  assert.equal(after.body.follow_up_ended_on, '2020-01-31');
  assert.equal((await as.social_support.get(`${base}/documents/${docId}`)).status, 404);
  // Frozen: no change, not even reopening; and done once.
  const note = await as.social_support.post(`${base}/notes`, { body: 'Encore' });
  assert.equal(note.status, 409);
  assert.equal(note.body.field, 'state');
  assert.equal((await as.social_support.post(`${base}/transitions`, { event: 'reopen' })).status, 409);
  assert.match((await runRelais(['anonymise', '--due'], { database: region.database.url, env })).stdout, /\n0 dossier\(s\)/);
  assert.match((await runRelais(['audit', 'verify'], { database: region.database.url })).stdout, /Journal d'audit intègre/);
});
