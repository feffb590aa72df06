// A fake Relais API behind globalThis.fetch for component tests: a few routes answering from
// fixtures, each call recorded. `routes` override or add answers: "METHOD /path" -> handler.
import { vi } from 'vitest';
import { fold } from '../lib/format';
import * as fx from './fixtures';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
}

type Handler = (call: Call) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problem = (status: number, detail: string, errors: { field: string; message: string }[] = []) =>
  new Response(
    JSON.stringify({ type: 'about:blank', title: 'Erreur', status, detail, ...(errors[0] ? { field: errors[0].field } : {}), errors }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );

export function fakeApi({ signedIn = true, routes = {} as Record<string, Handler> } = {}) {
  const calls: Call[] = [];
  let loggedIn = signedIn;
  const defaults: Record<string, Handler> = {
    'GET /api/v1/session': () => (loggedIn ? json(fx.session) : problem(401, 'Votre session a expiré ou vous n’êtes pas connecté·e.')),
    'POST /api/v1/session': (c) => {
      const b = c.body as { email: string; password: string };
      if (b.password !== 'demo-relais-2026') return problem(401, 'Adresse e-mail ou mot de passe incorrect.');
      loggedIn = true;
      return json(fx.session);
    },
    'DELETE /api/v1/session': () => {
      loggedIn = false;
      return new Response(null, { status: 204 });
    },
    'GET /api/v1/households/search': (c) => {
      const words = fold(c.query.get('q') ?? '').split(/\s+/).filter(Boolean);
      const items = fx.summaries.filter((s) => words.every((w) => fold(`${s.display_name} ${s.address} ${s.reference}`).split(/[\s,]+/).some((x) => x.startsWith(w))));
      return json({ items: items.map((s) => ({ ...s, score: 1 })) });
    },
    'GET /api/v1/households/42': () => json(fx.household),
    'GET /api/v1/households/42/vulnerability': () => json({ items: [] }),
    'PATCH /api/v1/households/42': (c) => json({ ...fx.household, ...(c.body as object) }),
    'GET /api/v1/dwellings/11': () => json(fx.dwellings[0]),
    'GET /api/v1/buildings/3': () => json(fx.building),
    'GET /api/v1/buildings/3/dwellings': () => json({ items: fx.dwellings }),
    'GET /api/v1/buildings': () => json({ items: [fx.building], next_cursor: null }),
    'GET /api/v1/households': () => json({ items: [fx.summaries[0]], next_cursor: null }),
    'GET /api/v1/agencies': () => json({ items: [{ id: 1, name: 'Agence de Caen' }] }),
    'GET /api/v1/communes': () => json({ items: [{ insee: '14118', name: 'Caen', departement: '14' }] }),
    'GET /api/v1/partners': () => json({ items: fx.partners }),
    'GET /api/v1/households/42/needs': () => json({ items: [] }),
    'GET /api/v1/households/42/timeline': () => json({ items: [] }),
    'GET /api/v1/households/42/support-cases': () => json({ items: [] }),
    'GET /api/v1/referrals': (c) => json({ items: fx.referrals.filter((r) => !c.query.get('status') || r.status === c.query.get('status')) }),
  };
  const table = { ...defaults, ...routes };
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const text = req.method === 'GET' || req.method === 'HEAD' ? '' : await req.text();
    const call: Call = { method: req.method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined, headers: req.headers };
    calls.push(call);
    const handler = table[`${req.method} ${url.pathname}`];
    if (!handler) return problem(404, 'Cette adresse n’existe pas.');
    return handler(call);
  });
  vi.stubGlobal('fetch', fetch);
  return { calls, fetch, signOutOnServer: () => (loggedIn = false) };
}
