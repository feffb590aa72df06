// What fills a household's "Chronologie". Each later module (calls, appointments, arrears, support
// cases, work orders, requests) adds one source here: a hook that reads its public API for the
// household and returns its events. The timeline merges them, newest first.
import type { IconName } from '../../../ui/Icon';

export interface TimelineEvent {
  /** Unique across sources: `<source>:<id>`. */
  key: string;
  /** When it happened (ISO 8601 instant) or is planned. */
  at: string;
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

/** None yet: the modules that fill the timeline are still to come. */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [];
