// The list of support cases (/accompagnement): by default the officer's own cases not closed,
// most recently changed first; filters (mine / everyone, state) stay in the URL.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatInstantDate } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { canWorkOnSupportCases, useSupportCases } from './queries';
import './support.css';

const STATES = ['active', 'open', 'in_progress', 'plan_active', 'referred', 'closed'] as const;

export function SupportCasesPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const officer = canWorkOnSupportCases(session.user.roles);
  const mine = params.get('tous') !== '1' && officer;
  const state = params.get('etat') ?? 'active';
  const q = useSupportCases({ mine, state: state === 'tous' ? '' : state });
  const id = useId();
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  return (
    <section aria-labelledby="cases-title">
      <PageTitle id="cases-title" title={t('support.listTitle')} />
      <form className="filters" aria-label={t('support.filters')} onSubmit={(e) => e.preventDefault()}>
        {officer && (
          <div className="field">
            <label htmlFor={`${id}-who`} className="field__label">{t('support.whoLabel')}</label>
            <select id={`${id}-who`} value={mine ? 'mine' : 'all'} onChange={(e) => set('tous', e.target.value === 'all' ? '1' : null)}>
              <option value="mine">{t('support.whoMine')}</option>
              <option value="all">{t('support.whoAll')}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-state`} className="field__label">{t('support.stateFilter')}</label>
          <select id={`${id}-state`} value={state} onChange={(e) => set('etat', e.target.value === 'active' ? null : e.target.value)}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'active' ? t('support.activeStates') : t(`support.states.${s}`)}
              </option>
            ))}
            <option value="tous">{t('support.allStates')}</option>
          </select>
        </div>
      </form>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <EmptyState icon="euro" title={t('support.emptyTitle')}>
          <p>{t('support.emptyHint')}</p>
        </EmptyState>
      ) : (
        <table className="support-list">
          <caption className="visually-hidden">{t('support.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('support.colHousehold')}</th>
              <th scope="col">{t('support.colState')}</th>
              <th scope="col">{t('support.colOfficer')}</th>
              <th scope="col">{t('support.colUpdated')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/accompagnement/${c.id}`}>{c.household.name || c.household.reference}</Link>{' '}
                  <span className="mono muted">{c.household.reference}</span>
                </td>
                <td>{t(`support.states.${c.state}`)}</td>
                <td>{c.officer.name}</td>
                <td>{formatInstantDate(c.updated_at, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
