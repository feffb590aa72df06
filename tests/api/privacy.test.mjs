// Personal data through the API, on both engines (docs/privacy.md): the subject-access export in
// JSON and PDF for the data protection officer and administrators (a call agent is refused, another
// landlord's household is not found), and the anonymisation: neutral values, search no longer
// finds the old name, edits refused, audit entries kept and `relais audit verify` still passing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runRelais } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';

let region, dpo, admin, agent, manager, dpoB;
let household;  // made through the API, so its names are known

before(async () => {
  region = await startDemoRegion({ landlords: 2, households: 20 });
  const [a, b] = region.landlords;
  [dpo, admin, agent, manager, dpoB] = [region.client(), region.client(), region.client(), region.client(), region.client()];
  await dpo.login(a.data_protection);
  await admin.login(a.administrator);
  await agent.login(a.call_agent);
  await manager.login(a.manager);
  await dpoB.login(b.data_protection ?? b.administrator ?? b.manager);  // another landlord's staff
  const dwelling = (await manager.get('/api/v1/households?limit=1')).body.items[0];
  const full = (await manager.get(`/api/v1/households/${dwelling.id}`)).body;
  const building = (await manager.get(`/api/v1/buildings/${full.building_id}`)).body;
  const d = await manager.post('/api/v1/dwellings', {
    reference: 'LGT-RGPD-1', building_id: building.id, rooms: 3, surface_m2: 61.5, financing: 'PLUS', rent_cents: 41_000, charges_cents: 6_000,
  });
  assert.equal(d.status, 201, d.text);
  const h = await agent.post('/api/v1/households', {
    reference: 'TEN-RGPD-1', dwelling_id: d.body.id, email: 'heloise.quemener@example.org', notes: 'Préfère être appelée le matin.',
    members: [
      { first_name: 'Héloïse', last_name: 'Quéméner', relation: 'holder', birth_date: '1958-04-12' },
      { first_name: 'Maël', last_name: 'Quéméner', relation: 'child', birth_date: '2011-09-30' },
    ],
    phones: [{ number: '0699887766', label: 'mobile' }],
    lease: { start_date: '2015-03-01', rent_cents: 41_000, charges_cents: 6_000 },
  });
  assert.equal(h.status, 201, h.text);
  household = h.body;
  assert.equal((await agent.get(`/api/v1/households/${household.id}`)).status, 200);  // a read, in the trail
  // An outreach need with its words: in the export, then cleared by the anonymisation.
  const need = await agent.post(`/api/v1/households/${household.id}/needs`, { category: 'food', description: 'Frigo vide depuis lundi' });
  assert.equal(need.status, 201, need.text);
});
after(() => region?.stop());

