// With mail configured (notify.smtp_url), an escalation (a level-3 tenant unreachable for the
// heatwave plan's 2 days) is e-mailed to the managers of the organisation, in French.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { runRelais } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

let sink, region, manager;
const env = () => ({ RELAIS_NOTIFY_SMTP_URL: sink.url, RELAIS_NOTIFY_SMTP_FROM: 'relais@bailleur.example' });

before(async () => {
  sink = await startSmtpSink();
  region = await startDemoRegion({ landlords: 1, households: 20, env: env() });
  manager = region.client();
  await manager.login(region.landlords[0].manager);
});
after(async () => {
  if (region) assert.deepEqual(await region.stop(), { code: 0, signal: null });
  await sink?.stop();
});

test('an escalation is e-mailed to the managers', async () => {
  const org = (await manager.get('/api/v1/session')).body.user.organisation.id;
  const plan = await manager.post('/api/v1/crisis-plans', { kind: 'heatwave', start_date: '2026-01-01' });
  assert.equal(plan.status, 201, plan.text);
  assert.equal(plan.body.escalation_days, 2);
  const household = (await manager.get('/api/v1/households?limit=1')).body.items[0];
  const member = (await manager.get(`/api/v1/households/${household.id}`)).body.members[0];
  for (const date of ['2026-06-01', '2026-06-02']) {
    await runRelais(['outreach', 'add-call', '--organisation', String(org), '--plan', String(plan.body.id), '--member', String(member.id), '--date', date],
      { database: region.database.url });
  }
  const { stdout } = await runRelais(['outreach', 'day-end', '--date', '2026-06-02'], { database: region.database.url, env: env() });
  assert.match(stdout, /1 alerte\(s\) levée\(s\)/);
  const [mail] = await sink.waitFor((m) => m.to.includes(region.landlords[0].manager.email));
  assert.match(mail.subject, /injoignable depuis 2 jours/);
  assert.match(mail.text, new RegExp(`${member.first_name} ${member.last_name}`));
  assert.match(mail.text, /Alertes/);
});
