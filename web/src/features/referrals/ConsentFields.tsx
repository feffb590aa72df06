// The tenant's consent to share their situation with a partner: its date and who gave it. Both
// ways of referring a household (the "Orienter" card and a need's referral action) ask for it with
// these fields; the server refuses a referral without it (OpenReferralIn) and names the field.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface Consent {
  on: string;       // YYYY-MM-DD, '' until chosen
  givenBy: string;
}

export const noConsent: Consent = { on: '', givenBy: '' };

/** The consent's part of a request body: consent_on only once chosen, so that the server names it when missing. */
export function consentBody(c: Consent): { consent_on?: string; consent_given_by: string } {
  return c.on ? { consent_on: c.on, consent_given_by: c.givenBy } : { consent_given_by: c.givenBy };
}

export function ConsentFields({ value, onChange, errors }: {
  value: Consent;
  onChange: (c: Consent) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hint = `${id}-consent-hint`;
  const described = (name: string) => (errors[name] ? `${hint} ${id}-${name}-error` : hint);
  return (
    <fieldset className="consent-fields">
      <legend>{t('referrals.consentLegend')}</legend>
      <p id={hint} className="muted">{t('referrals.consentHint')}</p>
      <label htmlFor={`${id}-consent_on`}>{t('referrals.consentOn')}</label>
      <input id={`${id}-consent_on`} type="date" className="input" value={value.on}
        onChange={(e) => onChange({ ...value, on: e.target.value })}
        aria-invalid={errors.consent_on ? true : undefined} aria-describedby={described('consent_on')} />
      {errors.consent_on && <p id={`${id}-consent_on-error`} className="field__error">{errors.consent_on}</p>}
      <label htmlFor={`${id}-consent_given_by`}>{t('referrals.consentGivenBy')}</label>
      <input id={`${id}-consent_given_by`} className="input" maxLength={200} placeholder={t('referrals.consentGivenByHint')}
        value={value.givenBy} onChange={(e) => onChange({ ...value, givenBy: e.target.value })}
        aria-invalid={errors.consent_given_by ? true : undefined} aria-describedby={described('consent_given_by')} />
      {errors.consent_given_by && <p id={`${id}-consent_given_by-error`} className="field__error">{errors.consent_given_by}</p>}
    </fieldset>
  );
}
