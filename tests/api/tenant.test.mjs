// The tenant portal through the API, on both engines: activation with the tenant reference and a
// one-time code received by SMS (spool file) or e-mail (local SMTP sink), sign-in by code and by
// password, only the tenant's own household (as much as the landlord shows), staff routes unknown
// to tenants and tenant routes unknown to staff, throttling, expired codes, audit of sign-ins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { ROOT, startServer } from './harness.mjs';
import { smsCode as sharedSmsCode, signInTenant } from './sms.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

const run = promisify(execFile);
let server, sink, spool, manager, admin, dpo;

before(async () => {
  sink = await startSmtpSink();
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
  server = await startServer({
    demo: { households: 20 },
    env: {
      RELAIS_NOTIFY_SMTP_URL: sink.url,
      RELAIS_NOTIFY_SMTP_FROM: 'relais@bailleur.example',
      RELAIS_NOTIFY_SMS_SPOOL_DIR: spool,
    },
  });
  [manager, admin, dpo] = [server.client(), server.client(), server.client()];
  await manager.login(server.accounts.manager);
  await admin.login(server.accounts.administrator);
  await dpo.login(server.accounts.data_protection);
});
after(async () => {
  await server?.stop();
  await sink?.stop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

/** Runs one SQL statement on the server's database (to age a code, or remove a phone). */
async function sql(statement) {
  const { url } = server.database;
  if (url.startsWith('sqlite://')) await run('sqlite3', [url.slice('sqlite://'.length), statement]);
  else await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', statement]);
}

/** The household of demo reference T0000000n: its phones and e-mail, as staff see them. */
async function household(n) {
  const list = await manager.get(`/api/v1/households?limit=50`);
  const item = list.body.items.find((h) => h.reference === `T0000000${n}`.slice(-9));
  assert.ok(item, `no household T0000000${n}`);
  return (await manager.get(`/api/v1/households/${item.id}`)).body;
}

const smsCode = (phone, notBefore = 0) => sharedSmsCode(spool, phone, notBefore);

async function activate(reference, phone) {
  const tenant = server.client();
  await signInTenant(tenant, spool, reference, phone);
  return tenant;
}

test('activation by SMS: a masked hint, a code in the spool, then the tenant sees their own household only', async () => {
  const h = await household(2);
  const phone = h.phones[0].number;
  const tenant = server.client();
  const sent = await tenant.post('/api/v1/tenant/codes', { reference: h.reference });
  assert.equal(sent.status, 202);
  assert.equal(sent.body.hint, `SMS au ${phone.slice(0, 2)} •• •• •• ${phone.slice(-2)}`);
  assert.doesNotMatch(JSON.stringify(sent.body), new RegExp(phone));
  const sms = await smsCode(phone);
  assert.match(sms.text, /Votre code Relais : \d{6}\. Il est valable 10 minutes/);
  const res = await tenant.post('/api/v1/tenant/session', { reference: h.reference, code: sms.code });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.tenant.household_id, h.id);
  assert.equal(res.body.tenant.has_password, false);
  assert.ok(tenant.cookies.has('relais_tenant'));
  assert.ok(tenant.cookies.get('relais_tenant').startsWith('tn_'));
  tenant.csrfToken = res.body.csrf_token;
  // The code is spent.
  const again = await server.client().post('/api/v1/tenant/session', { reference: h.reference, code: sms.code });
  assert.equal(again.status, 401);

  const mine = await tenant.get('/api/v1/tenant/household');
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.reference, h.reference);
  assert.deepEqual(mine.body.members.map((m) => m.first_name), h.members.map((m) => m.first_name));
  assert.ok(mine.body.members.every((m) => Object.keys(m).join() === 'first_name'), 'first names only');
  assert.ok(mine.body.address.street);
  assert.ok(!('phones' in mine.body) && !('notes' in mine.body));

  // Staff routes do not exist for a tenant, whatever the id.
  for (const path of ['/api/v1/households', `/api/v1/households/${h.id}`, '/api/v1/session', '/api/v1/audit']) {
    assert.equal((await tenant.get(path, { contract: 'problem' })).status, 404, path);
  }
});

