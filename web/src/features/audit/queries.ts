// Reading the audit trail through the API: the organisation's trail with its filters, its CSV
// export (a plain download link: the server records the export itself), and who looked at a
// household. Only administrators and the data protection officer may (the server decides: 403).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type AuditEntry = Schemas['AuditEntry'];
export type RecordType = AuditEntry['record_type'];
export type Operation = AuditEntry['operation'];

export const AUDIT_PAGE_SIZE = 50;
/** The household card shows the most recent ones; the journal has the rest. */
export const VIEWS_LIMIT = 50;


/** The record types as they appear in the page's address (French): /journal?type=menage. */
export const TYPE_IN_URL: Record<RecordType, string> = {
  household: 'menage',
  building: 'immeuble',
  dwelling: 'logement',
  referral: 'orientation',
  audit_trail: 'journal',
  staff_user: 'compte',
  staff_invitation: 'invitation',
  tenant_account: 'compte-locataire',
  tenant_portal_settings: 'espace-locataire',
  organisation: 'organisme',
  crisis_plan: 'plan-de-crise',
  call_list: 'liste-d-appels',
  outreach_call: 'appel',
  call_agent_settings: 'reglages-appels',
  outreach_task: 'tache',
  outreach_escalation: 'alerte',
  vulnerability_profile: 'profil-de-fragilite',
  outreach_need: 'besoin',
  outreach_action: 'action',
  delivery_round: 'tournee',
  household_timeline: 'suivi',
  support_case: 'dossier-accompagnement',
  lease_ledger: 'compte-locatif',
  ledger_line: 'ligne-de-compte',
  arrears_step: 'etape-impaye',
  appointment: 'rendez-vous',
  appointment_reason: 'motif-de-rendez-vous',
  appointment_waitlist: 'liste-d-attente',
  reception_site: 'lieu-d-accueil',
  opening_range: 'horaires',
  site_closure: 'fermeture',
  staff_absence: 'absence',
};

/**
 * Every record type of the trail, in the order of the filter: the keys of TYPE_IN_URL, which is
 * typed by the API's AuditRecordType enum (the server's one list), so a type missing here fails tsc.
 */
export const RECORD_TYPES: readonly RecordType[] = Object.keys(TYPE_IN_URL) as RecordType[];

export function typeFromUrl(v: string | null): RecordType | '' {
  const found = RECORD_TYPES.find((r) => TYPE_IN_URL[r] === v);
  return found ?? '';
}

/** The filters of the trail, as the API takes them (empty: not filtered). */
export interface AuditFilters {
  userId: number | null;
  recordType: RecordType | '';
  recordId: number | null;
  /** First and last day of the period (Europe/Paris), YYYY-MM-DD, both included. */
  from: string;
  to: string;
}

/** The query of /api/v1/audit and /api/v1/audit/export for these filters. */
export function filterQuery(f: AuditFilters) {
  return {
    ...(f.userId ? { user_id: f.userId } : {}),
    ...(f.recordType ? { record_type: f.recordType } : {}),
    ...(f.recordType && f.recordId ? { record_id: f.recordId } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** The address of the CSV export of the entries matching these filters. */
export function exportHref(f: AuditFilters): string {
  const q = new URLSearchParams(Object.entries(filterQuery(f)).map(([k, v]) => [k, String(v)]));
  const s = q.toString();
  return s ? `/api/v1/audit/export?${s}` : '/api/v1/audit/export';
}

export function useAuditTrail(f: AuditFilters, after: string) {
  return useQuery({
    queryKey: ['audit', 'list', f, after] as const,
    queryFn: ({ signal }) =>
      call(
        api.GET('/api/v1/audit', {
          params: { query: { limit: AUDIT_PAGE_SIZE, ...filterQuery(f), ...(after ? { after } : {}) } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    // The trail grows with every read: never show an old page as current for long.
    staleTime: 0,
  });
}

export function useHouseholdViews(householdId: number) {
  return useQuery({
    queryKey: ['audit', 'household', householdId] as const,
    queryFn: ({ signal }) =>
      call(
        api.GET('/api/v1/households/{id}/views', {
          params: { path: { id: householdId }, query: { limit: VIEWS_LIMIT } },
          signal,
        }),
      ),
    enabled: householdId > 0,
    staleTime: 0,
  });
}
