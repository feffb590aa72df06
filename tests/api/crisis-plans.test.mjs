// Crisis plans through the API, on the demo (two landlords): a manager declares, changes and closes
// a plan; other staff read it; partners and observers get 404; the other landlord's manager too;
// bad input is refused naming the field; the demo has a current heatwave plan for the first landlord.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startDemoRegion } from './seed.mjs';

let region;
const as = {};
let bManager;

before(async () => {
  region = await startDemoRegion({ landlords: 2, households: 40 });
  for (const role of ['manager', 'administrator', 'call_agent', 'caretaker', 'data_protection', 'partner_worker', 'regional_observer']) {
    as[role] = region.client();
    await as[role].login(region.landlords[0][role]);
  }
  bManager = region.client();
  await bManager.login(region.landlords[1].manager);
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

test('the demo declares a current heatwave plan for the first landlord, read by its staff', async () => {
  const plans = (await as.caretaker.get('/api/v1/crisis-plans')).body.items;
  const heatwave = plans.find((p) => p.kind === 'heatwave');
  assert.ok(heatwave, JSON.stringify(plans));
  assert.equal(heatwave.cadence.level3_days, 1);
  assert.equal(heatwave.escalation_days, 2);
  assert.deepEqual(heatwave.call_hours, [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '18:00' }]);
  assert.deepEqual((await bManager.get('/api/v1/crisis-plans')).body.items, []);
});

test('a manager declares a plan with the kind defaults, changes it and closes it; the trail has it', async () => {
  const made = await as.manager.post('/api/v1/crisis-plans', { kind: 'pandemic_lockdown', start_date: '2026-03-17', call_script: 'Bonjour' });
  assert.equal(made.status, 201, made.text);
  assert.deepEqual(made.body.cadence, { level1_days: 14, level2_days: 7, level3_days: 2 });
  assert.equal(made.body.escalation_days, 3, 'the default escalation: 3 days, 2 in a heatwave only');
  assert.equal(made.body.end_date, null);
  assert.equal(made.body.perimeter.all, true);
  const id = made.body.id;

  assert.equal((await as.call_agent.get(`/api/v1/crisis-plans/${id}`)).body.call_script, 'Bonjour');
  assert.equal((await as.call_agent.patch(`/api/v1/crisis-plans/${id}`, { escalation_days: 3 })).status, 403);
  assert.equal((await as.call_agent.post(`/api/v1/crisis-plans/${id}/close`)).status, 403);
  assert.equal((await as.call_agent.post('/api/v1/crisis-plans', { kind: 'flood', start_date: '2026-03-17' })).status, 403);

  const changed = await as.administrator.patch(`/api/v1/crisis-plans/${id}`, { escalation_days: 3, cadence: { level2_days: 5 }, saturday: true });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.escalation_days, 3);
  assert.deepEqual(changed.body.cadence, { level1_days: 14, level2_days: 5, level3_days: 2 });
  assert.equal(changed.body.saturday, true);

  const closed = await as.manager.post(`/api/v1/crisis-plans/${id}/close`);
  assert.equal(closed.status, 200, closed.text);
  assert.match(closed.body.end_date, /^\d{4}-\d{2}-\d{2}$/);

  // The entries of changes join the trail a moment after their commit: wait up to 5 s.
  let operations = [];
  for (let i = 0; i < 50 && operations.length < 3; i++) {
    const res = await as.data_protection.get(`/api/v1/audit?record_type=crisis_plan&record_id=${id}`);
    assert.equal(res.status, 200, res.text);
    operations = res.body.items.map((e) => e.operation).sort();
    if (operations.length < 3) await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(operations, ['create', 'update', 'update']);
});

test('bad input is refused with the field named', async () => {
  const cases = [
    [{ kind: 'heatwave', start_date: '2026-07-10', end_date: '2026-07-01' }, 'end_date'],
    [{ kind: 'heatwave', start_date: '2026-02-30' }, 'start_date'],
    [{ kind: 'tsunami', start_date: '2026-07-01' }, 'kind'],
    [{ kind: 'custom', start_date: '2026-07-01' }, 'name'],
    [{ kind: 'custom', name: '  ', start_date: '2026-07-01' }, 'name'],
    [{ kind: 'heatwave', start_date: '2026-07-01', cadence: { level3_days: 0 } }, 'cadence.level3_days'],
    [{ kind: 'heatwave', start_date: '2026-07-01', cadence: { level1_days: 91 } }, 'cadence.level1_days'],
    [{ kind: 'heatwave', start_date: '2026-07-01', call_hours: [{ start: '12:00', end: '09:00' }] }, 'call_hours'],
    [{ kind: 'heatwave', start_date: '2026-07-01', call_hours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }, 'call_hours'],
    [{ kind: 'heatwave', start_date: '2026-07-01', perimeter: { all: false, agency_ids: [999999] } }, 'perimeter.agency_ids'],
  ];
  for (const [body, field] of cases) {
    const res = await as.manager.post('/api/v1/crisis-plans', body);
    assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
    assert.equal(res.body.field, field, JSON.stringify(body));
  }
});

test('the name and the call script are optional: the web form sends them empty, and a PATCH clears them', async () => {
  const made = await as.manager.post('/api/v1/crisis-plans', { kind: 'flood', name: '', call_script: '', start_date: '2026-02-01' });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.body.call_script, '');
  const id = made.body.id;
  assert.equal((await as.manager.patch(`/api/v1/crisis-plans/${id}`, { name: 'Crue de l’Orne', call_script: 'Bonjour' })).body.call_script, 'Bonjour');
  const cleared = await as.manager.patch(`/api/v1/crisis-plans/${id}`, { name: '', call_script: '' });
  assert.equal(cleared.status, 200, cleared.text);
  assert.equal(cleared.body.name, '');
  assert.equal(cleared.body.call_script, '');
});

test('the plans of another landlord do not exist; partners and observers see no plan', async () => {
  const theirs = await bManager.post('/api/v1/crisis-plans', { kind: 'cold_snap', start_date: '2026-01-05' });
  assert.equal(theirs.status, 201, theirs.text);
  const id = theirs.body.id;
  for (const who of ['manager', 'call_agent', 'partner_worker', 'regional_observer']) {
    assert.equal((await as[who].get(`/api/v1/crisis-plans/${id}`)).status, 404, who);
    assert.equal((await as[who].patch(`/api/v1/crisis-plans/${id}`, { escalation_days: 9 })).status, 404, who);
    assert.equal((await as[who].post(`/api/v1/crisis-plans/${id}/close`)).status, 404, who);
  }
  for (const who of ['partner_worker', 'regional_observer']) {
    assert.equal((await as[who].get('/api/v1/crisis-plans')).status, 404, who);
    assert.equal((await as[who].post('/api/v1/crisis-plans', { kind: 'flood', start_date: '2026-01-05' })).status, 404, who);
  }
  // A building of B in A's perimeter is refused with the field.
  const bBuilding = (await bManager.get('/api/v1/buildings?limit=1')).body.items[0];
  const refused = await as.manager.post('/api/v1/crisis-plans', { kind: 'flood', start_date: '2026-01-05', perimeter: { all: false, building_ids: [bBuilding.id] } });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.field, 'perimeter.building_ids');
  assert.equal((await bManager.get(`/api/v1/crisis-plans/${id}`)).body.escalation_days, 3);
});
