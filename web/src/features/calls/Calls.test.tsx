import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });

const listed = (over: Partial<Schemas['ListedCall']>): Schemas['ListedCall'] => ({
  id: 1, list_date: '2026-07-10', member_id: 100, member_name: 'Hélène Martin', household_id: 42, household_reference: 'TEN-42',
  agency_id: 1, agency_name: 'Agence de Caen', plan_id: 5, plan_kind: 'heatwave', plan_name: '', level: 3, due_date: '2026-07-10',
  agent_id: null, agent_name: '', state: 'due', attempts: 0, next_attempt_at: null, ...over,
});

const mine: Schemas['AgentCall'][] = [
  {
    ...listed({ id: 7, agent_id: 9, agent_name: 'Claire Dubois', state: 'retry', next_attempt_at: '2026-07-10T12:30:00Z' }),
    phones: [{ number: '0612345678', label: 'mobile' }], level_summary: '3 — 84 ans, vit seul·e, sans proche',
    call_script: 'Bonjour', last_attempts: [{ outcome: 'no_answer', note: '', attempted_at: '2026-07-10T08:00:00Z' }],
  },
  {
    ...listed({ id: 8, member_id: 101, member_name: 'Marcel Durand', level: 1, agent_id: 9, plan_name: 'Canicule de juillet' }),
    phones: [], level_summary: '1 — vit seul·e', call_script: '', last_attempts: [],
  },
];

const agents = [
  { user_id: 9, display_name: 'Claire Dubois', agency_ids: [], daily_capacity: 40, languages: ['fr'], available: true, configured: false, assigned: 3 },
  { user_id: 10, display_name: 'Sami Benali', agency_ids: [1], daily_capacity: 20, languages: ['fr', 'ar'], available: true, configured: true, assigned: 0 },
  { user_id: 11, display_name: 'Nora Petit', agency_ids: [2], daily_capacity: 20, languages: ['fr'], available: true, configured: true, assigned: 0 },
  { user_id: 12, display_name: 'Absente', agency_ids: [], daily_capacity: 20, languages: ['fr'], available: false, configured: true, assigned: 0 },
];

describe('my calls of the day', () => {
  it('lists the agent’s calls in order with level, reasons, phones as tel: links, plan, state and a link to each call', async () => {
    const api = fakeApi({ routes: { ...asRoles(['call_agent']), 'GET /api/v1/me/calls': () => json({ date: '2026-07-10', items: mine }) } });
    renderApp('/appels?jour=2026-07-10');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mes appels du jour' })).toBeInTheDocument();
    const items = within(await screen.findByRole('list', { name: 'Mes appels du jour' })).getAllByRole('listitem').filter((li) => li.classList.contains('call-card'));
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Niveau 3');
    expect(items[0]).toHaveTextContent('84 ans, vit seul·e, sans proche');
    expect(items[0]).toHaveTextContent('À rappeler');
    expect(items[0]).toHaveTextContent('Canicule');
    expect(within(items[0]!).getByRole('link', { name: 'Hélène Martin' })).toHaveAttribute('href', '/appels/7');
    expect(within(items[0]!).getByRole('link', { name: /06 12 34 56 78/ })).toHaveAttribute('href', 'tel:+33612345678');
    expect(items[0]).toHaveTextContent('Pas de réponse');
    expect(items[1]).toHaveTextContent('Canicule de juillet');
    expect(items[1]).toHaveTextContent('Aucun téléphone');
    expect(api.calls.find((c) => c.path === '/api/v1/me/calls')!.query.get('date')).toBe('2026-07-10');
  });

  it('shows the menu entry to call agents only, and tells others the page is not for them', async () => {
    const api = fakeApi({ routes: { ...asRoles(['caretaker']) } });
    renderApp('/appels');
    expect(await screen.findByText('Cette page est réservée aux chargé·es d’appels.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: 'Mes appels' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Liste d’appels' })).toBeNull();
    expect(api.calls.some((c) => c.path === '/api/v1/me/calls')).toBe(false);
  });
});

