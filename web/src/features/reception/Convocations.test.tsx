// The staff pages of convocations, notices, calendar feeds and the crisis switch (issue 7).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { hasConvocation, switchPreview } from './queries';

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });
const SLOW = { timeout: 10_000 }; // the module's pages load on first use

const site: Schemas['ReceptionSite'] = {
  id: 1, agency_id: 1, name: 'Accueil Caen', address: '2 rue Écuyère', postal_code: '14000', city: 'Caen', access_notes: '',
  capacity: 4, sanitary_capacity: null, sanitary_start_date: null, sanitary_end_date: null, capacity_today: 4, active: true,
};
const reason = (id: number, name: string, modes: Schemas['AppointmentReason']['modes']): Schemas['AppointmentReason'] => ({
  id, kind: 'custom', name, duration_minutes: 30, modes, booked_by: ['staff', 'tenant'], min_delay_minutes: 0, max_delay_days: 60,
  instructions: '', documents: [], active: true,
});
const keys = reason(2, 'Remise des clés', ['in_person']);
const management = reason(3, 'Rendez-vous de gestion locative', ['in_person', 'phone']);
const appointment: Schemas['Appointment'] = {
  id: 7, site_id: 1, site_name: 'Accueil Caen', reason_id: 2, reason_name: 'Remise des clés', mode: 'in_person',
  start_at: '2026-12-07T08:00:00.000Z', end_at: '2026-12-07T08:30:00.000Z', date: '2026-12-07', time: '09:00', end_time: '09:30',
  people: 1, state: 'booked', arrived_at: null, rescheduled_to: null, staff_name: 'Agnès Accueil', staff_user_id: 3,
  household_id: 42, household_reference: 'T00000042', person_name: 'Famille Martin', applicant_phone: '', applicant_email: '',
  booked_by: 'tenant', notes: '', cancel_reason: '',
};
const notice = (id: number, over: Partial<Schemas['AppointmentNotice']>): Schemas['AppointmentNotice'] => ({
  id, kind: 'booked', channel: 'email', status: 'sent', attempts: 1, last_error: '', created_at: '2026-12-01T09:00:00.000Z',
  done_at: '2026-12-01T09:02:00.000Z', ...over,
});

afterEach(() => vi.restoreAllMocks());

