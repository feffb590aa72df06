// Isolation between landlords: for the staff of landlord A, the records of landlord B do not
// exist. Every route with an {id} that `relais routes` lists is tried with every building,
// dwelling, household and referral id of B, by every role of A, by a partner's worker without a
// referral on B's households and by the regional observer (ADR 0011): always the same answer as an
// id that exists nowhere (404; or the 403 of a role that may not use the route at all, identical
// for any id), never an answer that tells that the record exists, and nothing of B changes.
// B's records never appear in A's lists, filters or search, and A cannot attach its records to
// B's (buildings, dwellings, agencies, members). A partner reads only the households referred to
// it and never changes them (403); an observer reads no record at all. The landlords come from
// `relais demo --landlords 2` (which also makes the partners, the regional association and a few
// referrals of A), plus a few records each made through the API. A tenant of A, signed in to the
// tenant portal, is one more actor: every staff route is unknown to it, whatever the id.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT, addUser, runRelais } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';
import { signInTenant } from './sms.mjs';
import { addProfile, parisToday } from './call-seed.mjs';

let region;
let A_ROLES;  // every role of the first demo landlord
const OTHER_KINDS = ['partner_worker', 'regional_observer'];  // demo accounts of the other kinds
const others = {};  // partner_worker (the CCAS: no referral on B), regional_observer
let A, B;  // { id, name, agencies }
const asA = {};
let bManager;
const mine = { buildings: [], dwellings: [], households: [] };
const theirs = { buildings: [], dwellings: [], households: [], referrals: [], 'crisis-plans': [], calls: [], needs: [], 'delivery-rounds': [], 'support-cases': [], 'reception/sites': [], appointments: [] };
// B's reception setup and waiting list (no GET by id: compared through B's manager's lists).
const theirReception = { 'reception/reasons': [], 'reception/opening-hours': [], 'reception/absences': [], 'reception/closures': [], 'appointment-waitlist': [] };
// B's outreach tasks and escalations (no GET by id: compared through B's manager's lists).
const theirOutreach = { 'outreach-tasks': [], escalations: [] };
// B's staff accounts and pending invitations, seen by B's administrator (added: the demo has none).
const theirStaff = { staff: [], invitations: [] };
let bAdmin;
let spool;  // the SMS of the tenant's one-time code
let tenantA, tenantHousehold;  // a tenant of A signed in to the portal, and its household
// The members of B's households (routes /api/v1/members/{id}/...), and their vulnerability profiles.
const theirMembers = { members: [] };
// The leases of B's households (routes /api/v1/leases/{id}/arrears...), read by B's manager.
const theirLeases = { leases: [] };

const holder = (first_name, last_name) => ({ first_name, last_name, relation: 'holder' });

async function create(client, path, body) {
  const res = await client.post(path, body);
  assert.equal(res.status, 201, `${path}: ${res.text}`);
  return res.body;
}

async function allItems(client, path) {
  const items = [];
  let after = null;
  do {
    const res = await client.get(`${path}${path.includes('?') ? '&' : '?'}limit=200${after ? `&after=${after}` : ''}`);
    assert.equal(res.status, 200, res.text);
    items.push(...res.body.items);
    after = res.body.next_cursor;
  } while (after);
  return items;
}

/** Every building, dwelling and household that `client` can see, as the API lists them. */
async function visibleStock(client) {
  const buildings = await allItems(client, '/api/v1/buildings');
  const dwellings = [];
  for (const b of buildings) dwellings.push(...(await client.get(`/api/v1/buildings/${b.id}/dwellings`)).body.items);
  return { buildings, dwellings, households: await allItems(client, '/api/v1/households') };
}

