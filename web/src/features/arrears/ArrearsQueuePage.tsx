// The "Impayés" page: the social-support officers' queue of leases whose next legal step is set,
// the nearest deadline first, with the reason in words; the steps a declared crisis holds come
// last and say so. The officer opens a lease's account from here; managers may recompute it now.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateShort, formatMoney } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { canReadArrears, useArrearsQueue, useComputeArrears } from './queries';
import './arrears.css';

const PAGE = 50;

export function ArrearsQueuePage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const allowed = canReadArrears(session.user.roles);
  const dueSoon = params.get('echeance') === '30j';
  const offset = Math.max(0, Number(params.get('debut') ?? '0') || 0);
  const dueBy = dueSoon ? new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10) : null;
  const queue = useArrearsQueue(dueBy, offset, allowed);
  const compute = useComputeArrears();
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('arrears.title')} />
        <Notice tone="info">
          <p>{t('arrears.cannotRead')}</p>
        </Notice>
      </section>
    );
  }
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    if (key !== 'debut') next.delete('debut');
    setParams(next);
  };
  return (
    <section className="arrears">
      <PageTitle title={t('arrears.title')} />
      <p className="muted">{t('arrears.intro')}</p>
      <div className="arrears__bar">
        <div role="group" aria-label={t('arrears.filter')} className="segmented">
          {([false, true] as const).map((soon) => (
            <button
              key={String(soon)}
              type="button"
              className={soon === dueSoon ? 'button button--primary' : 'button'}
              aria-pressed={soon === dueSoon}
              onClick={() => setParam('echeance', soon ? '30j' : null)}
            >
              {soon ? t('arrears.dueSoon') : t('arrears.all')}
            </button>
          ))}
        </div>
        <button type="button" className="button" onClick={() => compute.mutate()} disabled={compute.isPending}>
          {compute.isPending ? t('arrears.computing') : t('arrears.compute')}
        </button>
      </div>
      {compute.error && <QueryError error={compute.error} />}
      {compute.data && (
        <p role="status" className="muted">
          {t('arrears.computed', { leases: compute.data.leases, withStep: compute.data.with_step })}
        </p>
      )}
      {queue.isPending ? (
        <Loading />
      ) : queue.error ? (
        <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
      ) : (
        <>
          {queue.data.crises.length > 0 && (
            <Notice tone="warning">
              <p>{t('arrears.crisis', { crises: queue.data.crises.join(', ') })}</p>
            </Notice>
          )}
          <p className="muted">
            {queue.data.computed_on
              ? t('arrears.computedOn', { date: formatDateShort(queue.data.computed_on, locale), count: queue.data.total })
              : t('arrears.neverComputed')}
          </p>
          {queue.data.items.length === 0 ? (
            <EmptyState icon="check" title={t('arrears.empty')}>
              <p>{t('arrears.emptyHelp')}</p>
            </EmptyState>
          ) : (
            <table className="table arrears__table">
              <caption>{t('arrears.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('arrears.household')}</th>
                  <th scope="col">{t('arrears.next')}</th>
                  <th scope="col">{t('arrears.due')}</th>
                  <th scope="col" className="num">{t('arrears.arrears')}</th>
                  <th scope="col" className="num">{t('arrears.months')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.items.map((i) => (
                  <tr key={i.lease_id}>
                    <th scope="row">
                      <Link to={`/impayes/baux/${i.lease_id}`}>{i.household_name || i.household_reference}</Link>
                      <div className="muted">{i.household_reference}</div>
                    </th>
                    <td>
                      <strong>{i.next.label}</strong>
                      {i.next.paused && <span className="badge badge--paused">{t('arrears.paused')}</span>}
                      <div>{i.next.reason}</div>
                    </td>
                    <td>
                      {i.next.not_before ? t('arrears.from') : t('arrears.before')} {formatDateShort(i.next.due, locale)}
                    </td>
                    <td className="num">{formatMoney(i.arrears_cents, locale)}</td>
                    <td className="num">{(i.months_hundredths / 100).toLocaleString(locale, { minimumFractionDigits: 2 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {queue.data.total > PAGE && (
            <nav aria-label={t('arrears.pages')} className="arrears__pages">
              <button type="button" className="button" disabled={offset === 0} onClick={() => setParam('debut', String(Math.max(0, offset - PAGE)))}>
                {t('arrears.previous')}
              </button>
              <span>{t('arrears.range', { from: offset + 1, to: Math.min(offset + PAGE, queue.data.total), total: queue.data.total })}</span>
              <button type="button" className="button" disabled={offset + PAGE >= queue.data.total} onClick={() => setParam('debut', String(offset + PAGE))}>
                {t('arrears.nextPage')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
