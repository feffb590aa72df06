// Convocations, notices and the crisis switch in Chromium (issue 7), on the demo's sites and
// reasons: the desk books an appointment for a tenant, and the notice e-mail reaches a local SMTP
// sink with its .ics and its convocation; the appointment's page offers both files and logs the
// notices; the convocation's QR link opens the public /verify page, which shows the date, the
// site and the reason and nothing about the person; a manager switches the site to phone for a
// week in three steps and the appointment is converted; the tenant, on a small phone, sees the
// banner, the appointment now by phone with its .ics, and stops the SMS; the staff member who receives it makes
// their private calendar feed, copies it and revokes it; a manager closes the site for a day from
// the setup page and no slot is offered that day. axe-core on each page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';
import { startSmtpSink } from '../api/smtp-sink.mjs';

// The address the server prints in convocations and e-mails (a reverse proxy's, in production):
// the test opens the same paths on the server it started.
const PUBLIC_URL = 'https://relais.example.fr';
const EMAIL = 'capucine.vernet@example.org';
let server, sink, spool, api, household, desk, booked, mail;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

/** The text of a PDF (poppler's pdftotext). */
async function pdfText(bytes) {
  const file = join(spool, `doc-${Date.now()}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-']);
  return stdout;
}

/** The one-time code texted to the household's mobile (the SMS spool). */
async function smsCode() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const f of (await readdir(spool)).filter((n) => n.endsWith('.json')).sort().reverse()) {
      const sms = JSON.parse(await readFile(join(spool, f), 'utf8'));
      const m = /Votre code Relais : (\d{6})/.exec(sms.text);
      if (m && sms.to === household.phones[0].number) return m[1];
    }
    if (Date.now() > deadline) throw new Error('no SMS code');
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  sink = await startSmtpSink();
  server = await startDemoServer({
    households: 20,
    env: {
      RELAIS_NOTIFY_SMTP_URL: sink.url,
      RELAIS_NOTIFY_SMTP_FROM: 'accueil@bailleur.example',
      RELAIS_NOTIFY_SMS_SPOOL_DIR: spool,
      RELAIS_PUBLIC_URL: PUBLIC_URL,
    },
  });
  api = server.client();
  await api.login(server.accounts.manager);
  // A household with an e-mail address and a mobile phone, so that both notices go.
  const [building] = (await api.get('/api/v1/buildings?limit=1')).body.items;
  const [dwelling] = (await api.get(`/api/v1/buildings/${building.id}/dwellings`)).body.items;
  const h = await api.post('/api/v1/households', {
    reference: 'AVIS-0001', dwelling_id: dwelling.id, email: EMAIL,
    members: [{ first_name: 'Capucine', last_name: 'Vernet', relation: 'holder' }], phones: [{ number: '06 12 34 56 77' }],
  });
  assert.equal(h.status, 201, h.text);
  household = h.body;
  desk = await launchBrowser();
});

after(async () => {
  await desk?.close();
  await server?.stop();
  await sink?.stop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

test('the desk books for a tenant; the e-mail brings the .ics and the convocation; the appointment’s page offers both and logs the notices', async () => {
  const page = await desk.newPage();
  await login(page, server.url, server.accounts.reception);
  await page.goto(`${server.url}/rendez-vous`);
  await page.getByRole('link', { name: 'Prendre un rendez-vous' }).click();
  await page.getByRole('heading', { level: 1, name: 'Prendre un rendez-vous' }).waitFor();
  await page.getByLabel('Motif du rendez-vous').selectOption({ label: 'Gestion locative (30 min)' });
  await page.getByRole('radio', { name: 'sur place' }).check();
  await page.getByLabel('Rechercher le ménage (nom, référence ou téléphone)').fill('Vernet');
  await page.getByRole('button', { name: /\(AVIS-0001\)/ }).click();
  const slot = page.getByRole('button', { name: /^\d+\sh\s\d\d/ }).first();
  await slot.waitFor();
  await slot.click();
  await page.getByText('Rendez-vous pris').waitFor();
  await page.getByRole('link', { name: /Ouvrir la fiche du rendez-vous/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Rendez-vous de .*Vernet/ }).waitFor();

  const list = (await api.get(`/api/v1/appointments?household_id=${household.id}`)).body.items;
  assert.equal(list.length, 1, JSON.stringify(list));
  booked = list[0];
  assert.equal(booked.mode, 'in_person');
  assert.equal(new URL(page.url()).pathname, `/rendez-vous/${booked.id}`);

  // The e-mail, in French, with the calendar file and the convocation.
  [mail] = await sink.waitFor((m) => m.to.includes(EMAIL) && /^Votre rendez-vous du /.test(m.subject));
  assert.match(mail.text, /Motif : Gestion locative/);
  assert.deepEqual(mail.attachments.map((a) => a.filename), ['rendez-vous.ics', `convocation-${booked.id}.pdf`]);
  assert.match(mail.attachments[0].data.toString('utf8'), /DTSTART;TZID=Europe\/Paris:/);
  assert.equal(mail.attachments[1].data.subarray(0, 5).toString(), '%PDF-');

  // The page's downloads are the same documents.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Convocation (PDF)' }).click()]);
  assert.equal(pdf.suggestedFilename(), `convocation-${booked.id}.pdf`);
  const pdfBytes = await readFile(await pdf.path());
  const text = await pdfText(pdfBytes);
  for (const want of ['Convocation', 'Capucine Vernet', 'Gestion locative', `${PUBLIC_URL}/verify/`]) {
    assert.ok(text.includes(want), `${want} in\n${text}`);
  }
  const [ics] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Fichier d’agenda (.ics)' }).click()]);
  assert.equal(ics.suggestedFilename(), `rendez-vous-${booked.id}.ics`);
  assert.match(await readFile(await ics.path(), 'utf8'), /^BEGIN:VCALENDAR\r\n[\s\S]*SUMMARY:Gestion locative/);

  // The notices log: the booking's e-mail and SMS, sent by the outbox worker.
  const notices = page.getByRole('table', { name: /Messages envoyés au sujet de ce rendez-vous/ });
  for (let i = 0; ; ++i) {
    await notices.waitFor();
    const rows = await notices.getByRole('row').allInnerTexts();
    if (rows.length === 3 && rows.slice(1).every((r) => /Réservation/.test(r) && /Envoyé/.test(r))) {
      assert.ok(rows.some((r) => /E-mail/.test(r)) && rows.some((r) => /SMS/.test(r)), rows.join('\n'));
      break;
    }
    assert.ok(i < 50, `the notices were not sent:\n${rows.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
    await page.reload();
  }
  await checkPage(page, 'reception-appointment');

  // The desk finds the page again from its day view, by the appointment's time.
  await page.goto(`${server.url}/rendez-vous?date=${booked.date}`);
  await page.getByRole('link', { name: /fiche du rendez-vous de .*Vernet/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Rendez-vous de .*Vernet/ }).waitFor();
  await page.close();
});

