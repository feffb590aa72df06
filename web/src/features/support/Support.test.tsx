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
  updated_at: '2026-11-27T10:00:00Z', closed_at: null, follow_up_ended_on: null, anonymised_at: null,
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

describe('ending a payment plan', () => {
  const running: Schemas['PaymentPlan'] = {
    id: 2, case_id: 5, lease_id: 8, debt_cents: 90000, months: 6, first_due_on: '2027-01-05', signed_on: '2026-12-10', status: 'active',
    ended_on: null, end_reason: '', debt_now_cents: 90000, expected_debt_cents: 90000, behind_cents: 0, first_missed: null,
    instalments: [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, due_on: `2027-0${n}-05`, amount_cents: 15000, missed_task_id: null })),
  };
  it('lets the officer cancel a running plan, the reason required and confirmed', async () => {
    let plan = running;
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () => json(officer),
        'GET /api/v1/support-cases/5': () => json(supportCase({ state: plan.status === 'active' ? 'plan_active' : 'in_progress' })),
        'GET /api/v1/support-cases/5/plan': () => json({ plan }),
        'POST /api/v1/support-cases/5/plan/cancel': () => {
          plan = { ...running, status: 'cancelled', ended_on: '2026-12-12', end_reason: 'Le ménage déménage' };
          return json({ plan });
        },
      },
    });
    const { user } = renderApp('/accompagnement/5');
    await user.click(await screen.findByRole('button', { name: 'Annuler le plan' }));
    await user.click(screen.getByRole('button', { name: 'Confirmer l’annulation du plan' }));
    expect(await screen.findByText('Indiquez le motif de l’annulation du plan.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/support-cases/5/plan/cancel')).toBe(false);
    await user.type(screen.getByLabelText(/Motif de l’annulation/), 'Le ménage déménage');
    await user.click(screen.getByRole('button', { name: 'Confirmer l’annulation du plan' }));
    expect(await screen.findByText(/Plan annulé le 12\/12\/2026 : Le ménage déménage/)).toBeInTheDocument();
    expect(api.calls.find((c) => c.path === '/api/v1/support-cases/5/plan/cancel')!.body).toEqual({ reason: 'Le ménage déménage' });
    expect(screen.queryByRole('button', { name: 'Annuler le plan' })).toBeNull();
  });

  it('says when the nightly check broke the plan, and offers no cancel to a manager', async () => {
    fakeApi({
      routes: {
        'GET /api/v1/session': () => json(sessionWith(['manager'])),
        'GET /api/v1/support-cases/5': () => json(supportCase({ state: 'in_progress' })),
        'GET /api/v1/support-cases/5/plan': () => json({ plan: { ...running, status: 'broken', ended_on: '2027-02-16' } }),
      },
    });
    renderApp('/accompagnement/5');
    expect(await screen.findByText(/Plan rompu le 16\/02\/2027/)).toBeInTheDocument();
    expect(screen.getByText(/— rompu/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Annuler le plan' })).toBeNull();
  });
});

