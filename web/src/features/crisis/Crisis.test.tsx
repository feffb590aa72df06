import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { todayInParis } from '../../lib/format';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

/** The section of plans under the h2 `name`. */
async function group(name: string): Promise<HTMLElement> {
  return (await screen.findByRole('heading', { level: 2, name })).closest('section')!;
}

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });

function shift(days: number): string {
  const d = new Date(`${todayInParis()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const basePlan: Schemas['CrisisPlan'] = {
  id: 1, kind: 'heatwave', name: '', start_date: shift(-2), end_date: shift(10),
  perimeter: { all: true, agency_ids: [], communes: [], building_ids: [] },
  cadence: { level1_days: 14, level2_days: 7, level3_days: 1 },
  call_hours: [{ start: '09:00', end: '12:00' }], saturday: false, escalation_days: 2, call_script: 'Bonjour',
};
const plans: Schemas['CrisisPlan'][] = [
  basePlan,
  { ...basePlan, id: 2, kind: 'custom', name: 'Tempête', start_date: shift(5), end_date: null, perimeter: { all: false, agency_ids: [1], communes: ['14118'], building_ids: [3] } },
  { ...basePlan, id: 3, kind: 'cold_snap', start_date: shift(-40), end_date: shift(-30) },
];
// cold_snap's level 3 is 3 here (2 in Relais): the form must take the server's numbers.
const defaults = {
  pandemic_lockdown: { level1_days: 14, level2_days: 7, level3_days: 2 },
  heatwave: { level1_days: 14, level2_days: 7, level3_days: 1 },
  cold_snap: { level1_days: 14, level2_days: 7, level3_days: 3 },
  flood: { level1_days: 14, level2_days: 7, level3_days: 2 },
  custom: { level1_days: 14, level2_days: 7, level3_days: 2 },
};
const list = () => json({ items: plans, default_cadence: defaults });

const counts = (over: Partial<Schemas['CrisisCounts']> = {}): Schemas['CrisisCounts'] => ({
  profiles_by_level: { level0: 4, level1: 30, level2: 20, level3: 12 },
  calls_due_today: 25, calls_done_today: 10, calls_overdue: 3, calls_attempted: 40, calls_reached: 30, reach_rate: 0.75,
  open_tasks: 2, open_needs: 0, open_escalations: 1, ...over,
});
const report: Schemas['CrisisReport'] = {
  plan_id: 1, today: shift(0), period_start: shift(-2), period_end: shift(0),
  totals: counts(),
  agencies: [
    { agency_id: 1, name: 'Agence de Caen', counts: counts({ calls_overdue: 2 }), days: [] },
    { agency_id: null, name: '', counts: counts({ calls_overdue: 1, reach_rate: null }), days: [] },
  ],
  days: [
    { date: shift(-2), listed: 20, reached: 15, unreachable: 2 },
    { date: shift(-1), listed: 22, reached: 12, unreachable: 4 },
    { date: shift(0), listed: 25, reached: 3, unreachable: 0 },
  ],
};

describe('crisis plans', () => {
  it('lists the plans in force, upcoming and closed; a manager gets the actions', async () => {
    fakeApi({ routes: { ...asRoles(['manager']), 'GET /api/v1/crisis-plans': list } });
    renderApp('/plans-de-crise');
    expect(await screen.findByRole('heading', { level: 1, name: 'Plans de crise' })).toBeInTheDocument();
    const active = await group('En vigueur (1)');
    expect(within(active).getByRole('rowheader')).toHaveTextContent('Canicule');
    expect(within(active).getByRole('link', { name: /Vue de crise/ })).toHaveAttribute('href', '/plans-de-crise/1/vue');
    const upcoming = await group('À venir (1)');
    expect(within(upcoming).getByRole('rowheader')).toHaveTextContent('Autre crise — Tempête');
    expect(within(upcoming).getByText('1 agence(s), 1 commune(s), 1 immeuble(s)')).toBeInTheDocument();
    const closed = await group('Clôturés (1)');
    expect(within(closed).queryByRole('button', { name: /Clôturer/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Déclarer un plan de crise' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Plans de crise' })).toBeInTheDocument(); // the menu entry
  });

  it('shows the plans without any form to a call agent', async () => {
    fakeApi({ routes: { ...asRoles(['call_agent']), 'GET /api/v1/crisis-plans': list } });
    renderApp('/plans-de-crise');
    await group('En vigueur (1)');
    expect(screen.queryByRole('link', { name: 'Déclarer un plan de crise' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
  });

  it('declares a plan with the kind’s default cadence from the server, showing its errors next to the fields', async () => {
    let attempt = 0;
    const api = fakeApi({
      routes: {
        ...asRoles(['manager']),
        'GET /api/v1/crisis-plans': list,
        'POST /api/v1/crisis-plans': () =>
          ++attempt === 1
            ? problem(400, 'La date de fin ne peut pas précéder la date de début.', [{ field: 'end_date', message: 'La date de fin ne peut pas précéder la date de début.' }])
            : json({ ...basePlan, id: 9, kind: 'cold_snap' }, 201),
      },
    });
    const { user } = renderApp('/plans-de-crise/nouveau');
    const kind = await screen.findByRole('combobox', { name: /Nature de la crise/ });
    expect(screen.getByRole('spinbutton', { name: /Niveau 3/ })).toHaveValue(1); // heatwave
    await user.selectOptions(kind, 'cold_snap');
    expect(screen.getByRole('spinbutton', { name: /Niveau 3/ })).toHaveValue(3);
    expect(screen.getByRole('group', { name: 'Périmètre' })).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /Une partie/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Agence de Caen' }));
    await user.type(screen.getByLabelText(/Date de début/), '2026-12-01');
    await user.type(screen.getByLabelText(/Date de fin/), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Déclarer le plan' }));

    const summary = await screen.findByRole('heading', { name: 'Le formulaire contient une erreur' });
    expect(summary.parentElement).toHaveTextContent('La date de fin ne peut pas précéder la date de début.');
    expect(screen.getByLabelText(/Date de fin/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/Date de fin/)).toHaveAccessibleDescription(/précéder la date de début/);
    const sent = api.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      kind: 'cold_snap', start_date: '2026-12-01', end_date: '2026-11-01',
      cadence: { level1_days: 14, level2_days: 7, level3_days: 3 },
      perimeter: { all: false, agency_ids: [1], communes: [], building_ids: [] },
    });

    await user.clear(screen.getByLabelText(/Date de fin/));
    await user.click(screen.getByRole('button', { name: 'Déclarer le plan' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Plans de crise' })).toBeInTheDocument();
    expect(screen.getByText('Plan de crise déclaré.')).toBeInTheDocument();
    expect((api.calls.filter((c) => c.method === 'POST')[1]!.body as Record<string, unknown>).end_date).toBeNull();
  });

  it('changes a plan: the form starts from the plan, the perimeter pickers name its choices', async () => {
    const api = fakeApi({
      routes: {
        ...asRoles(['administrator']),
        'GET /api/v1/crisis-plans': list,
        'GET /api/v1/crisis-plans/2': () => json(plans[1]),
        'PATCH /api/v1/crisis-plans/2': (c) => json({ ...plans[1], ...(c.body as object) }),
      },
    });
    const { user } = renderApp('/plans-de-crise/2/modifier');
    expect(await screen.findByRole('heading', { level: 1, name: 'Modifier le plan de crise' })).toBeInTheDocument();
    expect(await screen.findByLabelText(/Nom du plan/)).toHaveValue('Tempête');
    expect(await screen.findByRole('checkbox', { name: 'Agence de Caen' })).toBeChecked();
    expect(await screen.findByText('Caen (14118)')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: /Nature/ }), 'flood');
    expect(screen.getByRole('spinbutton', { name: /Niveau 3/ })).toHaveValue(1); // a plan being changed keeps its cadence
    await user.click(screen.getByRole('button', { name: /^Retirer\s?: 14118$/ }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toMatchObject({ kind: 'flood', perimeter: { communes: [], agency_ids: [1], building_ids: [3] } });
  });

  it('closes a plan after a confirmation', async () => {
    const api = fakeApi({
      routes: { ...asRoles(['manager']), 'GET /api/v1/crisis-plans': list, 'POST /api/v1/crisis-plans/1/close': () => json({ ...basePlan, end_date: shift(0) }) },
    });
    const { user } = renderApp('/plans-de-crise');
    const active = await group('En vigueur (1)');
    await user.click(within(active).getByRole('button', { name: /Clôturer/ }));
    expect(screen.getByText(/Clôturer le plan « Canicule » \?/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clôturer le plan' }));
    expect(await screen.findByText('Plan « Canicule » clôturé.')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.path === '/api/v1/crisis-plans/1/close')).toHaveLength(1);
  });
});

describe('crisis view', () => {
  it('shows the tiles, the agencies, the daily chart with its table, and the CSV link', async () => {
    fakeApi({
      routes: {
        ...asRoles(['manager']),
        'GET /api/v1/crisis-plans/1': () => json(basePlan),
        'GET /api/v1/crisis-plans/1/report': () => json(report),
      },
    });
    renderApp('/plans-de-crise/1/vue');
    expect(await screen.findByRole('heading', { level: 1, name: 'Vue de crise : Canicule' })).toBeInTheDocument();
    const tiles = screen.getByRole('region', { name: 'En résumé' });
    expect(within(tiles).getByText('Locataires de niveau 3').parentElement).toHaveTextContent('12');
    expect(within(tiles).getByText('Appels en retard').parentElement).toHaveTextContent('3');
    expect(within(tiles).getByText('Taux de joignabilité').parentElement?.textContent?.replace(/\s/g, ' ')).toMatch(/75 %/);
    expect(within(tiles).getByText('30 joints sur 40 tentés')).toBeInTheDocument();

    const agencies = screen.getByRole('table', { name: 'Par agence' });
    const rows = within(agencies).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Agence de Caen', 'Sans agence']);
    expect(within(rows[1]!).getAllByRole('cell')[6]).toHaveTextContent('—'); // no attempt: no rate

    expect(screen.getByRole('img', { name: /appels listés, joints et injoignables par jour \(échelle de 0 à 25\)/ })).toBeInTheDocument();
    const days = screen.getByRole('table', { name: 'Appels par jour' });
    expect(within(days).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('link', { name: /Exporter en CSV/ })).toHaveAttribute('href', '/api/v1/crisis-plans/1/report.csv');
  });

  it('is not for a call agent', async () => {
    const api = fakeApi({ routes: asRoles(['call_agent']) });
    renderApp('/plans-de-crise/1/vue');
    expect(await screen.findByText(/réservée aux responsables et aux administrateurs/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.endsWith('/report'))).toBe(false);
  });
});
