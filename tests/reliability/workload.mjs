// The writes of the crash tests and the model that judges what a database shows after a crash.
//
// Every write carries a marker unique in the run (k<run>w<writer>s<seq, 6 digits>) written into every part
// of the record it creates or replaces: a household's notes, email, each member's last name, each
// phone's label, and its lease's rent (10000 + seq). Whatever the database shows can therefore be
// traced to exactly one write, and a record whose parts carry different writes (or the right
// notes with a member missing) is a torn, half-visible write.
//
// A record (here a household) is a lineage of writes by one writer, issued one after another:
// its creation, then edits that replace the whole record. Each write ends as
//   acknowledged  a 2xx answer was read in full: it must be visible until a later write replaces it
//   in doubt      no answer (the server was killed), a 5xx or a timeout: it may or may not be there,
//                 but whole or not at all. Never retried: the writer moves on (an in-doubt creation
//                 is abandoned; an in-doubt edit is replaced by the next edit).
//   refused       a 4xx: it must never be visible (and our writes are valid, so this is a bug too).
// judge() compares the versions of a record found in the database (or through the API) with its
// lineage. To add another kind of record (calls, once the outreach module records them), give it a
// lineage the same way: a kind with create/edit payloads, an aggregate read from the API and from
// SQL (snapshot in crash.mjs), and the same judge().

export const REFERENCE_PREFIX = 'CR-';

/** Small deterministic PRNG (mulberry32), so that a run can be replayed with --seed. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The household body of a write and the aggregate that must be seen when it is applied. */
export function householdWrite({ run, writer, seq, reference, dwellingId }) {
  // Fixed width: no marker is a prefix of another, so a search (by word prefix) for one finds
  // that write's household only.
  const marker = `k${run}w${writer}s${String(seq).padStart(6, '0')}`;
  const members = [];
  for (let i = 0; i < 1 + (seq % 4); ++i) {
    members.push({ first_name: `p${i}`, last_name: marker, relation: i === 0 ? 'holder' : i === 1 ? 'spouse' : 'child' });
  }
  const phones = [];
  for (let i = 0; i < seq % 4; ++i) {
    // 06 then 8 digits: writer, position, seq; distinct within a household.
    phones.push({ number: `06${writer}${i}${String(seq % 1e6).padStart(6, '0')}`, label: marker });
  }
  const lease = { start_date: '2024-01-01', rent_cents: 10000 + seq, charges_cents: 100 * writer + (seq % 100) };
  const body = {
    reference,
    dwelling_id: dwellingId,
    email: `${marker}@exemple.fr`,
    preferred_language: 'fr',
    notes: marker,
    members,
    phones,
    lease,
  };
  const expected = {
    reference,
    dwelling_id: dwellingId,
    notes: marker,
    email: body.email,
    members: members.map((m) => [m.first_name, m.last_name, m.relation]),
    phones: phones.map((p) => [p.number, p.label]),
    lease: `${dwellingId}/${lease.rent_cents}/${lease.charges_cents}`,
  };
  return { marker, body, expected };
}

/** The aggregate of a household as GET /api/v1/households/{id} shows it. */
export function householdFromApi(h) {
  return {
    reference: h.reference,
    dwelling_id: h.dwelling_id,
    notes: h.notes,
    email: h.email,
    members: h.members.map((m) => [m.first_name, m.last_name, m.relation]),
    phones: h.phones.map((p) => [p.number, p.label]),
    lease: h.lease ? `${h.dwelling_id}/${h.lease.rent_cents}/${h.lease.charges_cents}` : '',
  };
}

export const sameAggregate = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// The aggregate with members and phones seen twice kept once: a write whose rows were applied
// twice is a duplicate, not a torn write.
function withoutRepeats(a) {
  const once = (rows) => rows.filter((r, i) => rows.findIndex((x) => JSON.stringify(x) === JSON.stringify(r)) === i);
  return { ...a, members: once(a.members), phones: once(a.phones) };
}

export function describeAggregate(a) {
  return `notes=${a.notes} email=${a.email} members=${JSON.stringify(a.members)} phones=${JSON.stringify(a.phones)} lease=${a.lease}`;
}

/**
 * Judges the versions of one record found in a database view (`seen`: 0, 1 or more aggregates)
 * against its lineage `writes` ([{ marker, status, expected }], in the order they were issued).
 * Returns { verdict, detail, write } with verdict one of
 *   'ok'          what is seen is allowed: the last acknowledged write, or an in-doubt write after it,
 *                 or nothing when no write was acknowledged
 *   'lost'        the last acknowledged write is not what is seen (the record is missing, or an
 *                 older version is back)
 *   'duplicated'  the record is there more than once, or a write's rows (members, phones) twice
 *   'half'        a torn record (its parts from different writes, or some parts missing), a version
 *                 no write of this lineage made, or a refused write visible
 */
export function judge(writes, seen) {
  if (seen.length > 1) return { verdict: 'duplicated', detail: `${seen.length} copies` };
  let last = -1;
  writes.forEach((w, i) => {
    if (w.status === 'acked') last = i;
  });
  if (seen.length === 0) {
    if (last < 0) return { verdict: 'ok' };
    return { verdict: 'lost', detail: `missing; acknowledged write ${writes[last].marker}` };
  }
  const agg = seen[0];
  const i = writes.findIndex((w) => w.marker === agg.notes);
  if (i < 0) return { verdict: 'half', detail: `a version no write made: ${describeAggregate(agg)}` };
  const w = writes[i];
  if (!sameAggregate(agg, w.expected) && sameAggregate(withoutRepeats(agg), w.expected)) {
    return { verdict: 'duplicated', write: w, detail: `${w.marker} with rows stored twice: ${describeAggregate(agg)}` };
  }
  if (!sameAggregate(agg, w.expected)) {
    return { verdict: 'half', write: w, detail: `torn ${w.status} write ${w.marker}: ${describeAggregate(agg)}` };
  }
  if (w.status === 'refused') return { verdict: 'half', write: w, detail: `refused write ${w.marker} visible` };
  if (i < last) {
    return { verdict: 'lost', write: w, detail: `shows ${w.marker} (${w.status}), not the acknowledged ${writes[last].marker}` };
  }
  if (i === last || w.status === 'in-doubt') return { verdict: 'ok', write: w };
  return { verdict: 'half', write: w, detail: `write ${w.marker} visible in state ${w.status}` };
}
