// The harness of the black-box HTTP tests: a fresh database per server, the real `relais serve`
// on a free loopback port, and a small fetch-based client that keeps the session cookie and sends
// the CSRF token. scripts/test runs tests/api/*.test.mjs twice, with RELAIS_TEST_DB=sqlite and
// RELAIS_TEST_DB=postgres (then RELAIS_TEST_PG_URL points at the private PostgreSQL it started).
//
//   import { startServer } from './harness.mjs';
//   const server = await startServer({ demo: { households: 20 } });
//   after(() => server.stop());
//   const api = server.client();
//   await api.login(server.accounts.call_agent);     // a demo account, by its first role
//   // or: await addUser(server.database, { email, password, roles: ['manager'], organisation: 1 })
//   const res = await api.get('/api/v1/households');   // { status, headers, body, text }
import { spawn, execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, mkdir, open } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { checkResponse } from './contract.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RELAIS_BIN = process.env.RELAIS_BIN ?? join(ROOT, 'build/relais');
const TMP_ROOT = process.env.RELAIS_TEST_TMP ?? join(ROOT, 'build/test-tmp');
const execFileAsync = promisify(execFile);
/** Where a person signs in (POST {email, password}; the answer carries csrf_token). */
export const LOGIN_PATH = '/api/v1/session';

/** 'sqlite' (the default, so that a test file runs by hand) or 'postgres'. */
export function engine() {
  const e = process.env.RELAIS_TEST_DB ?? 'sqlite';
  if (e !== 'sqlite' && e !== 'postgres') throw new Error(`RELAIS_TEST_DB must be sqlite or postgres, not ${e}`);
  return e;
}

let counter = 0;

async function psql(url, sql) {
  await execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', sql]);
}

/**
 * A new empty database of the engine under test: a SQLite file in a temporary folder, or a new
 * PostgreSQL database (CREATE DATABASE ... TEMPLATE template0). Returns { engine, url, drop() }.
 */
