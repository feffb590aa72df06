// Support cases through the API (tag "support"). The server decides who may (403/404): call agents
// get the household's summary only; officers and managers read a case; officers change it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';
import type { Role } from '../session/session';

export type SupportCase = Schemas['SupportCase'];
export type SupportCaseSummary = Schemas['SupportCaseSummary'];
export type CaseState = SupportCase['state'];
export type CaseEvent = 'start' | 'start_plan' | 'refer' | 'resume' | 'close' | 'reopen';
export type CaseOutcome = NonNullable<SupportCase['outcome']>;
export type PaymentPlan = Schemas['PaymentPlan'];
export type FslReferral = Schemas['FslReferral'];
export type CaseSolutions = Schemas['CaseSolutions'];

export const OUTCOMES: readonly CaseOutcome[] = [
  'debt_cleared', 'plan_completed', 'referred_elsewhere', 'tenant_declined', 'no_contact', 'tenant_left', 'other',
];

/** The events that apply in each state (mirrors case_state.cc; the server decides). */
export const EVENTS_OF: Record<CaseState, readonly CaseEvent[]> = {
  open: ['start', 'start_plan', 'refer', 'close'],
  in_progress: ['start_plan', 'refer', 'close'],
  plan_active: ['refer', 'resume', 'close'],
  referred: ['start_plan', 'resume', 'close'],
  closed: ['reopen'],
};

/** Who reads a case's content (CanReadCase of the server). */
export function canReadSupportCases(roles: readonly Role[]): boolean {
  return roles.includes('social_support') || roles.includes('manager');
}
/** Who opens and works on cases (CanOpenCase, CanWorkOnCase). */
export function canWorkOnSupportCases(roles: readonly Role[]): boolean {
  return roles.includes('social_support');
}
/** Who sees that a household has a case and its officer (CanSeeCaseExists). */
export function canSeeSupportCases(roles: readonly Role[]): boolean {
  return roles.some((r) => ['administrator', 'manager', 'call_agent', 'social_support', 'reception', 'allocation'].includes(r));
}

export function useHouseholdCases(householdId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['support-cases', 'household', householdId] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/households/{id}/support-cases', { params: { path: { id: householdId } }, signal })),
    enabled,
  });
}

export function useSupportCases(filter: { mine: boolean; state: string }) {
  return useQuery({
    queryKey: ['support-cases', 'list', filter] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/support-cases', {
        params: {
          query: {
            ...(filter.mine ? { mine: '1' as const } : {}),
            ...(filter.state ? { state: filter.state as 'active' } : {}),
            limit: 200,
          },
        },
        signal,
      })),
  });
}

