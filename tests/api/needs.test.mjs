// Needs and help through the API, on the demo (a CCAS and an association serve the demo communes):
// a call agent records needs and their actions (a delivery, a referral only with the tenant's
// consent, a task), builds the day's delivery round of an agency (grouped by building, printable
// as a PDF), records the deliveries; the partner accepts, records and closes a referral, or
// declines one; the household's timeline lists it all, newest first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startDemoRegion } from './seed.mjs';

let region;
const as = {};
let me;  // the call agent's user id
let households;  // of the first landlord, with their building's agency
let ccas;

before(async () => {
  region = await startDemoRegion({ landlords: 2, households: 60 });
  for (const role of ['call_agent', 'manager', 'caretaker', 'partner_worker', 'regional_observer']) {
    as[role] = region.client();
    await as[role].login(region.landlords[0][role]);
  }
  as.other = region.client();
  await as.other.login(region.landlords[1].manager);
  me = (await as.call_agent.get('/api/v1/session')).body.user.id;
  const list = (await as.call_agent.get('/api/v1/households?limit=200')).body.items;
  const buildings = new Map((await as.manager.get('/api/v1/buildings?limit=200')).body.items.map((b) => [b.id, b]));
  households = [];
  for (const h of list) {
    const full = (await as.call_agent.get(`/api/v1/households/${h.id}`)).body;
    households.push({ ...full, agency_id: buildings.get(full.building_id)?.agency_id ?? null });
  }
  ccas = (await as.call_agent.get('/api/v1/partners')).body.items.find((p) => p.name.startsWith('CCAS'));
  assert.ok(ccas, 'the demo CCAS works with the first landlord');
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

const due = '2026-12-01';

async function need(client, householdId, body) {
  const res = await client.post(`/api/v1/households/${householdId}/needs`, body);
  assert.equal(res.status, 201, res.text);
  return res.body;
}

test('a need becomes a delivery and a task; field errors name the field; other landlords and roles are refused', async () => {
  const h = households[0];
  const n = await need(as.call_agent, h.id, { category: 'food', description: 'Plus de courses depuis 5 jours' });
  assert.equal(n.status, 'open');
  assert.deepEqual(n.actions, []);

  const bad = await as.call_agent.post(`/api/v1/households/${h.id}/needs`, { category: 'chocolat' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'category');
  const badCall = await as.call_agent.post(`/api/v1/households/${h.id}/needs`, { category: 'food', call_id: 999999 });
  assert.equal(badCall.body.field, 'call_id');
  // Another landlord's manager: the household does not exist, whatever the body; the caretaker may not.
  assert.equal((await as.other.post(`/api/v1/households/${h.id}/needs`, { category: 'food' })).status, 404);
  assert.equal((await as.other.post(`/api/v1/households/${h.id}/needs`, { category: 'chocolat' })).status, 404);
  assert.equal((await as.other.get(`/api/v1/needs/${n.id}`)).status, 404);
  assert.equal((await as.caretaker.get(`/api/v1/households/${h.id}/needs`)).status, 403);
  assert.equal((await as.partner_worker.get(`/api/v1/needs/${n.id}`)).status, 404);
  assert.equal((await as.regional_observer.get(`/api/v1/households/${h.id}/timeline`)).status, 404);

  const noItem = await as.call_agent.post(`/api/v1/needs/${n.id}/actions`, { kind: 'delivery', owner_id: me, due_date: due });
  assert.equal(noItem.status, 400);
  assert.equal(noItem.body.field, 'item');
  const noDate = await as.call_agent.post(`/api/v1/needs/${n.id}/actions`, { kind: 'delivery', owner_id: me, item: 'food_parcel' });
  assert.equal(noDate.body.field, 'due_date');
  const withDelivery = await as.call_agent.post(`/api/v1/needs/${n.id}/actions`, { kind: 'delivery', owner_id: me, due_date: due, item: 'food_parcel' });
  assert.equal(withDelivery.status, 201, withDelivery.text);
  const task = await as.call_agent.post(`/api/v1/needs/${n.id}/actions`, { kind: 'task', owner_id: me, due_date: due, description: 'Appeler sa fille' });
  assert.equal(task.status, 201, task.text);
  assert.equal(task.body.actions.length, 2);
  const [delivery, t] = task.body.actions;
  assert.equal(delivery.kind, 'delivery');
  assert.equal(t.kind, 'task');
  assert.ok(t.task_id);

  const closed = await as.call_agent.post(`/api/v1/needs/${n.id}/actions/close`, { action_id: t.id, status: 'done' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.actions[1].status, 'done');
  assert.equal(closed.body.status, 'open');  // the delivery is still to be made
  const again = await as.call_agent.post(`/api/v1/needs/${n.id}/actions/close`, { action_id: t.id, status: 'done' });
  assert.equal(again.status, 409);
  const badStatus = await as.call_agent.post(`/api/v1/needs/${n.id}/actions/close`, { action_id: delivery.id, status: 'fini' });
  assert.equal(badStatus.body.field, 'status');
});

test('a referral from a need is opened only with the consent; the partner accepts, records, closes; the need is met', async () => {
  // A household in the CCAS's commune.
  let target = null;
  let n = null;
  for (const h of households) {
    n ??= null;
    const candidate = await need(as.call_agent, h.id, { category: 'psychological_support' });
    const noConsent = await as.call_agent.post(`/api/v1/needs/${candidate.id}/actions`, {
      kind: 'referral', owner_id: me, due_date: due, partner_id: ccas.id, reason: 'Soutien après un deuil',
    });
    assert.equal(noConsent.status, 400, noConsent.text);
    if (noConsent.body.field !== 'consent_on') continue;
    assert.match(noConsent.body.detail, /consentement/);
    const noWho = await as.call_agent.post(`/api/v1/needs/${candidate.id}/actions`, {
      kind: 'referral', owner_id: me, due_date: due, partner_id: ccas.id, reason: 'Soutien après un deuil', consent_on: '2026-11-20',
    });
    assert.equal(noWho.body.field, 'consent_given_by');
    const res = await as.call_agent.post(`/api/v1/needs/${candidate.id}/actions`, {
      kind: 'referral', owner_id: me, due_date: due, partner_id: ccas.id, reason: 'Soutien après un deuil',
      consent_on: '2026-11-20', consent_given_by: 'La locataire, au téléphone',
    });
    if (res.status === 400 && res.body.field === 'partner_id') continue;  // another commune
    if (res.status === 409) continue;  // already referred by the demo
    assert.equal(res.status, 201, res.text);
    target = h;
    n = res.body;
    break;
  }
  assert.ok(target, 'no household of the CCAS commune');
  const action = n.actions[0];
  assert.equal(action.partner_name, ccas.name);
  const referral = (await as.call_agent.get(`/api/v1/referrals/${action.referral_id}`)).body;
  assert.deepEqual(referral.consent, { on: '2026-11-20', given_by: 'La locataire, au téléphone' });
  assert.equal(referral.response, null);

  // The landlord sees the status but may not answer; the partner answers.
  assert.equal((await as.call_agent.post(`/api/v1/referrals/${referral.id}/accept`)).status, 403);
  assert.equal((await as.partner_worker.post(`/api/v1/referrals/${referral.id}/outcome`, { outcome: 'x' })).status, 409);
  const accepted = await as.partner_worker.post(`/api/v1/referrals/${referral.id}/accept`);
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.body.response, 'accepted');
  assert.equal(accepted.body.status, 'open');
  // Accepted: the partner still sees the household, and only through it.
  assert.equal((await as.partner_worker.get(`/api/v1/households/${target.id}`)).status, 200);
  assert.equal((await as.partner_worker.get(`/api/v1/households/${target.id}/needs`)).status, 404);
  assert.equal((await as.partner_worker.get(`/api/v1/households/${target.id}/timeline`)).status, 404);
  const empty = await as.partner_worker.post(`/api/v1/referrals/${referral.id}/outcome`, { outcome: ' ' });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.field, 'outcome');
  const recorded = await as.partner_worker.post(`/api/v1/referrals/${referral.id}/outcome`, { outcome: 'Deux entretiens avec la psychologue du CCAS' });
  assert.equal(recorded.status, 200, recorded.text);
  assert.equal((await as.call_agent.get(`/api/v1/referrals/${referral.id}`)).body.outcome, 'Deux entretiens avec la psychologue du CCAS');
  assert.equal((await as.partner_worker.post(`/api/v1/referrals/${referral.id}/close`)).status, 200);
  assert.equal((await as.partner_worker.get(`/api/v1/households/${target.id}`)).status, 404);
  const met = (await as.call_agent.get(`/api/v1/needs/${n.id}`)).body;
  assert.equal(met.actions[0].status, 'done');
  assert.equal(met.status, 'met');

  // A second one, declined with a reason: closed, the action cancelled.
  const second = await need(as.call_agent, target.id, { category: 'loneliness' });
  const res = await as.call_agent.post(`/api/v1/needs/${second.id}/actions`, {
    kind: 'referral', owner_id: me, due_date: due, partner_id: ccas.id, reason: 'Visites de convivialité',
    consent_on: '2026-11-20', consent_given_by: 'La locataire',
  });
  assert.equal(res.status, 201, res.text);
  const id = res.body.actions[0].referral_id;
  const noReason = await as.partner_worker.post(`/api/v1/referrals/${id}/decline`, {});
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.field, 'reason');
  const declined = await as.partner_worker.post(`/api/v1/referrals/${id}/decline`, { reason: 'Hors de nos missions' });
  assert.equal(declined.status, 200, declined.text);
  assert.equal(declined.body.status, 'closed');
  assert.equal(declined.body.response, 'declined');
  assert.equal((await as.call_agent.get(`/api/v1/needs/${second.id}`)).body.actions[0].status, 'cancelled');
  // Other landlord and partner: not found.
  assert.equal((await as.other.post(`/api/v1/referrals/${id}/accept`)).status, 404);

  // The partner lists only the referrals made to it.
  const theirs = (await as.partner_worker.get('/api/v1/referrals')).body.items;
  assert.ok(theirs.length > 0 && theirs.every((r) => r.partner.id === ccas.id));
});

test('a delivery round groups the open deliveries of an agency by building, prints as a PDF, and records deliveries', async () => {
  // Three deliveries in the same agency, in at least two buildings.
  const agency = households.find((h) => h.agency_id)?.agency_id;
  assert.ok(agency, 'the demo buildings have agencies');
  const inAgency = households.filter((h) => h.agency_id === agency);
  const picked = [];
  for (const h of inAgency) {
    if (picked.length >= 3 && new Set(picked.map((p) => p.building_id)).size >= 2) break;
    if (picked.length >= 2 && picked.every((p) => p.building_id === h.building_id) && inAgency.some((x) => x.building_id !== h.building_id)) continue;
    picked.push(h);
  }
  const actions = [];
  for (const h of picked) {
    const n = await need(as.call_agent, h.id, { category: 'medicines' });
    const res = await as.call_agent.post(`/api/v1/needs/${n.id}/actions`, { kind: 'delivery', owner_id: me, due_date: due, item: 'medicines' });
    assert.equal(res.status, 201, res.text);
    actions.push(res.body.actions[0].id);
  }
  const built = await as.call_agent.post('/api/v1/delivery-rounds', { date: '2026-12-01', agency_id: agency });
  assert.equal(built.status, 201, built.text);
  const round = built.body;
  const stops = round.buildings.flatMap((b) => b.stops);
  for (const a of actions) assert.ok(stops.some((s) => s.action_id === a), `delivery ${a} is in the round`);
  // Grouped by building: each building once, each stop under its household's building.
  const ids = round.buildings.map((b) => b.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const b of round.buildings) {
    for (const s of b.stops) assert.equal(households.find((h) => h.id === s.household_id).building_id, b.id);
  }
  assert.ok(round.buildings.length >= 2);
  assert.equal(round.stops, stops.length);
  // Again the same day: the same round (200), nothing added.
  const again = await as.call_agent.post('/api/v1/delivery-rounds', { date: '2026-12-01', agency_id: agency });
  assert.equal(again.status, 200);
  assert.equal(again.body.id, round.id);
  assert.equal((await as.call_agent.post('/api/v1/delivery-rounds', { date: '2026-12-02', agency_id: agency })).status, 409);
  const badAgency = await as.call_agent.post('/api/v1/delivery-rounds', { date: '2026-12-02', agency_id: 999999 });
  assert.equal(badAgency.body.field, 'agency_id');
  const badDate = await as.call_agent.post('/api/v1/delivery-rounds', { date: 'demain', agency_id: agency });
  assert.equal(badDate.body.field, 'date');

  const pdf = await as.call_agent.get(`/api/v1/delivery-rounds/${round.id}?format=pdf`, { headers: { accept: 'application/pdf' } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.ok(pdf.text.startsWith('%PDF-'));
  assert.equal((await as.other.get(`/api/v1/delivery-rounds/${round.id}`)).status, 404);
  assert.equal((await as.caretaker.get(`/api/v1/delivery-rounds/${round.id}`)).status, 403);

  const delivered = await as.call_agent.post(`/api/v1/delivery-rounds/${round.id}/stops`, { action_id: actions[0], result: 'delivered' });
  assert.equal(delivered.status, 200, delivered.text);
  assert.equal(delivered.body.delivered, 1);
  const failed = await as.call_agent.post(`/api/v1/delivery-rounds/${round.id}/stops`, { action_id: actions[1], result: 'failed', note: 'Absent' });
  assert.equal(failed.body.failed, 1);
  assert.equal((await as.call_agent.post(`/api/v1/delivery-rounds/${round.id}/stops`, { action_id: actions[1], result: 'delivered' })).status, 409);
  const badResult = await as.call_agent.post(`/api/v1/delivery-rounds/${round.id}/stops`, { action_id: actions[2], result: 'perdu' });
  assert.equal(badResult.body.field, 'result');
  // The failed one goes into the next day's round.
  const next = await as.call_agent.post('/api/v1/delivery-rounds', { date: '2026-12-02', agency_id: agency });
  assert.equal(next.status, 201, next.text);
  assert.deepEqual(next.body.buildings.flatMap((b) => b.stops).map((s) => s.action_id), [actions[1]]);
  const listed = (await as.call_agent.get('/api/v1/delivery-rounds?date=2026-12-01')).body.items;
  assert.deepEqual(listed.map((r) => r.id), [round.id]);
});

test('the timeline lists needs, actions, referrals and tasks newest first, and its reads are audited', async () => {
  const h = households[households.length - 1];
  const n = await need(as.call_agent, h.id, { category: 'repair', description: 'Fuite' });
  const res = await as.call_agent.post(`/api/v1/needs/${n.id}/actions`, { kind: 'task', owner_id: me, due_date: due });
  assert.equal(res.status, 201, res.text);
  const timeline = await as.call_agent.get(`/api/v1/households/${h.id}/timeline`);
  assert.equal(timeline.status, 200, timeline.text);
  const items = timeline.body.items;
  const at = items.map((e) => Date.parse(e.at));
  assert.deepEqual([...at].sort((a, b) => b - a), at, 'newest first');
  const types = items.map((e) => e.type);
  for (const type of ['need', 'action', 'task']) assert.ok(types.includes(type), type);
  assert.ok(types.indexOf('action') < types.indexOf('need'), 'the action after its need');
  const task = items.find((e) => e.type === 'task');
  assert.equal(task.code, 'repair');
  assert.equal(task.text, 'Fuite');
  assert.equal((await as.other.get(`/api/v1/households/${h.id}/timeline`)).status, 404);
  assert.equal((await as.caretaker.get(`/api/v1/households/${h.id}/timeline`)).status, 403);
  const admin = region.client();
  await admin.login(region.landlords[0].administrator);
  const trail = await admin.get(`/api/v1/audit?record_type=household_timeline&record_id=${h.id}`);
  assert.equal(trail.status, 200, trail.text);
  assert.ok(trail.body.items.some((e) => e.operation === 'read'));
});
