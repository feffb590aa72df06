// The housing API as its users meet it: a manager creates buildings, dwellings and households and
// reads them back, changes them (members keep their ids), lists with filters and keyset pages,
// searches (case, accents, abbreviations, phone digits; best first); bad input answers 400 naming
// the fields, duplicates 409, roles and the CSRF token are enforced, and signing out ends the
// session on the server. Every response is also checked against api/openapi.yaml by the harness.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { Client, startServer } from './harness.mjs';

let env;
let A;  // the demo landlord: { id, name, agencies, accounts }
let manager, agent, caretaker;

before(async () => {
  // A demo landlord (relais demo): its accounts, an agency, and households around the ones this
  // file creates, so that lists and search are checked among other records.
  env = await startServer({ demo: { households: 20 } });
  [manager, agent, caretaker] = [env.client(), env.client(), env.client()];
  await manager.login(env.accounts.manager);
  await agent.login(env.accounts.call_agent);
  await caretaker.login(env.accounts.caretaker);
  const organisation = (await manager.get('/api/v1/organisation')).body;
  A = { ...organisation, agencies: (await manager.get('/api/v1/agencies')).body.items, accounts: env.accounts };
  assert.ok(A.agencies.length >= 1, 'the demo landlord has an agency');
});
after(async () => {
  if (!env) return;
  const status = await env.stop();
  assert.deepEqual(status, { code: 0, signal: null }, env.output().slice(-2000));
});

// ---- helpers ---------------------------------------------------------------------------------

let seq = 0;
const uniq = (prefix) => `${prefix}-${String(++seq).padStart(3, '0')}`;

// A French sentence: a French word or letter, and none of the English words an untranslated
// message would have.
const FRENCH_MARK = /[àâçéèêëîïôûùüœ«»’]|\b(le|la|les|du|de|des|un|une|est|doit|ce|cette|pas|votre|vous|champ|inconnue?s?|invalides?|introuvables?|obligatoires?)\b/i;
const ENGLISH = /\b(the|is|must|not|invalid|unknown|required|field|missing|forbidden|found)\b/i;
const isFrench = (s) => typeof s === 'string' && FRENCH_MARK.test(s) && !ENGLISH.test(s);

/** Asserts a problem+json answer of `status` with a French detail; with `field`, that it names it. */
function assertProblem(res, status, field) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  assert.ok(isFrench(res.body.detail), `detail is not French: ${res.body.detail}`);
  if (field !== undefined) {
    assert.equal(res.body.field, field, res.text);
    assert.ok(Array.isArray(res.body.errors), `no errors[] in ${res.text}`);
    assert.ok(res.body.errors.some((e) => e.field === field), `errors[] does not name ${field}: ${res.text}`);
    for (const e of res.body.errors) assert.ok(isFrench(e.message), `message is not French: ${e.message}`);
  }
  return res.body;
}

const SAINT_LO = '50502';
const CAEN = '14118';
const SAINT_VAAST = '50562';

