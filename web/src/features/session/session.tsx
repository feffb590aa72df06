// The signed-in session: who the user is, the CSRF token, and the idle time-out seen from the
// browser (idleClock.ts, shared by the tabs). When the session ends (time-out, a 401, signing out
// here or in another tab) the cached data is dropped and the person is sent to the login page with
// the reason and the page to come back to; unsaved form drafts stay in sessionStorage (drafts.ts)
// unless they signed out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode,
} from 'react';
import { ApiError, api, call, csrfHeader, setApiListener, setCsrfToken, type Schemas } from '../../api/client';
import { clearAllDrafts } from './drafts';
import { useIdleClock, type EndReason } from './idleClock';
import type { Phase } from './sessionClock';

export type Session = Schemas['Session'];
export type Role = Schemas['Role'];
/** A sign-in that needs a second step: a code (mfa), or enrolling a second factor (enrolment). */
export type SignInStep = Schemas['SignInStep'];
export const SESSION_KEY = ['session'] as const;
export const LOGIN_PATH = '/connexion';
/** localStorage keys of the clock shared by the tabs and of the end of the session told to them. */
const CLOCK_KEY = 'relais.session.clock';
const ENDED_KEY = 'relais.session.ended';

export type { EndReason };

interface SessionApi {
  session: Session | null;
  loading: boolean;
  /** The server could not tell whether we are signed in (unreachable). */
  error: unknown;
  retry: () => void;
  /** Signs in, or answers the second step the server asks for (ADR 0009). */
  signIn: (email: string, password: string) => Promise<Session | SignInStep>;
  /** The second step: a TOTP or recovery code; signs in with a new session. */
  submitMfaCode: (code: string) => Promise<Session>;
  /** After enrolling at the enrolment stage: reads the new session. */
  afterEnrolment: () => Promise<Session>;
  /** Ends this session, or with `everywhere` every session of the account (all devices). */
  signOut: (options?: { everywhere?: boolean }) => Promise<void>;
  /** Asks the server for the session again, which slides its idle deadline. */
  extend: () => Promise<void>;
  phase: Phase;
  /** When the session ends if nothing happens (ms since epoch), null when signed out. */
  deadline: number | null;
  /** Why the last session of this tab ended, and the page to come back to. */
  ended: { reason: EndReason; back: string | null } | null;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The session of a page that is only shown signed in. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}

/** A path of this app to come back to (never another site: `//evil.example`). */
export function safeReturnPath(p: string | null | undefined): string | null {
  if (!p || !p.startsWith('/') || p.startsWith('//') || p.startsWith('/\\') || p.startsWith(LOGIN_PATH)) return null;
  return p;
}

