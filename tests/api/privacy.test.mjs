// Personal data through the API, on both engines (docs/privacy.md): the subject-access export in
// JSON and PDF for the data protection officer and administrators (a call agent is refused, another
// landlord's household is not found), and the anonymisation: neutral values, search no longer
// finds the old name, edits refused, audit entries kept and `relais audit verify` still passing.
// The household has a record in every module (an outreach need, a support case with a note, a
// rent ledger line and an arrears step, an appointment, a tenant account signed in by SMS code):
// each is in the export, and none of its personal values is left after the anonymisation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, runRelais } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';
import { signInTenant } from './sms.mjs';

let region, dpo, admin, agent, manager, dpoB;
let household;  // made through the API, so its names are known
let spool;      // the SMS the server sends (the tenant's one-time code)
let caseId, appointmentId;  // records of the household: their reads and changes are in its export too
// What identifies or tells about the household, in the records seeded below.
const PERSONAL = ['Héloïse', 'Quéméner', 'QUEMENER', '0699887766', 'heloise.quemener@example.org', 'Préfère être appelée',
  'Frigo vide', 'Gwenaëlle', 'Courrier remis', 'Vient avec sa voisine'];

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  region = await startDemoRegion({ landlords: 2, households: 20, env: { RELAIS_NOTIFY_SMS_SPOOL_DIR: spool } });
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
  // Support: a case with a note.
  const officer = region.client();
  await officer.login(a.social_support);
  const kase = await officer.post(`/api/v1/households/${household.id}/support-cases`, {});
  assert.equal(kase.status, 201, kase.text);
  const note = await officer.post(`/api/v1/support-cases/${kase.body.id}/notes`, { body: 'Sa fille Gwenaëlle gère les papiers' });
  assert.equal(note.status, 201, note.text);
  caseId = kase.body.id;
  assert.equal((await officer.get(`/api/v1/support-cases/${caseId}`)).status, 200);  // a read of the case, in the trail
  // Rent: a ledger line imported from the accounting, and an arrears step with its note.
  const org = (await manager.get('/api/v1/session')).body.user.organisation.id;
  const csv = 'reference_ligne;reference_locataire;date;nature;montant;mode_paiement;libelle\n' +
    'RGPD-L1;TEN-RGPD-1;05/11/2026;paiement;150,00;virement;VIR MME QUEMENER HELOISE\n';
  const file = join(ROOT, 'build/test-tmp', `ledger-rgpd-${process.pid}.csv`);
  await writeFile(file, csv);
  await runRelais(['import', 'ledger', file, '--organisation', String(org)], { database: region.database.url });
  const step = await officer.post(`/api/v1/leases/${household.lease.id}/arrears/steps`, { step: 'reminder', done_on: '2026-11-02', note: 'Courrier remis en main propre' });
  assert.equal(step.status, 201, step.text);
  // Reception: an appointment at a new site, next week.
  const site = await manager.post('/api/v1/reception/sites', { name: 'Accueil RGPD', address: '3 rue du Port', capacity: 2 });
  assert.equal(site.status, 201, site.text);
  const reason = await manager.post('/api/v1/reception/reasons', { kind: 'rental_management', name: 'Point sur le compte', duration_minutes: 30, modes: ['in_person'] });
  assert.equal(reason.status, 201, reason.text);
  const staff = (await manager.get('/api/v1/reception/staff')).body.items[0];
  for (const weekday of [1, 2, 3, 4, 5]) {
    const range = await manager.post('/api/v1/reception/opening-hours', { site_id: site.body.id, staff_user_id: staff.id, weekday, start: '09:00', end: '12:00' });
    assert.equal(range.status, 201, range.text);
  }
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 16 * 86_400_000).toISOString().slice(0, 10);
  const slots = (await manager.get(`/api/v1/reception/slots?reason_id=${reason.body.id}&site_id=${site.body.id}&from=${from}&to=${to}`)).body.items;
  assert.ok(slots.length > 0, 'free slots');
  const booked = await manager.post('/api/v1/appointments', {
    reason_id: reason.body.id, site_id: site.body.id, start_at: slots[0].start_at, household_id: household.id, notes: 'Vient avec sa voisine',
  });
  assert.equal(booked.status, 201, booked.text);
  appointmentId = booked.body.id;
  // Tenant: the account activated and signed in with the code sent by SMS.
  await signInTenant(region.client(), spool, 'TEN-RGPD-1', '0699887766');
});
after(async () => {
  await region?.stop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

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
  // The entries about its records too, named by type and id: the read of its support case, the
  // booking of its appointment; and none about a record of another household.
  assert.ok(s.audit_entries.some((e) => e.operation === 'read' && e.record_type === 'support_case' && e.record_id === caseId),
    JSON.stringify(s.audit_entries));
  assert.ok(s.audit_entries.some((e) => e.operation === 'create' && e.record_type === 'appointment' && e.record_id === appointmentId),
    JSON.stringify(s.audit_entries));
  assert.ok(s.audit_entries.every((e) => e.record_type !== 'household' || e.record_id === household.id));
  // Every lease, with its dwelling.
  assert.equal(s.housing.leases.length, 1);
  assert.equal(s.housing.leases[0].dwelling, 'LGT-RGPD-1');
  assert.equal(s.housing.leases[0].start_date, '2015-03-01');
  assert.equal(s.housing.leases[0].current, 'true');
  // The export is itself in the trail.
  const views = await dpo.get(`/api/v1/households/${household.id}/views`);
  assert.ok(views.body.items.some((e) => e.operation === 'export'), JSON.stringify(views.body.items));
  // The administrator may export too; the default format is JSON.
  // And what outreach holds about it.
  assert.equal(s.outreach.needs.length, 1);
  assert.equal(s.outreach.needs[0].description, 'Frigo vide depuis lundi');
  assert.equal(s.outreach.needs[0].category, 'food');
  for (const section of ['vulnerability_profiles', 'vulnerability_factors', 'calls', 'call_attempts', 'escalations', 'actions', 'deliveries', 'tasks', 'referrals']) {
    assert.ok(Array.isArray(s.outreach[section]), section);
  }
  // What every other module holds about it.
  assert.equal(s.support.cases.length, 1);
  assert.equal(s.support.notes[0].body, 'Sa fille Gwenaëlle gère les papiers');
  assert.ok(s.support.case_events.length >= 1);
  assert.deepEqual(s.rent.ledger_lines.map((l) => [l.label, l.amount_cents]), [['VIR MME QUEMENER HELOISE', '-15000']]);
  // Stored as a day number and a code (ADR 0022), exported as the date and the word.
  assert.deepEqual(s.rent.ledger_lines.map((l) => [l.line_date, l.kind, l.method]), [['2026-11-05', 'payment', 'transfer']]);
  assert.equal(s.rent.arrears_steps[0].note, 'Courrier remis en main propre');
  assert.equal(s.reception.appointments.length, 1);
  assert.equal(s.reception.appointments[0].notes, 'Vient avec sa voisine');
  assert.equal(s.reception.appointments[0].reason, 'Point sur le compte');
  assert.equal(s.tenant.accounts[0].login, 'TEN-RGPD-1');
  assert.equal(s.tenant.accounts[0].status, 'active');
  assert.equal(s.tenant.sessions.length, 1);
  assert.ok(s.tenant.sign_ins.some((e) => e.operation === 'sign_in_code'), JSON.stringify(s.tenant.sign_ins));
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
  for (const heading of ["Dossiers d'accompagnement", 'Notes des dossiers', 'Compte locataire \\(lignes du compte\\)',
    "Étapes de la procédure d'impayé", 'Rendez-vous', 'Compte locataire \\(espace en ligne\\)', 'Connexions et modifications du compte']) {
    assert.match(text, new RegExp(heading), heading);
  }
  assert.match(text, /Gwenaëlle/);
  assert.match(text, /-150,00 €/);
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
  // No personal value left anywhere in the export, in JSON or PDF; the facts stay.
  const json = JSON.stringify(exported);
  for (const value of PERSONAL) assert.ok(!json.includes(value), `${value} is still in the export`);
  const pdf = pdfText((await bytesOf(dpo, `/api/v1/households/${household.id}/subject-access?format=pdf`)).bytes);
  for (const value of PERSONAL) assert.ok(!pdf.includes(value), `${value} is still in the PDF`);
  assert.deepEqual(exported.support.notes, []);
  assert.equal(exported.support.cases[0].state, 'closed');
  assert.equal(exported.rent.ledger_lines[0].amount_cents, '-15000');
  assert.equal(exported.reception.appointments[0].state, 'cancelled_by_landlord');
  assert.deepEqual(exported.tenant.accounts, []);
  assert.deepEqual(exported.tenant.sessions, []);
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

