// Referrals and the dashboard in Chromium, one kind of account after the other: a call agent
// refers a household to the CCAS from its page; the CCAS's worker lands on "Orientations" and opens
// the shared record (without lease or notes); the regional observer lands on the dashboard, where
// small counts read "<11". Each page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;
let target;  // { id, name } a household of the CCAS's commune, not yet referred to it
let ccas;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  server = await startDemoServer({ households: 60 });
  const api = server.client();
  await api.login(server.accounts.call_agent);
  ccas = (await api.get('/api/v1/partners')).body.items.find((p) => p.name.startsWith('CCAS'));
  const referred = new Set((await api.get('/api/v1/referrals?status=open')).body.items.filter((r) => r.partner.id === ccas.id).map((r) => r.household_id));
  for (const b of (await api.get(`/api/v1/buildings?commune_insee=${ccas.communes[0]}&limit=200`)).body.items) {
    const free = (await api.get(`/api/v1/households?building_id=${b.id}`)).body.items.find((h) => !referred.has(h.id));
    if (free) { target = { id: free.id, name: free.display_name }; break; }
  }
  assert.ok(target, 'a household of the CCAS commune');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a call agent refers a household to the CCAS from its page', async () => {
  const page = await browser.newPage();
  await login(page, server.url, server.accounts.call_agent);
  await page.goto(`${server.url}/menages/${target.id}`);
  const box = page.getByRole('region', { name: 'Orienter vers un partenaire' });
  await box.getByRole('option', { name: ccas.name }).waitFor({ state: 'attached' });
  await box.getByLabel('Partenaire').selectOption({ label: ccas.name });
  await box.getByLabel('Motif').fill('Impayés depuis deux mois : accompagnement budgétaire.');
  // Without the tenant's consent the server refuses and the date is the field in error.
  await box.getByRole('button', { name: 'Orienter' }).click();
  await box.getByText(/consentement du locataire .* est obligatoire/).waitFor();
  assert.equal(await box.getByLabel('Date du consentement du locataire').getAttribute('aria-invalid'), 'true');
  await box.getByLabel('Date du consentement du locataire').fill(new Date().toISOString().slice(0, 10));
  await box.getByLabel('Consentement donné par').fill('La locataire, au téléphone');
  await box.getByRole('button', { name: 'Orienter' }).click();
  await box.getByText(`Ménage orienté vers ${ccas.name}.`).waitFor();
  await checkPage(page, 'referral-opened');
  await page.goto(`${server.url}/orientations`);
  await page.getByRole('link', { name: target.name }).first().waitFor();
  await checkPage(page, 'referrals-landlord');
  await page.close();
});

test("the CCAS's worker lands on its referrals and reads the shared record, without lease or notes", async () => {
  const page = await browser.newPage();
  await page.context().clearCookies();  // one browser profile: the call agent signed in before
  await login(page, server.url, server.accounts.partner_worker);
  await page.goto(server.url);
  await page.waitForURL((url) => url.pathname === '/orientations');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['Orientations']);
  await page.getByRole('link', { name: target.name }).first().click();
  await page.getByText(/Fiche transmise par orientation/).waitFor();
  assert.equal(await page.getByRole('link', { name: /Modifier/ }).count(), 0);
  await checkPage(page, 'referral-partner-record');
  await page.close();
});

test('the regional observer lands on the dashboard, small counts read "<11"', async () => {
  const page = await browser.newPage();
  await page.context().clearCookies();
  await login(page, server.url, server.accounts.regional_observer);
  await page.goto(server.url);
  await page.waitForURL((url) => url.pathname === '/tableau-de-bord');
  const table = page.getByRole('table', { name: 'Ménages, logements et orientations' });
  await table.waitFor();
  assert.ok((await table.getByText('<11').count()) > 0, 'referral counts of the demo are small');
  await checkPage(page, 'dashboard-observer');
  await page.close();
});
