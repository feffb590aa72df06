import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '../../test/fakeApi';
import { building } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('buildings list', () => {
  it('lists buildings with their features in words', async () => {
    fakeApi();
    renderApp('/patrimoine');
    const link = await screen.findByRole('link', { name: 'Résidence Les Tilleuls' });
    expect(link).toHaveAttribute('href', '/patrimoine/3');
    const card = link.closest('li')!;
    expect(card).toHaveTextContent('5 rue des Tilleuls, 14000 Caen');
    expect(card).toHaveTextContent('2 logements');
    expect(card).toHaveTextContent('Sans ascenseur');
    expect(card).toHaveTextContent('Quartier prioritaire (QPV)');
    expect(screen.queryByRole('link', { name: /Suivant/ })).not.toBeInTheDocument();
  });

  it('keeps the filters in the URL, picking the commune from suggestions', async () => {
    const api = fakeApi();
    const { user } = renderApp('/patrimoine');
    await user.type(await screen.findByLabelText('Référence, nom ou rue'), 'tilleuls');
    const commune = screen.getByRole('combobox', { name: 'Commune' });
    await user.type(commune, 'cae');
    const option = await screen.findByRole('option', { name: /Caen/ });
    expect(option).toHaveTextContent('Calvados (14)');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(commune).toHaveValue('Caen');
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));
    await waitFor(() => expect(window.location.search).toBe('?commune=14118&q=tilleuls'));
    await waitFor(() =>
      expect(api.calls.some((c) => c.path === '/api/v1/buildings' && c.query.get('commune_insee') === '14118' && c.query.get('q') === 'tilleuls')).toBe(true),
    );
  });

  it('asks to pick a commune from the list rather than guessing', async () => {
    fakeApi({ routes: { 'GET /api/v1/communes': () => json({ items: [] }) } });
    const { user } = renderApp('/patrimoine');
    await user.type(await screen.findByRole('combobox', { name: 'Commune' }), 'xyz');
    expect(await screen.findByText('Aucune commune de Normandie ne correspond.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));
    expect(screen.getByRole('combobox', { name: 'Commune' })).toHaveAccessibleDescription(expect.stringContaining('Choisissez la commune dans la liste proposée'));
  });

  it('pages forward with "Suivant" (keyset cursor in the URL)', async () => {
    const api = fakeApi({
      routes: {
        'GET /api/v1/buildings': (c) =>
          c.query.get('after') === 'abc'
            ? json({ items: [{ ...building, id: 4, name: 'Les Jardins' }], next_cursor: null })
            : json({ items: [building], next_cursor: 'abc' }),
      },
    });
    const { user } = renderApp('/patrimoine');
    await user.click(await screen.findByRole('link', { name: /Suivant/ }));
    expect(await screen.findByRole('link', { name: 'Les Jardins' })).toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get('apres')).toBe('abc');
    expect(screen.getByText('Immeubles 26 à 26')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Retour au début de la liste/ })).toBeInTheDocument();
    expect(api.calls.filter((c) => c.path === '/api/v1/buildings').at(-1)?.query.get('after')).toBe('abc');
  });

  it('has an empty state that says what to do', async () => {
    fakeApi({ routes: { 'GET /api/v1/buildings': () => json({ items: [], next_cursor: null }) } });
    renderApp('/patrimoine?q=rien');
    expect(await screen.findByText('Aucun immeuble ne correspond à ces filtres.')).toBeInTheDocument();
    expect(screen.getByText(/Essayez un autre mot/)).toBeInTheDocument();
  });
});

describe('building page', () => {
  it('lists the dwellings with accessibility in words and the occupant', async () => {
    fakeApi();
    renderApp('/patrimoine/3');
    expect(await screen.findByRole('heading', { level: 1, name: 'Résidence Les Tilleuls' })).toBeInTheDocument();
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const [first, second] = [rows[1]!, rows[2]!];
    expect(plain(first.textContent)).toContain('Rez-de-chaussée');
    expect(plain(first.textContent)).toContain('67,5 m²');
    expect(plain(first.textContent)).toContain('PLUS (social)');
    expect(plain(first.textContent)).toContain('452,10 €');
    expect(within(first).getByText('Accessible')).toBeInTheDocument();
    expect(await within(first).findByRole('link', { name: 'Hélène Martin' })).toHaveAttribute('href', '/menages/42');
    expect(plain(second.textContent)).toContain('1er étage');
    expect(within(second).getByText('Non accessible')).toBeInTheDocument();
    expect(within(second).getByText('Vacant')).toBeInTheDocument();
    expect(screen.getByText('1 logement vacant')).toBeInTheDocument();
    expect(screen.getByText('Agence : Agence de Caen')).toBeInTheDocument();
  });
});
