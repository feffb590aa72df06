// Reception for a staff account limited to one agency (issue 4), on the engine of RELAIS_TEST_DB:
// for each route that lists or names what hangs off a site (opening ranges, closures, crisis
// switches, an appointment's notices, convocation and calendar file) and for the staff of the
// setup (receiving staff, absences), the records of its own agency are served and those of another
// agency of the same landlord are refused (404: they must not be seen to exist; 400 naming the
// field when given in a body), and the lists hold only its agency's rows (and those of every site
// or of the whole organisation). Reasons belong to no site: everyone reads them all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { sql } from './call-seed.mjs';
import { addUser, startServer } from './harness.mjs';

const PASSWORD = 'une agence seulement, pas deux';
let server, manager, admin, scoped;
let siteA, siteB, otherSites;  // siteA of the scoped account's agency, siteB of another agency
let memberA, memberB;          // staff members limited to agency A / to agency B
const made = {};               // what the whole-organisation manager made, at A, at B, for every site

before(async () => {
  server = await startServer({ demo: { households: 30 } });
  manager = server.client();
  await manager.login(server.accounts.manager);
  admin = server.client();
  await admin.login(server.accounts.administrator);
  const org = (await manager.get('/api/v1/organisation')).body;
  // A small demo has one agency (one per 3,000 households): a second one comes as an import would
  // bring it, straight into the database, and the manager opens a reception site there.
  siteA = (await manager.get('/api/v1/reception/sites')).body.items.find((s) => s.agency_id !== null);
  assert.ok(siteA, 'the demo has a site of an agency');
  await sql(server.database, `INSERT INTO agencies (organisation_id, name) VALUES (${org.id}, 'Agence de Lisieux')`);
  const agencyB = (await manager.get('/api/v1/agencies')).body.items.find((a) => a.name === 'Agence de Lisieux');
  const opened = await manager.post('/api/v1/reception/sites', { name: 'Accueil Lisieux', address: '3 rue Henry Chéron', postal_code: '14100', city: 'Lisieux', capacity: 2, agency_id: agencyB.id });
  assert.equal(opened.status, 201, opened.text);
  siteB = opened.body;
  const sites = (await manager.get('/api/v1/reception/sites')).body.items;
  otherSites = sites.filter((s) => s.agency_id !== null && s.agency_id !== siteA.agency_id).map((s) => s.id);
  assert.ok(otherSites.includes(siteB.id));

  // Accounts limited to an agency by the administrator.
  async function limited(email, roles, agency) {
    const account = await addUser(server.database, { email, password: PASSWORD, roles, organisation: org.id });
    const member = (await admin.get('/api/v1/staff')).body.items.find((m) => m.email === email);
    const res = await admin.patch(`/api/v1/staff/${member.id}`, { agency_ids: [agency] });
    assert.equal(res.status, 200, res.text);
    return { account, member };
  }
  const me = await limited('responsable.agence.a@example.fr', ['manager'], siteA.agency_id);
  memberA = (await limited('accueil.agence.a@example.fr', ['reception'], siteA.agency_id)).member;
  memberB = (await limited('accueil.agence.b@example.fr', ['reception'], siteB.agency_id)).member;
  scoped = server.client();
  await scoped.login(me.account);

  const created = async (path, body) => {
    const res = await manager.post(path, body);
    assert.equal(res.status, 201, `${path} ${JSON.stringify(body)}: ${res.text}`);
    return res.body;
  };
  // Opening ranges, closures and crisis switches at A, at B and (closures, switches) at every site.
  for (const [key, site, staff] of [['A', siteA, memberA], ['B', siteB, memberB]]) {
    // Monday mornings (the demo's sites are open on weekdays; the new one opens with this range).
    made[`range${key}`] = await created('/api/v1/reception/opening-hours', { site_id: site.id, staff_user_id: staff.id, weekday: 1, start: '09:00', end: '12:00' });
    made[`closure${key}`] = await created('/api/v1/reception/closures', { site_id: site.id, start_date: '2099-05-01', end_date: '2099-05-02', label: `Fermeture ${key}` });
    made[`switch${key}`] = await created('/api/v1/reception/crisis-switches', { site_id: site.id, start_date: '2099-06-01', end_date: '2099-06-02', mode: 'phone' });
    made[`absence${key}`] = await created('/api/v1/reception/absences', { staff_user_id: staff.id, start_at: '2099-03-02T08:00:00Z', end_at: '2099-03-02T17:00:00Z', label: `Absence ${key}` });
  }
  made.closureAll = await created('/api/v1/reception/closures', { start_date: '2099-07-01', end_date: '2099-07-02', label: 'Fermeture de tous les sites' });
  made.switchAll = await created('/api/v1/reception/crisis-switches', { start_date: '2099-08-01', end_date: '2099-08-02', mode: 'phone' });

  // One appointment at A and one at B, each for a household.
  const reason = (await manager.get('/api/v1/reception/reasons')).body.items.find((r) => r.kind === 'rental_management');
  const households = (await manager.get('/api/v1/households?limit=2')).body.items;
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const [key, site, household] of [['A', siteA, households[0]], ['B', siteB, households[1]]]) {
    const slots = (await manager.get(`/api/v1/reception/slots?reason_id=${reason.id}&site_id=${site.id}&from=${from}&to=${to}`)).body.items;
    assert.ok(slots.length > 0, `slots at ${site.name}`);
    made[`appointment${key}`] = await created('/api/v1/appointments', { reason_id: reason.id, site_id: site.id, start_at: slots[0].start_at, household_id: household.id });
  }
});
after(async () => {
  if (server) assert.deepEqual(await server.stop(), { code: 0, signal: null });
});

