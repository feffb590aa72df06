// What fills a household's "Chronologie". Each later module (calls, appointments, arrears, support
// cases, work orders, requests) adds one source here: a hook that reads its public API for the
// household and returns its events. The timeline merges them, newest first.
import type { IconName } from '../../../ui/Icon';
import { outreachSource } from '../../needs/timelineSource';

export interface TimelineEvent {
  /** Unique across sources: `<source>:<id>`. */
  key: string;
  /** When it happened (ISO 8601 instant) or is planned. */
  at: string;
  /** True when only its day is known (a rent entry: at is midnight in Paris): no time shown. */
  dayOnly?: boolean;
  icon: IconName;
  /** What happened, in words ("Appel : pas de réponse"). */
  title: string;
  detail?: string;
  /** Its own page, when it has one. */
  href?: string;
}

export interface TimelineSourceResult {
  events: TimelineEvent[];
  loading: boolean;
  error: unknown;
}

export interface TimelineSource {
  id: string;
  useEvents: (householdId: number) => TimelineSourceResult;
}

/** Outreach: calls, needs, actions, referrals, tasks, support cases and the rent debt (one API call:
 * the server merges them, and leaves out the debt for who may not read the ledger). */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [outreachSource];