// A few records made through the API on top of the demo's, the same for both landlords (same
// references: they are unique per landlord only); B's have names and a phone A's have not.
async function addStock(client, org, { tag, commune, people, phonePrefix }) {
  const b = await create(client, '/api/v1/buildings', {
    reference: 'BAT-ISO-1', name: `Résidence ${tag}`, street: `1 rue ${tag}`, commune_insee: commune, agency_id: org.agencies[0].id,
  });
  const out = { buildings: [b], dwellings: [], households: [] };
  for (let j = 1; j <= 2; j++) {
    const d = await create(client, '/api/v1/dwellings', {
      reference: `LGT-ISO-${j}`, building_id: b.id, rooms: j + 1, surface_m2: 40 + j, financing: 'PLUS', rent_cents: 30_000, charges_cents: 5_000,
    });
    out.dwellings.push(d);
    out.households.push(await create(client, '/api/v1/households', {
      reference: `TEN-ISO-${j}`, dwelling_id: d.id, members: [holder(...people[j - 1])], phones: [{ number: `${phonePrefix}${j}` }],
      lease: { start_date: '2020-01-01', rent_cents: 30_000, charges_cents: 5_000 },
    }));
  }
  return out;
}

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  region = await startDemoRegion({ landlords: 2, households: 80, env: { RELAIS_NOTIFY_SMS_SPOOL_DIR: spool } });
  const [accountsA, accountsB] = region.landlords;
  A_ROLES = Object.keys(accountsA).filter((r) => !OTHER_KINDS.includes(r));
  for (const kind of OTHER_KINDS) {
    others[kind] = region.client();
    await others[kind].login(accountsA[kind]);
  }
  assert.ok(A_ROLES.length >= 8, `the first demo landlord has accounts for ${A_ROLES}`);
  for (const role of A_ROLES) {
    asA[role] = region.client();
    await asA[role].login(accountsA[role]);
  }
  bManager = region.client();
  await bManager.login(accountsB.manager);
  const org = async (c) => ({ ...(await c.get('/api/v1/organisation')).body, agencies: (await c.get('/api/v1/agencies')).body.items });
  [A, B] = [await org(asA.manager), await org(bManager)];
  assert.notEqual(A.id, B.id, 'the two demo landlords are two organisations');
  for (const role of A_ROLES) assert.equal((await asA[role].get('/api/v1/session')).body.user.organisation.id, A.id);

  const addedA = await addStock(asA.manager, A, { tag: 'du Bocage', commune: '14118', people: [['Jeanne', 'Martin'], ['Pierre', 'Durand']], phonePrefix: '061111111' });
  const addedB = await addStock(bManager, B, {
    tag: 'des Embruns', commune: '50562', people: [['Zéphyrine', 'Quémeneur'], ['Soizic', 'Kerbrat']], phonePrefix: '079999991',
  });
  assert.ok(addedA && addedB);
  Object.assign(mine, await visibleStock(asA.manager));
  Object.assign(theirs, await visibleStock(bManager));
  // B refers one household to the association (which serves every demo commune); the CCAS, whose
  // worker attacks, has no referral of B.
  const association = (await bManager.get('/api/v1/partners')).body.items.find((p) => p.name.startsWith('Association'));
  assert.ok(association, 'the demo association works with B');
  theirs.referrals = [await create(bManager, '/api/v1/referrals', { household_id: theirs.households[0].id, partner_id: association.id, reason: 'Orientation de B', consent_on: '2026-01-02', consent_given_by: 'La locataire' })];
  // B's crisis plans: one for the whole organisation, one on its first building.
  theirs['crisis-plans'] = [
    await create(bManager, '/api/v1/crisis-plans', { kind: 'heatwave', start_date: '2026-07-01' }),
    await create(bManager, '/api/v1/crisis-plans', { kind: 'custom', name: 'Tempête de B', start_date: '2026-01-10', end_date: '2026-01-20', perimeter: { all: false, building_ids: [theirs.buildings[0].id] } }),
  ];
  // B's calls on its heatwave plan (`relais outreach add-call`): a level-3 tenant unreachable two
  // days (an escalation), a wrong number (a task), an open call.
  const bUser = (await bManager.get('/api/v1/session')).body.user.id;
  const bMembers = [];
  for (const h of theirs.households.slice(0, 3)) bMembers.push((await bManager.get(`/api/v1/households/${h.id}`)).body.members[0].id);
  const addCall = async (member, date) => Number((await runRelais(['outreach', 'add-call', '--organisation', String(B.id), '--plan',
    String(theirs['crisis-plans'][0].id), '--member', String(member), '--date', date, '--agent', String(bUser)], { database: region.database.url })).stdout.trim());
  await addCall(bMembers[0], '2026-07-01');
  await addCall(bMembers[0], '2026-07-02');
  await runRelais(['outreach', 'day-end', '--date', '2026-07-02'], { database: region.database.url });
  const wrong = await addCall(bMembers[1], '2099-01-05');
  assert.equal((await bManager.post(`/api/v1/calls/${wrong}/attempts`, { outcome: 'wrong_number' })).status, 201);
  theirs.calls = [{ id: wrong }, { id: await addCall(bMembers[2], '2099-01-05') }];
  Object.assign(theirOutreach, await outreachOfB());
  assert.ok(theirOutreach['outreach-tasks'].length === 1 && theirOutreach.escalations.length === 1, JSON.stringify(theirOutreach));
  // And B's calls of today's list, built from B's vulnerability profiles under the same plan.
  for (let j = 0; j < 2; j++) await addProfile(region.database, B.id, { level: 3 });
  assert.ok((await bManager.post(`/api/v1/call-lists/${parisToday()}/build`)).body.added >= 2);
  theirs.calls.push(...(await callsOfB()));
  // B's needs (a delivery) and the delivery round that brings it.
  const need = await create(bManager, `/api/v1/households/${theirs.households[0].id}/needs`, { category: 'food', description: 'Besoin de B' });
  const withDelivery = await create(bManager, `/api/v1/needs/${need.id}/actions`, { kind: 'delivery', owner_id: bUser, due_date: '2026-07-02', item: 'food_parcel' });
  theirs.needs = [withDelivery];
  const bHousehold = (await bManager.get(`/api/v1/households/${theirs.households[0].id}`)).body;
  const bBuilding = theirs.buildings.find((b) => b.id === bHousehold.building_id);
  theirs['delivery-rounds'] = [await create(bManager, '/api/v1/delivery-rounds', { date: '2026-07-02', agency_id: bBuilding.agency_id })];
  // B's support case, opened by B's social-support officer, with a task, a note and a document.
  const bOfficer = region.client();
  await bOfficer.login(await addUser(region.database, {
    email: 'cesf.iso.b@example.fr', password: 'isolation entre bailleurs', roles: ['social_support'], organisation: B.id,
  }));
  const bCase = await create(bOfficer, `/api/v1/households/${theirs.households[1].id}/support-cases`, { reason: 'Dossier de B' });
  await create(bOfficer, `/api/v1/support-cases/${bCase.id}/tasks`, { title: 'Tâche de B', due_date: '2026-12-01' });
  await create(bOfficer, `/api/v1/support-cases/${bCase.id}/notes`, { body: 'Note de B' });
  await create(bOfficer, `/api/v1/support-cases/${bCase.id}/documents`, { filename: 'b.pdf', content_type: 'application/pdf', content_base64: Buffer.from('%PDF-1.4 B').toString('base64') });
  theirs['support-cases'] = [bCase];
  for (const kind of ['buildings', 'dwellings', 'households']) {
    assert.ok(theirs[kind].length >= 3, `B has only ${theirs[kind].length} ${kind}`);
    assert.ok(mine[kind].length >= 3, `A has only ${mine[kind].length} ${kind}`);
  }

  // B's reception (issue 7): the demo's sites, reasons and opening hours, an absence, a closure,
  // two appointments of its households on its first free slots, the later one on the waiting list.
  theirs['reception/sites'] = (await bManager.get('/api/v1/reception/sites')).body.items;
  await create(bManager, '/api/v1/reception/absences', { staff_user_id: bUser, start_at: '2099-03-02T08:00:00Z', end_at: '2099-03-02T17:00:00Z', label: 'Absence de B' });
  await create(bManager, '/api/v1/reception/closures', { start_date: '2099-05-01', end_date: '2099-05-02', label: 'Fermeture de B' });
  const bReason = (await bManager.get('/api/v1/reception/reasons')).body.items.find((r) => r.kind === 'rental_management');
  const bSlots = (await bManager.get(`/api/v1/reception/slots?reason_id=${bReason.id}&site_id=${theirs['reception/sites'][0].id}`)).body.items;
  assert.ok(bSlots.length >= 2, 'B has free slots');
  for (const [k, slot] of [bSlots[0], bSlots.at(-1)].entries()) {
    theirs.appointments.push(await create(bManager, '/api/v1/appointments', {
      reason_id: bReason.id, site_id: slot.site_id, start_at: slot.start_at, staff_user_id: slot.staff_user_id, household_id: theirs.households[k].id,
    }));
  }
  await create(bManager, `/api/v1/appointments/${theirs.appointments[1].id}/waitlist`, {});
  Object.assign(theirReception, await receptionOfB());
  for (const kind of Object.keys(theirReception)) assert.ok(theirReception[kind].length >= 1, `B has no ${kind}`);

  bAdmin = region.client();
  await bAdmin.login(await addUser(region.database, {
    email: 'admin.iso.b@example.fr', password: 'isolation entre bailleurs', roles: ['administrator'], organisation: B.id,
  }));
  for (let j = 1; j <= 3; j++) {
    const res = await bAdmin.post('/api/v1/staff/invitations', { email: `invite.iso${j}@example.fr`, display_name: `Invité ${j}`, roles: ['call_agent'] });
    assert.equal(res.status, 201, res.text);
  }
  Object.assign(theirStaff, await staffOfB());
  for (const h of theirs.households.slice(0, 6)) theirMembers.members.push(...(await bManager.get(`/api/v1/households/${h.id}`)).body.members);
  assert.ok(theirMembers.members.length >= 3);
  for (const h of theirs.households.slice(0, 4)) {
    const lease = (await bManager.get(`/api/v1/households/${h.id}`)).body.lease;
    if (lease) theirLeases.leases.push(lease);
  }
  assert.ok(theirLeases.leases.length >= 2);
  assert.ok(theirStaff.staff.length >= 3 && theirStaff.invitations.length === 3);

  // A tenant of A signs in to the portal (a reference of A only: the demo's exist at both
  // landlords, and an ambiguous reference gets no code).
  tenantHousehold = await create(asA.manager, '/api/v1/households', {
    reference: 'TEN-ISO-PORTAIL', dwelling_id: mine.dwellings[0].id, members: [holder('Rose', 'Portail')], phones: [{ number: '0611111119' }],
  });
  mine.households.push(tenantHousehold);
  tenantA = region.client();
  await signInTenant(tenantA, spool, tenantHousehold.reference, '0611111119');
});

