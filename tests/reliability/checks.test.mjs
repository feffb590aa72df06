// The checks of the crash harness are not blind: a database damaged on purpose behind the
// server's back must show a lost write, a torn household, a duplicated row, orphans and a failed
// foreign_key_check (docs/testing.md). The crash runs themselves are crash-*.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { runCrashTest } from './crash.mjs';

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
