// Referrals through the API: the list (the landlord's, or those made to the partner), opening one
// from a household's card, closing one. The server decides who may (403/404).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, csrfHeader, type Schemas } from '../../api/client';

export type Referral = Schemas['Referral'];
export type Partner = Schemas['Partner'];
export type ReferralStatus = Referral['status'];

export function useReferrals(status: ReferralStatus, enabled: boolean) {
  return useQuery({
    queryKey: ['referrals', status] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/referrals', { params: { query: { status } }, signal })),
    enabled,
  });
}

export function usePartners(enabled: boolean) {
  return useQuery({
    queryKey: ['partners'] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/partners', { signal })),
    enabled,
  });
}

export function useOpenReferral() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { household_id: number; partner_id: number; reason: string; consent_on?: string; consent_given_by: string }) =>
      call(api.POST('/api/v1/referrals', { params: { header: csrfHeader() }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['referrals'] }),
  });
}

export function useCloseReferral() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.POST('/api/v1/referrals/{id}/close', { params: { path: { id }, header: csrfHeader() } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['referrals'] }),
  });
}

/** The partner's answers: accept, decline with a reason, record what was done. */
export function useAnswerReferral() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { id: number; answer: 'accept' } | { id: number; answer: 'decline'; reason: string } | { id: number; answer: 'outcome'; outcome: string }) => {
      const params = { path: { id: a.id }, header: csrfHeader() };
      if (a.answer === 'accept') return call(api.POST('/api/v1/referrals/{id}/accept', { params }));
      if (a.answer === 'decline') return call(api.POST('/api/v1/referrals/{id}/decline', { params, body: { reason: a.reason } }));
      return call(api.POST('/api/v1/referrals/{id}/outcome', { params, body: { outcome: a.outcome } }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['referrals'] }),
  });
}