export function loginUrl(reason: EndReason | null, from: string | null): string {
  const q = new URLSearchParams();
  if (reason === 'expired') q.set('motif', 'expiree');
  if (reason === 'signedOut') q.set('motif', 'deconnexion');
  const back = safeReturnPath(from);
  if (back && back !== '/') q.set('retour', back);
  const s = q.toString();
  return s ? `${LOGIN_PATH}?${s}` : LOGIN_PATH;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();

  const boot = useRef<{ sent: number; answered: number } | null>(null);
  const [ended, setEnded] = useState<SessionApi['ended']>(null);

  const extend = useCallback(async () => {
    const s = await call(api.GET('/api/v1/session'));
    qc.setQueryData(SESSION_KEY, s);
  }, [qc]);

  const clock = useIdleClock({
    clockKey: CLOCK_KEY,
    endedKey: ENDED_KEY,
    extend,
    endOnServer() {
      void api.DELETE('/api/v1/session', { params: { header: csrfHeader() } }).catch(() => {});
    },
    onEnded(reason) {
      // The address bar, not the router's last render: a search may have just replaced its query.
      const from = window.location.pathname + window.location.search;
      setCsrfToken(null);
      // Forget every record read; the signed-in page then sends the person to the login page
      // (RequireSession), with the reason and, after a time-out, the page to come back to.
      setEnded({ reason, back: reason === 'expired' && !from.startsWith(LOGIN_PATH) ? from : null });
      qc.clear();
      qc.setQueryData(SESSION_KEY, null);
    },
  });
  const { start, answered, end } = clock;

  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      const sent = Date.now();
      try {
        const s = await call(api.GET('/api/v1/session'));
        boot.current = { sent, answered: Date.now() };
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const session = query.data ?? null;

  // A session read at start-up: the server slid its deadline at most a minute before that read.
  useEffect(() => {
    if (!session) return;
    setCsrfToken(session.csrf_token);
    if (boot.current) {
      start(session.user.id, session.idle_timeout_seconds, boot.current.sent, boot.current.answered, 'read');
      boot.current = null;
    }
  }, [session, start]);

  // Every answer slides the clock; a 401 ends the session.
  useEffect(() => {
    setApiListener({
      onAnswer(sentAt, answeredAt, status) {
        if (status !== 401) answered(sentAt, answeredAt);
      },
      onUnauthenticated() {
        end('expired', false);
      },
    });
    return () => setApiListener({});
  }, [end, answered]);

  const signedIn = useCallback(
    (s: Session, sent: number) => {
      setCsrfToken(s.csrf_token);
      start(s.user.id, s.idle_timeout_seconds, sent, Date.now(), 'opened');
      qc.setQueryData(SESSION_KEY, s);
      setEnded(null);
      return s;
    },
    [qc, start],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const sent = Date.now();
      const s = await call(api.POST('/api/v1/session', { body: { email, password } }));
      if ('stage' in s) {
        // Half signed in: only the next step's routes answer, with this token.
        setCsrfToken(s.csrf_token);
        return s;
      }
      return signedIn(s, sent);
    },
    [signedIn],
  );

  const submitMfaCode = useCallback(
    async (code: string) => {
      const sent = Date.now();
      const s = await call(api.POST('/api/v1/session/mfa', { params: { header: csrfHeader() }, body: { code } }));
      return signedIn(s, sent);
    },
    [signedIn],
  );

  const afterEnrolment = useCallback(async () => {
    const sent = Date.now();
    return signedIn(await call(api.GET('/api/v1/session')), sent);
  }, [signedIn]);

  const signOut = useCallback(async (options?: { everywhere?: boolean }) => {
    try {
      await call(
        api.DELETE('/api/v1/session', {
          params: { header: csrfHeader(), ...(options?.everywhere ? { query: { everywhere: 'true' as const } } : {}) },
        }),
      );
    } catch {
      // Already over on the server: signed out all the same.
    }
    clearAllDrafts();
    end('signedOut', true);
  }, [end]);

  const value = useMemo<SessionApi>(
    () => ({
      session,
      loading: query.isPending,
      error: query.error,
      retry: () => void query.refetch(),
      signIn,
      submitMfaCode,
      afterEnrolment,
      signOut,
      extend: clock.extend,
      phase: clock.phase,
      deadline: clock.deadline,
      ended,
    }),
    [session, query.isPending, query.error, query.refetch, signIn, submitMfaCode, afterEnrolment, signOut, clock.extend, clock.phase, clock.deadline, ended], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Roles that may change a household (mirrors CanEditHousehold of the server, which decides). */
export function canEditHousehold(roles: readonly Role[]): boolean {
  return roles.some((r) => ['administrator', 'manager', 'call_agent', 'social_support', 'reception', 'allocation'].includes(r));
}

/** Roles that manage staff accounts (mirrors MayManageStaff of the server, which decides). */
export function canManageStaff(roles: readonly Role[]): boolean {
  return roles.includes('administrator');
}

/** Roles that may read the audit trail (mirrors CanReadAudit of the server, which decides). */
export function canReadTrail(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'administrator' || r === 'data_protection');
}

/** Roles of a landlord's staff in contact with tenants: they refer households (CanOpenReferral). */
export function canOpenReferral(roles: readonly Role[]): boolean {
  return canEditHousehold(roles);
}

/** Who follows referrals: contact staff and partners' workers (CanReadReferrals of the server). */
export function canReadReferrals(roles: readonly Role[]): boolean {
  return canOpenReferral(roles) || roles.includes('partner_worker');
}

/** Who reads the aggregated figures: managers and the regional observers (CanReadFigures). */
export function canReadFigures(roles: readonly Role[]): boolean {
  return roles.includes('manager') || roles.includes('regional_observer');
}

/** A landlord's staff (not a partner, not the regional association): sees the stock and households. */
export function isLandlordStaff(roles: readonly Role[]): boolean {
  return roles.some((r) => r !== 'partner_worker' && r !== 'regional_observer');
}

/** A call agent: has a list of calls each day (CanReadOwnCalls of the server). */
export function isCallAgent(roles: readonly Role[]): boolean {
  return roles.includes('call_agent');
}

/** Who builds and reads the day's call list (CanManageCallLists of the server). */
export function canManageCallLists(roles: readonly Role[]): boolean {
  return roles.includes('manager') || roles.includes('administrator');
}
