// The household timeline's source for outreach: calls and their attempts, needs, actions,
// referrals and tasks, from GET /api/v1/households/{id}/timeline (contact staff only).
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n';
import { formatDateShort } from '../../lib/format';
import type { IconName } from '../../ui/Icon';
import type { TimelineEvent, TimelineSource } from '../households/timeline/sources';
import { canEditHousehold, useSignedIn } from '../session/session';
import { canReadSupportCases } from '../support/queries';
import { useOutreachTimeline, type TimelineEntry } from './queries';

const ICONS: Record<TimelineEntry['type'], IconName> = {
  call: 'phone', call_attempt: 'phone', need: 'alert', action: 'check', referral: 'households', task: 'edit', support_case: 'euro',
};

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
      case 'support_case':
        // Only that a case was opened or closed and its officer: never its content.
        return t(e.status === 'closed' ? 'needs.timeline.support_case_closed' : 'needs.timeline.support_case', { text: e.text });
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
    const events: TimelineEvent[] = (q.data?.items ?? []).map((e) => ({
      key: `outreach:${e.type}:${e.id}`,
      at: e.at,
      icon: ICONS[e.type],
      title: titleOf(e),
      // The partner's name is in the title already; a call's text is its list date.
      detail: e.type === 'referral' || e.type === 'call' || e.type === 'support_case' || !e.text ? undefined : e.text,
      // The case's page, for those who may read it (officers and managers); others see the line only.
      ...(e.type === 'support_case' && canReadSupportCases(session.user.roles) ? { href: `/accompagnement/${e.id}` } : {}),
    }));
    return { events, loading: allowed && q.isPending, error: q.error };
  },
};
