// Calls in Chromium on a phone-sized screen: a call agent opens a call of the day's list (put
// there with `relais outreach add-call`), calls through the tel: link and records a missed call;
// a manager works an alert on "Alertes" after two unreachable days. Each page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runRelais } from '../api/harness.mjs';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;
let callId;
let member;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}
const relais = async (args) => (await runRelais(args, { database: server.database.url })).stdout.trim();

before(async () => {
  server = await startDemoServer({ households: 30 });
  const api = server.client();
  await api.login(server.accounts.manager);
  const org = (await api.get('/api/v1/session')).body.user.organisation.id;
  const plan = (await api.post('/api/v1/crisis-plans', { kind: 'heatwave', name: 'Canicule e2e', start_date: '2026-01-01', call_script: 'Bonjour, comment allez-vous ?' })).body;
  const agentApi = server.client();
  await agentApi.login(server.accounts.call_agent);
  const agent = (await agentApi.get('/api/v1/session')).body.user.id;
  const household = (await api.get('/api/v1/households?limit=5')).body.items.find((h) => h.phone);
  const detail = (await api.get(`/api/v1/households/${household.id}`)).body;
  member = detail.members[0];
  const add = (m, date) => relais(['outreach', 'add-call', '--organisation', String(org), '--plan', String(plan.id), '--member', String(m), '--date', date, '--agent', String(agent)]);
  callId = Number(await add(member.id, '2099-01-05'));
  // Another member of the list, unreachable two days in a row: an alert.
  const other = (await api.get(`/api/v1/households/${(await api.get('/api/v1/households?limit=5')).body.items.find((h) => h.id !== household.id).id}`)).body.members[0];
  await add(other.id, '2026-06-01');
  await add(other.id, '2026-06-02');
  await relais(['outreach', 'day-end', '--date', '2026-06-02']);
  browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a call agent opens a call on a phone, sees the script and the tel: link, and records a missed call', async () => {
  const page = await browser.newPage();
  await login(page, server.url, server.accounts.call_agent);
  await page.goto(`${server.url}/appels/${callId}`);
  await page.getByRole('heading', { level: 1, name: `Appel de ${member.first_name} ${member.last_name}` }).waitFor();
  assert.match(await page.getByRole('link', { name: /^Appeler le / }).first().getAttribute('href'), /^tel:\+?[0-9]+$/);
  await page.getByText('Bonjour, comment allez-vous ?').waitFor();
  await checkPage(page, 'call-page');
  await page.getByRole('radio', { name: 'Pas de réponse' }).check();
  await page.getByRole('textbox', { name: /Note/ }).fill('Sonne dans le vide');
  await page.getByRole('button', { name: 'Enregistrer l’essai' }).click();
  await page.getByText('Essai enregistré.').waitFor();
  await page.getByText(/À rappeler/).waitFor();
  await checkPage(page, 'call-page-after-attempt');
  await page.close();
});

test('a manager records the action on an alert and closes it with the outcome', async () => {
  const page = await browser.newPage();
  await page.context().clearCookies();
  await login(page, server.url, server.accounts.manager);
  await page.goto(`${server.url}/alertes`);
  const alert = page.getByRole('article').first();
  await alert.getByText(/Injoignable depuis le 01\/06\/2026/).waitFor();
  await checkPage(page, 'alerts');
  await alert.getByLabel('Action choisie').selectOption('caretaker_visit');
  await alert.getByRole('textbox', { name: /Résultat/ }).fill('Le gardien a sonné : la locataire va bien.');
  await alert.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await alert.getByText(/Visite du gardien —/).waitFor();
  await alert.getByRole('button', { name: /Clôturer l’alerte/ }).click();
  await page.getByText('Aucune alerte ouverte.').waitFor();
  await page.close();
});
