// Outreach calls through the API, on the demo (two landlords): an agent records attempts on the
// calls assigned to them and the call moves through its states (retry within the plan's calling
// hours, the attempts limit, callback, refusal -> objection, wrong number -> task); the day end
// (`relais outreach day-end --date`) closes open calls and escalates a level-3 tenant unreachable
// for the plan's escalation days, once per run; the managers work the alerts and the tasks.
// Calls are put on a list with `relais outreach add-call` (the list builder is another module).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { addUser, runRelais } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';

let region;
const as = {};
let bManager, agent2;
let org, agentId, plan;
const members = [];
let nextMember = 0;

// The plan's hours, Europe/Paris: weekdays 09:00-12:00 and 14:00-18:00, no Saturday.
const HOURS = [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '18:00' }];

function paris(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { weekday: parts.weekday, minute: Number(parts.hour) * 60 + Number(parts.minute), date: `${parts.year}-${parts.month}-${parts.day}` };
}
function inCallingHours(ms) {
  const p = paris(ms);
  if (p.weekday === 'Sat' || p.weekday === 'Sun') return false;
  return p.minute >= 540 && p.minute < 720 || p.minute >= 840 && p.minute < 1080;
}
// A weekday at least two days ahead (Paris), YYYY-MM-DD: callbacks and list dates the server's own
// day-end job leaves alone.
function nextWeekday() {
  for (let k = 2; ; k++) {
    const p = paris(Date.now() + k * 86_400_000);
    if (p.weekday !== 'Sat' && p.weekday !== 'Sun') return p.date;
  }
}

async function addCall({ member = members[nextMember++], date = nextWeekday(), level = 3, agent = agentId, planId = plan.id, organisation = org } = {}) {
  const args = ['outreach', 'add-call', '--organisation', String(organisation), '--plan', String(planId), '--member', String(member), '--date', date, '--level', String(level)];
  if (agent) args.push('--agent', String(agent));
  const { stdout } = await runRelais(args, { database: region.database.url });
  return { id: Number(stdout.trim()), member };
}
async function dayEnd(date) {
  return (await runRelais(['outreach', 'day-end', '--date', date], { database: region.database.url })).stdout;
}
async function attempt(client, id, body, status = 201) {
  const res = await client.post(`/api/v1/calls/${id}/attempts`, body);
  assert.equal(res.status, status, res.text);
  return res.body;
}

before(async () => {
  region = await startDemoRegion({ landlords: 2, households: 30 });
  for (const role of ['manager', 'call_agent', 'caretaker', 'social_support', 'data_protection']) {
    as[role] = region.client();
    await as[role].login(region.landlords[0][role]);
  }
  bManager = region.client();
  await bManager.login(region.landlords[1].manager);
  const session = (await as.call_agent.get('/api/v1/session')).body;
  org = session.user.organisation.id;
  agentId = session.user.id;
  agent2 = region.client();
  await agent2.login(await addUser(region.database, { email: 'agent2.calls@example.fr', password: 'un autre chargé d appels', roles: ['call_agent'], organisation: org }));
  const made = await as.manager.post('/api/v1/crisis-plans', {
    kind: 'custom', name: 'Canicule tests', start_date: '2026-01-01', call_hours: HOURS, escalation_days: 2, call_script: 'Bonjour, ici votre bailleur.',
  });
  assert.equal(made.status, 201, made.text);
  plan = made.body;
  const households = (await as.manager.get('/api/v1/households?limit=30')).body.items;
  for (const h of households) {
    const detail = (await as.manager.get(`/api/v1/households/${h.id}`)).body;
    for (const m of detail.members) members.push(m.id);
  }
  assert.ok(members.length >= 15, `only ${members.length} members`);
});
after(async () => {
  if (!region) return;
  assert.deepEqual(await region.stop(), { code: 0, signal: null });
});

