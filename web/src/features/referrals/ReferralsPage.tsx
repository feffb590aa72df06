// The "Orientations" page: the referrals of the landlord (or, for a partner, those made to it),
// open or closed, each closable while open. A partner reaches the referred household's card from here.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { canReadReferrals, useSignedIn } from '../session/session';
import { useCloseReferral, useReferrals, type ReferralStatus } from './queries';
import './referrals.css';

export function ReferralsPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const status: ReferralStatus = params.get('etat') === 'closes' ? 'closed' : 'open';
  const allowed = canReadReferrals(session.user.roles);
  const partner = session.user.kind === 'partner';
  const list = useReferrals(status, allowed);
  const close = useCloseReferral();
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('referrals.title')} />
        <Notice tone="info">
          <p>{t('referrals.cannotRead')}</p>
        </Notice>
      </section>
    );
  }
  return (
    <section className="referrals">
      <PageTitle title={t('referrals.title')} />
      <p className="muted">{partner ? t('referrals.introPartner') : t('referrals.intro')}</p>
      <div role="group" aria-label={t('referrals.title')} className="segmented">
        {(['open', 'closed'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={s === status ? 'button button--primary' : 'button'}
            aria-pressed={s === status}
            onClick={() => setParams(s === 'closed' ? { etat: 'closes' } : {})}
          >
            {t(`referrals.${s}`)}
          </button>
        ))}
      </div>
      {close.error && <QueryError error={close.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState icon="households" title={status === 'open' ? t('referrals.empty') : t('referrals.emptyClosed')} />
      ) : (
        <table className="table">
          <caption>{t('referrals.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('referrals.household')}</th>
              <th scope="col">{t('referrals.commune')}</th>
              <th scope="col">{partner ? t('referrals.landlord') : t('referrals.partner')}</th>
              <th scope="col">{t('referrals.reason')}</th>
              <th scope="col">{status === 'open' ? t('referrals.openedAt') : t('referrals.closedAt')}</th>
              {status === 'open' && <th scope="col"><span className="visually-hidden">{t('referrals.close')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {status === 'open' ? <Link to={`/menages/${r.household_id}`}>{r.household_name}</Link> : r.household_name}
                </th>
                <td>{r.commune_name}</td>
                <td>{partner ? r.landlord.name : r.partner.name}</td>
                <td>{r.reason}</td>
                <td>{formatDateTime(status === 'open' ? r.opened_at : (r.closed_at ?? r.opened_at), localeOf(i18n.language))}</td>
                {status === 'open' && (
                  <td>
                    <button
                      type="button"
                      className="button"
                      disabled={close.isPending}
                      aria-label={t('referrals.closeLabel', { name: r.household_name })}
                      onClick={() => close.mutate(r.id)}
                    >
                      {t('referrals.close')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
