// Helpers of the fault tests (faults-*.test.mjs): a private PostgreSQL that a test may stop and
// start without disturbing the suites' shared one, and small checks of fault answers.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

function pgBin() {
  const versions = readdirSync('/usr/lib/postgresql').map(Number).filter(Boolean).sort((a, b) => b - a);
  if (!versions.length) throw new Error('no /usr/lib/postgresql/N/bin: install postgresql (scripts/setup)');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** Runs a PostgreSQL program as the OS user postgres when we are root (initdb refuses root). */
async function asPostgres(program, args) {
  const root = process.getuid() === 0;
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  try {
    return await execFileAsync(cmd, argv, { cwd: '/', timeout: 60_000 });
  } catch (e) {
    throw new Error(`${program} ${args.join(' ')} failed: ${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A private PostgreSQL cluster on 127.0.0.1 (port from 15600, below the ephemeral range), for a
 * test that stops and restarts its server. Resolves to { url (of a fresh database), stop(),
 * start(), destroy() }; stop() is `pg_ctl -m immediate` (a crash, as a power cut would be).
 */
export async function privatePostgres() {
  const bin = pgBin();
  const root = await mkdtemp(join(tmpdir(), 'relais-faults-pg-'));
  if (process.getuid() === 0) {
    const { stdout } = await execFileAsync('id', ['-u', 'postgres']);
    const { stdout: gid } = await execFileAsync('id', ['-g', 'postgres']);
    await chown(root, Number(stdout), Number(gid));
  }
  const data = join(root, 'data');
  await asPostgres(`${bin}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
  let port = 0;
  const options = () => `-p ${port} -k '' -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = () => asPostgres(`${bin}/pg_ctl`, ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '30', '-o', options(), 'start']);
  for (port = 15600; port < 15700; port++) {
    if (!(await portIsFree(port))) continue;
    try {
      await start();
      break;
    } catch (e) {
      if (port === 15699) throw e;
    }
  }
  const base = `postgresql://postgres@127.0.0.1:${port}`;
  await execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `${base}/postgres`, '-c', 'CREATE DATABASE relais_faults TEMPLATE template0']);
  let running = true;
  return {
    url: `${base}/relais_faults`,
    port,
    async stop() {
      await asPostgres(`${bin}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await asPostgres(`${bin}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Asserts a problem+json answer of `status` whose French detail matches `detail`. */
export function assertProblem(res, status, detail) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  if (detail) assert.match(res.body.detail, detail);
}

/** Times an async call: resolves to [result, milliseconds]. */
export async function timed(fn) {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

let seq = 0;
/** A building with a unique reference, as the API takes it. */
export function buildingInput(tag) {
  return { reference: `${tag}-${process.pid}-${++seq}`, street: '1 rue des Pannes', commune_insee: '14118' };
}

/** The references of every building the client sees (all pages). */
export async function buildingReferences(api) {
  const refs = new Set();
  let after = null;
  for (;;) {
    const res = await api.get(`/api/v1/buildings?limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    assert.equal(res.status, 200, res.text);
    for (const b of res.body.items) refs.add(b.reference);
    if (res.body.next_cursor === null) return refs;
    after = res.body.next_cursor;
  }
}
