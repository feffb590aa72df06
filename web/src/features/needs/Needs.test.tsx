import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { referrals, sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const need = (over: Partial<Schemas['Need']> = {}): Schemas['Need'] => ({
  id: 9, household_id: 42, call_id: null, category: 'food', description: 'Plus de courses', status: 'open',
  created_at: '2026-11-27T10:00:00Z', actions: [], ...over,
});

const delivery: Schemas['NeedAction'] = {
  id: 31, kind: 'delivery', status: 'open', owner: { id: 7, name: 'Sami Benali' }, due_date: '2026-11-30', item: 'food_parcel',
  referral_id: null, partner_name: null, task_id: null, description: '', created_at: '2026-11-27T10:01:00Z',
};

const round: Schemas['DeliveryRound'] = {
  id: 4, agency: { id: 1, name: 'Agence de Caen' }, date: '2026-11-30', created_at: '2026-11-28T08:00:00Z', stops: 2, delivered: 0, failed: 0,
  buildings: [
    { id: 3, name: 'Les Tilleuls', address: '2 rue des Lilas, 14000 Caen', stops: [
      { action_id: 31, need_id: 9, household_id: 42, household_name: 'Hélène Martin', dwelling_reference: 'LGT-12', floor: 3, phones: ['0612345678'], item: 'food_parcel', result: null, note: '' },
    ] },
    { id: 5, name: '', address: '9 avenue de Paris, 14000 Caen', stops: [
      { action_id: 32, need_id: 10, household_id: 43, household_name: 'Marc Leroy', dwelling_reference: 'LGT-40', floor: 0, phones: [], item: 'medicines', result: null, note: '' },
    ] },
  ],
};

describe('the Besoins card of a household', () => {
  it('records a need, then adds a delivery owned by the current user', async () => {
    let needs: Schemas['Need'][] = [];
    const api = fakeApi({
      routes: {
        'GET /api/v1/households/42/needs': () => json({ items: needs }),
        'POST /api/v1/households/42/needs': () => { needs = [need()]; return json(needs[0], 201); },
        'POST /api/v1/needs/9/actions': () => { needs = [need({ actions: [delivery] })]; return json(needs[0], 201); },
        'POST /api/v1/needs/9/cancel': () => json(needs[0]),
      },
    });
    const { user } = renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Besoins' });
    expect(await within(card).findByText('Aucun besoin enregistré pour ce ménage.')).toBeInTheDocument();
    await user.selectOptions(within(card).getByLabelText('Besoin'), 'Alimentation');
    await user.type(within(card).getByLabelText('Précisions'), 'Plus de courses');
    await user.click(within(card).getByRole('button', { name: 'Enregistrer le besoin' }));
    expect(await within(card).findByRole('heading', { name: 'Alimentation — En cours' })).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/households/42/needs')!.body).toEqual({ category: 'food', description: 'Plus de courses' });

    await user.click(within(card).getByText('Ajouter une action'));
    expect(within(card).getByLabelText('Type d’action')).toHaveValue('delivery');
    await user.click(within(card).getByRole('button', { name: 'Ajouter l’action' }));
    expect(await within(card).findByText(/Livraison|Colis alimentaire — En cours/)).toBeInTheDocument();
    const body = api.calls.find((c) => c.path === '/api/v1/needs/9/actions')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'delivery', owner_id: 7, item: 'food_parcel' });
    expect(within(card).getByRole('button', { name: 'Fait : Colis alimentaire' })).toBeInTheDocument();

    // Given up: the server cancels it, the card says so and offers no more actions.
    api.calls.length = 0;
    needs = [need({ status: 'cancelled', actions: [{ ...delivery, status: 'cancelled' }] })];
    await user.click(within(card).getByRole('button', { name: 'Abandonner ce besoin : Alimentation' }));
    expect(await within(card).findByRole('heading', { name: 'Alimentation — Abandonné' })).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/needs/9/cancel')).toBe(true);
    expect(within(card).queryByText('Ajouter une action')).toBeNull();
  });

  it('refers to a partner only with the consent: the server’s refusal names the consent field', async () => {
    fakeApi({
      routes: {
        'GET /api/v1/households/42/needs': () => json({ items: [need({ category: 'loneliness' })] }),
        'POST /api/v1/needs/9/actions': () => problem(400, 'Le consentement du locataire au partage avec ce partenaire est obligatoire : indiquez sa date.', [
          { field: 'consent_on', message: 'Le consentement du locataire au partage avec ce partenaire est obligatoire : indiquez sa date.' },
        ]),
      },
    });
    const { user } = renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Besoins' });
    await user.click(await within(card).findByText('Ajouter une action'));
    // No delivery for loneliness.
    expect(within(within(card).getByLabelText('Type d’action')).queryByRole('option', { name: 'Livraison' })).toBeNull();
    await user.selectOptions(within(card).getByLabelText('Type d’action'), 'Orientation');
    await within(card).findByRole('option', { name: 'CCAS de Caen' });
    await user.selectOptions(within(card).getByLabelText('Partenaire'), 'CCAS de Caen');
    await user.type(within(card).getByLabelText('Motif, écrit pour le partenaire'), 'Visites de convivialité');
    await user.click(within(card).getByRole('button', { name: 'Ajouter l’action' }));
    const consent = within(card).getByLabelText('Date du consentement du locataire');
    await waitFor(() => expect(consent).toHaveAttribute('aria-invalid', 'true'));
    expect(consent).toHaveAccessibleDescription(/avec son accord.*obligatoire : indiquez sa date/);
  });

  it('is not shown to a caretaker', async () => {
    fakeApi({ routes: { 'GET /api/v1/session': () => json(sessionWith(['caretaker'])) } });
    renderApp('/menages/42');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: 'Besoins' })).toBeNull();
  });
});

