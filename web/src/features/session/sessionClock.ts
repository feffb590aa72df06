// When does the session expire, seen from the browser? The server slides a session's idle deadline
// on a request only when its last slide is more than a minute old (it writes last_seen at most
// once a minute). So the browser keeps the last moment it is *sure* the server slid:
// - `slidAt` (a request's send time: the server slid at or after it) gives a deadline that is
//   never later than the server's, so the warning never comes too late;
// - `confirmedAt` (that request's answer time, at or after the server's slide) tells whether a
//   later request certainly slid again: it did when it was sent more than a minute (and a margin)
//   after confirmedAt.
// Pure: times are milliseconds given by the caller; tested in sessionClock.test.ts.

export const SERVER_SLIDE_EVERY_MS = 60_000;
const MARGIN_MS = 2_000;
/** The warning opens this long before the deadline. */
export const WARNING_BEFORE_MS = 60_000;

export interface ClockState {
  idleMs: number;
  slidAt: number;
  confirmedAt: number;
}

/** A new session: signing in (sent at `sentAt`, answered at `answeredAt`) set a fresh deadline. */
export function startClock(idleSeconds: number, sentAt: number, answeredAt: number): ClockState {
  return { idleMs: idleSeconds * 1000, slidAt: sentAt, confirmedAt: answeredAt };
}

/** A request of this session sent at `sentAt` was answered (2xx-4xx but not 401) at `answeredAt`. */
export function onAnswer(c: ClockState, sentAt: number, answeredAt: number): ClockState {
  if (sentAt - c.confirmedAt > SERVER_SLIDE_EVERY_MS + MARGIN_MS) {
    return { ...c, slidAt: sentAt, confirmedAt: answeredAt };
  }
  return c;
}

/** The latest moment the session surely is still alive on the server. */
export function deadline(c: ClockState): number {
  return c.slidAt + c.idleMs;
}

export type Phase = 'active' | 'warning' | 'expired';

/**
 * When the warning opens: a minute before the deadline, but never before a request would surely
 * slide the deadline (else "stay signed in" could do nothing, with a very short idle timeout).
 */
export function warningAt(c: ClockState): number {
  return Math.max(deadline(c) - WARNING_BEFORE_MS, c.confirmedAt + SERVER_SLIDE_EVERY_MS + MARGIN_MS + 1_000);
}

export function phaseAt(c: ClockState, now: number): Phase {
  if (now >= deadline(c)) return 'expired';
  if (now >= warningAt(c)) return 'warning';
  return 'active';
}

/** Merges what another tab of the same session learnt (a later slide wins). */
export function merge(a: ClockState, b: ClockState): ClockState {
  return b.slidAt > a.slidAt ? { ...a, slidAt: b.slidAt, confirmedAt: Math.max(a.confirmedAt, b.confirmedAt) } : a;
}
