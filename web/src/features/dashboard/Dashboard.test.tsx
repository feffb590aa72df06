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
    const api = fakeApi({ routes: { ...asRoles(['manager']), 'GET /api/v1/dashboard/escalations': () => json({ items: [] }), 'GET /api/v1/dashboard/figures': (c) => json({ ...figures, scope: 'organisation', by: c.query.get('by') ?? 'commune' }) } });
    const { user } = renderApp('/tableau-de-bord');
    await user.click(await screen.findByRole('button', { name: 'Par bailleur' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/dashboard/figures' && c.query.get('by') === 'landlord')).toBe(true));
    expect(await screen.findByRole('columnheader', { name: 'Bailleur' })).toBeInTheDocument();
  });

  it('shows a manager the open alerts until they are closed, with the way to the Alertes page', async () => {
    const items: Schemas['DashboardEscalation'][] = [
      {
        id: 5, member_name: 'Jeanne Martin', household: { id: 42, reference: 'LGT-42' }, agency: { id: 3, name: 'Agence Centre' },
        plan_name: 'Canicule', unreachable_since: '2026-07-01', raised_at: '2026-07-03T08:00:00Z', action: 'caretaker_visit',
      },
    ];
    fakeApi({ routes: { ...asRoles(['manager']), 'GET /api/v1/dashboard/escalations': () => json({ items }), 'GET /api/v1/dashboard/figures': () => json({ ...figures, scope: 'organisation' }) } });
    renderApp('/tableau-de-bord');
    const section = await screen.findByRole('region', { name: 'Alertes ouvertes' });
    const line = await within(section).findByRole('link', { name: /Jeanne Martin \(ménage LGT-42, Agence Centre\) : injoignable depuis le/ });
    expect(line).toHaveAttribute('href', '/menages/42');
    expect(section).toHaveTextContent('Action choisie : Visite du gardien');
    expect(within(section).getByRole('link', { name: 'Traiter les alertes' })).toHaveAttribute('href', '/alertes');
  });

  it('says when no alert is open', async () => {
    const api = fakeApi({ routes: { ...asRoles(['manager']), 'GET /api/v1/dashboard/escalations': () => json({ items: [] }), 'GET /api/v1/dashboard/figures': () => json(figures) } });
    renderApp('/tableau-de-bord');
    expect(await screen.findByText('Aucune alerte ouverte.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/dashboard/escalations')).toBe(true);
  });

  it('asks nothing about alerts for an observer', async () => {
    const api = fakeApi({ routes: { ...asRoles(['regional_observer']), 'GET /api/v1/dashboard/figures': () => json(figures) } });
    renderApp('/tableau-de-bord');
    await screen.findByRole('table', { name: 'Ménages, logements et orientations' });
    expect(screen.queryByRole('region', { name: 'Alertes ouvertes' })).not.toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/dashboard/escalations')).toBe(false);
  });

  it('is not for a call agent', async () => {
    const api = fakeApi({ routes: asRoles(['call_agent']) });
    renderApp('/tableau-de-bord');
    expect(await screen.findByText(/réservé aux responsables/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/dashboard/figures')).toBe(false);
  });
});
