// With mail configured (notify.smtp_url) and the server's address known (server.public_url), an
// invitation reaches the invitee by e-mail, in French, with the absolute link that works once;
// without server.public_url the administrator alone gets the link (emailed false).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startDemoRegion } from './seed.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

let sink, region, admin;

before(async () => {
  sink = await startSmtpSink();
  region = await startDemoRegion({
    landlords: 1,
    households: 20,
    env: {
      RELAIS_NOTIFY_SMTP_URL: sink.url,
      RELAIS_NOTIFY_SMTP_FROM: 'relais@bailleur.example',
      RELAIS_PUBLIC_URL: 'https://relais.bailleur.example',
    },
  });
  admin = region.client();
  await admin.login(region.landlords[0].administrator);
});
after(async () => {
  if (region) assert.deepEqual(await region.stop(), { code: 0, signal: null });
  await sink?.stop();
});

test('an invitation is e-mailed to the invitee with the absolute link, which works once', async () => {
  const res = await admin.post('/api/v1/staff/invitations', {
    email: 'nouvelle.collegue@example.org', display_name: 'Nouvelle Collègue', roles: ['call_agent'],
  });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.body.emailed, true);
  const [mail] = await sink.waitFor((m) => m.to.includes('nouvelle.collegue@example.org'));
  assert.equal(mail.from, 'relais@bailleur.example');
  assert.match(mail.subject, /^Votre invitation à Relais \(/);
  assert.match(mail.text, /Bonjour Nouvelle Collègue/);
  const link = /https:\/\/relais\.bailleur\.example(\/invitation\/[A-Za-z0-9_-]{22})/.exec(mail.text);
  assert.ok(link, mail.text);
  assert.equal(link[1], res.body.link, 'the e-mail carries the link the administrator sees');
  const token = link[1].split('/').pop();
  const open = await region.client().get(`/api/v1/invitations/${token}`);
  assert.equal(open.status, 200, open.text);
  const accept = await region.client().post(`/api/v1/invitations/${token}`, { password: 'un mot de passe assez long' });
  assert.equal(accept.status, 204, accept.text);
  assert.equal((await region.client().get(`/api/v1/invitations/${token}`)).status, 404);
});
