// The outreach story of issue 5 in Chromium, one person after the other on one demo landlord: a
// manager declares a heatwave and builds the day's call list, giving the call of an isolated
// tenant to the call agent; the agent records a missed call, then reaches the tenant who needs
// help, records a food need with its delivery and refers the household to the CCAS with the
// tenant's consent; the CCAS's worker accepts the referral; another level-3 tenant stays
// unreachable for the heatwave's two days and the manager finds the alert. Each page passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runRelais } from '../api/harness.mjs';
import { parisToday } from '../api/call-seed.mjs';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;
let tenant;  // { household: { id, name }, member: { id, name } } in the CCAS's commune
let ccas;
let other;  // another member, unreachable two days running
let organisation;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}
const relais = async (args) => (await runRelais(args, { database: server.database.url })).stdout.trim();

async function pageAs(account) {
  const page = await browser.newPage();
  await page.context().clearCookies();  // one browser profile: each person signs in anew
  await login(page, server.url, account);
  return page;
}

before(async () => {
  server = await startDemoServer({ households: 40 });
  const api = server.client();
  await api.login(server.accounts.call_agent);
  organisation = (await api.get('/api/v1/session')).body.user.organisation.id;
  ccas = (await api.get('/api/v1/partners')).body.items.find((p) => p.name.startsWith('CCAS'));
  // A household of the CCAS's commune, not yet referred: its first member lives alone, far from
  // her relatives; the social-support officer raises her level to 3 (a reason is required).
  const referred = new Set((await api.get('/api/v1/referrals?status=open')).body.items.map((r) => r.household_id));
  for (const b of (await api.get(`/api/v1/buildings?commune_insee=${ccas.communes[0]}&limit=200`)).body.items) {
    const free = (await api.get(`/api/v1/households?building_id=${b.id}`)).body.items.find((h) => !referred.has(h.id));
    if (free) { tenant = { household: { id: free.id, name: free.display_name } }; break; }
  }
  assert.ok(tenant, 'a household of the CCAS commune');
  const members = (await api.get(`/api/v1/households/${tenant.household.id}`)).body.members;
  tenant.member = { id: members[0].id, name: `${members[0].first_name} ${members[0].last_name}` };
  const officer = server.client();
  await officer.login(server.accounts.social_support);
  const profile = await officer.put(`/api/v1/members/${tenant.member.id}/vulnerability`, {
    factors: [{ factor: 'lives_alone', source: 'tenant' }, { factor: 'no_relative_nearby', source: 'tenant' }],
    informed_on: parisToday(),
  });
  assert.equal(profile.status, 200, profile.text);
  const raised = await officer.post(`/api/v1/members/${tenant.member.id}/vulnerability/override`, {
    level: 3, reason: 'Sortie d’hospitalisation, ne sort plus de chez elle',
  });
  assert.equal(raised.status, 200, raised.text);
  // Another household's member, for the escalation.
  const households = (await api.get('/api/v1/households?limit=20')).body.items.filter((h) => h.id !== tenant.household.id);
  other = (await api.get(`/api/v1/households/${households[0].id}`)).body.members[0];
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a manager declares a heatwave, builds the day’s list and gives the tenant’s call to the call agent', async () => {
  const page = await pageAs(server.accounts.manager);
  await page.getByRole('link', { name: 'Plans de crise' }).click();
  await page.getByRole('link', { name: 'Déclarer un plan de crise' }).click();
  await page.getByLabel(/Nature de la crise/).selectOption('heatwave');
  await page.getByLabel(/Nom du plan/).fill('Canicule de l’histoire');
  // Declared late: the heat began ten days ago.
  await page.getByLabel(/Date de début/).fill(parisToday(-10));
  await page.getByRole('button', { name: 'Déclarer le plan' }).click();
  const active = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /^En vigueur/ }) });
  await active.getByRole('rowheader', { name: /Canicule de l’histoire/ }).waitFor();
  await checkPage(page, 'story-plan-declared');

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Liste d’appels' }).click();
  await page.getByRole('heading', { level: 1, name: 'Liste d’appels' }).waitFor();
  await page.getByRole('button', { name: 'Construire la liste du jour' }).click();
  await page.getByText(/appels? ajoutés?/).first().waitFor();
  const row = page.getByRole('table').locator('tbody tr', { has: page.getByRole('rowheader', { name: tenant.member.name }) });
  await row.waitFor();
  assert.match(await row.locator('td').first().textContent(), /Niveau 3/);
  const select = row.getByRole('combobox');
  const agents = await select.locator('option').allTextContents();
  const agentName = agents.find((o) => /démo/i.test(o) && /appels/i.test(o)) ?? agents.find((o) => o !== 'Non attribué');
  assert.ok(agentName, `the call agent is offered: ${agents}`);
  await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/calls\/\d+\/agent$/.test(r.url()) && r.status() === 200),
    select.selectOption({ label: agentName }),
  ]);
  await checkPage(page, 'story-call-list');
  await page.close();
});

