// Landlords and staff accounts for API tests that need more than one organisation or role,
// without `relais demo`: the schema by `relais migrate`, the organisations and their agencies by
// SQL (the command line has no verb for them yet), the accounts by `relais user add`. Everything
// else (buildings, dwellings, households) the tests create through the API, as a user would.
//
//   const env = await startLandlords({
//     landlords: [{ key: 'A', roles: ['manager', 'call_agent'] }, { key: 'B', roles: ['manager'] }],
//   });
//   after(() => env.stop());
//   const api = env.client();
//   await api.login(env.landlords.A.accounts.manager);
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { addUser, freshDatabase, runRelais, startServer } from './harness.mjs';

const execFileAsync = promisify(execFile);
export const TEST_PASSWORD = 'test-relais-2026';

/** Runs SQL on a test database (sqlite3 or psql) and resolves to its output, one row a line, '|' between columns. */
export async function sql(database, statement) {
  if (database.url.startsWith('sqlite://')) {
    const { stdout } = await execFileAsync('sqlite3', ['-batch', '-bail', database.url.slice('sqlite://'.length), statement]);
    return stdout;
  }
  const { stdout } = await execFileAsync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', database.url, '-c', statement]);
  return stdout;
}

// A valid SIREN (Luhn) from 8 digits.
function siren(prefix8) {
  for (let check = 0; check <= 9; check++) {
    const s = `${prefix8}${check}`;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let d = Number(s[8 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;

/**
 * Adds a landlord with its agencies to a migrated database. Resolves to { id, name, siren, agencies: [{ id, name }] }.
 */
export async function addLandlord(database, { name, siren: code, agencies = [] }) {
  await sql(database, `INSERT INTO organisations (name, siren, created_at) VALUES (${quote(name)}, ${quote(code)}, 0)`);
  const id = Number((await sql(database, `SELECT id FROM organisations WHERE siren = ${quote(code)}`)).trim());
  const out = [];
  for (const agency of agencies) {
    await sql(database, `INSERT INTO agencies (organisation_id, name) VALUES (${id}, ${quote(agency)})`);
    const agencyId = Number((await sql(database, `SELECT id FROM agencies WHERE organisation_id = ${id} AND name = ${quote(agency)}`)).trim());
    out.push({ id: agencyId, name: agency });
  }
  return { id, name, siren: code, agencies: out };
}

/**
 * Starts `relais serve` on a fresh database holding the given landlords, each with one account
 * per role (e-mail ROLE@KEY.relais.test, lower-cased key, password TEST_PASSWORD).
 * landlords: [{ key, name?, agencies?, roles }]. Resolves to the harness's server plus
 * `landlords[key] = { id, name, siren, agencies, accounts: { role: { email, password } } }`;
 * stop() also drops the database.
 */
export async function startLandlords({ landlords, env, args } = {}) {
  const database = await freshDatabase();
  try {
    await runRelais(['migrate'], { database: database.url });
    const seeded = {};
    let n = 0;
    for (const l of landlords) {
      n++;
      const org = await addLandlord(database, {
        name: l.name ?? `Bailleur ${l.key}`,
        siren: siren(String(31415920 + n * 7)),
        agencies: l.agencies ?? [`Agence ${l.key} Centre`, `Agence ${l.key} Littoral`],
      });
      org.accounts = {};
      for (const role of l.roles) {
        const email = `${role}@${l.key.toLowerCase()}.relais.test`;
        org.accounts[role] = await addUser(database, { email, password: TEST_PASSWORD, name: `${role} ${l.key}`, roles: [role], organisation: org.id });
      }
      seeded[l.key] = org;
    }
    const server = await startServer({ database, env, args });
    return {
      ...server,
      database,
      landlords: seeded,
      async stop() {
        const status = await server.stop();
        await database.drop();
        return status;
      },
    };
  } catch (e) {
    await database.drop().catch(() => {});
    throw e;
  }
}
