import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

const MIN = 60_000;

describe('session idle time-out', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });

  it('warns a minute before the time-out, and "Rester connecté·e" extends the session', async () => {
    const api = fakeApi();
    renderApp('/menages');
    await screen.findByRole('combobox');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    // Read at start-up, the session may have slid up to a minute earlier: 15 - 1 - 1 minutes.
    await act(async () => vi.advanceTimersByTime(13 * MIN + 1000));
    const dialog = await screen.findByRole('alertdialog', { name: 'Votre session va bientôt expirer' });
    expect(dialog).toHaveTextContent(/vous serez déconnecté·e dans \d+ secondes/);
    expect(dialog).toHaveTextContent('Ce que vous avez saisi sera gardé.');
    const stay = screen.getByRole('button', { name: 'Rester connecté·e' });
    expect(stay).toHaveFocus();
    expect(document.querySelector('.frame')).toHaveAttribute('inert');

    const before = api.calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/session').length;
    stay.click();
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/session').length).toBe(before + 1);
    expect(document.querySelector('.frame')).not.toHaveAttribute('inert');

    // Extended by a full idle period: no warning again soon.
    await act(async () => vi.advanceTimersByTime(10 * MIN));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('after the time-out, ends the session and says so on the login page, ready to come back', async () => {
    const api = fakeApi();
    renderApp('/menages?q=helene');
    await screen.findByRole('combobox');
    await act(async () => vi.advanceTimersByTime(14 * MIN + 1000));

    expect(await screen.findByText('Session expirée')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    const params = new URLSearchParams(window.location.search);
    expect(params.get('motif')).toBe('expiree');
    expect(params.get('retour')).toBe('/menages?q=helene');
    expect(api.calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/session')).toBe(true);
  });

  it('does not interrupt someone who is typing: the session is extended silently', async () => {
    const api = fakeApi();
    const { user } = renderApp('/menages');
    const box = await screen.findByRole('combobox');
    await act(async () => vi.advanceTimersByTime(12 * MIN + 30_000));
    await user.type(box, 'ab');
    await act(async () => vi.advanceTimersByTime(31_000));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/session').length).toBe(2));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('sends anyone whose request is refused as signed out to the login page', async () => {
    fakeApi({ routes: { 'GET /api/v1/households/search': () => problem(401, 'Votre session a expiré.') } });
    const { user } = renderApp('/menages');
    await user.type(await screen.findByRole('combobox'), 'helene');
    expect(await screen.findByText('Session expirée')).toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get('retour')).toBe('/menages?q=helene');
  });
});
