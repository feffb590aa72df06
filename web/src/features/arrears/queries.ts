// Rent arrears through the API: the officers' queue, computing it now, a lease's ledger and
// situation, recording a legal step. The server decides who may (404/403).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';
import type { Role } from '../session/session';

export type QueueItem = Schemas['ArrearsQueueItem'];
export type LeaseArrears = Schemas['LeaseArrears'];
export type StepCode = Schemas['ArrearsStepCode'];

/** Mirrors CanReadArrears of the server (rent_policy.h), which decides. */
export function canReadArrears(roles: readonly Role[]): boolean {
  return roles.includes('social_support') || roles.includes('manager');
}
/** Mirrors CanRecordArrearsStep: the social-support officers (CESF). */
export function canRecordArrearsStep(roles: readonly Role[]): boolean {
  return roles.includes('social_support');
}

export function useArrearsQueue(dueBy: string | null, offset: number, enabled: boolean) {
  return useQuery({
    queryKey: ['arrears', 'queue', dueBy, offset] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/arrears/queue', { params: { query: { limit: 50, offset, ...(dueBy ? { due_by: dueBy } : {}) } }, signal })),
    enabled,
  });
}

export function useComputeArrears() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/arrears/compute', { params: { header: csrfHeader() } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['arrears'] }),
  });
}

export function useLeaseArrears(id: number) {
  return useQuery({
    queryKey: ['arrears', 'lease', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/leases/{id}/arrears', { params: { path: { id } }, signal })),
  });
}

export function useRecordStep(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { step: StepCode; done_on: string; note?: string }) =>
      call(api.POST('/api/v1/leases/{id}/arrears/steps', { params: { path: { id }, header: csrfHeader() }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['arrears'] }),
  });
}
