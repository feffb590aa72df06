// The household timeline's source for outreach: calls and their attempts, needs, actions,
// referrals, tasks, support cases, escalations (raised, then their outcome) and the rent debt
// (when the arrears began, the CAF threshold reached, the legal steps done), from
// GET /api/v1/households/{id}/timeline (contact staff only; the debt only for who may read the
// ledger: the server leaves it out for the others).
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n';
import { formatDateShort, formatInstantDate, formatMoney } from '../../lib/format';
import type { IconName } from '../../ui/Icon';
import type { TimelineEvent, TimelineSource } from '../households/timeline/sources';
import { canEditHousehold, useSignedIn } from '../session/session';
import { canReadSupportCases } from '../support/queries';
import { useOutreachTimeline, type TimelineEntry } from './queries';

const ICONS: Record<TimelineEntry['type'], IconName> = {
  call: 'phone', call_attempt: 'phone', need: 'alert', action: 'check', referral: 'households', task: 'edit', support_case: 'euro',
  escalation: 'alert', escalation_outcome: 'alert', rent_arrears: 'euro', rent_caf_threshold: 'euro', rent_step: 'euro',
};

const RENT_TYPES: ReadonlySet<TimelineEntry['type']> = new Set(['rent_arrears', 'rent_caf_threshold', 'rent_step']);

/** A code's words from a group of `needs.*`, or the code itself when unknown. */
function useWords() {
  const { t, i18n } = useTranslation();
  return (group: string, code: string) => {
    const key = `needs.${group}.${code}`;
    return i18n.exists(key) ? (t as (k: string) => string)(key) : code;
  };
}

export function useTitleOf() {
  const { t, i18n } = useTranslation();
  const words = useWords();
  return (e: TimelineEntry): string => {
    switch (e.type) {
      case 'call':
        return t('needs.timeline.call', { date: formatDateShort(e.text, localeOf(i18n.language)), status: words('callStates', e.status) });
      case 'call_attempt':
        return t('needs.timeline.call_attempt', { status: words('outcomes', e.status) });
      case 'need':
        return t('needs.timeline.need', { code: words('categories', e.code), status: words('status', e.status) });
      case 'action':
        return t('needs.timeline.action', {
          code: e.code === 'food_parcel' || e.code === 'medicines' ? words('items', e.code) : words('kinds', e.code),
          status: words('status', e.status),
        });
      case 'referral':
        return t('needs.timeline.referral', { text: e.text, status: words('referralStates', e.status) });
      case 'task':
        return t('needs.timeline.task', { code: words('taskKinds', e.code), status: words('status', e.status) });
      case 'escalation':
        return t('needs.timeline.escalation', {
          date: formatDateShort(e.code, localeOf(i18n.language)),
          status: words('escalationStates', e.status),
        });
      case 'escalation_outcome':
        return t('needs.timeline.escalation_outcome', {
          action: e.code ? (t as (k: string) => string)(`alerts.actions.${e.code}`) : t('alerts.noAction'),
        });
      case 'support_case':
        // Only that a case was opened or closed and its officer: never its content.
        return t(e.status === 'closed' ? 'needs.timeline.support_case_closed' : 'needs.timeline.support_case', { text: e.text });
      case 'rent_arrears': {
        const locale = localeOf(i18n.language);
        const d = e.debt;
        return t('needs.timeline.rent_arrears', {
          date: formatInstantDate(e.at, locale),
          arrears: d ? formatMoney(d.arrears_cents, locale) : '',
          months: d ? (d.months_hundredths / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '',
          balance: d ? formatMoney(d.balance_cents, locale) : '',
        });
      }
      case 'rent_caf_threshold':
        return t('needs.timeline.rent_caf_threshold', {
          threshold: e.debt ? formatMoney(e.debt.caf_threshold_cents, localeOf(i18n.language)) : '',
        });
      case 'rent_step':
        return t('needs.timeline.rent_step', { step: (t as (k: string) => string)(`arrears.stepNames.${e.code}`) });
    }
  };
}

export const outreachSource: TimelineSource = {
  id: 'outreach',
  useEvents: (householdId) => {
    const session = useSignedIn();
    const allowed = canEditHousehold(session.user.roles);
    const q = useOutreachTimeline(householdId, allowed);
    const titleOf = useTitleOf();
    const { t } = useTranslation();
    const events: TimelineEvent[] = (q.data?.items ?? []).map((e) => ({
      key: `outreach:${e.type}:${e.id}`,
      at: e.at,
      // Rent entries are days (the arrears' first unpaid due date, a step's date).
      ...(RENT_TYPES.has(e.type) ? { dayOnly: true } : {}),
      icon: ICONS[e.type],
      title: titleOf(e),
      // The partner's name is in the title already; a call's text is its list date; an escalation
      // outcome's text is what was done.
      detail: e.type === 'referral' || e.type === 'call' || e.type === 'support_case' || !e.text
        ? undefined
        // The arrears' text is the next step of the legal clock, in the queue's words.
        : e.type === 'rent_arrears' ? t('needs.timeline.rent_next', { reason: e.text }) : e.text,
      // The case's page, for those who may read it (officers and managers); others see the line only.
      ...(e.type === 'support_case' && canReadSupportCases(session.user.roles) ? { href: `/accompagnement/${e.id}` } : {}),
      // The lease's account: the server sends the debt only to who may read it.
      ...(e.type === 'rent_arrears' ? { href: `/impayes/baux/${e.id}` } : {}),
    }));
    return { events, loading: allowed && q.isPending, error: q.error };
  },
};
