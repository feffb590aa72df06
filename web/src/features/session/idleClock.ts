// The idle time-out of a session seen from the browser, for any kind of session (the staff app's,
// session.tsx; the tenant portal's, tenant/tenantClock.ts): the clock of sessionClock.ts (the
// deadline the server surely holds, the warning a minute before it), typing or clicking counted as
// being there, wake-ups at each change of phase, and the end of the session at the deadline. The
// clock is shared between the tabs of the browser through localStorage, under a key of its own per
// kind of session: a request in one tab keeps the others alive (they all use the same cookie), and
// the end of the session in one tab (time-out, signing out) ends it in the others.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  SERVER_SLIDE_EVERY_MS, deadline, merge, onAnswer, phaseAt, startClock, warningAt, type ClockState, type Phase,
} from './sessionClock';

/** Someone who typed or clicked this recently is at the desk: the session is extended silently. */
export const ACTIVE_WITHIN_MS = 60_000;

export type EndReason = 'expired' | 'signedOut';

export interface IdleClockOptions {
  /** localStorage key of the clock shared by the tabs (one per kind of session). */
  clockKey: string;
  /** localStorage key through which a tab tells the others that the session has ended. */
  endedKey: string;
  /** Asks the server for the session again, which slides its idle deadline. */
  extend: () => Promise<void>;
  /** The deadline has passed here: end the session on the server too (it may hold it a minute more). */
  endOnServer: () => void;
  /** The session has ended in this tab (after start): time-out here or elsewhere, a 401, signing out. */
  onEnded: (reason: EndReason) => void;
}

export interface IdleClock {
  /**
   * A session of `owner` (an account id: clocks of another account are ignored) with an idle
   * time-out of `idleSeconds`, known from a request sent at `sentAt` and answered at `answeredAt`.
   * `opened`: signing in set a fresh deadline. `read`: a session read at start-up, which the server
   * may have slid up to a minute before the read; another tab may know a later slide.
   */
  start: (owner: number, idleSeconds: number, sentAt: number, answeredAt: number, how: 'opened' | 'read') => void;
  /** A request of this session sent at `sentAt` was answered (not 401) at `answeredAt`. */
  answered: (sentAt: number, answeredAt: number) => void;
  /**
   * Ends the session in this tab (no-op when none): stops the clock and calls onEnded. With `tell`,
   * the other tabs end theirs too (and after signing out, forget the shared clock).
   */
  end: (reason: EndReason, tell: boolean) => void;
  /** Asks the server again (options.extend), which slides the deadline through `answered`. */
  extend: () => Promise<void>;
  phase: Phase;
  /** When the session ends if nothing happens (ms since epoch), null when signed out. */
  deadline: number | null;
}

interface Stored extends ClockState {
  owner: number;
}

function readShared(key: string, owner: number): ClockState | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const v = JSON.parse(raw) as Stored;
    return v.owner === owner ? { idleMs: v.idleMs, slidAt: v.slidAt, confirmedAt: v.confirmedAt } : null;
  } catch {
    return null;
  }
}

function writeShared(key: string, owner: number, c: ClockState) {
  try {
    localStorage.setItem(key, JSON.stringify({ ...c, owner } satisfies Stored));
  } catch {
    // not shared: each tab keeps its own (earlier) deadline
  }
}

function tell(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // other tabs will see their own clock run out
  }
}

export function useIdleClock(options: IdleClockOptions): IdleClock {
  const opts = useRef(options);
  opts.current = options;
  const { clockKey, endedKey } = options;

  const [clock, setClock] = useState<ClockState | null>(null);
  const clockRef = useRef<ClockState | null>(null);
  const ownerRef = useRef<number | null>(null);
  const lastInput = useRef(0);
  const [now, setNow] = useState(() => Date.now());

  const update = useCallback(
    (next: ClockState | null) => {
      if (next === clockRef.current) return;
      clockRef.current = next;
      setClock(next);
      if (next && ownerRef.current !== null) writeShared(clockKey, ownerRef.current, next);
    },
    [clockKey],
  );

  const start = useCallback<IdleClock['start']>(
    (owner, idleSeconds, sentAt, answeredAt, how) => {
      ownerRef.current = owner;
      if (how === 'opened') {
        update(startClock(idleSeconds, sentAt, answeredAt));
      } else {
        const own = startClock(idleSeconds, sentAt - SERVER_SLIDE_EVERY_MS, answeredAt);
        const shared = readShared(clockKey, owner);
        update(shared ? merge(own, shared) : own);
      }
      setNow(Date.now());
    },
    [clockKey, update],
  );

  const answered = useCallback<IdleClock['answered']>(
    (sentAt, answeredAt) => {
      const c = clockRef.current;
      if (c) update(onAnswer(c, sentAt, answeredAt));
    },
    [update],
  );

  const end = useCallback<IdleClock['end']>(
    (reason, tellOthers) => {
      if (ownerRef.current === null && !clockRef.current) return;
      ownerRef.current = null;
      clockRef.current = null;
      setClock(null);
      if (tellOthers) {
        tell(endedKey, `${reason}:${Date.now()}`);
        if (reason === 'signedOut') {
          try {
            localStorage.removeItem(clockKey);
          } catch {
            // nothing to forget
          }
        }
      }
      opts.current.onEnded(reason);
    },
    [clockKey, endedKey],
  );

  // Other tabs of the same session: a later slide, or the end of the session.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (ownerRef.current === null) return;
      if (e.key === clockKey && clockRef.current) {
        const other = readShared(clockKey, ownerRef.current);
        if (other) update(merge(clockRef.current, other));
      } else if (e.key === endedKey && e.newValue) {
        end(e.newValue.startsWith('signedOut') ? 'signedOut' : 'expired', false);
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [clockKey, endedKey, update, end]);

  // Typing or clicking counts as being there.
  useEffect(() => {
    const mark = () => {
      lastInput.current = Date.now();
    };
    window.addEventListener('keydown', mark, true);
    window.addEventListener('pointerdown', mark, true);
    return () => {
      window.removeEventListener('keydown', mark, true);
      window.removeEventListener('pointerdown', mark, true);
    };
  }, []);

  // Wake up at the next change of phase not yet seen (at once if it is already past: a late timer,
  // a sleeping laptop or phone); timers of background tabs are late, so check when the tab comes
  // back too.
  useEffect(() => {
    if (!clock) return;
    const next = [warningAt(clock), deadline(clock)].filter((x) => x > now).sort((a, b) => a - b)[0];
    const timer = next === undefined ? undefined : window.setTimeout(() => setNow(Date.now()), Math.max(0, next - Date.now() + 20));
    return () => window.clearTimeout(timer);
  }, [clock, now]);
  useEffect(() => {
    const wake = () => setNow(Date.now());
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('focus', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('focus', wake);
    };
  }, []);

  const phase: Phase = clock ? phaseAt(clock, now) : 'active';

  const extend = useCallback(async () => {
    await opts.current.extend();
    setNow(Date.now());
  }, []);

  useEffect(() => {
    if (phase === 'expired' && clockRef.current) {
      opts.current.endOnServer();
      end('expired', true);
    } else if (phase === 'warning' && Date.now() - lastInput.current < ACTIVE_WITHIN_MS) {
      // Someone is typing a long note: they are here, no need to interrupt them.
      void extend().catch(() => {});
    }
  }, [phase]); // eslint-disable-line react-hooks/exhaustive-deps

  return { start, answered, end, extend, phase, deadline: clock ? deadline(clock) : null };
}