async function createBuilding(fields = {}, as = manager) {
  const res = await as.post('/api/v1/buildings', { reference: uniq('BAT'), street: '1 rue des Essais', commune_insee: CAEN, ...fields });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function createDwelling(building, fields = {}, as = manager) {
  const res = await as.post('/api/v1/dwellings', {
    reference: uniq('LGT'), building_id: building.id, rooms: 3, surface_m2: 64.5, financing: 'PLUS',
    rent_cents: 41_250, charges_cents: 8_500, ...fields,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const holder = (first_name, last_name, birth_date = null) => ({ first_name, last_name, birth_date, relation: 'holder' });

async function createHousehold(dwelling, fields = {}, as = manager) {
  const res = await as.post('/api/v1/households', {
    reference: uniq('TEN'), dwelling_id: dwelling.id, members: [holder('Jean', 'Essai')], ...fields,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

/** Every item of a list route, following next_cursor; asserts the keyset invariants on the way. */
async function allPages(path, limit) {
  const items = [];
  let after = null;
  let pages = 0;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await manager.get(`${path}${sep}limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    assert.equal(res.status, 200, res.text);
    pages++;
    assert.ok(res.body.items.length <= limit, `page of ${res.body.items.length} > limit ${limit}`);
    items.push(...res.body.items);
    if (res.body.next_cursor === null) break;
    assert.equal(res.body.items.length, limit, 'a page before the last is full');
    after = res.body.next_cursor;
    assert.ok(pages < 1000, 'next_cursor never ends');
  }
  const ids = items.map((x) => x.id);
  assert.equal(new Set(ids).size, ids.length, `an item came twice: ${ids}`);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'pages are in id order');
  return { items, pages };
}

// ---- create and read back --------------------------------------------------------------------

test('a manager creates a building, a dwelling and a household, and reads them back', async () => {
  const agency = A.agencies[0];
  const input = {
    reference: 'BAT-SL-0001', name: 'Résidence du Bocage', street: '12 rue de la Poterne', postal_code: '50000',
    commune_insee: SAINT_LO, agency_id: agency.id, qpv: true, has_lift: false, floors: 4,
  };
  const created = await manager.post('/api/v1/buildings', input);
  assert.equal(created.status, 201, created.text);
  const b = created.body;
  assert.ok(Number.isInteger(b.id) && b.id > 0);
  assert.deepEqual({ ...b, id: undefined }, { ...input, id: undefined, commune_name: 'Saint-Lô', dwelling_count: 0 });
  assert.deepEqual((await manager.get(`/api/v1/buildings/${b.id}`)).body, b);

  const dIn = {
    reference: 'LGT-SL-0001-012', building_id: b.id, floor: 2, rooms: 3, surface_m2: 64.5, financing: 'PLUS',
    rent_cents: 41_250, charges_cents: 8_500, accessible_prm: true,
  };
  const d = await manager.post('/api/v1/dwellings', dIn);
  assert.equal(d.status, 201, d.text);
  assert.deepEqual({ ...d.body, id: undefined }, {
    ...dIn, id: undefined, building_reference: 'BAT-SL-0001', typology: 'T3', household_id: null,
  });
  assert.deepEqual((await manager.get(`/api/v1/dwellings/${d.body.id}`)).body, d.body);
  assert.equal((await manager.get(`/api/v1/buildings/${b.id}`)).body.dwelling_count, 1);
  const ofBuilding = await manager.get(`/api/v1/buildings/${b.id}/dwellings`);
  assert.deepEqual(ofBuilding.body.items, [d.body]);

  const hIn = {
    reference: 'LOC-000001', dwelling_id: d.body.id, email: ' Helene.Dupont@Example.FR ', preferred_language: 'fr',
    notes: 'Malentendante : préférer les SMS.',
    members: [
      { first_name: 'Hélène', last_name: 'Dupont', birth_date: '1941-03-12', relation: 'holder' },
      { first_name: 'Louis', last_name: 'Dupont', birth_date: '1939-11-02', relation: 'spouse' },
    ],
    phones: [{ number: '+33 6 12 34 56 78', label: 'portable' }, { number: '02.33.00.11.22' }],
    lease: { start_date: '1998-07-01', rent_cents: 41_250, charges_cents: 8_500, housing_benefit_cents: 12_000, benefit_paid_to_landlord: true },
  };
  const h = await manager.post('/api/v1/households', hIn);
  assert.equal(h.status, 201, h.text);
  const hh = h.body;
  assert.equal(hh.reference, 'LOC-000001');
  assert.equal(hh.dwelling_id, d.body.id);
  assert.equal(hh.dwelling_reference, 'LGT-SL-0001-012');
  assert.equal(hh.building_id, b.id);
  assert.match(hh.address, /12 rue de la Poterne/);
  assert.equal(hh.commune_name, 'Saint-Lô');
  assert.equal(hh.email, 'helene.dupont@example.fr', 'e-mail trimmed and lower-cased');
  assert.equal(hh.notes, hIn.notes);
  assert.match(hh.display_name, /Dupont/);
  assert.deepEqual(hh.members.map(({ id, ...m }) => m), hIn.members);
  assert.ok(hh.members.every((m) => Number.isInteger(m.id)));
  assert.deepEqual(hh.phones, [{ number: '0612345678', label: 'portable' }, { number: '0233001122', label: '' }], 'phones in national form');
  assert.deepEqual({ ...hh.lease, id: undefined }, { ...hIn.lease, id: undefined });
  assert.ok(!Number.isNaN(Date.parse(hh.updated_at)));
  assert.deepEqual((await manager.get(`/api/v1/households/${hh.id}`)).body, hh);
  assert.equal((await manager.get(`/api/v1/dwellings/${d.body.id}`)).body.household_id, hh.id, 'the dwelling knows its occupant');
});

test('every record of the demo landlord reads back as its list shows it', async () => {
  // The demo's households are realistic (accents, apostrophes, several members and phones):
  // each answer is also checked against the contract by the harness.
  const { items: households } = await allPages('/api/v1/households', 200);
  assert.ok(households.length >= 20, `${households.length} households`);
  for (const summary of households) {
    const h = (await agent.get(`/api/v1/households/${summary.id}`)).body;
    assert.equal(h.reference, summary.reference);
    assert.equal(h.display_name, summary.display_name);
    assert.equal(h.address, summary.address);
    assert.equal(h.commune_name, summary.commune_name);
    assert.equal(h.members.length, summary.member_count);
    assert.equal(summary.phone, h.phones[0]?.number ?? '');
    assert.equal(h.members.filter((m) => m.relation === 'holder').length, 1, `${h.reference}: one holder`);
    const d = (await agent.get(`/api/v1/dwellings/${h.dwelling_id}`)).body;
    assert.equal(d.reference, h.dwelling_reference);
    assert.equal(d.building_id, h.building_id);
  }
  const { items: buildings } = await allPages('/api/v1/buildings', 200);
  for (const b of buildings) {
    assert.deepEqual((await agent.get(`/api/v1/buildings/${b.id}`)).body, b);
    const dwellings = (await agent.get(`/api/v1/buildings/${b.id}/dwellings`)).body.items;
    assert.equal(dwellings.length, b.dwelling_count);
    assert.ok(dwellings.every((d) => d.building_id === b.id && d.building_reference === b.reference));
  }
});

test('optional fields take their defaults and a dwelling of 6 rooms or more is a T6+', async () => {
  const b = await createBuilding();
  assert.deepEqual([b.name, b.postal_code, b.agency_id, b.qpv, b.has_lift, b.floors], ['', '', null, false, false, 0]);
  const d = await createDwelling(b, { rooms: 6 });
  assert.equal(d.typology, 'T6+');
  assert.equal(d.floor, 0);
  assert.equal(d.accessible_prm, false);
  const h = await createHousehold(d);
  assert.deepEqual([h.email, h.preferred_language, h.notes, h.lease, h.phones], ['', 'fr', '', null, []]);
  assert.equal(h.members[0].relation, 'holder');
});

// ---- change ----------------------------------------------------------------------------------

test('PATCH changes only the fields sent, on buildings and dwellings', async () => {
  const b = await createBuilding({ name: 'Les Tilleuls', floors: 3, qpv: true, agency_id: A.agencies[0].id });
  const res = await manager.patch(`/api/v1/buildings/${b.id}`, { name: 'Les Tilleuls Nord', floors: 5, agency_id: null });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body, { ...b, name: 'Les Tilleuls Nord', floors: 5, agency_id: null });
  assert.deepEqual((await manager.get(`/api/v1/buildings/${b.id}`)).body, res.body);

  const d = await createDwelling(b, { rooms: 2, accessible_prm: true });
  const rd = await manager.patch(`/api/v1/dwellings/${d.id}`, { rent_cents: 39_900 });
  assert.equal(rd.status, 200, rd.text);
  assert.deepEqual(rd.body, { ...d, rent_cents: 39_900 });
  const moved = await manager.patch(`/api/v1/dwellings/${d.id}`, { rooms: 4, surface_m2: 81.25 });
  assert.deepEqual(moved.body, { ...d, rent_cents: 39_900, rooms: 4, typology: 'T4', surface_m2: 81.25 });
  // An empty PATCH is allowed and changes nothing.
  const same = await manager.patch(`/api/v1/buildings/${b.id}`, {});
  assert.equal(same.status, 200, same.text);
  assert.deepEqual(same.body, { ...res.body, dwelling_count: 1 });
});

test('PATCH of a household keeps the ids of its members, by id or by name and birth date', async () => {
  const d = await createDwelling(await createBuilding());
  const h = await createHousehold(d, {
    members: [
      holder('Fatou', 'Diallo', '1980-05-04'),
      { first_name: 'Awa', last_name: 'Diallo', birth_date: '2010-09-01', relation: 'child' },
      { first_name: 'Moussa', last_name: 'Diallo', birth_date: '2013-01-20', relation: 'child' },
    ],
    phones: [{ number: '0611223344' }],
  });
  const [fatou, awa, moussa] = h.members;

  // A change elsewhere leaves members and phones alone.
  const notes = await agent.patch(`/api/v1/households/${h.id}`, { notes: 'Rappeler après 17 h.' });
  assert.equal(notes.status, 200, notes.text);
  assert.deepEqual(notes.body.members, h.members);
  assert.deepEqual(notes.body.phones, h.phones);
  assert.equal(notes.body.notes, 'Rappeler après 17 h.');
  assert.ok(Date.parse(notes.body.updated_at) >= Date.parse(h.updated_at));

  // By id: renamed, kept. Without id but same name and birth date: kept. Moussa left: removed.
  // A new member: a new id.
  const res = await agent.patch(`/api/v1/households/${h.id}`, {
    members: [
      { id: fatou.id, first_name: 'Fatoumata', last_name: 'Diallo', birth_date: '1980-05-04', relation: 'holder' },
      { first_name: 'awa', last_name: 'DIALLO', birth_date: '2010-09-01', relation: 'child' },
      { first_name: 'Binta', last_name: 'Diallo', birth_date: '2024-02-29', relation: 'child' },
    ],
  });
  assert.equal(res.status, 200, res.text);
  const [f2, a2, b2] = res.body.members;
  assert.equal(f2.id, fatou.id, 'kept by id');
  assert.equal(f2.first_name, 'Fatoumata');
  assert.equal(a2.id, awa.id, 'kept by name and birth date');
  assert.ok(![fatou.id, awa.id, moussa.id].includes(b2.id), 'a new member has a new id');
  assert.equal(res.body.members.length, 3);
  assert.deepEqual(res.body.phones, h.phones, 'phones not sent: unchanged');
  assert.deepEqual((await agent.get(`/api/v1/households/${h.id}`)).body, res.body);
});

test('a member id of another household is not taken over by a PATCH', async () => {
  const d1 = await createDwelling(await createBuilding());
  const d2 = await createDwelling(await createBuilding());
  const h1 = await createHousehold(d1, { members: [holder('Paul', 'Premier')] });
  const h2 = await createHousehold(d2, { members: [holder('Rose', 'Seconde')] });
  const res = await manager.patch(`/api/v1/households/${h1.id}`, {
    members: [{ id: h2.members[0].id, first_name: 'Paul', last_name: 'Premier', relation: 'holder' }],
  });
  assert.equal(res.status, 200, res.text);
  assert.notEqual(res.body.members[0].id, h2.members[0].id);
  assert.deepEqual((await manager.get(`/api/v1/households/${h2.id}`)).body.members, h2.members);
});

test('PATCH of a lease updates it in place; phones sent replace the old ones', async () => {
  const d = await createDwelling(await createBuilding());
  const h = await createHousehold(d, {
    phones: [{ number: '0611111111' }, { number: '0622222222' }],
    lease: { start_date: '2015-01-01', rent_cents: 40_000, charges_cents: 5_000 },
  });
  const res = await manager.patch(`/api/v1/households/${h.id}`, {
    lease: { start_date: '2015-01-01', rent_cents: 41_000, charges_cents: 5_000, housing_benefit_cents: 20_000 },
    phones: [{ number: '06 33 33 33 33', label: 'fille' }],
  });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.lease.id, h.lease.id);
  assert.equal(res.body.lease.rent_cents, 41_000);
  assert.equal(res.body.lease.housing_benefit_cents, 20_000);
  assert.deepEqual(res.body.phones, [{ number: '0633333333', label: 'fille' }]);
});

// ---- lists, filters, keyset pages --------------------------------------------------------------

test('lists filter by building, dwelling, commune, agency and words, and page by next_cursor', async () => {
  const [agency] = A.agencies;
  const b1 = await createBuilding({ name: 'Le Clos Zéphyrin', commune_insee: SAINT_VAAST, agency_id: agency.id });
  const b2 = await createBuilding({ name: 'Les Hauts du Zéphyr', commune_insee: '76540', agency_id: null });
  const d1a = await createDwelling(b1);
  const d1b = await createDwelling(b1);
  const d2 = await createDwelling(b2);
  const inB1 = [await createHousehold(d1a), await createHousehold(d1b), await createHousehold(d1b)];
  const inB2 = [await createHousehold(d2), await createHousehold(d2)];

  const byBuilding = await manager.get(`/api/v1/households?building_id=${b1.id}`);
  assert.deepEqual(byBuilding.body.items.map((x) => x.id), inB1.map((x) => x.id));
  assert.equal(byBuilding.body.next_cursor, null);
  const byDwelling = await manager.get(`/api/v1/households?dwelling_id=${d1b.id}`);
  assert.deepEqual(byDwelling.body.items.map((x) => x.id), inB1.slice(1).map((x) => x.id));
  const summary = byDwelling.body.items[0];
  assert.deepEqual(summary, {
    id: inB1[1].id, reference: inB1[1].reference, display_name: inB1[1].display_name, address: inB1[1].address,
    commune_name: 'Saint-Vaast-la-Hougue', phone: '', member_count: 1,
  });
  const none = await manager.get('/api/v1/households?building_id=999999999');
  assert.deepEqual(none.body, { items: [], next_cursor: null });

  const byCommune = (await manager.get(`/api/v1/buildings?commune_insee=${SAINT_VAAST}&limit=200`)).body.items;
  assert.ok(byCommune.some((x) => x.id === b1.id) && !byCommune.some((x) => x.id === b2.id));
  assert.ok(byCommune.every((x) => x.commune_insee === SAINT_VAAST));
  const byAgency = (await manager.get(`/api/v1/buildings?agency_id=${agency.id}&limit=200`)).body.items;
  assert.ok(byAgency.some((x) => x.id === b1.id) && !byAgency.some((x) => x.id === b2.id));
  assert.ok(byAgency.every((x) => x.agency_id === agency.id));
  const byWords = await manager.get(`/api/v1/buildings?q=${encodeURIComponent('hauts ZEPHYR rouen')}`);
  assert.deepEqual(byWords.body.items.map((x) => x.id), [b2.id]);
  const byAccent = await manager.get(`/api/v1/buildings?q=${encodeURIComponent('clos zéphyrin vaast')}`);
  assert.deepEqual(byAccent.body.items.map((x) => x.id), [b1.id]);

  // Pages of 2 cover everything once, in id order, and stop.
  const all = (await manager.get('/api/v1/households?limit=200')).body;
  assert.equal(all.next_cursor, null);
  const paged = await allPages('/api/v1/households', 2);
  assert.deepEqual(paged.items, all.items);
  assert.ok(paged.pages >= 3);
  const pagedB1 = await allPages(`/api/v1/households?building_id=${b1.id}`, 1);
  assert.deepEqual(pagedB1.items.map((x) => x.id), inB1.map((x) => x.id));
  const buildings = await allPages('/api/v1/buildings', 3);
  assert.deepEqual(buildings.items, (await manager.get('/api/v1/buildings?limit=200')).body.items);
  assert.ok(inB2.every((h) => paged.items.some((x) => x.id === h.id)));
});

test('list parameters are checked: limit 1..200, numeric ids, a cursor that is one', async () => {
  for (const q of ['limit=0', 'limit=201', 'limit=abc', 'limit=']) {
    assertProblem(await manager.get(`/api/v1/households?${q}`), 400, 'limit');
  }
  assertProblem(await manager.get('/api/v1/households?building_id=abc'), 400, 'building_id');
  assertProblem(await manager.get('/api/v1/households?dwelling_id=-1'), 400, 'dwelling_id');
  assertProblem(await manager.get('/api/v1/buildings?agency_id=1x'), 400, 'agency_id');
  // A cursor that the server did not give would silently restart at the first page: a client
  // looping on next_cursor would never end.
  assertProblem(await manager.get('/api/v1/households?after=abc'), 400, 'after');
  assertProblem(await manager.get('/api/v1/buildings?after=-5'), 400, 'after');
  assert.equal((await manager.get('/api/v1/households?limit=200')).status, 200);
});

// ---- search ------------------------------------------------------------------------------------

test('search is case- and accent-insensitive, expands "st", finds phones by digits, best first', async () => {
  const stLo = await createBuilding({ street: '4 place du Champ de Mars', commune_insee: SAINT_LO });
  const stLo2 = await createBuilding({ street: '9 rue Torteron', commune_insee: SAINT_LO });
  const caen = await createBuilding({ street: '3 rue Hélène Boucher', commune_insee: CAEN });
  const vaast = await createBuilding({ street: '1 quai Vauban', commune_insee: SAINT_VAAST });
  const helene = await createHousehold(await createDwelling(stLo), {
    members: [holder('Hélène', 'Quémeneur', '1950-01-01')], phones: [{ number: '06 98 76 54 32' }],
  });
  const lebrun2 = await createHousehold(await createDwelling(stLo2), { members: [holder('Marc', 'Kerbrat')] });
  const onHeleneStreet = await createHousehold(await createDwelling(caen), { members: [holder('Yves', 'Le Bihan')], phones: [{ number: '0231907531' }] });
  const atVaast = await createHousehold(await createDwelling(vaast), { members: [holder('Anne', 'Guéguen')] });

  const search = async (q) => {
    const res = await agent.get(`/api/v1/households/search?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, res.text);
    const scores = res.body.items.map((x) => x.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), `"${q}": not best first`);
    return res.body.items.map((x) => x.id);
  };

  // Without accents, in capitals, as a prefix: the person named Hélène before the street named after one.
  for (const q of ['helene', 'HÉLÈNE', 'Hélè', 'hel']) {
    const ids = await search(q);
    assert.deepEqual(ids.filter((id) => [helene.id, onHeleneStreet.id].includes(id)), [helene.id, onHeleneStreet.id], `"${q}": ${ids}`);
  }
  assert.deepEqual(await search('hélène quemeneur'), [helene.id]);
  assert.deepEqual(await search('QUÉMENEUR'), [helene.id]);
  assert.deepEqual(await search('KERBRAT'), [lebrun2.id]);
  assert.deepEqual(await search('gueguen'), [atVaast.id]);

  // "st lo" is Saint-Lô: both addresses there, not Saint-Vaast, not Caen. (Tenant references
  // here start with TEN-: "lo" would also be the prefix of a reference "LOC-...".)
  const stlo = await search('st lo');
  assert.ok(stlo.includes(helene.id) && stlo.includes(lebrun2.id), `st lo: ${stlo}`);
  assert.ok(!stlo.includes(atVaast.id) && !stlo.includes(onHeleneStreet.id), `st lo: ${stlo}`);
  assert.deepEqual(await search('ST-LÔ'), stlo);
  assert.deepEqual((await search('saint-lô')).filter((id) => id === atVaast.id), []);
  assert.ok((await search('st vaast')).includes(atVaast.id));

  // Digits search phones, whatever the spacing or the international form (the prefixes may
  // find demo households too).
  for (const q of ['06.98.76.54.32', '+33 6 98 76 54 32', '0698765432', '06 98 76 54 32']) {
    assert.deepEqual(await search(q), [helene.id], `phone "${q}"`);
  }
  for (const q of ['0698', '06 98 76']) assert.ok((await search(q)).includes(helene.id), `phone prefix "${q}"`);
  assert.deepEqual(await search('02 31 90 75 31'), [onHeleneStreet.id]);
  assert.deepEqual(await search('zzzz'), []);
  // The summary carries the first phone in national form.
  const res = await agent.get('/api/v1/households/search?q=0698');
  assert.equal(res.body.items[0].phone, '0698765432');
});

test('search checks its parameters', async () => {
  assertProblem(await agent.get('/api/v1/households/search'), 400, 'q');
  assertProblem(await agent.get(`/api/v1/households/search?q=${'a'.repeat(201)}`), 400, 'q');
  assertProblem(await agent.get('/api/v1/households/search?q=a&limit=0'), 400, 'limit');
  const empty = await agent.get('/api/v1/households/search?q=');
  assert.equal(empty.status, 200, empty.text);
  assert.deepEqual(empty.body.items, []);
});

// ---- bad input ----------------------------------------------------------------------------------

test('a building with several mistakes: 400 naming each field, in French, nothing created', async () => {
  const before = (await manager.get('/api/v1/buildings?limit=200')).body.items.length;
  const res = await manager.post('/api/v1/buildings', { name: 42, floors: 'trois', colour: 'bleu' });
  const body = assertProblem(res, 400, 'reference');
  const fields = body.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['colour', 'commune_insee', 'floors', 'name', 'reference', 'street']);
  assert.equal(body.type, 'urn:relais:problem:invalid');
  assert.equal((await manager.get('/api/v1/buildings?limit=200')).body.items.length, before);
});

test('rule violations name their field too, with errors[] (postal code, commune, ranges, dates, phones)', async () => {
  const b = await createBuilding();
  const d = await createDwelling(b);
  const cases = [
    ['/api/v1/buildings', { reference: uniq('BAT'), street: 'rue', commune_insee: CAEN, postal_code: '1400' }, 'postal_code'],
    ['/api/v1/buildings', { reference: uniq('BAT'), street: 'rue', commune_insee: '75056' }, 'commune_insee'],
    ['/api/v1/buildings', { reference: 'avec espace', street: 'rue', commune_insee: CAEN }, 'reference'],
    ['/api/v1/buildings', { reference: uniq('BAT'), street: 'rue', commune_insee: CAEN, floors: 61 }, 'floors'],
    ['/api/v1/buildings', { reference: uniq('BAT'), street: 'rue', commune_insee: CAEN, agency_id: 999999 }, 'agency_id'],
    ['/api/v1/dwellings', { reference: uniq('LGT'), building_id: b.id, rooms: 7, surface_m2: 50, financing: 'PLUS', rent_cents: 1, charges_cents: 1 }, 'rooms'],
    ['/api/v1/dwellings', { reference: uniq('LGT'), building_id: b.id, rooms: 2, surface_m2: 4, financing: 'PLUS', rent_cents: 1, charges_cents: 1 }, 'surface_m2'],
    ['/api/v1/dwellings', { reference: uniq('LGT'), building_id: b.id, rooms: 2, surface_m2: 40, financing: 'HLM', rent_cents: 1, charges_cents: 1 }, 'financing'],
    ['/api/v1/dwellings', { reference: uniq('LGT'), building_id: 999999999, rooms: 2, surface_m2: 40, financing: 'PLS', rent_cents: 1, charges_cents: 1 }, 'building_id'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [] }, 'members'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B'), holder('C', 'D')] }, 'members'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B', '1950-02-30')] }, 'members[0].birth_date'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B'), { first_name: 'C' }] }, 'members[1].last_name'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B')], phones: [{ number: '12 34' }] }, 'phones[0].number'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B')], email: 'pas-une-adresse' }, 'email'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B')], lease: { start_date: '2020-01-01', rent_cents: -1, charges_cents: 0 } }, 'lease.rent_cents'],
    ['/api/v1/households', { reference: uniq('TEN'), dwelling_id: 999999999, members: [holder('A', 'B')] }, 'dwelling_id'],
  ];
  for (const [path, body, field] of cases) {
    const res = await manager.post(path, body);
    assertProblem(res, 400, field);
  }
  // PATCH validates the same way.
  assertProblem(await manager.patch(`/api/v1/buildings/${b.id}`, { postal_code: 'ABCDE' }), 400, 'postal_code');
  assertProblem(await manager.patch(`/api/v1/dwellings/${d.id}`, { rent_cents: 1.5 }), 400, 'rent_cents');
  assertProblem(await manager.patch(`/api/v1/buildings/${b.id}`, { reference: '' }), 400, 'reference');
  assert.deepEqual((await manager.get(`/api/v1/buildings/${b.id}`)).body, { ...b, dwelling_count: 1 }, 'nothing half-written');
});

