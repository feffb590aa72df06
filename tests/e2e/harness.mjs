// The harness of the browser tests: Debian's Chromium driven by playwright-core (never a browser
// that Playwright downloads), a `relais serve` with demo data and the built web app (web/dist),
// a login helper, screenshots under build/screenshots/ and an axe-core check.
//
//   import { startDemoServer, launchBrowser, login, screenshot, axeViolations } from './harness.mjs';
//   const server = await startDemoServer();            // after(() => server.stop())
//   const browser = await launchBrowser();              // after(() => browser.close())
//   const page = await browser.newPage();
//   await login(page, server.url, server.accounts.agent);
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { ROOT, startServer } from '../api/harness.mjs';

export { ROOT, startServer };
export const CHROMIUM = process.env.RELAIS_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.RELAIS_SCREENSHOT_DIR ?? join(ROOT, 'build/screenshots');
const TMP_ROOT = process.env.RELAIS_TEST_TMP ?? join(ROOT, 'build/test-tmp');
const require = createRequire(import.meta.url);

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Starts `relais serve` on a fresh database seeded by `relais demo` (small by default, to keep
 * the tests fast). Same options and result as startServer in tests/api/harness.mjs.
 */
export function startDemoServer({ households = 200, seed = 1, ...options } = {}) {
  return startServer({ demo: { households, seed }, ...options });
}

/**
 * Launches Chromium with a fresh profile (French locale, 1280x800 unless told otherwise).
 * Resolves to { context, newPage(), close() }; close() also removes the profile.
 */
export async function launchBrowser({ viewport = { width: 1280, height: 800 }, locale = 'fr-FR', ...options } = {}) {
  await mkdir(TMP_ROOT, { recursive: true });
  const profile = await mkdtemp(join(TMP_ROOT, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale,
    timezoneId: 'Europe/Paris',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async newPage() {
      const blank = context.pages().find((p) => p.url() === 'about:blank');
      return blank ?? context.newPage();
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through the login form at baseUrl, as a person would, and waits for the page that
 * follows. `account` is { email, password }.
 */
export async function login(page, baseUrl, { email, password }) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(/e-?mail|courriel|identifiant/i).fill(email);
  await page.getByLabel(/mot de passe/i).fill(password);
  await page.getByRole('button', { name: /se connecter|connexion/i }).click();
  await page.waitForURL((url) => !/login|connexion/i.test(url.pathname));
}

/** Saves a full-page screenshot as build/screenshots/NAME.png; resolves to its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page; resolves to its violations, each with
 * id, impact, help and the selectors of the offending nodes. Assert it is empty.
 */
export async function axeViolations(page, { tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } = {}) {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply.
  await page.evaluate(require('axe-core').source);
  const result = await page.evaluate((runOnly) => globalThis.axe.run(document, { runOnly }), tags);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}
