// The "Tableau de bord" page: aggregated counts per commune or per landlord, for the regional
// association (every landlord) and a landlord's managers (their own). Suppressed cells (< 11, and
// those that would let one be recomputed) come as null from the server and are shown as "<11".
// A landlord's manager also sees the open escalations (alerts about unreachable level-3 tenants)
// until they are closed on the Alertes page.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateShort } from '../../lib/format';
import { api, call, type Schemas } from '../../api/client';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { canReadFigures, useSignedIn } from '../session/session';
import '../referrals/referrals.css';

type Cell = Schemas['FigureCell'];
type By = Schemas['Figures']['by'];

function useFigures(by: By, enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard', by] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/dashboard/figures', { params: { query: { by } }, signal })),
    enabled,
  });
}

function useOpenEscalations(enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard', 'escalations'] as const,
    queryFn: ({ signal }) => call(api.GET('/api/v1/dashboard/escalations', { signal })),
    enabled,
  });
}

/** The open alerts, oldest first, with the way to the Alertes page where they are handled. */
function OpenEscalations() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const q = useOpenEscalations(true);
  return (
    <section aria-labelledby="dashboard-escalations-title" className="dashboard__escalations">
      <h2 id="dashboard-escalations-title">{t('dashboard.escalationsTitle')}</h2>
      <p className="muted">{t('dashboard.escalationsIntro')}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p>{t('dashboard.escalationsNone')}</p>
      ) : (
        <ul>
          {q.data.items.map((e) => (
            <li key={e.id}>
              <Link to={`/menages/${e.household.id}`}>
                {t('dashboard.escalationLine', {
                  name: e.member_name,
                  reference: e.household.reference,
                  agency: e.agency.name,
                  since: formatDateShort(e.unreachable_since, locale),
                })}
              </Link>
              {e.action && <> — {t('dashboard.escalationAction', { action: t(`alerts.actions.${e.action}`) })}</>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/alertes">{t('dashboard.escalationsLink')}</Link>
      </p>
    </section>
  );
}

function Value({ cell }: { cell: Cell }) {
  const { t, i18n } = useTranslation();
  if (cell.suppressed || cell.value === null) {
    return <abbr title={t('dashboard.suppressedLabel')}>{t('dashboard.suppressed')}</abbr>;
  }
  return <>{cell.value.toLocaleString(i18n.language)}</>;
}

export function DashboardPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const by: By = params.get('par') === 'bailleur' ? 'landlord' : 'commune';
  const allowed = canReadFigures(session.user.roles);
  const figures = useFigures(by, allowed);
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('dashboard.title')} />
        <Notice tone="info">
          <p>{t('dashboard.cannotRead')}</p>
        </Notice>
      </section>
    );
  }
  return (
    <section className="dashboard">
      <PageTitle title={t('dashboard.title')} />
      {session.user.kind === 'staff' && session.user.roles.includes('manager') && <OpenEscalations />}
      <p className="muted">{session.user.kind === 'observer' ? t('dashboard.introRegion') : t('dashboard.introOrganisation')}</p>
      <div role="group" aria-label={t('dashboard.groupBy')} className="segmented">
        {(['commune', 'landlord'] as const).map((b) => (
          <button
            key={b}
            type="button"
            className={b === by ? 'button button--primary' : 'button'}
            aria-pressed={b === by}
            onClick={() => setParams(b === 'landlord' ? { par: 'bailleur' } : {})}
          >
            {b === 'commune' ? t('dashboard.byCommune') : t('dashboard.byLandlord')}
          </button>
        ))}
      </div>
      {figures.isPending ? (
        <Loading />
      ) : figures.error ? (
        <QueryError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : figures.data.rows.length === 0 ? (
        <EmptyState icon="building" title={t('dashboard.empty')} />
      ) : (
        <table className="table">
          <caption>{t('dashboard.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{by === 'commune' ? t('dashboard.commune') : t('dashboard.landlord')}</th>
              {figures.data.columns.map((c) => (
                <th key={c} scope="col" className="num">
                  {t(`dashboard.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {figures.data.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c, i) => (
                  <td key={i} className="num">
                    <Value cell={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('dashboard.total')}</th>
              {figures.data.totals.map((c, i) => (
                <td key={i} className="num">
                  <Value cell={c} />
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
