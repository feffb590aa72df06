// The manager's view of a crisis (per plan): tiles for the whole perimeter (profiles by level,
// today's calls, reach rate, open needs, escalations and tasks), the same per agency, a chart of
// the calls of each day with its table alternative, and the CSV export. Counts only: the server
// limits an agency manager to their agencies.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateShort, type Locale } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { planTitle } from './CrisisPlansPage';
import { canManageCrisisPlans, reportCsvUrl, usePlan, useReport, type CrisisCounts, type CrisisReport } from './queries';
import './crisis.css';

export function formatRate(rate: number | null, locale: Locale): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

export function CrisisViewPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const id = Number(useParams().id);
  const allowed = canManageCrisisPlans(session.user.roles);
  const plan = usePlan(allowed ? id : 0);
  const report = useReport(id, allowed);
  const title = plan.data ? t('crisis.viewTitleOf', { name: planTitle(plan.data, t) }) : t('crisis.viewTitle');
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('crisis.viewTitle')} />
        <Notice tone="info">
          <p>{t('crisis.cannotView')}</p>
        </Notice>
      </section>
    );
  }
  return (
    <section className="crisis">
      <p>
        <Link to="../.." relative="path">{t('crisis.back')}</Link>
      </p>
      <PageTitle title={title} />
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Report r={report.data} />
      )}
    </section>
  );
}

