// The tenant portal's appointments (issue 7): the crisis banner, the convocation and .ics of each
// appointment to come, and the choice to receive SMS.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

const session = { tenant: { account_id: 3, household_id: 42, has_password: true }, csrf_token: 'tcsrf', idle_timeout_seconds: 1800 };
const household = {
  reference: 'T00000042',
  landlord: { name: 'Toits de la Plaine de Caen' },
  dwelling: { reference: 'L0000011', floor: 2, rooms: 3, surface_m2: 65.5 },
  address: { building_name: '', street: '3 rue des Lilas', postal_code: '14000', commune: 'Caen' },
  agency: { name: 'Agence de Caen' },
  shown: { members: false, rent: false, lease_start: false, agency: true },
};
const FUTURE = new Date(Date.now() + 10 * 86_400_000);
const day = FUTURE.toISOString().slice(0, 10);
const appointment = (id: number, over: Partial<Schemas['TenantAppointment']> = {}): Schemas['TenantAppointment'] => ({
  id, site_id: 1, site_name: 'Accueil Caen', reason_id: 2, reason_name: 'Remise des clés', mode: 'in_person',
  start_at: `${day}T08:00:00.000Z`, end_at: `${day}T08:30:00.000Z`, date: day, time: '09:00', end_time: '09:30',
  people: 1, state: 'booked', arrived_at: null, rescheduled_to: null, staff_name: 'Agnès Accueil', ...over,
});
const crisis: Schemas['CrisisSwitch'] = {
  id: 4, site_id: 1, site_name: 'Accueil Caen', start_date: '2026-12-07', end_date: '2026-12-13', mode: 'phone', cancel_in_person: false,
  message: 'L’accueil de Caen reçoit uniquement par téléphone cette semaine.', created_at: '2026-12-04T10:00:00.000Z', converted: 3, cancelled: 0, notified: 3,
};

function routes(over: Record<string, (c: { body: unknown }) => Response> = {}) {
  return {
    'GET /api/v1/tenant/session': () => json(session),
    'GET /api/v1/tenant/household': () => json(household),
    'GET /api/v1/tenant/appointments': () =>
      json({ items: [appointment(5), appointment(6, { mode: 'phone', reason_id: 3, reason_name: 'Gestion locative', start_at: `${day}T13:00:00.000Z`, end_at: `${day}T13:30:00.000Z` })] }),
    'GET /api/v1/tenant/reception-banners': () => json({ items: [crisis] }),
    'GET /api/v1/tenant/notice-preferences': () => json({ sms: true }),
    ...over,
  };
}

