// The tenant portal in Chromium on a small phone screen: the tenant reference, a code received by
// SMS (spool file), "Mon logement" with the household's own data, sign-out; axe-core on each page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, axeViolations, launchBrowser, screenshot, startDemoServer } from './harness.mjs';

let server, browser, page, spool, household;

async function checkPage(name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  server = await startDemoServer({ households: 20, env: { RELAIS_NOTIFY_SMS_SPOOL_DIR: spool } });
  const api = server.client();
  await api.login(server.accounts.manager);
  const item = (await api.get('/api/v1/households?limit=5')).body.items[1];
  household = (await api.get(`/api/v1/households/${item.id}`)).body;
  browser = await launchBrowser({ viewport: { width: 360, height: 640 } });
  page = await browser.newPage();
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

test('activation with the reference and a code, then "Mon logement"', async () => {
  await page.goto(`${server.url}/locataire`);
  await page.getByRole('heading', { name: 'Espace locataire' }).waitFor();
  await checkPage('tenant-sign-in');
  await page.getByLabel('Référence locataire').fill(household.reference);
  await page.getByRole('button', { name: 'Recevoir un code' }).click();
  await page.getByText(/un code vient d’être envoyé \(SMS au 06 •• •• •• \d\d\)/).waitFor();
  await checkPage('tenant-code-sent');
  await page.getByLabel('Code reçu (6 chiffres)').fill(await smsCode());
  await page.getByRole('button', { name: 'Entrer' }).click();
  await page.getByRole('heading', { name: 'Mon logement' }).waitFor();
  await page.getByRole('heading', { name: 'Personnes du foyer' }).waitFor();
  const text = await page.locator('main').innerText();
  assert.ok(text.includes(household.members[0].first_name));
  assert.ok(!text.includes(household.members[0].last_name), 'first names only');
  await checkPage('tenant-home');
  await page.getByRole('button', { name: 'Me déconnecter', exact: true }).click();
  await page.getByRole('button', { name: 'Recevoir un code' }).waitFor();
});
