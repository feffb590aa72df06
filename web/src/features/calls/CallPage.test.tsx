import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });

const theCall: Schemas['OutreachCall'] = {
  id: 77, list_date: '2026-07-01', due_date: '2026-07-01', state: 'due', attempts_count: 0, next_attempt_at: null, closed_at: null,
  level: 3, level_reasons: ['84 ans', 'vit seul·e'], agent_id: 9, agent_name: 'Claire Dubois',
  member: { id: 5, name: 'Germaine Lefèvre', birth_date: '1942-03-01' },
  household: { id: 42, reference: 'TEN-42', address: '3 rue des Lilas, 14000' }, agency_id: 1,
  phones: [{ number: '0231000000', label: 'fixe' }],
  plan: { id: 2, name: 'Canicule', kind: 'heatwave', call_script: 'Bonjour, avez-vous assez d’eau ?', call_hours: [{ start: '09:00', end: '12:00' }], saturday: false },
  attempts: [],
};

describe('call page', () => {
  it('shows who to call, why and what to say, with tel: links', async () => {
    fakeApi({ routes: { ...asRoles(['call_agent']), 'GET /api/v1/calls/77': () => json(theCall) } });
    renderApp('/appels/77');
    expect(await screen.findByRole('heading', { level: 1, name: 'Appel de Germaine Lefèvre' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Appeler le 02/ })).toHaveAttribute('href', 'tel:0231000000');
    expect(screen.getByRole('heading', { name: 'Fragilité : niveau 3' })).toBeInTheDocument();
    expect(screen.getByText(/84 ans, vit seul·e/)).toBeInTheDocument();
    expect(screen.getByText('Bonjour, avez-vous assez d’eau ?')).toBeInTheDocument();
    expect(screen.getByText('Aucun essai pour l’instant.')).toBeInTheDocument();
  });

  it('records an attempt: the outcome is required, then sent with the CSRF token', async () => {
    const api = fakeApi({
      routes: {
        ...asRoles(['call_agent']),
        'GET /api/v1/calls/77': () => json(theCall),
        'POST /api/v1/calls/77/attempts': () => json({ ...theCall, state: 'retry', attempts_count: 1, next_attempt_at: '2026-07-01T09:15:00Z',
          attempts: [{ id: 1, agent_id: 9, agent_name: 'Claire Dubois', outcome: 'no_answer', note: 'sonne', callback_at: null, attempted_at: '2026-07-01T07:15:00Z' }] }, 201),
      },
    });
    const { user } = renderApp('/appels/77');
    await user.click(await screen.findByRole('button', { name: 'Enregistrer l’essai' }));
    expect(await screen.findAllByText('Choisissez le résultat de l’appel.')).not.toHaveLength(0);
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('radio', { name: 'Pas de réponse' }));
    await user.type(screen.getByRole('textbox', { name: /Note/ }), 'sonne');
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’essai' }));
    expect(await screen.findByText('Essai enregistré.')).toBeInTheDocument();
    const post = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/calls/77/attempts')!;
    expect(post.body).toEqual({ outcome: 'no_answer', note: 'sonne' });
    expect(post.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(screen.getByText(/À rappeler/)).toBeInTheDocument();
    const history = screen.getByRole('heading', { name: 'Essais précédents' }).parentElement!;
    expect(within(history).getByText('Pas de réponse')).toBeInTheDocument();
  });

  it('asks the callback time only for a callback, and shows the server\'s error next to it', async () => {
    fakeApi({
      routes: {
        ...asRoles(['call_agent']),
        'GET /api/v1/calls/77': () => json(theCall),
        'POST /api/v1/calls/77/attempts': () => problem(400, 'L’heure de rappel (callback_at) est en dehors des heures d’appel du plan de crise.', [{ field: 'callback_at', message: 'L’heure de rappel (callback_at) est en dehors des heures d’appel du plan de crise.' }]),
      },
    });
    const { user } = renderApp('/appels/77');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByLabelText(/Heure du rappel/)).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Demande à être rappelé·e' }));
    const input = screen.getByLabelText(/Heure du rappel/);
    await user.type(input, '2026-07-02T13:00');
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’essai' }));
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getAllByText(/en dehors des heures d’appel/).length).toBeGreaterThan(0);
  });

  it('hides the form on a closed call', async () => {
    fakeApi({ routes: { ...asRoles(['call_agent']), 'GET /api/v1/calls/77': () => json({ ...theCall, state: 'reached', closed_at: '2026-07-01T08:00:00Z' }) } });
    renderApp('/appels/77');
    expect(await screen.findByText('Cet appel est clos : il ne prend plus d’essai.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer l’essai' })).toBeNull();
  });

  it('tells a caretaker the page is not for them, without asking the server', async () => {
    const api = fakeApi({ routes: asRoles(['caretaker']) });
    renderApp('/appels/77');
    expect(await screen.findByText(/réservés aux chargé·es d’appels/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/calls/77')).toBe(false);
  });
});

