// The tenant session's idle time-out seen from the browser: the staff app's rules (sessionClock.ts:
// the deadline the server surely holds, the warning a minute before it), on the tenant portal's own
// client (api.ts). The tenant's idle time-out comes from the server (sessions.tenant_idle_minutes,
// 30 by default). Someone who typed or clicked within the last minute is extended silently.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  deadline, onAnswer, phaseAt, startClock, warningAt, type ClockState, type Phase,
} from '../session/sessionClock';
import { setTenantAnswerListener, tenantApi, type TenantSession } from './api';

const ACTIVE_WITHIN_MS = 60_000;

export interface TenantClock {
  /**
   * A session was read or opened by a request sent at `sentAt` and answered at `answeredAt`. For a
   * session read at start-up, pass a `sentAt` a minute earlier: the server slides its deadline at
   * most once a minute, so it may have slid it up to a minute before.
   */
  start: (session: TenantSession, sentAt: number, answeredAt: number) => void;
  /** Signed out: no clock. */
  stop: () => void;
  phase: Phase;
  /** When the session ends if nothing happens (ms since epoch), null when signed out. */
  deadline: number | null;
  /** Asks the server for the session again, which slides its idle deadline. */
  extend: () => Promise<void>;
}

/**
 * The clock of the tenant session (started with start()). `onExpired` is called once the deadline
 * has passed (after ending the session on the server too) or when the server answers 401.
 */
export function useTenantClock(onExpired: () => void): TenantClock {
  const [clock, setClock] = useState<ClockState | null>(null);
  const clockRef = useRef<ClockState | null>(null);
  const expiredRef = useRef(onExpired);
  expiredRef.current = onExpired;
  const lastInput = useRef(0);
  const [now, setNow] = useState(() => Date.now());

  const update = useCallback((next: ClockState | null) => {
    clockRef.current = next;
    setClock(next);
  }, []);

  const start = useCallback(
    (session: TenantSession, sentAt: number, answeredAt: number) => {
      update(startClock(session.idle_timeout_seconds, sentAt, answeredAt));
      setNow(Date.now());
    },
    [update],
  );
  const stop = useCallback(() => update(null), [update]);

  // Every answer slides the clock; a 401 means the server has ended the session.
  useEffect(() => {
    setTenantAnswerListener({
      onAnswer(sentAt, answeredAt, status) {
        const c = clockRef.current;
        if (!c) return;
        if (status === 401) {
          update(null);
          expiredRef.current();
        } else {
          update(onAnswer(c, sentAt, answeredAt));
        }
      },
    });
    return () => setTenantAnswerListener({});
  }, [update]);

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

  // Wake up at the next change of phase (at once if already past: a late timer, a sleeping phone).
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
    await tenantApi.session();
    setNow(Date.now());
  }, []);

  useEffect(() => {
    if (phase === 'expired' && clockRef.current) {
      update(null);
      // The server may still hold the session for up to a minute: end it there too.
      void tenantApi.signOut().catch(() => {});
      expiredRef.current();
    } else if (phase === 'warning' && Date.now() - lastInput.current < ACTIVE_WITHIN_MS) {
      void extend().catch(() => {});
    }
  }, [phase]); // eslint-disable-line react-hooks/exhaustive-deps

  return { start, stop, phase, deadline: clock ? deadline(clock) : null, extend };
}
