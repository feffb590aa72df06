import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

const session = { tenant: { account_id: 3, household_id: 42, has_password: false }, csrf_token: 'tcsrf', idle_timeout_seconds: 1800 };
const household = {
  reference: 'T00000042',
  landlord: { name: 'Toits de la Plaine de Caen' },
  dwelling: { reference: 'L0000011', floor: 2, rooms: 3, surface_m2: 65.5 },
  address: { building_name: '', street: '3 rue des Lilas', postal_code: '14000', commune: 'Caen' },
  members: [{ first_name: 'Jeanne' }, { first_name: 'Léo' }],
  lease: { start_date: '2015-05-08', rent_cents: 38618, charges_cents: 3997 },
  agency: { name: 'Agence de Caen' },
  shown: { members: true, rent: true, lease_start: true, agency: true },
};

function tenantRoutes(signedIn = false) {
  let inside = signedIn;
  return {
    'GET /api/v1/tenant/session': () => (inside ? json(session) : problem(401, 'Votre session a expiré.')),
    'POST /api/v1/tenant/codes': () => json({ message: 'ok', hint: 'SMS au 06 •• •• •• 42' }, 202),
    'POST /api/v1/tenant/session': (c: { body: unknown }) => {
      const b = c.body as { code?: string };
      if (b.code !== '123456') return problem(401, 'Référence, code ou mot de passe incorrect.');
      inside = true;
      return json(session);
    },
    'GET /api/v1/tenant/household': () => json(household),
    'DELETE /api/v1/tenant/session': () => {
      inside = false;
      return new Response(null, { status: 204 });
    },
  };
}

