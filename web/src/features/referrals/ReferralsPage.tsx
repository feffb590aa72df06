// The "Orientations" page: the referrals of the landlord (or, for a partner, those made to it),
// open or closed, each closable while open. A partner reaches the referred household's card from here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { canReadReferrals, useSignedIn } from '../session/session';
import { ApiError } from '../../api/client';
import { useAnswerReferral, useCloseReferral, useReferrals, type Referral, type ReferralStatus } from './queries';
import './referrals.css';

export function ReferralsPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const status: ReferralStatus = params.get('etat') === 'closes' ? 'closed' : 'open';
  const allowed = canReadReferrals(session.user.roles);
  const partner = session.user.kind === 'partner';
  const list = useReferrals(status, allowed);
  const close = useCloseReferral();
  const answer = useAnswerReferral();
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('referrals.title')} />
        <Notice tone="info">
          <p>{t('referrals.cannotRead')}</p>
        </Notice>
      </section>
    );
  }
  return (
    <section className="referrals">
      <PageTitle title={t('referrals.title')} />
      <p className="muted">{partner ? t('referrals.introPartner') : t('referrals.intro')}</p>
      <div role="group" aria-label={t('referrals.title')} className="segmented">
        {(['open', 'closed'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={s === status ? 'button button--primary' : 'button'}
            aria-pressed={s === status}
            onClick={() => setParams(s === 'closed' ? { etat: 'closes' } : {})}
          >
            {t(`referrals.${s}`)}
          </button>
        ))}
      </div>
      {close.error && <QueryError error={close.error} />}
      {answer.error && !(answer.error instanceof ApiError && Object.keys(answer.error.fieldErrors()).length > 0) && <QueryError error={answer.error} />}
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState icon="households" title={status === 'open' ? t('referrals.empty') : t('referrals.emptyClosed')} />
      ) : (
        <table className="table">
          <caption>{t('referrals.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('referrals.household')}</th>
              <th scope="col">{t('referrals.commune')}</th>
              <th scope="col">{partner ? t('referrals.landlord') : t('referrals.partner')}</th>
              <th scope="col">{t('referrals.reason')}</th>
              <th scope="col">{t('referrals.response')}</th>
              <th scope="col">{status === 'open' ? t('referrals.openedAt') : t('referrals.closedAt')}</th>
              {status === 'open' && <th scope="col"><span className="visually-hidden">{t('referrals.close')}</span></th>}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {status === 'open' ? <Link to={`/menages/${r.household_id}`}>{r.household_name}</Link> : r.household_name}
                </th>
                <td>{r.commune_name}</td>
                <td>{partner ? r.landlord.name : r.partner.name}</td>
                <td>
                  {r.reason}
                  {r.consent && <p className="muted">{t('referrals.consentShown', { date: r.consent.on, who: r.consent.given_by })}</p>}
                </td>
                <td>
                  <ResponseCell r={r} partner={partner} answer={answer} />
                </td>
                <td>{formatDateTime(status === 'open' ? r.opened_at : (r.closed_at ?? r.opened_at), localeOf(i18n.language))}</td>
                {status === 'open' && (
                  <td>
                    <button
                      type="button"
                      className="button"
                      disabled={close.isPending}
                      aria-label={t('referrals.closeLabel', { name: r.household_name })}
                      onClick={() => close.mutate(r.id)}
                    >
                      {t('referrals.close')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Answer = ReturnType<typeof useAnswerReferral>;

/** The partner's answer as the landlord sees it; for the partner, the buttons to give it. */
function ResponseCell({ r, partner, answer }: { r: Referral; partner: boolean; answer: Answer }) {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState(r.outcome);
  const mine = answer.variables?.id === r.id;
  const errors = mine && answer.error instanceof ApiError ? answer.error.fieldErrors() : {};
  const state = t(`referrals.responses.${r.response ?? 'pending'}`);
  const open = r.status === 'open';
  return (
    <div className="referral-answer">
      <p>{r.response === 'declined' ? t('referrals.declinedBecause', { reason: r.response_reason }) : state}</p>
      {r.outcome && !(partner && open && r.response === 'accepted') && <p>{t('referrals.outcomeShown', { outcome: r.outcome })}</p>}
      {partner && open && r.response === null && !declining && (
        <span className="segmented">
          <button type="button" className="button" disabled={answer.isPending}
            aria-label={t('referrals.acceptLabel', { name: r.household_name })}
            onClick={() => answer.mutate({ id: r.id, answer: 'accept' })}>
            {t('referrals.accept')}
          </button>
          <button type="button" className="button" aria-label={t('referrals.declineLabel', { name: r.household_name })}
            onClick={() => setDeclining(true)}>
            {t('referrals.decline')}
          </button>
        </span>
      )}
      {partner && open && r.response === null && declining && (
        <form className="referral-form" noValidate onSubmit={(e) => { e.preventDefault(); answer.mutate({ id: r.id, answer: 'decline', reason }); }}>
          <label htmlFor={`decline-${r.id}`}>{t('referrals.declineReason', { name: r.household_name })}</label>
          <textarea id={`decline-${r.id}`} className="input" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? `decline-${r.id}-error` : undefined} />
          {errors.reason && <p id={`decline-${r.id}-error`} className="field__error">{errors.reason}</p>}
          <button type="submit" className="button button--primary" disabled={answer.isPending}>{t('referrals.confirmDecline')}</button>
        </form>
      )}
      {partner && open && r.response === 'accepted' && (
        <form className="referral-form" noValidate onSubmit={(e) => { e.preventDefault(); answer.mutate({ id: r.id, answer: 'outcome', outcome }); }}>
          <label htmlFor={`outcome-${r.id}`}>{t('referrals.outcomeLabel', { name: r.household_name })}</label>
          <textarea id={`outcome-${r.id}`} className="input" maxLength={2000} value={outcome} onChange={(e) => setOutcome(e.target.value)}
            aria-invalid={errors.outcome ? true : undefined} aria-describedby={errors.outcome ? `outcome-${r.id}-error` : undefined} />
          {errors.outcome && <p id={`outcome-${r.id}-error`} className="field__error">{errors.outcome}</p>}
          <button type="submit" className="button" disabled={answer.isPending}>{t('referrals.recordOutcome')}</button>
        </form>
      )}
    </div>
  );
}