describe('the household timeline', () => {
  it('lists the outreach entries newest first, in words', async () => {
    fakeApi({
      routes: {
        'GET /api/v1/households/42/timeline': () => json({ items: [
          { type: 'referral', id: 5, at: '2026-11-27T11:00:00Z', status: 'accepted', code: '', text: 'CCAS de Caen', parent_id: null },
          { type: 'need', id: 9, at: '2026-11-27T10:00:00Z', status: 'open', code: 'food', text: 'Plus de courses', parent_id: null },
          { type: 'call_attempt', id: 2, at: '2026-11-27T09:00:00Z', status: 'reached_needs_help', code: '', text: 'Seule depuis le décès', parent_id: 1 },
        ] }),
      },
    });
    renderApp('/menages/42');
    const timeline = await screen.findByRole('region', { name: 'Chronologie' });
    await within(timeline).findByText('Orientation vers CCAS de Caen : acceptée');
    const items = within(timeline).getAllByRole('listitem').map((li) => li.querySelector('.timeline__title')!.textContent);
    expect(items).toEqual(['Orientation vers CCAS de Caen : acceptée', 'Besoin : Alimentation (En cours)', 'Tentative d’appel : joint, a besoin d’aide']);
    expect(within(timeline).getByText('Seule depuis le décès')).toBeInTheDocument();
  });
});

describe('the rent debt on the household timeline', () => {
  const debt = { balance_cents: 123456, arrears_cents: 50000, months_hundredths: 200, caf_threshold_cents: 50000 };
  it('says since when the rent is unpaid, how much, the next step, the threshold and the steps done, by day', async () => {
    fakeApi({
      routes: {
        'GET /api/v1/households/42/timeline': () => json({ items: [
          { type: 'support_case', id: 3, at: '2026-11-19T09:00:00Z', status: 'open', code: '', text: 'Inès Conseillère', parent_id: null, debt: null },
          { type: 'rent_caf_threshold', id: 8, at: '2026-11-11T23:00:00Z', status: 'reached', code: '', text: '', parent_id: null, debt },
          { type: 'rent_step', id: 21, at: '2026-10-14T22:00:00Z', status: 'done', code: 'reminder', text: 'Paiement promis', parent_id: 8, debt: null },
          { type: 'rent_arrears', id: 8, at: '2026-09-30T22:00:00Z', status: 'current', code: 'caf_report',
            text: 'Signalement CAF à faire avant le 12/01 — impayé constitué le 12/11', parent_id: null, debt },
        ] }),
      },
    });
    renderApp('/menages/42');
    const timeline = await screen.findByRole('region', { name: 'Chronologie' });
    await within(timeline).findByText(/Impayé de loyer depuis/);
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.timeline__title')!.textContent)).toEqual([
      'Dossier d’accompagnement ouvert, suivi par Inès Conseillère',
      'Impayé constitué : seuil CAF/MSA de 500,00\u00a0€ atteint',
      'Étape de la procédure d’impayé faite : Relance amiable',
      'Impayé de loyer depuis l’échéance du 01/10/2026 : 500,00\u00a0€ (2,00 mois de loyer résiduel), solde 1\u202f234,56\u00a0€',
    ]);
    // Days, not times: the midnight of Paris is the day itself.
    const arrears = items[3]!;
    expect(within(arrears).getByText('jeudi 1er octobre 2026')).toHaveAttribute('datetime', '2026-10-01');
    expect(within(items[2]!).getByText('jeudi 15 octobre 2026')).toBeInTheDocument();
    expect(within(arrears).getByText('Prochaine étape : Signalement CAF à faire avant le 12/01 — impayé constitué le 12/11')).toBeInTheDocument();
    expect(within(items[2]!).getByText('Paiement promis')).toBeInTheDocument();
    // The arrears lead to the lease's account.
    expect(within(arrears).getByRole('link')).toHaveAttribute('href', '/impayes/baux/8');
  });
});

