// Staff administration through the API (administrators of the organisation; the server decides:
// 403 otherwise), and the public invitation page (by token, no session).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';

export type StaffMember = Schemas['StaffMember'];
export type StaffInvitation = Schemas['StaffInvitation'];
export type Role = Schemas['Role'];
export type PortalSettings = Schemas['TenantPortalSettings'];

export const ROLES: readonly Role[] = [
  'administrator', 'manager', 'call_agent', 'social_support', 'reception', 'allocation', 'technical', 'caretaker', 'data_protection',
];

const keys = { staff: ['staff'] as const, invitations: ['staff', 'invitations'] as const, mfaPolicy: ['mfa-policy'] as const, portal: ['tenant-portal'] as const };

export function useStaff() {
  return useQuery({ queryKey: keys.staff, queryFn: ({ signal }) => call(api.GET('/api/v1/staff', { signal })), staleTime: 0 });
}

export function useInvitations() {
  return useQuery({
    queryKey: keys.invitations,
    queryFn: ({ signal }) => call(api.GET('/api/v1/staff/invitations', { signal })),
    staleTime: 0,
  });
}

export interface InvitationInput {
  email: string;
  display_name: string;
  roles: Role[];
  agency_ids: number[];
}

export function useInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationInput) =>
      call(api.POST('/api/v1/staff/invitations', { params: { header: csrfHeader() }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.invitations }),
  });
}

export function useRevoke() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.DELETE('/api/v1/staff/invitations/{id}', { params: { path: { id }, header: csrfHeader() } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.invitations }),
  });
}

export interface StaffPatch {
  display_name?: string;
  roles?: Role[];
  agency_ids?: number[];
}

export function useUpdateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: StaffPatch }) =>
      call(api.PATCH('/api/v1/staff/{id}', { params: { path: { id }, header: csrfHeader() }, body: patch })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.staff }),
  });
}

export function useSetActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) =>
      active
        ? call(api.POST('/api/v1/staff/{id}/reactivate', { params: { path: { id }, header: csrfHeader() } }))
        : call(api.POST('/api/v1/staff/{id}/deactivate', { params: { path: { id }, header: csrfHeader() } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.staff }),
  });
}

export function useOpenInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/invitations/{token}', { params: { path: { token } }, signal })),
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (password: string) =>
      call(api.POST('/api/v1/invitations/{token}', { params: { path: { token } }, body: { password } })),
  });
}

/** Removes a staff member's second factor (a lost phone); they enrol again. */
export function useResetMfa() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/v1/staff/{id}/mfa/reset', { params: { path: { id }, header: csrfHeader() } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.staff }),
  });
}

export function useMfaPolicy() {
  return useQuery({ queryKey: keys.mfaPolicy, queryFn: ({ signal }) => call(api.GET('/api/v1/organisation/mfa-policy', { signal })) });
}

export function useSetMfaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (grace_days: number | null) =>
      call(api.PUT('/api/v1/organisation/mfa-policy', { params: { header: csrfHeader() }, body: { grace_days } })),
    onSuccess: (p) => qc.setQueryData(keys.mfaPolicy, p),
  });
}

/** What tenants see in their portal (administrators change it; managers read it). */
export function usePortalSettings() {
  return useQuery({ queryKey: keys.portal, queryFn: ({ signal }) => call(api.GET('/api/v1/tenant-portal/settings', { signal })) });
}

export function useSetPortalSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalSettings) =>
      call(api.PUT('/api/v1/tenant-portal/settings', { params: { header: csrfHeader() }, body })),
    onSuccess: (p) => qc.setQueryData(keys.portal, p),
  });
}
