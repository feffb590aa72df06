// The second factor in Chromium (ADR 0009): a staff member enrols it from "Mon compte" (QR code,
// the key to type, a code of it, the 10 recovery codes shown once), signs out, and signs in again
// with the password then a code. TOTP codes are computed here from the key shown on the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addUser } from '../api/harness.mjs';
import { totp } from '../api/totp.mjs';
import { axeViolations, launchBrowser, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;
let page;
let account;
let secret;

async function checkPage(name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

async function signIn({ email, password }) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

before(async () => {
  server = await startDemoServer({ households: 5 });
  account = await addUser(server.database, {
    email: 'mfa.agent@demo.relais.test', password: 'un mot de passe assez long', roles: ['call_agent'], organisation: 1,
  });
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('enrols the second factor in Mon compte, with the recovery codes shown once', async () => {
  await page.goto(`${server.url}/mon-compte`);
  await page.waitForURL(/\/connexion/);
  await signIn(account);
  await page.waitForURL((url) => url.pathname === '/mon-compte');
  await page.getByRole('heading', { level: 2, name: 'Sécurité' }).waitFor();
  await page.getByText(/n’est pas encore activée/).waitFor();
  await checkPage('account-mfa-off');

  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  const qr = page.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' });
  await qr.waitFor();
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR code image is drawn (CSP img-src data:)');
  const keyText = await page.locator('.mfa-enrolment__secret').innerText();
  secret = keyText.split(/\s/).filter(Boolean).at(-1);
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  const code = page.getByLabel('Code affiché par l’application');
  assert.equal(await code.evaluate((el) => el === document.activeElement), true);
  assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
  await checkPage('account-mfa-enrol');

  await code.fill(totp(secret));
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await page.getByRole('heading', { name: 'Vos 10 codes de secours' }).waitFor();
  const codes = await page.locator('.mfa-codes__list li').allInnerTexts();
  assert.equal(codes.length, 10);
  for (const c of codes) assert.match(c, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  await checkPage('account-mfa-codes');

  await page.getByRole('button', { name: 'J’ai noté mes codes de secours' }).click();
  await page.getByText('La double authentification est activée.').waitFor();
  assert.equal(await page.locator('.mfa-codes__list').count(), 0, 'the codes are not shown again');
});

test('signs in again with the password, then a code of the app', async () => {
  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
  await page.waitForURL(/\/connexion/);
  await signIn(account);
  await page.getByRole('heading', { level: 1, name: 'Vérification en deux étapes' }).waitFor();
  const code = page.getByLabel('Code de vérification');
  assert.equal(await code.evaluate((el) => el === document.activeElement), true);

  await code.fill('000000');
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.locator('#mfa-code-error').waitFor();
  await checkPage('login-mfa-wrong-code');

  // The enrolment used this step's code: the next step's is accepted (one step of drift).
  await code.fill(totp(secret, 1));
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  const session = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
  assert.equal(session.mfa.enabled, true);
});