describe('the tenant’s appointments', () => {
  it('shows the crisis banner in words, before the appointments', async () => {
    fakeApi({ signedIn: false, routes: routes() });
    renderApp('/locataire');
    const banner = (await screen.findByRole('heading', { level: 2, name: 'Accueil modifié' })).closest('section')!;
    expect(banner).toHaveTextContent('L’accueil de Caen reçoit uniquement par téléphone cette semaine.');
    expect(banner).toHaveTextContent('Du lundi 7 décembre 2026 au dimanche 13 décembre 2026 : rendez-vous par téléphone.');
    const rdv = await screen.findByRole('heading', { level: 2, name: 'Mes rendez-vous' });
    expect(banner.compareDocumentPosition(rdv) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows no banner when reception is as usual, or when the server cannot say', async () => {
    fakeApi({ signedIn: false, routes: routes({ 'GET /api/v1/tenant/reception-banners': () => problem(503, 'Indisponible') }) });
    renderApp('/locataire');
    await screen.findByRole('heading', { level: 2, name: 'Mes rendez-vous' });
    await screen.findByText('Remise des clés');
    expect(screen.queryByRole('heading', { name: 'Accueil modifié' })).toBeNull();
  });

  it('offers the convocation of an appointment in person and the calendar file of each', async () => {
    fakeApi({ signedIn: false, routes: routes() });
    renderApp('/locataire');
    const list = (await screen.findByText('Remise des clés')).closest('ul')!;
    const [keys, phone] = within(list).getAllByRole('listitem');
    const pdf = within(keys!).getByRole('link', { name: /^Ma convocation \(PDF\) Remise des clés du / });
    expect(pdf).toHaveAttribute('href', '/api/v1/tenant/appointments/5/convocation.pdf');
    expect(within(keys!).getByRole('link', { name: /^Ajouter à mon agenda \(\.ics\) Remise des clés/ })).toHaveAttribute('href', '/api/v1/tenant/appointments/5/calendar.ics');
    // By phone there is no trip, so no convocation.
    expect(within(phone!).queryByRole('link', { name: /Ma convocation/ })).toBeNull();
    expect(within(phone!).getByRole('link', { name: /^Ajouter à mon agenda \(\.ics\) Gestion locative/ })).toHaveAttribute('href', '/api/v1/tenant/appointments/6/calendar.ics');
    expect(within(phone!).getByText(/par téléphone : nous vous appelons/)).toBeInTheDocument();
  });

  it('lets the tenant stop and restart SMS, saved at once', async () => {
    let sms = true;
    const api = fakeApi({
      signedIn: false,
      routes: routes({
        'GET /api/v1/tenant/notice-preferences': () => json({ sms }),
        'PUT /api/v1/tenant/notice-preferences': (c) => {
          sms = (c.body as { sms: boolean }).sms;
          return json({ sms });
        },
      }),
    });
    const { user } = renderApp('/locataire');
    const box = await screen.findByRole('checkbox', { name: 'Recevoir aussi un SMS' });
    expect(box).toBeChecked();
    expect(box).toHaveAccessibleDescription(/un rappel 48 heures avant/);
    await user.click(box);
    expect(await screen.findByText('C’est noté : vous ne recevrez plus de SMS sur vos rendez-vous.')).toBeInTheDocument();
    expect(box).not.toBeChecked();
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({ sms: false });
    expect(put.headers.get('X-CSRF-Token')).toBe('tcsrf');
    await user.click(box);
    expect(await screen.findByText('C’est noté : vous recevrez aussi un SMS.')).toBeInTheDocument();
    expect(box).toBeChecked();
  });

  it('says why the choice was not saved, and keeps the box as it was', async () => {
    fakeApi({ signedIn: false, routes: routes({ 'PUT /api/v1/tenant/notice-preferences': () => problem(503, 'Le service est momentanément indisponible.') }) });
    const { user } = renderApp('/locataire');
    const box = await screen.findByRole('checkbox', { name: 'Recevoir aussi un SMS' });
    await user.click(box);
    expect(await screen.findByRole('alert')).toHaveTextContent('Le service est momentanément indisponible.');
    expect(box).toBeChecked();
  });

  it('asks for an earlier slot, says the tenant waits, then takes the slot offered', async () => {
    let entry: Schemas['WaitlistEntry'] | null = null;
    const api = fakeApi({
      signedIn: false,
      routes: routes({
        'GET /api/v1/tenant/appointments': () => json({ items: [appointment(5)] }),
        'GET /api/v1/tenant/appointments/5/waitlist': () => json({ entry }),
        'POST /api/v1/tenant/appointments/5/waitlist': () => {
          entry = { id: 8, appointment_id: 5, state: 'waiting', offered_start_at: null, offered_time: null };
          return json(entry, 201);
        },
        'POST /api/v1/tenant/waitlist/8/accept': () => json(appointment(9, { start_at: '2026-12-03T13:00:00.000Z', end_at: '2026-12-03T13:30:00.000Z', date: '2026-12-03', time: '14:00' })),
      }),
    });
    const { user, unmount } = renderApp('/locataire');
    await user.click(await screen.findByRole('button', { name: /^Demander un créneau plus tôt Remise des clés du / }));
    expect(await screen.findByText(/Vous êtes sur la liste d’attente/)).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.path).toBe('/api/v1/tenant/appointments/5/waitlist');
    unmount();

    // A slot freed up: the next visit shows it.
    entry = { id: 8, appointment_id: 5, state: 'offered', offered_start_at: '2026-12-03T13:00:00.000Z', offered_time: '14:00' };
    const second = renderApp('/locataire');
    expect(await screen.findByText('Un créneau plus tôt est libre : le jeudi 3 décembre 2026 à 14 h 00.')).toBeInTheDocument();
    await second.user.click(screen.getByRole('button', { name: /^Prendre ce créneau plus tôt Remise des clés/ }));
    expect(await screen.findByText('Votre rendez-vous est avancé au jeudi 3 décembre 2026 à 14 h 00.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/tenant/waitlist/8/accept')).toBe(true);
  });

  it('says when the slot offered was taken meanwhile', async () => {
    let entry: Schemas['WaitlistEntry'] = { id: 8, appointment_id: 5, state: 'offered', offered_start_at: '2026-12-03T13:00:00.000Z', offered_time: '14:00' };
    fakeApi({
      signedIn: false,
      routes: routes({
        'GET /api/v1/tenant/appointments': () => json({ items: [appointment(5)] }),
        'GET /api/v1/tenant/appointments/5/waitlist': () => json({ entry }),
        'POST /api/v1/tenant/waitlist/8/accept': () => {
          entry = { ...entry, state: 'waiting', offered_start_at: null, offered_time: null };
          return problem(409, 'Ce créneau n’est plus libre.');
        },
      }),
    });
    const { user } = renderApp('/locataire');
    await user.click(await screen.findByRole('button', { name: /^Prendre ce créneau plus tôt/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Ce créneau n’est plus libre.');
    expect(await screen.findByText(/Vous êtes sur la liste d’attente/)).toBeInTheDocument();
  });

  it('during a crisis switch, offers the day’s slots by phone and books them by phone', async () => {
    const talk: Schemas['AppointmentReason'] = {
      id: 3, kind: 'rental_management', name: 'Gestion locative', duration_minutes: 30, modes: ['in_person', 'phone'], booked_by: ['staff', 'tenant'],
      min_delay_minutes: 1440, max_delay_days: 60, instructions: '', documents: [], active: true,
    };
    const api = fakeApi({
      signedIn: false,
      routes: routes({
        'GET /api/v1/tenant/appointments': () => json({ items: [] }),
        'GET /api/v1/tenant/appointment-reasons': () => json({ items: [talk] }),
        'GET /api/v1/tenant/reception-sites': () => json({ items: [{ id: 1, name: 'Accueil Caen', address: '2 rue Écuyère', postal_code: '14000', city: 'Caen', access_notes: 'Sonnez.' }] }),
        'GET /api/v1/tenant/slots': () => json({ items: [{ site_id: 1, start_at: '2026-12-07T08:00:00.000Z', end_at: '2026-12-07T08:30:00.000Z', date: '2026-12-07', time: '09:00', mode: 'phone' }] }),
        'POST /api/v1/tenant/appointments': () => json(appointment(11, { mode: 'phone', reason_id: 3, reason_name: 'Gestion locative' }), 201),
      }),
    });
    const { user } = renderApp('/locataire');
    await user.click(await screen.findByRole('button', { name: 'Prendre rendez-vous' }));
    await user.click(await screen.findByRole('button', { name: /^Gestion locative/ }));
    expect(await screen.findByText('Ce jour-là, l’accueil reçoit uniquement à distance : le rendez-vous se tient par téléphone : nous vous appelons.')).toBeInTheDocument();
    const time = screen.getByRole('button', { name: /^Le lundi 7 décembre 2026 à / });
    expect(time).toHaveAccessibleName(/, par téléphone : nous vous appelons$/);
    await user.click(time);
    expect(await screen.findByText(/Rendez-vous par téléphone : nous vous appelons\./)).toBeInTheDocument();
    expect(screen.queryByText('Sonnez.')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Confirmer le rendez-vous' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/tenant/appointments')!.body).toEqual({
      reason_id: 3, site_id: 1, start_at: '2026-12-07T08:00:00.000Z', mode: 'phone',
    });
  });
});
