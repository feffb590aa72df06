// Notifications end to end, on both engines: `relais notify test` queues a message in the outbox
// and delivers it through the real transports, an e-mail to a local SMTP sink (python3-aiosmtpd)
// an SMS as a file in the spool directory or as a POST to an HTTP gateway (a fake one the test
// starts); a failed delivery stays queued for the server's
// retries, and a delivered message keeps no personal data in the outbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freshDatabase, runRelais, RELAIS_BIN, ROOT } from './harness.mjs';
import { startSmtpSink } from './smtp-sink.mjs';
import { startSmsGateway } from './sms-gateway.mjs';

let sink, database, spool;

before(async () => {
  sink = await startSmtpSink();
  database = await freshDatabase();
  spool = await mkdtemp(join(ROOT, 'build/test-tmp', 'sms-'));
});
after(async () => {
  await sink?.stop();
  await database?.drop();
  if (spool) await rm(spool, { recursive: true, force: true });
});

test('an e-mail reaches the SMTP server, in French, from the configured sender', async () => {
  const { stdout } = await runRelais(['notify', 'test', '--email', 'locataire@example.org'], {
    database: database.url,
    env: { RELAIS_NOTIFY_SMTP_URL: sink.url, RELAIS_NOTIFY_SMTP_FROM: 'relais@bailleur.example' },
  });
  assert.match(stdout, /envoyé/);
  const [mail] = await sink.waitFor((m) => m.to.includes('locataire@example.org'));
  assert.equal(mail.from, 'relais@bailleur.example');
  assert.equal(mail.subject, "Relais : message d'essai");
  assert.match(mail.text, /message d'essai envoyé par Relais/);
  assert.match(mail.headers['content-type'], /text\/plain; charset=UTF-8/);
});

test('an SMS is written into the spool directory as one JSON file', async () => {
  await runRelais(['notify', 'test', '--sms', '+33612345642'], {
    database: database.url,
    env: { RELAIS_NOTIFY_SMS_SPOOL_DIR: spool },
  });
  const files = (await readdir(spool)).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 1);
  assert.match(files[0], /^relais-sms-\d+\.json$/);
  const sms = JSON.parse(await readFile(join(spool, files[0]), 'utf8'));
  assert.equal(sms.to, '+33612345642');
  assert.match(sms.text, /message d'essai/);
  assert.equal(typeof sms.id, 'number');
});

test('an SMS goes to the HTTP gateway when one is configured, with its credentials, and not to the spool', async () => {
  const gateway = await startSmsGateway({ user: 'bailleur', password: 's3cret' });
  try {
    const { stdout } = await runRelais(['notify', 'test', '--sms', '+33698765432'], {
      database: database.url,
      env: {
        RELAIS_NOTIFY_SMS_GATEWAY_URL: gateway.url,
        RELAIS_NOTIFY_SMS_GATEWAY_USER: 'bailleur',
        RELAIS_NOTIFY_SMS_GATEWAY_PASSWORD: 's3cret',
        RELAIS_NOTIFY_SMS_SENDER: 'RELAIS',
        RELAIS_NOTIFY_SMS_SPOOL_DIR: spool,
      },
    });
    assert.match(stdout, /envoyé/);
    const [sms] = await gateway.waitFor((m) => m.to === '+33698765432');
    assert.match(sms.text, /message d'essai/);
    assert.equal(sms.sender, 'RELAIS');
    assert.match(sms.id, /^relais-\d+$/);
    assert.equal(sms.path, '/v1/sms');
    assert.match(sms.contentType, /application\/json/);
    const spooled = (await readdir(spool)).filter((f) => f.endsWith('.json'));
    for (const f of spooled) assert.doesNotMatch(await readFile(join(spool, f), 'utf8'), /\+33698765432/);
  } finally {
    await gateway.stop();
  }
});

test('a gateway that refuses: exit 1, the SMS stays queued, the error names the HTTP status only', async () => {
  const gateway = await startSmsGateway({ status: 503 });
  try {
    const err = await promisify(execFile)(RELAIS_BIN, ['notify', 'test', '--sms', '+33611112222'], {
      cwd: ROOT,
      env: { ...process.env, RELAIS_DATABASE_URL: database.url, RELAIS_NOTIFY_SMS_GATEWAY_URL: gateway.url },
    }).then(() => null, (e) => e);
    assert.ok(err, 'relais notify test should fail');
    assert.equal(err.code, 1);
    assert.match(err.stderr, /sms gateway: HTTP 503/);
    assert.doesNotMatch(err.stderr, /33611112222/);
    assert.equal(gateway.received.length, 1);
  } finally {
    await gateway.stop();
  }
});

test('a notify.sms_gateway_url that is not http(s) is refused at start, naming the key', async () => {
  const err = await promisify(execFile)(RELAIS_BIN, ['notify', 'test', '--sms', '+33611112222'], {
    cwd: ROOT,
    env: { ...process.env, RELAIS_DATABASE_URL: database.url, RELAIS_NOTIFY_SMS_GATEWAY_URL: 'smtp://sms.example.org' },
  }).then(() => null, (e) => e);
  assert.ok(err);
  assert.equal(err.code, 2);
  assert.match(err.stderr, /RELAIS_NOTIFY_SMS_GATEWAY_URL/);
});

test('an unreachable SMTP server: exit 1, the message stays queued without naming the recipient in the error', async () => {
  const run = promisify(execFile)(RELAIS_BIN, ['notify', 'test', '--email', 'autre@example.org'], {
    cwd: ROOT,
    env: {
      ...process.env,
      RELAIS_DATABASE_URL: database.url,
      RELAIS_NOTIFY_SMTP_URL: 'smtp://127.0.0.1:1',
      RELAIS_NOTIFY_SMTP_FROM: 'relais@bailleur.example',
    },
  });
  const err = await run.then(() => null, (e) => e);
  assert.ok(err, 'relais notify test should fail');
  assert.equal(err.code, 1);
  assert.match(err.stderr, /non envoyé/);
  assert.doesNotMatch(err.stderr, /autre@example\.org/);
});

test('a bad notify.smtp_url is refused at start, naming the key', async () => {
  const err = await promisify(execFile)(RELAIS_BIN, ['notify', 'test', '--email', 'x@example.org'], {
    cwd: ROOT,
    env: { ...process.env, RELAIS_DATABASE_URL: database.url, RELAIS_NOTIFY_SMTP_URL: 'http://mail.example.org' },
  }).then(() => null, (e) => e);
  assert.ok(err);
  assert.equal(err.code, 2);
  assert.match(err.stderr, /RELAIS_NOTIFY_SMTP_URL/);
});