describe('the manager’s call list', () => {
  const listRoutes = (items: Schemas['ListedCall'][]) => ({
    ...asRoles(['manager']),
    'GET /api/v1/call-lists/2026-07-10': () => json({ date: '2026-07-10', items, truncated: false, counts: { total: items.length, unassigned: items.filter((c) => !c.agent_id).length, by_state: { due: 2, reached: 1 } } }),
    'GET /api/v1/call-agents': () => json({ items: agents }),
  });

  it('builds the day’s list, shows its counts and the calls, filters and reassigns to an agent of the household’s agency', async () => {
    const items = [listed({ id: 1 }), listed({ id: 2, member_name: 'Marcel Durand', level: 2, agent_id: 9, agent_name: 'Claire Dubois' }), listed({ id: 3, member_name: 'Paul Roux', level: 1, state: 'reached', agent_id: 9, agent_name: 'Claire Dubois' })];
    const api = fakeApi({
      routes: {
        ...listRoutes(items),
        'POST /api/v1/call-lists/2026-07-10/build': () => json({ date: '2026-07-10', added: 3, unassigned: 1 }),
        'PUT /api/v1/calls/1/agent': (c) => json({ ...items[0], agent_id: (c.body as { agent_id: number }).agent_id }),
      },
    });
    const { user } = renderApp('/liste-d-appels?jour=2026-07-10');
    expect(await screen.findByRole('heading', { level: 1, name: 'Liste d’appels' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Liste d’appels' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Construire la liste du jour' }));
    expect(await screen.findByText('3 appels ajoutés, dont 1 sans chargé·e d’appels disponible.')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.headers.get('x-csrf-token')).toBe('csrf-123');

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Hélène Martin', 'Marcel Durand', 'Paul Roux']);
    expect(within(rows[0]!).getByRole('link', { name: 'Hélène Martin' })).toHaveAttribute('href', '/appels/1');
    // The agents offered: available, of agency 1 or of every agency; a closed call is not reassigned.
    const select = within(rows[0]!).getByRole('combobox', { name: 'Chargé·e d’appels de Hélène Martin' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Non attribué', 'Claire Dubois', 'Sami Benali']);
    expect(within(rows[2]!).queryByRole('combobox')).toBeNull();
    expect(rows[2]).toHaveTextContent('Joint·e');
    await user.selectOptions(select, 'Sami Benali');
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PUT' && c.path === '/api/v1/calls/1/agent')).toBe(true));
    expect(api.calls.find((c) => c.method === 'PUT')!.body).toEqual({ agent_id: 10 });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Chargé·e d’appels' }), 'Non attribué');
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/call-lists/2026-07-10' && c.query.get('agent_id') === 'none')).toBe(true));
    await user.selectOptions(screen.getByRole('combobox', { name: 'État' }), 'Joint·e');
    await waitFor(() => expect(api.calls.some((c) => c.query.get('state') === 'reached')).toBe(true));
  });

  it('shows the server’s refusal of a reassignment', async () => {
    fakeApi({
      routes: {
        ...listRoutes([listed({ id: 1 })]),
        'PUT /api/v1/calls/1/agent': () => problem(400, 'Ce·tte chargé·e d’appels ne travaille pas pour l’agence du ménage.', [{ field: 'agent_id', message: 'Ce·tte chargé·e d’appels ne travaille pas pour l’agence du ménage.' }]),
      },
    });
    const { user } = renderApp('/liste-d-appels?jour=2026-07-10');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Chargé·e d’appels de Hélène Martin' }), 'Claire Dubois');
    expect(await screen.findByText(/ne travaille pas pour l’agence du ménage/)).toBeInTheDocument();
  });

  it('says the page is for managers, without asking the server', async () => {
    const api = fakeApi({ routes: asRoles(['call_agent']) });
    renderApp('/liste-d-appels');
    expect(await screen.findByText('La liste d’appels est réservée aux responsables et aux administrateurs.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/call-lists'))).toBe(false);
  });
});
