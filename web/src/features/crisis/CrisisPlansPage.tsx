// "Plans de crise": the organisation's plans, in force, upcoming and closed. Every staff member of
// the landlord reads them; managers and administrators declare, change and close them, and open
// the crisis view of each plan.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateShort, todayInParis } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { canManageCrisisPlans, planState, useClosePlan, usePlans, type CrisisPlan, type PlanState } from './queries';
import './crisis.css';

export function planTitle(p: CrisisPlan, t: TFunction): string {
  const kind = t(`crisis.kind.${p.kind}`);
  // A name that already says the kind (« Canicule (démo) ») stands alone.
  if (!p.name) return kind;
  return p.name.toLowerCase().startsWith(kind.toLowerCase()) ? p.name : `${kind} — ${p.name}`;
}

export function CrisisPlansPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const manager = canManageCrisisPlans(session.user.roles);
  const plans = usePlans();
  const close = useClosePlan();
  const [closing, setClosing] = useState<CrisisPlan | null>(null);
  const saved = (useLocation().state as { saved?: 'declared' | 'changed' } | null)?.saved;
  const [done, setDone] = useState(saved === 'declared' ? t('crisis.declared') : saved === 'changed' ? t('crisis.changed') : '');
  const today = todayInParis();

  const confirmClose = () => {
    if (!closing) return;
    const p = closing;
    close.mutate(p.id, {
      onSuccess: () => {
        setDone(t('crisis.closed', { name: planTitle(p, t) }));
        setClosing(null);
      },
    });
  };

  return (
    <section className="crisis">
      <PageTitle title={t('crisis.title')} />
      <p className="muted">{t('crisis.intro')}</p>
      {manager && (
        <p>
          <Link className="button button--primary" to="nouveau">
            {t('crisis.declare')}
          </Link>
        </p>
      )}
      {done && (
        <Notice tone="success" live="polite">
          <p>{done}</p>
        </Notice>
      )}
      {closing && (
        <Notice tone="warning" live="assertive">
          <p>{t('crisis.confirmClose', { name: planTitle(closing, t) })}</p>
          {close.isError && <p>{close.error instanceof ApiError && close.error.problem ? close.error.problem.detail : t('errors.generic')}</p>}
          <div className="crisis-actions">
            <button type="button" className="button button--primary" onClick={confirmClose} disabled={close.isPending}>
              {t('crisis.closeConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => { setClosing(null); close.reset(); }}>
              {t('crisis.cancel')}
            </button>
          </div>
        </Notice>
      )}
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <QueryError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.items.length === 0 ? (
        <EmptyState icon="alert" title={t('crisis.empty')} />
      ) : (
        (['active', 'upcoming', 'closed'] as const).map((state) => (
          <PlanGroup
            key={state}
            state={state}
            plans={plans.data.items.filter((p) => planState(p, today) === state)}
            manager={manager}
            onClose={(p) => { setDone(''); setClosing(p); }}
          />
        ))
      )}
    </section>
  );
}

function PlanGroup({ state, plans, manager, onClose }: { state: PlanState; plans: CrisisPlan[]; manager: boolean; onClose: (p: CrisisPlan) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const titleId = `crisis-${state}-title`;
  return (
    <section aria-labelledby={titleId} className="crisis-group">
      <h2 id={titleId}>
        {t(`crisis.state.${state}`)} ({plans.length})
      </h2>
      {plans.length === 0 ? (
        <p className="muted">{t('crisis.noneInState')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t(`crisis.state.${state}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('crisis.colPlan')}</th>
                <th scope="col">{t('crisis.colPeriod')}</th>
                <th scope="col">{t('crisis.colPerimeter')}</th>
                <th scope="col">{t('crisis.colCadence')}</th>
                {manager && <th scope="col">{t('crisis.colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{planTitle(p, t)}</th>
                  <td>
                    {p.end_date
                      ? t('crisis.periodFromTo', { from: formatDateShort(p.start_date, locale), to: formatDateShort(p.end_date, locale) })
                      : t('crisis.periodFrom', { from: formatDateShort(p.start_date, locale) })}
                  </td>
                  <td>
                    {p.perimeter.all
                      ? t('crisis.perimeterAll')
                      : t('crisis.perimeterCounts', {
                          agencies: p.perimeter.agency_ids.length,
                          communes: p.perimeter.communes.length,
                          buildings: p.perimeter.building_ids.length,
                        })}
                  </td>
                  <td>
                    {t('crisis.cadenceShort', { l3: p.cadence.level3_days, l2: p.cadence.level2_days, l1: p.cadence.level1_days })}
                  </td>
                  {manager && (
                    <td>
                      <div className="crisis-actions">
                        <Link to={`${p.id}/vue`}>{t('crisis.viewLink')}<span className="visually-hidden"> : {planTitle(p, t)}</span></Link>
                        {state !== 'closed' && (
                          <>
                            <Link to={`${p.id}/modifier`}>{t('crisis.edit')}<span className="visually-hidden"> : {planTitle(p, t)}</span></Link>
                            <button type="button" className="button button--secondary" onClick={() => onClose(p)}>
                              {t('crisis.close')}<span className="visually-hidden"> : {planTitle(p, t)}</span>
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
