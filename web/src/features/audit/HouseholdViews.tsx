// On a household record, for administrators and the data protection officer only: who read or
// changed it in the last 12 months (the page renders it only for them, so nothing is asked of
// the server for anyone else).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localeOf } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { TYPE_IN_URL, VIEWS_LIMIT, useHouseholdViews } from './queries';
import { EntryWhen, OperationWord, PersonName } from './words';
import './audit.css';

export function HouseholdViews({ householdId }: { householdId: number }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const views = useHouseholdViews(householdId);
  const items = views.data?.items ?? [];
  const journal = `/journal?type=${TYPE_IN_URL.household}&numero=${householdId}`;
  return (
    <section className="card views" aria-labelledby="views-title">
      <h2 id="views-title" className="card__title">
        <Icon name="eye" />
        {t('audit.viewsTitle')}
      </h2>
      <p className="muted views__intro">{t('audit.viewsIntro')}</p>
      {views.isPending && <Loading />}
      {views.isError && <QueryError error={views.error} onRetry={() => void views.refetch()} />}
      {views.isSuccess && items.length === 0 && (
        <EmptyState icon="eye" title={t('audit.viewsEmpty')}>
          <p>{t('audit.viewsEmptyHelp')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ol className="views__list">
          {items.map((e) => (
            <li key={e.seq} className="views__item">
              <p className="views__who">
                <PersonName e={e} />
              </p>
              <p className="views__what">
                <OperationWord op={e.operation} />
                <span className="muted">
                  {' · '}
                  <EntryWhen at={e.at} locale={locale} />
                </span>
              </p>
            </li>
          ))}
        </ol>
      )}
      {items.length >= VIEWS_LIMIT && <p className="muted">{t('audit.viewsMore', { count: items.length })}</p>}
      {views.isSuccess && (
        <p className="views__journal">
          <Link to={journal}>{t('audit.viewsJournal')}</Link>
        </p>
      )}
    </section>
  );
}
