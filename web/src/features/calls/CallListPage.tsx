// "Liste d'appels": a manager's view of a day's list: build it, its counts, the calls in list order
// with filters (agency, agent, state), and reassignment of each open call to an available call
// agent of the household's agency.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateLong, todayInParis } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useAgencies } from '../buildings/queries';
import { useSignedIn } from '../session/session';
import { LevelBadge, PlanName, StateLabel } from './CallBits';
import { CALL_STATES, agentsFor, useBuildCallList, useCallAgents, useCallList, useReassignCall, type CallListFilter, type CallState } from './queries';
import './calls.css';

const OPEN: readonly CallState[] = ['due', 'retry', 'callback'];

export function CallListPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const date = params.get('jour') ?? todayInParis();
  const filter: CallListFilter = {};
  if (params.get('agence')) filter.agency_id = Number(params.get('agence'));
  if (params.get('charge')) filter.agent_id = params.get('charge')!;
  if (params.get('etat')) filter.state = params.get('etat') as CallState;
  const allowed = session.user.roles.some((r) => r === 'manager' || r === 'administrator');
  const list = useCallList(date, filter, allowed);
  const agents = useCallAgents(date, allowed);
  const agencies = useAgencies();
  const build = useBuildCallList();
  const reassign = useReassignCall();

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('calls.listTitle')} />
        <Notice tone="info"><p>{t('calls.cannotRead')}</p></Notice>
      </section>
    );
  }
  const agentList = agents.data?.items ?? [];
  const agencyName = (id: number | null) => agencies.data?.items.find((a) => a.id === id)?.name ?? '';
  return (
    <section className="calls">
      <PageTitle title={t('calls.listTitle')} />
      <p className="muted">{t('calls.listIntro')}</p>
      <div className="calls__toolbar">
        <p className="calls__day">
          <label htmlFor="list-day">{t('calls.date')}</label>{' '}
          <input id="list-day" type="date" value={date} onChange={(e) => e.target.value && setParam('jour', e.target.value)} />
          {' '}<span>{formatDateLong(date, locale)}</span>
        </p>
        <button type="button" className="button button--primary" disabled={build.isPending} onClick={() => build.mutate(date)}>
          {t('calls.build')}
        </button>
      </div>
      {build.data && (
        <Notice tone="success" live="polite">
          <p>
            {t('calls.built', { count: build.data.added })}
            {build.data.unassigned > 0 ? t('calls.builtUnassigned', { count: build.data.unassigned }) : '.'}
          </p>
        </Notice>
      )}
      {build.error && <QueryError error={build.error} />}
      {reassign.error && <QueryError error={reassign.error} />}

      <fieldset className="calls__filters">
        <legend>{t('calls.filters')}</legend>
        <label>
          {t('calls.agency')}{' '}
          <select value={params.get('agence') ?? ''} onChange={(e) => setParam('agence', e.target.value)}>
            <option value="">{t('calls.allAgencies')}</option>
            {agencies.data?.items.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </label>
        <label>
          {t('calls.agent')}{' '}
          <select value={params.get('charge') ?? ''} onChange={(e) => setParam('charge', e.target.value)}>
            <option value="">{t('calls.allAgents')}</option>
            <option value="none">{t('calls.unassigned')}</option>
            {agentList.map((a) => <option key={a.user_id} value={a.user_id}>{a.display_name}</option>)}
          </select>
        </label>
        <label>
          {t('calls.state')}{' '}
          <select value={params.get('etat') ?? ''} onChange={(e) => setParam('etat', e.target.value)}>
            <option value="">{t('calls.allStates')}</option>
            {CALL_STATES.map((s) => <option key={s} value={s}>{t(`calls.states.${s}`)}</option>)}
          </select>
        </label>
      </fieldset>

      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <dl className="calls__counts">
            <div><dt>{t('calls.total')}</dt><dd>{list.data.counts.total}</dd></div>
            <div><dt>{t('calls.unassignedCount')}</dt><dd>{list.data.counts.unassigned}</dd></div>
            {CALL_STATES.filter((s) => (list.data.counts.by_state[s] ?? 0) > 0).map((s) => (
              <div key={s}><dt>{t(`calls.states.${s}`)}</dt><dd>{list.data.counts.by_state[s]}</dd></div>
            ))}
          </dl>
          {list.data.truncated && <Notice tone="info"><p>{t('calls.truncated', { count: list.data.items.length })}</p></Notice>}
          {list.data.items.length === 0 ? (
            <EmptyState icon="phone" title={t('calls.empty')} />
          ) : (
            <table className="table">
              <caption>{t('calls.tableCaption', { date: formatDateLong(date, locale) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('calls.levelHeader')}</th>
                  <th scope="col">{t('calls.person')}</th>
                  <th scope="col">{t('calls.household')}</th>
                  <th scope="col">{t('calls.agency')}</th>
                  <th scope="col">{t('calls.plan')}</th>
                  <th scope="col">{t('calls.state')}</th>
                  <th scope="col">{t('calls.agent')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => {
                  const open = OPEN.includes(c.state);
                  const choices = agentsFor(agentList, c.agency_id);
                  if (c.agent_id && !choices.some((a) => a.user_id === c.agent_id)) {
                    const current = agentList.find((a) => a.user_id === c.agent_id);
                    if (current) choices.unshift(current);
                  }
                  return (
                    <tr key={c.id}>
                      <td><LevelBadge level={c.level} /></td>
                      <th scope="row"><Link to={`/appels/${c.id}`}>{c.member_name}</Link></th>
                      <td>{c.household_reference}</td>
                      <td>{c.agency_name || agencyName(c.agency_id)}</td>
                      <td><PlanName call={c} /></td>
                      <td><StateLabel state={c.state} /></td>
                      <td>
                        {open ? (
                          <select
                            aria-label={t('calls.reassign', { name: c.member_name })}
                            value={c.agent_id ?? ''}
                            disabled={reassign.isPending}
                            onChange={(e) => reassign.mutate({ id: c.id, agent_id: e.target.value ? Number(e.target.value) : null })}
                          >
                            <option value="">{t('calls.unassigned')}</option>
                            {choices.map((a) => <option key={a.user_id} value={a.user_id}>{a.display_name}</option>)}
                          </select>
                        ) : (
                          c.agent_name || t('calls.unassigned')
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