test('an unknown field is refused by name, at any depth', async () => {
  const d = await createDwelling(await createBuilding());
  assertProblem(await manager.post('/api/v1/households', {
    reference: uniq('TEN'), dwelling_id: d.id, members: [{ ...holder('A', 'B'), age: 3 }],
  }), 400, 'members[0].age');
  assertProblem(await manager.patch(`/api/v1/dwellings/${d.id}`, { colour: 'bleu' }), 400, 'colour');
  assertProblem(await manager.post('/api/v1/households', {
    reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B')], lease: { start_date: '2020-01-01', rent_cents: 1, charges_cents: 1, deposit: 5 },
  }), 400, 'lease.deposit');
});

// ---- duplicates -----------------------------------------------------------------------------------

test('duplicate references answer 409 naming the reference, on create and on PATCH', async () => {
  const b = await createBuilding();
  const other = await createBuilding();
  assertProblem(await manager.post('/api/v1/buildings', { reference: b.reference, street: 'x', commune_insee: CAEN }), 409, undefined);
  const conflict = await manager.patch(`/api/v1/buildings/${other.id}`, { reference: b.reference });
  assertProblem(conflict, 409);
  assert.equal(conflict.body.field, 'reference');
  assert.equal(conflict.body.type, 'urn:relais:problem:conflict');
  const d = await createDwelling(b);
  const dup = await manager.post('/api/v1/dwellings', {
    reference: d.reference, building_id: other.id, rooms: 1, surface_m2: 20, financing: 'PLAI', rent_cents: 1, charges_cents: 1,
  });
  assert.equal(assertProblem(dup, 409).field, 'reference');
  const h = await createHousehold(d);
  const dupH = await manager.post('/api/v1/households', { reference: h.reference, dwelling_id: d.id, members: [holder('X', 'Y')] });
  assert.equal(assertProblem(dupH, 409).field, 'reference');
  // Keeping one's own reference is no conflict.
  assert.equal((await manager.patch(`/api/v1/buildings/${b.id}`, { reference: b.reference })).status, 200);
  assert.deepEqual((await manager.get(`/api/v1/buildings/${other.id}`)).body, other);
});

