// Staff administration through the API, on both engines: an administrator invites a colleague,
// the invitee accepts with a password and signs in; a used, revoked or expired link is 404; a
// change of roles ends that person's sessions, a deactivation too and refuses sign-in like a wrong
// password; the last administrator is kept; another landlord's staff is 404; other roles get 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { addUser } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';

const execFileAsync = promisify(execFile);

let region, admin, manager, otherAdmin;
let A;  // demo accounts of the first landlord

const PASSWORD = 'un mot de passe assez long';

/** Runs SQL on the server's database (to age an invitation past its expiry). */
async function sql(statement) {
  const url = region.database.url;
  if (url.startsWith('sqlite://')) await execFileAsync('sqlite3', [url.slice('sqlite://'.length), statement]);
  else await execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
}

const tokenOf = (link) => /^\/invitation\/([A-Za-z0-9_-]{22})$/.exec(link)[1];

async function invite(email, roles = ['call_agent'], agency_ids = []) {
  const res = await admin.post('/api/v1/staff/invitations', { email, display_name: `Nom ${email}`, roles, agency_ids });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

async function staffByEmail(email) {
  const res = await admin.get('/api/v1/staff');
  assert.equal(res.status, 200, res.text);
  return res.body.items.find((m) => m.email === email);
}

async function entries(query, until) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await admin.get(`/api/v1/audit?${query}`);
    assert.equal(res.status, 200, res.text);
    if (until(res.body.items) || Date.now() > deadline) return res.body.items;
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  region = await startDemoRegion({ landlords: 2, households: 10 });
  [A] = region.landlords;
  admin = region.client();
  manager = region.client();
  otherAdmin = region.client();
  await admin.login(A.administrator);
  await manager.login(A.manager);
  // The other demo landlord has no administrator account: one is added to it.
  const bManager = region.client();
  await bManager.login(region.landlords[1].manager);
  const B = (await bManager.get('/api/v1/organisation')).body;
  await otherAdmin.login(await addUser(region.database, {
    email: 'admin.b@example.fr', password: PASSWORD, roles: ['administrator'], organisation: B.id,
  }));
});
after(async () => {
  assert.deepEqual(await region?.stop(), { code: 0, signal: null });
});

test('invite, read the open invitation, accept with a password, sign in; the link cannot serve twice', async () => {
  const agencies = (await admin.get('/api/v1/agencies')).body.items;
  const issued = await invite('Nouvelle.Recrue@example.fr', ['call_agent', 'reception'], [agencies[0].id]);
  assert.equal(issued.invitation.email, 'nouvelle.recrue@example.fr');
  assert.deepEqual(issued.invitation.roles, ['call_agent', 'reception']);
  const token = tokenOf(issued.link);
  const pending = (await admin.get('/api/v1/staff/invitations')).body.items;
  assert.ok(pending.some((i) => i.id === issued.invitation.id));

  const visitor = region.client();
  const open = await visitor.get(`/api/v1/invitations/${token}`);
  assert.equal(open.status, 200, open.text);
  assert.equal(open.body.email, 'nouvelle.recrue@example.fr');
  assert.ok(open.body.organisation.name.length > 0);

  const short = await visitor.post(`/api/v1/invitations/${token}`, { password: 'court' });
  assert.equal(short.status, 400);
  assert.equal(short.body.field, 'password');
  assert.equal((await visitor.post(`/api/v1/invitations/${token}`, { password: PASSWORD })).status, 204);

  const again = await visitor.post(`/api/v1/invitations/${token}`, { password: PASSWORD });
  assert.equal(again.status, 404);
  assert.equal((await visitor.get(`/api/v1/invitations/${token}`)).status, 404);
  assert.ok(!(await admin.get('/api/v1/staff/invitations')).body.items.some((i) => i.id === issued.invitation.id));

  const newcomer = region.client();
  const session = await newcomer.login({ email: 'nouvelle.recrue@example.fr', password: PASSWORD });
  assert.deepEqual(session.body.user.roles, ['call_agent', 'reception']);
  assert.deepEqual(session.body.user.agency_ids, [agencies[0].id]);
  const member = await staffByEmail('nouvelle.recrue@example.fr');
  assert.equal(member.active, true);
  assert.ok(member.last_sign_in_at);

  const created = await entries(`record_type=staff_user&record_id=${member.id}`, (items) => items.length > 0);
  assert.equal(created[0]?.operation, 'create');
  const invited = await entries(`record_type=staff_invitation&record_id=${issued.invitation.id}`, (items) => items.length > 0);
  assert.equal(invited[0]?.operation, 'invite');
});

