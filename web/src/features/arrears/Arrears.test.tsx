import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });

const item = (over: Partial<Schemas['ArrearsQueueItem']> = {}): Schemas['ArrearsQueueItem'] => ({
  lease_id: 7,
  household_id: 42,
  household_reference: 'LOC-000101',
  household_name: 'Hélène Martin',
  balance_cents: 50000,
  arrears_cents: 50000,
  months_hundredths: 200,
  arrears_since: '2026-10-01',
  next: {
    step: 'caf_report',
    label: 'Signalement CAF',
    due: '2027-01-14',
    not_before: false,
    paused: false,
    crisis: null,
    reason: 'Signalement CAF à faire avant le 14/01 — impayé constitué le 14/11',
  },
  computed_on: '2026-11-20',
  ...over,
});

const lease: Schemas['LeaseArrears'] = {
  lease_id: 7,
  household_id: 42,
  household_reference: 'LOC-000101',
  household_name: 'Hélène Martin',
  terms: { signed_on: '2015-01-01', rent_cents: 28000, charges_cents: 2000, benefit_cents: 5000, benefit_paid_to_landlord: true },
  balance_cents: 50000,
  arrears_cents: 50000,
  residual_rent_cents: 25000,
  months_hundredths: 200,
  arrears_since: '2026-10-01',
  fully_unpaid_months: 1,
  caf_threshold_cents: 50000,
  caf_threshold_since: '2026-11-14',
  visale_claim_since: null,
  winter_truce_until: '2027-03-31',
  next: item().next,
  lines: [
    { id: 1, reference: 'Q1', date: '2026-10-01', kind: 'rent', kind_label: 'Loyer', method: null, amount_cents: 28000, label: 'Loyer octobre 2026', balance_cents: 28000 },
    { id: 2, reference: 'A1', date: '2026-10-05', kind: 'housing_benefit', kind_label: 'APL/AL versée au bailleur', method: null, amount_cents: -5000, label: '', balance_cents: 23000 },
  ],
  steps: [],
};

describe('arrears queue', () => {
  it('lists the leases with their next step in words, nearest deadline first', async () => {
    const api = fakeApi({
      routes: {
        ...asRoles(['social_support']),
        'GET /api/v1/arrears/queue': () =>
          json({ items: [item(), item({ lease_id: 8, household_name: 'Paul Durand', next: { ...item().next, step: 'reminder', label: 'Relance amiable', paused: true, crisis: 'Canicule', reason: 'Relance amiable à faire — suspendu : crise « Canicule » jusqu’au 30/11', due: '2026-12-01' } })], total: 2, today: '2026-11-20', computed_on: '2026-11-20', crises: ['Canicule'] }),
      },
    });
    const { user } = renderApp('/impayes');
    expect(await screen.findByRole('heading', { level: 1, name: 'Impayés' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Impayés, l’échéance la plus proche d’abord' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: 'Hélène Martin' })).toHaveAttribute('href', '/impayes/baux/7');
    expect(rows[0]).toHaveTextContent('Signalement CAF à faire avant le 14/01 — impayé constitué le 14/11');
    expect(rows[0]).toHaveTextContent('avant le 14/01/2027');
    expect(rows[1]).toHaveTextContent('Suspendu');
    expect(screen.getByText(/Crise en cours \(Canicule\)/)).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Impayés' })).toBeInTheDocument();
    // The 30-day filter asks the server for the steps due by then, and stays in the address.
    await user.click(screen.getByRole('button', { name: 'Dans les 30 jours' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/arrears/queue' && c.query.get('due_by'))).toBe(true));
    expect(window.location.search).toContain('echeance=30j');
  });

  it('tells a call agent the page is not for them, without asking the server', async () => {
    const api = fakeApi({ routes: asRoles(['call_agent']) });
    renderApp('/impayes');
    expect(await screen.findByText(/réservés aux conseillères et conseillers/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/arrears/queue')).toBe(false);
  });
});

describe('a lease account', () => {
  it('shows the situation and the ledger, and records a step', async () => {
    const api = fakeApi({
      routes: {
        ...asRoles(['social_support']),
        'GET /api/v1/leases/7/arrears': () => json(lease),
        'POST /api/v1/leases/7/arrears/steps': (c) => {
          const b = c.body as { step: string; done_on: string };
          if (b.done_on > '2099-01-01') return problem(400, 'La date ne peut pas être dans le futur.', [{ field: 'done_on', message: 'La date ne peut pas être dans le futur.' }]);
          return json({ id: 1, step: b.step, label: 'Signalement CAF', done_on: b.done_on, note: '', recorded_by: 3 }, 201);
        },
      },
    });
    const { user } = renderApp('/impayes/baux/7');
    expect(await screen.findByRole('heading', { level: 1, name: 'Compte de Hélène Martin' })).toBeInTheDocument();
    expect(screen.getByText('Signalement CAF à faire avant le 14/01 — impayé constitué le 14/11')).toBeInTheDocument();
    expect(screen.getByText('14/11/2026')).toBeInTheDocument();
    const ledger = screen.getByRole('table', { name: 'Lignes du compte, les plus récentes d’abord' });
    expect(within(ledger).getAllByRole('row')).toHaveLength(3);
    await user.selectOptions(screen.getByLabelText('Étape'), 'caf_report');
    await user.clear(screen.getByLabelText('Faite le'));
    await user.type(screen.getByLabelText('Faite le'), '2026-11-25');
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’étape' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/leases/7/arrears/steps')).toBe(true));
    const post = api.calls.find((c) => c.path === '/api/v1/leases/7/arrears/steps')!;
    expect(post.body).toEqual({ step: 'caf_report', done_on: '2026-11-25' });
    expect(post.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(await screen.findByText('Étape enregistrée.')).toBeInTheDocument();
  });

  it('opens a support case from the queue: the case says where it came from, and its page follows', async () => {
    let opened = false;
    const aCase: Schemas['SupportCase'] = {
      id: 5, household: { id: 42, reference: 'LOC-000101', name: 'Hélène Martin' }, officer: { id: 3, name: 'Claire CESF' },
      state: 'open', outcome: null, opened_from: 'queue', reason: '', opened_at: '2026-11-27T10:00:00Z',
      updated_at: '2026-11-27T10:00:00Z', closed_at: null, follow_up_ended_on: null,
      events: [], tasks: [], notes: [], documents: [],
    };
    const api = fakeApi({
      routes: {
        ...asRoles(['social_support']),
        'GET /api/v1/leases/7/arrears': () => json(lease),
        'GET /api/v1/households/42/support-cases': () => json({ items: [] }),
        'POST /api/v1/households/42/support-cases': () => { opened = true; return json(aCase, 201); },
        'GET /api/v1/support-cases/5': () => (opened ? json(aCase) : problem(404, 'Introuvable')),
      },
    });
    const { user } = renderApp('/impayes/baux/7');
    const card = await screen.findByRole('region', { name: 'Accompagnement social' });
    await user.click(await within(card).findByRole('button', { name: 'Ouvrir un dossier d’accompagnement' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Accompagnement de Hélène Martin' })).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: '', opened_from: 'queue' });
  });

  it('does not offer the form to a manager', async () => {
    fakeApi({ routes: { ...asRoles(['manager']), 'GET /api/v1/leases/7/arrears': () => json(lease) } });
    renderApp('/impayes/baux/7');
    expect(await screen.findByRole('heading', { level: 1, name: 'Compte de Hélène Martin' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer l’étape' })).not.toBeInTheDocument();
  });
});
