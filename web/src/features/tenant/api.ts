// The tenant portal's own small client: the tenant session is not the staff one (its own cookie,
// its own CSRF token), so it stays out of the staff app's client and its session clock.
import type { components } from '../../api/schema';

export type TenantSession = components['schemas']['TenantSession'];
export type TenantHousehold = components['schemas']['TenantHousehold'];

/** A refused request: the status and the server's French explanation (and the field at fault). */
export class TenantApiError extends Error {
  readonly status: number;
  readonly field: string | undefined;
  constructor(status: number, detail: string, field?: string) {
    super(detail);
    this.status = status;
    this.field = field;
  }
}

let csrf = '';
export function setTenantCsrf(token: string) {
  csrf = token;
}

/** Told of every answer of the tenant API (the idle clock, tenantClock.ts). */
export interface TenantAnswerListener {
  onAnswer?: (sentAt: number, answeredAt: number, status: number) => void;
}
let listener: TenantAnswerListener = {};
export function setTenantAnswerListener(l: TenantAnswerListener) {
  listener = l;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  const sentAt = Date.now();
  try {
    // Absolute, so that Request objects work outside a document too (unit tests).
    res = await fetch((globalThis.location?.origin ?? '') + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new TenantApiError(0, '');
  }
  listener.onAnswer?.(sentAt, Date.now(), res.status);
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) throw new TenantApiError(res.status, String(json.detail ?? ''), json.field as string | undefined);
  return json as T;
}

export const tenantApi = {
  session: () => call<TenantSession>('GET', '/api/v1/tenant/session'),
  requestCode: (reference: string) => call<{ message: string; hint: string }>('POST', '/api/v1/tenant/codes', { reference }),
  signIn: (reference: string, secret: { code: string } | { password: string }) =>
    call<TenantSession>('POST', '/api/v1/tenant/session', { reference, ...secret }),
  /** Ends this session, or with `everywhere` every session of the account (all devices). */
  signOut: (options?: { everywhere?: boolean }) =>
    call<unknown>('DELETE', `/api/v1/tenant/session${options?.everywhere ? '?everywhere=true' : ''}`),
  household: () => call<TenantHousehold>('GET', '/api/v1/tenant/household'),
  setPassword: (password: string) => call<unknown>('PUT', '/api/v1/tenant/password', { password }),
};

/** The same client for the other features of the tenant portal (reception: "Mes rendez-vous"). */
export const tenantRequest = call;
