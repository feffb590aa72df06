// Staff login hardening through the API, on both engines (ADR 0009): TOTP enrolment, the second
// step of signing in with a new session id, single-use recovery codes, the organisation's grace
// period forcing enrolment, the administrator's reset (own organisation only), the throttle per
// address and per account (429 with Retry-After, the same whether the account exists or not),
// and common passwords refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { RELAIS_BIN, addUser, engine, freshDatabase, runRelais, startServer } from './harness.mjs';
import { totp } from './totp.mjs';

const PASSWORD = 'un mot de passe assez long';


let server, admin, otherAdmin, dpo;
let otherOrg;

before(async () => {
  server = await startServer({ demo: { households: 5 } });
  admin = server.client();
  await admin.login(server.accounts.administrator);
  dpo = server.client();
  await dpo.login(server.accounts.data_protection);
  const { stdout } = await runRelais(['organisation', 'add', '--name', 'Autre bailleur', '--siren', '552100554'], {
    database: server.database.url,
  });
  otherOrg = Number(stdout.trim());
  const creds = await addUser(server.database, { email: 'admin@autre.test', password: PASSWORD, roles: ['administrator'], organisation: otherOrg });
  otherAdmin = server.client();
  await otherAdmin.login(creds);
});
after(() => server?.stop());

async function newStaff(email) {
  const creds = await addUser(server.database, { email, password: PASSWORD, roles: ['call_agent'], organisation: 1 });
  const api = server.client();
  const res = await api.login(creds);
  return { creds, api, res };
}

/** Enrols the signed-in `api`; resolves to { secret, codes }. */
async function enrol(api) {
  const start = await api.post('/api/v1/account/mfa', undefined);
  assert.equal(start.status, 201, start.text);
  assert.match(start.body.otpauth_uri, /^otpauth:\/\/totp\/Relais:.*secret=[A-Z2-7]+&issuer=Relais&algorithm=SHA1&digits=6&period=30$/);
  assert.ok(start.body.qr_svg.startsWith('<svg'));
  const wrong = await api.post('/api/v1/account/mfa/confirm', { code: totp(start.body.secret, 5) });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.field, 'code');
  const done = await api.post('/api/v1/account/mfa/confirm', { code: totp(start.body.secret) });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.recovery_codes.length, 10);
  return { secret: start.body.secret, codes: done.body.recovery_codes, done };
}

/** The second step, keeping the new session's CSRF token. */
async function secondStep(api, code) {
  const res = await api.post('/api/v1/session/mfa', { code });
  if (res.status === 200) api.csrfToken = res.body.csrf_token;
  return res;
}

test('enrol, then sign in with a code: a second step, and then a new session id', async () => {
  const { creds, api, res } = await newStaff('totp@demo.relais.test');
  assert.equal(res.status, 200);
  assert.equal(res.body.mfa.enabled, false);
  assert.ok(Date.parse(res.body.mfa.deadline) > Date.now());
  const { secret } = await enrol(api);
  assert.equal((await api.get('/api/v1/session')).body.mfa.enabled, true);
  // Enrolled: starting again is a conflict.
  assert.equal((await api.post('/api/v1/account/mfa', undefined)).status, 409);

  const other = server.client();
  const half = await other.login(creds);
  assert.equal(half.status, 202);
  assert.equal(half.body.stage, 'mfa');
  const halfCookie = [...other.cookies.values()][0];
  // Half signed in reaches nothing but the second step and sign-out.
  assert.equal((await other.get('/api/v1/households')).status, 401);
  assert.equal((await other.get('/api/v1/session')).status, 401);
  assert.equal((await other.post('/api/v1/account/mfa', undefined)).status, 401);
  assert.equal((await secondStep(other, '000000')).status, 400);
  // The confirmation used this step's code: the next step's is accepted (one step of drift).
  const full = await secondStep(other, totp(secret, 1));
  assert.equal(full.status, 200, full.text);
  const fullCookie = [...other.cookies.values()][0];
  assert.notEqual(fullCookie, halfCookie);
  assert.equal((await other.get('/api/v1/households')).status, 200);
  // The half-way session id is gone.
  const stale = server.client();
  stale.cookies = new Map([...other.cookies.keys()].map((k) => [k, halfCookie]));
  assert.equal((await stale.get('/api/v1/households')).status, 401);
  // A code is good once.
  const again = server.client();
  await again.login(creds);
  assert.equal((await secondStep(again, totp(secret, 1))).status, 400);
});

test('a recovery code signs in once', async () => {
  const { creds, api } = await newStaff('recovery@demo.relais.test');
  const { codes } = await enrol(api);
  const first = server.client();
  assert.equal((await first.login(creds)).status, 202);
  assert.equal((await secondStep(first, codes[0].toLowerCase())).status, 200);
  const second = server.client();
  await second.login(creds);
  const reused = await secondStep(second, codes[0]);
  assert.equal(reused.status, 400);
  assert.equal(reused.body.field, 'code');
  assert.equal((await secondStep(second, codes[1])).status, 200);
});

test('after the grace period, a staff account without a second factor can only enrol', async () => {
  const agent = server.client();
  await agent.login(server.accounts.call_agent);
  assert.equal((await agent.get('/api/v1/organisation/mfa-policy')).status, 403);
  const policy = await admin.get('/api/v1/organisation/mfa-policy');
  assert.equal(policy.status, 200);
  assert.equal(policy.body.grace_days, 365);  // the demo organisation's
  assert.equal((await admin.put('/api/v1/organisation/mfa-policy', { grace_days: 400 })).body.field, 'grace_days');
  const set = await admin.put('/api/v1/organisation/mfa-policy', { grace_days: 0 });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.body.effective_grace_days, 0);
  try {
    const { api, res } = await newStaff('late@demo.relais.test');
    assert.equal(res.status, 202);
    assert.equal(res.body.stage, 'enrolment');
    assert.equal((await api.get('/api/v1/households')).status, 401);
    const { done } = await enrol(api);
    assert.equal(done.body.signed_in, true);
    const session = await api.get('/api/v1/session');
    assert.equal(session.status, 200);
    assert.equal((await api.get('/api/v1/households')).status, 200);
  } finally {
    assert.equal((await admin.put('/api/v1/organisation/mfa-policy', { grace_days: 365 })).status, 200);
  }
});