test('an unknown, revoked or expired link is the same 404; a taken e-mail is a conflict', async () => {
  const visitor = region.client();
  const unknown = await visitor.get('/api/v1/invitations/AAAAAAAAAAAAAAAAAAAAAA');
  assert.equal(unknown.status, 404);
  assert.equal((await visitor.get('/api/v1/invitations/nope')).status, 404);

  const revoked = await invite('revoquee@example.fr');
  assert.equal((await admin.delete(`/api/v1/staff/invitations/${revoked.invitation.id}`)).status, 204);
  const r = await visitor.get(`/api/v1/invitations/${tokenOf(revoked.link)}`);
  assert.equal(r.status, 404);
  assert.deepEqual(r.body, unknown.body);
  assert.equal((await visitor.post(`/api/v1/invitations/${tokenOf(revoked.link)}`, { password: PASSWORD })).status, 404);
  assert.equal((await admin.delete(`/api/v1/staff/invitations/${revoked.invitation.id}`)).status, 404);

  const expired = await invite('expiree@example.fr');
  await sql(`UPDATE staff_invitations SET expires_at = 1 WHERE id = ${expired.invitation.id}`);
  const e = await visitor.post(`/api/v1/invitations/${tokenOf(expired.link)}`, { password: PASSWORD });
  assert.equal(e.status, 404);
  assert.deepEqual(e.body, unknown.body);
  assert.ok(!(await admin.get('/api/v1/staff/invitations')).body.items.some((i) => i.id === expired.invitation.id));

  const taken = await admin.post('/api/v1/staff/invitations', { email: A.manager.email, display_name: 'X', roles: ['manager'] });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.field, 'email');
  await invite('deux.fois@example.fr');
  const twice = await admin.post('/api/v1/staff/invitations', { email: 'deux.fois@example.fr', display_name: 'X', roles: ['manager'] });
  assert.equal(twice.status, 409);
  const badRole = await admin.post('/api/v1/staff/invitations', { email: 'x@example.fr', display_name: 'X', roles: ['roi'] });
  assert.equal(badRole.status, 400);
  assert.equal(badRole.body.field, 'roles');
});

async function newColleague(email, roles = ['call_agent']) {
  const issued = await invite(email, roles);
  assert.equal((await region.client().post(`/api/v1/invitations/${tokenOf(issued.link)}`, { password: PASSWORD })).status, 204);
  const client = region.client();
  await client.login({ email, password: PASSWORD });
  return { client, member: await staffByEmail(email) };
}

test('a role change ends that person\'s sessions at once; a name change does not', async () => {
  const { client, member } = await newColleague('changement.role@example.fr');
  const renamed = await admin.patch(`/api/v1/staff/${member.id}`, { display_name: 'Nom changé' });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.body.display_name, 'Nom changé');
  assert.equal((await client.get('/api/v1/session')).status, 200);

  const changed = await admin.patch(`/api/v1/staff/${member.id}`, { roles: ['allocation'] });
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(changed.body.roles, ['allocation']);
  assert.equal((await client.get('/api/v1/session')).status, 401);
  const back = await client.login({ email: 'changement.role@example.fr', password: PASSWORD });
  assert.deepEqual(back.body.user.roles, ['allocation']);

  const agencies = (await admin.get('/api/v1/agencies')).body.items;
  assert.equal((await admin.patch(`/api/v1/staff/${member.id}`, { agency_ids: [agencies[0].id] })).status, 200);
  assert.equal((await client.get('/api/v1/session')).status, 401);
  const audited = await entries(`record_type=staff_user&record_id=${member.id}`, (items) => items.filter((x) => x.operation === 'update').length >= 3);
  assert.equal(audited.filter((x) => x.operation === 'update').length, 3);
});

