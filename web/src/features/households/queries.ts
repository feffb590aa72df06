// Reading and changing households through the API (TanStack Query keys live here).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';

export type Household = Schemas['Household'];
export type HouseholdSummary = Schemas['HouseholdSummary'];
export type HouseholdPatch = Schemas['HouseholdPatch'];
export type Member = Schemas['Member'];

export const SEARCH_LIMIT = 20;
export const MIN_QUERY = 2;

export const householdKeys = {
  all: ['households'] as const,
  search: (q: string) => ['households', 'search', q] as const,
  one: (id: number) => ['households', id] as const,
  ofBuilding: (buildingId: number) => ['households', 'building', buildingId] as const,
};

/** A query worth sending: 2 characters, or digits of a phone number. */
export function searchable(q: string): boolean {
  return q.trim().length >= MIN_QUERY;
}

export function useHouseholdSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: householdKeys.search(query),
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/households/search', { params: { query: { q: query, limit: SEARCH_LIMIT } }, signal })),
    enabled: searchable(query),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export function useHousehold(id: number) {
  return useQuery({
    queryKey: householdKeys.one(id),
    queryFn: ({ signal }) => call(api.GET('/api/v1/households/{id}', { params: { path: { id } }, signal })),
  });
}

export function useUpdateHousehold(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: HouseholdPatch) =>
      call(api.PATCH('/api/v1/households/{id}', { params: { path: { id }, header: csrfHeader() }, body: patch })),
    onSuccess: (h) => {
      qc.setQueryData(householdKeys.one(id), h);
      void qc.invalidateQueries({ queryKey: ['households', 'search'] });
      void qc.invalidateQueries({ queryKey: ['households', 'building'] });
    },
  });
}
