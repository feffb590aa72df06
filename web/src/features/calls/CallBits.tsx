// Pieces shared by the call pages: the level badge with its reasons, the plan's name, the state.
import { useTranslation } from 'react-i18next';
import type { ListedCall } from './queries';

export function LevelBadge({ level, reasons }: { level: number; reasons?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`call-level call-level--${level}`}>
      <strong>{t('calls.level', { level })}</strong>
      {reasons && <span className="call-level__reasons"> {reasons.replace(/^\d — /, '')}</span>}
    </span>
  );
}

export function PlanName({ call }: { call: Pick<ListedCall, 'plan_kind' | 'plan_name'> }) {
  const { t } = useTranslation();
  return <>{call.plan_name || t(`calls.planKind.${call.plan_kind}`)}</>;
}

export function StateLabel({ state }: { state: ListedCall['state'] }) {
  const { t } = useTranslation();
  return <span className={`call-state call-state--${state}`}>{t(`calls.states.${state}`)}</span>;
}
