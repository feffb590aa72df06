import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const officer = { ...sessionWith(['social_support'], 'Claire CESF'), user: { ...sessionWith(['social_support'], 'Claire CESF').user, id: 9 } };

const supportCase = (over: Partial<Schemas['SupportCase']> = {}): Schemas['SupportCase'] => ({
  id: 5, household: { id: 42, reference: 'TEN-42', name: 'Hélène Martin' }, officer: { id: 9, name: 'Claire CESF' },
  state: 'open', outcome: null, opened_from: 'household', reason: 'Trois mois d’impayés', opened_at: '2026-11-27T10:00:00Z',
  updated_at: '2026-11-27T10:00:00Z', closed_at: null, follow_up_ended_on: null,
  events: [{ id: 1, kind: 'opened', from_state: null, to_state: 'open', ref_id: null, text: '', by: { id: 9, name: 'Claire CESF' }, at: '2026-11-27T10:00:00Z' }],
  tasks: [], notes: [], documents: [], ...over,
});

describe('the Accompagnement social card of a household', () => {
  it('shows a call agent only that a case exists and its officer, without a link', async () => {
    fakeApi({
      routes: {
        'GET /api/v1/households/42/support-cases': () => json({ items: [
          { id: 5, household_id: 42, officer: { id: 9, name: 'Claire CESF' }, open: true, opened_at: '2026-11-27T10:00:00Z', closed_at: null },
        ] }),
      },
    });
    renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Accompagnement social' });
    expect(await within(card).findByText(/Dossier en cours, suivi par Claire CESF/)).toBeInTheDocument();
    expect(within(card).queryByRole('link')).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Ouvrir un dossier d’accompagnement' })).toBeNull();
  });

  it('lets an officer open a case, then shows its page', async () => {
    let opened = false;
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () => json(officer),
        'GET /api/v1/households/42/support-cases': () => json({ items: [] }),
        'POST /api/v1/households/42/support-cases': () => { opened = true; return json(supportCase(), 201); },
        'GET /api/v1/support-cases/5': () => (opened ? json(supportCase()) : problem(404, 'Introuvable')),
      },
    });
    const { user } = renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Accompagnement social' });
    expect(await within(card).findByText('Aucun dossier d’accompagnement pour ce ménage.')).toBeInTheDocument();
    await user.type(within(card).getByLabelText('Motif de l’ouverture (facultatif)'), 'Trois mois d’impayés');
    await user.click(within(card).getByRole('button', { name: 'Ouvrir un dossier d’accompagnement' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Accompagnement de Hélène Martin' })).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ reason: 'Trois mois d’impayés', opened_from: 'household' });
    expect(screen.getByText('ouvert')).toBeInTheDocument();
  });
});

describe('the page of a support case', () => {
  it('offers the steps of the state, adds a task with a French date, and names the outcome field when closing without one', async () => {
    let current = supportCase({ state: 'in_progress' });
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () => json(officer),
        'GET /api/v1/support-cases/5': () => json(current),
        'POST /api/v1/support-cases/5/tasks': () => {
          current = supportCase({ state: 'in_progress', tasks: [
            { id: 3, title: 'Relancer la CAF', due_date: '2026-12-15', owner: { id: 9, name: 'Claire CESF' }, status: 'open', source: 'officer', created_at: '2026-11-28T10:00:00Z', closed_at: null },
          ] });
          return json(current, 201);
        },
        'POST /api/v1/support-cases/5/transitions': () => problem(400, 'Indiquez l’issue du dossier pour le clore.', [{ field: 'outcome', message: 'Indiquez l’issue du dossier pour le clore.' }]),
      },
    });
    const { user } = renderApp('/accompagnement/5');
    await screen.findByRole('heading', { level: 1, name: 'Accompagnement de Hélène Martin' });
    // in progress: no "start", but plan, referral and close.
    expect(screen.queryByRole('button', { name: 'Commencer le suivi' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Plan d’apurement signé' })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/Nouvelle tâche/), 'Relancer la CAF');
    await user.type(screen.getByLabelText(/Échéance/), '15/12/2026');
    await user.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    expect(await screen.findByText(/Relancer la CAF — échéance le/)).toBeInTheDocument();
    expect(api.calls.find((c) => c.path === '/api/v1/support-cases/5/tasks')!.body).toEqual({ title: 'Relancer la CAF', due_date: '2026-12-15' });
    expect(screen.getByRole('button', { name: 'Marquer la tâche « Relancer la CAF » comme faite' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Clore le dossier' }));
    const outcome = screen.getByLabelText(/Issue \(pour clore\)/);
    await waitFor(() => expect(outcome).toHaveAttribute('aria-invalid', 'true'));
  });

  it('refuses a due date that is not a date, before asking the server', async () => {
    const api = fakeApi({ routes: { 'GET /api/v1/session': () => json(officer), 'GET /api/v1/support-cases/5': () => json(supportCase()) } });
    const { user } = renderApp('/accompagnement/5');
    await screen.findByRole('heading', { level: 1 });
    await user.type(screen.getByLabelText(/Nouvelle tâche/), 'Appeler');
    await user.type(screen.getByLabelText(/Échéance/), '31/02/2026');
    await user.click(screen.getByRole('button', { name: 'Ajouter la tâche' }));
    expect(await screen.findByText('L’échéance doit être une date au format JJ/MM/AAAA.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('is read-only for a manager', async () => {
    fakeApi({ routes: { 'GET /api/v1/session': () => json(sessionWith(['manager'])), 'GET /api/v1/support-cases/5': () => json(supportCase()) } });
    renderApp('/accompagnement/5');
    await screen.findByRole('heading', { level: 1, name: 'Accompagnement de Hélène Martin' });
    expect(screen.queryByRole('button', { name: 'Clore le dossier' })).toBeNull();
    expect(screen.queryByLabelText(/Nouvelle tâche/)).toBeNull();
  });
});
