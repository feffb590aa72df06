// The rent-support story of issue 6 in Chromium, as a social-support officer lives it: a tenant of
// the demo who fell behind appears in the Impayés queue with the CAF report deadline in words; the
// officer opens the lease's account from the queue and opens a support case there; sets up a
// 6-month payment plan signed five weeks ago; the plan check (`relais support check-plans`, the
// server's job run now) finds the first instalment unpaid and opens a task on the case; then the
// FSL file is prepared, downloaded as PDF, sent, granted and its payment posted to the account;
// the household's timeline then shows the officer the debt and the case. Each step's page passes
// axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runRelais } from '../api/harness.mjs';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let browser;

async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name}:\n${JSON.stringify(violations, null, 2)}`);
}

// DD/MM/YYYY in Paris, `days` before today: what the officer types in the plan form.
function parisDateBefore(days) {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(Date.now() - days * 86_400_000));
}

before(async () => {
  server = await startDemoServer({ households: 200 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a tenant behind on rent: queue, case, payment plan, missed instalment, FSL file and grant', async () => {
  const page = await browser.newPage();
  await login(page, server.url, server.accounts.social_support);

  // The queue, computed now (the server's nightly job is off in tests).
  await page.goto(`${server.url}/impayes`);
  await page.getByRole('heading', { level: 1, name: 'Impayés' }).waitFor();
  await page.getByRole('button', { name: 'Recalculer maintenant' }).click();
  await page.getByRole('status').filter({ hasText: /baux examinés/ }).waitFor();
  const queue = page.getByRole('table', { name: 'Impayés, l’échéance la plus proche d’abord' });
  const row = queue.getByRole('row').filter({ hasText: /Signalement CAF à faire avant le \d\d\/\d\d — impayé constitué le \d\d\/\d\d/ }).first();
  await row.waitFor();
  await checkPage(page, 'rent-queue');
  const link = row.getByRole('link');
  const name = (await link.textContent()).trim();
  await link.click();

  // The lease's account: the same deadline, and the household's support card.
  await page.getByRole('heading', { level: 1, name: `Compte de ${name}` }).waitFor();
  await page.getByText(/Signalement CAF à faire avant le/).first().waitFor();
  const leaseUrl = page.url();
  const box = page.getByRole('region', { name: 'Accompagnement social' });
  await box.getByText('Aucun dossier d’accompagnement pour ce ménage.').waitFor();
  await checkPage(page, 'rent-lease');
  await box.getByLabel('Motif de l’ouverture (facultatif)').fill('Signalement CAF à faire : impayé constitué.');
  await box.getByRole('button', { name: 'Ouvrir un dossier d’accompagnement' }).click();
  await page.getByRole('heading', { level: 1, name: `Accompagnement de ${name}` }).waitFor();
  const caseId = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(caseId > 0, `the case page's address names the case: ${page.url()}`);

  // A 6-month plan, signed five weeks ago, its first instalment due a month ago.
  const plan = page.getByRole('region', { name: 'Plan d’apurement' });
  await plan.getByLabel('Nombre de mensualités').fill('6');
  await plan.getByLabel('Première échéance').fill(parisDateBefore(30));
  await plan.getByLabel('Date de signature').fill(parisDateBefore(35));
  await plan.getByRole('button', { name: 'Mettre en place le plan' }).click();
  await plan.getByText(/étalés sur 6 mensualités/).waitFor();
  const schedule = plan.getByRole('table', { name: 'Échéancier (en plus du loyer courant)' });
  assert.equal(await schedule.getByRole('row').count(), 7, 'a header and 6 instalments');
  const pdf = await page.request.get(`${server.url}${await plan.getByRole('link', { name: /Imprimer le plan/ }).getAttribute('href')}`);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

  // Nothing was paid since: the plan check opens a task for the first instalment, once.
  const check = async () => (await runRelais(['support', 'check-plans'], { database: server.database.url })).stdout;
  assert.match(await check(), /1 tâche\(s\) d'échéance manquée/);
  assert.match(await check(), /0 tâche\(s\) d'échéance manquée/);
  await page.reload();
  await plan.getByText(/En retard de .* depuis l’échéance n° 1/).waitFor();
  assert.equal(await schedule.getByRole('row').filter({ hasText: 'non payée (tâche ouverte)' }).count(), 1);
  await page.getByRole('listitem').filter({ hasText: /Échéance n° 1 du plan d'apurement non payée/ }).first().waitFor();
  await checkPage(page, 'rent-plan-missed');

  // The FSL file, from the household's declared resources, then the fund's grant and its payment.
  const fsl = page.getByRole('region', { name: 'Fonds de solidarité pour le logement (FSL)' });
  await fsl.getByLabel(/Ressources mensuelles du ménage/).fill('1 150,00');
  await fsl.getByLabel(/Nature de la difficulté/).fill('Chômage partiel depuis le début de la crise.');
  await fsl.getByRole('button', { name: 'Préparer le dossier' }).click();
  await fsl.getByText(/en préparation/).waitFor();
  const file = await page.request.get(`${server.url}${await fsl.getByRole('link', { name: /Télécharger le dossier FSL/ }).getAttribute('href')}`);
  assert.equal(file.status(), 200);
  assert.equal(file.headers()['content-type'], 'application/pdf');
  assert.equal((await file.body()).subarray(0, 5).toString(), '%PDF-');
  await fsl.getByRole('button', { name: 'Enregistrer l’envoi' }).click();
  await fsl.getByText(/envoyé, en attente de décision/).waitFor();
  const decision = fsl.getByRole('form', { name: 'Décision du FSL' });
  await decision.getByLabel(/Montant accordé/).fill('250');
  await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await fsl.getByText(/accordé, versement attendu/).waitFor();
  await fsl.getByRole('button', { name: 'Enregistrer le versement' }).click();
  await fsl.getByText(/versé au compte du locataire/).first().waitFor();
  await checkPage(page, 'rent-fsl-paid');

  // The grant is on the tenant's account, as a credit.
  await page.goto(leaseUrl);
  const ledger = page.getByRole('table', { name: 'Lignes du compte, les plus récentes d’abord' });
  await ledger.getByRole('row').filter({ hasText: /FSL/ }).filter({ hasText: '250,00' }).first().waitFor();

  // The household's page: its timeline tells the officer the debt, since when, the next step and
  // the case.
  await page.getByRole('link', { name: 'Ménage', exact: true }).click();
  const timeline = page.getByRole('region', { name: 'Chronologie' });
  await timeline.getByRole('link', { name: /^Impayé de loyer depuis l’échéance du \d\d\/\d\d\/\d{4} : .*€ \(.* mois de loyer résiduel\), solde / }).waitFor();
  await timeline.getByText(/^Prochaine étape : /).first().waitFor();
  await timeline.getByText(/^Impayé constitué : seuil CAF\/MSA de .*€ atteint$/).first().waitFor();
  await timeline.getByText(/^Dossier d’accompagnement ouvert, suivi par /).first().waitFor();
  await checkPage(page, 'rent-household-timeline');
  await page.close();
});