// ---- roles --------------------------------------------------------------------------------------

test('roles: a caretaker reads but cannot change a household; a call agent cannot create or change stock', async () => {
  const b = await createBuilding();
  const d = await createDwelling(b);
  const h = await createHousehold(d);

  assert.equal((await caretaker.get(`/api/v1/households/${h.id}`)).status, 200);
  assertProblem(await caretaker.patch(`/api/v1/households/${h.id}`, { notes: 'gardien' }), 403);
  assertProblem(await caretaker.post('/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('A', 'B')] }), 403);
  assert.deepEqual((await manager.get(`/api/v1/households/${h.id}`)).body, h, 'the refused PATCH changed nothing');

  const refused = await agent.post('/api/v1/buildings', { reference: uniq('BAT'), street: 'x', commune_insee: CAEN });
  assertProblem(refused, 403);
  assert.equal(refused.body.type, 'urn:relais:problem:forbidden');
  assertProblem(await agent.patch(`/api/v1/buildings/${b.id}`, { name: 'agent' }), 403);
  assertProblem(await agent.post('/api/v1/dwellings', {
    reference: uniq('LGT'), building_id: b.id, rooms: 1, surface_m2: 20, financing: 'PLAI', rent_cents: 1, charges_cents: 1,
  }), 403);
  assertProblem(await agent.patch(`/api/v1/dwellings/${d.id}`, { rooms: 1 }), 403);
  assertProblem(await caretaker.post('/api/v1/buildings', { reference: uniq('BAT'), street: 'x', commune_insee: CAEN }), 403);
  assert.deepEqual((await manager.get(`/api/v1/buildings/${b.id}`)).body, { ...b, dwelling_count: 1 });

  // What a call agent may do: households.
  const created = await agent.post('/api/v1/households', { reference: uniq('TEN'), dwelling_id: d.id, members: [holder('Agent', 'Créé')] });
  assert.equal(created.status, 201, created.text);
  assert.equal((await agent.patch(`/api/v1/households/${h.id}`, { notes: 'appelé' })).status, 200);
});

// ---- CSRF -----------------------------------------------------------------------------------------

test('CSRF: a state-changing request without the token or with a wrong one is 403 and changes nothing', async () => {
  const reference = uniq('BAT');
  const body = { reference, street: '2 rue du Jeton', commune_insee: CAEN };
  const token = manager.csrfToken;
  assert.ok(token && token.length >= 16, 'the session gives a CSRF token');
  try {
    manager.csrfToken = null;  // the client sends no X-CSRF-Token at all
    assertProblem(await manager.post('/api/v1/buildings', body), 403);
  } finally {
    manager.csrfToken = token;
  }
  assertProblem(await manager.post('/api/v1/buildings', body, { headers: { 'x-csrf-token': 'x'.repeat(token.length) } }), 403);
  assertProblem(await manager.post('/api/v1/buildings', body, { headers: { 'x-csrf-token': '' } }), 403);
  assertProblem(await manager.post('/api/v1/buildings', body, { headers: { 'x-csrf-token': token.slice(0, -1) } }), 403);
  // The token of another session is not this session's token.
  assertProblem(await manager.post('/api/v1/buildings', body, { headers: { 'x-csrf-token': agent.csrfToken } }), 403);
  const list = await manager.get(`/api/v1/buildings?q=${reference}`);
  assert.deepEqual(list.body.items, [], 'nothing was created');

  const b = await createBuilding();
  assertProblem(await manager.patch(`/api/v1/buildings/${b.id}`, { name: 'x' }, { headers: { 'x-csrf-token': 'nope' } }), 403);
  assert.deepEqual((await manager.get(`/api/v1/buildings/${b.id}`)).body, b);

  const ok = await manager.post('/api/v1/buildings', body);
  assert.equal(ok.status, 201, ok.text);
  // GET needs no token.
  assert.equal((await manager.get(`/api/v1/buildings/${ok.body.id}`, { headers: { 'x-csrf-token': 'nope' } })).status, 200);
});

// ---- sessions ---------------------------------------------------------------------------------------

test('GET /api/v1/session says who is signed in, with the same CSRF token', async () => {
  const res = await caretaker.get('/api/v1/session');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.user.roles, ['caretaker']);
  assert.equal(res.body.user.organisation.id, A.id);
  assert.equal(res.body.user.organisation.name, A.name);
  assert.equal(res.body.user.display_name.length > 0, true);
  assert.equal(res.body.csrf_token, caretaker.csrfToken);
  assert.equal(res.body.idle_timeout_seconds, 15 * 60);
});

test('a wrong password or an unknown e-mail: the same 401, no session', async () => {
  const c = env.client();
  const wrong = await c.post('/api/v1/session', { email: A.accounts.caretaker.email, password: 'pas-le-bon-mot-de-passe' });
  assertProblem(wrong, 401);
  const unknown = await c.post('/api/v1/session', { email: 'personne@a.relais.test', password: 'pas-le-bon-mot-de-passe' });
  assertProblem(unknown, 401);
  assert.equal(wrong.body.detail, unknown.body.detail, 'no hint that the account exists');
  assert.equal(c.cookies.size, 0);
  assertProblem(await c.get('/api/v1/households'), 401);
  assertProblem(await c.post('/api/v1/session', { email: 'a@b.fr' }), 400, 'password');
});

test('signing out ends the session on the server: 204, then 401, even with the old cookie', async () => {
  const c = env.client();
  await c.login(A.accounts.call_agent);
  const cookies = new Map(c.cookies);
  assert.equal(cookies.size, 1);
  assert.equal((await c.get('/api/v1/households')).status, 200);

  // Signing out is a state change: it needs the token too.
  assertProblem(await c.delete('/api/v1/session', { headers: { 'x-csrf-token': 'nope' } }), 403);
  assert.equal((await c.get('/api/v1/session')).status, 200, 'still signed in');

  const out = await c.delete('/api/v1/session');
  assert.equal(out.status, 204, out.text);
  assert.equal(out.text, '');
  assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/i);
  assert.equal(c.cookies.size, 0, 'the cookie is cleared');
  assertProblem(await c.get('/api/v1/session'), 401);
  assertProblem(await c.get('/api/v1/households'), 401);

  // Replaying the old cookie does not bring the session back.
  const replay = new Client(env.url);
  replay.cookies = cookies;
  replay.csrfToken = c.csrfToken;
  assertProblem(await replay.get('/api/v1/households'), 401);
  assertProblem(await replay.delete('/api/v1/session'), 401);
  // The other sessions of the organisation live on.
  assert.equal((await agent.get('/api/v1/households')).status, 200);
});

test('signing out everywhere ends every session of the account, and only those', async () => {
  // The same person on three devices, and a colleague.
  const [phone, desk, laptop, colleague] = [env.client(), env.client(), env.client(), env.client()];
  for (const c of [phone, desk, laptop]) await c.login(A.accounts.reception);
  await colleague.login(A.accounts.allocation);
  assertProblem(await desk.delete('/api/v1/session?everywhere=maybe'), 400);
  assert.equal((await desk.get('/api/v1/session')).status, 200, 'a refused request ends nothing');

  const out = await desk.delete('/api/v1/session?everywhere=true');
  assert.equal(out.status, 204, out.text);
  for (const c of [phone, desk, laptop]) assertProblem(await c.get('/api/v1/households'), 401);
  assert.equal((await colleague.get('/api/v1/households')).status, 200);
});

test('the session cookie is HttpOnly and SameSite=Strict', async () => {
  const c = env.client();
  const res = await c.login(A.accounts.caretaker);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Strict/i);
  assert.match(cookie, /Path=\//);
});