test('the call page: member, phones, plan script and hours, level; an audited read; other staff and landlords get 404', async () => {
  const call = await addCall();
  const res = await as.call_agent.get(`/api/v1/calls/${call.id}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.state, 'due');
  assert.equal(res.body.level, 3);
  assert.equal(res.body.member.id, call.member);
  assert.ok(res.body.member.name.length > 2);
  assert.equal(res.body.plan.call_script, 'Bonjour, ici votre bailleur.');
  assert.deepEqual(res.body.plan.call_hours, HOURS);
  assert.equal(res.body.agent_id, agentId);
  assert.deepEqual(res.body.attempts, []);
  assert.equal((await as.social_support.get(`/api/v1/calls/${call.id}`)).status, 200);
  assert.equal((await as.caretaker.get(`/api/v1/calls/${call.id}`)).status, 404);
  assert.equal((await bManager.get(`/api/v1/calls/${call.id}`)).status, 404);
  assert.equal((await as.call_agent.get('/api/v1/calls/999999999')).status, 404);
  // The read is in the trail.
  let entries = [];
  for (let i = 0; i < 50 && !entries.length; i++) {
    entries = (await as.data_protection.get(`/api/v1/audit?record_type=outreach_call&record_id=${call.id}`)).body.items.filter((e) => e.operation === 'read');
    if (!entries.length) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(entries.length >= 1, 'no read entry for the call');
});

test('missed attempts are retried after the delay within the calling hours, and the third makes the call unreachable', async () => {
  const call = await addCall();
  const before = Date.now();
  let body = await attempt(as.call_agent, call.id, { outcome: 'no_answer', note: 'sonne dans le vide' });
  assert.equal(body.state, 'retry');
  assert.equal(body.attempts_count, 1);
  const next = Date.parse(body.next_attempt_at);
  assert.ok(next >= before + 120 * 60_000 - 1000, `retry at ${body.next_attempt_at}, before the 120-minute delay`);
  assert.ok(inCallingHours(next), `retry at ${body.next_attempt_at} (${JSON.stringify(paris(next))}) outside the calling hours`);
  assert.equal(body.attempts[0].outcome, 'no_answer');
  assert.equal(body.attempts[0].note, 'sonne dans le vide');
  body = await attempt(as.call_agent, call.id, { outcome: 'voicemail' });
  assert.equal(body.state, 'retry');
  body = await attempt(as.call_agent, call.id, { outcome: 'busy' });
  assert.equal(body.state, 'unreachable');
  assert.equal(body.attempts_count, 3);
  assert.equal(body.next_attempt_at, null);
  assert.ok(body.closed_at);
  // A closed call takes no more attempts.
  const closed = await as.call_agent.post(`/api/v1/calls/${call.id}/attempts`, { outcome: 'reached_fine' });
  assert.equal(closed.status, 409, closed.text);
});

test('a callback is scheduled at the asked time; a time in the past or outside the hours is refused naming callback_at', async () => {
  const call = await addCall();
  const day = nextWeekday();
  const body = await attempt(as.call_agent, call.id, { outcome: 'callback_requested', callback_at: `${day}T15:30`, note: 'rappeler après la sieste' });
  assert.equal(body.state, 'callback');
  assert.equal(paris(Date.parse(body.next_attempt_at)).date, day);
  assert.equal(paris(Date.parse(body.next_attempt_at)).minute, 15 * 60 + 30);
  for (const [why, callback_at] of [['past', '2020-01-06T10:00'], ['lunch', `${day}T13:00`], ['evening', `${day}T19:00`], ['garbage', 'demain'], ['missing', undefined]]) {
    const c = await addCall();
    const res = await as.call_agent.post(`/api/v1/calls/${c.id}/attempts`, { outcome: 'callback_requested', ...(callback_at ? { callback_at } : {}) });
    assert.equal(res.status, 400, `${why}: ${res.text}`);
    assert.equal(res.body.field, 'callback_at', why);
    assert.match(res.body.detail ?? res.body.title ?? '', /callback_at/, why);
  }
  // The callback is then reached.
  const reached = await attempt(as.call_agent, call.id, { outcome: 'reached_fine' });
  assert.equal(reached.state, 'reached');
});

test('validation errors name the field', async () => {
  const call = await addCall();
  for (const [body, field] of [[{}, 'outcome'], [{ outcome: 'hung_up' }, 'outcome'], [{ outcome: 'busy', colour: 'red' }, 'colour'], [{ outcome: 'reached_fine', callback_at: `${nextWeekday()}T10:00` }, 'callback_at']]) {
    const res = await as.call_agent.post(`/api/v1/calls/${call.id}/attempts`, body);
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.field, field, JSON.stringify(body));
  }
  assert.equal((await as.call_agent.get(`/api/v1/calls/${call.id}`)).body.attempts.length, 0);
});

test('only the assigned agent or a manager records attempts: another agent gets 403, other staff 404', async () => {
  const call = await addCall();
  const other = await agent2.post(`/api/v1/calls/${call.id}/attempts`, { outcome: 'reached_fine' });
  assert.equal(other.status, 403, other.text);
  assert.equal((await as.caretaker.post(`/api/v1/calls/${call.id}/attempts`, { outcome: 'reached_fine' })).status, 404);
  assert.equal((await bManager.post(`/api/v1/calls/${call.id}/attempts`, { outcome: 'reached_fine' })).status, 404);
  const byManager = await attempt(as.manager, call.id, { outcome: 'reached_needs_help', note: 'courses à faire' });
  assert.equal(byManager.state, 'reached');
  assert.equal(byManager.attempts[0].agent_name.length > 0, true);
});

test('a refusal records the objection and cancels the member\'s other open calls', async () => {
  const member = members[nextMember++];
  const today = await addCall({ member });
  const later = await addCall({ member, date: '2099-01-05' });
  const body = await attempt(as.call_agent, today.id, { outcome: 'reached_refuses', note: 'ne plus m\'appeler' });
  assert.equal(body.state, 'refused');
  assert.equal((await as.call_agent.get(`/api/v1/calls/${later.id}`)).body.state, 'cancelled');
  let entries = [];
  for (let i = 0; i < 50 && !entries.length; i++) {
    entries = (await as.data_protection.get(`/api/v1/audit?record_type=vulnerability_profile&record_id=${member}`)).body.items;
    if (!entries.length) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(entries[0]?.operation, 'update', 'the objection is in the trail');
});

test('a wrong number opens an update_contact task the managers close', async () => {
  const call = await addCall();
  const body = await attempt(as.call_agent, call.id, { outcome: 'wrong_number', note: 'une boulangerie' });
  assert.equal(body.state, 'wrong_number');
  const tasks = (await as.manager.get('/api/v1/outreach-tasks?status=open')).body.items;
  const task = tasks.find((t) => t.call_id === call.id);
  assert.ok(task, JSON.stringify(tasks));
  assert.equal(task.kind, 'update_contact');
  assert.match(task.description, /une boulangerie/);
  assert.equal(task.owner_id, null);
  assert.equal((await bManager.get('/api/v1/outreach-tasks')).body.items.some((t) => t.id === task.id), false);
  assert.equal((await as.call_agent.post(`/api/v1/outreach-tasks/${task.id}/close`, {})).status, 403);
  assert.equal((await as.manager.post(`/api/v1/outreach-tasks/${task.id}/close`, { status: 'finished' })).body.field, 'status');
  const closed = await as.manager.post(`/api/v1/outreach-tasks/${task.id}/close`, {});
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.status, 'done');
  assert.equal((await as.manager.post(`/api/v1/outreach-tasks/${task.id}/close`, {})).status, 409);
  assert.equal((await as.manager.get('/api/v1/outreach-tasks?status=bogus')).body.field, 'status');
});

test('the day end closes open calls as unreachable and escalates a level-3 tenant after the plan\'s days, once per run', async () => {
  const member = members[nextMember++];
  const level2 = members[nextMember++];
  const d1 = await addCall({ member, date: '2026-06-01' });
  await addCall({ member: level2, date: '2026-06-01', level: 2 });
  assert.match(await dayEnd('2026-06-01'), /2 appel\(s\) clos injoignable\(s\), 0 alerte/);
  assert.equal((await as.call_agent.get(`/api/v1/calls/${d1.id}`)).body.state, 'unreachable');
  await addCall({ member, date: '2026-06-02' });
  await addCall({ member: level2, date: '2026-06-02', level: 2 });
  assert.match(await dayEnd('2026-06-02'), /2 appel\(s\) clos injoignable\(s\), 1 alerte/);
  assert.match(await dayEnd('2026-06-02'), /0 appel\(s\) clos injoignable\(s\), 0 alerte/);
  await addCall({ member, date: '2026-06-03' });
  assert.match(await dayEnd('2026-06-03'), /1 appel\(s\) clos injoignable\(s\), 0 alerte/, 'never twice for the same run');

  const list = await as.manager.get('/api/v1/escalations?status=open');
  assert.equal(list.status, 200, list.text);
  const mine = list.body.items.filter((e) => e.member.id === member);
  assert.equal(mine.length, 1, JSON.stringify(list.body.items));
  const esc = mine[0];
  assert.equal(esc.unreachable_since, '2026-06-01');
  assert.equal(esc.plan.id, plan.id);
  assert.equal(list.body.items.some((e) => e.member.id === level2), false, 'level 2 is not escalated');
  assert.equal((await as.call_agent.get('/api/v1/escalations')).status, 404);
  assert.equal((await bManager.get('/api/v1/escalations')).body.items.length, 0);
  assert.equal((await as.manager.get('/api/v1/escalations?status=maybe')).body.field, 'status');

  // Open, it is on the manager's dashboard and counted in the crisis view of its perimeter.
  const board = await as.manager.get('/api/v1/dashboard/escalations');
  assert.equal(board.status, 200, board.text);
  const onBoard = board.body.items.find((e) => e.id === esc.id);
  assert.ok(onBoard, JSON.stringify(board.body.items));
  assert.equal(onBoard.household.id, esc.household.id);
  assert.equal(onBoard.unreachable_since, '2026-06-01');
  assert.equal((await as.call_agent.get('/api/v1/dashboard/escalations')).status, 403);
  assert.equal((await bManager.get('/api/v1/dashboard/escalations')).body.items.some((e) => e.id === esc.id), false);
  const report = (await as.manager.get(`/api/v1/crisis-plans/${plan.id}/report`)).body;
  assert.ok(report.totals.open_escalations >= 1, JSON.stringify(report.totals));

  const bad = await as.manager.post(`/api/v1/escalations/${esc.id}/action`, { action: 'send_flowers' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'action');
  const acted = await as.manager.post(`/api/v1/escalations/${esc.id}/action`, { action: 'caretaker_visit', outcome: 'Le gardien passe à 15 h' });
  assert.equal(acted.status, 200, acted.text);
  assert.equal(acted.body.action, 'caretaker_visit');
  assert.equal(acted.body.status, 'open');
  const noOutcome = await as.manager.post(`/api/v1/escalations/${esc.id}/close`, { outcome: '  ' });
  assert.equal(noOutcome.status, 400);
  assert.equal(noOutcome.body.field, 'outcome');
  assert.equal((await bManager.post(`/api/v1/escalations/${esc.id}/close`, { outcome: 'x' })).status, 404);
  const closed = await as.manager.post(`/api/v1/escalations/${esc.id}/close`, { outcome: 'Locataire chez sa fille, va bien' });
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.body.status, 'closed');
  assert.ok(closed.body.closed_by_name.length > 0);
  assert.equal((await as.manager.post(`/api/v1/escalations/${esc.id}/close`, { outcome: 'encore' })).status, 409);
  // Closed, it leaves the dashboard; the household's timeline keeps it, raised then with its outcome.
  assert.equal((await as.manager.get('/api/v1/dashboard/escalations')).body.items.some((e) => e.id === esc.id), false);
  const timeline = (await as.manager.get(`/api/v1/households/${esc.household.id}/timeline`)).body.items;
  const raised = timeline.find((e) => e.type === 'escalation' && e.id === esc.id);
  assert.ok(raised, JSON.stringify(timeline));
  assert.equal(raised.status, 'closed');
  assert.equal(raised.code, '2026-06-01');
  const outcome = timeline.find((e) => e.type === 'escalation_outcome' && e.id === esc.id);
  assert.equal(outcome.code, 'caretaker_visit');
  assert.equal(outcome.text, 'Locataire chez sa fille, va bien');
  assert.equal(outcome.parent_id, esc.id);

  // Reached again: the run ends; a new run may escalate again.
  const reached = await addCall({ member, date: nextWeekday() });
  await attempt(as.call_agent, reached.id, { outcome: 'reached_fine' });
  await addCall({ member, date: '2026-06-10' });
  await addCall({ member, date: '2026-06-11' });
  assert.match(await dayEnd('2026-06-11'), /2 appel\(s\) clos injoignable\(s\), 1 alerte/);
});
