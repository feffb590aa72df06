// A lease's account and its place on the legal clock: the figures (arrears, months of residual
// rent, the day the impayé was constituted, the winter truce), the next step in words, the steps
// recorded and a form to record one (officers), the household's support case (or the form to open
// one: the queue's way to a case), then every ledger line with its running balance.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateShort, formatMoney } from '../../lib/format';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { canSeeSupportCases } from '../support/queries';
import { SupportCaseBox } from '../support/SupportCaseBox';
import { canRecordArrearsStep, useLeaseArrears, useRecordStep, type StepCode } from './queries';
import './arrears.css';

const STEPS: StepCode[] = ['reminder', 'caf_report', 'ccapex_referral', 'repayment_plan', 'payment_demand', 'summons'];

export function LeaseArrearsPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const id = Number(useParams().id);
  const session = useSignedIn();
  const lease = useLeaseArrears(id);
  const record = useRecordStep(id);
  const [step, setStep] = useState<StepCode>('reminder');
  const [doneOn, setDoneOn] = useState(new Date().toISOString().slice(0, 10));
  const [note, setNote] = useState('');
  if (lease.isPending) return <Loading />;
  if (lease.error) return <QueryError error={lease.error} onRetry={() => void lease.refetch()} />;
  const a = lease.data;
  const date = (d: string | null | undefined) => (d ? formatDateShort(d, locale) : t('arrears.none'));
  const fieldErrors = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate({ step, done_on: doneOn, ...(note ? { note } : {}) }, { onSuccess: () => setNote('') });
  };
  return (
    <section className="arrears">
      <PageTitle title={t('arrears.leaseTitle', { name: a.household_name || a.household_reference })} />
      <p>
        <Link to="/impayes">{t('arrears.back')}</Link> · <Link to={`/menages/${a.household_id}`}>{t('arrears.household')}</Link>
      </p>
      {a.next ? (
        <Notice tone={a.next.paused ? 'info' : 'warning'} title={a.next.label}>
          <p>{a.next.reason}</p>
        </Notice>
      ) : (
        <Notice tone="success">
          <p>{a.arrears_cents > 0 ? t('arrears.nothingToDo') : t('arrears.upToDate')}</p>
        </Notice>
      )}
      {canSeeSupportCases(session.user.roles) && <SupportCaseBox householdId={a.household_id} openedFrom="queue" />}
      <h2>{t('arrears.situation')}</h2>
      <dl className="arrears__facts">
        <div><dt>{t('arrears.balance')}</dt><dd>{formatMoney(a.balance_cents, locale)}</dd></div>
        <div><dt>{t('arrears.arrears')}</dt><dd>{formatMoney(a.arrears_cents, locale)}</dd></div>
        <div><dt>{t('arrears.residualRent')}</dt><dd>{formatMoney(a.residual_rent_cents, locale)}</dd></div>
        <div><dt>{t('arrears.months')}</dt><dd>{(a.months_hundredths / 100).toLocaleString(locale, { minimumFractionDigits: 2 })}</dd></div>
        <div><dt>{t('arrears.since')}</dt><dd>{date(a.arrears_since)}</dd></div>
        <div><dt>{t('arrears.cafThreshold')}</dt><dd>{formatMoney(a.caf_threshold_cents, locale)}</dd></div>
        <div><dt>{t('arrears.cafSince')}</dt><dd>{date(a.caf_threshold_since)}</dd></div>
        <div><dt>{t('arrears.truce')}</dt><dd>{a.winter_truce_until ? t('arrears.truceUntil', { date: date(a.winter_truce_until) }) : t('arrears.none')}</dd></div>
      </dl>
      <h2>{t('arrears.steps')}</h2>
      {a.steps.length === 0 ? (
        <p className="muted">{t('arrears.noSteps')}</p>
      ) : (
        <ul>
          {a.steps.map((s) => (
            <li key={s.id}>
              {date(s.done_on)} — {s.label}
              {s.note ? ` : ${s.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {canRecordArrearsStep(session.user.roles) && (
        <form className="arrears-step-form" onSubmit={submit} noValidate>
          <h3>{t('arrears.record')}</h3>
          <Field id="arrears-step" label={t('arrears.step')} error={fieldErrors['step']}>
            {(p) => (
              <select {...p} value={step} onChange={(e) => setStep(e.target.value as StepCode)}>
                {STEPS.map((s) => (
                  <option key={s} value={s}>
                    {t(`arrears.stepNames.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="arrears-done-on" label={t('arrears.doneOn')} error={fieldErrors['done_on']}>
            {(p) => <input {...p} type="date" value={doneOn} onChange={(e) => setDoneOn(e.target.value)} />}
          </Field>
          <Field id="arrears-note" label={t('arrears.note')} error={fieldErrors['note']}>
            {(p) => <textarea {...p} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          {record.error && Object.keys(fieldErrors).length === 0 && <QueryError error={record.error} />}
          {record.isSuccess && <p role="status">{t('arrears.recorded')}</p>}
          <button type="submit" className="button button--primary" disabled={record.isPending}>
            {t('arrears.recordButton')}
          </button>
        </form>
      )}
      <h2>{t('arrears.ledger')}</h2>
      <table className="table">
        <caption>{t('arrears.ledgerCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('arrears.date')}</th>
            <th scope="col">{t('arrears.line')}</th>
            <th scope="col" className="num">{t('arrears.debit')}</th>
            <th scope="col" className="num">{t('arrears.credit')}</th>
            <th scope="col" className="num">{t('arrears.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {[...a.lines].reverse().map((l) => (
            <tr key={l.id}>
              <td>{date(l.date)}</td>
              <td>
                {l.label || l.kind_label}
                <div className="muted">{l.kind_label} · {l.reference}</div>
              </td>
              <td className="num">{l.amount_cents > 0 ? formatMoney(l.amount_cents, locale) : ''}</td>
              <td className="num">{l.amount_cents < 0 ? formatMoney(-l.amount_cents, locale) : ''}</td>
              <td className="num">{formatMoney(l.balance_cents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
