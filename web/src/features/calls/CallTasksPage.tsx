// The "Tâches" page, /taches: follow-ups found on calls (a wrong number to correct, ...), open
// first; a manager (or the task's owner) marks one done.
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { localeOf } from '../../i18n';
import { formatDateShort } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { canReadCalls, useCloseTask, useOutreachTasks } from './CallPageQueries';

export function CallTasksPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const status = params.get('etat') === 'faites' ? 'done' : 'open';
  const allowed = canReadCalls(session.user.roles);
  const list = useOutreachTasks(status, allowed);
  const close = useCloseTask();
  const locale = localeOf(i18n.language);
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('tasks.title')} />
        <Notice tone="info">
          <p>{t('tasks.cannotRead')}</p>
        </Notice>
      </section>
    );
  }
  return (
    <section>
      <PageTitle title={t('tasks.title')} />
      <p className="muted">{t('tasks.intro')}</p>
      <div role="group" aria-label={t('tasks.title')} className="segmented">
        {(['open', 'done'] as const).map((s) => (
          <button key={s} type="button" className={s === status ? 'button button--primary' : 'button'} aria-pressed={s === status}
            onClick={() => setParams(s === 'done' ? { etat: 'faites' } : {})}>
            {t(`tasks.${s}`)}
          </button>
        ))}
      </div>
      {close.error && <QueryError error={close.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState icon="check" title={status === 'open' ? t('tasks.empty') : t('tasks.emptyDone')} />
      ) : (
        <table className="table">
          <caption>{t('tasks.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('tasks.household')}</th>
              <th scope="col">{t('tasks.kind')}</th>
              <th scope="col">{t('tasks.description')}</th>
              <th scope="col">{t('tasks.due')}</th>
              {status === 'open' && <th scope="col"><span className="visually-hidden">{t('tasks.markDone')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((task) => {
              const name = task.household.name || task.household.reference;
              return (
                <tr key={task.id}>
                  <th scope="row"><Link to={`/menages/${task.household.id}`}>{name}</Link></th>
                  <td>{t(`tasks.kinds.${task.kind}`)}</td>
                  <td>{task.description}</td>
                  <td>{formatDateShort(task.due_date, locale)}</td>
                  {status === 'open' && (
                    <td>
                      <button type="button" className="button" disabled={close.isPending}
                        aria-label={t('tasks.markDoneLabel', { name })} onClick={() => close.mutate(task.id)}>
                        {t('tasks.markDone')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function CallTasksRoutes() {
  return (
    <Routes>
      <Route index element={<CallTasksPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
