// Reception through the API (issue 7): the setup, free slots, appointments and the desk's day
// view. The server decides who may do what; the can* helpers only hide buttons it would refuse.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';
import type { Role } from '../session/session';

export type Appointment = Schemas['Appointment'];
export type AppointmentState = Schemas['AppointmentState'];
export type ReceptionSite = Schemas['ReceptionSite'];
export type AppointmentReason = Schemas['AppointmentReason'];
export type OpeningRange = Schemas['OpeningRange'];
export type FreeSlot = Schemas['FreeSlot'];
export type AppointmentNotice = Schemas['AppointmentNotice'];
export type CrisisSwitch = Schemas['CrisisSwitch'];
export type CalendarFeed = Schemas['CalendarFeed'];
export type DeskEvent = 'confirm' | 'arrive' | 'seen' | 'no_show' | 'cancel_by_tenant' | 'cancel_by_landlord';

const has = (roles: readonly Role[], ...wanted: Role[]) => wanted.some((r) => roles.includes(r));
/** Mirrors CanBookAppointments of the server (reception_policy.cc). */
export function canBookAppointments(roles: readonly Role[]): boolean {
  return has(roles, 'reception', 'call_agent', 'social_support', 'allocation', 'manager', 'administrator');
}
/** Mirrors CanRecordAttendance. */
export function canRecordAttendance(roles: readonly Role[]): boolean {
  return has(roles, 'reception', 'manager', 'administrator');
}
/** Mirrors CanManageReceptionSetup. */
export function canManageReception(roles: readonly Role[]): boolean {
  return has(roles, 'manager', 'administrator');
}

const keys = {
  day: (date: string, site: number) => ['reception', 'day', date, site] as const,
  sites: ['reception', 'sites'] as const,
  reasons: ['reception', 'reasons'] as const,
  hours: ['reception', 'opening-hours'] as const,
  staff: ['reception', 'staff'] as const,
  holidays: (year: number) => ['reception', 'holidays', year] as const,
  slots: (q: SlotSearch) => ['reception', 'slots', q] as const,
  appointment: (id: number) => ['reception', 'appointment', id] as const,
  notices: (id: number) => ['reception', 'appointment', id, 'notices'] as const,
  feed: ['reception', 'calendar-feed'] as const,
  switches: ['reception', 'crisis-switches'] as const,
};

export function useDay(date: string, siteId: number) {
  return useQuery({
    queryKey: keys.day(date, siteId),
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/reception/day', { params: { query: { date, ...(siteId ? { site_id: siteId } : {}) } }, signal })),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}
export function useSites() {
  return useQuery({ queryKey: keys.sites, queryFn: ({ signal }) => call(api.GET('/api/v1/reception/sites', { signal })) });
}
export function useReasons() {
  return useQuery({ queryKey: keys.reasons, queryFn: ({ signal }) => call(api.GET('/api/v1/reception/reasons', { signal })) });
}
export function useOpeningHours() {
  return useQuery({ queryKey: keys.hours, queryFn: ({ signal }) => call(api.GET('/api/v1/reception/opening-hours', { signal })) });
}
export function useReceivingStaff() {
  return useQuery({ queryKey: keys.staff, queryFn: ({ signal }) => call(api.GET('/api/v1/reception/staff', { signal })) });
}
export function useHolidays(year: number) {
  return useQuery({
    queryKey: keys.holidays(year),
    queryFn: ({ signal }) => call(api.GET('/api/v1/reception/holidays', { params: { query: { year } }, signal })),
    staleTime: Infinity,
  });
}

export interface SlotSearch {
  reason_id: number;
  site_id: number;
  mode: 'in_person' | 'phone' | 'video';
  from: string;
  to: string;
}
export function useSlots(q: SlotSearch | null) {
  return useQuery({
    queryKey: keys.slots(q ?? { reason_id: 0, site_id: 0, mode: 'in_person', from: '', to: '' }),
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/reception/slots', {
        params: { query: { reason_id: q!.reason_id, mode: q!.mode, from: q!.from, to: q!.to, ...(q!.site_id ? { site_id: q!.site_id } : {}) } },
        signal,
      })),
    enabled: q !== null && q.reason_id > 0,
    staleTime: 0,
  });
}

export function useDeskEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, event }: { id: number; event: DeskEvent }) =>
      call(api.POST('/api/v1/appointments/{id}/events', { params: { path: { id }, header: csrfHeader() }, body: { event } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reception', 'day'] }),
  });
}

export function useBook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['AppointmentBooking']) =>
      call(api.POST('/api/v1/appointments', { params: { header: csrfHeader() }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reception'] }),
  });
}

export function useChangeSite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: Schemas['ReceptionSitePatch'] }) =>
      call(api.PATCH('/api/v1/reception/sites/{id}', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.sites }),
  });
}

/** The desk events that make sense for an appointment now (the server's table decides). */
export function deskEvents(a: Appointment, nowMs: number): DeskEvent[] {
  if (a.state === 'booked' || a.state === 'confirmed') {
    const out: DeskEvent[] = [];
    if (!a.arrived_at) out.push('arrive');
    out.push('seen');
    if (!a.arrived_at && Date.parse(a.start_at) <= nowMs) out.push('no_show');
    return out;
  }
  if (a.state === 'no_show') return ['seen'];
  return [];
}

