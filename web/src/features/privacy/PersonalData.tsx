// On a household record, for the data protection officer and administrators: the subject-access
// downloads (JSON and PDF, plain links: the browser downloads what the server sends as an
// attachment) and, for the data protection officer only, the anonymisation behind a confirmation
// dialog that asks for the reason. The server decides (privacy_policy); these only hide what would
// be refused.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, csrfHeader, type Schemas } from '../../api/client';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Notice } from '../../ui/Notice';
import { errorMessage } from '../../ui/QueryError';
import { householdKeys } from '../households/queries';
import type { Role } from '../session/session';
import './privacy.css';

/** Mirrors CanExportSubjectAccess of the server. */
export function canExportSubjectAccess(roles: readonly Role[]): boolean {
  return roles.some((r) => r === 'administrator' || r === 'data_protection');
}
/** Mirrors CanAnonymise of the server. */
export function canAnonymise(roles: readonly Role[]): boolean {
  return roles.includes('data_protection');
}

export function PersonalData({ h, roles }: { h: Schemas['Household']; roles: readonly Role[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const base = `/api/v1/households/${h.id}/subject-access`;
  return (
    <section className="card privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title" className="card__title">
        <Icon name="shield" />
        {t('privacy.title')}
      </h2>
      {done && (
        <Notice tone="success" live="polite">
          <p>{t('privacy.done')}</p>
        </Notice>
      )}
      {h.anonymised && !done && <p className="muted">{t('privacy.anonymised')}</p>}
      <h3>{t('privacy.accessTitle')}</h3>
      <p className="muted">{t('privacy.accessIntro')}</p>
      <p className="button-row">
        <a className="button" href={`${base}?format=json`} download>
          <Icon name="download" />
          {t('privacy.downloadJson')}
        </a>{' '}
        <a className="button" href={`${base}?format=pdf`} download>
          <Icon name="download" />
          {t('privacy.downloadPdf')}
        </a>
      </p>
      {canAnonymise(roles) && !h.anonymised && (
        <>
          <h3>{t('privacy.anonymise')}</h3>
          <p className="muted">{t('privacy.anonymiseIntro')}</p>
          <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
            <Icon name="trash" />
            {t('privacy.anonymise')}
          </button>
          {open && <AnonymiseDialog id={h.id} onClose={() => setOpen(false)} onDone={() => { setOpen(false); setDone(true); }} />}
        </>
      )}
    </section>
  );
}

function AnonymiseDialog({ id, onClose, onDone }: { id: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const anonymise = useMutation({
    mutationFn: (why: string) =>
      call(api.POST('/api/v1/households/{id}/anonymise', { params: { path: { id }, header: csrfHeader() }, body: { reason: why } })),
    onSuccess: (h) => {
      qc.setQueryData(householdKeys.one(id), h);
      void qc.invalidateQueries({ queryKey: ['households', 'search'] });
      onDone();
    },
    onError: (e) => setError(e instanceof ApiError ? (e.fieldErrors().reason ?? e.message) : errorMessage(e, t)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('privacy.reasonRequired'));
      input.current?.focus();
      return;
    }
    anonymise.mutate(reason.trim());
  };
  return (
    <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form onSubmit={submit} noValidate>
        <h3 id={titleId}>{t('privacy.dialogTitle')}</h3>
        <Notice tone="warning">
          <p>{t('privacy.dialogWarning')}</p>
        </Notice>
        <Field id={`${titleId}-reason`} label={t('privacy.reason')} hint={t('privacy.reasonHint')} error={error}>
          {(c) => (
            <textarea {...c} ref={input} className="input textarea" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        <p className="button-row">
          <button type="submit" className="button button--danger" disabled={anonymise.isPending}>
            {t('privacy.confirm')}
          </button>{' '}
          <button type="button" className="button" onClick={onClose}>
            {t('privacy.cancel')}
          </button>
        </p>
      </form>
    </div>
  );
}
