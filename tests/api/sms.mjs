// The SMS a test server wrote to its spool directory (RELAIS_NOTIFY_SMS_SPOOL_DIR, platform/notify),
// and signing a tenant in with the one-time code sent there.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The code of the newest SMS in `spool` sent to `phone` after id `notBefore` (waits up to 10 s). */
export async function smsCode(spool, phone, notBefore = 0) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = [];
    for (const f of (await readdir(spool)).filter((n) => n.endsWith('.json'))) {
      const sms = JSON.parse(await readFile(join(spool, f), 'utf8'));
      if (sms.to === phone && sms.id > notBefore) found.push(sms);
    }
    found.sort((a, b) => b.id - a.id);
    if (found.length) return { code: /(\d{6})/.exec(found[0].text)[1], id: found[0].id, text: found[0].text };
    if (Date.now() > deadline) throw new Error(`no SMS to ${phone}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signs `client` in as the tenant of `reference` with the code sent by SMS to `phone`. */
export async function signInTenant(client, spool, reference, phone) {
  const sent = await client.post('/api/v1/tenant/codes', { reference });
  assert.equal(sent.status, 202, sent.text);
  const { code } = await smsCode(spool, phone);
  const res = await client.post('/api/v1/tenant/session', { reference, code });
  assert.equal(res.status, 200, res.text);
  client.csrfToken = res.body.csrf_token;
  return res.body;
}
