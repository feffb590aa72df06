// Needs, their actions, delivery rounds and the household's outreach timeline through the API.
// The server decides who may (403/404) and names the field of a refusal.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';

export type Need = Schemas['Need'];
export type NeedAction = Schemas['NeedAction'];
export type NeedCategory = Schemas['NeedCategory'];
export type DeliveryRound = Schemas['DeliveryRound'];
export type TimelineEntry = Schemas['TimelineEntry'];

export const NEED_CATEGORIES: readonly NeedCategory[] = [
  'food', 'medicines', 'shopping', 'psychological_support', 'health_concern', 'loneliness', 'money', 'repair', 'other',
];

export type ActionBody = {
  kind: 'delivery' | 'referral' | 'task';
  owner_id: number;
  due_date: string;
  item?: 'food_parcel' | 'medicines';
  partner_id?: number;
  reason?: string;
  consent_on?: string;
  consent_given_by?: string;
  description?: string;
};

export function useNeeds(householdId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['needs', householdId] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/households/{id}/needs', { params: { path: { id: householdId } }, signal })),
    enabled,
  });
}

export function useOutreachTimeline(householdId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['outreach-timeline', householdId] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/households/{id}/timeline', { params: { path: { id: householdId } }, signal })),
    enabled,
  });
}

function useRefreshHousehold(householdId: number) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['needs', householdId] });
    void qc.invalidateQueries({ queryKey: ['outreach-timeline', householdId] });
    void qc.invalidateQueries({ queryKey: ['referrals'] });
  };
}

export function useRecordNeed(householdId: number) {
  const refresh = useRefreshHousehold(householdId);
  return useMutation({
    mutationFn: (body: { category: NeedCategory; description: string }) =>
      call(api.POST('/api/v1/households/{id}/needs', { params: { path: { id: householdId }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

export function useAddAction(householdId: number) {
  const refresh = useRefreshHousehold(householdId);
  return useMutation({
    mutationFn: ({ needId, body }: { needId: number; body: ActionBody }) =>
      call(api.POST('/api/v1/needs/{id}/actions', { params: { path: { id: needId }, header: csrfHeader() }, body })),
    onSuccess: refresh,
  });
}

export function useCloseAction(householdId: number) {
  const refresh = useRefreshHousehold(householdId);
  return useMutation({
    mutationFn: ({ needId, actionId, status }: { needId: number; actionId: number; status: 'done' | 'cancelled' }) =>
      call(api.POST('/api/v1/needs/{id}/actions/close', {
        params: { path: { id: needId }, header: csrfHeader() },
        body: { action_id: actionId, status },
      })),
    onSuccess: refresh,
  });
}

export function useCancelNeed(householdId: number) {
  const refresh = useRefreshHousehold(householdId);
  return useMutation({
    mutationFn: (needId: number) =>
      call(api.POST('/api/v1/needs/{id}/cancel', { params: { path: { id: needId }, header: csrfHeader() } })),
    onSuccess: refresh,
  });
}

export function useDeliveryRounds(date: string) {
  return useQuery({
    queryKey: ['delivery-rounds', date] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/delivery-rounds', { params: { query: { date } }, signal })),
    enabled: date !== '',
  });
}

export function useDeliveryRound(id: number | null) {
  return useQuery({
    queryKey: ['delivery-round', id] as const,
    // JSON (the PDF is opened by the browser through roundPdfUrl).
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/delivery-rounds/{id}', { params: { path: { id: id ?? 0 } }, signal })) as Promise<DeliveryRound>,
    enabled: id !== null,
  });
}

export function useBuildRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { date: string; agency_id: number }) =>
      call(api.POST('/api/v1/delivery-rounds', { params: { header: csrfHeader() }, body })),
    onSuccess: (round) => {
      void qc.invalidateQueries({ queryKey: ['delivery-rounds'] });
      qc.setQueryData(['delivery-round', round.id], round);
    },
  });
}

export function useRecordStop(roundId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { action_id: number; result: 'delivered' | 'failed'; note?: string }) =>
      call(api.POST('/api/v1/delivery-rounds/{id}/stops', { params: { path: { id: roundId }, header: csrfHeader() }, body })),
    onSuccess: (round) => {
      qc.setQueryData(['delivery-round', round.id], round);
      void qc.invalidateQueries({ queryKey: ['delivery-rounds'] });
    },
  });
}

/** The printable list of a round (the PDF), opened by the browser. */
export function roundPdfUrl(id: number): string {
  return `/api/v1/delivery-rounds/${id}?format=pdf`;
}
