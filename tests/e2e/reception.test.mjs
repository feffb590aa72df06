// Reception by appointment in Chromium (issue 7), on the demo's sites and reasons (nothing set up
// by hand): a tenant, on a small phone screen, books a key handover in the tenant portal; the
// reception desk finds it in its day view, records the arrival and marks it seen; the setup page
// shows the sites, reasons, hours and holidays. axe-core on each page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server, browser, spool, household, api;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  server = await startDemoServer({ households: 20, env: { RELAIS_NOTIFY_SMS_SPOOL_DIR: spool } });
  api = server.client();
  await api.login(server.accounts.manager);
  const item = (await api.get('/api/v1/households?limit=5')).body.items[2];
  household = (await api.get(`/api/v1/households/${item.id}`)).body;
  browser = await launchBrowser({ viewport: { width: 360, height: 640 } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

async function smsCode() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const f of (await readdir(spool)).filter((n) => n.endsWith('.json'))) {
      const sms = JSON.parse(await readFile(join(spool, f), 'utf8'));
      if (sms.to === household.phones[0].number) return /(\d{6})/.exec(sms.text)[1];
    }
    if (Date.now() > deadline) throw new Error('no SMS');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let booked;  // { date, time } of the tenant's appointment, as the API gives it

test('a tenant books a key handover in the tenant portal', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/locataire`);
  await page.getByLabel('Référence locataire').fill(household.reference);
  await page.getByRole('button', { name: 'Recevoir un code' }).click();
  await page.getByLabel('Code reçu (6 chiffres)').fill(await smsCode());
  await page.getByRole('button', { name: 'Entrer' }).click();
  await page.getByRole('heading', { name: 'Mes rendez-vous', exact: true }).waitFor();
  await page.getByText('Vous n’avez pas de rendez-vous à venir.').waitFor();
  await page.getByRole('button', { name: 'Prendre rendez-vous' }).click();
  await page.getByRole('heading', { name: 'Pourquoi voulez-vous venir ?' }).waitFor();
  const choices = await page.getByRole('list').first().innerText();
  assert.ok(!choices.includes('Signature du bail'), 'lease signing is booked by staff only');
  await checkPage(page, 'reception-tenant-reasons');
  await page.getByRole('button', { name: /Remise des clés/ }).click();
  // The demo has one site per agency: choose the first when asked.
  const where = page.getByRole('heading', { name: 'Où ?' });
  const when = page.getByRole('heading', { name: 'Quel jour, à quelle heure ?' });
  await Promise.race([where.waitFor(), when.waitFor()]);
  if (await where.isVisible()) {
    await checkPage(page, 'reception-tenant-site');
    await page.getByRole('button', { name: /^Accueil/ }).first().click();
  }
  await when.waitFor();
  const firstTime = page.getByRole('button', { name: /^Le .* à \d+ h \d\d$/ }).first();
  await firstTime.waitFor();
  await checkPage(page, 'reception-tenant-slots');
  await firstTime.click();
  await page.getByRole('heading', { name: 'Vérifiez et confirmez' }).waitFor();
  await page.getByText("Pièce d'identité").waitFor();
  await checkPage(page, 'reception-tenant-confirm');
  await page.getByRole('button', { name: 'Confirmer le rendez-vous' }).click();
  await page.getByText(/Votre rendez-vous est pris : Remise des clés, le .* à \d+\sh\s\d\d/).waitFor();
  await page.getByRole('button', { name: 'Annuler ce rendez-vous' }).waitFor();
  await checkPage(page, 'reception-tenant-booked');
  await page.close();

  const list = (await api.get(`/api/v1/appointments?household_id=${household.id}`)).body.items;
  assert.equal(list.length, 1, JSON.stringify(list));
  assert.equal(list[0].booked_by, 'tenant');
  assert.equal(list[0].reason_name, 'Remise des clés');
  booked = list[0];
});

test('the desk records the arrival and marks the appointment seen in its day view', async () => {
  assert.ok(booked, 'the tenant booked');
  // The desk works on a desktop, in its own browser.
  const desk = await launchBrowser();
  const page = await desk.newPage();
  await login(page, server.url, server.accounts.reception);
  await page.goto(`${server.url}/rendez-vous?date=${booked.date}`);
  await page.getByRole('heading', { name: 'Accueil du jour' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: booked.person_name });
  await row.waitFor();
  assert.ok((await row.innerText()).includes('Prévu'));
  await checkPage(page, 'reception-day');
  await page.getByRole('button', { name: `Noter l’arrivée de ${booked.person_name} (rendez-vous de ${booked.time})` }).click();
  await page.getByText(`Arrivée de ${booked.person_name} (${booked.time}) notée.`).waitFor();
  await page.getByRole('button', { name: `Noter que ${booked.person_name} a été reçu·e (rendez-vous de ${booked.time})` }).click();
  await page.getByText(`${booked.person_name} (${booked.time}) : reçu·e.`).waitFor();
  await row.getByText('Reçu·e').waitFor();
  await checkPage(page, 'reception-day-seen');
  assert.equal((await api.get(`/api/v1/appointments/${booked.id}`)).body.state, 'seen');

  await page.getByRole('link', { name: 'Sites, motifs et horaires' }).click();
  await page.getByRole('heading', { name: 'Configuration de l’accueil' }).waitFor();
  await page.getByRole('heading', { name: /Jours fériés \d{4}/ }).waitFor();
  await page.getByRole('cell', { name: 'Remise des clés' }).waitFor();
  await checkPage(page, 'reception-setup');
  await desk.close();
});
