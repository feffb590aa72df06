// The day's calls in Chromium: a manager builds the list on « Liste d'appels », sees the calls in
// level order and gives one to the call agent; the call agent finds it on « Mes appels » with a
// tel: link and a link to the call's page. Each page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addProfile, parisToday } from '../api/call-seed.mjs';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  server = await startDemoServer({ households: 30 });
  const api = server.client();
  await api.login(server.accounts.manager);
  const org = (await api.get('/api/v1/organisation')).body;
  for (const level of [2, 3, 1]) await addProfile(server.database, org.id, { level });
  // Nobody gets a call when the list is built: the manager gives one by hand.
  const agent = server.client();
  await agent.login(server.accounts.call_agent);
  const agentId = (await agent.get('/api/v1/session')).body.user.id;
  assert.equal((await api.put(`/api/v1/call-agents/${agentId}/settings`, { daily_capacity: 0 })).status, 200);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a manager builds the day’s list and gives a call to the call agent; the agent finds it', async () => {
  const page = await browser.newPage();
  await login(page, server.url, server.accounts.manager);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Liste d’appels' }).click();
  await page.getByRole('heading', { level: 1, name: 'Liste d’appels' }).waitFor();
  await page.getByRole('button', { name: 'Construire la liste du jour' }).click();
  await page.getByText('3 appels ajoutés, dont 3 sans chargé·e d’appels disponible.').waitFor();
  const rows = page.getByRole('table').getByRole('row');
  await rows.nth(3).waitFor();
  const levels = await page.getByRole('table').locator('tbody tr td:first-child').allTextContents();
  assert.deepEqual(levels, ['Niveau 3', 'Niveau 2', 'Niveau 1']);
  const first = page.getByRole('table').locator('tbody tr').first();
  const name = await first.getByRole('rowheader').textContent();
  await checkPage(page, 'call-list-built');
  const select = first.getByRole('combobox');
  const agentName = (await select.locator('option').allTextContents()).find((o) => o !== 'Non attribué');
  assert.ok(agentName, 'the call agent is offered');
  await select.selectOption({ label: agentName });
  await page.waitForFunction(() => document.querySelector('tbody tr select')?.value !== '');
  await page.close();

  const agentPage = await browser.newPage();
  await agentPage.context().clearCookies();
  await login(agentPage, server.url, server.accounts.call_agent);
  await agentPage.goto(`${server.url}/appels?jour=${parisToday()}`);
  await agentPage.getByRole('heading', { level: 1, name: 'Mes appels du jour' }).waitFor();
  const card = agentPage.getByRole('list', { name: 'Mes appels du jour' }).getByRole('listitem').first();
  await card.getByRole('link', { name }).waitFor();
  assert.match(await card.getByRole('link', { name }).getAttribute('href'), /^\/appels\/\d+$/);
  assert.match(await card.textContent(), /Niveau 3/);
  const tel = card.locator('a[href^="tel:"]');
  if (await tel.count()) assert.match(await tel.first().getAttribute('href'), /^tel:\+33\d{9}$/);
  await checkPage(agentPage, 'my-calls');
  await agentPage.close();
});
