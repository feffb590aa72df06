// Crisis plans in Chromium: a manager finds the demo's heatwave in force, declares a custom plan
// (first without its name: the error summary and the field say so), finds it upcoming, and opens
// the heatwave's crisis view (tiles, agencies, chart with its table, CSV link). Each page passes
// axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

before(async () => {
  server = await startDemoServer({ households: 40 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a manager declares a plan, then reads the crisis view of the heatwave', async () => {
  const page = await browser.newPage();
  await login(page, server.url, server.accounts.manager);
  await page.getByRole('link', { name: 'Plans de crise' }).click();
  const active = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /^En vigueur/ }) });
  await active.getByRole('rowheader', { name: /Canicule/ }).waitFor();
  await checkPage(page, 'crisis-plans');

  await page.getByRole('link', { name: 'Déclarer un plan de crise' }).click();
  await page.getByLabel(/Nature de la crise/).selectOption('custom');
  await page.getByLabel(/Date de début/).fill('2030-01-10');
  await page.getByRole('button', { name: 'Déclarer le plan' }).click();
  await page.getByRole('heading', { name: 'Le formulaire contient une erreur' }).waitFor();
  await page.getByRole('link', { name: /nom/i }).waitFor();  // the summary names the field
  assert.equal(await page.getByLabel(/Nom du plan/).getAttribute('aria-invalid'), 'true');
  await checkPage(page, 'crisis-plan-errors');
  await page.getByLabel(/Nom du plan/).fill('Tempête de test');
  await page.getByRole('button', { name: 'Déclarer le plan' }).click();
  const upcoming = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /^À venir/ }) });
  await upcoming.getByRole('rowheader', { name: 'Autre crise — Tempête de test' }).waitFor();

  await active.getByRole('link', { name: /Vue de crise/ }).first().click();
  await page.getByRole('heading', { level: 1, name: /Vue de crise : Canicule/ }).waitFor();
  await page.getByRole('table', { name: 'Par agence' }).waitFor();
  await page.getByRole('img', { name: /appels listés, joints et injoignables/ }).waitFor();
  const href = await page.getByRole('link', { name: /Exporter en CSV/ }).getAttribute('href');
  assert.match(href, /^\/api\/v1\/crisis-plans\/\d+\/report\.csv$/);
  await checkPage(page, 'crisis-view');
  await page.close();
});
