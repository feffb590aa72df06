// The FSL story in Chromium: a tenant of the demo who fell behind (first of the arrears queue) has
// a support case; the officer prepares the FSL file on the case page from the resources the
// household declared, downloads it as PDF, records it sent, the fund's grant, then its payment,
// which the page shows posted to the tenant's account. Each step's page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;
let caseId;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  server = await startDemoServer({ households: 120 });
  const api = server.client();
  await api.login(server.accounts.social_support);
  await api.post('/api/v1/arrears/compute');
  const queue = (await api.get('/api/v1/arrears/queue?limit=50')).body.items;
  assert.ok(queue.length > 0, 'the demo has tenants in arrears');
  // A household behind with no FSL file yet: its case, or a new one.
  for (const item of queue) {
    const cases = (await api.get(`/api/v1/households/${item.household_id}/support-cases`)).body.items.filter((c) => c.open);
    const id = cases.length ? cases[0].id
      : (await api.post(`/api/v1/households/${item.household_id}/support-cases`, { opened_from: 'queue', reason: 'Impayés' })).body.id;
    const c = (await api.get(`/api/v1/support-cases/${id}`)).body;
    if (c.state === 'referred' || c.state === 'closed') continue;
    if ((await api.get(`/api/v1/support-cases/${id}/fsl`)).body.referral) continue;
    caseId = id;
    break;
  }
  assert.ok(caseId, 'a case for an FSL file');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an officer prepares the FSL file, downloads it, records the grant and its payment to the ledger', async () => {
  const page = await browser.newPage();
  await login(page, server.url, server.accounts.social_support);
  await page.goto(`${server.url}/accompagnement/${caseId}`);
  const card = page.getByRole('region', { name: 'Fonds de solidarité pour le logement (FSL)' });
  await card.getByText(/Aucun dossier FSL/).waitFor();
  await card.getByLabel(/Ressources mensuelles du ménage/).fill('1 150,00');
  await card.getByLabel(/Nature de la difficulté/).fill('Chômage partiel depuis le début de la crise.');
  await card.getByRole('button', { name: 'Préparer le dossier' }).click();
  await card.getByText(/en préparation/).waitFor();
  await checkPage(page, 'fsl-prepared');

  const href = await card.getByRole('link', { name: /Télécharger le dossier FSL/ }).getAttribute('href');
  const pdf = await page.request.get(`${server.url}${href}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok((await pdf.body()).subarray(0, 5).toString() === '%PDF-');

  await card.getByRole('button', { name: 'Enregistrer l’envoi' }).click();
  await card.getByText(/envoyé, en attente de décision/).waitFor();
  const decision = card.getByRole('form', { name: 'Décision du FSL' });
  await decision.getByLabel(/Montant accordé/).fill('250');
  await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await card.getByText(/accordé, versement attendu/).waitFor();
  await card.getByRole('button', { name: 'Enregistrer le versement' }).click();
  await card.getByText(/versé au compte du locataire/).first().waitFor();
  await page.getByText(/Aide du FSL versée \(250,00/).waitFor();  // the case's timeline
  await checkPage(page, 'fsl-paid');
  await page.close();
});
