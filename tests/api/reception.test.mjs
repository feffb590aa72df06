// Reception by appointment through the API (issue 7), on the engine of RELAIS_TEST_DB: the demo's
// sites and reasons, configuration rights and bad input naming the field, eight bookings of the
// last seat sent at once (exactly one wins), a tenant booking a key handover in the tenant app,
// the desk recording an arrival and a visit, and the day view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT, startServer } from './harness.mjs';
import { signInTenant } from './sms.mjs';

let server, spool;
const as = {};

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  server = await startServer({ demo: { households: 30 }, env: { RELAIS_NOTIFY_SMS_SPOOL_DIR: spool } });
  for (const role of ['manager', 'reception', 'call_agent', 'caretaker']) {
    as[role] = server.client();
    await as[role].login(server.accounts[role]);
  }
});
after(async () => {
  await server?.stop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

const iso = (d) => d.toISOString().slice(0, 10);
/** The first Monday at least `ahead` days from now that is no public holiday. */
async function monday(ahead = 8) {
  const d = new Date(Date.now() + ahead * 86_400_000);
  const holidays = new Set();
  for (const year of [d.getUTCFullYear(), d.getUTCFullYear() + 1]) {
    for (const h of (await as.reception.get(`/api/v1/reception/holidays?year=${year}`)).body.items) holidays.add(h.date);
  }
  while (d.getUTCDay() !== 1 || holidays.has(iso(d))) d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
}
async function households(n) {
  const res = await as.manager.get(`/api/v1/households?limit=${n}`);
  assert.equal(res.status, 200, res.text);
  return res.body.items;
}

test('the demo has sites, the usual reasons and opening hours; every staff member reads them', async () => {
  const sites = (await as.caretaker.get('/api/v1/reception/sites')).body.items;
  assert.ok(sites.length >= 1 && sites.every((s) => s.capacity >= 1 && s.name.startsWith('Accueil')), JSON.stringify(sites));
  const reasons = (await as.caretaker.get('/api/v1/reception/reasons')).body.items;
  assert.deepEqual(reasons.map((r) => r.kind).sort(), ['inspection', 'key_handover', 'lease_signing', 'rental_management', 'social_support']);
  const keys = reasons.find((r) => r.kind === 'key_handover');
  assert.deepEqual(keys.booked_by, ['staff', 'tenant']);
  assert.ok(keys.documents.includes("Pièce d'identité"));
  assert.ok((await as.caretaker.get('/api/v1/reception/opening-hours')).body.items.length >= 10);
  const holidays = (await as.caretaker.get('/api/v1/reception/holidays?year=2026')).body.items;
  assert.equal(holidays.length, 11);
  assert.ok(holidays.some((h) => h.date === '2026-04-06' && h.name === 'Lundi de Pâques'));
  assert.ok(holidays.some((h) => h.date === '2026-05-14' && h.name === 'Ascension'));
  assert.ok(holidays.some((h) => h.date === '2026-05-25' && h.name === 'Lundi de Pentecôte'));
});

test('only managers change the setup; bad input is refused with the field named', async () => {
  assert.equal((await as.reception.post('/api/v1/reception/sites', { name: 'X', address: 'Y', capacity: 2 })).status, 403);
  const cases = [
    ['/api/v1/reception/sites', { name: 'Accueil Z', address: '1 rue', capacity: 0 }, 'capacity'],
    ['/api/v1/reception/sites', { name: 'Accueil Z', address: '1 rue', capacity: 3, sanitary_capacity: 5, sanitary_start_date: '2026-03-17' }, 'sanitary_capacity'],
    ['/api/v1/reception/reasons', { kind: 'custom', name: 'Court', duration_minutes: 3 }, 'duration_minutes'],
    ['/api/v1/reception/reasons', { kind: 'visite', name: 'Visite', duration_minutes: 30 }, 'kind'],
    ['/api/v1/reception/reasons', { kind: 'custom', name: 'Sans mode', duration_minutes: 30, modes: [] }, 'modes'],
    ['/api/v1/reception/opening-hours', { site_id: 1, staff_user_id: 1, weekday: 1, start: '12:00', end: '09:00' }, 'end'],
    ['/api/v1/reception/opening-hours', { site_id: 1, staff_user_id: 1, weekday: 8, start: '09:00', end: '12:00' }, 'weekday'],
    ['/api/v1/reception/closures', { start_date: '2026-05-02', end_date: '2026-05-01' }, 'end_date'],
    ['/api/v1/appointments', { reason_id: 1, site_id: 1, start_at: 'demain' }, 'start_at'],
  ];
  for (const [path, body, field] of cases) {
    const res = await as.manager.post(path, body);
    assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}: ${res.text}`);
    assert.equal(res.body.field, field, `${path} ${JSON.stringify(body)}: ${res.text}`);
  }
  // A caretaker reads the setup but sees no appointment.
  assert.equal((await as.caretaker.get('/api/v1/appointments')).status, 404);
});

test('eight bookings of the last seat sent at once: exactly one wins', async () => {
  const site = await as.manager.post('/api/v1/reception/sites', { name: 'Accueil jauge', address: '3 rue du Port', capacity: 1 });
  assert.equal(site.status, 201, site.text);
  const reason = await as.manager.post('/api/v1/reception/reasons', { kind: 'custom', name: 'Dépôt de dossier', duration_minutes: 30, modes: ['in_person', 'phone'] });
  assert.equal(reason.status, 201, reason.text);
  const staff = (await as.manager.get('/api/v1/reception/staff')).body.items.slice(0, 2);
  for (const s of staff) {
    const range = await as.manager.post('/api/v1/reception/opening-hours', { site_id: site.body.id, staff_user_id: s.id, weekday: 1, start: '09:00', end: '09:30' });
    assert.equal(range.status, 201, range.text);
  }
  const day = await monday();
  const slots = (await as.reception.get(`/api/v1/reception/slots?reason_id=${reason.body.id}&site_id=${site.body.id}&from=${day}&to=${day}`)).body.items;
  assert.equal(slots.length, 2, 'one 09:00 slot per staff member');
  assert.equal(slots[0].time, '09:00');
  const people = await households(8);
  const answers = await Promise.all(people.map((h) => as.reception.post('/api/v1/appointments', {
    reason_id: reason.body.id, site_id: site.body.id, start_at: slots[0].start_at, household_id: h.id,
  })));
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], answers.map((a) => a.text).join('\n'));
  assert.ok(answers.filter((a) => a.status === 409).every((a) => a.body.field === 'start_at'));
  // The seat is taken in person, but a phone appointment needs no seat.
  assert.equal((await as.reception.get(`/api/v1/reception/slots?reason_id=${reason.body.id}&site_id=${site.body.id}&from=${day}&to=${day}`)).body.items.length, 0);
  const phoneSlots = (await as.reception.get(`/api/v1/reception/slots?reason_id=${reason.body.id}&site_id=${site.body.id}&from=${day}&to=${day}&mode=phone`)).body.items;
  assert.equal(phoneSlots.length, 1);
  // The winner cannot hold a second future appointment for the same reason.
  const winner = answers.find((a) => a.status === 201).body;
  const twice = await as.reception.post('/api/v1/appointments', {
    reason_id: reason.body.id, site_id: site.body.id, start_at: phoneSlots[0].start_at, mode: 'phone', household_id: winner.household_id,
  });
  assert.equal(twice.status, 409, twice.text);
  assert.equal(twice.body.field, 'reason_id');
});

test('a tenant books a key handover in the tenant app, sees it, cannot book it twice, and cancels it', async () => {
  const [first] = (await as.manager.get('/api/v1/buildings?limit=1')).body.items;
  const [dwelling] = (await as.manager.get(`/api/v1/buildings/${first.id}/dwellings`)).body.items;
  const made = await as.manager.post('/api/v1/households', {
    reference: 'RDV-CLES-1', dwelling_id: dwelling.id, members: [{ first_name: 'Rose', last_name: 'Clé', relation: 'holder' }],
    phones: [{ number: '0611112233' }],
  });
  assert.equal(made.status, 201, made.text);
  const tenant = server.client();
  await signInTenant(tenant, spool, 'RDV-CLES-1', '0611112233');
  const reasons = (await tenant.get('/api/v1/tenant/appointment-reasons')).body.items;
  assert.ok(reasons.every((r) => r.booked_by.includes('tenant')));
  const keys = reasons.find((r) => r.kind === 'key_handover');
  assert.ok(keys, JSON.stringify(reasons));
  assert.ok(!reasons.some((r) => r.kind === 'lease_signing'), 'lease signing is booked by staff only');
  const sites = (await tenant.get('/api/v1/tenant/reception-sites')).body.items;
  assert.ok(sites.length >= 1);
  const slots = (await tenant.get(`/api/v1/tenant/slots?reason_id=${keys.id}&site_id=${sites[0].id}`)).body.items;
  assert.ok(slots.length > 0);
  // Not before the reason's minimum delay (24 h in the demo).
  assert.ok(Date.parse(slots[0].start_at) >= Date.now() + 23.9 * 3600_000, slots[0].start_at);
  const booked = await tenant.post('/api/v1/tenant/appointments', { reason_id: keys.id, site_id: sites[0].id, start_at: slots[0].start_at });
  assert.equal(booked.status, 201, booked.text);
  assert.equal(booked.body.state, 'booked');
  assert.equal(booked.body.reason_name, 'Remise des clés');
  assert.equal(booked.body.person_name, undefined, 'a tenant sees no staff-only field');
  const again = await tenant.post('/api/v1/tenant/appointments', { reason_id: keys.id, site_id: sites[0].id, start_at: slots.at(-1).start_at });
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.field, 'reason_id');
  const mine = (await tenant.get('/api/v1/tenant/appointments')).body.items;
  assert.deepEqual(mine.map((a) => a.id), [booked.body.id]);
  // Staff see who booked it; staff routes do not exist for the tenant.
  const seen = await as.reception.get(`/api/v1/appointments/${booked.body.id}`);
  assert.equal(seen.body.booked_by, 'tenant');
  assert.equal(seen.body.household_id, made.body.id);
  assert.equal((await tenant.get(`/api/v1/appointments/${booked.body.id}`, { contract: 'problem' })).status, 404);
  // A reason closed to tenants is refused.
  const lease = (await as.manager.get('/api/v1/reception/reasons')).body.items.find((r) => r.kind === 'lease_signing');
  const closed = await tenant.post('/api/v1/tenant/appointments', { reason_id: lease.id, site_id: sites[0].id, start_at: slots[0].start_at });
  assert.equal(closed.status, 400, closed.text);
  const cancelled = await tenant.post(`/api/v1/tenant/appointments/${booked.body.id}/cancel`);
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(cancelled.body.state, 'cancelled_by_tenant');
});

test('the desk records an arrival and the visit; the day view counts them; a no-show waits for the start', async () => {
  const reasons = (await as.reception.get('/api/v1/reception/reasons')).body.items;
  const management = reasons.find((r) => r.kind === 'rental_management');
  const [site] = (await as.reception.get('/api/v1/reception/sites')).body.items;
  const day = await monday(15);
  const slots = (await as.call_agent.get(`/api/v1/reception/slots?reason_id=${management.id}&site_id=${site.id}&from=${day}&to=${day}`)).body.items;
  assert.ok(slots.length > 0);
  const [h] = (await households(30)).slice(-1);
  const booked = await as.call_agent.post('/api/v1/appointments', { reason_id: management.id, site_id: site.id, start_at: slots[0].start_at, household_id: h.id });
  assert.equal(booked.status, 201, booked.text);
  const id = booked.body.id;
  assert.equal((await as.call_agent.post(`/api/v1/appointments/${id}/events`, { event: 'arrive' })).status, 403, 'a call agent books but does not keep the desk');
  const early = await as.reception.post(`/api/v1/appointments/${id}/events`, { event: 'no_show' });
  assert.equal(early.status, 409, early.text);
  const arrived = await as.reception.post(`/api/v1/appointments/${id}/events`, { event: 'arrive' });
  assert.equal(arrived.status, 200, arrived.text);
  assert.equal(arrived.body.state, 'confirmed');
  assert.ok(arrived.body.arrived_at);
  const done = await as.reception.post(`/api/v1/appointments/${id}/events`, { event: 'seen' });
  assert.equal(done.body.state, 'seen');
  assert.equal((await as.reception.post(`/api/v1/appointments/${id}/events`, { event: 'cancel_by_landlord' })).status, 409);
  const view = await as.reception.get(`/api/v1/reception/day?date=${day}`);
  assert.equal(view.status, 200, view.text);
  const item = view.body.items.find((a) => a.id === id);
  assert.equal(item.state, 'seen');
  assert.equal(item.time, slots[0].time);
  assert.ok(view.body.counts.seen >= 1 && view.body.counts.arrived >= 1);
  assert.equal((await as.caretaker.get(`/api/v1/reception/day?date=${day}`)).status, 404);
});

test('waiting list: a later appointment is offered the slot freed by a cancellation and moves to it', async () => {
  const reasons = (await as.reception.get('/api/v1/reception/reasons')).body.items;
  const support = reasons.find((r) => r.kind === 'social_support');
  const [site] = (await as.reception.get('/api/v1/reception/sites')).body.items;
  const day = await monday(22);
  const slots = (await as.reception.get(`/api/v1/reception/slots?reason_id=${support.id}&site_id=${site.id}&from=${day}&to=${day}`)).body.items;
  const [a, b] = (await households(30)).slice(0, 2);
  const early = await as.reception.post('/api/v1/appointments', { reason_id: support.id, site_id: site.id, start_at: slots[0].start_at, staff_user_id: slots[0].staff_user_id, household_id: a.id });
  const late = await as.reception.post('/api/v1/appointments', { reason_id: support.id, site_id: site.id, start_at: slots.at(-1).start_at, staff_user_id: slots.at(-1).staff_user_id, household_id: b.id });
  assert.equal(early.status, 201, early.text);
  assert.equal(late.status, 201, late.text);
  const entry = await as.reception.post(`/api/v1/appointments/${late.body.id}/waitlist`);
  assert.equal(entry.status, 201, entry.text);
  assert.equal(entry.body.state, 'waiting');
  assert.equal((await as.reception.post(`/api/v1/appointments/${early.body.id}/events`, { event: 'cancel_by_landlord', reason: 'Conseillère absente' })).status, 200);
  const offered = (await as.reception.get(`/api/v1/appointments/${late.body.id}/waitlist`)).body.entry;
  assert.equal(offered.state, 'offered');
  assert.equal(offered.offered_start_at, early.body.start_at);
  const moved = await as.reception.post(`/api/v1/appointment-waitlist/${entry.body.id}/accept`);
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.start_at, early.body.start_at);
  assert.equal((await as.reception.get(`/api/v1/appointments/${late.body.id}`)).body.state, 'rescheduled');
});

test('waiting list in the tenant app: the tenant asks for an earlier slot, sees it offered, accepts it; another household’s is not found', async () => {
  const [first] = (await as.manager.get('/api/v1/buildings?limit=1')).body.items;
  const [dwelling] = (await as.manager.get(`/api/v1/buildings/${first.id}/dwellings`)).body.items;
  const made = await as.manager.post('/api/v1/households', {
    reference: 'RDV-ATTENTE-1', dwelling_id: dwelling.id, members: [{ first_name: 'Paul', last_name: 'Attente', relation: 'holder' }],
    phones: [{ number: '0611114455' }],
  });
  assert.equal(made.status, 201, made.text);
  // Signed in before any booking: the booking notices go to the same phone as the code.
  const tenant = server.client();
  await signInTenant(tenant, spool, 'RDV-ATTENTE-1', '0611114455');
  const reasons = (await as.reception.get('/api/v1/reception/reasons')).body.items;
  const management = reasons.find((r) => r.kind === 'rental_management');
  const [site] = (await as.reception.get('/api/v1/reception/sites')).body.items;
  const day = await monday(29);
  const slots = (await as.reception.get(`/api/v1/reception/slots?reason_id=${management.id}&site_id=${site.id}&from=${day}&to=${day}`)).body.items;
  const [other] = await households(3);
  const early = await as.reception.post('/api/v1/appointments', { reason_id: management.id, site_id: site.id, start_at: slots[0].start_at, staff_user_id: slots[0].staff_user_id, household_id: other.id });
  const late = await as.reception.post('/api/v1/appointments', { reason_id: management.id, site_id: site.id, start_at: slots.at(-1).start_at, staff_user_id: slots.at(-1).staff_user_id, household_id: made.body.id });
  assert.equal(early.status, 201, early.text);
  assert.equal(late.status, 201, late.text);

  assert.deepEqual((await tenant.get(`/api/v1/tenant/appointments/${late.body.id}/waitlist`)).body, { entry: null });
  const joined = await tenant.post(`/api/v1/tenant/appointments/${late.body.id}/waitlist`);
  assert.equal(joined.status, 201, joined.text);
  const waiting = await tenant.get(`/api/v1/tenant/appointments/${late.body.id}/waitlist`);
  assert.equal(waiting.status, 200, waiting.text);
  assert.equal(waiting.body.entry.state, 'waiting');
  assert.equal(waiting.body.entry.id, joined.body.id);
  // Another household's appointment: not found, as if it did not exist.
  assert.equal((await tenant.get(`/api/v1/tenant/appointments/${early.body.id}/waitlist`, { contract: 'problem' })).status, 404);
  // A staff session is no tenant: the route answers as if nothing were there.
  assert.equal((await as.reception.get(`/api/v1/tenant/appointments/${late.body.id}/waitlist`, { contract: 'problem' })).status, 404);

  assert.equal((await as.reception.post(`/api/v1/appointments/${early.body.id}/events`, { event: 'cancel_by_landlord', reason: 'Agent absent' })).status, 200);
  const offered = (await tenant.get(`/api/v1/tenant/appointments/${late.body.id}/waitlist`)).body.entry;
  assert.equal(offered.state, 'offered');
  assert.equal(offered.offered_start_at, early.body.start_at);
  const moved = await tenant.post(`/api/v1/tenant/waitlist/${offered.id}/accept`);
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.start_at, early.body.start_at);
  assert.equal((await tenant.get(`/api/v1/tenant/appointments/${late.body.id}/waitlist`)).body.entry.state, 'accepted');
});

test('a crisis switch of a site: that day in person is offered by phone, booked by phone, refused in person naming the mode', async () => {
  const site = (await as.manager.post('/api/v1/reception/sites', { name: 'Accueil bascule', address: '5 rue du Phare', capacity: 2 })).body;
  const talk = await as.manager.post('/api/v1/reception/reasons', {
    kind: 'rental_management', name: 'Question de loyer (bascule)', duration_minutes: 30, modes: ['in_person', 'phone'], booked_by: ['staff', 'tenant'],
  });
  assert.equal(talk.status, 201, talk.text);
  const keys = await as.manager.post('/api/v1/reception/reasons', { kind: 'key_handover', name: 'Remise des clés (bascule)', duration_minutes: 30, modes: ['in_person'] });
  assert.equal(keys.status, 201, keys.text);
  const [staff] = (await as.manager.get('/api/v1/reception/staff')).body.items;
  assert.equal((await as.manager.post('/api/v1/reception/opening-hours', { site_id: site.id, staff_user_id: staff.id, weekday: 1, start: '09:00', end: '10:00' })).status, 201);
  const day = await monday(36);
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const slotsOf = (reason, d, client = as.reception, path = '/api/v1/reception/slots') =>
    client.get(`${path}?reason_id=${reason}&site_id=${site.id}&from=${d}&to=${d}`).then((r) => r.body.items);
  assert.deepEqual((await slotsOf(talk.body.id, day)).map((s) => s.mode), ['in_person', 'in_person']);

  const sw = await as.manager.post('/api/v1/reception/crisis-switches', { site_id: site.id, start_date: day, end_date: day, mode: 'phone' });
  assert.equal(sw.status, 201, sw.text);
  const slots = await slotsOf(talk.body.id, day);
  assert.deepEqual(slots.map((s) => [s.time, s.mode]), [['09:00', 'phone'], ['09:30', 'phone']]);
  assert.deepEqual(await slotsOf(keys.body.id, day), [], 'a reason held only in person is not offered that day');
  assert.ok((await slotsOf(keys.body.id, next)).every((s) => s.mode === 'in_person'), 'the week after is in person again');

  const [household] = await households(1);
  const asked = { reason_id: talk.body.id, site_id: site.id, start_at: slots[0].start_at, household_id: household.id };
  const inPerson = await as.reception.post('/api/v1/appointments', { ...asked, mode: 'in_person' });
  assert.equal(inPerson.status, 400, inPerson.text);
  assert.equal(inPerson.body.field, 'mode');
  assert.match(inPerson.body.detail, /reçoit uniquement par téléphone ce jour-là/);
  const keysRefused = await as.reception.post('/api/v1/appointments', { ...asked, reason_id: keys.body.id, mode: 'in_person' });
  assert.equal(keysRefused.status, 400, keysRefused.text);
  assert.equal(keysRefused.body.field, 'mode');
  assert.match(keysRefused.body.detail, /choisissez un autre jour/);
  const byPhone = await as.reception.post('/api/v1/appointments', { ...asked, mode: slots[0].mode });
  assert.equal(byPhone.status, 201, byPhone.text);
  assert.equal(byPhone.body.mode, 'phone');

  // The tenant app offers the same: by phone that day, and books with the slot's mode.
  const [first] = (await as.manager.get('/api/v1/buildings?limit=1')).body.items;
  const [dwelling] = (await as.manager.get(`/api/v1/buildings/${first.id}/dwellings`)).body.items;
  const made = await as.manager.post('/api/v1/households', {
    reference: 'RDV-BASCULE-1', dwelling_id: dwelling.id, members: [{ first_name: 'Paul', last_name: 'Phare', relation: 'holder' }],
    phones: [{ number: '0611445566' }],
  });
  assert.equal(made.status, 201, made.text);
  const tenant = server.client();
  await signInTenant(tenant, spool, 'RDV-BASCULE-1', '0611445566');
  const offered = await slotsOf(talk.body.id, day, tenant, '/api/v1/tenant/slots');
  assert.deepEqual(offered.map((s) => s.mode), ['phone']);
  const refused = await tenant.post('/api/v1/tenant/appointments', { reason_id: talk.body.id, site_id: site.id, start_at: offered[0].start_at });
  assert.equal(refused.status, 400, refused.text);
  assert.equal(refused.body.field, 'mode');
  const taken = await tenant.post('/api/v1/tenant/appointments', { reason_id: talk.body.id, site_id: site.id, start_at: offered[0].start_at, mode: offered[0].mode });
  assert.equal(taken.status, 201, taken.text);
  assert.equal(taken.body.mode, 'phone');
});