describe('an anonymised case', () => {
  it('says so and offers no change, even to its officer', async () => {
    fakeApi({
      routes: {
        'GET /api/v1/session': () => json(officer),
        'GET /api/v1/support-cases/5': () => json(supportCase({
          state: 'closed', outcome: 'debt_cleared', reason: '', closed_at: '2020-01-31T10:00:00Z', follow_up_ended_on: '2020-01-31',
          anonymised_at: '2026-11-29T02:00:00Z',
        })),
      },
    });
    renderApp('/accompagnement/5');
    expect(await screen.findByText('Dossier anonymisé')).toBeInTheDocument();
    expect(screen.getByText(/Ce dossier a été anonymisé le 29\/11\/2026/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rouvrir le dossier' })).toBeNull();
    expect(screen.queryByLabelText(/Nouvelle tâche/)).toBeNull();
  });
});

describe('the payment plan of a case', () => {
  it('sets up a plan from the French dates and shows its schedule with the PDF', async () => {
    const plan: Schemas['PaymentPlan'] = {
      id: 2, case_id: 5, lease_id: 8, debt_cents: 100000, months: 6, first_due_on: '2027-01-05', signed_on: '2026-12-10', status: 'active',
      ended_on: null, end_reason: '',
      debt_now_cents: 100000, expected_debt_cents: 100000, behind_cents: 0, first_missed: null,
      instalments: [1, 2, 3, 4, 5, 6].map((n) => ({ number: n, due_on: `2027-0${n}-05`, amount_cents: n === 6 ? 16670 : 16666, missed_task_id: null })),
    };
    let current: Schemas['PaymentPlan'] | null = null;
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () => json(officer),
        'GET /api/v1/support-cases/5': () => json(supportCase({ state: current ? 'plan_active' : 'in_progress' })),
        'GET /api/v1/support-cases/5/plan': () => json({ plan: current }),
        'POST /api/v1/support-cases/5/plan': () => { current = plan; return json({ plan }, 201); },
      },
    });
    const { user } = renderApp('/accompagnement/5');
    const card = await screen.findByRole('region', { name: 'Plan d’apurement' });
    await user.clear(within(card).getByLabelText(/Nombre de mensualités/));
    await user.type(within(card).getByLabelText(/Nombre de mensualités/), '6');
    await user.type(within(card).getByLabelText(/Première échéance/), '05/01/2027');
    await user.clear(within(card).getByLabelText(/Date de signature/));
    await user.type(within(card).getByLabelText(/Date de signature/), '10/12/2026');
    await user.click(within(card).getByRole('button', { name: 'Mettre en place le plan' }));
    expect(await within(card).findByRole('table', { name: 'Échéancier (en plus du loyer courant)' })).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ months: 6, first_due_on: '2027-01-05', signed_on: '2026-12-10' });
    expect(within(card).getByRole('link', { name: /Imprimer le plan à signer/ })).toHaveAttribute('href', '/api/v1/support-cases/5/plan/pdf');
    expect(within(card).getAllByText(/166,70/).length).toBe(1);
  });

  it('prepares an FSL file from euros typed the French way, sends it, and shows the server’s error next to the amount of a partial grant', async () => {
    const base: Schemas['FslReferral'] = {
      id: 3, case_id: 5, lease_id: 8,
      departement: { code: '14', name: 'Calvados', fund_address: null, resource_ceiling_cents: null, resource_ceiling_per_person_cents: null, max_grant_cents: null },
      aid_kind: 'arrears', household_size: 2,
      members: [{ first_name: 'Hélène', last_name: 'Martin', relation: 'holder', birth_year: 1980 }, { first_name: 'Léo', last_name: 'Martin', relation: 'child', birth_year: 2012 }],
      monthly_resources_cents: 123456, resources_note: '', difficulty: '', resources_ceiling_cents: null, resources_within_ceiling: null,
      debt_cents: 90000, rent_cents: 40000, charges_cents: 5000, housing_benefit_cents: 15000, benefit_paid_to_landlord: true,
      requested_cents: 90000, status: 'prepared', decision: null, granted_cents: null, decision_note: '', prepared_on: '2026-12-10',
      sent_on: null, decided_on: null, paid_on: null, ledger_line_id: null,
    };
    let current: Schemas['FslReferral'] | null = null;
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () => json(officer),
        'GET /api/v1/support-cases/5': () => json(supportCase({ state: 'in_progress' })),
        'GET /api/v1/support-cases/5/plan': () => json({ plan: null }),
        'GET /api/v1/support-cases/5/fsl': () => json({ referral: current }),
        'POST /api/v1/support-cases/5/fsl': () => { current = base; return json({ referral: current }, 201); },
        'POST /api/v1/support-cases/5/fsl/send': () => { current = { ...base, status: 'sent', sent_on: '2026-12-10' }; return json({ referral: current }); },
        'POST /api/v1/support-cases/5/fsl/decision': () => problem(400, 'Un accord partiel accorde moins que le montant demandé.', [{ field: 'granted_cents', message: 'Un accord partiel accorde moins que le montant demandé.' }]),
      },
    });
    const { user } = renderApp('/accompagnement/5');
    const card = await screen.findByRole('region', { name: 'Fonds de solidarité pour le logement (FSL)' });
    expect(await within(card).findByText(/Aucun dossier FSL/)).toBeInTheDocument();
    await user.type(within(card).getByLabelText(/Ressources mensuelles du ménage/), 'douze');
    await user.click(within(card).getByRole('button', { name: 'Préparer le dossier' }));
    expect(await within(card).findByText('Indiquez un montant en euros, par exemple 1 234,56.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.clear(within(card).getByLabelText(/Ressources mensuelles du ménage/));
    await user.type(within(card).getByLabelText(/Ressources mensuelles du ménage/), '1 234,56');
    await user.click(within(card).getByRole('button', { name: 'Préparer le dossier' }));
    expect(await within(card).findByText(/plafond du FSL non configuré/)).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ aid_kind: 'arrears', monthly_resources_cents: 123456 });
    expect(within(card).getByRole('link', { name: /Télécharger le dossier FSL/ })).toHaveAttribute('href', '/api/v1/support-cases/5/fsl/pdf');
    await user.click(within(card).getByRole('button', { name: 'Enregistrer l’envoi' }));
    const decision = await within(card).findByRole('form', { name: 'Décision du FSL' });
    await user.selectOptions(within(decision).getByLabelText(/^Décision/), 'partial');
    await user.type(within(decision).getByLabelText(/Montant accordé/), '900');
    await user.click(within(decision).getByRole('button', { name: 'Enregistrer la décision' }));
    // The server's field error shows next to the amount.
    expect(await within(decision).findByText(/Un accord partiel accorde moins/)).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'POST').at(-1)!.body).toMatchObject({ decision: 'partial', granted_cents: 90000 });
  });

  it('shows the Visale deadline from the ledger and names a Loca-Pass claim’s missing date next to its field', async () => {
    const solutions: Schemas['CaseSolutions'] = {
      eligibility: {
        visale: { eligible: true, reasons: [], first_unpaid_on: '2026-01-01', notice_deadline: '2026-01-16', claim_from: '2026-02-12', max_claim_cents: 1080000 },
        loca_pass: { eligible: false, reasons: ['Indiquez la date d’obtention de la garantie Loca-Pass.'], first_unpaid_on: '2026-01-01', notice_deadline: null, claim_from: null, max_claim_cents: 270000 },
      },
      claims: [], others: [],
    };
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () => json(officer),
        'GET /api/v1/support-cases/5': () => json(supportCase({ state: 'in_progress' })),
        'GET /api/v1/support-cases/5/plan': () => json({ plan: null }),
        'GET /api/v1/support-cases/5/fsl': () => json({ referral: null }),
        'GET /api/v1/support-cases/5/solutions': () => json(solutions),
        'POST /api/v1/support-cases/5/guarantee-claims': () => problem(400, 'Indiquez la date d’obtention de la garantie Loca-Pass.', [{ field: 'obtained_on', message: 'Indiquez la date d’obtention de la garantie Loca-Pass.' }]),
      },
    });
    const { user } = renderApp('/accompagnement/5');
    const card = await screen.findByRole('region', { name: 'Garanties Visale et Loca-Pass' });
    expect(await within(card).findByText(/au plus tard le 16\/01\/2026/)).toBeInTheDocument();
    expect(within(card).getByText('Mise en jeu possible aujourd’hui')).toBeInTheDocument();
    const form = within(card).getByRole('form', { name: 'Préparer une mise en jeu de garantie' });
    await user.selectOptions(within(form).getByLabelText(/^Garantie/), 'loca_pass');
    await user.type(within(form).getByLabelText(/Date d’obtention/), '31/02/2020');
    await user.click(within(form).getByRole('button', { name: 'Préparer la demande' }));
    expect(await within(form).findByText('Indiquez une date au format JJ/MM/AAAA.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.clear(within(form).getByLabelText(/Date d’obtention/));
    await user.click(within(form).getByRole('button', { name: 'Préparer la demande' }));
    expect(await within(form).findAllByText(/Indiquez la date d’obtention/)).not.toHaveLength(0);
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ guarantee: 'loca_pass' });
  });
});
