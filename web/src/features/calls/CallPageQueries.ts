// A call of the day's list, its attempts, the follow-up tasks and the alerts (escalations) through
// the API. The server decides who may (403/404); these role checks only choose what to show.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';
import type { Role } from '../session/session';

export type OutreachCall = Schemas['OutreachCall'];
export type CallOutcome = OutreachCall['attempts'][number]['outcome'];
export type OutreachTask = Schemas['OutreachTask'];
export type Escalation = Schemas['Escalation'];
export type EscalationAction = NonNullable<Escalation['action']>;

export const OUTCOMES: readonly CallOutcome[] = [
  'reached_fine',
  'reached_needs_help',
  'reached_refuses',
  'callback_requested',
  'no_answer',
  'voicemail',
  'busy',
  'wrong_number',
];
export const ESCALATION_ACTIONS: readonly EscalationAction[] = [
  'caretaker_visit',
  'emergency_contact',
  'town_social_service',
  'emergency_services',
];

/** Call agents, managers and social workers (CESF) see the calls and the tasks. */
export function canReadCalls(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'call_agent' || r === 'manager' || r === 'social_support');
}
/** Managers and administrators work the alerts. */
export function canManageEscalations(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'manager' || r === 'administrator');
}

export function useCall(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['calls', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/calls/{id}', { params: { path: { id } }, signal })),
    enabled,
  });
}

export interface AttemptBody {
  outcome: CallOutcome;
  note?: string;
  callback_at?: string;
}
export function useRecordAttempt(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AttemptBody) =>
      call(api.POST('/api/v1/calls/{id}/attempts', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: (data) => {
      qc.setQueryData(['calls', id], data);
      void qc.invalidateQueries({ queryKey: ['outreach-tasks'] });
    },
  });
}

export function useOutreachTasks(status: 'open' | 'done', enabled: boolean) {
  return useQuery({
    queryKey: ['outreach-tasks', status] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/outreach-tasks', { params: { query: { status } }, signal })),
    enabled,
  });
}
export function useCloseTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/v1/outreach-tasks/{id}/close', { params: { path: { id }, header: csrfHeader() }, body: { status: 'done' } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['outreach-tasks'] }),
  });
}

export function useEscalations(status: 'open' | 'closed', enabled: boolean) {
  return useQuery({
    queryKey: ['escalations', status] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/escalations', { params: { query: { status } }, signal })),
    enabled,
  });
}
export function useEscalationAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, outcome }: { id: number; action: EscalationAction; outcome: string }) =>
      call(api.POST('/api/v1/escalations/{id}/action', { params: { path: { id }, header: csrfHeader() }, body: { action, outcome } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['escalations'] }),
  });
}
export function useCloseEscalation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome }: { id: number; outcome: string }) =>
      call(api.POST('/api/v1/escalations/{id}/close', { params: { path: { id }, header: csrfHeader() }, body: { outcome } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['escalations'] }),
  });
}
