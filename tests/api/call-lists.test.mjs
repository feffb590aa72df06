// The day's call list through the API, on the demo (two landlords; the first has a heatwave plan in
// force): a manager builds it (the due members only, in level order, within the agents'
// capacity), building again adds only the newly due, reassigns a call to a call agent of the
// household's agency, sets an agent's capacity; the agent reads their own calls with phones and
// reasons; the other landlord sees none of it (404); bad input is refused naming the field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { addUser } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';
import { addProfile, parisToday } from './call-seed.mjs';

let region;
const as = {};
let bManager;
let A, B;
const today = parisToday();

before(async () => {
  region = await startDemoRegion({ landlords: 2, households: 40 });
  for (const role of ['manager', 'administrator', 'call_agent', 'caretaker', 'partner_worker', 'regional_observer']) {
    as[role] = region.client();
    await as[role].login(region.landlords[0][role]);
  }
  bManager = region.client();
  await bManager.login(region.landlords[1].manager);
  A = (await as.manager.get('/api/v1/organisation')).body;
  B = (await bManager.get('/api/v1/organisation')).body;
  // A: levels 3, 3, 2, 2, 1, 0; a level-3 member who objects; a level-2 member reached yesterday
  // (the heatwave calls level 2 every 7 days: not due). B: a level-3 member, but no plan.
  for (const level of [3, 3, 2, 2, 1, 0]) await addProfile(region.database, A.id, { level });
  await addProfile(region.database, A.id, { level: 3, objection: true });
  await addProfile(region.database, A.id, { level: 2, reachedOn: parisToday(-1) });
  await addProfile(region.database, B.id, { level: 3 });
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

async function agentId(client) {
  return (await client.get('/api/v1/session')).body.user.id;
}

test('a manager builds the day once: due members only, level order, within capacity; a rebuild adds only the newly due', async () => {
  const agent = await agentId(as.call_agent);
  const set = await as.manager.put(`/api/v1/call-agents/${agent}/settings`, { daily_capacity: 3, languages: ['fr', 'ar'] });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.body.daily_capacity, 3);
  assert.deepEqual(set.body.languages, ['fr', 'ar']);
  assert.equal(set.body.configured, true);

  const built = await as.manager.post(`/api/v1/call-lists/${today}/build`);
  assert.equal(built.status, 200, built.text);
  assert.equal(built.body.added, 5);  // 3, 3, 2, 2, 1
  const list = await as.manager.get(`/api/v1/call-lists/${today}`);
  assert.equal(list.status, 200, list.text);
  const levels = list.body.items.map((c) => c.level);
  assert.deepEqual(levels, [3, 3, 2, 2, 1]);
  assert.equal(list.body.counts.total, 5);
  assert.equal(list.body.counts.by_state.due, 5);
  // The demo's only call agent of A takes 3 (the first in list order); the rest wait for an agent.
  const mine = list.body.items.filter((c) => c.agent_id === agent);
  assert.equal(mine.length, 3);
  assert.deepEqual(list.body.items.slice(0, 3).map((c) => c.agent_id), [agent, agent, agent]);
  assert.equal(list.body.counts.unassigned, built.body.unassigned);
  assert.ok(list.body.items.every((c) => c.plan_kind === 'heatwave' && c.state === 'due' && c.list_date === today));

  const again = await as.administrator.post(`/api/v1/call-lists/${today}/build`);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.added, 0);
  await addProfile(region.database, A.id, { level: 3 });
  const more = await as.manager.post(`/api/v1/call-lists/${today}/build`);
  assert.equal(more.body.added, 1);
  const after = (await as.manager.get(`/api/v1/call-lists/${today}`)).body;
  assert.equal(after.counts.total, 6);
  assert.equal(new Set(after.items.map((c) => c.member_id)).size, 6);
  assert.deepEqual(after.items.map((c) => c.level), [3, 3, 3, 2, 2, 1]);
  // Filters.
  const unassigned = (await as.manager.get(`/api/v1/call-lists/${today}?agent_id=none`)).body.items;
  assert.equal(unassigned.length, 3);
  assert.ok(unassigned.every((c) => c.agent_id === null));
  assert.equal((await as.manager.get(`/api/v1/call-lists/${today}?agent_id=${agent}&state=due`)).body.items.length, 3);
  assert.equal((await as.manager.get(`/api/v1/call-lists/${today}?state=reached`)).body.items.length, 0);
  assert.equal((await as.manager.get(`/api/v1/call-lists/${today}?limit=2`)).body.truncated, true);
});