describe('tenant portal', () => {
  it('sends a code, says where in masked words, then shows the household', async () => {
    const api = fakeApi({ signedIn: false, routes: tenantRoutes() });
    const { user } = renderApp('/locataire');
    expect(await screen.findByRole('heading', { level: 1, name: 'Espace locataire' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Référence locataire'), ' T00000042 ');
    await user.click(screen.getByRole('button', { name: 'Recevoir un code' }));
    expect(await screen.findByText(/SMS au 06 •• •• •• 42/)).toBeInTheDocument();
    expect(api.calls.find((c) => c.path === '/api/v1/tenant/codes')?.body).toEqual({ reference: 'T00000042' });

    await user.type(screen.getByLabelText('Code reçu (6 chiffres)'), '000000');
    await user.click(screen.getByRole('button', { name: 'Entrer' }));
    expect(await screen.findByText('Référence, code ou mot de passe incorrect.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Code reçu (6 chiffres)'));
    await user.type(screen.getByLabelText('Code reçu (6 chiffres)'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Entrer' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon logement' })).toBeInTheDocument();
    expect(await screen.findByText('Léo')).toBeInTheDocument();
    expect(screen.getByText(/3 rue des Lilas/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Choisir un mot de passe (facultatif)' })).toBeInTheDocument();
    // The staff app's session was never asked for.
    expect(api.calls.some((c) => c.path === '/api/v1/session')).toBe(false);
  });

  it('signs in by password and signs out', async () => {
    fakeApi({
      signedIn: false,
      routes: {
        ...tenantRoutes(),
        'POST /api/v1/tenant/session': (c) =>
          (c.body as { password?: string }).password === 'ma phrase secrète' ? json({ ...session, tenant: { ...session.tenant, has_password: true } }) : problem(401, 'non'),
      },
    });
    const { user } = renderApp('/locataire');
    await user.click(await screen.findByRole('button', { name: 'J’ai un mot de passe' }));
    await user.type(screen.getByLabelText('Référence locataire'), 'T00000042');
    await user.type(screen.getByLabelText('Mot de passe'), 'ma phrase secrète');
    await user.click(screen.getByRole('button', { name: 'Entrer' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon logement' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Choisir un mot de passe (facultatif)' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Me déconnecter' }));
    expect(await screen.findByRole('button', { name: 'Recevoir un code' })).toBeInTheDocument();
  });

  it('signs out of every device with everywhere=true', async () => {
    const api = fakeApi({ signedIn: false, routes: tenantRoutes(true) });
    const { user } = renderApp('/locataire');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon logement' })).toBeInTheDocument();
    const everywhere = screen.getByRole('button', { name: 'Me déconnecter de tous mes appareils' });
    expect(everywhere).toHaveAccessibleDescription(/Ferme toutes vos sessions ouvertes/);
    await user.click(everywhere);
    expect(await screen.findByRole('button', { name: 'Recevoir un code' })).toBeInTheDocument();
    const call = api.calls.find((c) => c.method === 'DELETE' && c.path === '/api/v1/tenant/session');
    expect(call?.query.get('everywhere')).toBe('true');
  });
});

/**
 * The portal opened by a tenant already signed in (a session read at start-up), under fake timers
 * that also run with the real clock; the page's first requests are answered. Fake timers are put
 * back to real ones after each test (test/setup.ts).
 */
async function openSignedIn() {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const api = fakeApi({ signedIn: false, routes: tenantRoutes(true) });
  const rendered = renderApp('/locataire');
  expect(await screen.findByText(/3 rue des Lilas/)).toBeInTheDocument();
  await act(async () => vi.advanceTimersByTime(1000)); // the page's first requests, under fake timers
  return { api, ...rendered };
}

describe('tenant portal idle time-out (30 minutes)', () => {
  const MIN = 60_000;

  it('warns a minute before the time-out; "Rester connecté·e" extends the session', async () => {
    const { api } = await openSignedIn();
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    // Read at start-up, the session may have slid up to a minute earlier: 30 - 1 - 1 minutes.
    await act(async () => vi.advanceTimersByTime(28 * MIN));
    const dialog = await screen.findByRole('alertdialog', { name: 'Votre session va bientôt expirer' });
    expect(dialog).toHaveTextContent(/vous serez déconnecté·e dans \d+ secondes/);
    const stay = screen.getByRole('button', { name: 'Rester connecté·e' });
    expect(stay).toHaveFocus();
    expect(document.querySelector('main.tenant')).toHaveAttribute('inert');

    const reads = () => api.calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/tenant/session').length;
    const before = reads();
    stay.click();
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(reads()).toBe(before + 1);
    expect(document.querySelector('main.tenant')).not.toHaveAttribute('inert');
    // Extended by a full idle period.
    await act(async () => vi.advanceTimersByTime(25 * MIN));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('after the time-out, ends the session on the server and says why', async () => {
    const { api } = await openSignedIn();
    await act(async () => vi.advanceTimersByTime(29 * MIN));
    expect(await screen.findByText(/après un moment sans activité/)).toHaveAttribute('role', 'alert');
    expect(screen.getByRole('button', { name: 'Recevoir un code' })).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/tenant/session')).toBe(true);
  });
});

describe('tenant portal clock shared by the tabs of the browser', () => {
  const MIN = 60_000;
  const CLOCK = 'relais.tenant.clock';
  const ENDED = 'relais.tenant.ended';

  /** What another tab of the portal does: writes a key, which fires `storage` in this one. */
  function otherTab(key: string, value: string) {
    act(() => {
      localStorage.setItem(key, value);
      window.dispatchEvent(new StorageEvent('storage', { key, newValue: value, storageArea: localStorage }));
    });
  }
  const deletes = (api: ReturnType<typeof fakeApi>) => api.calls.filter((c) => c.method === 'DELETE' && c.path === '/api/v1/tenant/session').length;

  it('writes its clock, for the tenant account, under a key of its own', async () => {
    fakeApi({ signedIn: false, routes: tenantRoutes(true) });
    renderApp('/locataire');
    expect(await screen.findByText(/3 rue des Lilas/)).toBeInTheDocument();
    const stored = JSON.parse(localStorage.getItem(CLOCK)!);
    expect(stored).toMatchObject({ owner: 3, idleMs: 30 * MIN });
    expect(localStorage.getItem('relais.session.clock')).toBeNull();
  });

  it('a request in another tab keeps this one open: no warning at the old time', async () => {
    const { api } = await openSignedIn();
    await act(async () => vi.advanceTimersByTime(20 * MIN));
    const now = Date.now();
    otherTab(CLOCK, JSON.stringify({ idleMs: 30 * MIN, slidAt: now, confirmedAt: now + 50, owner: 3 }));
    // Alone, this tab would warn at 28 minutes and close at 29 (read at start-up).
    await act(async () => vi.advanceTimersByTime(10 * MIN));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Mon logement' })).toBeInTheDocument();
    expect(deletes(api)).toBe(0);
    // The shared deadline still holds: the warning comes a minute before it.
    await act(async () => vi.advanceTimersByTime(19 * MIN + 5_000));
    expect(await screen.findByRole('alertdialog', { name: 'Votre session va bientôt expirer' })).toBeInTheDocument();
  });

  it('the clock of another tenant account changes nothing', async () => {
    await openSignedIn();
    await act(async () => vi.advanceTimersByTime(20 * MIN));
    const now = Date.now();
    otherTab(CLOCK, JSON.stringify({ idleMs: 30 * MIN, slidAt: now, confirmedAt: now, owner: 4 }));
    // Read at start-up: the warning at 28 minutes, as if the other account's tab did not exist.
    await act(async () => vi.advanceTimersByTime(8 * MIN + 30_000));
    expect(await screen.findByRole('alertdialog', { name: 'Votre session va bientôt expirer' })).toBeInTheDocument();
  });

  it('signing out in another tab signs out this one too, without a time-out message', async () => {
    const api = fakeApi({ signedIn: false, routes: tenantRoutes(true) });
    renderApp('/locataire');
    expect(await screen.findByText(/3 rue des Lilas/)).toBeInTheDocument();
    otherTab(ENDED, `signedOut:${Date.now()}`);
    expect(await screen.findByRole('button', { name: 'Recevoir un code' })).toBeInTheDocument();
    expect(screen.queryByText(/après un moment sans activité/)).not.toBeInTheDocument();
    // The other tab has ended the session on the server already.
    expect(deletes(api)).toBe(0);
  });

  it('a time-out in another tab closes this one with the time-out message', async () => {
    fakeApi({ signedIn: false, routes: tenantRoutes(true) });
    renderApp('/locataire');
    expect(await screen.findByText(/3 rue des Lilas/)).toBeInTheDocument();
    otherTab(ENDED, `expired:${Date.now()}`);
    expect(await screen.findByText(/après un moment sans activité/)).toHaveAttribute('role', 'alert');
  });

  it('the staff session ending in another tab leaves the tenant signed in', async () => {
    fakeApi({ signedIn: false, routes: tenantRoutes(true) });
    renderApp('/locataire');
    expect(await screen.findByText(/3 rue des Lilas/)).toBeInTheDocument();
    otherTab('relais.session.ended', `signedOut:${Date.now()}`);
    expect(screen.getByRole('heading', { level: 1, name: 'Mon logement' })).toBeInTheDocument();
  });

  it('signing out here tells the other tabs and forgets the shared clock', async () => {
    fakeApi({ signedIn: false, routes: tenantRoutes(true) });
    const { user } = renderApp('/locataire');
    expect(await screen.findByText(/3 rue des Lilas/)).toBeInTheDocument();
    expect(localStorage.getItem(CLOCK)).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Me déconnecter' }));
    expect(await screen.findByRole('button', { name: 'Recevoir un code' })).toBeInTheDocument();
    expect(localStorage.getItem(ENDED)).toMatch(/^signedOut:\d+$/);
    expect(localStorage.getItem(CLOCK)).toBeNull();
  });

  it('a time-out here tells the other tabs', async () => {
    await openSignedIn();
    await act(async () => vi.advanceTimersByTime(29 * MIN));
    expect(await screen.findByText(/après un moment sans activité/)).toBeInTheDocument();
    expect(localStorage.getItem(ENDED)).toMatch(/^expired:\d+$/);
  });
});
