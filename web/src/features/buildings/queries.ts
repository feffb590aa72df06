// Reading buildings, dwellings and communes through the API.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { householdKeys, type HouseholdSummary } from '../households/queries';

export type Building = Schemas['Building'];
export type Dwelling = Schemas['Dwelling'];
export type Commune = Schemas['Commune'];

export const PAGE_SIZE = 25;

export interface BuildingFilters {
  commune: string;
  q: string;
  after: string;
}

export function useBuildings(f: BuildingFilters) {
  return useQuery({
    queryKey: ['buildings', 'list', f] as const,
    queryFn: ({ signal }) =>
      call(
        api.GET('/api/v1/buildings', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(f.commune ? { commune_insee: f.commune } : {}),
              ...(f.q.trim() ? { q: f.q.trim() } : {}),
              ...(f.after ? { after: f.after } : {}),
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useBuilding(id: number) {
  return useQuery({
    queryKey: ['buildings', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/buildings/{id}', { params: { path: { id } }, signal })),
    enabled: id > 0,
  });
}

export function useDwellings(buildingId: number) {
  return useQuery({
    queryKey: ['buildings', buildingId, 'dwellings'] as const,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/buildings/{id}/dwellings', { params: { path: { id: buildingId } }, signal })),
    enabled: buildingId > 0,
  });
}

export function useDwelling(id: number) {
  return useQuery({
    queryKey: ['dwellings', id] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/dwellings/{id}', { params: { path: { id } }, signal })),
    enabled: id > 0,
  });
}

/** The households of a building, by id (to name the occupant of each dwelling). */
export function useBuildingHouseholds(buildingId: number) {
  return useQuery({
    queryKey: householdKeys.ofBuilding(buildingId),
    queryFn: async ({ signal }) => {
      const byId = new Map<number, HouseholdSummary>();
      let after: string | undefined;
      // A building rarely holds more than a few hundred households; stop at 1,000.
      for (let page = 0; page < 5; page++) {
        const res = await call(
          api.GET('/api/v1/households', {
            params: { query: { building_id: buildingId, limit: 200, ...(after ? { after } : {}) } },
            signal,
          }),
        );
        for (const h of res.items) byId.set(h.id, h);
        if (!res.next_cursor) break;
        after = res.next_cursor;
      }
      return byId;
    },
    enabled: buildingId > 0,
  });
}

export function useCommunes(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['communes', query] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/communes', { params: { query: { q: query, limit: 10 } }, signal })),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useCommune(insee: string) {
  return useQuery({
    queryKey: ['communes', 'code', insee] as const,
    queryFn: async ({ signal }) => {
      const res = await call(api.GET('/api/v1/communes', { params: { query: { q: insee, limit: 5 } }, signal }));
      return res.items.find((c) => c.insee === insee) ?? null;
    },
    enabled: /^\d{5}$/.test(insee),
    staleTime: Infinity,
  });
}

export function useAgencies() {
  return useQuery({
    queryKey: ['agencies'] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/agencies', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** Names of the départements of Normandy. */
export const DEPARTEMENTS: Record<string, string> = {
  '14': 'Calvados',
  '27': 'Eure',
  '50': 'Manche',
  '61': 'Orne',
  '76': 'Seine-Maritime',
};
