import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

describe('household search', () => {
  it('finds households as one types, without accents, and keeps the query in the URL', async () => {
    const api = fakeApi();
    const { user } = renderApp('/menages');
    const box = await screen.findByRole('combobox', { name: 'Nom, adresse, téléphone ou référence' });
    expect(screen.getByText('Qui cherchez-vous ?')).toBeInTheDocument();

    await user.type(box, 'helene');
    const list = await screen.findByRole('listbox', { name: 'Ménages trouvés' });
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveTextContent('Hélène Martin');
    expect(options[0]).toHaveTextContent('Réf. T100042');
    expect(options[0]).toHaveTextContent('06 12 34 56 78');
    expect(options[0]).toHaveTextContent('5 rue des Tilleuls, 14000 Caen');
    expect(options[1]).toHaveTextContent('Pas de téléphone');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('q')).toBe('helene'));
    expect(screen.getByText(/2 ménages trouvés/)).toBeInTheDocument();
    // Debounced: one request for the whole word, not one per letter.
    expect(api.calls.filter((c) => c.path === '/api/v1/households/search').map((c) => c.query.get('q'))).toEqual(['helene']);
  });

  it('goes through results with the arrow keys and opens one with Enter', async () => {
    fakeApi();
    const { user } = renderApp('/menages?q=helene');
    const box = await screen.findByRole('combobox');
    expect(box).toHaveValue('helene');
    const options = await screen.findAllByRole('option');

    box.focus();
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[0]!.id);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await user.keyboard('{ArrowDown}'); // wraps to the first
    expect(box).toHaveAttribute('aria-activedescendant', options[0]!.id);
    await user.keyboard('{ArrowUp}'); // and back to the last
    expect(box).toHaveAttribute('aria-activedescendant', options[1]!.id);
    await user.keyboard('{ArrowUp}');
    await user.keyboard('{Enter}');

    expect(await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/menages/42');
    // The way back keeps the search.
    const breadcrumb = screen.getByRole('navigation', { name: "Fil d'Ariane" });
    expect(within(breadcrumb).getByRole('link', { name: 'Ménages' })).toHaveAttribute('href', '/menages?q=helene');
  });

  it('Escape leaves the list, then clears the field', async () => {
    fakeApi();
    const { user } = renderApp('/menages?q=helene');
    const box = await screen.findByRole('combobox');
    await screen.findAllByRole('option');
    box.focus();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{Escape}');
    expect(box).not.toHaveAttribute('aria-activedescendant');
    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');
  });

  it('says when nothing matches and what to try', async () => {
    fakeApi();
    const { user } = renderApp('/menages');
    await user.type(await screen.findByRole('combobox'), 'zzz');
    expect(await screen.findByText('Aucun ménage ne correspond à « zzz ».')).toBeInTheDocument();
    expect(screen.getByText(/Vérifiez l'orthographe/)).toBeInTheDocument();
    expect(screen.getByRole('combobox')).toHaveAttribute('aria-expanded', 'false');
  });

  it('asks for a second character before searching', async () => {
    const api = fakeApi();
    const { user } = renderApp('/menages');
    await user.type(await screen.findByRole('combobox'), 'h');
    expect(await screen.findByText('Tapez au moins 2 caractères pour lancer la recherche.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/households/search')).toBe(false);
  });

  it('opens a result with a click', async () => {
    fakeApi();
    const { user } = renderApp('/menages?q=dupre');
    await user.click(await screen.findByRole('option', { name: /François Dupré/ }));
    await waitFor(() => expect(window.location.pathname).toBe('/menages/44'));
  });
});
