// The login page: e-mail and password, errors next to the fields and in a summary that takes the
// focus, the server's own words for a refused login or too many attempts, and the reason the
// person is here (session expired, signed out). After signing in: back to where they were.
// When the server asks for a second step (ADR 0009): a code field (TOTP or recovery code), or,
// once the grace period is over, enrolling a second factor before going on.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { ApiError } from '../../api/client';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { errorMessage } from '../../ui/QueryError';
import { MfaEnrolment } from './MfaEnrolment';
import { safeReturnPath, useSession, type SignInStep } from './session';

const HOME = '/menages';

function loginSchema(t: (k: 'login.emailRequired' | 'login.emailInvalid' | 'login.passwordRequired') => string) {
  return z.object({
    email: z.string().check(
      z.trim(),
      z.minLength(1, t('login.emailRequired')),
      z.refine((v) => v === '' || z.email().safeParse(v).success, t('login.emailInvalid')),
    ),
    password: z.string().check(z.minLength(1, t('login.passwordRequired'))),
  });
}

type FieldName = 'email' | 'password';

export default function LoginPage() {
  const { t } = useTranslation();
  const { session, signIn, afterEnrolment } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const reason = params.get('motif');
  const back = safeReturnPath(params.get('retour')) ?? HOME;

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  const [pending, setPending] = useState(false);
  const [step, setStep] = useState<SignInStep['stage'] | null>(null);

  if (session && !pending) return <Navigate to={back} replace />;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    setFormError(null);
    const parsed = loginSchema(t).safeParse({ email, password });
    if (!parsed.success) {
      const errs: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const f = issue.path[0] as FieldName;
        errs[f] ??= issue.message;
      }
      setFieldErrors(errs);
      setSubmits((n) => n + 1);
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const r = await signIn(parsed.data.email, parsed.data.password);
      if ('stage' in r) {
        setPassword('');
        setStep(r.stage);
        return;
      }
      navigate(back, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const byField = err.fieldErrors();
        const errs: Partial<Record<FieldName, string>> = {};
        if (byField.email) errs.email = byField.email;
        if (byField.password) errs.password = byField.password;
        setFieldErrors(errs);
        if (!errs.email && !errs.password) setFormError(errorMessage(err, t));
      } else if (err instanceof ApiError && err.status === 401) {
        setFormError(err.problem?.detail || t('login.badCredentials'));
      } else if (err instanceof ApiError && err.status === 429) {
        // "Trop de tentatives de connexion. Réessayez dans 2 minutes." from the server.
        setFormError(err.problem?.detail ?? t('errors.generic'));
      } else {
        setFormError(errorMessage(err, t));
      }
      setSubmits((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  if (step) {
    const restart = () => {
      setStep(null);
      setFormError(null);
    };
    return (
      <LoginFrame>
        {step === 'mfa' ? (
          <MfaStep onDone={() => navigate(back, { replace: true })} onCancel={restart} />
        ) : (
          <>
            <PageTitle title={t('mfa.requiredTitle')} />
            <p>{t('mfa.requiredIntro')}</p>
            <MfaEnrolment
              onDone={async () => {
                setPending(true);
                try {
                  await afterEnrolment();
                  navigate(back, { replace: true });
                } finally {
                  setPending(false);
                }
              }}
            />
            <p>
              <button type="button" className="button button--secondary" onClick={restart}>
                {t('mfa.cancel')}
              </button>
            </p>
          </>
        )}
      </LoginFrame>
    );
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ fieldId: '', message: formError }] : []),
    ...(fieldErrors.email ? [{ fieldId: 'login-email', message: fieldErrors.email }] : []),
    ...(fieldErrors.password ? [{ fieldId: 'login-password', message: fieldErrors.password }] : []),
  ];

  return (
    <LoginFrame>
        <PageTitle title={t('login.title')} />
        {reason === 'expiree' && (
          <Notice tone="warning" title={t('login.expiredTitle')}>
            <p>{t('login.expired')}</p>
          </Notice>
        )}
        {reason === 'deconnexion' && (
          <Notice tone="success">
            <p>{t('login.signedOut')}</p>
          </Notice>
        )}
        <p>{t('login.intro')}</p>
        <ErrorSummary errors={summary} focusKey={submits} title={formError ? t('login.failed') : undefined} />
        <form noValidate onSubmit={(e) => void onSubmit(e)} className="form">
          <Field id="login-email" label={t('login.email')} hint={t('login.emailHint')} error={fieldErrors.email}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                spellCheck={false}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field id="login-password" label={t('login.password')} error={fieldErrors.password}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button--primary button--large" aria-disabled={pending || undefined}>
            {pending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="login__help">{t('login.forgotten')}</p>
    </LoginFrame>
  );
}

function LoginFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="login">
      <div className="login__brand" aria-hidden="true">
        <Icon name="home" />
        <span>{t('app.name')}</span>
      </div>
      <main id="contenu" tabIndex={-1} className="login__card">
        {children}
      </main>
    </div>
  );
}

/** The second step: a code from the app, or one of the recovery codes. */
function MfaStep({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { submitMfaCode } = useSession();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    setFormError(null);
    const value = code.trim();
    if (!value) {
      setFieldError(t('mfa.codeRequired'));
      setSubmits((n) => n + 1);
      return;
    }
    setFieldError(undefined);
    setPending(true);
    try {
      await submitMfaCode(value);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        setFieldError(err.fieldErrors().code ?? err.problem?.detail ?? errorMessage(err, t));
      } else if (err instanceof ApiError && err.problem?.detail && [401, 403, 409, 429].includes(err.status)) {
        setFormError(err.problem.detail);
      } else {
        setFormError(errorMessage(err, t));
      }
      setSubmits((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  const summary: SummaryError[] = [
    ...(formError ? [{ fieldId: '', message: formError }] : []),
    ...(fieldError ? [{ fieldId: 'mfa-code', message: fieldError }] : []),
  ];

  return (
    <>
      <PageTitle title={t('mfa.stepTitle')} />
      <p>{t('mfa.stepIntro')}</p>
      <ErrorSummary errors={summary} focusKey={submits} title={formError ? t('login.failed') : undefined} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} className="form">
        <Field id="mfa-code" label={t('mfa.code')} hint={t('mfa.codeHint')} error={fieldError}>
          {(control) => (
            <input
              {...control}
              ref={input}
              className="input"
              type="text"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              spellCheck={false}
              autoCapitalize="characters"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--large" aria-disabled={pending || undefined}>
          {pending ? t('mfa.verifying') : t('mfa.verify')}
        </button>
      </form>
      <p>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('mfa.cancel')}
        </button>
      </p>
    </>
  );
}
