import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { auditEntries, sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });
const trailCalls = (calls: { path: string; query: URLSearchParams }[]) => calls.filter((c) => c.path === '/api/v1/audit');

function auditApi(roles: Schemas['Role'][] = ['data_protection'], extra = {}) {
  return fakeApi({
    routes: {
      ...asRoles(roles),
      'GET /api/v1/audit': () => json({ items: auditEntries, next_cursor: null }),
      'GET /api/v1/households/42/views': () => json({ items: auditEntries.slice(0, 2) }),
      ...extra,
    },
  });
}

describe('navigation entry', () => {
  it.each([['data_protection'], ['administrator']] as const)('is shown to the role %s', async (role) => {
    auditApi([role]);
    renderApp('/patrimoine');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    const link = within(nav).getByRole('link', { name: 'Journal des accès' });
    expect(link).toHaveAttribute('href', '/journal');
  });

  it.each([['call_agent'], ['manager'], ['social_support'], ['caretaker']] as const)('is not shown to the role %s', async (role) => {
    const api = auditApi([role]);
    renderApp('/patrimoine');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).not.toContain('Journal des accès');
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/audit'))).toBe(false);
  });

  it('says the page is not for other roles, without asking the server', async () => {
    const api = auditApi(['call_agent']);
    renderApp('/journal');
    expect(await screen.findByRole('heading', { level: 1, name: 'Journal des accès' })).toBeInTheDocument();
    expect(screen.getByText(/réservé aux administrateurs/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/audit'))).toBe(false);
  });
});

describe('access log page', () => {
  it('lists the entries: time in Paris, person, operation in words, record, address', async () => {
    auditApi();
    renderApp('/journal');
    expect(await screen.findByRole('heading', { level: 1, name: 'Journal des accès' })).toBeInTheDocument();
    expect(screen.getByText(/jamais/)).toHaveTextContent('12 mois');
    const table = await screen.findByRole('table', { name: 'Entrées du journal des accès, les plus récentes d’abord' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Date et heure', 'Personne', 'Opération', 'Fiche', 'Adresse IP',
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(plain(rows[0]!.textContent)).toContain('vendredi 27 novembre 2026 à 14 h 30');
    expect(rows[0]).toHaveTextContent('Sami Benali');
    expect(rows[0]).toHaveTextContent('Modification');
    expect(rows[0]).toHaveTextContent('192.0.2.10');
    expect(within(rows[0]!).getByRole('link', { name: 'Ménage n° 42' })).toHaveAttribute('href', '/menages/42');
    expect(rows[1]).toHaveTextContent('Consultation');
    expect(rows[2]).toHaveTextContent('Export');
    expect(rows[2]).toHaveTextContent('Journal des accès');
    expect(within(rows[2]!).queryByRole('link')).not.toBeInTheDocument();
    expect(within(rows[3]!).getByRole('link', { name: 'Immeuble n° 3' })).toHaveAttribute('href', '/patrimoine/3');
    expect(screen.getByText('Entrées 1 à 4')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Exporter en CSV/ })).toHaveAttribute('href', '/api/v1/audit/export');
  });

  it('applies the record and period filters: in the URL, in the request, in the export link', async () => {
    const api = auditApi();
    const { user } = renderApp('/journal');
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Type de fiche'), 'Ménage');
    await user.type(screen.getByLabelText('Numéro de la fiche'), '42');
    await user.type(screen.getByLabelText('Du'), '01/11/2026');
    await user.type(screen.getByLabelText('Au (inclus)'), '30/11/2026');
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));
    await waitFor(() => expect(window.location.search).toBe('?type=menage&numero=42&du=2026-11-01&au=2026-11-30'));
    await waitFor(() => {
      const q = trailCalls(api.calls).at(-1)!.query;
      expect(Object.fromEntries(q)).toEqual({ limit: '50', record_type: 'household', record_id: '42', from: '2026-11-01', to: '2026-11-30' });
    });
    const link = screen.getByRole('link', { name: /Exporter en CSV/ });
    expect(link).toHaveAttribute('href', '/api/v1/audit/export?record_type=household&record_id=42&from=2026-11-01&to=2026-11-30');
    expect(link).toHaveAccessibleDescription(/lui-même inscrit au journal/);
    // The form shows the filters of the URL, dates as typed in France.
    expect(screen.getByLabelText('Du')).toHaveValue('01/11/2026');
  });

  it('says what is wrong with a filter, next to its field, and asks nothing', async () => {
    const api = auditApi();
    const { user } = renderApp('/journal');
    await screen.findByRole('table');
    const before = trailCalls(api.calls).length;
    await user.type(screen.getByLabelText('Numéro de la fiche'), '42');
    await user.type(screen.getByLabelText('Du'), '31/02/2026');
    await user.type(screen.getByLabelText('Au (inclus)'), '01/01/2020');
    await user.click(screen.getByRole('button', { name: 'Filtrer' }));
    const number = screen.getByLabelText('Numéro de la fiche');
    expect(number).toHaveAccessibleDescription(expect.stringContaining('Choisissez le type de fiche'));
    expect(number).toHaveFocus();
    expect(screen.getByLabelText('Du')).toHaveAccessibleDescription(expect.stringContaining('au format JJ/MM/AAAA'));
    expect(screen.getByLabelText('Du')).toHaveAttribute('aria-invalid', 'true');
    expect(window.location.search).toBe('');
    expect(trailCalls(api.calls)).toHaveLength(before);
  });

  it('shows one person’s actions from a row, as a filter that can be removed', async () => {
    const api = auditApi([], {
      ...asRoles(['administrator']),
      'GET /api/v1/audit': (c: { query: URLSearchParams }) =>
        json({ items: c.query.get('user_id') === '7' ? auditEntries.slice(0, 2) : auditEntries, next_cursor: null }),
    });
    const { user } = renderApp('/journal?du=2026-11-01');
    const table = await screen.findByRole('table');
    const row = within(table).getAllByRole('row')[1]!;
    await user.click(within(row).getByRole('button', { name: 'Voir ses actions (Sami Benali)' }));
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('personne')).toBe('7'));
    expect(new URLSearchParams(window.location.search).get('du')).toBe('2026-11-01');
    await waitFor(() => expect(trailCalls(api.calls).at(-1)!.query.get('user_id')).toBe('7'));
    expect(trailCalls(api.calls).at(-1)!.query.get('from')).toBe('2026-11-01');
    expect(await screen.findByText('Personne : Sami Benali')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Exporter en CSV/ })).toHaveAttribute('href', '/api/v1/audit/export?user_id=7&from=2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Retirer le filtre sur la personne' }));
    await waitFor(() => expect(window.location.search).toBe('?du=2026-11-01'));
    expect(screen.queryByText(/Personne :/)).not.toBeInTheDocument();
  });

  it('pages forward with "Suivant" (keyset cursor in the URL), keeping the filters', async () => {
    const api = auditApi(['data_protection'], {
      'GET /api/v1/audit': (c: { query: URLSearchParams }) =>
        c.query.get('after') === 'c2'
          ? json({ items: [{ ...auditEntries[3]!, seq: 50, user_name: 'Léa Morel' }], next_cursor: null })
          : json({ items: auditEntries, next_cursor: 'c2' }),
    });
    const { user } = renderApp('/journal?type=immeuble&numero=3');
    await user.click(await screen.findByRole('link', { name: /Suivant/ }));
    expect(await screen.findByText('Léa Morel')).toBeInTheDocument();
    const params = new URLSearchParams(window.location.search);
    expect(params.get('apres')).toBe('c2');
    expect(params.get('type')).toBe('immeuble');
    expect(screen.getByText('Entrées 51 à 51')).toBeInTheDocument();
    const last = trailCalls(api.calls).at(-1)!.query;
    expect(last.get('after')).toBe('c2');
    expect(last.get('record_type')).toBe('building');
    expect(last.get('record_id')).toBe('3');
    // The export takes every page of the filters, not only this one.
    expect(screen.getByRole('link', { name: /Exporter en CSV/ })).toHaveAttribute('href', '/api/v1/audit/export?record_type=building&record_id=3');
    await user.click(screen.getByRole('link', { name: /Retour au début du journal/ }));
    await waitFor(() => expect(window.location.search).toBe('?type=immeuble&numero=3'));
  });

  it('has an empty state that says what to do', async () => {
    auditApi(['data_protection'], { 'GET /api/v1/audit': () => json({ items: [], next_cursor: null }) });
    renderApp('/journal?personne=12');
    expect(await screen.findByText('Aucune entrée ne correspond à ces filtres.')).toBeInTheDocument();
    expect(screen.getByText(/Élargissez la période/)).toBeInTheDocument();
    expect(screen.getByText('Personne : compte n° 12')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when the server refuses', async () => {
    auditApi(['administrator'], { 'GET /api/v1/audit': () => problem(403, 'Réservé.') });
    renderApp('/journal');
    expect(await screen.findByText(/Votre rôle ne permet pas cette action/)).toBeInTheDocument();
  });
});

