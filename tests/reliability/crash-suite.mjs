// One configuration of the crash suite of `make test` (docs/testing.md), as a node:test case: it
// crashes RELAIS_CRASH_CYCLES times (20) while 8 writers write through the API, and every check of
// crash.mjs must find nothing. One test file per configuration, because node --test bounds each
// file's time (--test-timeout) and a busy machine can make PostgreSQL's restarts slow.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { formatTable, runCrashTest } from './crash.mjs';

export const CYCLES = Number(process.env.RELAIS_CRASH_CYCLES ?? 20);

export function crashTest(config) {
  const what = config.mode === 'kill' ? 'SIGKILL of relais serve' : 'pg_ctl -m immediate stop of PostgreSQL';
  const engine = config.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  test(`${engine}: every acknowledged write survives ${CYCLES} × ${what}, exactly once, never half-visible`, async (t) => {
    const f = await runCrashTest({ ...config, cycles: CYCLES, keepServer: config.keepServer ?? process.env.RELAIS_CRASH_KEEP_SERVER === '1' });
    t.diagnostic(`${f.cycles} cycles, ${f.acknowledged} acknowledged, ${f.inDoubt} in doubt, ${f.lost} lost, ` +
      `${f.duplicated} duplicated, ${f.halfVisible} half-visible, seed ${f.seed}, ${f.seconds} s`);
    console.log(`\n${formatTable([f])}\n`);
    const problems = `\n${f.problems.join('\n')}\n(seed ${f.seed})`;
    assert.equal(f.cycles, CYCLES, `ran ${f.cycles} of ${CYCLES} cycles${problems}`);
    // Writes really happened around the crashes (about 30 to 300 per cycle here).
    assert.ok(f.acknowledged >= CYCLES, `only ${f.acknowledged} writes acknowledged in ${CYCLES} cycles`);
    assert.equal(f.lost, 0, `acknowledged writes lost${problems}`);
    assert.equal(f.duplicated, 0, `writes duplicated${problems}`);
    assert.equal(f.halfVisible, 0, `writes half-visible${problems}`);
    assert.equal(f.integrityFailures, 0, `integrity checks failed${problems}`);
    assert.equal(f.refused, 0, `valid writes refused or reads failed${problems}`);
  });
}
