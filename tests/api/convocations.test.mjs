// Convocations, calendars and notices of appointments through the API (issue 7), on the engine of
// RELAIS_TEST_DB: a booking sends an e-mail (local SMTP sink) in French with its .ics and its
// convocation attached, and an SMS to a fake HTTP gateway; the convocation's QR link verifies
// without login and reveals only date, site and reason; a cancellation makes it no longer valid;
// a staff member's calendar feed is private and revocable; a tenant may opt out of SMS; the
// notices log shows each message's delivery; the crisis switch converts and notifies in one action.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ROOT, startServer } from './harness.mjs';
import { startSmtpSink } from './smtp-sink.mjs';
import { startSmsGateway } from './sms-gateway.mjs';
import { signInTenant } from './sms.mjs';

let server, spool, sink, gateway;
const as = {};
let site, reason, household, day;

const iso = (d) => d.toISOString().slice(0, 10);
async function monday(ahead) {
  const d = new Date(Date.now() + ahead * 86_400_000);
  const holidays = new Set();
  for (const year of [d.getUTCFullYear(), d.getUTCFullYear() + 1]) {
    for (const h of (await as.reception.get(`/api/v1/reception/holidays?year=${year}`)).body.items) holidays.add(h.date);
  }
  while (d.getUTCDay() !== 1 || holidays.has(iso(d))) d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
}
const PUBLIC_URL = 'https://relais.example.fr';
/** The path of a link of this server (the public URL is not the test's address). */
const pathOf = (url) => url.slice(PUBLIC_URL.length);

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  sink = await startSmtpSink();
  gateway = await startSmsGateway({ user: 'bailleur', password: 's3cret' });
  // The tenant's one-time code goes to the gateway too: read from there.
  server = await startServer({
    demo: { households: 10 },
    env: {
      RELAIS_NOTIFY_SMTP_URL: sink.url,
      RELAIS_NOTIFY_SMTP_FROM: 'accueil@bailleur.example',
      RELAIS_NOTIFY_SMS_GATEWAY_URL: gateway.url,
      RELAIS_NOTIFY_SMS_GATEWAY_USER: 'bailleur',
      RELAIS_NOTIFY_SMS_GATEWAY_PASSWORD: 's3cret',
      RELAIS_PUBLIC_URL: PUBLIC_URL,
    },
  });
  for (const role of ['manager', 'reception', 'caretaker']) {
    as[role] = server.client();
    await as[role].login(server.accounts[role]);
  }
  const s = await as.manager.post('/api/v1/reception/sites', { name: 'Accueil République', address: '12 rue de la République', postal_code: '69001', city: 'Lyon', capacity: 2 });
  assert.equal(s.status, 201, s.text);
  site = s.body;
  const r = await as.manager.post('/api/v1/reception/reasons', {
    kind: 'key_handover', name: 'Remise des clés (test)', duration_minutes: 30, modes: ['in_person', 'phone'],
    booked_by: ['staff', 'tenant'], documents: ["Pièce d'identité", 'Attestation d’assurance'],
  });
  assert.equal(r.status, 201, r.text);
  reason = r.body;
  const staff = (await as.manager.get('/api/v1/reception/staff')).body.items[0];
  for (const weekday of [1, 2, 3, 4, 5]) {
    const range = await as.manager.post('/api/v1/reception/opening-hours', { site_id: site.id, staff_user_id: staff.id, weekday, start: '09:00', end: '12:00' });
    assert.equal(range.status, 201, range.text);
  }
  const [building] = (await as.manager.get('/api/v1/buildings?limit=1')).body.items;
  const [dwelling] = (await as.manager.get(`/api/v1/buildings/${building.id}/dwellings`)).body.items;
  const h = await as.manager.post('/api/v1/households', {
    reference: 'CONVOC-1', dwelling_id: dwelling.id, email: 'camille.martin@example.org',
    members: [{ first_name: 'Camille', last_name: 'Martin', relation: 'holder' }], phones: [{ number: '06 12 34 56 42' }],
  });
  assert.equal(h.status, 201, h.text);
  household = h.body;
  day = await monday(8);
});
after(async () => {
  await server?.stop();
  await sink?.stop();
  await gateway?.stop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

async function book(time = 0) {
  const slots = (await as.reception.get(`/api/v1/reception/slots?reason_id=${reason.id}&site_id=${site.id}&from=${day}&to=${day}`)).body.items;
  assert.ok(slots.length > time, JSON.stringify(slots));
  const res = await as.reception.post('/api/v1/appointments', { reason_id: reason.id, site_id: site.id, start_at: slots[time].start_at, household_id: household.id });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

let booked, mail;

test('a booking e-mails the person in French with the .ics and the convocation, and texts them through the gateway', async () => {
  booked = await book();
  [mail] = await sink.waitFor((m) => m.to.includes('camille.martin@example.org') && /Votre rendez-vous du/.test(m.subject));
  assert.match(mail.subject, /^Votre rendez-vous du lundi \d+ \S+ \d{4} à 9 h 00$/);
  assert.match(mail.text, /Bonjour Camille Martin,/);
  assert.match(mail.text, /Votre rendez-vous est enregistré\./);
  assert.match(mail.text, /Motif : Remise des clés \(test\)/);
  assert.match(mail.text, /Lieu : Accueil République, 12 rue de la République, 69001 Lyon/);
  assert.match(mail.text, /- Pièce d'identité/);
  assert.match(mail.text, /justifie votre déplacement/);
  const names = mail.attachments.map((a) => a.filename);
  assert.deepEqual(names, ['rendez-vous.ics', `convocation-${booked.id}.pdf`]);
  const ics = mail.attachments[0].data.toString('utf8');
  assert.match(mail.attachments[0].type, /text\/calendar/);
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART;TZID=Europe\/Paris:\d{8}T090000\r\n/);
  assert.match(ics, /SUMMARY:Remise des clés \(test\)\r\n/);
  assert.match(ics, /STATUS:CONFIRMED/);
  // A real client library reads the attached file (Debian python3-icalendar).
  const file = join(spool, 'attached.ics');
  await writeFile(file, mail.attachments[0].data);
  const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c',
    "import sys; from icalendar import Calendar; c = Calendar.from_ical(open(sys.argv[1],'rb').read()); " +
    "e = c.walk('VEVENT')[0]; print(e.decoded('DTSTART').isoformat(), str(e.get('SUMMARY')))", file]);
  assert.match(stdout, new RegExp(`^${day}T09:00:00\\+0[12]:00 Remise des clés \\(test\\)`));
  const pdf = mail.attachments[1].data;
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const [sms] = await gateway.waitFor((m) => m.to === '0612345642' && /rendez-vous enregistré/.test(m.text));
  assert.match(sms.text, /Remise des clés \(test\), lundi \d+ \S+ \d{4} à 9 h 00, Accueil République/);
  assert.match(sms.authorization, /^Basic /);
});

test('the convocation PDF and the .ics are offered to staff; the convocation names the person, the QR link verifies publicly', async () => {
  const pdf = await rawGet(as.reception, `/api/v1/appointments/${booked.id}/convocation.pdf`);
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-type'), /application\/pdf/);
  const text = await pdfText(pdf.bytes);
  for (const want of ['Convocation', 'Camille Martin', 'Remise des clés (test)', 'Accueil République', "Pièce d'identité", 'service public', `${PUBLIC_URL}/verify/`]) {
    assert.ok(text.includes(want), `${want} in\n${text}`);
  }
  // The same link as the QR code's, as the e-mail gives it.
  const link = /https:\/\/relais\.example\.fr\/verify\/[A-Za-z0-9_.-]+/.exec(mail.text)[0].replace(/\.$/, '');
  assert.ok(text.replace(/\s+/g, '').includes(link), 'the convocation prints the link of its QR code');
  const ics = await as.reception.get(`/api/v1/appointments/${booked.id}/calendar.ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.text, /BEGIN:VEVENT/);
  // The public check: no session, only date, site and reason.
  const anonymous = server.client();
  const page = await anonymous.get(pathOf(link));
  assert.equal(page.status, 200, page.text);
  assert.match(page.headers.get('content-type'), /text\/html/);
  assert.match(page.text, /Convocation valable/);
  assert.match(page.text, /data-status="valid"/);
  assert.match(page.text, /Accueil République, Lyon/);
  assert.match(page.text, /Remise des clés \(test\)/);
  assert.match(page.text, /à 9 h 00/);
  assert.doesNotMatch(page.text, /Camille|Martin|CONVOC|0612345642|camille\.martin/);
  const json = await anonymous.get(`/api/v1/public/convocations/${link.split('/verify/')[1]}`);
  assert.equal(json.status, 200);
  assert.equal(json.body.status, 'valid');
  // A forged or altered token is not genuine, and says nothing.
  const forged = await anonymous.get(pathOf(link).slice(0, -3) + 'AAA');
  assert.equal(forged.status, 404);
  assert.match(forged.text, /non authentique/);
  assert.doesNotMatch(forged.text, /Accueil République/);
  // Staff without the right to read appointments: not found.
  assert.equal((await as.caretaker.get(`/api/v1/appointments/${booked.id}/convocation.pdf`)).status, 404);
  booked.link = link;
});

test('a cancellation e-mails and texts the person; its convocation then reads "no longer valid"', async () => {
  const res = await as.reception.post(`/api/v1/appointments/${booked.id}/events`, { event: 'cancel_by_landlord', reason: 'Agent absent' });
  assert.equal(res.status, 200, res.text);
  const [cancel] = await sink.waitFor((m) => m.to.includes('camille.martin@example.org') && /est annulé$/.test(m.subject));
  assert.match(cancel.text, /Votre rendez-vous est annulé\./);
  assert.deepEqual(cancel.attachments.map((a) => a.filename), ['rendez-vous.ics']);
  assert.match(cancel.attachments[0].data.toString(), /STATUS:CANCELLED/);
  await gateway.waitFor((m) => m.to === '0612345642' && /rendez-vous annulé/.test(m.text));
  const page = await server.client().get(pathOf(booked.link));
  assert.equal(page.status, 200);
  assert.match(page.text, /data-status="no_longer_valid"/);
  assert.match(page.text, /annulé/);
  assert.equal((await as.reception.get(`/api/v1/appointments/${booked.id}/convocation.pdf`)).status, 409);
  // The notices log: each message with its delivery status.
  let log;
  for (let i = 0; i < 50; i++) {
    log = (await as.reception.get(`/api/v1/appointments/${booked.id}/notices`)).body.items;
    if (log.length === 4 && log.every((n) => n.status === 'sent')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(log.map((n) => `${n.kind}/${n.channel}/${n.status}`),
    ['booked/email/sent', 'booked/sms/sent', 'cancelled/email/sent', 'cancelled/sms/sent']);
});

test('a tenant who opts out of SMS gets e-mails only', async () => {
  const tenant = server.client();
  // The one-time code went through the gateway: read it there.
  const sent = await tenant.post('/api/v1/tenant/codes', { reference: 'CONVOC-1' });
  assert.equal(sent.status, 202, sent.text);
  const [codeSms] = await gateway.waitFor((m) => m.to === '0612345642' && /Votre code Relais/.test(m.text));
  const signed = await tenant.post('/api/v1/tenant/session', { reference: 'CONVOC-1', code: /(\d{6})/.exec(codeSms.text)[1] });
  assert.equal(signed.status, 200, signed.text);
  tenant.csrfToken = signed.body.csrf_token;
  assert.deepEqual((await tenant.get('/api/v1/tenant/notice-preferences')).body, { sms: true });
  const off = await tenant.put('/api/v1/tenant/notice-preferences', { sms: false });
  assert.equal(off.status, 200, off.text);
  assert.deepEqual(off.body, { sms: false });
  const before = gateway.received.length;
  const again = await book(1);
  await sink.waitFor((m) => m.to.includes('camille.martin@example.org') && m.text.includes('est enregistré') && m.attachments.some((a) => a.filename === `convocation-${again.id}.pdf`));
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(gateway.received.slice(before).filter((m) => m.to === '0612345642').length, 0);
  // The tenant downloads their own convocation and .ics; another appointment is 404.
  const own = await rawGet(tenant, `/api/v1/tenant/appointments/${again.id}/convocation.pdf`);
  assert.equal(own.status, 200);
  assert.ok((await pdfText(own.bytes)).includes('Camille Martin'));
  assert.equal((await tenant.get(`/api/v1/tenant/appointments/${again.id}/calendar.ics`)).status, 200);
  assert.equal((await tenant.get(`/api/v1/tenant/appointments/${again.id + 1000}/convocation.pdf`)).status, 404);
  booked.again = again;
});

test('a staff member subscribes to a private calendar feed, and revokes it', async () => {
  assert.deepEqual((await as.reception.get('/api/v1/me/calendar-feed')).body, { active: false, created_at: null });
  const made = await as.reception.post('/api/v1/me/calendar-feed');
  assert.equal(made.status, 201, made.text);
  assert.ok(made.body.url.startsWith(`${PUBLIC_URL}/calendar/`) && made.body.url.endsWith('.ics'));
  assert.equal((await as.reception.get('/api/v1/me/calendar-feed')).body.url, undefined, 'the secret is shown once');
  const anonymous = server.client();
  const feed = await anonymous.get(pathOf(made.body.url));
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /text\/calendar/);
  assert.match(feed.text, /X-WR-CALNAME:Rendez-vous Relais/);
  const again = await as.reception.post('/api/v1/me/calendar-feed');
  assert.equal((await anonymous.get(pathOf(made.body.url))).status, 404, 'a new feed revokes the old one');
  assert.equal((await as.reception.delete('/api/v1/me/calendar-feed')).status, 204);
  assert.equal((await anonymous.get(pathOf(again.body.url))).status, 404);
  assert.equal((await as.caretaker.post('/api/v1/me/calendar-feed')).status, 403);
});

test('the crisis switch moves the site to phone for a week: converted, notified in one action, banner shown', async () => {
  const mondayAfter = booked.again.start_at.slice(0, 10);
  const end = iso(new Date(Date.parse(mondayAfter) + 6 * 86_400_000));
  assert.equal((await as.reception.post('/api/v1/reception/crisis-switches', { site_id: site.id, start_date: mondayAfter, end_date: end, mode: 'phone' })).status, 403);
  const bad = await as.manager.post('/api/v1/reception/crisis-switches', { site_id: site.id, start_date: end, end_date: mondayAfter, mode: 'phone' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'end_date');
  const res = await as.manager.post('/api/v1/reception/crisis-switches', {
    site_id: site.id, start_date: mondayAfter, end_date: end, mode: 'phone',
    message: "L'accueil République reçoit uniquement par téléphone cette semaine.",
  });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.body.converted, 1);
  assert.equal(res.body.cancelled, 0);
  assert.equal(res.body.notified, 1);
  const moved = (await as.reception.get(`/api/v1/appointments/${booked.again.id}`)).body;
  assert.equal(moved.mode, 'phone');
  const [notice] = await sink.waitFor((m) => m.to.includes('camille.martin@example.org') && /aura lieu à distance$/.test(m.subject));
  assert.match(notice.text, /reçoit uniquement par téléphone cette semaine/);
  assert.match(notice.text, /maintenu, par téléphone/);
  assert.deepEqual(notice.attachments.map((a) => a.filename), ['rendez-vous.ics']);
  const list = (await as.reception.get('/api/v1/reception/crisis-switches')).body.items;
  assert.equal(list[0].message, "L'accueil République reçoit uniquement par téléphone cette semaine.");
});

test('the waiting list offers a freed slot by e-mail and SMS, saying which slot and how to take it; an opt-out gets the e-mail only', async () => {
  const later = await monday(29);
  const slots = (await as.reception.get(`/api/v1/reception/slots?reason_id=${reason.id}&site_id=${site.id}&from=${later}&to=${later}`)).body.items;
  assert.ok(slots.length >= 5, JSON.stringify(slots));
  const bookFor = async (slot, who) => {
    const res = await as.reception.post('/api/v1/appointments', { reason_id: reason.id, site_id: site.id, start_at: slot.start_at, ...who });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const first = await bookFor(slots[0], { applicant_name: 'Mme Avance', applicant_email: 'avance@example.org' });
  const second = await bookFor(slots[1], { applicant_name: 'M. Second', applicant_email: 'second@example.org' });
  const [building] = (await as.manager.get('/api/v1/buildings?limit=1')).body.items;
  const [dwelling] = (await as.manager.get(`/api/v1/buildings/${building.id}/dwellings`)).body.items;
  const h = await as.manager.post('/api/v1/households', {
    reference: 'ATTENTE-1', dwelling_id: dwelling.id, email: 'lea.attente@example.org',
    members: [{ first_name: 'Léa', last_name: 'Attente', relation: 'holder' }], phones: [{ number: '06 12 34 56 77' }],
  });
  assert.equal(h.status, 201, h.text);
  const waiting = await bookFor(slots[4], { household_id: h.body.id });
  const joined = await as.reception.post(`/api/v1/appointments/${waiting.id}/waitlist`);
  assert.equal(joined.status, 201, joined.text);

  // The 09:30 slot frees up: Léa Attente, first in line, is offered it by e-mail and SMS.
  assert.equal((await as.reception.post(`/api/v1/appointments/${second.id}/events`, { event: 'cancel_by_landlord', reason: 'Désistement' })).status, 200);
  const [offer] = await sink.waitFor((m) => m.to.includes('lea.attente@example.org') && /^Un créneau plus tôt est libre/.test(m.subject));
  assert.match(offer.subject, /^Un créneau plus tôt est libre : lundi \d+ \S+ \d{4} à 9 h 30$/);
  assert.match(offer.text, /Bonjour Léa Attente,/);
  assert.match(offer.text, /Créneau proposé : lundi \d+ \S+ \d{4} à 9 h 30/);
  assert.match(offer.text, /Lieu : Accueil République, 12 rue de la République, 69001 Lyon/);
  assert.match(offer.text, /Votre rendez-vous actuel : lundi \d+ \S+ \d{4} à 11 h 00/);
  assert.match(offer.text, /espace locataire, rubrique « Mes rendez-vous », et choisissez « Prendre ce créneau plus tôt »/);
  assert.deepEqual(offer.attachments, [], 'an offer is not an appointment yet: no .ics, no convocation');
  const [sms] = await gateway.waitFor((m) => m.to === '0612345677' && /un créneau plus tôt est libre/.test(m.text));
  assert.match(sms.text, /Remise des clés \(test\) : lundi \d+ \S+ \d{4} à 9 h 30, au lieu du lundi \d+ \S+ \d{4} à 11 h 00\./);
  let log;
  for (let i = 0; i < 50; i++) {
    log = (await as.reception.get(`/api/v1/appointments/${waiting.id}/notices`)).body.items.filter((n) => n.kind === 'waitlist_offer');
    if (log.length === 2 && log.every((n) => n.status === 'sent')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(log.map((n) => `${n.kind}/${n.channel}/${n.status}`), ['waitlist_offer/email/sent', 'waitlist_offer/sms/sent']);

  // She stops SMS, takes the offer, and asks again for earlier: the 09:00 slot's offer comes by e-mail only.
  const tenant = server.client();
  assert.equal((await tenant.post('/api/v1/tenant/codes', { reference: 'ATTENTE-1' })).status, 202);
  const [codeSms] = await gateway.waitFor((m) => m.to === '0612345677' && /Votre code Relais/.test(m.text));
  const signed = await tenant.post('/api/v1/tenant/session', { reference: 'ATTENTE-1', code: /(\d{6})/.exec(codeSms.text)[1] });
  assert.equal(signed.status, 200, signed.text);
  tenant.csrfToken = signed.body.csrf_token;
  assert.equal((await tenant.put('/api/v1/tenant/notice-preferences', { sms: false })).status, 200);
  const moved = await tenant.post(`/api/v1/tenant/waitlist/${joined.body.id}/accept`);
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.start_at, slots[1].start_at);
  assert.equal((await tenant.post(`/api/v1/tenant/appointments/${moved.body.id}/waitlist`)).status, 201);
  const smsBefore = gateway.received.filter((m) => m.to === '0612345677').length;
  assert.equal((await as.reception.post(`/api/v1/appointments/${first.id}/events`, { event: 'cancel_by_landlord', reason: 'Désistement' })).status, 200);
  await sink.waitFor((m) => m.to.includes('lea.attente@example.org') && /^Un créneau plus tôt est libre : .* à 9 h 00$/.test(m.subject));
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(gateway.received.filter((m) => m.to === '0612345677').length, smsBefore, 'no SMS after the opt-out');
  const kinds = (await as.reception.get(`/api/v1/appointments/${moved.body.id}/notices`)).body.items.map((n) => `${n.kind}/${n.channel}`);
  assert.ok(kinds.includes('waitlist_offer/email') && !kinds.includes('waitlist_offer/sms'), kinds.join());
});

/** A GET whose body is binary (a PDF), with the client's session cookies. */
async function rawGet(client, path) {
  const headers = client.cookies.size ? { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  const res = await fetch(server.url + path, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The text of a PDF (poppler's pdftotext). */
async function pdfText(bytes) {
  const file = join(spool, `doc-${Date.now()}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-']);
  return stdout;
}
