// The "Accompagnement" card of a household's page: whether the household has a support case and
// who its officer is (what every contact staff may see), a link to the case for officers and
// managers, and for a social-support officer the form to open one. The server decides. The same
// card sits on a lease's arrears page, where a case opened says it came from the queue.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatInstantDate } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { canReadSupportCases, canWorkOnSupportCases, useHouseholdCases, useOpenCase } from './queries';
import './support.css';

type OpenedFrom = 'household' | 'queue';

export function SupportCaseBox({ householdId, openedFrom = 'household' }: { householdId: number; openedFrom?: OpenedFrom }) {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const roles = session.user.roles;
  const cases = useHouseholdCases(householdId, true);
  const locale = localeOf(i18n.language);
  const openCase = cases.data?.items.find((c) => c.open);
  return (
    <section className="card support" aria-labelledby="support-title">
      <h2 id="support-title" className="card__title">
        <Icon name="euro" />
        {t('support.boxTitle')}
      </h2>
      {cases.isPending ? (
        <Loading />
      ) : cases.error ? (
        <QueryError error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <p className="muted">{t('support.none')}</p>
      ) : (
        <ul className="support__cases">
          {cases.data.items.map((c) => (
            <li key={c.id}>
              {t(c.open ? 'support.summaryOpen' : 'support.summaryClosed', {
                officer: c.officer.name,
                date: formatInstantDate(c.opened_at, locale),
              })}
              {canReadSupportCases(roles) && (
                <>
                  {' '}
                  <Link to={`/accompagnement/${c.id}`}>{t('support.openLink', { id: c.id })}</Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!cases.isPending && !cases.error && !openCase && canWorkOnSupportCases(roles) && <OpenCaseForm householdId={householdId} openedFrom={openedFrom} />}
    </section>
  );
}

function OpenCaseForm({ householdId, openedFrom }: { householdId: number; openedFrom: OpenedFrom }) {
  const { t } = useTranslation();
  const open = useOpenCase(householdId);
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate({ reason, opened_from: openedFrom }, { onSuccess: (c) => void navigate(`/accompagnement/${c.id}`) });
  };
  const error = open.error instanceof ApiError ? open.error.problem?.detail : open.error ? t('errors.generic') : null;
  return (
    <form onSubmit={submit} className="support__open" noValidate>
      <label htmlFor={`${id}-reason`}>{t('support.reasonLabel')}</label>
      <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} />
      {error && (
        <Notice tone="error" live="assertive">
          <p>{error}</p>
        </Notice>
      )}
      <button type="submit" className="button button--primary" disabled={open.isPending}>
        <Icon name="plus" />
        {t('support.open')}
      </button>
    </form>
  );
}
