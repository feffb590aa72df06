// The session in Chromium: a refused login said in words, the idle time-out warning one minute
// before (with "Rester connecté·e"), and after the time-out a clear message and the login page,
// then back to the form with what had been typed (RGAA 13.1). The page's clock is driven by
// Playwright (page.clock), so the test does not wait fifteen minutes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;
let page;
let householdId;

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
  server = await startDemoServer({ households: 20 });
  const api = server.client();
  await api.login(server.accounts.call_agent);
  householdId = (await api.get('/api/v1/households?limit=1')).body.items[0].id;
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.clock.install();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a wrong password is said in words, and what was typed stays', async () => {
  await page.goto(`${server.url}/menages`);
  await page.waitForURL(/\/connexion\?retour=%2Fmenages/);
  await signIn({ email: server.accounts.call_agent.email, password: 'pas-le-bon' });
  const summary = page.getByRole('heading', { name: 'La connexion n’a pas abouti' });
  await summary.waitFor();
  assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), server.accounts.call_agent.email);
  await checkPage('login-refused');
});

test('signing in goes back to the page asked for', async () => {
  await page.getByLabel('Mot de passe').fill(server.accounts.call_agent.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === '/menages');
  await page.getByRole('combobox').waitFor();
});

test('warns one minute before the idle time-out; "Rester connecté·e" extends the session', async () => {
  const session = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
  const idle = session.idle_timeout_seconds * 1000;
  // Signed in just now: the warning opens a minute before the idle timeout.
  await page.clock.fastForward(idle - 60_000 + 5_000);
  const dialog = page.getByRole('alertdialog', { name: 'Votre session va bientôt expirer' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /déconnecté·e dans \d+ secondes/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Rester connecté·e');
  await checkPage('session-warning');

  await page.getByRole('button', { name: 'Rester connecté·e' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.clock.fastForward(idle - 2 * 60_000);
  assert.equal(await dialog.count(), 0, 'no warning: the session was extended');
});

test('after the time-out: a clear message, the login page, and nothing typed is lost', async () => {
  await page.goto(`${server.url}/menages/${householdId}/modifier`);
  const notes = page.getByLabel('Notes sur le ménage');
  await notes.waitFor();
  const typed = 'Appelé à 14 h 30, rappeler demain matin.';
  await notes.fill(typed);
  // 15 minutes without any request: the warning, then the end.
  await page.clock.fastForward(20 * 60_000);
  await page.waitForURL(/\/connexion\?motif=expiree/);
  await page.getByText('Session expirée').waitFor();
  await checkPage('session-expired');
  // The server has ended the session too.
  const status = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status));
  assert.equal(status, 401);

  await signIn(server.accounts.call_agent);
  await page.waitForURL(new RegExp(`/menages/${householdId}/modifier$`));
  await page.getByText(/Vous aviez commencé des modifications/).waitFor();
  assert.equal(await page.getByLabel('Notes sur le ménage').inputValue(), typed);
  await checkPage('household-edit-restored');
});

test('signing out forgets the draft and says so', async () => {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByText('Vous êtes déconnecté·e. À bientôt.').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  const status = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status));
  assert.equal(status, 401);
});
