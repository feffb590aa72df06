// The manager's crisis view through the API, on the demo (two landlords): the report of the demo's
// heatwave (every agency listed, one day per day of the period, counts well formed), its CSV export
// (UTF-8 BOM, ';', one row per day and agency), and who may read them: managers and administrators;
// other staff 403; partners, observers and the other landlord 404. The counts themselves are
// tested on both engines in src/modules/outreach/crisis_report_test.cc (calls inserted directly).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startDemoRegion } from './seed.mjs';

let region;
const as = {};
let bManager;
let heatwave;

before(async () => {
  region = await startDemoRegion({ landlords: 2, households: 40 });
  for (const role of ['manager', 'administrator', 'call_agent', 'social_support', 'partner_worker', 'regional_observer']) {
    as[role] = region.client();
    await as[role].login(region.landlords[0][role]);
  }
  bManager = region.client();
  await bManager.login(region.landlords[1].manager);
  heatwave = (await as.manager.get('/api/v1/crisis-plans')).body.items.find((p) => p.kind === 'heatwave');
  assert.ok(heatwave);
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

test('a manager reads the crisis view of a plan: totals, agencies and one entry per day', async () => {
  const res = await as.manager.get(`/api/v1/crisis-plans/${heatwave.id}/report`);
  assert.equal(res.status, 200, res.text);
  const r = res.body;
  assert.equal(r.plan_id, heatwave.id);
  assert.equal(r.period_start, heatwave.start_date);
  assert.match(r.today, /^\d{4}-\d{2}-\d{2}$/);
  const expectedDays = r.period_end < r.period_start ? 0 : Math.min(400, daysBetween(r.period_start, r.period_end));
  assert.equal(r.days.length, expectedDays);
  if (expectedDays > 0) assert.equal(r.days.at(-1).date, r.period_end);
  // The plan covers the whole organisation: every agency of it is in the view.
  const agencies = (await as.manager.get('/api/v1/agencies')).body.items;
  assert.ok(agencies.length > 0);
  assert.deepEqual(
    r.agencies.filter((a) => a.agency_id !== null).map((a) => a.agency_id).sort((x, y) => x - y),
    agencies.map((a) => a.id).sort((x, y) => x - y),
  );
  // The totals are the sum of the agencies.
  for (const key of ['calls_due_today', 'calls_done_today', 'calls_overdue', 'open_tasks', 'open_needs', 'open_escalations']) {
    assert.equal(r.totals[key], r.agencies.reduce((s, a) => s + a.counts[key], 0), key);
  }
  assert.equal(r.totals.reach_rate, r.totals.calls_attempted === 0 ? null : r.totals.calls_reached / r.totals.calls_attempted);

  assert.equal((await as.administrator.get(`/api/v1/crisis-plans/${heatwave.id}/report`)).status, 200);
});

test('the CSV export has a BOM, a French header and one row per day and agency', async () => {
  const report = (await as.manager.get(`/api/v1/crisis-plans/${heatwave.id}/report`)).body;
  const res = await as.manager.request('GET', `/api/v1/crisis-plans/${heatwave.id}/report.csv`, { headers: { accept: 'text/csv' } });
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="vue-de-crise-\d+\.csv"/);
  // fetch's text() drops a BOM: read the bytes once more with the same cookies.
  const cookie = [...as.manager.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const raw = Buffer.from(await (await fetch(`${as.manager.baseUrl}/api/v1/crisis-plans/${heatwave.id}/report.csv`, { headers: { cookie } })).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = res.text.split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'date;agence_id;agence;appels_listes;joints;injoignables;besoins_ouverts;alertes_ouvertes');
  assert.equal(lines.length - 1, report.days.length * report.agencies.length);
  // The open needs and alerts are today's: on the last day's rows, empty before.
  const last = report.days.at(-1)?.date;
  for (const line of lines.slice(1)) {
    if (line.startsWith(`${last};`)) assert.match(line, /^\d{4}-\d{2}-\d{2};\d+;[^;]*;\d+;\d+;\d+;\d+;\d+$/);
    else assert.match(line, /^\d{4}-\d{2}-\d{2};\d+;[^;]*;\d+;\d+;\d+;;$/);
  }
});

test('a need recorded on a household of the perimeter is an open need of its agency, until given up', async () => {
  const before = (await as.manager.get(`/api/v1/crisis-plans/${heatwave.id}/report`)).body;
  const bPlan = (await bManager.get('/api/v1/crisis-plans')).body.items.find((p) => p.kind === 'heatwave');
  const bBefore = bPlan && (await bManager.get(`/api/v1/crisis-plans/${bPlan.id}/report`)).body;
  const household = (await as.manager.get('/api/v1/households?limit=1')).body.items[0];
  const made = await as.call_agent.post(`/api/v1/households/${household.id}/needs`, { category: 'loneliness', description: 'Se sent seule' });
  assert.equal(made.status, 201, made.text);
  const after = (await as.manager.get(`/api/v1/crisis-plans/${heatwave.id}/report`)).body;
  assert.equal(after.totals.open_needs, before.totals.open_needs + 1);
  const grew = after.agencies.filter((a) => a.counts.open_needs !== (before.agencies.find((b) => b.agency_id === a.agency_id)?.counts.open_needs ?? 0));
  assert.equal(grew.length, 1);
  // The other landlord's view does not move.
  if (bPlan) assert.equal((await bManager.get(`/api/v1/crisis-plans/${bPlan.id}/report`)).body.totals.open_needs, bBefore.totals.open_needs);
  assert.equal((await as.call_agent.post(`/api/v1/needs/${made.body.id}/cancel`, {})).status, 200);
  assert.equal((await as.manager.get(`/api/v1/crisis-plans/${heatwave.id}/report`)).body.totals.open_needs, before.totals.open_needs);
});

test('other staff get 403; partners, observers and the other landlord 404', async () => {
  for (const path of [`/api/v1/crisis-plans/${heatwave.id}/report`, `/api/v1/crisis-plans/${heatwave.id}/report.csv`]) {
    assert.equal((await as.call_agent.get(path)).status, 403, path);
    assert.equal((await as.social_support.get(path)).status, 403, path);
    assert.equal((await as.partner_worker.get(path)).status, 404, path);
    assert.equal((await as.regional_observer.get(path)).status, 404, path);
    assert.equal((await bManager.get(path)).status, 404, path);
  }
  assert.equal((await as.manager.get('/api/v1/crisis-plans/999999/report')).status, 404);
});