test('the convocation’s QR link opens the public page: valid, with the date, the site and the reason only', async () => {
  assert.ok(booked && mail, 'booked');
  const link = /https:\/\/relais\.example\.fr\/verify\/[A-Za-z0-9_.-]+/.exec(mail.text)[0].replace(/\.$/, '');
  // The convocation prints the link its QR code encodes (convocation.cc); the e-mail gives the same.
  const attached = await pdfText(mail.attachments[1].data);
  assert.ok(attached.replace(/\s+/g, '').includes(link), `the convocation prints ${link}`);
  // Someone checking it has no account: a fresh browser, no session.
  const stranger = await launchBrowser({ viewport: { width: 360, height: 640 } });
  try {
    const page = await stranger.newPage();
    await page.goto(server.url + link.slice(PUBLIC_URL.length));
    await page.getByText('Convocation valable').first().waitFor();
    const body = await page.locator('body').innerText();
    const site = (await api.get('/api/v1/reception/sites')).body.items.find((s) => s.id === booked.site_id);
    assert.ok(body.includes(site.name), body);
    assert.ok(body.includes('Gestion locative'), body);
    assert.match(body, new RegExp(`à ${Number(booked.time.slice(0, 2))} h ${booked.time.slice(3)}`));
    for (const secret of ['Capucine', 'Vernet', 'AVIS-0001', EMAIL, '06 12 34 56 77', '0612345677']) {
      assert.ok(!body.includes(secret), `the public page reveals ${secret}`);
    }
    await checkPage(page, 'reception-verify');
  } finally {
    await stranger.close();
  }
});

