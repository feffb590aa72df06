// The crash harness (issue 3, "durability under crashes"): the real `relais serve` takes writes
// from concurrent writers through the API while it (or PostgreSQL under it) is crashed at random
// moments; after every restart the database must show every acknowledged write exactly once and
// no unacknowledged write in part. docs/testing.md describes it; workload.mjs holds the writes and
// the rules that judge what is seen.
//
//   node tests/reliability/crash.mjs                      # the three configurations, 20 cycles each
//   node tests/reliability/crash.mjs --engine sqlite --cycles 200
//   node tests/reliability/crash.mjs --engine postgres --mode pg-stop --keep-server
// Exits 1 when an acknowledged write was lost or duplicated, a write was half-visible, an
// integrity check failed or the harness met an unexpected answer.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Client, ROOT, addUser, runRelais, startServer } from '../api/harness.mjs';
import { startCluster } from './postgres.mjs';
import { REFERENCE_PREFIX, describeAggregate, householdFromApi, householdWrite, judge, rng, sameAggregate } from './workload.mjs';

const TMP_ROOT = process.env.RELAIS_TEST_TMP ?? join(ROOT, 'build/test-tmp');

// Stopped from outside (node --test's time bound sends SIGTERM, or Ctrl-C), exit through
// process.exit so that the 'exit' handlers of harness.mjs and postgres.mjs kill relais serve and
// stop PostgreSQL: once a timed-out run left a relais serve behind.
for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]]) process.once(signal, () => process.exit(code));
const PASSWORD = 'crash-test-password-2026';
const EMAIL = 'crash-writer@exemple.fr';

/** The three configurations of the issue, in the order they run. */
export const CONFIGURATIONS = [
  { engine: 'sqlite', mode: 'kill' },
  { engine: 'postgres', mode: 'kill' },
  { engine: 'postgres', mode: 'pg-stop' },
];

/** Runs `cmd args` with `input` on stdin; resolves to stdout, rejects with stderr on failure. */
function runWithInput(cmd, args, input, timeoutMs = 60_000) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      rej(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) res(out);
      else rej(new Error(`${cmd} failed (${code ?? signal}): ${err.trim() || out.trim()}`));
    });
    child.stdin.end(input);
  });
}

