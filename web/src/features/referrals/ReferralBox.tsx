// The card "Orienter vers un partenaire" of a household's page: choose a partner attached to the
// landlord, write the reason, record the tenant's consent to share, refer. The server checks the
// partner serves the household's commune and refuses a referral without the consent.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Icon } from '../../ui/Icon';
import { Notice } from '../../ui/Notice';
import { QueryError } from '../../ui/QueryError';
import { ConsentFields, consentBody, noConsent, type Consent } from './ConsentFields';
import { useOpenReferral, usePartners } from './queries';
import './referrals.css';

export function ReferralBox({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const partners = usePartners(true);
  const open = useOpenReferral();
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState('');
  const [consent, setConsent] = useState<Consent>(noConsent);
  const errors = open.error instanceof ApiError ? open.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate({ household_id: householdId, partner_id: Number(partnerId), reason, ...consentBody(consent) });
  };
  return (
    <section className="card" aria-labelledby="referral-title">
      <h2 id="referral-title" className="card__title">
        <Icon name="households" />
        {t('referrals.boxTitle')}
      </h2>
      <p className="muted">{t('referrals.boxIntro')}</p>
      {partners.error ? (
        <QueryError error={partners.error} />
      ) : partners.data && partners.data.items.length === 0 ? (
        <p className="muted">{t('referrals.none')}</p>
      ) : (
        <form onSubmit={submit} noValidate className="referral-form">
          <label htmlFor="referral-partner">{t('referrals.choosePartner')}</label>
          <p id="referral-partner-hint" className="muted">{t('referrals.choosePartnerHint')}</p>
          <select className="input"
            id="referral-partner"
            value={partnerId}
            onChange={(e) => setPartnerId(e.target.value)}
            aria-describedby={errors.partner_id ? 'referral-partner-hint referral-partner-error' : 'referral-partner-hint'}
            aria-invalid={errors.partner_id ? true : undefined}
          >
            <option value="">{t('referrals.noPartner')}</option>
            {partners.data?.items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {errors.partner_id && <p id="referral-partner-error" className="field__error">{errors.partner_id}</p>}
          <label htmlFor="referral-reason">{t('referrals.reason')}</label>
          <p id="referral-reason-hint" className="muted">{t('referrals.reasonHint')}</p>
          <textarea className="input"
            id="referral-reason"
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={errors.reason ? 'referral-reason-hint referral-reason-error' : 'referral-reason-hint'}
            aria-invalid={errors.reason ? true : undefined}
          />
          {errors.reason && <p id="referral-reason-error" className="field__error">{errors.reason}</p>}
          <ConsentFields value={consent} onChange={setConsent} errors={errors} />
          {open.error && !(open.error instanceof ApiError && Object.keys(errors).length > 0) && <QueryError error={open.error} />}
          {open.isSuccess && (
            <Notice tone="success" live="polite">
              <p>{t('referrals.done', { partner: open.data.partner.name })}</p>
            </Notice>
          )}
          <button type="submit" className="button button--primary" disabled={open.isPending}>
            {t('referrals.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
