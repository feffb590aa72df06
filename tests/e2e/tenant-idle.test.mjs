// The tenant portal's idle time-out in Chromium (RGAA 13.1), on a server whose tenant sessions end
// after 2 minutes without a request (RELAIS_TENANT_IDLE_MINUTES=2, the smallest setting that leaves
// room for a warning: the server slides a deadline at most once a minute). The warning is an alert
// dialog with the focus on "Rester connecté·e"; pressing it keeps the session on the server past
// its first deadline (real time: the server's clock is not driven by the test); doing nothing signs
// the tenant out to the sign-in page with a message. "Me déconnecter de tous mes appareils" ends
// the session of another browser of the same tenant. Takes about two and a half minutes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { smsCode } from '../api/sms.mjs';
import { ROOT, axeViolations, launchBrowser, screenshot, startDemoServer } from './harness.mjs';

const IDLE_MINUTES = 2;
let server, spool, first, second, households;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

/** Signs the tenant of `household` in on `page` with the code sent by SMS; resolves to the time of it. */
async function signInByCode(page, household) {
  await page.goto(`${server.url}/locataire`);
  await page.getByLabel('Référence locataire').fill(household.reference);
  await page.getByRole('button', { name: 'Recevoir un code' }).click();
  await page.getByText(/un code vient d’être envoyé/).waitFor();
  const { code } = await smsCode(spool, household.phones[0].number);
  await page.getByLabel('Code reçu (6 chiffres)').fill(code);
  await page.getByRole('button', { name: 'Entrer' }).click();
  await page.getByRole('heading', { name: 'Mon logement' }).waitFor();
  return Date.now();
}

/** The status of a request of the tenant API made by the page (with its cookie). */
function status(page, path) {
  return page.evaluate((p) => fetch(p).then((r) => r.status), path);
}

before(async () => {
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  server = await startDemoServer({
    households: 20,
    env: { RELAIS_NOTIFY_SMS_SPOOL_DIR: spool, RELAIS_TENANT_IDLE_MINUTES: String(IDLE_MINUTES) },
  });
  const api = server.client();
  await api.login(server.accounts.manager);
  // Households whose first phone is a mobile: their code comes by SMS to it.
  households = [];
  for (const item of (await api.get('/api/v1/households?limit=20')).body.items) {
    const h = (await api.get(`/api/v1/households/${item.id}`)).body;
    if (/^(\+33\s?|0)[67]/.test(h.phones?.[0]?.number ?? '')) households.push(h);
    if (households.length === 2) break;
  }
  assert.equal(households.length, 2, 'two demo households with a mobile phone');
  first = await launchBrowser({ viewport: { width: 360, height: 640 } });
  second = await launchBrowser({ viewport: { width: 360, height: 640 } });
});

after(async () => {
  await first?.close();
  await second?.close();
  await server?.stop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

test('"Me déconnecter de tous mes appareils" ends the session of another browser too', async () => {
  const household = households[1];
  const phone = await first.newPage();
  const laptop = await second.newPage();
  // A second sign-in by code would wait a minute: the tenant chooses a password on the phone.
  await signInByCode(phone, household);
  const password = 'une phrase assez longue pour entrer';
  await phone.getByLabel('Nouveau mot de passe').fill(password);
  await phone.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await phone.getByText('Votre mot de passe est enregistré.').waitFor();

  await laptop.goto(`${server.url}/locataire`);
  await laptop.getByRole('button', { name: 'J’ai un mot de passe' }).click();
  await laptop.getByLabel('Référence locataire').fill(household.reference);
  await laptop.getByLabel('Mot de passe').fill(password);
  await laptop.getByRole('button', { name: 'Entrer' }).click();
  await laptop.getByRole('heading', { name: 'Mon logement' }).waitFor();
  assert.equal(await status(phone, '/api/v1/tenant/household'), 200, 'both sessions are open');
  assert.equal(await status(laptop, '/api/v1/tenant/household'), 200, 'both sessions are open');

  await phone.getByRole('button', { name: 'Me déconnecter de tous mes appareils' }).click();
  await phone.getByRole('button', { name: 'Recevoir un code' }).waitFor();
  assert.equal(await status(phone, '/api/v1/tenant/session'), 401);
  assert.equal(await status(laptop, '/api/v1/tenant/household'), 401, 'the other browser is signed out');
  await laptop.reload();
  await laptop.getByRole('heading', { level: 1, name: 'Espace locataire' }).waitFor();
  await laptop.getByRole('button', { name: 'Recevoir un code' }).waitFor();
  await phone.goto('about:blank');
});

test('the warning a minute before; "Rester connecté·e" keeps the session past its first deadline; then doing nothing signs out', async () => {
  const page = await first.newPage();
  // The page's clock runs with the real one until the end, when the test moves it on.
  await page.clock.install();
  const signedIn = await signInByCode(page, households[0]);

  const dialog = page.getByRole('alertdialog', { name: 'Votre session va bientôt expirer' });
  // Signed in just now: the warning opens once a request surely slides the deadline (a minute and
  // a few seconds), a minute before the deadline (2 minutes).
  await dialog.waitFor({ timeout: 90_000 });
  const shownAfter = Date.now() - signedIn;
  assert.ok(shownAfter >= 60_000 && shownAfter < 80_000, `warning after ${shownAfter} ms`);
  assert.match(await dialog.innerText(), /déconnecté·e dans \d+ secondes/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Rester connecté·e', 'focus on the button');
  assert.equal(await page.locator('main.tenant').getAttribute('inert'), '', 'the page behind is inert');
  await checkPage(page, 'tenant-idle-warning');

  await page.getByRole('button', { name: 'Rester connecté·e' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('main.tenant').getAttribute('inert'), null);

  // Past the deadline the server set at sign-in: the session is still open there.
  const firstDeadline = signedIn + IDLE_MINUTES * 60_000;
  await new Promise((r) => setTimeout(r, Math.max(0, firstDeadline + 3_000 - Date.now())));
  assert.equal(await status(page, '/api/v1/tenant/household'), 200, 'still signed in after the first deadline');
  await page.getByRole('heading', { name: 'Mon logement' }).waitFor();

  // Nobody there: the warning again, then the end, the sign-in page and why.
  await page.clock.fastForward(IDLE_MINUTES * 60_000 + 5_000);
  const message = page.getByText(/Vous avez été déconnecté·e après un moment sans activité/);
  await message.waitFor();
  assert.equal(await message.getAttribute('role'), 'alert');
  await page.getByRole('button', { name: 'Recevoir un code' }).waitFor();
  assert.equal(await dialog.count(), 0);
  await checkPage(page, 'tenant-idle-expired');
  // The page ended the session on the server too (its request may still be on the way).
  let after = 0;
  for (let i = 0; i < 50 && (after = await status(page, '/api/v1/tenant/session')) !== 401; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(after, 401);
});