describe('reads of a household, on its record', () => {
  it.each([['data_protection'], ['administrator']] as const)('are listed for the role %s', async (role) => {
    const api = auditApi([role]);
    renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Consultations des 12 derniers mois' });
    const items = await within(card).findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Sami Benali');
    expect(items[0]).toHaveTextContent('Modification');
    expect(plain(items[0]!.textContent)).toContain('vendredi 27 novembre 2026 à 14 h 30');
    expect(items[1]).toHaveTextContent('Consultation');
    expect(within(card).getByRole('link', { name: /dans le journal des accès/ })).toHaveAttribute('href', '/journal?type=menage&numero=42');
    expect(api.calls.some((c) => c.path === '/api/v1/households/42/views')).toBe(true);
  });

  it('has an empty state', async () => {
    auditApi(['data_protection'], { 'GET /api/v1/households/42/views': () => json({ items: [] }) });
    renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Consultations des 12 derniers mois' });
    expect(await within(card).findByText('Personne n’a consulté cette fiche depuis 12 mois.')).toBeInTheDocument();
  });

  it.each([['call_agent'], ['manager']] as const)('are neither shown nor asked for the role %s', async (role) => {
    const api = auditApi([role]);
    renderApp('/menages/42');
    await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' });
    await screen.findByRole('region', { name: 'Logement' });
    expect(screen.queryByRole('region', { name: 'Consultations des 12 derniers mois' })).not.toBeInTheDocument();
    expect(api.calls.some((c) => c.path.includes('/views') || c.path.startsWith('/api/v1/audit'))).toBe(false);
  });
});
