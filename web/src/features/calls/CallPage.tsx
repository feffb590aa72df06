// The call page, /appels/:id: who to call (member, phones as tel: links, address), why (level and
// its reasons), what to say (the plan's script and hours), what was tried before, and the form to
// record this attempt. Built for a phone first: one column, large targets.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { localeOf } from '../../i18n';
import { formatDateTime, formatPhone } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { AttemptForm } from './AttemptForm';
import { canReadCalls, useCall, type OutreachCall } from './CallPageQueries';
import './CallPage.css';

const OPEN_STATES: readonly OutreachCall['state'][] = ['due', 'retry', 'callback'];

export function CallPage() {
  const { id } = useParams();
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return <NotFound />;
  return <CallPageOf id={n} />;
}

function CallPageOf({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const allowed = canReadCalls(session.user.roles);
  const query = useCall(id, allowed);
  const locale = localeOf(i18n.language);
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('nav.calls')} />
        <Notice tone="info">
          <p>{t('callPage.cannotRead')}</p>
        </Notice>
      </section>
    );
  }
  if (query.isPending) return <Loading />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const open = OPEN_STATES.includes(c.state);
  const hours = c.plan.call_hours.map((h) => `${h.start}–${h.end}`).join(', ');
  const lastOutcome = c.attempts.at(-1)?.outcome;
  return (
    <article className="call-page">
      <p>
        <Link to="/appels">{t('callPage.back')}</Link>
      </p>
      <PageTitle title={t('callPage.title', { name: c.member.name })} />
      <p className="call-page__state">
        <strong>{t('callPage.state')} :</strong> {t(`callPage.states.${c.state}`)}
        {c.next_attempt_at && open && <> — {t('callPage.nextAttempt', { when: formatDateTime(c.next_attempt_at, locale) })}</>}
      </p>

      <section aria-labelledby="call-phones" className="call-page__box">
        <h2 id="call-phones">{t('callPage.phones')}</h2>
        {c.phones.length === 0 ? (
          <p>{t('callPage.noPhone')}</p>
        ) : (
          <ul className="call-page__phones">
            {c.phones.map((p) => (
              <li key={p.number}>
                <a className="button call-page__tel" href={`tel:${p.number.replace(/[^0-9+]/g, '')}`} aria-label={t('callPage.callNumber', { number: formatPhone(p.number) })}>
                  <Icon name="phone" />
                  {formatPhone(p.number)}
                  {p.label && <span className="muted"> ({p.label})</span>}
                </a>
              </li>
            ))}
          </ul>
        )}
        <p>
          <strong>{t('callPage.address')} :</strong> {c.household.address}{' '}
          <Link to={`/menages/${c.household.id}`}>{t('callPage.householdCard')}</Link>
        </p>
      </section>

      <section aria-labelledby="call-level" className="call-page__box">
        <h2 id="call-level">{t('callPage.level', { level: c.level })}</h2>
        <p>
          <strong>{t('callPage.reasons')} :</strong> {c.level_reasons.length ? c.level_reasons.join(', ') : t('callPage.noReason')}
        </p>
      </section>

      <section aria-labelledby="call-script" className="call-page__box">
        <h2 id="call-script">{t('callPage.script')}</h2>
        <p className="muted">
          {t('callPage.plan')} : {c.plan.name || c.plan.kind} — {t('callPage.hours', { hours })}
        </p>
        {c.plan.call_script ? <p className="call-page__script">{c.plan.call_script}</p> : <p>{t('callPage.noScript')}</p>}
      </section>

      {open ? (
        <AttemptForm callId={c.id} />
      ) : (
        <Notice tone="info">
          <p>{t('callPage.closed')}</p>
          {lastOutcome === 'reached_needs_help' && (
            <p>
              {t('callPage.needsHelp')} <Link to={`/menages/${c.household.id}`}>{t('callPage.householdCard')}</Link>
            </p>
          )}
        </Notice>
      )}

      <section aria-labelledby="call-attempts" className="call-page__box">
        <h2 id="call-attempts">{t('callPage.attempts')}</h2>
        {c.attempts.length === 0 ? (
          <p>{t('callPage.noAttempt')}</p>
        ) : (
          <ol className="call-page__attempts">
            {c.attempts.map((a) => (
              <li key={a.id}>
                <strong>{t(`attempt.outcomes.${a.outcome}`)}</strong> — {t('callPage.attemptBy', { when: formatDateTime(a.attempted_at, locale), agent: a.agent_name })}
                {a.callback_at && <> — {t('callPage.callbackAt', { when: formatDateTime(a.callback_at, locale) })}</>}
                {a.note && <p className="call-page__note">{a.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