test('the call agent records a missed call, then reaches the tenant who needs help', async () => {
  const page = await pageAs(server.accounts.call_agent);
  await page.goto(`${server.url}/appels?jour=${parisToday()}`);
  await page.getByRole('heading', { level: 1, name: 'Mes appels du jour' }).waitFor();
  await page.getByRole('list', { name: 'Mes appels du jour' }).getByRole('link', { name: tenant.member.name }).click();
  await page.getByRole('heading', { level: 1, name: `Appel de ${tenant.member.name}` }).waitFor();

  await page.getByRole('radio', { name: 'Pas de réponse' }).check();
  await page.getByRole('button', { name: 'Enregistrer l’essai' }).click();
  await page.getByText('Essai enregistré.').waitFor();
  await page.getByText(/À rappeler/).waitFor();

  await page.getByRole('radio', { name: 'Joint·e, a besoin d’aide' }).check();
  await page.getByRole('textbox', { name: /Note/ }).fill('Plus de courses depuis cinq jours, se sent seule.');
  await page.getByRole('button', { name: 'Enregistrer l’essai' }).click();
  await page.getByText('Notez les besoins du locataire sur sa fiche ménage.').waitFor();
  await checkPage(page, 'story-call-reached');

  // From the call to the household's record: a food need and its delivery, a CCAS referral.
  await page.getByRole('link', { name: 'Ouvrir la fiche du ménage' }).first().click();
  await page.waitForURL((url) => url.pathname === `/menages/${tenant.household.id}`);
  const needs = page.getByRole('region', { name: 'Besoins' });
  await needs.getByLabel('Besoin', { exact: true }).selectOption({ label: 'Alimentation' });
  await needs.getByLabel('Précisions').fill('Plus de courses depuis cinq jours');
  await needs.getByRole('button', { name: 'Enregistrer le besoin' }).click();
  await needs.getByRole('heading', { name: 'Alimentation — En cours' }).waitFor();
  await needs.getByText('Ajouter une action').click();
  await needs.getByRole('button', { name: 'Ajouter l’action' }).click();
  await needs.getByRole('button', { name: 'Fait : Colis alimentaire' }).waitFor();

  const refer = page.getByRole('region', { name: 'Orienter vers un partenaire' });
  await refer.getByRole('option', { name: ccas.name }).waitFor({ state: 'attached' });
  await refer.getByLabel('Partenaire').selectOption({ label: ccas.name });
  await refer.getByLabel('Motif').fill('Isolement pendant la canicule : visites de convivialité.');
  await refer.getByLabel('Date du consentement du locataire').fill(parisToday());
  await refer.getByLabel('Consentement donné par').fill('La locataire, au téléphone');
  await refer.getByRole('button', { name: 'Orienter' }).click();
  await refer.getByText(`Ménage orienté vers ${ccas.name}.`).waitFor();

  // The household's timeline tells the day: the calls and the need.
  const timeline = page.getByRole('region', { name: 'Chronologie' });
  await timeline.getByText('Besoin : Alimentation (En cours)').waitFor();
  await checkPage(page, 'story-household');
  await page.close();
});

test("the CCAS's worker accepts the referral and records what was done", async () => {
  const page = await pageAs(server.accounts.partner_worker);
  await page.goto(`${server.url}/orientations`);
  await page.getByRole('button', { name: `Accepter l’orientation de ${tenant.household.name}` }).click();
  const outcome = page.getByLabel(`Ce qui a été fait pour ${tenant.household.name}`);
  await outcome.fill('Première visite faite, une visite par semaine jusqu’à la fin de la canicule.');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/outcome') && r.status() === 200),
    page.getByRole('button', { name: 'Enregistrer', exact: true }).click(),
  ]);
  await checkPage(page, 'story-referral-accepted');
  await page.close();

  // The landlord sees the referral accepted.
  const agent = server.client();
  await agent.login(server.accounts.call_agent);
  const referral = (await agent.get('/api/v1/referrals?status=open')).body.items.find((r) => r.household_id === tenant.household.id);
  assert.equal(referral?.response, 'accepted', JSON.stringify(referral));
  assert.match(referral.outcome, /Première visite/);
});

test('a level-3 tenant unreachable for the heatwave’s two days raises an alert the manager works', async () => {
  const manager = server.client();
  await manager.login(server.accounts.manager);
  const plan = (await manager.get('/api/v1/crisis-plans')).body.items.find((p) => p.name === 'Canicule de l’histoire');
  assert.ok(plan, 'the declared heatwave');
  // Two calling days of the heatwave (before today, within the plan) on which nobody answered.
  const days = [parisToday(-3), parisToday(-2)];
  for (const date of days) {
    await relais(['outreach', 'add-call', '--organisation', String(organisation), '--plan', String(plan.id), '--member', String(other.id), '--date', date]);
  }
  assert.match(await relais(['outreach', 'day-end', '--date', days[0]]), /0 alerte/);
  assert.match(await relais(['outreach', 'day-end', '--date', days[1]]), /1 alerte/);

  const page = await pageAs(server.accounts.manager);
  await page.goto(`${server.url}/alertes`);
  const [y, m, d] = days[0].split('-');
  const alert = page.getByRole('article').filter({ hasText: `Injoignable depuis le ${d}/${m}/${y}` });
  await alert.waitFor();
  await checkPage(page, 'story-alert');
  await alert.getByLabel('Action choisie').selectOption('caretaker_visit');
  await alert.getByRole('textbox', { name: /Résultat/ }).fill('Le gardien a sonné : le locataire va bien, son téléphone était coupé.');
  await alert.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await alert.getByText(/Visite du gardien —/).waitFor();
  await page.close();
});
