// The form that records an attempt on a call: the outcome as a radio group (large targets, usable
// with a thumb on a phone), a note, and the callback time when the tenant asks to be called back.
// Errors are listed above the form and next to their field (the server's French messages).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { Field, FieldError } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { errorMessage } from '../../ui/QueryError';
import { OUTCOMES, useRecordAttempt, type AttemptBody, type CallOutcome } from './CallPageQueries';

const FIELD_IDS: Record<string, string> = {
  outcome: 'attempt-outcome-reached_fine',
  note: 'attempt-note',
  callback_at: 'attempt-callback',
};

export function AttemptForm({ callId }: { callId: number }) {
  const { t } = useTranslation();
  const record = useRecordAttempt(callId);
  const [outcome, setOutcome] = useState<CallOutcome | ''>('');
  const [note, setNote] = useState('');
  const [callbackAt, setCallbackAt] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [tries, setTries] = useState(0);
  const [saved, setSaved] = useState(false);

  const server = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  const errors: Record<string, string> = { ...server, ...local };
  const summary: SummaryError[] = Object.entries(errors).map(([field, message]) => ({ fieldId: FIELD_IDS[field] ?? '', message }));
  if (record.error && Object.keys(server).length === 0) summary.push({ fieldId: '', message: errorMessage(record.error, t) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTries((n) => n + 1);
    setSaved(false);
    const missing: Record<string, string> = {};
    if (!outcome) missing.outcome = t('attempt.chooseOutcome');
    if (outcome === 'callback_requested' && !callbackAt) missing.callback_at = t('attempt.chooseCallback');
    setLocal(missing);
    if (Object.keys(missing).length > 0 || !outcome) return;
    const body: AttemptBody = { outcome, ...(note.trim() ? { note: note.trim() } : {}) };
    if (outcome === 'callback_requested') body.callback_at = callbackAt;
    record.mutate(body, {
      onSuccess: () => {
        setSaved(true);
        setOutcome('');
        setNote('');
        setCallbackAt('');
      },
    });
  };

  return (
    <form className="attempt-form" onSubmit={submit} noValidate aria-labelledby="attempt-title">
      <h2 id="attempt-title">{t('attempt.title')}</h2>
      <ErrorSummary errors={summary} focusKey={tries} title={t('attempt.errorsTitle')} />
      {saved && (
        <Notice tone="success" live="polite">
          <p>{t('attempt.saved')}</p>
        </Notice>
      )}
      <fieldset
        className={`attempt-form__outcomes${errors.outcome ? ' field--error' : ''}`}
        aria-describedby={errors.outcome ? 'attempt-outcome-error' : undefined}
      >
        <legend className="field__label">{t('attempt.legend')}</legend>
        {errors.outcome && <FieldError id="attempt-outcome-error">{errors.outcome}</FieldError>}
        {OUTCOMES.map((o) => (
          <label key={o} className="attempt-form__choice" htmlFor={`attempt-outcome-${o}`}>
            <input
              type="radio"
              id={`attempt-outcome-${o}`}
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            <span>{t(`attempt.outcomes.${o}`)}</span>
          </label>
        ))}
      </fieldset>
      {outcome === 'callback_requested' && (
        <Field id="attempt-callback" label={t('attempt.callbackAt')} hint={t('attempt.callbackHint')} error={errors.callback_at} required>
          {(p) => <input {...p} type="datetime-local" className="input" value={callbackAt} onChange={(e) => setCallbackAt(e.target.value)} />}
        </Field>
      )}
      <Field id="attempt-note" label={t('attempt.note')} hint={t('attempt.noteHint')} error={errors.note}>
        {(p) => <textarea {...p} className="input" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={record.isPending}>
        {record.isPending ? t('attempt.saving') : t('attempt.submit')}
      </button>
    </form>
  );
}
