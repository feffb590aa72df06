// relais backup and relais restore from the outside, on the engine under test: while four staff
// clients keep creating households through the API of a running server, `relais backup` (another
// process) copies the database; the copy is restored into a new database with `relais restore`,
// a second server is started on it, and what it serves must be exactly a prefix of each client's
// acknowledged writes, every one of them whole (members, phones), covering all that was
// acknowledged before the backup began. The engine-level test with a commit counter is
// src/platform/db/backup_test.cc; this one checks the binary, its output and a live server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT, RELAIS_BIN, engine, freshDatabase, runRelais, startServer } from './harness.mjs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const WRITERS = 4;

let source;  // the server being written to
let dir;     // where the backups go
before(async () => {
  source = await startServer({ demo: { households: 300 } });
  dir = await mkdtemp(join(process.env.RELAIS_TEST_TMP ?? join(ROOT, 'build/test-tmp'), 'backup-'));
});
after(async () => {
  if (source) await source.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** relais ARGS..., resolving to { code, stdout, stderr } whatever the exit status. */
async function relais(args, env = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(RELAIS_BIN, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const member = (first_name, last_name, relation) => ({ first_name, last_name, birth_date: '1970-01-01', relation });

/**
 * One staff client creating, one after the other, a dwelling and its household BK<w>-<n>.
 * A household is recorded in `acked` only once its 201 has arrived.
 */
async function writer(w, client, building, state) {
  for (let n = 1; !state.stop; n++) {
    const d = await client.post('/api/v1/dwellings', {
      reference: `BKL${w}-${n}`, building_id: building.id, rooms: 2, surface_m2: 40, financing: 'PLAI',
      rent_cents: 30_000, charges_cents: 5_000,
    });
    if (d.status !== 201) throw new Error(`writer ${w}: dwelling ${n} answered ${d.status}: ${d.text}`);
    const h = await client.post('/api/v1/households', {
      reference: `BK${w}-${n}`, dwelling_id: d.body.id,
      members: [member(`Prénom${n}`, `Écrivain${w}`, 'holder'), member(`Enfant${n}`, `Écrivain${w}`, 'child')],
      phones: [{ number: `06${String(w).padStart(2, '0')}${String(n).padStart(6, '0')}`, label: 'portable' }],
    });
    if (h.status !== 201) throw new Error(`writer ${w}: household ${n} answered ${h.status}: ${h.text}`);
    state.acked[w].push(h.body);
    state.total++;
  }
}

test('a backup taken while clients write restores exactly a prefix of their acknowledged writes', async () => {
  const admin = source.client();
  await admin.login(source.accounts.manager);
  const building = (await admin.post('/api/v1/buildings', { reference: 'BK-BAT', street: '3 rue des Sauvegardes', commune_insee: '14118' })).body;
  assert.ok(building?.id, 'building created');

  const state = { stop: false, total: 0, error: undefined, acked: Array.from({ length: WRITERS }, () => []) };
  const clients = [];
  for (let w = 0; w < WRITERS; w++) {
    const c = source.client();
    await c.login(source.accounts.manager);
    clients.push(c);
  }
  const running = clients.map((c, w) => writer(w, c, building, state).catch((e) => { state.error ??= e; }));
  const waitFor = async (total) => {
    while (state.total < total && !state.error) await new Promise((r) => setTimeout(r, 20));
    assert.equal(state.error, undefined, 'every write was acknowledged (no 5xx)');
  };

  await waitFor(20);
  // "Before the backup began": what each client had been told was stored, at this instant.
  const ackedBefore = state.acked.map((a) => a.length);
  const totalBefore = state.total;
  const backup = await relais(['backup', dir, '--keep', '3'], { RELAIS_DATABASE_URL: source.database.url });
  const totalAfter = state.total;
  const backupEnded = state.acked.map((a) => a.length);
  await waitFor(totalAfter + 8);
  state.stop = true;
  await Promise.all(running);
  assert.equal(state.error, undefined, 'every write during the backup was acknowledged (no 5xx)');

  assert.equal(backup.code, 0, backup.stderr);
  assert.match(backup.stdout, /^Sauvegarde écrite : .*relais-\d{8}T\d{6}Z\.(db|dump)$/m);
  assert.match(backup.stdout, /schéma {4}: \d{4}_\w+ \(\d+ tables\)/);
  assert.match(backup.stdout, /taille {4}: [\d,]+ (Ko|Mo) \(/);
  assert.match(backup.stdout, /durée {5}: \d+,\d\d s/);
  assert.match(backup.stdout, engine() === 'sqlite' ? /integrity_check ok/ : /archive relue en entier par pg_restore/);
  const file = /^Sauvegarde écrite : (.*)$/m.exec(backup.stdout)[1];
  assert.ok((await stat(file)).size > 0);
  assert.deepEqual((await readdir(dir)).filter((f) => f.includes('.tmp-')), [], 'no temporary file left');
  console.log(`writes acknowledged: ${totalBefore} before the backup, ${totalAfter - totalBefore} during it, ` +
    `${state.total - totalAfter} after`);

  // Restoring into the live database is refused: it is not empty.
  const refused = await relais(['restore', file, '--database', source.database.url]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /la base cible n'est pas vide .* --force/);

  const target = await freshDatabase();
  try {
    const restored = await relais(['restore', file, '--database', target.url]);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /^Restauration terminée/m);
    assert.match(restored.stdout, /à jour/);
    assert.match(restored.stdout, engine() === 'sqlite' ? /integrity_check ok, PRAGMA foreign_key_check ok/ : /toutes validées/);

    const copy = await startServer({ database: target });
    try {
      const reader = copy.client();
      await reader.login(source.accounts.manager);
      let kept = 0;
      for (let w = 0; w < WRITERS; w++) {
        let present = 0;
        for (const [i, h] of state.acked[w].entries()) {
          const res = await reader.get(`/api/v1/households/${h.id}`);
          if (res.status === 200) {
            assert.equal(present, i, `client ${w}: ${h.reference} is present but an earlier write is not`);
            assert.deepEqual(res.body, h, `client ${w}: ${h.reference} is not whole`);
            present++;
          } else {
            assert.equal(res.status, 404, res.text);
          }
        }
        assert.ok(present >= ackedBefore[w], `client ${w}: ${present} writes restored, ${ackedBefore[w]} were acknowledged before the backup`);
        assert.ok(present <= backupEnded[w] + 1, `client ${w}: a write begun after the backup ended is present`);
        kept += present;
      }
      // Nothing else: the only BK households served are those counted above.
      const listed = [];
      for (let after = null; ;) {
        const res = await reader.get(`/api/v1/households?limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`);
        assert.equal(res.status, 200, res.text);
        listed.push(...res.body.items.filter((x) => /^BK\d-/.test(x.reference)));
        if (res.body.next_cursor === null) break;
        after = res.body.next_cursor;
      }
      assert.equal(listed.length, kept);
      console.log(`restored: ${kept} of ${state.total} households; ${totalBefore} were acknowledged before the backup began`);
    } finally {
      await copy.stop();
    }
  } finally {
    await target.drop();
  }
});

test('backup and restore say what is wrong, in French, and leave nothing behind', async () => {
  const missing = await relais(['backup', join(dir, 'x'), '--database', 'sqlite:///nonexistent/relais.db']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /base SQLite introuvable/);
  const exists = await relais(['backup', join(dir, 'twice.bak')], { RELAIS_DATABASE_URL: source.database.url });
  assert.equal(exists.code, 0, exists.stderr);
  const again = await relais(['backup', join(dir, 'twice.bak')], { RELAIS_DATABASE_URL: source.database.url });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /existe déjà.*--force/);
  const keepOnFile = await relais(['backup', join(dir, 'f.bak'), '--keep', '2'], { RELAIS_DATABASE_URL: source.database.url });
  assert.equal(keepOnFile.code, 2);
  assert.match(keepOnFile.stderr, /--keep ne s'emploie qu'avec un dossier/);
  const noTarget = await relais(['restore', join(dir, 'twice.bak')]);
  assert.notEqual(noTarget.code, 0, 'restore needs --database');
  const notABackup = await relais(['restore', join(ROOT, 'README.md'), '--database', `sqlite://${join(dir, 'r.db')}`]);
  assert.equal(notABackup.code, 1);
  assert.match(notABackup.stderr, /n'est pas une sauvegarde Relais/);
  assert.deepEqual((await readdir(dir)).filter((f) => f.includes('.tmp-') || f === 'x' || f === 'f.bak'), []);
});
