// The household's story, from every module that knows something about it (see sources.ts).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { civilDateInParis, formatDateLong, formatDateTime } from '../../../lib/format';
import { localeOf } from '../../../i18n';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TIMELINE_SOURCES, type TimelineEvent, type TimelineSource } from './sources';

export function Timeline({ householdId, sources = TIMELINE_SOURCES }: { householdId: number; sources?: readonly TimelineSource[] }) {
  const { t, i18n } = useTranslation();
  // The list of sources is fixed for the life of the app: calling the hooks in a loop is stable.
  const results = sources.map((s) => s.useEvents(householdId));
  const events: TimelineEvent[] = results.flatMap((r) => r.events).sort((a, b) => b.at.localeCompare(a.at));
  const loading = results.some((r) => r.loading);
  const error = results.find((r) => r.error)?.error;
  const locale = localeOf(i18n.language);

  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="card__title">
        <Icon name="clock" />
        {t('households.timelineTitle')}
      </h2>
      {error ? <QueryError error={error} /> : null}
      {loading && <Loading />}
      {!loading && events.length === 0 && (
        <EmptyState icon="clock" title={t('households.timelineEmpty')}>
          <p>{t('households.timelineEmptyBody')}</p>
        </EmptyState>
      )}
      {events.length > 0 && (
        <ol className="timeline__list">
          {events.map((e) => (
            <li key={e.key} className="timeline__item">
              <Icon name={e.icon} />
              <div>
                <p className="timeline__title">{e.href ? <Link to={e.href}>{e.title}</Link> : e.title}</p>
                <p className="timeline__when">
                  {e.dayOnly ? (
                    <time dateTime={civilDateInParis(new Date(e.at))}>{formatDateLong(civilDateInParis(new Date(e.at)), locale)}</time>
                  ) : (
                    <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
                  )}
                </p>
                {e.detail && <p>{e.detail}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