const theAlert: Schemas['Escalation'] = {
  id: 3, member: { id: 5, name: 'Germaine Lefèvre' }, household: { id: 42, reference: 'TEN-42' }, phones: [{ number: '0231000000', label: '' }],
  agency: { id: 1, name: 'Agence de Caen' }, plan: { id: 2, name: 'Canicule' }, call_id: 77, unreachable_since: '2026-07-01',
  raised_at: '2026-07-02T16:10:00Z', status: 'open', action: null, action_at: null, outcome: '', closed_at: null, closed_by_name: '',
};

describe('alerts page', () => {
  it('records the action, and closes only with an outcome', async () => {
    const api = fakeApi({
      routes: {
        ...asRoles(['manager']),
        'GET /api/v1/escalations': () => json({ items: [theAlert] }),
        'POST /api/v1/escalations/3/action': () => json({ ...theAlert, action: 'caretaker_visit', outcome: 'Le gardien passe' }),
        'POST /api/v1/escalations/3/close': () => json({ ...theAlert, status: 'closed', outcome: 'Va bien', closed_at: '2026-07-02T17:00:00Z', closed_by_name: 'Claire Dubois' }),
      },
    });
    const { user } = renderApp('/alertes');
    expect(await screen.findByRole('heading', { level: 2, name: 'Germaine Lefèvre' })).toBeInTheDocument();
    expect(screen.getByText(/Injoignable depuis le 01\/07\/2026/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clôturer l’alerte de Germaine Lefèvre' }));
    expect(await screen.findByText('Indiquez le résultat avant de clôturer.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/escalations/3/close')).toBe(false);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action choisie' }), 'caretaker_visit');
    await user.type(screen.getByRole('textbox', { name: /Résultat/ }), 'Le gardien passe');
    await user.click(screen.getByRole('button', { name: 'Enregistrer l’action' }));
    await waitFor(() => expect(api.calls.find((c) => c.path === '/api/v1/escalations/3/action')?.body).toEqual({ action: 'caretaker_visit', outcome: 'Le gardien passe' }));
    await user.click(screen.getByRole('button', { name: 'Clôturer l’alerte de Germaine Lefèvre' }));
    await waitFor(() => expect(api.calls.find((c) => c.path === '/api/v1/escalations/3/close')?.body).toEqual({ outcome: 'Le gardien passe' }));
  });

  it('is not in a call agent\'s navigation', async () => {
    fakeApi({ routes: asRoles(['call_agent']) });
    renderApp('/taches');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    const links = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(links).toContain('Tâches');
    expect(links).not.toContain('Alertes');
  });
});

describe('tasks page', () => {
  it('lists the open tasks and marks one done', async () => {
    const task: Schemas['OutreachTask'] = {
      id: 8, household: { id: 42, reference: 'TEN-42', name: 'Germaine Lefèvre' }, kind: 'update_contact', description: 'Numéro erroné lors de l’appel du 2026-07-01',
      owner_id: null, due_date: '2026-07-01', status: 'open', call_id: 77, created_at: '2026-07-01T08:00:00Z', closed_at: null,
    };
    const api = fakeApi({
      routes: {
        ...asRoles(['manager']),
        'GET /api/v1/outreach-tasks': () => json({ items: [task] }),
        'POST /api/v1/outreach-tasks/8/close': () => json({ ...task, status: 'done', closed_at: '2026-07-01T09:00:00Z' }),
      },
    });
    const { user } = renderApp('/taches');
    const table = await screen.findByRole('table', { name: 'Tâches de suivi, les plus urgentes d’abord' });
    expect(within(table).getByText('Corriger les coordonnées')).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Marquer faite la tâche de Germaine Lefèvre' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/outreach-tasks/8/close')).toBe(true));
  });
});