/** Runs SQL with the engine's own client (sqlite3 CLI or psql): tab-separated rows. */
async function sql(url, text) {
  if (url.startsWith('sqlite://')) {
    const out = await runWithInput('sqlite3', ['-batch', '-noheader', '-separator', '\t', url.slice('sqlite://'.length)], `.timeout 10000\n${text}`);
    return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
  }
  const out = await runWithInput('psql', ['-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', url, '-f', '-'], text);
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/**
 * Every household of the run as the database holds it, read with SQL rather than through the API:
 * a duplicate or an orphan row that the API would hide is seen here. Resolves to
 * { byReference: Map(reference -> [{ id, agg }]), orphans: [text] }.
 */
async function snapshot(url, run) {
  const like = `${REFERENCE_PREFIX}${run}-%`;
  const ofRun = `JOIN households h ON h.id = x.household_id WHERE h.reference LIKE '${like}'`;
  const rows = await sql(
    url,
    `SELECT 'h', id, reference, dwelling_id, notes, email FROM households WHERE reference LIKE '${like}' ORDER BY id;
SELECT 'm', x.household_id, x.first_name, x.last_name, x.relation FROM members x ${ofRun} ORDER BY x.household_id, x.position, x.id;
SELECT 'p', x.household_id, x.number, x.label FROM phones x ${ofRun} ORDER BY x.household_id, x.position;
SELECT 'l', x.household_id, x.dwelling_id, x.rent_cents, x.charges_cents FROM leases x ${ofRun} AND x.end_date IS NULL ORDER BY x.household_id, x.id;
SELECT 'o', 'members', COUNT(*) FROM members x WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = x.household_id);
SELECT 'o', 'phones', COUNT(*) FROM phones x WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = x.household_id);
SELECT 'o', 'leases', COUNT(*) FROM leases x WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = x.household_id);
`,
  );
  const byId = new Map();
  const orphans = [];
  for (const r of rows) {
    const [tag, a, b, c, d, e] = r;
    if (tag === 'h') {
      byId.set(a, { id: Number(a), agg: { reference: b, dwelling_id: Number(c), notes: d, email: e, members: [], phones: [], lease: '' } });
    } else if (tag === 'm') byId.get(a)?.agg.members.push([b, c, d]);
    else if (tag === 'p') byId.get(a)?.agg.phones.push([b, c]);
    else if (tag === 'l') {
      const agg = byId.get(a)?.agg;
      if (agg) agg.lease = (agg.lease ? `${agg.lease},` : '') + `${b}/${c}/${d}`;
    } else if (tag === 'o' && b !== '0') orphans.push(`${b} rows of ${a} belong to no household`);
  }
  const byReference = new Map();
  for (const h of byId.values()) {
    if (!byReference.has(h.agg.reference)) byReference.set(h.agg.reference, []);
    byReference.get(h.agg.reference).push(h);
  }
  return { byReference, orphans };
}

/**
 * The engine's own integrity checks; resolves to the problems found (empty when sound).
 * SQLite: PRAGMA integrity_check and foreign_key_check. PostgreSQL: amcheck, every B-tree index
 * against its table (bt_index_check with heapallindexed) and every table's heap (verify_heapam),
 * and no invalid index. Then the audit trail's hash chain (`relais audit verify`, which first seals
 * the entries that changes left pending).
 */
async function integrity(url) {
  const problems = await engineIntegrity(url);
  try {
    await runRelais(['audit', 'verify'], { database: url });
  } catch (e) {
    problems.push(`the audit trail does not verify: ${e.message}`);
  }
  return problems;
}

async function engineIntegrity(url) {
  try {
    if (url.startsWith('sqlite://')) {
      const rows = await sql(url, 'PRAGMA integrity_check;\nPRAGMA foreign_key_check;\n');
      return rows.length === 1 && rows[0][0] === 'ok' ? [] : rows.map((r) => r.join(' '));
    }
    const rows = await sql(
      url,
      `CREATE EXTENSION IF NOT EXISTS amcheck;
SELECT 'checked', COUNT(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
  WHERE n.nspname = 'public' AND a.amname = 'btree' AND i.indisready AND i.indisvalid;
SELECT 'invalid index', c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT (i.indisvalid AND i.indisready);
SELECT 'heap', c.relname, v.blkno, v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  CROSS JOIN LATERAL verify_heapam(c.oid) v WHERE n.nspname = 'public' AND c.relkind = 'r';
`,
    );
    return rows.filter((r) => r[0] !== 'checked').map((r) => r.join(' '));
  } catch (e) {
    return [`the integrity check could not run: ${e.message}`];
  }
}

/** Runs fn over items, `width` at a time. */
async function eachLimited(items, width, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/**
 * Runs one configuration. Options:
 *   engine       'sqlite' | 'postgres'
 *   mode         'kill' (SIGKILL relais serve) | 'pg-stop' (pg_ctl -m immediate stop, then start)
 *   cycles       crashes (default 20)
 *   writers      concurrent writers (default 8)
 *   keepServer   pg-stop only: keep relais serve running across the PostgreSQL restart (it must then
 *                reconnect by itself; /readyz must answer 200 within 30 s). By default relais serve
 *                is restarted too, until the server reconnects on its own.
 *   minMs, maxMs the crash comes at a uniformly random moment this long after the writers start
 *   seed         the random choices (dwellings, write kinds, crash moments) of a run to replay
 *   log          function(line) for progress (default: none)
 *   tamper       for the test of the checks only: async ({ url, records, run }) called after the
 *                last restart, before the last checks, to damage the database on purpose
 * Resolves to the figures { engine, mode, cycles, acknowledged, inDoubt, inDoubtApplied (in-doubt
 * writes later seen applied), refused, lost, duplicated, halfVisible, integrityFailures,
 * problems: [text], seconds }. Throws when the harness itself
 * cannot run (the server or PostgreSQL does not start).
 */
export async function runCrashTest({
  engine,
  mode = 'kill',
  cycles = 20,
  writers = 8,
  keepServer = false,
  minMs = 100,
  maxMs = 700,
  seed = Date.now() % 1e9,
  log = () => {},
  tamper,
} = {}) {
  if (!['sqlite', 'postgres'].includes(engine)) throw new Error(`engine must be sqlite or postgres, not ${engine}`);
  if (!['kill', 'pg-stop'].includes(mode)) throw new Error(`mode must be kill or pg-stop, not ${mode}`);
  if (mode === 'pg-stop' && engine !== 'postgres') throw new Error('mode pg-stop needs the postgres engine');
  const started = performance.now();
  const random = rng(seed);
  const run = Math.floor(random() * 36 ** 5).toString(36).padStart(5, '0');
  await mkdir(TMP_ROOT, { recursive: true });
  const work = await mkdtemp(join(TMP_ROOT, `crash-${engine}-${mode}-`));
  await chmod(work, 0o755); // the OS user postgres keeps its cluster in here (when it may reach it)
  let cluster = null;
  let server = null;
  let url;
  const figures = {
    engine, mode: mode === 'kill' ? 'kill relais' : 'pg_ctl -m immediate', seed, cycles: 0, acknowledged: 0, inDoubt: 0,
    refused: 0, lost: 0, duplicated: 0, halfVisible: 0, integrityFailures: 0, problems: [], seconds: 0,
  };
  const appliedInDoubt = new Set(); // in-doubt writes found applied: the crash came after the commit
  const defects = new Map(); // key -> kind: each defect counted once however often it is seen
  const problem = (text) => {
    if (figures.problems.length < 50) figures.problems.push(text);
    log(`  PROBLEM ${text}`);
  };
  const defect = (kind, key, text) => {
    if (defects.has(key)) return;
    defects.set(key, kind);
    figures[kind] += 1;
    problem(`${kind}: ${text}`);
  };

  try {
    if (engine === 'sqlite') {
      url = `sqlite://${join(work, 'relais.db')}`;
    } else {
      cluster = await startCluster(join(work, 'pg'));
      await sql(cluster.url(), 'CREATE DATABASE relais_crash TEMPLATE template0;');
      url = cluster.url('relais_crash');
    }
    const database = { url, drop: async () => {} };
    await runRelais(['demo', '--households', '10', '--seed', '1'], { database: url });
    await addUser(database, { email: EMAIL, password: PASSWORD, roles: ['call_agent'], organisation: 1 });
    const start = () => startServer({ database, env: { RELAIS_THREADS: '2' } });
    server = await start();

    // The dwellings households are created in (and move between).
    const clients = [];
    for (let w = 0; w < writers; ++w) {
      const c = new Client(server.url);
      await c.login({ email: EMAIL, password: PASSWORD });
      clients.push(c);
    }
    const dwellings = [];
    const buildings = await clients[0].get('/api/v1/buildings?limit=5');
    for (const b of buildings.body.items) {
      const d = await clients[0].get(`/api/v1/buildings/${b.id}/dwellings`);
      dwellings.push(...d.body.items.map((x) => x.id));
    }
    if (dwellings.length < 2) throw new Error('the demo database has fewer than 2 dwellings');

    const records = new Map(); // reference -> { reference, writer, id, dwellingId, writes, abandoned, touched }
    const writerState = Array.from({ length: writers }, () => ({ seq: 0, households: 0, live: [] }));
    const ctx = { stopping: false, cycle: 0 };

    // One write through the API; its fate decides its status (workload.mjs).
    async function send(w, record, write, method, path, body) {
      record.writes.push(write);
      record.touched = true;
      let res;
      try {
        res = await clients[w].request(method, path, { json: body, contract: false, signal: AbortSignal.timeout(15_000) });
      } catch {
        write.status = 'in-doubt'; // no answer: the connection broke, or the server never answered
        figures.inDoubt += 1;
        return null;
      }
      if (res.status >= 200 && res.status < 300 && res.body) {
        write.status = 'acked';
        figures.acknowledged += 1;
        const got = householdFromApi(res.body);
        if (!sameAggregate(got, write.expected)) {
          problem(`the answer to ${write.marker} is not what was written: ${describeAggregate(got)}`);
          figures.halfVisible += 1;
        }
        return res.body;
      }
      if (res.status >= 500) {
        write.status = 'in-doubt'; // 5xx: a commit whose outcome the server could not know
        figures.inDoubt += 1;
        return null;
      }
      write.status = 'refused';
      figures.refused += 1;
      problem(`${write.marker} refused with ${res.status}: ${res.text.slice(0, 300)}`);
      if (res.status === 401) await clients[w].login({ email: EMAIL, password: PASSWORD }).catch(() => {});
      return null;
    }

    async function writerLoop(w) {
      const st = writerState[w];
      while (!ctx.stopping) {
        const seq = ++st.seq;
        if (st.live.length === 0 || random() < 0.25) {
          const reference = `${REFERENCE_PREFIX}${run}-${w}-${++st.households}`;
          const dwellingId = dwellings[Math.floor(random() * dwellings.length)];
          const record = { reference, writer: w, id: null, dwellingId, writes: [], abandoned: false, touched: true };
          records.set(reference, record);
          const { marker, body, expected } = householdWrite({ run, writer: w, seq, reference, dwellingId });
          const got = await send(w, record, { marker, expected, status: 'pending', cycle: ctx.cycle }, 'POST', '/api/v1/households', body);
          if (got) {
            record.id = got.id;
            st.live.push(record);
          } else {
            record.abandoned = true; // never retried: whether it exists is for the checks to see
            await sleep(20); // the server (or PostgreSQL) is going down: do not spin
          }
        } else {
          const record = st.live[Math.floor(random() * st.live.length)];
          if (random() < 0.2) record.dwellingId = dwellings[Math.floor(random() * dwellings.length)];
          const { marker, body, expected } = householdWrite({ run, writer: w, seq, reference: record.reference, dwellingId: record.dwellingId });
          const got = await send(w, record, { marker, expected, status: 'pending', cycle: ctx.cycle }, 'PATCH', `/api/v1/households/${record.id}`, body);
          if (!got) await sleep(20);
        }
      }
    }

    // What the database and the API show, against the model.
    async function verify(all) {
      const snap = await snapshot(url, run);
      const problems = await integrity(url);
      if (problems.length) {
        figures.integrityFailures += 1;
        problem(`integrity check after cycle ${ctx.cycle}: ${problems.slice(0, 5).join('; ')}`);
      }
      for (const o of snap.orphans) defect('halfVisible', `orphan:${o}`, o);
      const apiChecks = [];
      for (const record of records.values()) {
        const seen = snap.byReference.get(record.reference) ?? [];
        const v = judge(record.writes, seen.map((s) => s.agg));
        if (v.verdict === 'ok' && v.write?.status === 'in-doubt') appliedInDoubt.add(v.write.marker);
        if (v.verdict !== 'ok') {
          const kind = { lost: 'lost', duplicated: 'duplicated', half: 'halfVisible' }[v.verdict];
          defect(kind, `${v.verdict}:${record.reference}:${v.write?.marker ?? ''}`, `${record.reference} (SQL): ${v.detail}`);
        }
        if (seen.length === 1) {
          if (record.id !== null && seen[0].id !== record.id) {
            defect('halfVisible', `id:${record.reference}`, `${record.reference} has id ${seen[0].id}, the server answered ${record.id}`);
          }
          record.seenId = seen[0].id;
        }
        const id = record.id ?? record.seenId;
        if (id && (all || record.touched)) apiChecks.push({ record, id, sqlVerdict: v });
        record.touched = false;
      }
      for (const [reference] of snap.byReference) {
        if (!records.has(reference)) defect('halfVisible', `unknown:${reference}`, `${reference}: a household no writer created`);
      }
      // The API must show the same: the household by id, and the search index must find its
      // visible version by its marker (it is written in the same transaction).
      // A read that fails (5xx, no answer) is a problem of its own, counted with the refusals: the
      // server said it was ready.
      const client = clients[0];
      const api = {
        async get(path) {
          try {
            return await client.request('GET', path, { contract: false, signal: AbortSignal.timeout(15_000) });
          } catch (e) {
            return { status: 0, text: e.message, body: null };
          }
        },
      };
      await eachLimited(apiChecks, 4, async ({ record, id, sqlVerdict }) => {
        const res = await api.get(`/api/v1/households/${id}`);
        if (res.status !== 200 && res.status !== 404) {
          problem(`GET /api/v1/households/${id} after cycle ${ctx.cycle} answered ${res.status}: ${res.text.slice(0, 200)}`);
          figures.refused += 1;
          return;
        }
        const seen = res.status === 200 ? [householdFromApi(res.body)] : [];
        const v = judge(record.writes, seen);
        if (v.verdict !== 'ok') {
          const kind = { lost: 'lost', duplicated: 'duplicated', half: 'halfVisible' }[v.verdict];
          defect(kind, `${v.verdict}:${record.reference}:${v.write?.marker ?? ''}`, `${record.reference} (API): ${v.detail}`);
        }
        if (sqlVerdict.verdict === 'ok' && v.verdict === 'ok' && seen.length === 1) {
          const readFailed = (res) => {
            problem(`a search after cycle ${ctx.cycle} answered ${res.status}: ${res.text.slice(0, 200)}`);
            figures.refused += 1;
          };
          const found = await api.get(`/api/v1/households/search?q=${seen[0].notes}&limit=50`);
          if (found.status !== 200) return readFailed(found);
          if (!found.body.items.some((h) => h.id === id)) {
            defect('halfVisible', `search:${record.reference}:${seen[0].notes}`, `${record.reference}: the search does not find ${seen[0].notes}`);
          }
          // Nor may it still find the version this one replaced (its words are replaced in the same
          // transaction).
          const i = record.writes.findIndex((w) => w.marker === seen[0].notes);
          const old = i > 0 ? record.writes[i - 1] : null;
          if (old) {
            const stale = await api.get(`/api/v1/households/search?q=${old.marker}&limit=50`);
            if (stale.status !== 200) return readFailed(stale);
            if (stale.body.items.some((h) => h.id === id)) {
              defect('halfVisible', `stale:${record.reference}:${old.marker}`, `${record.reference}: the search still finds it by ${old.marker}, replaced by ${seen[0].notes}`);
            }
          }
        }
      });
    }

    for (let cycle = 1; cycle <= cycles; ++cycle) {
      ctx.cycle = cycle;
      ctx.stopping = false;
      const before = figures.acknowledged;
      const loops = clients.map((_, w) => writerLoop(w));
      await sleep(minMs + random() * (maxMs - minMs));
      if (mode === 'kill') {
        ctx.stopping = true;
        await server.kill('SIGKILL');
        await server.stop();
        server = null;
        await Promise.all(loops);
      } else {
        await cluster.stopImmediate();
        ctx.stopping = true;
        await Promise.all(loops);
        await cluster.start();
        if (!keepServer) {
          await server.kill('SIGKILL');
          await server.stop();
          server = null;
        }
      }
      if (server) {
        await waitReady(server.url);
      } else {
        server = await start();
        for (const c of clients) c.baseUrl = server.url;
      }
      if (tamper && cycle === cycles) await tamper({ url, records, run });
      await verify(cycle === cycles);
      figures.cycles = cycle;
      log(`  cycle ${cycle}/${cycles}: ${figures.acknowledged - before} acknowledged; ${figures.lost} lost, ${figures.duplicated} duplicated, ${figures.halfVisible} half-visible so far`);
    }
  } finally {
    if (server) await server.stop().catch(() => {});
    if (cluster) await cluster.destroy().catch(() => {});
    if (figures.lost + figures.duplicated + figures.halfVisible + figures.integrityFailures + figures.refused === 0) {
      await rm(work, { recursive: true, force: true }); // kept when something went wrong, to look at
    } else {
      figures.problems.push(`the database and logs are kept in ${work}`);
    }
    figures.inDoubtApplied = appliedInDoubt.size;
    figures.seconds = Math.round((performance.now() - started) / 100) / 10;
  }
  return figures;
}

/** Waits until /readyz answers 200 (a server kept across a PostgreSQL restart must reconnect). */
async function waitReady(base, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(100);
  }
  throw new Error(`relais serve was not ready again within ${timeoutMs} ms after PostgreSQL restarted: ${last}`);
}

/** True when the figures show no defect. */
export const clean = (f) => f.lost + f.duplicated + f.halfVisible + f.integrityFailures + f.refused === 0 && f.cycles > 0;

/** The table `make reliability` prints. */
export function formatTable(rows) {
  const head = ['engine', 'crash', 'cycles', 'acknowledged', 'in doubt (applied)', 'lost', 'duplicated', 'half-visible', 'integrity', 'failed requests', 'seconds'];
  const body = rows.map((f) => [
    f.engine, f.mode, f.cycles, f.acknowledged, `${f.inDoubt} (${f.inDoubtApplied})`, f.lost, f.duplicated, f.halfVisible,
    f.integrityFailures ? `${f.integrityFailures} failed` : 'ok', f.refused, f.seconds,
  ].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      mode: { type: 'string' },
      cycles: { type: 'string', default: '20' },
      writers: { type: 'string', default: '8' },
      'keep-server': { type: 'boolean', default: false },
      seed: { type: 'string' },
      'min-ms': { type: 'string', default: '100' },
      'max-ms': { type: 'string', default: '700' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(`usage: node tests/reliability/crash.mjs [--engine sqlite|postgres] [--mode kill|pg-stop]
       [--cycles N] [--writers N] [--keep-server] [--seed N] [--min-ms N] [--max-ms N] [-v]
Without --engine and --mode: the three configurations (SQLite kill, PostgreSQL kill, PostgreSQL
pg_ctl -m immediate). --keep-server (pg-stop) keeps relais serve running across the PostgreSQL
restart instead of restarting it. See docs/testing.md.`);
    return 0;
  }
  let configs = CONFIGURATIONS.filter((c) => (!values.engine || c.engine === values.engine) && (!values.mode || c.mode === values.mode));
  if (!configs.length) throw new Error(`no configuration for --engine ${values.engine} --mode ${values.mode}`);
  const rows = [];
  for (const c of configs) {
    console.log(`== ${c.engine}, ${c.mode === 'kill' ? 'SIGKILL relais serve' : 'pg_ctl -m immediate stop'}: ${values.cycles} cycles`);
    const f = await runCrashTest({
      ...c,
      cycles: Number(values.cycles),
      writers: Number(values.writers),
      keepServer: values['keep-server'],
      minMs: Number(values['min-ms']),
      maxMs: Number(values['max-ms']),
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      log: values.verbose ? (l) => console.log(l) : (l) => l.includes('PROBLEM') && console.log(l),
    });
    console.log(`   seed ${f.seed}, ${f.seconds} s`);
    for (const p of f.problems) console.log(`   ${p}`);
    rows.push(f);
  }
  console.log();
  console.log(formatTable(rows));
  return rows.every(clean) ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
