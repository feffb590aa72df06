// Crisis plans and the manager's crisis view through the API. The server decides who may do what
// (managers and administrators declare, change, close and read the view); canManageCrisisPlans
// only hides forms that would be refused.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';
import type { Role } from '../session/session';

export type CrisisPlan = Schemas['CrisisPlan'];
export type CrisisKind = CrisisPlan['kind'];
export type Cadence = Schemas['CrisisPlanCadence'];
export type CrisisReport = Schemas['CrisisReport'];
export type CrisisCounts = Schemas['CrisisCounts'];

export const KINDS: readonly CrisisKind[] = ['pandemic_lockdown', 'heatwave', 'cold_snap', 'flood', 'custom'];

/** Mirrors CanManageCrisisPlans and CanReadCrisisReport of the server. */
export function canManageCrisisPlans(roles: readonly Role[]): boolean {
  return roles.includes('manager') || roles.includes('administrator');
}

export interface PlanInput {
  kind: CrisisKind;
  name: string;
  start_date: string;
  end_date: string | null;
  perimeter: { all: boolean; agency_ids: number[]; communes: string[]; building_ids: number[] };
  cadence: Cadence;
  call_hours: { start: string; end: string }[];
  saturday: boolean;
  escalation_days: number;
  call_script: string;
}

const keys = {
  all: ['crisis-plans'] as const,
  one: (id: number) => ['crisis-plans', id] as const,
  report: (id: number) => ['crisis-plans', id, 'report'] as const,
};

export function usePlans() {
  return useQuery({ queryKey: keys.all, queryFn: ({ signal }) => call(api.GET('/api/v1/crisis-plans', { signal })), staleTime: 0 });
}

export function usePlan(id: number) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: ({ signal }) => call(api.GET('/api/v1/crisis-plans/{id}', { params: { path: { id } }, signal })),
    enabled: id > 0,
  });
}

export function useReport(id: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.report(id),
    queryFn: ({ signal }) => call(api.GET('/api/v1/crisis-plans/{id}/report', { params: { path: { id } }, signal })),
    enabled: enabled && id > 0,
    staleTime: 0,
  });
}

export function reportCsvUrl(id: number): string {
  return `/api/v1/crisis-plans/${id}/report.csv`;
}

export function useSavePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body: input }: { id: number | null; body: PlanInput }) => {
      // The contract types perimeter, cadence and hours loosely (any object): the server checks them.
      const body = input as unknown as Schemas['CrisisPlanInput'];
      return id === null
        ? call(api.POST('/api/v1/crisis-plans', { params: { header: csrfHeader() }, body }))
        : call(api.PATCH('/api/v1/crisis-plans/{id}', { params: { path: { id }, header: csrfHeader() }, body }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useClosePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/v1/crisis-plans/{id}/close', { params: { path: { id }, header: csrfHeader() } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export type PlanState = 'active' | 'upcoming' | 'closed';

/** Where a plan stands on `today` (YYYY-MM-DD): its end day is included. */
export function planState(p: CrisisPlan, today: string): PlanState {
  if (p.start_date > today) return 'upcoming';
  if (p.end_date !== null && p.end_date < today) return 'closed';
  return 'active';
}