describe('the page of an appointment', () => {
  it('is reached from the day; offers the convocation and the .ics; lists the notices with their delivery in words', async () => {
    fakeApi({
      routes: {
        ...asRoles(['reception']),
        'GET /api/v1/reception/day': () => json({ date: '2026-12-07', sites: [site], items: [appointment], counts: { expected: 1, arrived: 0, seen: 0, no_show: 0 } }),
        'GET /api/v1/appointments/7': () => json(appointment),
        'GET /api/v1/appointments/7/notices': () =>
          json({
            items: [
              notice(1, {}),
              notice(2, { channel: 'sms', status: 'abandoned', attempts: 5, last_error: 'passerelle SMS : HTTP 503', done_at: '2026-12-01T11:00:00.000Z' }),
              notice(3, { kind: 'reminder', status: 'pending', created_at: '2026-12-05T08:00:00.000Z', done_at: null }),
            ],
          }),
      },
    });
    const { user } = renderApp('/rendez-vous?date=2026-12-07');
    const open = await screen.findByRole('link', { name: /fiche du rendez-vous de Famille Martin/ }, SLOW);
    expect(open).toHaveTextContent('9 h 00');
    await user.click(open);
    const title = await screen.findByRole('heading', { level: 1, name: 'Rendez-vous de Famille Martin' });
    await waitFor(() => expect(title).toHaveFocus());
    expect(screen.getByText('lundi 7 décembre 2026, de 9 h 00 à 9 h 30')).toBeInTheDocument();

    const pdf = screen.getByRole('link', { name: 'Convocation (PDF)' });
    expect(pdf).toHaveAttribute('href', '/api/v1/appointments/7/convocation.pdf');
    expect(pdf).toHaveAttribute('download', 'convocation-7.pdf');
    expect(screen.getByRole('link', { name: 'Fichier d’agenda (.ics)' })).toHaveAttribute('href', '/api/v1/appointments/7/calendar.ics');

    const table = await screen.findByRole('table', { name: /Messages envoyés au sujet de ce rendez-vous/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Réservation');
    expect(rows[0]).toHaveTextContent('E-mail');
    expect(rows[0]).toHaveTextContent('Envoyé');
    expect(rows[0]).toHaveTextContent('mardi 1er décembre 2026 à 10 h 02');
    expect(rows[1]).toHaveTextContent('SMS');
    expect(rows[1]).toHaveTextContent('Abandonné · 5 tentatives · passerelle SMS : HTTP 503');
    expect(rows[2]).toHaveTextContent('Rappel 48 h avant');
    expect(rows[2]).toHaveTextContent('En attente');
    expect(screen.getByText(/Un message abandonné n’a pas pu être remis/)).toBeInTheDocument();
  });

  it('says why an appointment by phone has no convocation, and that no notice went yet', async () => {
    fakeApi({
      routes: {
        ...asRoles(['call_agent']),
        'GET /api/v1/appointments/8': () => json({ ...appointment, id: 8, mode: 'phone', reason_id: 3, reason_name: 'Rendez-vous de gestion locative' }),
        'GET /api/v1/appointments/8/notices': () => json({ items: [] }),
      },
    });
    renderApp('/rendez-vous/8');
    expect(await screen.findByRole('heading', { level: 1, name: 'Rendez-vous de Famille Martin' }, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Convocation (PDF)' })).toBeNull();
    expect(screen.getByText(/Pas de convocation : ce rendez-vous se tient à distance/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Fichier d’agenda (.ics)' })).toBeInTheDocument();
    expect(await screen.findByText('Aucun avis envoyé pour ce rendez-vous.')).toBeInTheDocument();
  });

  it('shows that another landlord’s appointment does not exist', async () => {
    fakeApi({ routes: { ...asRoles(['reception']) } });
    renderApp('/rendez-vous/999');
    expect(await screen.findByRole('alert', {}, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Convocation (PDF)' })).toBeNull();
  });

  it('has a convocation only in person and while held or seen, as the server decides', () => {
    expect(hasConvocation({ mode: 'in_person', state: 'booked' })).toBe(true);
    expect(hasConvocation({ mode: 'in_person', state: 'confirmed' })).toBe(true);
    expect(hasConvocation({ mode: 'in_person', state: 'seen' })).toBe(true);
    for (const state of ['no_show', 'cancelled_by_tenant', 'cancelled_by_landlord', 'rescheduled'] as const) {
      expect(hasConvocation({ mode: 'in_person', state })).toBe(false);
    }
    expect(hasConvocation({ mode: 'phone', state: 'booked' })).toBe(false);
    expect(hasConvocation({ mode: 'video', state: 'confirmed' })).toBe(false);
  });
});

describe('the staff member’s calendar feed', () => {
  it('is made, shown once with a copy button, then revoked after a confirmation', async () => {
    let active = false;
    const api = fakeApi({
      routes: {
        ...asRoles(['reception']),
        'GET /api/v1/me/calendar-feed': () => json({ active, created_at: active ? '2026-12-01T09:00:00.000Z' : null }),
        'POST /api/v1/me/calendar-feed': () => {
          active = true;
          return json({ active: true, created_at: '2026-12-01T09:00:00.000Z', url: 'https://relais.example/calendar/abc123.ics' }, 201);
        },
        'DELETE /api/v1/me/calendar-feed': () => {
          active = false;
          return new Response(null, { status: 204 });
        },
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { user } = renderApp('/rendez-vous/mon-agenda');
    // After user-event's setup, which puts its own clipboard in place.
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon agenda de rendez-vous' }, SLOW)).toBeInTheDocument();
    expect(await screen.findByText('Vous n’avez pas d’adresse d’agenda.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Créer mon adresse d’agenda' }));
    expect(confirm).not.toHaveBeenCalled(); // nothing to replace yet

    const field = await screen.findByLabelText('Adresse de l’agenda');
    expect(field).toHaveValue('https://relais.example/calendar/abc123.ics');
    await waitFor(() => expect(field).toHaveFocus());
    expect(screen.getByText(/elle ne sera plus affichée/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copier l’adresse' }));
    expect(writeText).toHaveBeenCalledWith('https://relais.example/calendar/abc123.ics');
    expect(await screen.findByText('Adresse copiée.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Révoquer l’adresse' }));
    expect(confirm).toHaveBeenCalledWith('Révoquer votre adresse d’agenda ? Votre agenda n’affichera plus vos rendez-vous.');
    expect(await screen.findByText('Votre adresse d’agenda est révoquée : elle ne fonctionne plus.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Adresse de l’agenda')).toBeNull();
    expect(api.calls.filter((c) => c.path === '/api/v1/me/calendar-feed').map((c) => c.method)).toEqual(['GET', 'POST', 'DELETE']);
    expect(screen.getByRole('button', { name: 'Créer mon adresse d’agenda' })).toBeInTheDocument();
  });

  it('asks before replacing an address that works, and keeps it when the answer is no', async () => {
    const api = fakeApi({
      routes: {
        ...asRoles(['manager']),
        'GET /api/v1/me/calendar-feed': () => json({ active: true, created_at: '2026-11-20T09:00:00.000Z' }),
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const { user } = renderApp('/rendez-vous/mon-agenda');
    expect(await screen.findByText(/Vous avez une adresse d’agenda, créée le vendredi 20 novembre 2026 à 10 h 00/, {}, SLOW)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remplacer par une nouvelle adresse' }));
    expect(confirm).toHaveBeenCalledWith('Créer une nouvelle adresse ? L’ancienne cessera de fonctionner tout de suite.');
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('is reached from the account page of someone who receives appointments', async () => {
    fakeApi({ routes: { ...asRoles(['reception']), 'GET /api/v1/me/calendar-feed': () => json({ active: false, created_at: null }) } });
    const { user } = renderApp('/mon-compte');
    await user.click(await screen.findByRole('link', { name: 'Gérer mon adresse d’agenda' }, SLOW));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon agenda de rendez-vous' }, SLOW)).toBeInTheDocument();
  });
});

describe('the crisis switch', () => {
  const inRange: Schemas['Appointment'][] = [
    appointment, // keys: in person only, so cancelled
    { ...appointment, id: 9, reason_id: 3, reason_name: 'Rendez-vous de gestion locative', person_name: 'M. Diallo' }, // converted
    { ...appointment, id: 10, mode: 'phone', reason_id: 3 }, // already remote: untouched
    { ...appointment, id: 11, state: 'cancelled_by_tenant' }, // no longer held: untouched
  ];
  const routes = (onPost: (body: unknown) => Response) => ({
    ...asRoles(['manager']),
    'GET /api/v1/reception/sites': () => json({ items: [site] }),
    'GET /api/v1/reception/reasons': () => json({ items: [keys, management] }),
    'GET /api/v1/reception/crisis-switches': () => json({ items: [] }),
    'GET /api/v1/appointments': () => json({ items: inRange }),
    'POST /api/v1/reception/crisis-switches': (c: { body: unknown }) => onPost(c.body),
  });

  it('counts what it will do, asks for confirmation, then says what was done', async () => {
    const api = fakeApi({
      routes: routes(() =>
        json({
          id: 1, site_id: 1, site_name: 'Accueil Caen', start_date: '2026-12-07', end_date: '2026-12-13', mode: 'phone', cancel_in_person: false,
          message: 'Accueil par téléphone cette semaine.', created_at: '2026-12-04T10:00:00.000Z', converted: 1, cancelled: 1, notified: 2,
        }, 201)),
    });
    const { user } = renderApp('/rendez-vous/bascule');
    expect(await screen.findByRole('heading', { level: 1, name: 'Basculer l’accueil à distance' }, SLOW)).toBeInTheDocument();
    expect(await screen.findByText(/Aucune bascule en cours ou à venir/)).toBeInTheDocument();
    await screen.findByRole('option', { name: 'Accueil Caen' });
    await user.selectOptions(screen.getByLabelText('Site d’accueil'), 'Accueil Caen');
    fireEvent.change(screen.getByLabelText(/Premier jour/), { target: { value: '2026-12-07' } });
    fireEvent.change(screen.getByLabelText(/Dernier jour/), { target: { value: '2026-12-13' } });
    expect(screen.getByRole('radio', { name: 'Par téléphone' })).toBeChecked();
    expect(screen.getByRole('radio', { name: /Les convertir quand leur motif le permet/ })).toBeChecked();
    await user.type(screen.getByLabelText('Message aux locataires'), 'Accueil par téléphone cette semaine.');
    await user.click(screen.getByRole('button', { name: 'Vérifier avant de basculer' }));

    const confirmTitle = await screen.findByRole('heading', { level: 2, name: 'Confirmer la bascule' });
    await waitFor(() => expect(confirmTitle).toHaveFocus());
    const preview = api.calls.find((c) => c.path === '/api/v1/appointments')!;
    expect(Object.fromEntries(preview.query)).toEqual({ from: '2026-12-07', to: '2026-12-13', site_id: '1', limit: '1000' });
    expect(screen.getByText('2 rendez-vous sur place sont prévus pendant la période :')).toBeInTheDocument();
    expect(screen.getByText('1 passera par téléphone ;')).toBeInTheDocument();
    expect(screen.getByText(/1 sera annulé/)).toBeInTheDocument();
    expect(screen.getByText('« Accueil par téléphone cette semaine. »')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false); // nothing done before confirming

    await user.click(screen.getByRole('button', { name: 'Basculer et prévenir 2 personnes' }));
    const doneTitle = await screen.findByRole('heading', { level: 2, name: 'Bascule faite' });
    await waitFor(() => expect(doneTitle).toHaveFocus());
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({
      site_id: 1, start_date: '2026-12-07', end_date: '2026-12-13', mode: 'phone', cancel_in_person: false, message: 'Accueil par téléphone cette semaine.',
    });
    expect(screen.getByRole('status')).toHaveTextContent('Accueil Caen reçoit par téléphone du lundi 7 décembre 2026 au dimanche 13 décembre 2026.');
    expect(screen.getByRole('status')).toHaveTextContent('Rendez-vous convertis : 1 ; annulés : 1 ; personnes prévenues : 2.');
  });

  it('checks the dates next to their fields, and brings the server’s refusal back to the form', async () => {
    fakeApi({ routes: routes(() => problem(400, 'Une bascule dure au plus 93 jours : renouvelez-la au besoin.', [{ field: 'end_date', message: 'Une bascule dure au plus 93 jours : renouvelez-la au besoin.' }])) });
    const { user } = renderApp('/rendez-vous/bascule');
    await screen.findByRole('option', { name: 'Accueil Caen' }, SLOW);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Vérifier avant de basculer' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Vérifier avant de basculer' }));
    const end = screen.getByLabelText(/Dernier jour/);
    expect(end).toHaveAccessibleDescription(/Indiquez le dernier jour de la bascule\./);
    expect(end).toHaveFocus();
    fireEvent.change(end, { target: { value: '2027-06-30' } });
    await user.click(screen.getByRole('radio', { name: 'Les annuler tous' }));
    await user.click(screen.getByRole('button', { name: 'Vérifier avant de basculer' }));
    expect(await screen.findByText('2 rendez-vous sur place sont prévus pendant la période :')).toBeInTheDocument();
    expect(screen.getByText(/2 seront annulés/)).toBeInTheDocument();
    expect(screen.queryByText(/passer(a|ont) par téléphone/)).toBeNull(); // no line for nothing
    await user.click(screen.getByRole('button', { name: 'Basculer et prévenir 2 personnes' }));
    expect(await screen.findByLabelText(/Dernier jour/)).toHaveAccessibleDescription(/Une bascule dure au plus 93 jours/);
  });

  it('shows the switches in force to the desk, without the form', async () => {
    fakeApi({
      routes: {
        ...asRoles(['reception']),
        'GET /api/v1/reception/crisis-switches': () =>
          json({
            items: [{
              id: 3, site_id: null, site_name: '', start_date: '2026-12-07', end_date: '2026-12-13', mode: 'video', cancel_in_person: true,
              message: 'Tous nos accueils reçoivent en visio.', created_at: '2026-12-04T10:00:00.000Z', converted: 0, cancelled: 4, notified: 4,
            }],
          }),
      },
    });
    renderApp('/rendez-vous/bascule');
    expect(await screen.findByText('« Tous nos accueils reçoivent en visio. »', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText(/Tous les sites/)).toBeInTheDocument();
    expect(screen.getByText(/Rendez-vous convertis : 0 ; annulés : 4 ; personnes prévenues : 4\./)).toBeInTheDocument();
    expect(screen.getByText('Seul un responsable peut basculer un accueil.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Vérifier avant de basculer' })).toBeNull();
  });

  it('counts as the server decides: held appointments in person, converted when the reason allows the mode', () => {
    expect(switchPreview(inRange, [keys, management], 'phone', false)).toEqual({ converted: 1, cancelled: 1 });
    expect(switchPreview(inRange, [keys, management], 'phone', true)).toEqual({ converted: 0, cancelled: 2 });
    expect(switchPreview(inRange, [keys, management], 'video', false)).toEqual({ converted: 0, cancelled: 2 });
    expect(switchPreview(inRange, [], 'phone', false)).toEqual({ converted: 0, cancelled: 2 });
    expect(switchPreview([{ ...appointment, state: 'confirmed', reason_id: 3 }], [management], 'phone', false)).toEqual({ converted: 1, cancelled: 0 });
  });
});
