// The tenant session's idle time-out seen from the browser: the staff app's idle clock
// (session/idleClock.ts: the deadline the server surely holds, the warning a minute before it,
// someone who typed or clicked within the last minute extended silently), on the tenant portal's own
// client (api.ts) and under its own localStorage keys, shared by the tabs of the browser like the
// staff one. The tenant's idle time-out comes from the server (sessions.tenant_idle_minutes, 30 by
// default).
import { useCallback, useEffect } from 'react';
import { useIdleClock, type EndReason } from '../session/idleClock';
import type { Phase } from '../session/sessionClock';
import { setTenantAnswerListener, tenantApi, type TenantSession } from './api';

/** localStorage keys of the tenant clock shared by the tabs and of the end told to them. */
export const TENANT_CLOCK_KEY = 'relais.tenant.clock';
export const TENANT_ENDED_KEY = 'relais.tenant.ended';

export interface TenantClock {
  /**
   * A session opened by signing in (`opened`) or read at start-up (`read`) by a request sent at
   * `sentAt` and answered at `answeredAt`.
   */
  start: (session: TenantSession, sentAt: number, answeredAt: number, how: 'opened' | 'read') => void;
  /** Signed out in this tab: stops the clock and tells the other tabs. */
  signedOut: () => void;
  phase: Phase;
  /** When the session ends if nothing happens (ms since epoch), null when signed out. */
  deadline: number | null;
  /** Asks the server for the session again, which slides its idle deadline. */
  extend: () => Promise<void>;
}

/**
 * The clock of the tenant session (started with start()). `onEnded` is called once the session has
 * ended: `expired` when the deadline has passed (after ending the session on the server too), when
 * the server answers 401, or when another tab timed out; `signedOut` when another tab signed out.
 */
export function useTenantClock(onEnded: (reason: EndReason) => void): TenantClock {
  const clock = useIdleClock({
    clockKey: TENANT_CLOCK_KEY,
    endedKey: TENANT_ENDED_KEY,
    extend: async () => {
      await tenantApi.session();
    },
    endOnServer() {
      void tenantApi.signOut().catch(() => {});
    },
    onEnded,
  });
  const { start: startClock, answered, end } = clock;

  // Every answer slides the clock; a 401 means the server has ended the session.
  useEffect(() => {
    setTenantAnswerListener({
      onAnswer(sentAt, answeredAt, status) {
        if (status === 401) end('expired', false);
        else answered(sentAt, answeredAt);
      },
    });
    return () => setTenantAnswerListener({});
  }, [answered, end]);

  const start = useCallback<TenantClock['start']>(
    (session, sentAt, answeredAt, how) => startClock(session.tenant.account_id, session.idle_timeout_seconds, sentAt, answeredAt, how),
    [startClock],
  );
  const signedOut = useCallback(() => end('signedOut', true), [end]);

  return { start, signedOut, phase: clock.phase, deadline: clock.deadline, extend: clock.extend };
}