test('a manager switches the site to phone for a week: the count first, then the appointment converted and the person notified', async () => {
  assert.ok(booked, 'booked');
  const page = await desk.newPage();
  await page.context().clearCookies();
  await login(page, server.url, server.accounts.manager);
  await page.goto(`${server.url}/rendez-vous`);
  await page.getByRole('link', { name: 'Basculer l’accueil à distance' }).click();
  await page.getByRole('heading', { level: 1, name: 'Basculer l’accueil à distance' }).waitFor();
  await page.getByText('Aucune bascule en cours ou à venir').waitFor();
  await checkPage(page, 'reception-crisis-form');
  const end = new Date(Date.parse(`${booked.date}T12:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Site d’accueil').selectOption({ label: booked.site_name });
  await page.getByLabel(/Premier jour/).fill(booked.date);
  await page.getByLabel(/Dernier jour/).fill(end);
  await page.getByRole('radio', { name: 'Par téléphone' }).check();
  await page.getByRole('radio', { name: /Les convertir quand leur motif le permet/ }).check();
  const message = `L’${booked.site_name} reçoit uniquement par téléphone cette semaine.`;
  await page.getByLabel('Message aux locataires').fill(message);
  await page.getByRole('button', { name: 'Vérifier avant de basculer' }).click();

  await page.getByRole('heading', { name: 'Confirmer la bascule' }).waitFor();
  await page.getByText('1 rendez-vous sur place est prévu pendant la période :').waitFor();
  await page.getByText('1 passera par téléphone ;').waitFor();
  await checkPage(page, 'reception-crisis-confirm');
  assert.equal((await api.get(`/api/v1/appointments/${booked.id}`)).body.mode, 'in_person', 'nothing done before confirming');
  await page.getByRole('button', { name: 'Basculer et prévenir 1 personne' }).click();
  await page.getByRole('heading', { name: 'Bascule faite' }).waitFor();
  await page.getByText('Rendez-vous convertis : 1 ; annulés : 0 ; personnes prévenues : 1.').first().waitFor();
  await checkPage(page, 'reception-crisis-done');
  await page.close();

  assert.equal((await api.get(`/api/v1/appointments/${booked.id}`)).body.mode, 'phone');
  const [notice] = await sink.waitFor((m) => m.to.includes(EMAIL) && /aura lieu à distance$/.test(m.subject));
  assert.ok(notice.text.includes(message), notice.text);
});

test('the tenant sees the banner, the appointment now by phone with its calendar file, and stops the SMS', async () => {
  assert.ok(booked, 'booked');
  const phone = await launchBrowser({ viewport: { width: 360, height: 640 } });
  try {
    const page = await phone.newPage();
    await page.goto(`${server.url}/locataire`);
    await page.getByLabel('Référence locataire').fill(household.reference);
    await page.getByRole('button', { name: 'Recevoir un code' }).click();
    await page.getByLabel('Code reçu (6 chiffres)').fill(await smsCode());
    await page.getByRole('button', { name: 'Entrer' }).click();
    const banner = page.getByRole('region', { name: 'Accueil modifié' });
    await banner.waitFor();
    const text = await banner.innerText();
    assert.ok(text.includes(`L’${booked.site_name} reçoit uniquement par téléphone cette semaine.`), text);
    assert.match(text, /Du .* au .* : rendez-vous par téléphone\./);
    const item = page.getByRole('listitem').filter({ hasText: 'Gestion locative' });
    await item.getByText('par téléphone : nous vous appelons').waitFor();
    assert.equal(await item.getByRole('link', { name: /Ma convocation/ }).count(), 0, 'no convocation by phone');
    const [ics] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: /Ajouter à mon agenda \(\.ics\)/ }).click()]);
    assert.match(await readFile(await ics.path(), 'utf8'), /SUMMARY:Gestion locative/);

    const box = page.getByRole('checkbox', { name: 'Recevoir aussi un SMS' });
    assert.equal(await box.isChecked(), true);
    await checkPage(page, 'reception-tenant-banner');
    await box.uncheck();
    await page.getByText('C’est noté : vous ne recevrez plus de SMS sur vos rendez-vous.').waitFor();
    await checkPage(page, 'reception-tenant-sms-off');
  } finally {
    await phone.close();
  }
  // The next notice goes by e-mail only.
  const res = await api.post(`/api/v1/appointments/${booked.id}/events`, { event: 'cancel_by_landlord', reason: 'Essai' });
  assert.equal(res.status, 200, res.text);
  await sink.waitFor((m) => m.to.includes(EMAIL) && /est annulé$/.test(m.subject));
  const log = (await api.get(`/api/v1/appointments/${booked.id}/notices`)).body.items;
  assert.deepEqual(log.filter((n) => n.kind === 'cancelled').map((n) => n.channel), ['email']);
});

test('the staff member who receives makes a private calendar feed from Mon compte, copies it and revokes it', async () => {
  assert.ok(booked, 'booked');
  const browser = await launchBrowser({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const page = await browser.newPage();
    const receiver = Object.values(server.accounts).find((a) => a.role === 'manager');
    assert.equal(booked.staff_name, (await api.get('/api/v1/session')).body.user.display_name, 'the demo manager receives it');
    await login(page, server.url, receiver);
    await page.goto(`${server.url}/mon-compte`);
    await page.getByRole('link', { name: 'Gérer mon adresse d’agenda' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon agenda de rendez-vous' }).waitFor();
    await page.getByText('Vous n’avez pas d’adresse d’agenda.').waitFor();
    await page.getByRole('button', { name: 'Créer mon adresse d’agenda' }).click();
    const field = page.getByLabel('Adresse de l’agenda');
    await field.waitFor();
    const url = await field.inputValue();
    assert.match(url, /^https:\/\/relais\.example\.fr\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    await page.getByRole('button', { name: 'Copier l’adresse' }).click();
    await page.getByText('Adresse copiée.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
    await checkPage(page, 'reception-calendar-feed');
    // The calendar application reads it without a session.
    const feed = await fetch(server.url + url.slice(PUBLIC_URL.length));
    assert.equal(feed.status, 200);
    assert.match(await feed.text(), /SUMMARY:Gestion locative/);

    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Révoquer l’adresse' }).click();
    await page.getByText('Votre adresse d’agenda est révoquée : elle ne fonctionne plus.').waitFor();
    assert.equal((await fetch(server.url + url.slice(PUBLIC_URL.length))).status, 404);
  } finally {
    await browser.close();
  }
});

test('a manager closes the site for a day from the setup page: no slot that day, until the closure is removed', async () => {
  const sites = (await api.get('/api/v1/reception/sites')).body.items;
  const site = sites[0];
  const reason = (await api.get('/api/v1/reception/reasons')).body.items.find((r) => r.name === 'Gestion locative');
  const slotsOn = async (day) => (await api.get(`/api/v1/reception/slots?reason_id=${reason.id}&site_id=${site.id}&mode=in_person&from=${day}&to=${day}`)).body.items;
  // The next weekday (not a holiday) with free slots at the site, three weeks ahead.
  let day;
  for (let i = 21; !day; ++i) {
    const d = new Date(Date.now() + i * 86_400_000).toISOString().slice(0, 10);
    if ((await slotsOn(d)).length > 0) day = d;
  }
  const page = await desk.newPage();
  await page.context().clearCookies();
  await login(page, server.url, server.accounts.manager);
  await page.goto(`${server.url}/rendez-vous/configuration`);
  const closures = page.getByRole('region', { name: 'Fermetures exceptionnelles' });
  await closures.getByText('Aucune fermeture en cours ou à venir.').waitFor();
  await closures.getByRole('button', { name: 'Ajouter une fermeture' }).click();
  await closures.getByLabel('Site d’accueil').selectOption({ label: site.name });
  await closures.getByLabel(/^Du/).fill(day);
  await closures.getByLabel(/^Au \(inclus\)/).fill(day);
  await closures.getByLabel(/^Motif \(facultatif\)/).fill('Inventaire');
  await checkPage(page, 'reception-setup-closure-form');
  await closures.getByRole('button', { name: 'Enregistrer' }).click();
  const row = closures.getByRole('listitem').filter({ hasText: 'Inventaire' });
  await row.waitFor();
  assert.deepEqual(await slotsOn(day), [], 'no slot on a closed day');
  await checkPage(page, 'reception-setup-closed');

  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: /^Retirer la fermeture/ }).click();
  await closures.getByText('Aucune fermeture en cours ou à venir.').waitFor();
  assert.ok((await slotsOn(day)).length > 0, 'the slots are back');
  await page.close();
});