test('deactivation ends the sessions and refuses sign-in like a wrong password; reactivation lets in again', async () => {
  const { client, member } = await newColleague('desactivee@example.fr');
  const off = await admin.post(`/api/v1/staff/${member.id}/deactivate`);
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.active, false);
  assert.equal((await client.get('/api/v1/session')).status, 401);
  const refused = await region.client().post('/api/v1/session', { email: 'desactivee@example.fr', password: PASSWORD });
  const wrong = await region.client().post('/api/v1/session', { email: 'desactivee@example.fr', password: 'pas le bon mot de passe' });
  assert.equal(refused.status, 401);
  assert.deepEqual(refused.body, wrong.body);

  const on = await admin.post(`/api/v1/staff/${member.id}/reactivate`);
  assert.equal(on.status, 200, on.text);
  assert.equal(on.body.active, true);
  await client.login({ email: 'desactivee@example.fr', password: PASSWORD });
  const ops = (await entries(`record_type=staff_user&record_id=${member.id}`, (items) => items.some((x) => x.operation === 'reactivate'))).map((x) => x.operation);
  assert.ok(ops.includes('deactivate') && ops.includes('reactivate'), ops.join());
});

test('the last active administrator keeps the role and the account; nobody deactivates themselves', async () => {
  const me = (await admin.get('/api/v1/session')).body.user;
  const admins = (await admin.get('/api/v1/staff')).body.items.filter((m) => m.active && m.roles.includes('administrator'));
  assert.deepEqual(admins.map((m) => m.id), [me.id]);
  const demote = await admin.patch(`/api/v1/staff/${me.id}`, { roles: ['manager'] });
  assert.equal(demote.status, 409);
  assert.match(demote.body.detail, /administrateur/);
  const self = await admin.post(`/api/v1/staff/${me.id}/deactivate`);
  assert.equal(self.status, 409);
  assert.equal((await admin.get('/api/v1/session')).status, 200);

  // With a second administrator, the first may give the role up (and signs in again).
  const { client: second, member } = await newColleague('deuxieme.admin@example.fr', ['administrator']);
  const down = await second.post(`/api/v1/staff/${member.id}/deactivate`);
  assert.equal(down.status, 409);
  const other = await second.post(`/api/v1/staff/${me.id}/deactivate`);
  assert.equal(other.status, 200, other.text);
  assert.equal((await admin.get('/api/v1/session')).status, 401);
  const lastOne = await second.patch(`/api/v1/staff/${member.id}`, { roles: ['manager'] });
  assert.equal(lastOne.status, 409);
  assert.equal((await second.post(`/api/v1/staff/${me.id}/reactivate`)).status, 200);
  await admin.login(A.administrator);
});

test("another landlord's staff and invitations are 404; other roles are refused with 403", async () => {
  const mine = await staffByEmail(A.manager.email);
  const pending = await invite('autre.bailleur@example.fr');
  for (const [method, path, json] of [
    ['GET', `/api/v1/staff/${mine.id}`],
    ['PATCH', `/api/v1/staff/${mine.id}`, { display_name: 'Piraté' }],
    ['POST', `/api/v1/staff/${mine.id}/deactivate`],
    ['POST', `/api/v1/staff/${mine.id}/reactivate`],
    ['DELETE', `/api/v1/staff/invitations/${pending.invitation.id}`],
  ]) {
    const res = await otherAdmin.request(method, path, { json });
    assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
  }
  const theirs = (await otherAdmin.get('/api/v1/staff')).body.items;
  assert.ok(!theirs.some((m) => m.id === mine.id));
  assert.ok(!(await otherAdmin.get('/api/v1/staff/invitations')).body.items.some((i) => i.id === pending.invitation.id));
  assert.equal((await staffByEmail(A.manager.email)).display_name, mine.display_name);

  for (const [method, path, json] of [
    ['GET', '/api/v1/staff'],
    ['GET', '/api/v1/staff/invitations'],
    ['POST', '/api/v1/staff/invitations', { email: 'x@example.fr', display_name: 'X', roles: ['manager'] }],
    ['GET', `/api/v1/staff/${mine.id}`],
    ['PATCH', `/api/v1/staff/${mine.id}`, { roles: ['administrator'] }],
    ['POST', `/api/v1/staff/${mine.id}/deactivate`],
    ['DELETE', `/api/v1/staff/invitations/${pending.invitation.id}`],
  ]) {
    const res = await manager.request(method, path, { json });
    assert.equal(res.status, 403, `${method} ${path}: ${res.text}`);
  }
  assert.deepEqual((await staffByEmail(A.manager.email)).roles, mine.roles);
});
