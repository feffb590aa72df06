import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { renderApp } from '../test/render';
import { saveDraft } from '../features/session/drafts';

describe('app frame', () => {
  it('has a skip link first, landmarks, the organisation and the user, and the modules in the navigation', async () => {
    fakeApi();
    const { user } = renderApp('/');
    await screen.findByRole('combobox');
    expect(window.location.pathname).toBe('/menages');

    const banner = screen.getByRole('banner');
    expect(banner).toHaveTextContent('Habitat Test Normandie');
    expect(banner).toHaveTextContent('Sami Benali');
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['Ménages', 'Patrimoine', 'Appels', 'Orientations', 'Tâches', 'Tournées', 'Rendez-vous', 'Plans de crise', 'Mon compte']);
    expect(links[0]).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'contenu');

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Aller au contenu' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('combobox')).toHaveFocus();
  });

  it('moves the focus to the title of a page reached by a link', async () => {
    fakeApi();
    const { user } = renderApp('/menages');
    await screen.findByRole('combobox');
    await user.click(screen.getByRole('link', { name: 'Patrimoine' }));
    const title = await screen.findByRole('heading', { level: 1, name: 'Patrimoine' });
    await waitFor(() => expect(title).toHaveFocus());
    expect(document.title).toBe('Patrimoine — Relais');
  });

  it('signs out, forgetting drafts, and says so', async () => {
    const api = fakeApi();
    const { user } = renderApp('/menages');
    await screen.findByRole('combobox');
    saveDraft('household.42', 7, { notes: 'x' });
    await user.click(screen.getByRole('button', { name: 'Se déconnecter' }));
    expect(await screen.findByText('Vous êtes déconnecté·e. À bientôt.')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'DELETE')?.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(sessionStorage.length).toBe(0);
  });

  it('signs out every device of the account when asked', async () => {
    const api = fakeApi();
    const { user } = renderApp('/menages');
    await screen.findByRole('combobox');
    await user.click(screen.getByRole('button', { name: 'Déconnecter tous mes appareils' }));
    expect(await screen.findByText('Vous êtes déconnecté·e. À bientôt.')).toBeInTheDocument();
    const call = api.calls.find((c) => c.method === 'DELETE');
    expect(call?.path).toBe('/api/v1/session');
    expect(call?.query.get('everywhere')).toBe('true');
    expect(call?.headers.get('x-csrf-token')).toBe('csrf-123');
  });

  it('switches to English and back', async () => {
    fakeApi();
    const { user } = renderApp('/menages');
    await screen.findByRole('combobox');
    await user.click(screen.getByRole('button', { name: 'Display in English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Find a household' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    await user.click(screen.getByRole('button', { name: 'Afficher en français' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Rechercher un ménage' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('fr');
  });
});