const ids = (items) => items.map((x) => x.id);

test('the sites and their opening ranges: only those of its agency (and of no agency); another agency\'s range is 404', async () => {
  const sites = (await scoped.get('/api/v1/reception/sites')).body.items;
  assert.ok(sites.some((s) => s.id === siteA.id));
  assert.ok(sites.every((s) => s.agency_id === null || s.agency_id === siteA.agency_id), JSON.stringify(sites));
  const visible = new Set(ids(sites));

  const ranges = (await scoped.get('/api/v1/reception/opening-hours')).body.items;
  assert.ok(ids(ranges).includes(made.rangeA.id));
  assert.ok(!ids(ranges).includes(made.rangeB.id));
  assert.ok(ranges.every((r) => visible.has(r.site_id)), JSON.stringify(ranges));
  assert.deepEqual((await scoped.get(`/api/v1/reception/opening-hours?site_id=${siteB.id}`)).body.items, []);
  // The whole organisation sees both.
  const all = ids((await manager.get('/api/v1/reception/opening-hours')).body.items);
  assert.ok(all.includes(made.rangeA.id) && all.includes(made.rangeB.id));

  const atB = await scoped.post('/api/v1/reception/opening-hours', { site_id: siteB.id, staff_user_id: memberA.id, weekday: 6, start: '10:00', end: '11:00' });
  assert.equal(atB.status, 400, atB.text);
  assert.equal(atB.body.field, 'site_id');
  const withB = await scoped.post('/api/v1/reception/opening-hours', { site_id: siteA.id, staff_user_id: memberB.id, weekday: 6, start: '10:00', end: '11:00' });
  assert.equal(withB.status, 400, withB.text);
  assert.equal(withB.body.field, 'staff_user_id');
  const atA = await scoped.post('/api/v1/reception/opening-hours', { site_id: siteA.id, staff_user_id: memberA.id, weekday: 6, start: '10:00', end: '11:00' });
  assert.equal(atA.status, 201, atA.text);
  assert.equal((await scoped.delete(`/api/v1/reception/opening-hours/${made.rangeB.id}`)).status, 404);
  assert.equal((await scoped.delete(`/api/v1/reception/opening-hours/${atA.body.id}`)).status, 204);
  assert.ok(ids((await manager.get('/api/v1/reception/opening-hours')).body.items).includes(made.rangeB.id), 'B\'s range is still there');
});

test('closures: its agency\'s and those of every site; another agency\'s is 404, every site\'s is not its to add or remove', async () => {
  const closures = ids((await scoped.get('/api/v1/reception/closures')).body.items);
  assert.ok(closures.includes(made.closureA.id) && closures.includes(made.closureAll.id), JSON.stringify(closures));
  assert.ok(!closures.includes(made.closureB.id));

  for (const body of [{ site_id: siteB.id }, {}]) {
    const res = await scoped.post('/api/v1/reception/closures', { ...body, start_date: '2099-09-01', end_date: '2099-09-01', label: 'Non' });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.field, 'site_id');
  }
  const own = await scoped.post('/api/v1/reception/closures', { site_id: siteA.id, start_date: '2099-09-01', end_date: '2099-09-01', label: 'Inventaire' });
  assert.equal(own.status, 201, own.text);
  assert.equal((await scoped.delete(`/api/v1/reception/closures/${made.closureB.id}`)).status, 404);
  assert.equal((await scoped.delete(`/api/v1/reception/closures/${made.closureAll.id}`)).status, 403);
  assert.equal((await scoped.delete(`/api/v1/reception/closures/${own.body.id}`)).status, 204);
  const left = ids((await manager.get('/api/v1/reception/closures')).body.items);
  assert.ok(left.includes(made.closureB.id) && left.includes(made.closureAll.id) && !left.includes(own.body.id));
});

