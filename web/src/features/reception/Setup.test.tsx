// The setup forms of reception (issue 7): reasons, opening ranges, absences, closures.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const SLOW = { timeout: 10_000 };
const site: Schemas['ReceptionSite'] = {
  id: 1, agency_id: 1, name: 'Accueil Caen', address: '2 rue Écuyère', postal_code: '14000', city: 'Caen', access_notes: '',
  capacity: 4, sanitary_capacity: null, sanitary_start_date: null, sanitary_end_date: null, capacity_today: 4, active: true,
};
const keys: Schemas['AppointmentReason'] = {
  id: 2, kind: 'key_handover', name: 'Remise des clés', duration_minutes: 30, modes: ['in_person'], booked_by: ['staff', 'tenant'],
  min_delay_minutes: 1440, max_delay_days: 60, instructions: '', documents: ['Pièce d’identité'], active: true,
};
const range: Schemas['OpeningRange'] = { id: 5, site_id: 1, staff_user_id: 3, weekday: 1, start: '09:00', end: '12:00', valid_from: null, valid_to: null, reason_ids: [] };

function setup(roles: Schemas['Role'][], over: Record<string, (c: { body: unknown; path: string }) => Response> = {}) {
  const state = {
    reasons: [keys],
    hours: [range],
    absences: [] as Schemas['StaffAbsence'][],
    closures: [] as Schemas['SiteClosure'][],
  };
  const api = fakeApi({
    routes: {
      'GET /api/v1/session': () => json(sessionWith(roles)),
      'GET /api/v1/reception/sites': () => json({ items: [site] }),
      'GET /api/v1/reception/reasons': () => json({ items: state.reasons }),
      'GET /api/v1/reception/opening-hours': () => json({ items: state.hours }),
      'GET /api/v1/reception/staff': () => json({ items: [{ id: 3, name: 'Agnès Accueil' }] }),
      'GET /api/v1/reception/holidays': () => json({ items: [] }),
      'GET /api/v1/reception/absences': () => json({ items: state.absences }),
      'GET /api/v1/reception/closures': () => json({ items: state.closures }),
      'POST /api/v1/reception/closures': (c) => {
        const b = c.body as Schemas['SiteClosureInput'];
        const made = { id: 9, site_id: b.site_id ?? null, start_date: b.start_date, end_date: b.end_date, label: b.label ?? '' };
        state.closures = [made];
        return json(made, 201);
      },
      'DELETE /api/v1/reception/closures/9': () => {
        state.closures = [];
        return new Response(null, { status: 204 });
      },
      'POST /api/v1/reception/absences': (c) => {
        const b = c.body as Schemas['StaffAbsenceInput'];
        const made = { id: 4, staff_user_id: b.staff_user_id, start_at: b.start_at, end_at: b.end_at, label: b.label ?? '' };
        state.absences = [made];
        return json(made, 201);
      },
      'POST /api/v1/reception/reasons': (c) => {
        const made = { ...keys, ...(c.body as object), id: 7 } as Schemas['AppointmentReason'];
        state.reasons = [...state.reasons, made];
        return json(made, 201);
      },
      'PATCH /api/v1/reception/reasons/2': (c) => {
        state.reasons = [{ ...keys, ...(c.body as object) }];
        return json(state.reasons[0]);
      },
      'POST /api/v1/reception/opening-hours': (c) => {
        const made = { ...range, ...(c.body as object), id: 6 } as Schemas['OpeningRange'];
        state.hours = [...state.hours, made];
        return json(made, 201);
      },
      'DELETE /api/v1/reception/opening-hours/5': () => {
        state.hours = state.hours.filter((h) => h.id !== 5);
        return new Response(null, { status: 204 });
      },
      ...over,
    },
  });
  return api;
}

afterEach(() => vi.restoreAllMocks());

/** The setup page with the form of a new opening range open, its site and staff member chosen. */
async function openRangeForm() {
  const { user } = renderApp('/rendez-vous/configuration');
  const section = (await screen.findByRole('heading', { level: 2, name: 'Horaires d’ouverture' }, SLOW)).closest('section')!;
  await within(section).findByRole('cell', { name: 'Agnès Accueil' });
  await user.click(within(section).getByRole('button', { name: 'Ajouter une plage horaire' }));
  await user.selectOptions(within(section).getByLabelText(/^Site/), 'Accueil Caen');
  await user.selectOptions(within(section).getByLabelText(/^Reçu·e par/), 'Agnès Accueil');
  return { user, section };
}

