// A demo region for the API tests that need several landlords: `relais demo --landlords N` on a
// fresh database, then `relais serve` through the harness. The harness's own `demo` option makes
// one landlord and keeps the first account of each role; this keeps every account, by landlord.
//
//   const region = await startDemoRegion({ landlords: 2, households: 60 });
//   after(() => region.stop());
//   await api.login(region.landlords[1].manager);   // the second landlord's manager
import { freshDatabase, runRelais, startServer } from './harness.mjs';

// What `relais serve` prints after its address when the database holds demo accounts.
const DEMO_ACCOUNTS = /Demo accounts \(password: (\S+)\):\n((?:[ \t]+\S*\t\S+\n)+)/;

/**
 * The demo accounts that a server printed, by landlord: [{ role: { email, password, role } }],
 * index 0 for the first landlord. `relais demo` names the accounts of landlord k > 1
 * ROLE.lK@demo.relais.test (src/app/cli_data.cc); a test checks the organisation of each
 * account it uses through GET /api/v1/session.
 */
export function demoAccounts(output) {
  const m = DEMO_ACCOUNTS.exec(output);
  if (!m) return null;
  const landlords = [];
  for (const line of m[2].trim().split('\n')) {
    const [role, email] = line.trim().split('\t');
    const k = Number(/\.l(\d+)@/.exec(email)?.[1] ?? 1) - 1;
    landlords[k] ??= {};
    landlords[k][role] ??= { email, password: m[1], role };
  }
  return landlords;
}

/**
 * Starts `relais serve` on a fresh database filled by `relais demo --landlords N`. Resolves to
 * the harness's server plus `landlords` (demoAccounts of its output); stop() also drops the
 * database.
 */
export async function startDemoRegion({ landlords = 2, households = 40, seed = 1, env, args } = {}) {
  const database = await freshDatabase();
  try {
    await runRelais(['demo', '--households', String(households), '--landlords', String(landlords), '--seed', String(seed)], {
      database: database.url,
    });
    const server = await startServer({ database, env, args });
    // The accounts are printed just after the address the harness waits for.
    const deadline = Date.now() + 10_000;
    let accounts;
    while (!(accounts = demoAccounts(server.output())) || accounts.length < landlords) {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`relais serve did not print the accounts of ${landlords} demo landlords:\n${server.output().slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return {
      ...server,
      database,
      landlords: accounts,
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