test('an unknown reference gets the same kind of answer, and nothing is sent', async () => {
  const before = (await readdir(spool)).length;
  const mails = (await sink.messages()).length;
  const res = await server.client().post('/api/v1/tenant/codes', { reference: 'T99999999' });
  assert.equal(res.status, 202);
  assert.match(res.body.hint, /^(SMS au 0[67] •• •• •• \d\d|e-mail à .•••@.•••\.fr)$/);
  const same = await server.client().post('/api/v1/tenant/codes', { reference: 'T99999999' });
  assert.equal(same.body.hint, res.body.hint, 'stable, so that asking twice does not tell');
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal((await readdir(spool)).length, before);
  assert.equal((await sink.messages()).length, mails);
  const bad = await server.client().post('/api/v1/tenant/codes', { reference: '' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'reference');
});

test('activation by e-mail when no mobile phone is on file', async () => {
  const h = await household(4);
  assert.ok(h.email);
  await sql(`DELETE FROM phones WHERE household_id = ${h.id}`);
  const tenant = server.client();
  const sent = await tenant.post('/api/v1/tenant/codes', { reference: h.reference });
  assert.equal(sent.status, 202);
  const [user, domain] = h.email.split('@');
  assert.equal(sent.body.hint, `e-mail à ${user[0]}•••@${domain[0]}•••${domain.slice(domain.lastIndexOf('.'))}`);
  const [mail] = await sink.waitFor((m) => m.to.includes(h.email));
  assert.equal(mail.subject, 'Votre code Relais');
  const code = /Votre code Relais : (\d{6})/.exec(mail.text)[1];
  const res = await tenant.post('/api/v1/tenant/session', { reference: h.reference, code });
  assert.equal(res.status, 200, res.text);
});

test('a password, then sign-in by password or by a new code; sign-out', async () => {
  const h = await household(5);
  const phone = h.phones.find((p) => /^0[67]/.test(p.number)).number;
  const tenant = await activate(h.reference, phone);
  assert.equal((await tenant.put('/api/v1/tenant/password', { password: 'court' })).status, 400);
  // The staff's rule: a common password (data/common-passwords.txt) is refused, whatever its case.
  const common = await tenant.put('/api/v1/tenant/password', { password: '1QAZ2WSX3EDC' });
  assert.equal(common.status, 400);
  assert.equal(common.body.field, 'password');
  assert.match(common.body.detail, /mots de passe les plus courants/);
  assert.equal((await tenant.put('/api/v1/tenant/password', { password: 'mon logement au 3e' })).status, 204);
  const other = server.client();
  const wrong = await other.post('/api/v1/tenant/session', { reference: h.reference, password: 'pas le bon mot' });
  assert.equal(wrong.status, 401);
  const ok = await other.post('/api/v1/tenant/session', { reference: h.reference, password: 'mon logement au 3e' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.tenant.has_password, true);

  // A new code, once the minute between two codes has passed.
  const last = await smsCode(phone);
  await sql('UPDATE tenant_codes SET sent_at = 0');
  const third = server.client();
  assert.equal((await third.post('/api/v1/tenant/codes', { reference: h.reference })).status, 202);
  const { code } = await smsCode(phone, last.id);
  const thirdIn = await third.post('/api/v1/tenant/session', { reference: h.reference, code });
  assert.equal(thirdIn.status, 200);

  other.csrfToken = ok.body.csrf_token;
  assert.equal((await other.delete('/api/v1/tenant/session')).status, 204);
  assert.equal((await other.get('/api/v1/tenant/household', { contract: 'problem' })).status, 401);
  // The others are still signed in; "everywhere" ends every session of the account (a lost phone).
  assert.equal((await tenant.get('/api/v1/tenant/household')).status, 200);
  third.csrfToken = thirdIn.body.csrf_token;
  const maybe = await third.delete('/api/v1/tenant/session?everywhere=maybe', { contract: 'problem' });
  assert.equal(maybe.status, 400);
  assert.equal(maybe.body.field, 'everywhere');
  assert.equal((await third.delete('/api/v1/tenant/session?everywhere=true')).status, 204);
  for (const client of [third, tenant]) {
    assert.equal((await client.get('/api/v1/tenant/household', { contract: 'problem' })).status, 401);
  }
  // The password still works: only the sessions ended.
  const again = await server.client().post('/api/v1/tenant/session', { reference: h.reference, password: 'mon logement au 3e' });
  assert.equal(again.status, 200);
});

test('an expired code is refused', async () => {
  const h = await household(3);
  const tenant = server.client();
  await tenant.post('/api/v1/tenant/codes', { reference: h.reference });
  const { code } = await smsCode(h.phones[0].number);
  await sql(`UPDATE tenant_codes SET expires_at = 1`);
  const res = await tenant.post('/api/v1/tenant/session', { reference: h.reference, code });
  assert.equal(res.status, 401);
  assert.equal(res.body.detail, 'Référence, code ou mot de passe incorrect.');
});

test('repeated failures are throttled', async () => {
  const h = await household(7);
  const tenant = server.client();
  await tenant.post('/api/v1/tenant/codes', { reference: h.reference });
  await smsCode(h.phones[0].number);
  const statuses = [];
  for (let i = 0; i < 8; i++) {
    statuses.push((await tenant.post('/api/v1/tenant/session', { reference: h.reference, code: '000000' })).status);
  }
  assert.deepEqual(statuses.slice(0, 6), [401, 401, 401, 401, 401, 401]);
  assert.equal(statuses[7], 429);
});

test('a reference that does not exist is locked exactly like one that does', async () => {
  const h = await household(9);
  await server.client().post('/api/v1/tenant/codes', { reference: h.reference });  // the account exists now
  await smsCode(h.phones[0].number);
  const answers = async (reference) => {
    const tenant = server.client();
    const seen = [];
    for (let i = 0; i < 8; i++) {
      const res = await tenant.post('/api/v1/tenant/session', { reference, code: '999999' }, { contract: 'problem' });
      seen.push(`${res.status} ${res.body.detail} ${res.headers.get('retry-after')}`);
    }
    return seen;
  };
  const known = await answers(h.reference);
  const unknown = await answers('T99999998');
  assert.deepEqual(unknown, known);
  assert.match(known[5], /^401 /);
  assert.match(known[6], /^429 Trop de tentatives\. Patientez/);
});

test('tenant routes do not exist for staff; the landlord chooses what tenants see', async () => {
  assert.equal((await manager.get('/api/v1/tenant/household', { contract: 'problem' })).status, 404);
  const defaults = await manager.get('/api/v1/tenant-portal/settings');
  assert.equal(defaults.status, 200);
  assert.deepEqual(defaults.body, { show_members: true, show_rent: true, show_lease_start: true, show_agency: true });
  const hidden = { show_members: false, show_rent: false, show_lease_start: true, show_agency: true };
  assert.equal((await manager.put('/api/v1/tenant-portal/settings', hidden)).status, 403);
  assert.equal((await admin.put('/api/v1/tenant-portal/settings', { ...hidden, show_rent: 'non' })).status, 400);
  assert.equal((await admin.put('/api/v1/tenant-portal/settings', hidden)).status, 200);

  const h = await household(8);
  const tenant = await activate(h.reference, h.phones[0].number);
  const mine = await tenant.get('/api/v1/tenant/household');
  assert.equal(mine.status, 200);
  assert.ok(!('members' in mine.body));
  assert.ok(mine.body.lease === null || !('rent_cents' in mine.body.lease));
  assert.equal(mine.body.shown.members, false);
  // Restored for the other tests.
  await admin.put('/api/v1/tenant-portal/settings', { ...hidden, show_members: true, show_rent: true });
});

test('tenant sign-ins are in the audit trail', async () => {
  const deadline = Date.now() + 5000;
  for (;;) {
    const res = await dpo.get('/api/v1/audit?record_type=tenant_account');
    assert.equal(res.status, 200, res.text);
    const ops = res.body.items.map((e) => e.operation);
    if ((ops.includes('sign_in_code') && ops.includes('sign_in_password')) || Date.now() > deadline) {
      assert.ok(ops.includes('sign_in_code'), ops.join());
      assert.ok(ops.includes('sign_in_password'), ops.join());
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
});
