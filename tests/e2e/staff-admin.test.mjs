// Staff administration in Chromium: the administrator invites a colleague from "Administration",
// the colleague opens the link in a fresh browser (no session), chooses a password and signs in.
// axe-core (WCAG 2.1 A and AA) finds nothing on the administration and invitation pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name} (${page.url()}):\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  server = await startDemoServer({ households: 10 });
});
after(() => server?.stop());

test('invite from Administration, accept in a fresh browser, sign in', async () => {
  const adminBrowser = await launchBrowser();
  let link;
  try {
    const page = await adminBrowser.newPage();
    await login(page, server.url, server.accounts.administrator);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByRole('table', { name: 'Comptes du personnel de votre organisme' }).waitFor();
    await checkPage(page, 'staff-admin');

    const invite = page.getByRole('region', { name: 'Inviter une personne' });
    await invite.getByLabel(/^Adresse e-mail/).fill('lea.martin@example.fr');
    await invite.getByLabel(/^Nom affiché/).fill('Léa Martin');
    await invite.getByRole('checkbox', { name: 'Accueil' }).check();
    await invite.getByRole('button', { name: 'Créer l’invitation' }).click();
    const linkField = page.getByLabel('Lien à transmettre');
    await linkField.waitFor();
    link = await linkField.inputValue();
    assert.match(link, /\/invitation\/[A-Za-z0-9_-]{22}$/);
    await page.getByText('Léa Martin — lea.martin@example.fr').waitFor();
    await checkPage(page, 'staff-admin-invited');
  } finally {
    await adminBrowser.close();
  }

  const fresh = await launchBrowser();
  try {
    const page = await fresh.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Invitation à Relais' }).waitFor();
    await page.getByText(/vous invite à utiliser Relais avec l’adresse lea\.martin@example\.fr/).waitFor();
    await checkPage(page, 'invitation');
    await page.getByLabel(/^Mot de passe/).fill('une phrase assez longue');
    await page.getByLabel(/^Confirmez/).fill('une phrase assez longue');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText(/Votre compte est créé/).waitFor();
    await checkPage(page, 'invitation-accepted');
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion/);
    await page.getByLabel('Adresse e-mail').fill('lea.martin@example.fr');
    await page.getByLabel('Mot de passe').fill('une phrase assez longue');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => !/connexion|invitation/.test(url.pathname));
    await page.getByText('Connecté·e : Léa Martin').waitFor();
    // A receptionist has no administration.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Administration' }).count(), 0);
  } finally {
    await fresh.close();
  }
});