function Report({ r }: { r: CrisisReport }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const n = (x: number) => x.toLocaleString(locale);
  return (
    <>
      <p className="muted">
        {t('crisis.viewIntro', { today: formatDateShort(r.today, locale), from: formatDateShort(r.period_start, locale), to: formatDateShort(r.period_end, locale) })}
      </p>
      <p>
        <a className="button button--secondary" href={reportCsvUrl(r.plan_id)} download>
          {t('crisis.csv')}
        </a>
      </p>
      <Tiles k={r.totals} />

      <section aria-labelledby="crisis-agencies-title">
        <h2 id="crisis-agencies-title">{t('crisis.byAgency')}</h2>
        <div className="table-scroll" role="region" aria-labelledby="crisis-agencies-title" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('crisis.byAgency')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('crisis.colAgency')}</th>
                <th scope="col">{t('crisis.colLevel3')}</th>
                <th scope="col">{t('crisis.colLevel2')}</th>
                <th scope="col">{t('crisis.colLevel1')}</th>
                <th scope="col">{t('crisis.colDue')}</th>
                <th scope="col">{t('crisis.colDone')}</th>
                <th scope="col">{t('crisis.colOverdue')}</th>
                <th scope="col">{t('crisis.colRate')}</th>
                <th scope="col">{t('crisis.colNeeds')}</th>
                <th scope="col">{t('crisis.colEscalations')}</th>
                <th scope="col">{t('crisis.colTasks')}</th>
              </tr>
            </thead>
            <tbody>
              {r.agencies.map((a) => (
                <tr key={a.agency_id ?? 0}>
                  <th scope="row">{a.agency_id === null ? t('crisis.noAgency') : a.name}</th>
                  <td>{n(a.counts.profiles_by_level.level3)}</td>
                  <td>{n(a.counts.profiles_by_level.level2)}</td>
                  <td>{n(a.counts.profiles_by_level.level1)}</td>
                  <td>{n(a.counts.calls_due_today)}</td>
                  <td>{n(a.counts.calls_done_today)}</td>
                  <td>{n(a.counts.calls_overdue)}</td>
                  <td>{formatRate(a.counts.reach_rate, locale)}</td>
                  <td>{n(a.counts.open_needs)}</td>
                  <td>{n(a.counts.open_escalations)}</td>
                  <td>{n(a.counts.open_tasks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <DailyChart r={r} />
    </>
  );
}

function Tiles({ k }: { k: CrisisCounts }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const n = (x: number) => x.toLocaleString(locale);
  const tiles: [string, string, string?][] = [
    [t('crisis.tileLevel3'), n(k.profiles_by_level.level3)],
    [t('crisis.tileLevel2'), n(k.profiles_by_level.level2)],
    [t('crisis.tileLevel1'), n(k.profiles_by_level.level1)],
    [t('crisis.tileDue'), n(k.calls_due_today)],
    [t('crisis.tileDone'), n(k.calls_done_today)],
    [t('crisis.tileOverdue'), n(k.calls_overdue)],
    [t('crisis.tileRate'), formatRate(k.reach_rate, locale), t('crisis.tileRateHint', { reached: k.calls_reached, attempted: k.calls_attempted })],
    [t('crisis.tileNeeds'), n(k.open_needs)],
    [t('crisis.tileEscalations'), n(k.open_escalations)],
    [t('crisis.tileTasks'), n(k.open_tasks)],
  ];
  return (
    <section aria-labelledby="crisis-tiles-title">
      <h2 id="crisis-tiles-title">{t('crisis.tilesTitle')}</h2>
      <ul className="crisis-tiles">
        {tiles.map(([label, value, hint]) => (
          <li key={label} className="crisis-tile">
            <span className="crisis-tile__value">{value}</span>
            <span className="crisis-tile__label">{label}</span>
            {hint && <span className="crisis-tile__hint">{hint}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

const CHART_H = 160;

/** Bars of the calls listed each day, with the reached and the unreachable; the table says the same. */
function DailyChart({ r }: { r: CrisisReport }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  if (r.days.length === 0) {
    return (
      <section aria-labelledby="crisis-days-title">
        <h2 id="crisis-days-title">{t('crisis.daysTitle')}</h2>
        <p className="muted">{t('crisis.noDays')}</p>
      </section>
    );
  }
  const max = Math.max(1, ...r.days.map((d) => d.listed));
  // A slot per day, wider when the period is short, so that the chart fills about 720 px.
  const slot = Math.max(32, Math.floor(720 / r.days.length));
  const bar = Math.floor((slot * 3) / 8);
  const width = r.days.length * slot;
  const y = (v: number) => CHART_H - (v / max) * CHART_H;
  return (
    <section aria-labelledby="crisis-days-title">
      <h2 id="crisis-days-title">{t('crisis.daysTitle')}</h2>
      <p className="crisis-legend" aria-hidden="true">
        <span className="crisis-key crisis-key--listed" /> {t('crisis.listed')}{' '}
        <span className="crisis-key crisis-key--reached" /> {t('crisis.reached')}{' '}
        <span className="crisis-key crisis-key--unreachable" /> {t('crisis.unreachable')}
      </p>
      <div className="crisis-chart">
        <svg role="img" aria-labelledby="crisis-chart-title" viewBox={`0 0 ${width} ${CHART_H + 20}`} width={width} height={CHART_H + 20}>
          <title id="crisis-chart-title">{t('crisis.chartTitle', { max })}</title>
          {r.days.map((d, i) => {
            const x = i * slot + (slot - bar * 2) / 2;
            return (
              <g key={d.date}>
                <rect className="crisis-bar--listed" x={x} y={y(d.listed)} width={bar} height={CHART_H - y(d.listed)} />
                <rect className="crisis-bar--reached" x={x + bar} y={y(d.reached)} width={bar / 2} height={CHART_H - y(d.reached)} />
                <rect className="crisis-bar--unreachable" x={x + bar + bar / 2} y={y(d.unreachable)} width={bar / 2} height={CHART_H - y(d.unreachable)} />
                {(i === 0 || i === r.days.length - 1 || r.days.length <= 20) && (
                  <text x={x} y={CHART_H + 14} className="crisis-chart__label">{d.date.slice(8, 10)}/{d.date.slice(5, 7)}</text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <details className="crisis-days-table">
        <summary>{t('crisis.daysTable')}</summary>
        <div className="table-scroll" role="region" aria-label={t('crisis.daysTable')} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('crisis.daysTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('crisis.colDate')}</th>
                <th scope="col">{t('crisis.listed')}</th>
                <th scope="col">{t('crisis.reached')}</th>
                <th scope="col">{t('crisis.unreachable')}</th>
              </tr>
            </thead>
            <tbody>
              {r.days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{formatDateShort(d.date, locale)}</th>
                  <td>{d.listed.toLocaleString(locale)}</td>
                  <td>{d.reached.toLocaleString(locale)}</td>
                  <td>{d.unreachable.toLocaleString(locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
