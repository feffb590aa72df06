// The set-up the support-case API tests share: a demo region whose first landlord's accounts are
// logged in by role, plus a social-support officer (CESF) of the second landlord (`as.other`, the
// demo makes none there); and a household in arrears made through the API, its ledger imported
// with `relais import ledger`.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT, addUser, runRelais } from './harness.mjs';
import { startDemoRegion } from './seed.mjs';

// Returns { region, as } where as[role] is a logged-in client of the first landlord, and as.other
// the second landlord's officer (e-mail `otherEmail`).
export async function startSupportRegion({ roles, otherEmail, households = 10, env } = {}) {
  const region = await startDemoRegion({ landlords: 2, households, env });
  const as = {};
  for (const role of roles) {
    as[role] = region.client();
    await as[role].login(region.landlords[0][role]);
  }
  const otherManager = region.client();
  await otherManager.login(region.landlords[1].manager);
  const otherOrg = (await otherManager.get('/api/v1/session')).body.user.organisation.id;
  as.other = region.client();
  await as.other.login(await addUser(region.database, {
    email: otherEmail, password: 'accompagnement de l autre bailleur', roles: ['social_support'], organisation: otherOrg,
  }));
  return { region, as };
}

// A building, a dwelling and a household of the first landlord with its lease (made by `manager`),
// then one unpaid rent line per month of 2026 in `months` (`reference_ligne` <tag>-L<month>, label
// `label`, amount `rent` in the CSV's French notation). Returns the household as created.
export async function addHouseholdInArrears(region, manager, { tag, building, dwelling, household, months, rent, label }) {
  const org = (await manager.get('/api/v1/session')).body.user.organisation.id;
  const b = await manager.post('/api/v1/buildings', { reference: `B-${tag}-1`, ...building });
  assert.equal(b.status, 201, b.text);
  const d = await manager.post('/api/v1/dwellings', { reference: `LGT-${tag}-1`, building_id: b.body.id, financing: 'PLUS', ...dwelling });
  assert.equal(d.status, 201, d.text);
  const h = await manager.post('/api/v1/households', { reference: `TEN-${tag}-1`, dwelling_id: d.body.id, ...household });
  assert.equal(h.status, 201, h.text);
  const csv = ['reference_ligne;reference_locataire;date;nature;montant;mode_paiement;libelle',
    ...months.map((m) => `${tag}-L${m};TEN-${tag}-1;01/${String(m).padStart(2, '0')}/2026;loyer;${rent};;${label}`)].join('\n') + '\n';
  const file = join(ROOT, 'build/test-tmp', `ledger-${tag.toLowerCase()}-${process.pid}.csv`);
  await writeFile(file, csv);
  await runRelais(['import', 'ledger', file, '--organisation', String(org)], { database: region.database.url });
  return h.body;
}
