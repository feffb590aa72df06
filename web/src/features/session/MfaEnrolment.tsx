// Enrolling a second factor (ADR 0009), used by the login page when the grace period is over and
// by "Mon compte": ask the server for a new secret, show its QR code (the server's SVG, as an image
// so that no markup of it enters the page) and the secret to type by hand, confirm with a code, then
// show the 10 recovery codes once, until the person says they noted them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, csrfHeader } from '../../api/client';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { errorMessage } from '../../ui/QueryError';

interface Enrolment {
  secret: string;
  qr_svg: string;
}

/** The SVG as a data: URI (the CSP allows img-src data:), base64 of its UTF-8 bytes. */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(bin)}`;
}

export function MfaEnrolment({
  onStart, onDone, headingLevel = 2,
}: {
  /** The server gave a secret: the enrolment is under way. */
  onStart?: () => void;
  /** The person noted the recovery codes; signedIn: an enrolment-stage session became a full one. */
  onDone: (signedIn: boolean) => void | Promise<void>;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<{ list: string[]; signedIn: boolean } | null>(null);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  const [pending, setPending] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const codesHeading = useRef<HTMLHeadingElement>(null);
  const H = `h${headingLevel}` as const;

  useEffect(() => {
    if (enrolment && !codes) codeInput.current?.focus();
  }, [enrolment, codes]);
  useEffect(() => {
    if (codes) codesHeading.current?.focus();
  }, [codes]);

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.status === 400) {
      setFieldError(err.fieldErrors().code ?? err.problem?.detail ?? errorMessage(err, t));
    } else if (err instanceof ApiError && (err.status === 401 || err.status === 429 || err.status === 409)) {
      setFormError(err.problem?.detail ?? errorMessage(err, t));
    } else {
      setFormError(errorMessage(err, t));
    }
    setSubmits((n) => n + 1);
  };

  const start = async () => {
    if (pending) return;
    setPending(true);
    setFormError(null);
    try {
      const e = await call(api.POST('/api/v1/account/mfa', { params: { header: csrfHeader() } }));
      setEnrolment({ secret: e.secret, qr_svg: e.qr_svg });
      onStart?.();
    } catch (err) {
      fail(err);
    } finally {
      setPending(false);
    }
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    setFormError(null);
    const value = code.replace(/\s+/g, '');
    if (!value) {
      setFieldError(t('mfa.codeRequired'));
      setSubmits((n) => n + 1);
      return;
    }
    setFieldError(undefined);
    setPending(true);
    try {
      const r = await call(api.POST('/api/v1/account/mfa/confirm', { params: { header: csrfHeader() }, body: { code: value } }));
      setCodes({ list: r.recovery_codes, signedIn: r.signed_in });
    } catch (err) {
      fail(err);
    } finally {
      setPending(false);
    }
  };

  const summary: SummaryError[] = [
    ...(formError ? [{ fieldId: '', message: formError }] : []),
    ...(fieldError ? [{ fieldId: 'mfa-confirm-code', message: fieldError }] : []),
  ];

  if (codes) {
    return (
      <section className="mfa-codes" aria-labelledby="mfa-codes-title">
        <H id="mfa-codes-title" tabIndex={-1} ref={codesHeading}>
          {t('mfa.codesTitle')}
        </H>
        <p>{t('mfa.codesIntro')}</p>
        <ul className="mfa-codes__list">
          {codes.list.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--primary" onClick={() => void onDone(codes.signedIn)}>
          {t('mfa.codesDone')}
        </button>
      </section>
    );
  }

  return (
    <div className="mfa-enrolment">
      <ErrorSummary errors={summary} focusKey={submits} />
      {!enrolment ? (
        <button type="button" className="button button--primary" aria-disabled={pending || undefined} onClick={() => void start()}>
          {pending ? t('mfa.starting') : t('mfa.start')}
        </button>
      ) : (
        <>
          <p>{t('mfa.scan')}</p>
          <img className="mfa-enrolment__qr" src={svgDataUri(enrolment.qr_svg)} alt={t('mfa.qrAlt')} width={200} height={200} />
          <p className="mfa-enrolment__secret">{t('mfa.secret', { secret: enrolment.secret })}</p>
          <form noValidate onSubmit={(e) => void confirm(e)} className="form">
            <Field id="mfa-confirm-code" label={t('mfa.confirmCode')} error={fieldError}>
              {(control) => (
                <input
                  {...control}
                  ref={codeInput}
                  className="input input--short"
                  type="text"
                  name="code"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  spellCheck={false}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
              {pending ? t('mfa.verifying') : t('mfa.confirm')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