/** The files of an appointment, downloaded by the browser with the staff session's cookie. */
export const convocationHref = (id: number) => `/api/v1/appointments/${id}/convocation.pdf`;
export const calendarHref = (id: number) => `/api/v1/appointments/${id}/calendar.ics`;
/** Mirrors the server (convocation.cc): only an appointment in person, still held or seen, has one. */
export function hasConvocation(a: Pick<Appointment, 'mode' | 'state'>): boolean {
  return a.mode === 'in_person' && (a.state === 'booked' || a.state === 'confirmed' || a.state === 'seen');
}

export function useAppointment(id: number) {
  return useQuery({
    queryKey: keys.appointment(id),
    queryFn: ({ signal }) => call(api.GET('/api/v1/appointments/{id}', { params: { path: { id } }, signal })),
    enabled: id > 0,
  });
}
export function useNotices(id: number) {
  return useQuery({
    queryKey: keys.notices(id),
    queryFn: ({ signal }) => call(api.GET('/api/v1/appointments/{id}/notices', { params: { path: { id } }, signal })),
    enabled: id > 0,
    staleTime: 0,
  });
}

export function useCalendarFeed() {
  return useQuery({ queryKey: keys.feed, queryFn: ({ signal }) => call(api.GET('/api/v1/me/calendar-feed', { signal })) });
}
export function useCreateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/me/calendar-feed', { params: { header: csrfHeader() } })),
    // The answer is the only one that carries the secret URL: keep it out of the cache's refetches.
    onSuccess: (feed) => qc.setQueryData(keys.feed, { active: feed.active, created_at: feed.created_at }),
  });
}
export function useRevokeCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/me/calendar-feed', { params: { header: csrfHeader() } })),
    onSuccess: () => qc.setQueryData(keys.feed, { active: false, created_at: null }),
  });
}

export function useCrisisSwitches() {
  return useQuery({ queryKey: keys.switches, queryFn: ({ signal }) => call(api.GET('/api/v1/reception/crisis-switches', { signal })) });
}
export type CrisisSwitchRequest = {
  site_id: number | null;
  start_date: string;
  end_date: string;
  mode: 'phone' | 'video';
  cancel_in_person: boolean;
  message: string;
};
export function useSwitchToRemote() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CrisisSwitchRequest) =>
      call(api.POST('/api/v1/reception/crisis-switches', { params: { header: csrfHeader() }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reception'] }),
  });
}

/** The most appointments the preview of a switch reads (the API's page limit). */
export const PREVIEW_LIMIT = 1000;
/**
 * What a switch would do to the appointments in person of its range, as the server decides it
 * (crisis_switch.cc): converted when the reason allows the mode and not all are cancelled.
 */
export function switchPreview(
  items: readonly Appointment[],
  reasons: readonly AppointmentReason[],
  mode: 'phone' | 'video',
  cancelAll: boolean,
): { converted: number; cancelled: number } {
  let converted = 0;
  let cancelled = 0;
  for (const a of items) {
    if (a.mode !== 'in_person' || (a.state !== 'booked' && a.state !== 'confirmed')) continue;
    const reason = reasons.find((r) => r.id === a.reason_id);
    if (!cancelAll && reason?.modes.includes(mode)) converted += 1;
    else cancelled += 1;
  }
  return { converted, cancelled };
}
export async function appointmentsInRange(q: { from: string; to: string; site_id: number | null }): Promise<Appointment[]> {
  const res = await call(api.GET('/api/v1/appointments', {
    params: { query: { from: q.from, to: q.to, limit: PREVIEW_LIMIT, ...(q.site_id ? { site_id: q.site_id } : {}) } },
  }));
  return res.items;
}

// The setup forms (managers): reasons, weekly opening ranges, absences, closures.
export type StaffAbsence = Schemas['StaffAbsence'];
export type SiteClosure = Schemas['SiteClosure'];
export function useAbsences() {
  return useQuery({ queryKey: ['reception', 'absences'], queryFn: ({ signal }) => call(api.GET('/api/v1/reception/absences', { signal })) });
}
export function useClosures() {
  return useQuery({ queryKey: ['reception', 'closures'], queryFn: ({ signal }) => call(api.GET('/api/v1/reception/closures', { signal })) });
}
/** One mutation per change of the setup; each refreshes the whole setup (slots depend on all of it). */
export function useSetupChange<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: ['reception'] }) });
}
export const setupCalls = {
  addReason: (body: Schemas['AppointmentReasonInput']) => call(api.POST('/api/v1/reception/reasons', { params: { header: csrfHeader() }, body })),
  changeReason: ({ id, body }: { id: number; body: Schemas['AppointmentReasonPatch'] }) =>
    call(api.PATCH('/api/v1/reception/reasons/{id}', { params: { path: { id }, header: csrfHeader() }, body })),
  addRange: (body: Schemas['OpeningRangeInput']) => call(api.POST('/api/v1/reception/opening-hours', { params: { header: csrfHeader() }, body })),
  removeRange: (id: number) => call(api.DELETE('/api/v1/reception/opening-hours/{id}', { params: { path: { id }, header: csrfHeader() } })),
  addAbsence: (body: Schemas['StaffAbsenceInput']) => call(api.POST('/api/v1/reception/absences', { params: { header: csrfHeader() }, body })),
  removeAbsence: (id: number) => call(api.DELETE('/api/v1/reception/absences/{id}', { params: { path: { id }, header: csrfHeader() } })),
  addClosure: (body: Schemas['SiteClosureInput']) => call(api.POST('/api/v1/reception/closures', { params: { header: csrfHeader() }, body })),
  removeClosure: (id: number) => call(api.DELETE('/api/v1/reception/closures/{id}', { params: { path: { id }, header: csrfHeader() } })),
};