async function outreachOfB() {
  return {
    'outreach-tasks': (await bManager.get('/api/v1/outreach-tasks')).body.items,
    escalations: (await bManager.get('/api/v1/escalations')).body.items,
  };
}

async function receptionOfB() {
  const waitlist = [];
  for (const a of theirs.appointments) {
    const entry = (await bManager.get(`/api/v1/appointments/${a.id}/waitlist`)).body.entry;
    if (entry) waitlist.push(entry);
  }
  return {
    'reception/reasons': (await bManager.get('/api/v1/reception/reasons')).body.items,
    'reception/opening-hours': (await bManager.get('/api/v1/reception/opening-hours')).body.items,
    'reception/absences': (await bManager.get('/api/v1/reception/absences')).body.items,
    'reception/closures': (await bManager.get('/api/v1/reception/closures')).body.items,
    'appointment-waitlist': waitlist,
  };
}

async function callsOfB() {
  // The test server runs no day end of its own (RELAIS_BACKGROUND_JOBS=false in the harness): any
  // change here is another landlord's doing.
  return (await bManager.get(`/api/v1/call-lists/${parisToday()}`)).body.items;
}

async function staffOfB() {
  return {
    staff: (await bAdmin.get('/api/v1/staff')).body.items,
    invitations: (await bAdmin.get('/api/v1/staff/invitations')).body.items,
  };
}
after(async () => {
  if (spool) await rm(spool, { recursive: true, force: true });
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

// The path parameters that name a record ({userId}: a staff account).
const RECORD_PARAM = /\{(id|userId)\}/;

/** Which ids a route with {id} takes, from its pattern: /api/v1/<kind>/{id}... */
function kindOf(pattern) {
  if (pattern.startsWith('/api/v1/staff/invitations/{id}')) return 'invitations';
  if (pattern.startsWith('/api/v1/staff/{id}')) return 'staff';
  if (pattern.startsWith('/api/v1/members/{id}')) return 'members';
  if (pattern.startsWith('/api/v1/leases/{id}')) return 'leases';
  if (pattern.startsWith('/api/v1/call-agents/{userId}')) return 'staff';
  const r = /^\/api\/v1\/(reception\/(?:sites|reasons|opening-hours|absences|closures)|appointments|appointment-waitlist)\/\{id\}/.exec(pattern);
  if (r) return r[1];
  const m = /^\/api\/v1\/(buildings|dwellings|households|referrals|crisis-plans|calls|outreach-tasks|escalations|needs|delivery-rounds|support-cases)\/\{id\}/.exec(pattern);
  return m ? m[1] : null;
}

// A body that would change the record if the route let it through.
const CHANGES = {
  buildings: { name: 'Changé par un autre bailleur' },
  dwellings: { rent_cents: 1 },
  households: { notes: 'Changé par un autre bailleur' },
  referrals: {},
  'crisis-plans': { escalation_days: 5, name: 'Changé par un autre bailleur' },
  needs: { kind: 'task', owner_id: 1, due_date: '2026-07-03', action_id: 1, status: 'cancelled' },
  'delivery-rounds': { action_id: 1, result: 'delivered' },
  staff: { display_name: 'Changé par un autre bailleur', roles: ['administrator'] },
  invitations: {},
  leases: { step: 'reminder', done_on: '2026-07-01', note: 'Changé par un autre bailleur' },
  members: { factors: [{ factor: 'lives_alone', source: 'tenant' }], level: 3, reason: 'Changé par un autre bailleur' },
  calls: { outcome: 'reached_fine', note: 'Changé par un autre bailleur' },
  'outreach-tasks': {},
  escalations: { outcome: 'Changé par un autre bailleur' },
  '/api/v1/escalations/{id}/action': { action: 'emergency_services', outcome: 'Changé par un autre bailleur' },
  '/api/v1/calls/{id}/agent': { agent_id: null },
  'reception/sites': { capacity: 9, name: 'Changé par un autre bailleur' },
  'reception/reasons': { name: 'Changé par un autre bailleur' },
  '/api/v1/appointments/{id}/events': { event: 'cancel_by_landlord', reason: 'Changé par un autre bailleur' },
  '/api/v1/appointments/{id}/reschedule': { start_at: '2099-01-05T08:00:00.000Z' },
  'support-cases': { event: 'close', outcome: 'other', comment: 'Changé par un autre bailleur' },
  '/api/v1/support-cases/{id}/officer': { officer_id: 1 },
  '/api/v1/support-cases/{id}/tasks': { title: 'Changé par un autre bailleur', due_date: '2026-07-03' },
  '/api/v1/support-cases/{id}/tasks/close': { task_id: 1, status: 'cancelled' },
  '/api/v1/support-cases/{id}/notes': { body: 'Changé par un autre bailleur' },
  '/api/v1/support-cases/{id}/documents': { filename: 'x.pdf', content_type: 'application/pdf', content_base64: 'JVBERi0xLjQ=' },
};

/** B's leases' ledgers, situations and legal steps, as B's manager reads them. */
async function leasesOfB() {
  const out = [];
  for (const l of theirLeases.leases) {
    const res = await bManager.get(`/api/v1/leases/${l.id}/arrears`);
    assert.equal(res.status, 200, res.text);
    out.push(res.body);
  }
  return out;
}

/** B's members' vulnerability profiles, as B's manager reads them. */
async function profilesOfB() {
  const out = [];
  for (const m of theirMembers.members) out.push((await bManager.get(`/api/v1/members/${m.id}/vulnerability`)).body);
  return out;
}

async function snapshot(client, set) {
  const out = [];
  for (const kind of Object.keys(set)) {
    if (kind === 'calls') {
      out.push(await callsOfB());
      continue;
    }
    for (const r of set[kind]) {
      const res = await client.get(`/api/v1/${kind}/${r.id}`);
      assert.equal(res.status, 200, res.text);
      out.push(res.body);
    }
  }
  return out;
}

test('every route with an {id}: every id of the other landlord, for every role and every kind of account, is answered like an id that exists nowhere, and nothing changes', async (t) => {
  const { stdout } = await runRelais(['routes']);
  const routes = stdout.trim().split('\n').map((l) => l.split(' ')).map(([method, pattern, access]) => ({ method, pattern, access }))
    .filter((r) => RECORD_PARAM.test(r.pattern) && r.access !== 'tenant');
  assert.ok(routes.length >= 10, `only ${routes.length} routes with an {id}`);
  const unknown = routes.filter((r) => !kindOf(r.pattern));
  assert.deepEqual(unknown, [], 'routes whose {id} this test cannot map to a kind of record: teach kindOf() about them');

  const actors = [...A_ROLES.map((role) => [`${role} of A`, asA[role]]), ...OTHER_KINDS.map((k) => [k, others[k]]), ['tenant of A', tenantA]];
  const before = await snapshot(bManager, theirs);
  const staffBefore = await staffOfB();
  const profilesBefore = await profilesOfB();
  const outreachBefore = await outreachOfB();
  const receptionBefore = await receptionOfB();
  const leasesBefore = await leasesOfB();
  let attempts = 0;
  const statuses = {};
  for (const { method, pattern } of routes) {
    const kind = kindOf(pattern);
    const body = (m) => (m === 'GET' ? {} : { json: CHANGES[pattern] ?? CHANGES[kind] });
    for (const [who, client] of actors) {
      // The answer to an id that exists nowhere: B's ids must be answered exactly like it.
      const nowhere = await client.request(method, pattern.replace(RECORD_PARAM, '999999999'), body(method));
      assert.ok([403, 404].includes(nowhere.status), `${who}: ${method} ${pattern} with a missing id answered ${nowhere.status}`);
      for (const record of theirs[kind] ?? theirStaff[kind] ?? theirMembers[kind] ?? theirOutreach[kind] ?? theirReception[kind] ?? theirLeases[kind]) {
        const path = pattern.replace(RECORD_PARAM, String(record.id));
        const res = await client.request(method, path, body(method));
        attempts++;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        assert.equal(res.status, nowhere.status, `${who}: ${method} ${path} (B's ${kind}) answered ${res.status}: ${res.text}`);
        assert.deepEqual(res.body, nowhere.body, `${who}: ${method} ${path}: the answer differs from that of a missing id`);
        if (['buildings', 'dwellings', 'households'].includes(kind) && OTHER_KINDS.includes(who)) assert.equal(res.status, 404, `${who}: ${method} ${path}`);
        if (who === 'tenant of A') assert.equal(res.status, 404, `the tenant: ${method} ${path}`);
      }
    }
  }
  const ids = [...Object.values(theirs), ...Object.values(theirStaff), ...Object.values(theirMembers), ...Object.values(theirOutreach), ...Object.values(theirReception), ...Object.values(theirLeases)].reduce((n, list) => n + list.length, 0);
  console.log(`isolation: ${attempts} attempts on ${routes.length} routes with an {id} (${ids} records of landlord B; ${A_ROLES.length} roles of A, a partner without referral, the regional observer, a tenant of A), all refused: ${JSON.stringify(statuses)}`);
  t.diagnostic(`${attempts} attempts`);
  assert.ok(attempts >= 2000, `only ${attempts} attempts`);
  assert.deepEqual(Object.keys(statuses).sort(), ['403', '404'].filter((s) => statuses[s]));
  assert.deepEqual(await snapshot(bManager, theirs), before, "B's records changed");
  assert.deepEqual(await receptionOfB(), receptionBefore, "B's reception setup changed");
  assert.deepEqual(await staffOfB(), staffBefore, "B's staff or invitations changed");
  assert.deepEqual(await profilesOfB(), profilesBefore, "B's vulnerability profiles changed");
  assert.deepEqual(await outreachOfB(), outreachBefore, "B's outreach tasks or escalations changed");
  assert.deepEqual(await leasesOfB(), leasesBefore, "B's ledgers or legal steps changed");
});

test('a partner reads the households referred to it, partner fields only, and changes none; an observer reads none; neither lists the stock', async () => {
  const partner = others.partner_worker;
  const referrals = (await partner.get('/api/v1/referrals?status=open')).body.items;
  assert.ok(referrals.length >= 1, 'the demo refers households of A to the CCAS');
  for (const r of referrals) {
    const h = await partner.get(`/api/v1/households/${r.household_id}`);
    assert.equal(h.status, 200, h.text);
    assert.equal(h.body.lease, null);
    assert.equal(h.body.notes, '');
    assert.ok(h.body.members.every((m) => m.birth_date === null));
    assert.ok(h.body.display_name.length > 0);
    const patch = await partner.patch(`/api/v1/households/${r.household_id}`, { notes: 'Changé par un partenaire' });
    assert.equal(patch.status, 403, patch.text);
    // The observer: as if the household did not exist.
    assert.equal((await others.regional_observer.get(`/api/v1/households/${r.household_id}`)).status, 404);
  }
  // B's referral appears in no list of A's staff nor of the CCAS; the partners A sees are its own.
  const theirReferral = theirs.referrals[0].id;
  for (const c of [...A_ROLES.map((r) => asA[r]), partner]) {
    const res = await c.get('/api/v1/referrals');
    if (res.status === 200) assert.ok(res.body.items.every((r) => r.id !== theirReferral && r.landlord.id !== B.id));
    else assert.ok([403, 404].includes(res.status));
  }
  // A household of A not referred to the CCAS: 404 for it, GET and PATCH.
  const referred = new Set(referrals.map((r) => r.household_id));
  const other = mine.households.find((h) => !referred.has(h.id));
  assert.equal((await partner.get(`/api/v1/households/${other.id}`)).status, 404);
  assert.equal((await partner.patch(`/api/v1/households/${other.id}`, { notes: 'x' })).status, 404);
  // Every list of the stock, and the search: refused to both.
  const { stdout } = await runRelais(['routes']);
  const lists = stdout.trim().split('\n').map((l) => l.split(' ')).filter(([m, p, a]) => m === 'GET' && a === 'session' && !p.includes('{'))
    .map(([, p]) => p).filter((p) => /buildings|dwellings|households|agencies|organisation|communes/.test(p));
  assert.ok(lists.length >= 5, lists.join());
  for (const path of lists) {
    for (const kind of OTHER_KINDS) {
      const res = await others[kind].get(`${path}${path.endsWith('search') ? '?q=a' : ''}`);
      assert.ok([403, 404].includes(res.status), `${kind}: GET ${path} answered ${res.status}`);
    }
  }
});

test("lists and filters of A never show B's records", async () => {
  const theirIds = (kind) => new Set(theirs[kind].map((r) => r.id));
  for (const role of A_ROLES) {
    const c = asA[role];
    for (const [kind, path] of [['buildings', '/api/v1/buildings'], ['households', '/api/v1/households']]) {
      const seen = [];
      let after = null;
      do {
        const res = await c.get(`${path}?limit=2${after ? `&after=${after}` : ''}`);
        assert.equal(res.status, 200, res.text);
        seen.push(...res.body.items);
        after = res.body.next_cursor;
      } while (after);
      assert.deepEqual(seen.map((x) => x.id).sort((a, b) => a - b), mine[kind].map((x) => x.id).sort((a, b) => a - b), `${role}: ${path}`);
      assert.ok(seen.every((x) => !theirIds(kind).has(x.id)));
    }
    for (const b of mine.buildings) {
      const res = await c.get(`/api/v1/buildings/${b.id}/dwellings`);
      assert.ok(res.body.items.every((d) => !theirIds('dwellings').has(d.id)));
    }
    // Filters naming B's records find nothing (and say nothing more than "no result").
    const empty = { items: [], next_cursor: null };
    assert.deepEqual((await c.get(`/api/v1/households?building_id=${theirs.buildings[0].id}`)).body, empty);
    assert.deepEqual((await c.get(`/api/v1/households?dwelling_id=${theirs.dwellings[0].id}`)).body, empty);
    assert.deepEqual((await c.get(`/api/v1/buildings?agency_id=${B.agencies[0].id}`)).body, empty);
    const inTheirCommune = (await c.get('/api/v1/buildings?commune_insee=50562&limit=200')).body.items;
    assert.ok(inTheirCommune.every((x) => !theirIds('buildings').has(x.id)));
    assert.deepEqual((await c.get(`/api/v1/buildings?q=${encodeURIComponent('embruns')}`)).body, empty);
    assert.deepEqual((await c.get('/api/v1/agencies')).body.items.map((x) => x.id).sort(), A.agencies.map((x) => x.id).sort());
    assert.equal((await c.get('/api/v1/organisation')).body.id, A.id);
    // The same reference exists at both landlords: A's filter gives A's.
    const byRef = await c.get('/api/v1/buildings?q=BAT-ISO-1');
    assert.deepEqual(byRef.body.items.map((x) => x.id), mine.buildings.filter((b) => b.reference === 'BAT-ISO-1').map((b) => b.id));
    assert.equal(byRef.body.items.length, 1);
  }
});

test("search by A never finds B's households: names, phones, address, commune, references", async () => {
  const theirIds = new Set(theirs.households.map((h) => h.id));
  // B's own names (the demo's and ours), phones, street, commune and references.
  const queries = ['Zéphyrine', 'quemeneur', 'kerbrat', 'soizic kerbrat', '0799', '07 99 99 99', '+33 7 99 99 99 11', 'embruns', 'st vaast', 'saint vaast la hougue', 'TEN-ISO-1', 'ten'];
  for (const h of theirs.households.slice(0, 12)) queries.push(h.display_name, h.reference, ...(h.phone ? [h.phone] : []));
  let n = 0;
  for (const q of queries) {
    for (const role of A_ROLES) {
      const res = await asA[role].get(`/api/v1/households/search?q=${encodeURIComponent(q)}&limit=50`);
      assert.equal(res.status, 200, res.text);
      const leaked = res.body.items.filter((x) => theirIds.has(x.id));
      assert.deepEqual(leaked, [], `${role} of A searching "${q}" found B's households`);
      n++;
    }
  }
  assert.ok(n >= 8 * 30, `${n} searches`);
  // The same queries do find them for B (the data is there), and A's own reference for A.
  const forB = await bManager.get(`/api/v1/households/search?q=${encodeURIComponent('Zéphyrine')}`);
  assert.ok(forB.body.items.some((x) => theirIds.has(x.id)), forB.text);
  const forBPhone = await bManager.get('/api/v1/households/search?q=0799');
  assert.ok(forBPhone.body.items.length > 0, forBPhone.text);
  const ref = await asA.manager.get('/api/v1/households/search?q=TEN-ISO-1');
  const ours = mine.households.find((h) => h.reference === 'TEN-ISO-1');
  assert.equal(ref.body.items[0]?.id, ours.id, ref.text);  // best first ("1" also matches "1 rue ...")
  for (const h of theirs.households.slice(0, 5)) {
    const found = await bManager.get(`/api/v1/households/search?q=${encodeURIComponent(h.reference)}`);
    assert.ok(found.body.items.some((x) => x.id === h.id), `B does not find its own ${h.reference}`);
  }
});

test("A cannot attach its records to B's building, dwelling or agency, nor take B's members", async () => {
  const m = asA.manager;
  const theirBuilding = theirs.buildings[0];
  const theirDwelling = theirs.dwellings[0];
  const countBefore = (await bManager.get(`/api/v1/buildings/${theirBuilding.id}`)).body.dwelling_count;
  const occupantsBefore = (await bManager.get(`/api/v1/households?dwelling_id=${theirDwelling.id}`)).body;

  const d = await m.post('/api/v1/dwellings', {
    reference: 'LGT-INTRUS', building_id: theirBuilding.id, rooms: 2, surface_m2: 40, financing: 'PLUS', rent_cents: 1, charges_cents: 1,
  });
  assert.equal(d.status, 400, d.text);
  assert.equal(d.body.field, 'building_id');
  const move = await m.patch(`/api/v1/dwellings/${mine.dwellings[0].id}`, { building_id: theirBuilding.id });
  assert.equal(move.status, 400, move.text);
  assert.equal(move.body.field, 'building_id');
  assert.equal((await bManager.get(`/api/v1/buildings/${theirBuilding.id}`)).body.dwelling_count, countBefore);

  const h = await m.post('/api/v1/households', { reference: 'TEN-INTRUS', dwelling_id: theirDwelling.id, members: [holder('Intrus', 'Intrus')] });
  assert.equal(h.status, 400, h.text);
  assert.equal(h.body.field, 'dwelling_id');
  const moveH = await m.patch(`/api/v1/households/${mine.households[0].id}`, { dwelling_id: theirDwelling.id });
  assert.equal(moveH.status, 400, moveH.text);
  assert.equal(moveH.body.field, 'dwelling_id');
  assert.deepEqual((await bManager.get(`/api/v1/households?dwelling_id=${theirDwelling.id}`)).body, occupantsBefore);

  for (const agency of B.agencies) {
    const b = await m.post('/api/v1/buildings', { reference: 'BAT-INTRUS', street: 'x', commune_insee: '14118', agency_id: agency.id });
    assert.equal(b.status, 400, b.text);
    assert.equal(b.body.field, 'agency_id');
    const p = await m.patch(`/api/v1/buildings/${mine.buildings[0].id}`, { agency_id: agency.id });
    assert.equal(p.status, 400, p.text);
  }

  // A member id of B's household sent in A's PATCH makes a new member of A's; B's stays.
  const theirHousehold = (await bManager.get(`/api/v1/households/${theirs.households[0].id}`)).body;
  const res = await m.patch(`/api/v1/households/${mine.households[1].id}`, {
    members: [{ id: theirHousehold.members[0].id, first_name: 'Pris', last_name: 'Ailleurs', relation: 'holder' }],
  });
  assert.equal(res.status, 200, res.text);
  assert.notEqual(res.body.members[0].id, theirHousehold.members[0].id);
  assert.deepEqual((await bManager.get(`/api/v1/households/${theirHousehold.id}`)).body, theirHousehold);
});

test("and the other way round: B's manager gets 404 for A's records", async () => {
  let n = 0;
  for (const kind of Object.keys(mine)) {
    for (const r of mine[kind]) {
      const res = await bManager.get(`/api/v1/${kind}/${r.id}`);
      assert.equal(res.status, 404, `${kind} ${r.id}: ${res.text}`);
      n++;
    }
  }
  assert.ok(n >= 15);
});

test("a tenant of A reaches its own household only, and not even A's records through the staff routes", async () => {
  const own = await tenantA.get('/api/v1/tenant/household');
  assert.equal(own.status, 200, own.text);
  assert.equal(own.body.reference, tenantHousehold.reference);
  for (const kind of Object.keys(mine)) {
    for (const r of mine[kind].slice(0, 3)) {
      assert.equal((await tenantA.get(`/api/v1/${kind}/${r.id}`)).status, 404, `${kind} ${r.id}`);
    }
  }
  assert.equal((await tenantA.get(`/api/v1/households/${tenantHousehold.id}`)).status, 404, 'not even its own, through the staff route');
  assert.equal((await tenantA.patch(`/api/v1/households/${tenantHousehold.id}`, { notes: 'x' })).status, 404);
  assert.equal((await tenantA.get('/api/v1/households/search?q=a')).status, 404);
});