describe('reception setup forms', () => {
  it('closes every site for two days, then removes the closure after a question', async () => {
    const api = setup(['manager']);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user } = renderApp('/rendez-vous/configuration');
    const section = (await screen.findByRole('heading', { level: 2, name: 'Fermetures exceptionnelles' }, SLOW)).closest('section')!;
    expect(await within(section).findByText('Aucune fermeture en cours ou à venir.')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Ajouter une fermeture' }));
    const where = within(section).getByLabelText('Site d’accueil');
    await waitFor(() => expect(where).toHaveFocus());
    fireEvent.change(within(section).getByLabelText(/^Du/), { target: { value: '2026-12-24' } });
    fireEvent.change(within(section).getByLabelText(/^Au \(inclus\)/), { target: { value: '2026-12-26' } });
    await user.type(within(section).getByLabelText(/^Motif \(facultatif\)/), 'Fêtes');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    const text = 'Tous les sites : du jeudi 24 décembre 2026 au samedi 26 décembre 2026';
    expect(await within(section).findByText(`${text} (Fêtes)`)).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ start_date: '2026-12-24', end_date: '2026-12-26', label: 'Fêtes' });
    // Closed, the form gives the focus back to its button.
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Ajouter une fermeture' })).toHaveFocus());

    await user.click(within(section).getByRole('button', { name: `Retirer la fermeture : ${text}` }));
    expect(confirm).toHaveBeenCalledWith(`Retirer « ${text} » ?`);
    expect(await within(section).findByText('Aucune fermeture en cours ou à venir.')).toBeInTheDocument();
  });

  it('records an absence in Paris time, and refuses an end before the start next to the field', async () => {
    const api = setup(['administrator']);
    const { user } = renderApp('/rendez-vous/configuration');
    const section = (await screen.findByRole('heading', { level: 2, name: 'Absences du personnel' }, SLOW)).closest('section')!;
    await user.click(await within(section).findByRole('button', { name: 'Ajouter une absence' }));
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    expect(within(section).getByLabelText('Reçu·e par (obligatoire)')).toHaveAccessibleDescription(/Choisissez la personne qui reçoit\./);
    await user.selectOptions(within(section).getByLabelText('Reçu·e par (obligatoire)'), 'Agnès Accueil');
    fireEvent.change(within(section).getByLabelText(/^Du/), { target: { value: '2026-07-06' } });
    fireEvent.change(within(section).getAllByLabelText('à (heure)')[0]!, { target: { value: '14:00' } });
    fireEvent.change(within(section).getByLabelText(/^Au/), { target: { value: '2026-07-06' } });
    fireEvent.change(within(section).getAllByLabelText('à (heure)')[1]!, { target: { value: '09:00' } });
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    const to = within(section).getByLabelText(/^Au/);
    expect(to).toHaveAccessibleDescription(/La fin doit suivre le début\./);
    expect(to).toHaveFocus();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(to, { target: { value: '2026-07-08' } });
    await user.type(within(section).getByLabelText(/^Motif \(facultatif\)/), 'Formation');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(section).findByText(/Agnès Accueil : du lundi 6 juillet 2026 à 14 h 00 au mercredi 8 juillet 2026 à 9 h 00/)).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({
      staff_user_id: 3, start_at: '2026-07-06T12:00:00.000Z', end_at: '2026-07-08T07:00:00.000Z', label: 'Formation',
    });
  });

  it('adds a reason, with the server’s refusal next to its field, and deactivates another', async () => {
    const api = setup(['manager'], {
      'POST /api/v1/reception/reasons': (c) =>
        (c.body as { duration_minutes: number }).duration_minutes > 240
          ? problem(400, 'La durée doit être comprise entre 5 et 240 minutes.', [{ field: 'duration_minutes', message: 'La durée doit être comprise entre 5 et 240 minutes.' }])
          : json({ ...keys, ...(c.body as object), id: 7 }, 201),
    });
    const { user } = renderApp('/rendez-vous/configuration');
    const section = (await screen.findByRole('heading', { level: 2, name: 'Motifs de rendez-vous' }, SLOW)).closest('section')!;
    await user.click(await within(section).findByRole('button', { name: 'Désactiver Remise des clés' }));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ active: false }));
    expect(await within(section).findByRole('button', { name: 'Réactiver Remise des clés' })).toBeInTheDocument();
    expect(within(section).getByText('(désactivé)')).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Ajouter un motif' }));
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    expect(within(section).getByLabelText(/^Nom affiché/)).toHaveAccessibleDescription(/Indiquez le nom du motif\./);
    await user.selectOptions(within(section).getByLabelText('Type de motif'), 'Gestion locative');
    await user.type(within(section).getByLabelText(/^Nom affiché/), 'Point sur les charges');
    await user.clear(within(section).getByLabelText(/^Durée/));
    await user.type(within(section).getByLabelText(/^Durée/), '300');
    await user.click(within(section).getByRole('checkbox', { name: 'par téléphone' }));
    await user.click(within(section).getByRole('checkbox', { name: 'les locataires' }));
    await user.type(within(section).getByLabelText('Documents à apporter'), 'Dernier avis d’échéance{enter}Relevé de charges');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(section).findByLabelText(/^Durée/)).toHaveAccessibleDescription(/La durée doit être comprise entre 5 et 240 minutes\./);
    await user.clear(within(section).getByLabelText(/^Durée/));
    await user.type(within(section).getByLabelText(/^Durée/), '45');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    await within(section).findByRole('button', { name: 'Ajouter un motif' });
    expect(api.calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({
      kind: 'rental_management', name: 'Point sur les charges', duration_minutes: 45, modes: ['in_person', 'phone'], booked_by: ['staff', 'tenant'],
      min_delay_minutes: 1440, max_delay_days: 60, instructions: '', documents: ['Dernier avis d’échéance', 'Relevé de charges'],
    });
  });

  it('adds an opening range and removes one', async () => {
    const api = setup(['manager']);
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user, section } = await openRangeForm();
    await user.selectOptions(within(section).getByLabelText('Jour'), 'Jeudi');
    fireEvent.change(within(section).getByLabelText('De (heure)'), { target: { value: '14:00' } });
    fireEvent.change(within(section).getByLabelText('À (heure)'), { target: { value: '17:30' } });
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(section).findByRole('cell', { name: 'de 14 h 00 à 17 h 30' })).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ site_id: 1, staff_user_id: 3, weekday: 4, start: '14:00', end: '17:30' });
    await user.click(within(section).getByRole('button', { name: 'Retirer la plage : Agnès Accueil, Lundi de 09 h 00 à 12 h 00' }));
    await waitFor(() => expect(within(section).queryByRole('cell', { name: 'de 09 h 00 à 12 h 00' })).toBeNull());
  });

  it('changes an existing reason: the form opens filled in, sends every field, and gives the focus back to the row', async () => {
    const api = setup(['manager']);
    const { user } = renderApp('/rendez-vous/configuration');
    const section = (await screen.findByRole('heading', { level: 2, name: 'Motifs de rendez-vous' }, SLOW)).closest('section')!;
    const edit = await within(section).findByRole('button', { name: 'Modifier Remise des clés' });
    await user.click(edit);
    const form = within(section).getByRole('form', { name: 'Modifier le motif « Remise des clés »' });
    await waitFor(() => expect(within(form).getByLabelText('Type de motif')).toHaveFocus());
    expect(within(form).getByLabelText(/^Nom affiché/)).toHaveValue('Remise des clés');
    expect(within(form).getByLabelText('Documents à apporter')).toHaveValue('Pièce d’identité');
    expect(within(form).getByLabelText(/^Délai minimal/)).toHaveValue(24);
    await user.clear(within(form).getByLabelText(/^Durée/));
    await user.type(within(form).getByLabelText(/^Durée/), '45');
    await user.click(within(form).getByRole('checkbox', { name: 'par téléphone' }));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull());
    expect(api.calls.find((c) => c.method === 'PATCH')!.body).toEqual({
      kind: 'key_handover', name: 'Remise des clés', duration_minutes: 45, modes: ['in_person', 'phone'], booked_by: ['staff', 'tenant'],
      min_delay_minutes: 1440, max_delay_days: 60, instructions: '', documents: ['Pièce d’identité'],
    });
    expect(await within(section).findByRole('cell', { name: '45 minutes' })).toBeInTheDocument();
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Modifier Remise des clés' })).toHaveFocus());
  });

  it('adds an opening range valid between two dates, refusing an end of validity before its start', async () => {
    const api = setup(['manager']);
    const { user, section } = await openRangeForm();
    fireEvent.change(within(section).getByLabelText('Valable à partir du (facultatif)'), { target: { value: '2026-07-01' } });
    const to = within(section).getByLabelText('Jusqu’au, inclus (facultatif)');
    fireEvent.change(to, { target: { value: '2026-06-30' } });
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    expect(to).toHaveAccessibleDescription(/La fin de validité doit suivre son début\./);
    expect(to).toHaveFocus();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(to, { target: { value: '2026-08-31' } });
    await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(section).findByRole('cell', { name: 'de 09 h 00 à 12 h 00 (du mercredi 1er juillet 2026 au lundi 31 août 2026)' })).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({
      site_id: 1, staff_user_id: 3, weekday: 1, start: '09:00', end: '12:00', valid_from: '2026-07-01', valid_to: '2026-08-31',
    });
  });

  it('shows absences and closures to the desk without the forms', async () => {
    setup(['reception'], {
      'GET /api/v1/reception/closures': () => json({ items: [{ id: 9, site_id: 1, start_date: '2026-12-24', end_date: '2026-12-24', label: '' }] }),
    });
    renderApp('/rendez-vous/configuration');
    expect(await screen.findByText('Accueil Caen : du jeudi 24 décembre 2026 au jeudi 24 décembre 2026', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('Aucune absence en cours ou à venir.')).toBeInTheDocument();
    for (const name of ['Ajouter une fermeture', 'Ajouter une absence', 'Ajouter un motif', 'Ajouter une plage horaire', /Retirer/, /Désactiver/]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  });
});
