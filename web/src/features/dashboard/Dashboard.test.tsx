import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json } from '../../test/fakeApi';
import { figures, sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });

describe('dashboard', () => {
  it('shows the counts, "<11" for every suppressed cell, and the totals', async () => {
    fakeApi({ routes: { ...asRoles(['regional_observer']), 'GET /api/v1/dashboard/figures': () => json(figures) } });
    renderApp('/tableau-de-bord');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Ménages, logements et orientations' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Commune', 'Ménages', 'Logements', 'Orientations ouvertes', 'Orientations closes',
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const caen = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent?.replace(/[\u00a0\u202f]/g, ' '));
    expect(caen).toEqual(['1 200', '1 300', '<11', '<11']);
    expect(within(rows[0]!).getAllByTitle('moins de 11 (masqué)')).toHaveLength(2);
    expect(rows[2]).toHaveTextContent('Total');
    expect(screen.getByText(/tous les bailleurs de la région/)).toBeInTheDocument();
  });

  it('groups by landlord on request', async () => {
    const api = fakeApi({ routes: { ...asRoles(['manager']), 'GET /api/v1/dashboard/figures': (c) => json({ ...figures, scope: 'organisation', by: c.query.get('by') ?? 'commune' }) } });
    const { user } = renderApp('/tableau-de-bord');
    await user.click(await screen.findByRole('button', { name: 'Par bailleur' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/dashboard/figures' && c.query.get('by') === 'landlord')).toBe(true));
    expect(await screen.findByRole('columnheader', { name: 'Bailleur' })).toBeInTheDocument();
  });

  it('is not for a call agent', async () => {
    const api = fakeApi({ routes: asRoles(['call_agent']) });
    renderApp('/tableau-de-bord');
    expect(await screen.findByText(/réservé aux responsables/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/dashboard/figures')).toBe(false);
  });
});