describe('the Tournées de livraison page', () => {
  it('prepares the round of an agency, lists it by building with the PDF, and records a delivery', async () => {
    let current = round;
    const api = fakeApi({
      routes: {
        'GET /api/v1/delivery-rounds': () => json({ items: [] }),
        'POST /api/v1/delivery-rounds': () => json(current, 201),
        'GET /api/v1/delivery-rounds/4': () => json(current),
        'POST /api/v1/delivery-rounds/4/stops': () => {
          current = { ...round, delivered: 1, buildings: [{ ...round.buildings![0]!, stops: [{ ...round.buildings![0]!.stops[0]!, result: 'delivered' }] }, round.buildings![1]!] };
          return json(current);
        },
      },
    });
    const { user } = renderApp('/tournees');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tournées de livraison' })).toBeInTheDocument();
    expect(await screen.findByText('Aucune tournée ce jour-là.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Jour de la tournée'));
    await user.type(screen.getByLabelText('Jour de la tournée'), '2026-11-30');
    await screen.findByRole('option', { name: 'Agence de Caen' });
    await user.selectOptions(screen.getByLabelText('Agence'), 'Agence de Caen');
    await user.click(screen.getByRole('button', { name: 'Préparer la tournée' }));
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/delivery-rounds')!.body).toEqual({ date: '2026-11-30', agency_id: 1 });
    const first = await screen.findByRole('table', { name: 'Livraisons à Les Tilleuls, 2 rue des Lilas, 14000 Caen' });
    expect(screen.getByRole('table', { name: 'Livraisons à 9 avenue de Paris, 14000 Caen' })).toBeInTheDocument();
    expect(first).toHaveTextContent('Étage 3, logement LGT-12');
    expect(first).toHaveTextContent('0612345678');
    expect(screen.getByRole('link', { name: 'Imprimer la liste (PDF)' })).toHaveAttribute('href', '/api/v1/delivery-rounds/4?format=pdf');
    await user.click(within(first).getByRole('button', { name: 'Livré chez Hélène Martin' }));
    await waitFor(() => expect(within(first).queryByRole('button', { name: 'Livré chez Hélène Martin' })).toBeNull());
    expect(first).toHaveTextContent('Livré');
    expect(api.calls.find((c) => c.path === '/api/v1/delivery-rounds/4/stops')!.body).toEqual({ action_id: 31, result: 'delivered' });
  });
});

describe('the partner’s answers in Orientations', () => {
  it('accepts one, and declines another only with a reason', async () => {
    const pending = [{ ...referrals[0]!, id: 5 }, { ...referrals[0]!, id: 6, household_name: 'Paul Morel', household_id: 44 }];
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () => json(sessionWith(['partner_worker'])),
        'GET /api/v1/referrals': () => json({ items: pending }),
        'POST /api/v1/referrals/5/accept': () => json({ ...pending[0], response: 'accepted' }),
        'POST /api/v1/referrals/6/decline': (c) => {
          const reason = (c.body as { reason: string }).reason;
          if (!reason.trim()) return problem(400, 'Le motif du refus est obligatoire.', [{ field: 'reason', message: 'Le motif du refus est obligatoire.' }]);
          return json({ ...pending[1], response: 'declined', response_reason: reason, status: 'closed' });
        },
      },
    });
    const { user } = renderApp('/orientations');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByText('En attente de réponse')).toHaveLength(2);
    await user.click(within(table).getByRole('button', { name: 'Accepter l’orientation de Hélène Martin' }));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/api/v1/referrals/5/accept')).toBe(true));
    await user.click(within(table).getByRole('button', { name: 'Refuser l’orientation de Paul Morel' }));
    await user.click(within(table).getByRole('button', { name: 'Confirmer le refus' }));
    const reason = within(table).getByLabelText('Motif du refus pour Paul Morel');
    await waitFor(() => expect(reason).toHaveAttribute('aria-invalid', 'true'));
    await user.type(reason, 'Hors de nos missions');
    await user.click(within(table).getByRole('button', { name: 'Confirmer le refus' }));
    await waitFor(() => expect(api.calls.filter((c) => c.path === '/api/v1/referrals/6/decline')).toHaveLength(2));
    expect(api.calls.filter((c) => c.path === '/api/v1/referrals/6/decline')[1]!.body).toEqual({ reason: 'Hors de nos missions' });
  });

  it('shows the landlord the answer and what was done, without the buttons', async () => {
    fakeApi({ routes: { 'GET /api/v1/referrals': () => json({ items: [{ ...referrals[0]!, response: 'accepted', outcome: 'Deux visites' }] }) } });
    renderApp('/orientations');
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Acceptée')).toBeInTheDocument();
    expect(within(table).getByText('Fait : Deux visites')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /Accepter/ })).toBeNull();
  });
});