test('an administrator resets the second factor in their organisation only; audited', async () => {
  const { creds, api } = await newStaff('lost-phone@demo.relais.test');
  await enrol(api);
  const id = (await api.get('/api/v1/session')).body.user.id;
  assert.equal((await otherAdmin.post(`/api/v1/staff/${id}/mfa/reset`, undefined)).status, 404);
  const agent = server.client();
  await agent.login(server.accounts.call_agent);
  assert.equal((await agent.post(`/api/v1/staff/${id}/mfa/reset`, undefined)).status, 403);
  const mfaEnabled = async () => (await admin.get('/api/v1/staff')).body.items.find((m) => m.id === id).mfa_enabled;
  assert.equal(await mfaEnabled(), true);  // the administration's list says who has a second factor
  assert.equal((await admin.post(`/api/v1/staff/${id}/mfa/reset`, undefined)).status, 204);
  assert.equal(await mfaEnabled(), false);
  assert.equal((await api.get('/api/v1/session')).status, 401);  // sessions ended
  const again = server.client();
  const res = await again.login(creds);
  assert.equal(res.status, 200);  // within the grace period: signed in, to enrol again
  assert.equal(res.body.mfa.enabled, false);
  const deadline = Date.now() + 5000;
  let ops = [];
  while (Date.now() < deadline) {
    const list = await dpo.get(`/api/v1/audit?record_type=staff_user&record_id=${id}`);
    assert.equal(list.status, 200, list.text);
    ops = list.body.items.map((e) => e.operation);
    if (ops.includes('mfa_reset') && ops.includes('mfa_enrol')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(ops.includes('mfa_enrol') && ops.includes('mfa_reset'), JSON.stringify(ops));
});

test('relais user reset-mfa removes the second factor for an operator', async () => {
  const { creds, api } = await newStaff('cli@demo.relais.test');
  await enrol(api);
  await runRelais(['user', 'reset-mfa', 'cli@demo.relais.test'], { database: server.database.url });
  assert.equal((await server.client().login(creds)).status, 200);
  await assert.rejects(runRelais(['user', 'reset-mfa', 'nobody@demo.relais.test'], { database: server.database.url }));
});

test('a common password is refused, whatever its case', async () => {
  await assert.rejects(
    addUser(server.database, { email: 'weak@demo.relais.test', password: '1QAZ2WSX3EDC', roles: ['call_agent'], organisation: 1 }),
    /mots de passe les plus courants/,
  );
});

test('sign-in is throttled per account, the same whether it exists or not, and per address', async () => {
  const fresh = await startServer();
  try {
    const { stdout } = await runRelais(['organisation', 'add', '--name', 'Bailleur', '--siren', '552100554'], {
      database: fresh.database.url,
    });
    await addUser(fresh.database, { email: 'real@x.test', password: PASSWORD, roles: ['manager'], organisation: Number(stdout.trim()) });
    const api = fresh.client();
    const answers = {};
    for (const email of ['real@x.test', 'ghost@x.test']) {
      for (let i = 0; i < 6; i++) assert.equal((await api.post('/api/v1/session', { email, password: 'faux mot de passe' })).status, 401);
      const locked = await api.post('/api/v1/session', { email, password: PASSWORD });
      assert.equal(locked.status, 429, locked.text);
      assert.ok(Number(locked.headers.get('retry-after')) >= 1);
      assert.match(locked.body.detail, /Patientez/);
      answers[email] = locked.body.detail;
    }
    assert.equal(answers['real@x.test'], answers['ghost@x.test']);
    // Per address: past 30 failures from one address, even a new e-mail waits.
    for (let i = 0; i < 19; i++) {
      assert.equal((await api.post('/api/v1/session', { email: `n${i}@x.test`, password: 'faux mot de passe' })).status, 401);
    }
    const res = await api.post('/api/v1/session', { email: 'another@x.test', password: 'faux mot de passe' });
    assert.equal(res.status, 429, res.text);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
  } finally {
    await fresh.stop();
  }
});

test('the TOTP secrets are sealed with a server key kept outside the database', async () => {
  if (engine() === 'sqlite') {
    // Next to the SQLite file, created private at the first start.
    const file = join(dirname(server.database.url.replace('sqlite://', '')), 'relais-secret.key');
    const st = await stat(file);
    assert.equal(st.size, 32);
    assert.equal(st.mode & 0o777, 0o600);
  } else {
    // PostgreSQL has no folder of its own: without identity.secret_key_file the server refuses to
    // start, and says which setting is missing.
    const db = await freshDatabase();
    try {
      const { code, stderr } = await new Promise((res) => {
        const child = spawn(RELAIS_BIN, ['serve'], {
          env: { ...process.env, RELAIS_DATABASE_URL: db.url, RELAIS_LISTEN: '127.0.0.1:0', RELAIS_SECRET_KEY_FILE: '' },
        });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (c) => res({ code: c, stderr: err }));
      });
      assert.notEqual(code, 0);
      assert.match(stderr, /identity\.secret_key_file/);
    } finally {
      await db.drop();
    }
  }
});