test('the staff of the setup and their absences: of its agency and of the whole organisation, not of another agency', async () => {
  const staff = ids((await scoped.get('/api/v1/reception/staff')).body.items);
  assert.ok(staff.includes(memberA.id));
  assert.ok(!staff.includes(memberB.id));
  const whole = (await admin.get('/api/v1/staff')).body.items.filter((m) => m.active && m.agency_ids.length === 0);
  assert.ok(whole.length > 0 && whole.every((m) => staff.includes(m.id)), 'staff of the whole organisation are listed');
  assert.ok(ids((await manager.get('/api/v1/reception/staff')).body.items).includes(memberB.id));

  const absences = ids((await scoped.get('/api/v1/reception/absences')).body.items);
  assert.ok(absences.includes(made.absenceA.id));
  assert.ok(!absences.includes(made.absenceB.id));
  const ofB = await scoped.post('/api/v1/reception/absences', { staff_user_id: memberB.id, start_at: '2099-03-03T08:00:00Z', end_at: '2099-03-03T17:00:00Z', label: 'Non' });
  assert.equal(ofB.status, 400, ofB.text);
  assert.equal(ofB.body.field, 'staff_user_id');
  const ofA = await scoped.post('/api/v1/reception/absences', { staff_user_id: memberA.id, start_at: '2099-03-03T08:00:00Z', end_at: '2099-03-03T17:00:00Z', label: 'Formation' });
  assert.equal(ofA.status, 201, ofA.text);
  assert.equal((await scoped.delete(`/api/v1/reception/absences/${made.absenceB.id}`)).status, 404);
  assert.equal((await scoped.delete(`/api/v1/reception/absences/${ofA.body.id}`)).status, 204);
});

test('crisis switches: its agency\'s and those of every site; another agency\'s site cannot be switched', async () => {
  const list = (await scoped.get('/api/v1/reception/crisis-switches')).body.items;
  assert.ok(ids(list).includes(made.switchA.id) && ids(list).includes(made.switchAll.id), JSON.stringify(list));
  assert.ok(list.every((s) => !otherSites.includes(s.site_id)), JSON.stringify(list));
  const all = ids((await manager.get('/api/v1/reception/crisis-switches')).body.items);
  assert.ok(all.includes(made.switchB.id));
  assert.equal((await scoped.post('/api/v1/reception/crisis-switches', { site_id: siteB.id, start_date: '2099-10-01', end_date: '2099-10-01', mode: 'phone' })).status, 404);
  const every = await scoped.post('/api/v1/reception/crisis-switches', { start_date: '2099-10-01', end_date: '2099-10-01', mode: 'phone' });
  assert.equal(every.status, 400, every.text);
  assert.equal(every.body.field, 'site_id');
  assert.equal((await scoped.post('/api/v1/reception/crisis-switches', { site_id: siteA.id, start_date: '2099-10-01', end_date: '2099-10-01', mode: 'phone' })).status, 201);
});

test('an appointment\'s notices, convocation and calendar file: served at its agency\'s site, 404 at another agency\'s', async () => {
  const fetchRaw = async (path) => {
    const headers = { cookie: [...scoped.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const res = await fetch(server.url + path, { headers });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const a = made.appointmentA.id;
  const b = made.appointmentB.id;
  const notices = await scoped.get(`/api/v1/appointments/${a}/notices`);
  assert.equal(notices.status, 200, notices.text);
  assert.ok(Array.isArray(notices.body.items));
  assert.equal((await scoped.get(`/api/v1/appointments/${b}/notices`)).status, 404);
  assert.equal((await manager.get(`/api/v1/appointments/${b}/notices`)).status, 200);

  const pdf = await fetchRaw(`/api/v1/appointments/${a}/convocation.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await fetchRaw(`/api/v1/appointments/${b}/convocation.pdf`)).status, 404);
  const ics = await fetchRaw(`/api/v1/appointments/${a}/calendar.ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.bytes.toString('utf8'), /BEGIN:VEVENT/);
  assert.equal((await fetchRaw(`/api/v1/appointments/${b}/calendar.ics`)).status, 404);
  // As the appointment itself (already scoped): the same answer.
  assert.equal((await scoped.get(`/api/v1/appointments/${b}`)).status, 404);
  assert.equal((await scoped.get(`/api/v1/appointments/${a}`)).status, 200);
});

test('reasons belong to no site: the account limited to an agency reads them all', async () => {
  const mine = ids((await scoped.get('/api/v1/reception/reasons')).body.items).sort((x, y) => x - y);
  const all = ids((await manager.get('/api/v1/reception/reasons')).body.items).sort((x, y) => x - y);
  assert.deepEqual(mine, all);
});
