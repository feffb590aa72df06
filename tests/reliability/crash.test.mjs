// The crash suite of `make test` (docs/testing.md): each configuration crashes 20 times
// (RELAIS_CRASH_CYCLES) while 8 writers write through the API, and every check of crash.mjs must
// find nothing: no acknowledged write lost or duplicated, nothing half-visible, integrity sound.
// The last test proves the checks are not blind: it damages a database on purpose.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { CONFIGURATIONS, formatTable, runCrashTest } from './crash.mjs';

const CYCLES = Number(process.env.RELAIS_CRASH_CYCLES ?? 20);
const rows = [];

function assertClean(f) {
  const problems = `\n${f.problems.join('\n')}\n(seed ${f.seed})`;
  assert.equal(f.cycles, CYCLES, `ran ${f.cycles} of ${CYCLES} cycles${problems}`);
  // Writes really happened around the crashes (about 30 to 300 per cycle here).
  assert.ok(f.acknowledged >= CYCLES, `only ${f.acknowledged} writes acknowledged in ${CYCLES} cycles`);
  assert.equal(f.lost, 0, `acknowledged writes lost${problems}`);
  assert.equal(f.duplicated, 0, `writes duplicated${problems}`);
  assert.equal(f.halfVisible, 0, `writes half-visible${problems}`);
  assert.equal(f.integrityFailures, 0, `integrity checks failed${problems}`);
  assert.equal(f.refused, 0, `valid writes or reads refused${problems}`);
}

for (const c of CONFIGURATIONS) {
  const what = c.mode === 'kill' ? 'SIGKILL of relais serve' : 'pg_ctl -m immediate stop of PostgreSQL';
  const engine = c.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  test(`${engine}: every acknowledged write survives ${CYCLES} × ${what}, exactly once, never half-visible`, async (t) => {
    const f = await runCrashTest({ ...c, cycles: CYCLES, keepServer: process.env.RELAIS_CRASH_KEEP_SERVER === '1' });
    rows.push(f);
    t.diagnostic(`${f.cycles} cycles, ${f.acknowledged} acknowledged, ${f.inDoubt} in doubt, ${f.lost} lost, ` +
      `${f.duplicated} duplicated, ${f.halfVisible} half-visible, seed ${f.seed}, ${f.seconds} s`);
    assertClean(f);
  });
}

test('the checks see a lost write, a torn household and a duplicated row (SQLite damaged on purpose)', async () => {
  const damaged = {};
  const f = await runCrashTest({
    engine: 'sqlite',
    cycles: 2,
    async tamper({ url, records }) {
      // Households whose last write was acknowledged: what they must show is known.
      const sure = [...records.values()].filter((r) => r.writes.at(-1).status === 'acked' && r.writes.at(-1).expected.members.length >= 2);
      assert.ok(sure.length >= 3, 'too few acknowledged households to damage');
      const [lost, torn, doubled] = sure;
      Object.assign(damaged, { lost, torn, doubled });
      // The sqlite3 shell does not enforce foreign keys: the members of the deleted household stay, orphans.
      const script = `DELETE FROM households WHERE id = ${lost.id};
DELETE FROM members WHERE household_id = ${torn.id} AND position = 1;
INSERT INTO members (organisation_id, household_id, position, first_name, last_name, birth_date, relation)
  SELECT organisation_id, household_id, position, first_name, last_name, birth_date, relation FROM members
  WHERE household_id = ${doubled.id} AND position = 1;`;
      const r = spawnSync('sqlite3', [url.slice('sqlite://'.length)], { input: script, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    },
  });
  const text = f.problems.join('\n');
  assert.equal(f.lost, 1, text);
  assert.equal(f.duplicated, 1, text);
  assert.match(text, new RegExp(`lost: ${damaged.lost.reference} \\(SQL\\): missing`));
  assert.match(text, new RegExp(`halfVisible: ${damaged.torn.reference} \\(SQL\\): torn`));
  assert.match(text, new RegExp(`duplicated: ${damaged.doubled.reference} \\(SQL\\)`));
  assert.match(text, /halfVisible: \d+ rows of members belong to no household/);
  assert.ok(f.integrityFailures >= 1, `PRAGMA foreign_key_check should see the orphans:\n${text}`);
});

after(() => {
  if (rows.length) console.log(`\n${formatTable(rows)}\n`);
});