export function useSupportCase(id: number) {
  return useQuery({
    queryKey: ['support-cases', 'one', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/support-cases/{id}', { params: { path: { id } }, signal })),
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return (c: SupportCase) => {
    qc.setQueryData(['support-cases', 'one', c.id], c);
    void qc.invalidateQueries({ queryKey: ['support-cases', 'household', c.household.id] });
    void qc.invalidateQueries({ queryKey: ['support-cases', 'list'] });
    void qc.invalidateQueries({ queryKey: ['outreach-timeline', c.household.id] });
  };
}

export function useOpenCase(householdId: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { reason: string; opened_from: 'household' | 'queue' }) =>
      call(api.POST('/api/v1/households/{id}/support-cases', { params: { path: { id: householdId }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

export function useMoveCase(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { event: CaseEvent; outcome?: CaseOutcome; comment?: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/transitions', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

export function useAddTask(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { title: string; due_date: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/tasks', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

export function useCloseTask(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { task_id: number; status: 'done' | 'cancelled' }) =>
      call(api.POST('/api/v1/support-cases/{id}/tasks/close', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

export function useAddNote(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { body: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/notes', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

export function useAddDocument(id: number) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { filename: string; content_type: 'application/pdf' | 'image/jpeg' | 'image/png'; content_base64: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/documents', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

/** The file's bytes as standard base64 (what the API takes). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function usePaymentPlan(id: number) {
  return useQuery({
    queryKey: ['support-cases', 'plan', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/support-cases/{id}/plan', { params: { path: { id } }, signal })),
  });
}

export function useSetUpPlan(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { months: number; first_due_on: string; signed_on: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/plan', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: (r) => {
      qc.setQueryData(['support-cases', 'plan', id], r);
      void qc.invalidateQueries({ queryKey: ['support-cases', 'one', id] });
      void qc.invalidateQueries({ queryKey: ['support-cases', 'list'] });
    },
  });
}

export function useCancelPlan(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/plan/cancel', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: (r) => {
      qc.setQueryData(['support-cases', 'plan', id], r);
      void qc.invalidateQueries({ queryKey: ['support-cases', 'one', id] });
      void qc.invalidateQueries({ queryKey: ['support-cases', 'list'] });
    },
  });
}

export function useFslReferral(id: number) {
  return useQuery({
    queryKey: ['support-cases', 'fsl', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/support-cases/{id}/fsl', { params: { path: { id } }, signal })),
  });
}

/** After a change of the FSL file: the file, and the case (its state and timeline moved too). */
function useFslRefresh(id: number) {
  const qc = useQueryClient();
  return (r: { referral: FslReferral }) => {
    qc.setQueryData(['support-cases', 'fsl', id], r);
    void qc.invalidateQueries({ queryKey: ['support-cases', 'one', id] });
    void qc.invalidateQueries({ queryKey: ['support-cases', 'list'] });
  };
}

export function usePrepareFsl(id: number) {
  const onSuccess = useFslRefresh(id);
  return useMutation({
    mutationFn: (body: { aid_kind: FslReferral['aid_kind']; monthly_resources_cents: number; resources_note?: string; difficulty?: string; requested_cents?: number }) =>
      call(api.POST('/api/v1/support-cases/{id}/fsl', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess,
  });
}

export function useSendFsl(id: number) {
  const onSuccess = useFslRefresh(id);
  return useMutation({
    mutationFn: (body: { sent_on: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/fsl/send', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess,
  });
}

export function useFslDecision(id: number) {
  const onSuccess = useFslRefresh(id);
  return useMutation({
    mutationFn: (body: { decision: 'granted' | 'partial' | 'refused'; granted_cents?: number; decided_on: string; note?: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/fsl/decision', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess,
  });
}

export function useFslPayment(id: number) {
  const onSuccess = useFslRefresh(id);
  return useMutation({
    mutationFn: (body: { paid_on: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/fsl/payment', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess,
  });
}

export function useCaseSolutions(id: number) {
  return useQuery({
    queryKey: ['support-cases', 'solutions', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/support-cases/{id}/solutions', { params: { path: { id } }, signal })),
  });
}

function useSolutionsRefresh(id: number) {
  const qc = useQueryClient();
  return (r: CaseSolutions) => {
    qc.setQueryData(['support-cases', 'solutions', id], r);
    void qc.invalidateQueries({ queryKey: ['support-cases', 'one', id] });
    void qc.invalidateQueries({ queryKey: ['support-cases', 'list'] });
  };
}

export function usePrepareClaim(id: number) {
  const onSuccess = useSolutionsRefresh(id);
  return useMutation({
    mutationFn: (body: { guarantee: 'visale' | 'loca_pass'; guarantee_reference?: string; obtained_on?: string; notice_sent_on?: string; student?: boolean }) =>
      call(api.POST('/api/v1/support-cases/{id}/guarantee-claims', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess,
  });
}

export function useClaimStep(id: number) {
  const onSuccess = useSolutionsRefresh(id);
  return useMutation({
    mutationFn: (a: { claim: number } & (
      { step: 'send'; body: { sent_on: string } } |
      { step: 'payments'; body: { paid_on: string; amount_cents: number } } |
      { step: 'close'; body: { outcome: 'settled' | 'refused' | 'withdrawn'; closed_on: string } })) => {
      const path = { id, claim_id: a.claim };
      const params = { path, header: csrfHeader() };
      if (a.step === 'send') return call(api.POST('/api/v1/support-cases/{id}/guarantee-claims/{claim_id}/send', { params, body: a.body }));
      if (a.step === 'payments') return call(api.POST('/api/v1/support-cases/{id}/guarantee-claims/{claim_id}/payments', { params, body: a.body }));
      return call(api.POST('/api/v1/support-cases/{id}/guarantee-claims/{claim_id}/close', { params, body: a.body }));
    },
    onSuccess,
  });
}

export function useRecordSolution(id: number) {
  const onSuccess = useSolutionsRefresh(id);
  return useMutation({
    mutationFn: (body: { kind: 'action_logement' | 'benefit_review' | 'social_worker'; started_on: string; detail?: string }) =>
      call(api.POST('/api/v1/support-cases/{id}/other-solutions', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess,
  });
}

export function useSolutionStep(id: number) {
  const onSuccess = useSolutionsRefresh(id);
  return useMutation({
    mutationFn: (a: { solution: number } & (
      { step: 'outcome'; body: { outcome: 'granted' | 'refused' | 'done' | 'declined'; outcome_on: string; amount_cents?: number; job_loss?: boolean } } |
      { step: 'payment'; body: { paid_on: string } })) => {
      const params = { path: { id, solution_id: a.solution }, header: csrfHeader() };
      if (a.step === 'outcome') return call(api.POST('/api/v1/support-cases/{id}/other-solutions/{solution_id}/outcome', { params, body: a.body }));
      return call(api.POST('/api/v1/support-cases/{id}/other-solutions/{solution_id}/payment', { params, body: a.body }));
    },
    onSuccess,
  });
}