/** The raw bytes of a GET by `client` (the harness reads bodies as text, which would spoil a PDF). */
async function bytesOf(client, path) {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(client.baseUrl + path, { headers: { cookie } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'relais-pdf-'));
  try {
    const file = join(dir, 'export.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the JSON export holds the household, its members, dwelling, building and who looked at it', async () => {
  const res = await dpo.get(`/api/v1/households/${household.id}/subject-access?format=json`);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="droit-acces-menage-\d+\.json"/);
  const s = res.body;
  assert.equal(s.household.id, household.id);
  assert.deepEqual(s.household.members.map((m) => `${m.first_name} ${m.last_name}`), ['Héloïse Quéméner', 'Maël Quéméner']);
  assert.equal(s.household.email, 'heloise.quemener@example.org');
  assert.equal(s.household.phones[0].number, '0699887766');
  assert.equal(s.dwelling.reference, 'LGT-RGPD-1');
  assert.equal(s.building.id, s.dwelling.building_id);
  const ops = s.audit_entries.map((e) => e.operation);
  assert.ok(ops.includes('read'), JSON.stringify(s.audit_entries));
  const agentId = (await agent.get('/api/v1/session')).body.user.id;
  assert.ok(s.audit_entries.some((e) => e.operation === 'read' && e.user_id === agentId));
  // The export is itself in the trail.
  const views = await dpo.get(`/api/v1/households/${household.id}/views`);
  assert.ok(views.body.items.some((e) => e.operation === 'export'), JSON.stringify(views.body.items));
  // The administrator may export too; the default format is JSON.
  // And what outreach holds about it.
  assert.equal(s.outreach.needs.length, 1);
  assert.equal(s.outreach.needs[0].description, 'Frigo vide depuis lundi');
  assert.equal(s.outreach.needs[0].category, 'food');
  for (const section of ['vulnerability_profiles', 'vulnerability_factors', 'calls', 'call_attempts', 'escalations', 'actions', 'tasks', 'referrals']) {
    assert.ok(Array.isArray(s.outreach[section]), section);
  }
  const byAdmin = await admin.get(`/api/v1/households/${household.id}/subject-access`);
  assert.equal(byAdmin.status, 200);
  assert.equal(byAdmin.body.household.id, household.id);
});

test('the PDF export is a PDF in French that names the household', async () => {
  const res = await bytesOf(dpo, `/api/v1/households/${household.id}/subject-access?format=pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.type, 'application/pdf');
  assert.equal(res.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdfText(res.bytes);
  assert.match(text, /Héloïse Quéméner/);
  assert.match(text, /Droit d'accès/);
  assert.match(text, /LGT-RGPD-1/);
  assert.match(text, /Besoins/);
  assert.match(text, /Frigo vide depuis lundi/);
});

test('a call agent is refused (403), another landlord does not see the household (404), bad format is 400', async () => {
  const refused = await agent.get(`/api/v1/households/${household.id}/subject-access`);
  assert.equal(refused.status, 403);
  assert.equal((await dpoB.get(`/api/v1/households/${household.id}/subject-access`)).status, 404);
  assert.equal((await dpoB.post(`/api/v1/households/${household.id}/anonymise`, { reason: 'x' })).status, 404);
  assert.equal((await admin.post(`/api/v1/households/${household.id}/anonymise`, { reason: 'x' })).status, 403);
  const bad = await dpo.get(`/api/v1/households/${household.id}/subject-access?format=docx`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'format');
  const noReason = await dpo.post(`/api/v1/households/${household.id}/anonymise`, { reason: '  ' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.field, 'reason');
});

test('anonymisation: neutral values, not found by its old name, frozen, audit entries kept and verified', async () => {
  assert.equal((await manager.get('/api/v1/households/search?q=Quéméner')).body.items.length, 1);
  const res = await dpo.post(`/api/v1/households/${household.id}/anonymise`, { reason: "Demande d'effacement reçue le 2 novembre" });
  assert.equal(res.status, 200, res.text);
  const h = (await manager.get(`/api/v1/households/${household.id}`)).body;
  assert.equal(h.anonymised, true);
  assert.equal(h.members.length, 2);
  for (const m of h.members) {
    assert.equal(`${m.first_name} ${m.last_name}`, 'Personne anonymisée');
    assert.equal(m.birth_date, null);
  }
  assert.deepEqual(h.phones, []);
  assert.equal(h.email, '');
  assert.equal(h.notes, '');
  assert.notEqual(h.reference, 'TEN-RGPD-1');
  assert.equal(h.dwelling_reference, 'LGT-RGPD-1');
  assert.ok(!JSON.stringify(h).includes('Quéméner'));
  assert.equal((await manager.get('/api/v1/households/search?q=Quéméner')).body.items.length, 0);
  assert.equal((await manager.get('/api/v1/households/search?q=0699887766')).body.items.length, 0);
  // The outreach free texts are cleared; the need's category stays.
  const exported = (await dpo.get(`/api/v1/households/${household.id}/subject-access`)).body;
  assert.equal(exported.outreach.needs[0].description, '');
  assert.equal(exported.outreach.needs[0].category, 'food');
  // Frozen: no edit, no second anonymisation.
  assert.equal((await agent.patch(`/api/v1/households/${household.id}`, { notes: 'Nouvelle note' })).status, 409);
  assert.equal((await dpo.post(`/api/v1/households/${household.id}/anonymise`, { reason: 'encore' })).status, 409);
  // The audit entries about it are still there, with the anonymisation.
  const deadline = Date.now() + 5000;
  let ops = [];
  while (Date.now() < deadline) {
    ops = (await dpo.get(`/api/v1/households/${household.id}/subject-access`)).body.audit_entries.map((e) => e.operation);
    if (ops.includes('anonymise')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const op of ['create', 'read', 'export', 'anonymise']) assert.ok(ops.includes(op), `${op} in ${ops}`);
  const { stdout } = await runRelais(['audit', 'verify'], { database: region.database.url });
  assert.match(stdout, /Journal d'audit intègre/);
});

test('relais anonymise --due does nothing while retention.household_months is 0', async () => {
  const { stdout } = await runRelais(['anonymise', '--due'], { database: region.database.url });
  assert.match(stdout, /retention\.household_months = 0/);
});

test('relais anonymise --due with a retention set reports what it did and leaves the trail verifiable', async () => {
  const env = { RELAIS_RETENTION_HOUSEHOLD_MONTHS: '1200' };
  const { stdout } = await runRelais(['anonymise', '--due'], { database: region.database.url, env });
  assert.match(stdout, /^\d+ ménage\(s\) anonymisé\(s\) : bail terminé depuis plus de 1200 mois \(avant le \d{4}-\d{2}-\d{2}\)/);
  // Households with a lease in progress are never due.
  const h = (await manager.get('/api/v1/households?limit=1')).body.items[0];
  assert.equal((await manager.get(`/api/v1/households/${h.id}`)).body.anonymised, false);
  const verify = await runRelais(['audit', 'verify'], { database: region.database.url });
  assert.match(verify.stdout, /Journal d'audit intègre/);
});

