// Needs and help in Chromium: a call agent records a food need on a household's page and adds a
// delivery; on "Tournées" prepares the round of the household's agency, sees it by building and
// marks the delivery done; the CCAS's worker accepts a referral made with the tenant's consent and
// records what was done. Each page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;
let target;  // a household { id, name, agency } of the first building with an agency
let referral;  // made through the API to the CCAS, with consent

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  server = await startDemoServer({ households: 60 });
  const api = server.client();
  await api.login(server.accounts.call_agent);
  const me = (await api.get('/api/v1/session')).body.user.id;
  const agencies = (await api.get('/api/v1/agencies')).body.items;
  const building = (await api.get('/api/v1/buildings?limit=200')).body.items.find((b) => b.agency_id);
  const household = (await api.get(`/api/v1/households?building_id=${building.id}`)).body.items[0];
  target = { id: household.id, name: household.display_name, agency: agencies.find((a) => a.id === building.agency_id).name };
  // A referral to the CCAS from a need, on a household of its commune.
  const ccas = (await api.get('/api/v1/partners')).body.items.find((p) => p.name.startsWith('CCAS'));
  const referred = new Set((await api.get('/api/v1/referrals?status=open')).body.items.map((r) => r.household_id));
  for (const b of (await api.get(`/api/v1/buildings?commune_insee=${ccas.communes[0]}&limit=200`)).body.items) {
    const free = (await api.get(`/api/v1/households?building_id=${b.id}`)).body.items.find((h) => !referred.has(h.id));
    if (!free) continue;
    const need = (await api.post(`/api/v1/households/${free.id}/needs`, { category: 'loneliness' })).body;
    const res = await api.post(`/api/v1/needs/${need.id}/actions`, {
      kind: 'referral', owner_id: me, due_date: '2026-12-15', partner_id: ccas.id, reason: 'Visites de convivialité',
      consent_on: '2026-11-27', consent_given_by: 'Le locataire',
    });
    assert.equal(res.status, 201, res.text);
    referral = { household: free.display_name };
    break;
  }
  assert.ok(referral, 'a household of the CCAS commune');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a call agent records a need, adds a delivery, and delivers it through the round', async () => {
  const page = await browser.newPage();
  await login(page, server.url, server.accounts.call_agent);
  await page.goto(`${server.url}/menages/${target.id}`);
  const card = page.getByRole('region', { name: 'Besoins' });
  await card.getByLabel('Besoin', { exact: true }).selectOption({ label: 'Alimentation' });
  await card.getByLabel('Précisions').fill('Plus de courses depuis cinq jours');
  await card.getByRole('button', { name: 'Enregistrer le besoin' }).click();
  await card.getByRole('heading', { name: 'Alimentation — En cours' }).waitFor();
  await card.getByText('Ajouter une action').click();
  await card.getByRole('button', { name: 'Ajouter l’action' }).click();
  await card.getByRole('button', { name: 'Fait : Colis alimentaire' }).waitFor();
  await page.getByRole('region', { name: 'Chronologie' }).getByText('Besoin : Alimentation (En cours)').waitFor();
  await checkPage(page, 'needs-household');

  await page.goto(`${server.url}/tournees`);
  await page.getByRole('option', { name: target.agency }).waitFor({ state: 'attached' });
  await page.getByLabel('Agence').selectOption({ label: target.agency });
  await page.getByRole('button', { name: 'Préparer la tournée' }).click();
  const deliver = page.getByRole('button', { name: `Livré chez ${target.name}` });
  await deliver.waitFor();
  assert.ok((await page.getByRole('table', { name: /^Livraisons à / }).count()) >= 1);
  assert.match(await page.getByRole('link', { name: 'Imprimer la liste (PDF)' }).getAttribute('href'), /^\/api\/v1\/delivery-rounds\/\d+\?format=pdf$/);
  await checkPage(page, 'delivery-round');
  await deliver.click();
  await deliver.waitFor({ state: 'detached' });
  await page.close();
});

test("the CCAS's worker accepts the referral and records what was done", async () => {
  const page = await browser.newPage();
  await page.context().clearCookies();
  await login(page, server.url, server.accounts.partner_worker);
  await page.goto(`${server.url}/orientations`);
  await page.getByRole('button', { name: `Accepter l’orientation de ${referral.household}` }).click();
  const outcome = page.getByLabel(`Ce qui a été fait pour ${referral.household}`);
  await outcome.fill('Première visite faite, visites chaque semaine.');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/outcome') && r.status() === 200),
    page.getByRole('button', { name: 'Enregistrer', exact: true }).click(),
  ]);
  await checkPage(page, 'referral-accepted-partner');
  await page.close();
});
