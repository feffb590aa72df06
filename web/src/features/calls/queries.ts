// The day's calls through the API: the agent's own list, the manager's whole list with its counts,
// building it, the call agents (for reassignment) and reassigning a call. The server decides who
// may (403/404).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';

export type ListedCall = Schemas['ListedCall'];
export type AgentCall = Schemas['AgentCall'];
export type CallState = Schemas['CallState'];
export type CallAgent = Schemas['CallAgentSettings'] & { assigned: number };

export const CALL_STATES: readonly CallState[] = ['due', 'retry', 'callback', 'reached', 'refused', 'wrong_number', 'unreachable', 'cancelled'];

export interface CallListFilter {
  agency_id?: number;
  /** An agent's id, or 'none' for the unassigned calls. */
  agent_id?: string;
  state?: CallState;
}

export function useMyCalls(date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['calls', 'mine', date] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/me/calls', { params: { query: { date } }, signal })),
    enabled,
  });
}

export function useCallList(date: string, filter: CallListFilter, enabled: boolean) {
  return useQuery({
    queryKey: ['calls', 'list', date, filter] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/call-lists/{date}', { params: { path: { date }, query: filter }, signal })),
    enabled,
  });
}

export function useCallAgents(date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['calls', 'agents', date] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/call-agents', { params: { query: { date } }, signal })),
    enabled,
  });
}

export function useBuildCallList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (date: string) =>
      call(api.POST('/api/v1/call-lists/{date}/build', { params: { path: { date }, header: csrfHeader() } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['calls'] }),
  });
}

export function useReassignCall() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, agent_id }: { id: number; agent_id: number | null }) =>
      call(api.PUT('/api/v1/calls/{id}/agent', { params: { path: { id }, header: csrfHeader() }, body: { agent_id } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['calls'] }),
  });
}

/** The agents who may take a call of `agencyId`: available, of that agency or of every agency. */
export function agentsFor(agents: readonly CallAgent[], agencyId: number | null): CallAgent[] {
  return agents.filter((a) => a.available && (a.agency_ids.length === 0 || (agencyId !== null && a.agency_ids.includes(agencyId))));
}
