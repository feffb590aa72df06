// A private PostgreSQL 15 cluster for the crash tests, which stop it with `pg_ctl -m immediate` (a
// crash of every PostgreSQL process: shared buffers and unflushed WAL are lost, the OS page cache
// is not) and start it again (crash recovery replays the WAL). Unlike the shared cluster of
// scripts/lib/test-pg.bash, which trades durability for speed (fsync, synchronous_commit and
// full_page_writes off), this one keeps PostgreSQL's durable defaults: an acknowledged commit must
// survive. 127.0.0.1 only, Unix sockets off, first free port from 15432 (below the ephemeral range).
// initdb refuses root: as root every PostgreSQL command runs as the OS user postgres.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

// As root, runs the command as postgres from / (postgres may not enter the current directory).
function asPg(cmd, args) {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}
async function runAsPg(cmd, args, timeout = 120_000) {
  const [c, a] = asPg(cmd, args);
  return execFileAsync(c, a, { cwd: '/', timeout });
}

function portIsFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

async function pgUid() {
  const { stdout } = await execFileAsync('id', ['-u', 'postgres']);
  const uid = Number(stdout.trim());
  const { stdout: g } = await execFileAsync('id', ['-g', 'postgres']);
  return [uid, Number(g.trim())];
}

const clusters = new Set();
// Should the test process end without stopping its cluster (an assertion thrown, Ctrl-C), no
// postmaster may be left behind holding a port.
process.on('exit', () => {
  for (const c of clusters) c.stopSync();
});

/**
 * initdb a fresh cluster under `dir` (or under /tmp when the postgres user cannot reach `dir`) and
 * start it. Resolves to { port, dataDir, url(dbname), stopImmediate(), start(), destroy() }.
 * Throws when PostgreSQL cannot be set up: the caller's test fails, it is never skipped.
 */
export async function startCluster(dir) {
  if (!existsSync(join(PG_BIN, 'initdb'))) throw new Error(`${PG_BIN}/initdb not found (package postgresql-15)`);
  let root = resolve(dir);
  await stopLeftover(root);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  let tmp = false;
  if (isRoot) {
    const [uid, gid] = await pgUid();
    await chown(root, uid, gid);
    try {
      await runAsPg('test', ['-w', root, '-a', '-x', root]);
    } catch {
      // e.g. a clone under /root (mode 700): the postgres user cannot traverse the path.
      await rm(root, { recursive: true, force: true });
      root = await mkdtemp('/tmp/relais-crash-pg.');
      await chown(root, uid, gid);
      tmp = true;
    }
  }
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  try {
    await runAsPg(join(PG_BIN, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  } catch (e) {
    throw new Error(`initdb failed: ${e.stderr ?? e.message}`);
  }

  let port = null;
  const pgCtl = (args) => runAsPg(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, ...args]);
  const startOn = (p) =>
    pgCtl(['-l', logFile, '-w', '-t', '60', '-o', `-p ${p} -k '' -c listen_addresses=127.0.0.1 -c max_connections=100`, 'start']);
  for (let p = 15432; p < 15532 && port === null; ++p) {
    if (!(await portIsFree(p))) continue;
    try {
      await startOn(p);
      port = p;
    } catch {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      if (!/could not bind|Address already in use/.test(log)) throw new Error(`PostgreSQL did not start; its log:\n${log}`);
    }
  }
  if (port === null) throw new Error('PostgreSQL found no free port in 15432-15531');

  const cluster = {
    port,
    dataDir,
    logFile,
    url: (db = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${db}`,
    /** Every PostgreSQL process stops at once, without a checkpoint: a crash of the database. */
    stopImmediate: () => pgCtl(['-m', 'immediate', '-w', 'stop']),
    /** Starts it again on the same port (crash recovery runs first); resolves once it accepts connections. */
    start: () => startOn(port),
    stopSync() {
      if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
      const [c, a] = asPg(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      try { execFileSync(c, a, { cwd: '/', stdio: 'ignore' }); } catch {}
    },
    async destroy() {
      clusters.delete(cluster);
      cluster.stopSync();
      if (tmp) await rm(root, { recursive: true, force: true });
    },
  };
  clusters.add(cluster);
  return cluster;
}

async function stopLeftover(root) {
  const data = join(root, 'data');
  if (!existsSync(join(data, 'postmaster.pid'))) return;
  await runAsPg(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
}