test("the agent reads their own calls with phones, reasons, plan and script; other roles and accounts don't", async () => {
  const res = await as.call_agent.get(`/api/v1/me/calls?date=${today}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.items.length, 3);
  for (const c of res.body.items) {
    assert.ok(Array.isArray(c.phones));
    assert.match(c.level_summary, /^\d — niveau fixé : test/);
    assert.match(c.call_script, /canicule/);
    assert.deepEqual(c.last_attempts, []);
  }
  assert.equal((await as.call_agent.get('/api/v1/me/calls')).body.date, today);
  assert.equal((await as.caretaker.get('/api/v1/me/calls')).status, 403);
  assert.equal((await as.partner_worker.get('/api/v1/me/calls')).status, 404);
  assert.equal((await as.regional_observer.get('/api/v1/me/calls')).status, 404);
  assert.equal((await as.call_agent.get(`/api/v1/call-lists/${today}`)).status, 403);
  assert.equal((await as.call_agent.post(`/api/v1/call-lists/${today}/build`)).status, 403);
  assert.equal((await as.partner_worker.get(`/api/v1/call-lists/${today}`)).status, 404);
});

test('a manager reassigns a call to another call agent of the organisation, or unassigns it', async () => {
  const second = await addUser(region.database, {
    email: 'agent2.calls@example.fr', password: 'deuxième chargée d’appels', roles: ['call_agent'], organisation: A.id,
  });
  const agent2 = region.client();
  await agent2.login(second);
  const id2 = await agentId(agent2);
  const call = (await as.manager.get(`/api/v1/call-lists/${today}?agent_id=none`)).body.items[0];
  const moved = await as.manager.put(`/api/v1/calls/${call.id}/agent`, { agent_id: id2 });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.agent_id, id2);
  assert.equal((await agent2.get('/api/v1/me/calls')).body.items.map((c) => c.id).join(), String(call.id));
  const back = await as.manager.put(`/api/v1/calls/${call.id}/agent`, { agent_id: null });
  assert.equal(back.body.agent_id, null);
  // Not a call agent; another landlord's manager; a call agent.
  const manager = await agentId(as.manager);
  const refused = await as.manager.put(`/api/v1/calls/${call.id}/agent`, { agent_id: manager });
  assert.equal(refused.status, 400, refused.text);
  assert.equal(refused.body.field, 'agent_id');
  assert.equal((await bManager.put(`/api/v1/calls/${call.id}/agent`, { agent_id: null })).status, 404);
  assert.equal((await as.call_agent.put(`/api/v1/calls/${call.id}/agent`, { agent_id: null })).status, 403);
  // Absent agents get no call and cannot be given one.
  assert.equal((await as.manager.put(`/api/v1/call-agents/${id2}/settings`, { available: false })).body.available, false);
  const absent = await as.manager.put(`/api/v1/calls/${call.id}/agent`, { agent_id: id2 });
  assert.equal(absent.status, 400, absent.text);
  assert.equal(absent.body.field, 'agent_id');
  const agents = (await as.manager.get(`/api/v1/call-agents?date=${today}`)).body.items;
  assert.ok(agents.some((a) => a.user_id === id2 && a.available === false && a.assigned === 0), JSON.stringify(agents));
});

test("the other landlord sees none of A's list, agents or calls, and has none of its own without a plan", async () => {
  const theirs = await bManager.get(`/api/v1/call-lists/${today}`);
  assert.equal(theirs.status, 200);
  assert.deepEqual(theirs.body.items, []);
  assert.equal((await bManager.post(`/api/v1/call-lists/${today}/build`)).body.added, 0);  // no plan in force
  const agent = await agentId(as.call_agent);
  const nowhere = await bManager.get('/api/v1/call-agents/999999999/settings');
  assert.equal(nowhere.status, 404);
  const other = await bManager.get(`/api/v1/call-agents/${agent}/settings`);
  assert.equal(other.status, 404);
  assert.deepEqual(other.body, nowhere.body);
  assert.equal((await bManager.put(`/api/v1/call-agents/${agent}/settings`, { daily_capacity: 1 })).status, 404);
  assert.ok((await bManager.get('/api/v1/call-agents')).body.items.every((a) => a.user_id !== agent));
});

test('bad input is refused with the field named', async () => {
  const agent = await agentId(as.call_agent);
  const cases = [
    ['POST', '/api/v1/call-lists/2026-02-30/build', undefined, 'date'],
    ['GET', '/api/v1/call-lists/demain', undefined, 'date'],
    ['GET', `/api/v1/call-lists/${today}?state=perdu`, undefined, 'state'],
    ['GET', `/api/v1/call-lists/${today}?agency_id=abc`, undefined, 'agency_id'],
    ['GET', `/api/v1/call-lists/${today}?agent_id=x1`, undefined, 'agent_id'],
    ['GET', `/api/v1/call-lists/${today}?limit=0`, undefined, 'limit'],
    ['GET', '/api/v1/me/calls?date=31-12-2026', undefined, 'date'],
    ['PUT', `/api/v1/call-agents/${agent}/settings`, { daily_capacity: 501 }, 'daily_capacity'],
    ['PUT', `/api/v1/call-agents/${agent}/settings`, { languages: ['arabe'] }, 'languages'],
    ['PUT', `/api/v1/call-agents/${agent}/settings`, { languages: [] }, 'languages'],
    ['PUT', `/api/v1/call-agents/${agent}/settings`, { capacity: 3 }, 'capacity'],
  ];
  for (const [method, path, json, field] of cases) {
    const res = await as.manager.request(method, path, json ? { json } : {});
    assert.equal(res.status, 400, `${method} ${path}: ${res.text}`);
    assert.equal(res.body.field, field, `${method} ${path}: ${res.text}`);
  }
  const call = (await as.manager.get(`/api/v1/call-lists/${today}`)).body.items[0];
  for (const [json, field] of [[{}, 'agent_id'], [{ agent_id: 'x' }, 'agent_id'], [{ agent_id: 1, more: 1 }, 'more']]) {
    const res = await as.manager.put(`/api/v1/calls/${call.id}/agent`, json);
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.field, field, res.text);
  }
});

test('the build, reassignments and settings are in the audit trail', async () => {
  const dpo = region.client();
  await dpo.login(region.landlords[0].data_protection);
  const record = Number(today.replaceAll('-', ''));
  let ops = [];
  for (let i = 0; i < 50 && !ops.includes('create'); i++) {
    ops = (await dpo.get(`/api/v1/audit?record_type=call_list&record_id=${record}`)).body.items.map((e) => e.operation);
    if (!ops.includes('create')) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(ops.includes('create') && ops.includes('read'), ops.join());
  const updates = (await dpo.get('/api/v1/audit?record_type=outreach_call')).body.items;
  assert.ok(updates.length >= 2);
  assert.ok((await dpo.get('/api/v1/audit?record_type=call_agent_settings')).body.items.length >= 2);
});

test('a manager limited to one agency sees only its calls of the day and its agency in the crisis view', async () => {
  const whole = (await as.manager.get(`/api/v1/call-lists/${today}`)).body;
  const agencies = [...new Set(whole.items.map((c) => c.agency_id).filter((a) => a !== null))];
  assert.ok(agencies.length >= 1, 'the list has calls of an agency');
  const agency = agencies[0];
  const account = await addUser(region.database, { email: 'responsable.agence@example.fr', password: 'une agence seulement, pas deux', roles: ['manager'], organisation: A.id });
  const member = (await as.administrator.get('/api/v1/staff')).body.items.find((m) => m.email === account.email);
  assert.equal((await as.administrator.patch(`/api/v1/staff/${member.id}`, { agency_ids: [agency] })).status, 200);
  const scoped = region.client();
  await scoped.login(account);
  const list = await scoped.get(`/api/v1/call-lists/${today}`);
  assert.equal(list.status, 200, list.text);
  const expected = whole.items.filter((c) => c.agency_id === agency).map((c) => c.id).sort((x, y) => x - y);
  assert.deepEqual(list.body.items.map((c) => c.id).sort((x, y) => x - y), expected);
  assert.equal(list.body.counts.total, expected.length);
  // Asking for another agency by name gives nothing; another agency's call cannot be reassigned.
  const other = whole.items.find((c) => c.agency_id !== agency);
  if (other) {
    if (other.agency_id !== null) assert.deepEqual((await scoped.get(`/api/v1/call-lists/${today}?agency_id=${other.agency_id}`)).body.items, []);
    assert.equal((await scoped.put(`/api/v1/calls/${other.id}/agent`, { agent_id: null })).status, 404);
  }
  const plan = (await scoped.get('/api/v1/crisis-plans')).body.items.find((p) => p.kind === 'heatwave');
  const report = (await scoped.get(`/api/v1/crisis-plans/${plan.id}/report`)).body;
  assert.deepEqual(report.agencies.map((a) => a.agency_id), [agency]);
});