export async function freshDatabase() {
  if (engine() === 'sqlite') {
    await mkdir(TMP_ROOT, { recursive: true });
    const dir = await mkdtemp(join(TMP_ROOT, 'db-'));
    return { engine: 'sqlite', url: `sqlite://${join(dir, 'relais.db')}`, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const base = process.env.RELAIS_TEST_PG_URL;
  // Failing here (rather than skipping) is deliberate: the PostgreSQL run must really run.
  if (!base) throw new Error('RELAIS_TEST_PG_URL is not set: run the API tests through `make test`');
  const name = `relais_t${process.pid}_${++counter}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  await psql(admin.href, `CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { engine: 'postgres', url: url.href, drop: () => psql(admin.href, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Runs the relais command line (`relais ARGS...`) against `database` (its URL, passed as
 * RELAIS_DATABASE_URL). Resolves to { stdout, stderr }; rejects with both when the exit status is
 * not 0.
 */
export async function runRelais(args, { database, env = {}, timeoutMs = 120_000 } = {}) {
  try {
    return await execFileAsync(RELAIS_BIN, args, {
      cwd: ROOT,
      env: { ...process.env, ...(database ? { RELAIS_DATABASE_URL: database } : {}), ...env },
      timeout: timeoutMs,
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    throw new Error(`relais ${args.join(' ')} failed (${e.code ?? e.signal}):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/**
 * Creates a staff account with `relais user add` (the password goes through RELAIS_PASSWORD).
 * `database` is the { url } of a server or of freshDatabase(). Resolves to { email, password }.
 */
export async function addUser(database, { email, password, name = email, roles, organisation }) {
  await runRelais(
    ['user', 'add', '--email', email, '--name', name, '--roles', roles.join(','), '--organisation', String(organisation)],
    { database: database.url, env: { RELAIS_PASSWORD: password } },
  );
  return { email, password };
}

/**
 * Starts `relais serve` on 127.0.0.1 with a free port and a fresh database.
 * Options:
 *   demo: { households, seed }  seed the database with `relais demo` first (default: no demo data)
 *   database: { url, drop }      use this database instead of a fresh one (not dropped by stop())
 *   env: {...}                   more environment for the server (RELAIS_* configuration)
 *   args: [...]                  more arguments after `serve`
 *   wrapper: [...]               a command that runs relais (e.g. ['fiu-run', '-x']): it must exec
 *                                relais in the same process, so that pid is the server's
 * Resolves to { url, pid, database, accounts, output(), client(), kill(), stop() }. accounts maps
 * each demo
 * account's first role to { email, password, role } (empty without demo data). stop() sends
 * SIGTERM, waits for the exit (SIGKILL after 10 s), drops the fresh database and resolves to
 * { code, signal }.
 */
export async function startServer({ demo, database, env = {}, args = [], wrapper = [], startTimeoutMs = 30_000 } = {}) {
  const owned = !database;
  const db = database ?? (await freshDatabase());
  try {
    if (demo) {
      await runRelais(['demo', '--households', String(demo.households ?? 20), '--seed', String(demo.seed ?? 1)], {
        database: db.url,
      });
    }
    const server = await launch(db, env, args, wrapper, startTimeoutMs, Boolean(demo));
    return {
      ...server,
      database: db,
      async stop() {
        const status = await server.stop();
        if (owned) await db.drop();
        return status;
      },
    };
  } catch (e) {
    if (owned) await db.drop().catch(() => {});
    throw e;
  }
}

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

// What `relais serve` prints after its address when the database holds demo accounts.
const DEMO_ACCOUNTS = /Demo accounts \(password: (\S+)\):\n((?:[ \t]+\S*\t\S+\n)+)/;

function parseAccounts(output) {
  const m = DEMO_ACCOUNTS.exec(output);
  if (!m) return null;
  const accounts = {};
  for (const line of m[2].trim().split('\n')) {
    const [role, email] = line.trim().split('\t');
    accounts[role] ??= { email, password: m[1], role };
  }
  return accounts;
}

async function launch(db, env, args, wrapper, startTimeoutMs, expectAccounts) {
  await access(RELAIS_BIN, constants.X_OK).catch(() => {
    throw new Error(`${RELAIS_BIN} is missing: build it first (make build)`);
  });
  await mkdir(TMP_ROOT, { recursive: true });
  const logPath = join(await mkdtemp(join(TMP_ROOT, 'server-')), 'server.log');
  const log = await open(logPath, 'w');
  const [command, ...wrapperArgs] = [...wrapper, RELAIS_BIN];
  const child = spawn(command, [...wrapperArgs, 'serve', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      RELAIS_DATABASE_URL: db.url,
      RELAIS_LISTEN: '127.0.0.1:0',
      RELAIS_WEB_ROOT: join(ROOT, 'web/dist'),
      RELAIS_THREADS: '2',
      // No periodic job behind the tests' back (a day end on a Sunday would close the calls a test is
      // recording): tests run each job through its command (relais outreach day-end, ...), or pass
      // RELAIS_BACKGROUND_JOBS=true in env.
      RELAIS_BACKGROUND_JOBS: 'false',
      // PostgreSQL has no folder of its own to keep the server key in (SQLite: next to the file).
      ...(db.url.startsWith('postgres') ? { RELAIS_SECRET_KEY_FILE: join(dirname(logPath), 'relais-secret.key') } : {}),
      ...env,
    },
  });
  running.add(child);
  let output = '';
  const exited = new Promise((res) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      res({ code, signal });
    });
    // The process could not be started (or killed): there will be no 'exit'.
    child.on('error', (error) => {
      running.delete(child);
      res({ code: null, signal: null, error });
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      log.write(chunk);
      output = (output + chunk).slice(-200_000);
    });
  }
  const describe = () => `relais serve (log: ${logPath}); its last output:\n${output.slice(-4000)}`;

  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no "listening on" within ${startTimeoutMs} ms: ${describe()}`)), startTimeoutMs);
    const onData = () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      // With demo data, wait for the accounts that follow the address too.
      if (m && (!expectAccounts || parseAccounts(output))) {
        clearTimeout(timer);
        res(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal, error }) => {
      clearTimeout(timer);
      rej(new Error(`relais serve exited (${error ?? code ?? signal}) before listening: ${describe()}`));
    });
  }).catch(async (e) => {
    child.kill('SIGKILL');
    await exited;
    await log.close();
    throw e;
  });

  let stopped;
  return {
    url,
    pid: child.pid,
    accounts: parseAccounts(output) ?? {},
    /** Everything the server printed so far (the last 200 kB). */
    output: () => output,
    client: () => new Client(url),
    /** The server's process id. */
    pid: child.pid,
    /**
     * Sends `signal` (SIGKILL by default: a crash, no clean shutdown) and resolves to
     * { code, signal } once the process has gone. The database is kept: this is for restarts.
     */
    kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const status = await exited;
        clearTimeout(timer);
        await log.close();
        return status;
      })();
      return stopped;
    },
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A user agent for one person: keeps cookies (by name; no domain or path logic: one server) and
 * the CSRF token of the session, which it sends as X-CSRF-Token on state-changing requests.
 */
export class Client {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
    this.csrfToken = null;
  }

  /**
   * Sends one request. `json` is serialised as the body; `body` is sent as is (a string or a
   * Buffer: for malformed input). Resolves to { status, headers, body, text } where body is the
   * parsed JSON when the response says it is JSON, else null.
   * Every response is checked against api/openapi.yaml (contract.mjs) and the request throws a
   * ContractError when it breaks the contract; `contract: 'problem'` marks an expected answer of
   * the HTTP layer (any problem+json), `contract: false` skips the check. `signal` (an
   * AbortSignal) bounds the wait.
   */
  async request(method, path, { json, body, headers = {}, contract, signal } = {}) {
    const h = { accept: 'application/json', ...headers };
    if (json !== undefined) {
      h['content-type'] ??= 'application/json';
      body = JSON.stringify(json);
    }
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (UNSAFE.has(method) && this.csrfToken && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.baseUrl + path, { method, headers: h, body, redirect: 'manual', signal });
    for (const c of res.headers.getSetCookie()) this.#storeCookie(c);
    const text = await res.text();
    let parsed = null;
    if (/\bjson\b/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    checkResponse({ method, path, status: res.status, headers: res.headers, text }, contract);
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, json, opts) { return this.request('POST', path, { ...opts, json }); }
  put(path, json, opts) { return this.request('PUT', path, { ...opts, json }); }
  patch(path, json, opts) { return this.request('PATCH', path, { ...opts, json }); }
  delete(path, opts) { return this.request('DELETE', path, opts); }

  /**
   * Signs in as { email, password } (a demo account or one from addUser); keeps the session
   * cookie and the response's csrf_token. Resolves to the response;
   * throws when the status is not 2xx (use post() to test a refused login).
   */
  async login({ email, password }, path = LOGIN_PATH) {
    const res = await this.post(path, { email, password });
    if (res.status >= 300) throw new Error(`login as ${email} answered ${res.status}: ${res.text}`);
    this.csrfToken = res.body?.csrf_token ?? null;
    return res;
  }

  #storeCookie(header) {
    const [pair, ...attrs] = header.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age\s*=\s*(0|-)/i.test(a)) || value === '';
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

