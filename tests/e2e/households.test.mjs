// The staff app in Chromium, as a call agent uses it: sign in, find a household by typing part of
// its name without accents, open its record, open its building, edit it; the same with the
// keyboard only; every page at 320 px wide; and the data protection officer reading who looked at
// that household, in the access log ("Journal des accès") and on its record. axe-core (WCAG 2.1 A
// and AA) finds nothing on any page visited; each page is saved as build/screenshots/<name>.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, login, screenshot, startDemoServer } from './harness.mjs';

let server;
let target; // a household of the demo data, with the words to type to find it

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Screenshot first (useful when the check fails), then no axe violation. */
async function checkPage(page, name) {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe-core on ${name} (${page.url()}):\n${JSON.stringify(violations, null, 2)}`);
}

/** The title of the page, once the page has loaded its data. */
async function heading(page, name) {
  const h1 = page.getByRole('heading', { level: 1, name });
  await h1.waitFor();
  return h1;
}

before(async () => {
  server = await startDemoServer();
  // A household whose name carries accents if the demo has one, found through the API.
  const api = server.client();
  await api.login(server.accounts.manager);
  const res = await api.get('/api/v1/households?limit=200');
  assert.equal(res.status, 200);
  const items = res.body.items.filter((h) => h.display_name.includes(' '));
  // Accented names with a phone first, then any.
  const rank = (h) => (/[À-ÿ]/.test(h.display_name) ? 0 : 2) + (h.phone ? 0 : 1);
  for (const h of [...items].sort((a, b) => rank(a) - rank(b))) {
    const [first, ...rest] = h.display_name.split(' ');
    const last = rest.join(' ');
    // "Hélène Lefèvre" -> "helene lefe": part of the name, no accents; longer if it is too common.
    for (const query of [`${fold(first)} ${fold(last).slice(0, Math.max(3, Math.ceil(last.length / 2)))}`, fold(h.display_name)]) {
      const found = await api.get(`/api/v1/households/search?q=${encodeURIComponent(query)}&limit=20`);
      if (found.body?.items?.some((x) => x.id === h.id)) {
        target = { ...h, query };
        return;
      }
    }
  }
  assert.fail('no demo household can be found by its name');
});

after(() => server?.stop());

describe('call agent journey', () => {
  let browser;
  let page;
  const problems = []; // refused by the CSP, or uncaught in the page
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  });
  after(() => browser?.close());

  test('the login page', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/connexion/);
    await heading(page, 'Connexion');
    await checkPage(page, 'login');
    // Nothing typed: the errors are said next to the fields, and in a summary.
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Saisissez votre adresse e-mail.').first().waitFor();
    await checkPage(page, 'login-errors');
  });

  test('signs in and lands on the household search, its field focused', async () => {
    await login(page, server.url, server.accounts.call_agent);
    assert.match(new URL(page.url()).pathname, /^\/menages$/);
    const box = page.getByRole('combobox', { name: 'Nom, adresse, téléphone ou référence' });
    await assert.doesNotReject(() => page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox'));
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await checkPage(page, 'household-search');
  });

  test('finds a household by typing part of its name without accents', async () => {
    const box = page.getByRole('combobox', { name: 'Nom, adresse, téléphone ou référence' });
    await box.pressSequentially(target.query, { delay: 30 });
    const option = page.getByRole('option').filter({ hasText: target.reference });
    await option.waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.match(await option.innerText(), new RegExp(target.display_name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    if (target.phone) assert.match(await option.innerText(), /0\d( \d\d){4}/);
    // The query is in the URL, so the page can be shared or reloaded.
    await page.waitForURL((url) => url.searchParams.get('q') === target.query);
    await checkPage(page, 'household-search-results');
    await option.click();
  });

  test('opens the record: phones to click, lease, members, dwelling, timeline', async () => {
    await page.waitForURL(new RegExp(`/menages/${target.id}$`));
    await heading(page, target.display_name);
    await page.getByRole('region', { name: 'Logement' }).getByRole('link', { name: /\(.+\)/ }).waitFor();
    if (target.phone) {
      const call = page.locator('a[href^="tel:+33"]').first();
      assert.match(await call.innerText(), /^0\d( \d\d){4}$/);
    }
    await page.getByRole('region', { name: 'Chronologie' }).getByText('Rien pour l’instant.').waitFor();
    await checkPage(page, 'household');
  });

  test('opens its building and finds the household among the dwellings', async () => {
    await page.getByRole('region', { name: 'Logement' }).getByRole('link', { name: /\(.+\)/ }).click();
    await page.waitForURL(/\/patrimoine\/\d+$/);
    const table = page.getByRole('table');
    await table.waitFor();
    await table.locator(`a[href="/menages/${target.id}"]`).waitFor();
    await page.getByRole('columnheader', { name: 'Accessible PMR' }).waitFor();
    await checkPage(page, 'building');
  });

  test('lists the buildings, with filters in the URL', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Patrimoine' }).click();
    await heading(page, 'Patrimoine');
    await page.locator('.building-list').waitFor();
    await checkPage(page, 'buildings');
    await page.getByLabel('Référence, nom ou rue').fill('zzzz-rien');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'zzzz-rien');
    await page.getByText('Aucun immeuble ne correspond à ces filtres.').waitFor();
    await checkPage(page, 'buildings-empty');
  });

  test('edits the household: errors in words, then saved', async () => {
    await page.goto(`${server.url}/menages/${target.id}/modifier`);
    await heading(page, `Modifier le ménage ${target.display_name}`);
    await checkPage(page, 'household-edit');
    const birth = page.locator('#hh-members-0-birth_date');
    await birth.fill('31/02/1950');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { name: /Le formulaire contient/ }).waitFor();
    assert.match(await birth.getAttribute('aria-describedby'), /hh-members-0-birth_date-error/);
    await checkPage(page, 'household-edit-errors');

    await birth.fill('12/03/1950');
    const note = `Rappeler le ${Date.now()}.`;
    await page.getByLabel('Notes sur le ménage').fill(note);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Les modifications sont enregistrées.').waitFor();
    await page.getByText(note).waitFor();
    assert.match(new URL(page.url()).pathname, new RegExp(`^/menages/${target.id}$`));
  });

  test('nothing was refused by the Content-Security-Policy, no script error', () => {
    assert.deepEqual(problems, []);
  });
});

describe('keyboard only', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await login(page, server.url, server.accounts.call_agent);
  });
  after(() => browser?.close());

  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName, text: el?.textContent?.trim() ?? '', id: el?.id ?? '', href: el?.getAttribute('href') ?? '' };
  });

  test('skip link, search, arrow keys, Enter, then Tab to the building', async () => {
    await page.goto(`${server.url}/menages`);
    await page.getByRole('combobox').waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await active()).text, 'Aller au contenu');
    await page.keyboard.press('Enter');
    assert.equal((await active()).id, 'contenu');
    await page.keyboard.press('Tab');
    assert.equal((await active()).id, 'household-search');

    await page.keyboard.type(target.query, { delay: 30 });
    await page.getByRole('option').filter({ hasText: target.reference }).waitFor();
    const box = page.getByRole('combobox');
    let found = false;
    for (let i = 0; i < 25 && !found; i++) {
      await page.keyboard.press('ArrowDown');
      const id = await box.getAttribute('aria-activedescendant');
      assert.ok(id, 'an option is active');
      const option = page.locator(`[id="${id}"]`);
      assert.equal(await option.getAttribute('aria-selected'), 'true');
      found = (await option.innerText()).includes(target.reference);
    }
    assert.ok(found, 'the arrow keys reach the household');
    await checkPage(page, 'keyboard-search');
    await page.keyboard.press('Enter');

    await page.waitForURL(new RegExp(`/menages/${target.id}$`));
    await heading(page, target.display_name);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.getByRole('region', { name: 'Logement' }).getByRole('link', { name: /\(.+\)/ }).waitFor();

    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await active()).href.startsWith('/patrimoine/');
    }
    assert.ok(reached, 'Tab reaches the building link');
    // The focus is visible: an outline is drawn around the focused link.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/patrimoine\/\d+$/);
    await page.getByRole('table').waitFor();
  });
});

describe('reflow at 320 px', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser({ viewport: { width: 320, height: 640 } });
    page = await browser.newPage();
    await login(page, server.url, server.accounts.call_agent);
  });
  after(() => browser?.close());

  for (const [name, path, ready] of [
    ['320-household-search', () => `/menages?q=${encodeURIComponent(target.query)}`, (p) => p.getByRole('option').first().waitFor()],
    ['320-household', () => `/menages/${target.id}`, (p) => p.getByRole('region', { name: 'Logement' }).getByRole('link').waitFor()],
    ['320-household-edit', () => `/menages/${target.id}/modifier`, (p) => p.locator('form').waitFor()],
    ['320-buildings', () => '/patrimoine', (p) => p.locator('.building-list').waitFor()],
  ]) {
    test(`${name}: no horizontal scrolling`, async () => {
      await page.goto(server.url + path());
      await ready(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await checkPage(page, name);
      assert.ok(width <= 320, `the page is ${width} px wide`);
    });
  }
});

describe('data protection officer', () => {
  let browser;
  let page;
  const problems = [];
  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    await login(page, server.url, server.accounts.data_protection);
  });
  after(() => browser?.close());

  test('sees who read the household on its record', async () => {
    await page.goto(`${server.url}/menages/${target.id}`);
    await heading(page, target.display_name);
    const card = page.getByRole('region', { name: 'Consultations des 12 derniers mois' });
    // The call agent's reads and change above, and this very read.
    await card.getByRole('listitem').first().waitFor();
    assert.match(await card.innerText(), /Consultation/);
    assert.match(await card.innerText(), /Modification/);
    await checkPage(page, 'household-reads');
  });

  test('the access log: entries, filters in the URL, the export of the same filters', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Journal des accès' }).click();
    await heading(page, 'Journal des accès');
    const table = page.getByRole('table');
    await table.waitFor();
    await page.getByRole('columnheader', { name: 'Opération' }).waitFor();
    await checkPage(page, 'audit');

    await page.getByLabel('Type de fiche').selectOption({ label: 'Ménage' });
    await page.getByLabel('Numéro de la fiche').fill(String(target.id));
    const today = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris' }).format(new Date());
    await page.getByLabel('Au (inclus)').fill(today);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => url.searchParams.get('numero') === String(target.id) && url.searchParams.get('type') === 'menage');
    // The household's record and its outreach timeline (needs, calls), read with it, are both the household's.
    // The address changes before the filtered page arrives: wait until the table holds only the filtered rows.
    const rows = table.locator('tbody tr');
    const ours = new RegExp(`(Ménage|Suivi du ménage) n° ${target.id}`);
    let texts = [];
    for (const until = Date.now() + 10_000; Date.now() < until; await page.waitForTimeout(100)) {
      texts = await rows.allInnerTexts();
      if (texts.length > 0 && texts.every((t) => ours.test(t))) break;
    }
    assert.ok(texts.length > 0, 'the filtered trail is empty');
    for (const text of texts) assert.match(text, ours);
    await checkPage(page, 'audit-filtered');

    // The export is a plain download of the same filters, and it is recorded in the trail.
    const href = await page.getByRole('link', { name: /Exporter en CSV/ }).getAttribute('href');
    assert.match(href, new RegExp(`^/api/v1/audit/export\\?record_type=household&record_id=${target.id}&to=\\d{4}-\\d\\d-\\d\\d$`));
    const csv = await page.request.get(server.url + href);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /text\/csv/);
    assert.match(await csv.text(), /numero;date_utc/);

    // One person's actions, from a row.
    await rows.first().getByRole('button', { name: /^Voir ses actions/ }).click();
    await page.waitForURL((url) => /^\d+$/.test(url.searchParams.get('personne') ?? ''));
    await page.getByText(/^Personne : /).waitFor();
    await checkPage(page, 'audit-person');
  });

  test('the access log at 320 px: no horizontal scrolling of the page', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}/journal`);
    await page.getByRole('table').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await checkPage(page, '320-audit');
    assert.ok(width <= 320, `the page is ${width} px wide`);
  });

  test('nothing was refused by the Content-Security-Policy, no script error', () => {
    assert.deepEqual(problems, []);
  });
});
