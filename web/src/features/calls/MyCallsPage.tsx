// "Mes appels du jour": the call agent's calls of a day in list order (the most vulnerable first):
// level and reasons, name, phones (tel: links), plan, state, next attempt. Each call opens its page
// (/appels/:id) where the attempts are recorded.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateLong, formatDateTime, formatPhone, phoneHref, todayInParis } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { LevelBadge, PlanName, StateLabel } from './CallBits';
import { useMyCalls } from './queries';
import './calls.css';

export function MyCallsPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const date = params.get('jour') ?? todayInParis();
  const allowed = session.user.roles.includes('call_agent');
  const calls = useMyCalls(date, allowed);
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('calls.myTitle')} />
        <Notice tone="info"><p>{t('calls.cannotReadMine')}</p></Notice>
      </section>
    );
  }
  return (
    <section className="calls">
      <PageTitle title={t('calls.myTitle')} />
      <p className="muted">{t('calls.myIntro')}</p>
      <p className="calls__day">
        <label htmlFor="calls-day">{t('calls.date')}</label>{' '}
        <input id="calls-day" type="date" value={date} onChange={(e) => e.target.value && setParams({ jour: e.target.value })} />
        {' '}<span>{formatDateLong(date, locale)}</span>
      </p>
      {calls.isPending ? (
        <Loading />
      ) : calls.error ? (
        <QueryError error={calls.error} onRetry={() => void calls.refetch()} />
      ) : calls.data.items.length === 0 ? (
        <EmptyState icon="phone" title={t('calls.emptyMine')} />
      ) : (
        <ol className="call-cards" aria-label={t('calls.myTitle')}>
          {calls.data.items.map((c) => (
            <li key={c.id} className="call-card">
              <div className="call-card__head">
                <LevelBadge level={c.level} reasons={c.level_summary} />
                <StateLabel state={c.state} />
              </div>
              <h2 className="call-card__name">
                <Link to={`/appels/${c.id}`}>{c.member_name}</Link>
              </h2>
              <p className="muted">{t('calls.household')} {c.household_reference} · {t('calls.plan')} : <PlanName call={c} /></p>
              {c.phones.length === 0 ? (
                <p>{t('calls.noPhone')}</p>
              ) : (
                <ul className="call-card__phones" aria-label={t('calls.phones')}>
                  {c.phones.map((p) => {
                    const href = phoneHref(p.number);
                    const text = `${formatPhone(p.number)}${p.label ? ` (${p.label})` : ''}`;
                    return <li key={p.number}>{href ? <a href={href}>{text}</a> : text}</li>;
                  })}
                </ul>
              )}
              {c.next_attempt_at && (
                <p>{t('calls.nextAttempt')} : {formatDateTime(c.next_attempt_at, locale)}</p>
              )}
              {c.last_attempts.length > 0 && (
                <details>
                  <summary>{t('calls.lastAttempts')}</summary>
                  <ul>
                    {c.last_attempts.map((a) => (
                      <li key={a.attempted_at}>
                        {formatDateTime(a.attempted_at, locale)} — {t(`attempt.outcomes.${a.outcome}` as 'attempt.outcomes.no_answer', { defaultValue: a.outcome })}
                        {a.note && ` : ${a.note}`}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
