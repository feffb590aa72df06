// Vulnerability profiles written straight into a test database, for the call-list tests (until the
// profile routes exist, the API cannot make them). `database` is the { url } of freshDatabase():
// sqlite3 for SQLite (the server's WAL lets it write next to it), psql for PostgreSQL.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs one SQL statement (the same text on both engines) against the test database. */
export async function sql(database, statement) {
  if (database.url.startsWith('sqlite://')) {
    await execFileAsync('sqlite3', ['-cmd', '.timeout 10000', database.url.slice('sqlite://'.length), statement]);
  } else {
    await execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', database.url, '-c', statement]);
  }
}

/**
 * Gives the next member of `organisation` without a profile a profile whose level is fixed at
 * `level` (0..3), with an objection when asked, and a contact state "last reached on `reachedOn`".
 */
export async function addProfile(database, organisation, { level, objection = false, reachedOn = null }) {
  const next = `SELECT MIN(m.id) FROM members m WHERE m.organisation_id = ${Number(organisation)} ` +
    'AND m.id NOT IN (SELECT member_id FROM vulnerability_profiles)';
  if (reachedOn) {
    await sql(database, 'INSERT INTO outreach_contact_state (member_id, organisation_id, last_reached_on, updated_at) ' +
      `SELECT (${next}), ${Number(organisation)}, '${reachedOn}', 0`);
  }
  await sql(database, 'INSERT INTO vulnerability_profiles (member_id, organisation_id, override_level, override_reason, ' +
    `objection_at, updated_by, updated_at) SELECT (${next}), ${Number(organisation)}, ${Number(level)}, 'test', ` +
    `${objection ? 1 : 'NULL'}, 0, 0`);
}

/** Today in Europe/Paris, YYYY-MM-DD (the day the server's lists default to). */
export function parisToday(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(d);
}
