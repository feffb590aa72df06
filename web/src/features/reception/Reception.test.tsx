import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';
import { deskEvents } from './queries';

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });

const site: Schemas['ReceptionSite'] = {
  id: 1, agency_id: 1, name: 'Accueil Caen', address: '2 rue Écuyère', postal_code: '14000', city: 'Caen', access_notes: '',
  capacity: 4, sanitary_capacity: null, sanitary_start_date: null, sanitary_end_date: null, capacity_today: 4, active: true,
};
const appointment: Schemas['Appointment'] = {
  id: 7, site_id: 1, site_name: 'Accueil Caen', reason_id: 2, reason_name: 'Remise des clés', mode: 'in_person',
  start_at: '2026-12-07T08:00:00.000Z', end_at: '2026-12-07T08:30:00.000Z', date: '2026-12-07', time: '09:00', end_time: '09:30',
  people: 1, state: 'booked', arrived_at: null, rescheduled_to: null, staff_name: 'Agnès Accueil', staff_user_id: 3,
  household_id: 42, household_reference: 'T00000042', person_name: 'Famille Martin', applicant_phone: '', applicant_email: '',
  booked_by: 'tenant', notes: '', cancel_reason: '',
};
const day = (items: Schemas['Appointment'][]) =>
  json({ date: '2026-12-07', sites: [site], items, counts: { expected: items.length, arrived: 0, seen: 0, no_show: 0 } });

describe('reception', () => {
  it('shows the day by site and hour; the desk records an arrival with a button named after the person', async () => {
    let current = appointment;
    const api = fakeApi({
      routes: {
        ...asRoles(['reception']),
        'GET /api/v1/reception/day': () => day([current]),
        'POST /api/v1/appointments/7/events': () => {
          current = { ...current, state: 'confirmed', arrived_at: '2026-12-07T07:55:00.000Z' };
          return json(current);
        },
      },
    });
    const { user } = renderApp('/rendez-vous?date=2026-12-07');
    // The module's pages are loaded on first use: give the first one time on a busy machine.
    expect(await screen.findByRole('heading', { level: 1, name: 'Accueil du jour' }, { timeout: 10_000 })).toBeInTheDocument();
    const section = (await screen.findByRole('heading', { level: 2, name: 'Accueil Caen (1)' })).closest('section')!;
    const row = within(section).getByRole('row', { name: /Famille Martin/ });
    expect(row).toHaveTextContent('9 h 00');
    expect(row).toHaveTextContent('Prévu');
    await user.click(within(row).getByRole('button', { name: 'Noter l’arrivée de Famille Martin (rendez-vous de 09:00)' }));
    expect(await screen.findByText('Arrivée de Famille Martin (09:00) notée.')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ event: 'arrive' });
    expect(await within(section).findByText('Confirmé')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Rendez-vous' })).toBeInTheDocument(); // the menu entry
  });

  it('shows no desk buttons to a call agent', async () => {
    fakeApi({ routes: { ...asRoles(['call_agent']), 'GET /api/v1/reception/day': () => day([appointment]) } });
    renderApp('/rendez-vous?date=2026-12-07');
    await screen.findByRole('row', { name: /Famille Martin/ }, { timeout: 10_000 });
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Prendre un rendez-vous' })).toBeInTheDocument();
  });

  it('shows the server’s refusal next to the day', async () => {
    fakeApi({
      routes: {
        ...asRoles(['reception']),
        'GET /api/v1/reception/day': () => day([{ ...appointment, start_at: '2020-01-06T08:00:00.000Z' }]),
        'POST /api/v1/appointments/7/events': () => problem(409, 'La personne est arrivée : elle ne peut pas être notée absente.'),
      },
    });
    const { user } = renderApp('/rendez-vous?date=2026-12-07');
    const row = await screen.findByRole('row', { name: /Famille Martin/ }, { timeout: 10_000 });
    await user.click(within(row).getByRole('button', { name: /Noter l’absence de Famille Martin/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La personne est arrivée : elle ne peut pas être notée absente.');
  });

  it('offers the steps that make sense: no no-show before the start, a late arrival after a no-show', () => {
    const start = Date.parse(appointment.start_at);
    expect(deskEvents(appointment, start - 1)).toEqual(['arrive', 'seen']);
    expect(deskEvents(appointment, start)).toEqual(['arrive', 'seen', 'no_show']);
    expect(deskEvents({ ...appointment, arrived_at: appointment.start_at, state: 'confirmed' }, start + 1)).toEqual(['seen']);
    expect(deskEvents({ ...appointment, state: 'no_show' }, start + 1)).toEqual(['seen']);
    expect(deskEvents({ ...appointment, state: 'cancelled_by_tenant' }, start)).toEqual([]);
  });

  it('books for an applicant in the mode the slot is offered in when a crisis switch holds the day by phone', async () => {
    const talk: Schemas['AppointmentReason'] = {
      id: 3, kind: 'rental_management', name: 'Gestion locative', duration_minutes: 30, modes: ['in_person', 'phone'], booked_by: ['staff'],
      min_delay_minutes: 0, max_delay_days: 60, instructions: '', documents: [], active: true,
    };
    const slot = (day: string, mode: Schemas['FreeSlot']['mode']): Schemas['FreeSlot'] => ({
      site_id: 1, staff_user_id: 3, start_at: `${day}T08:00:00.000Z`, end_at: `${day}T08:30:00.000Z`, date: day, time: '09:00', mode,
    });
    const api = fakeApi({
      routes: {
        ...asRoles(['reception']),
        'GET /api/v1/reception/reasons': () => json({ items: [talk] }),
        'GET /api/v1/reception/sites': () => json({ items: [site] }),
        'GET /api/v1/reception/slots': () => json({ items: [slot('2026-12-07', 'phone'), slot('2026-12-14', 'in_person')] }),
        'POST /api/v1/appointments': () => json({ ...appointment, mode: 'phone', person_name: 'Mme Petit' }, 201),
      },
    });
    const { user } = renderApp('/rendez-vous/prendre');
    await screen.findByRole('option', { name: /Gestion locative/ }, { timeout: 10_000 });
    await user.selectOptions(screen.getByLabelText('Motif du rendez-vous'), '3');
    await user.click(screen.getByRole('radio', { name: /demandeur/i }));
    await user.type(screen.getByLabelText('Nom et prénom'), 'Mme Petit');
    await user.type(screen.getByLabelText('Téléphone'), '0612345678');
    const switched = (await screen.findByRole('heading', { level: 3, name: /7 décembre 2026/ })).closest('section')!;
    expect(switched).toHaveTextContent('Bascule de crise : ce jour-là, l’accueil ne reçoit pas sur place ; ces créneaux se tiennent par téléphone.');
    const usual = screen.getByRole('heading', { level: 3, name: /14 décembre 2026/ }).closest('section')!;
    expect(usual).not.toHaveTextContent('Bascule de crise');
    await user.click(within(switched).getByRole('button', { name: /^9.h.00.*par téléphone/ }));
    await screen.findByText(/Mme Petit/);
    expect(api.calls.find((c) => c.method === 'POST')!.body).toMatchObject({ reason_id: 3, start_at: '2026-12-07T08:00:00.000Z', mode: 'phone' });
  });
});
