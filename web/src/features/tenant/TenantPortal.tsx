// The tenant portal (/locataire): activation and sign-in with the tenant reference and a one-time
// code (or a password), then "Mon logement". Made for a cheap phone: one column, large targets,
// plain words, no image, works with the keyboard and a screen reader. Like the staff app, a warning
// a minute before the idle time-out offers to stay signed in (tenantClock.ts, shared by the tabs of
// the browser), and the tenant can sign out of every device.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateLong, formatMoney, formatSurface } from '../../lib/format';
import { Field } from '../../ui/Field';
import { IdleWarningDialog } from '../session/IdleWarning';
import { TenantApiError, setTenantCsrf, tenantApi, type TenantHousehold, type TenantSession } from './api';
import { useTenantClock } from './tenantClock';
import { TenantAppointments } from '../reception/TenantAppointments';
import { TenantNoticePreferences, TenantReceptionBanner } from '../reception/TenantNotices';
import '../reception/reception.css';
import './tenant.css';

function messageOf(e: unknown, fallback: string): string {
  return e instanceof TenantApiError && e.message ? e.message : fallback;
}

export default function TenantPortal() {
  const { t } = useTranslation();
  const [session, setSession] = useState<TenantSession | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const clock = useTenantClock((reason) => {
    setTenantCsrf('');
    setExpired(reason === 'expired');
    setSession(null);
  });
  const { start, signedOut: clockSignedOut } = clock;
  useEffect(() => {
    document.title = `${t('tenant.title')} – Relais`;
    const sent = Date.now();
    tenantApi.session().then(
      (s) => {
        setTenantCsrf(s.csrf_token);
        // Read, not opened: the server may have slid the deadline up to a minute before.
        start(s, sent, Date.now(), 'read');
        setSession(s);
      },
      () => setSession(null),
    );
  }, [t, start]);
  const signedOut = () => {
    clockSignedOut();
    setTenantCsrf('');
    setSession(null);
  };
  const warning = !!session && clock.phase === 'warning';
  return (
    <>
      <main id="contenu" tabIndex={-1} className="tenant" inert={warning}>
        {session === undefined ? (
          <p role="status">{t('tenant.loading')}</p>
        ) : session ? (
          <Home session={session} onSignedOut={signedOut} />
        ) : (
          <>
            {expired && (
              <p role="alert" className="tenant__card">
                {t('tenant.expired')}
              </p>
            )}
            <SignIn
              onSignedIn={(s, sent) => {
                setTenantCsrf(s.csrf_token);
                start(s, sent, Date.now(), 'opened');
                setExpired(false);
                setSession(s);
              }}
            />
          </>
        )}
      </main>
      {warning && (
        <IdleWarningDialog
          deadline={clock.deadline}
          extend={clock.extend}
          signOut={() => {
            void tenantApi.signOut().catch(() => {}).finally(signedOut);
          }}
        />
      )}
    </>
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (s: TenantSession, sentAt: number) => void }) {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const [mode, setMode] = useState<'code' | 'password'>('code');
  const [hint, setHint] = useState<string | null>(null);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (hint) secretRef.current?.focus();
  }, [hint]);

  async function askCode(e: FormEvent) {
    e.preventDefault();
    if (!reference.trim()) return setError({ field: 'reference', message: t('tenant.err.reference') });
    setBusy(true);
    setError(null);
    try {
      const res = await tenantApi.requestCode(reference.trim());
      setHint(res.hint);
    } catch (err) {
      setError({ field: 'reference', message: messageOf(err, t('tenant.err.network')) });
    } finally {
      setBusy(false);
    }
  }

  async function signIn(e: FormEvent) {
    e.preventDefault();
    if (!reference.trim()) return setError({ field: 'reference', message: t('tenant.err.reference') });
    if (!secret) return setError({ field: 'secret', message: mode === 'code' ? t('tenant.err.code') : t('tenant.err.password') });
    setBusy(true);
    setError(null);
    try {
      const sent = Date.now();
      const s = await tenantApi.signIn(reference.trim(), mode === 'code' ? { code: secret.replace(/\s/g, '') } : { password: secret });
      onSignedIn(s, sent);
    } catch (err) {
      setError({ field: 'secret', message: messageOf(err, t('tenant.err.network')) });
    } finally {
      setBusy(false);
    }
  }

  const referenceField = (
    <Field id="tenant-reference" label={t('tenant.reference')} hint={t('tenant.referenceHint')} error={error?.field === 'reference' ? error.message : undefined}>
      {(c) => (
        <input {...c} className="input" autoComplete="username" value={reference} onChange={(e) => setReference(e.target.value)} />
      )}
    </Field>
  );

  return (
    <>
      <h1>{t('tenant.title')}</h1>
      <p>{t('tenant.intro')}</p>
      {mode === 'code' && !hint && (
        <form onSubmit={askCode} noValidate>
          {referenceField}
          <button type="submit" className="button button--primary tenant__wide" disabled={busy}>
            {t('tenant.sendCode')}
          </button>
          <button type="button" className="button tenant__wide" onClick={() => { setMode('password'); setError(null); }}>
            {t('tenant.usePassword')}
          </button>
        </form>
      )}
      {(mode === 'password' || hint) && (
        <form onSubmit={signIn} noValidate>
          {hint && (
            <p role="status" className="tenant__sent">
              {t('tenant.codeSent', { hint })}
            </p>
          )}
          {referenceField}
          <Field
            id="tenant-secret"
            label={mode === 'code' ? t('tenant.code') : t('tenant.password')}
            hint={mode === 'code' ? t('tenant.codeHint') : undefined}
            error={error?.field === 'secret' ? error.message : undefined}
          >
            {(c) => (
              <input
                {...c}
                ref={secretRef}
                className="input"
                type={mode === 'code' ? 'text' : 'password'}
                inputMode={mode === 'code' ? 'numeric' : undefined}
                autoComplete={mode === 'code' ? 'one-time-code' : 'current-password'}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button--primary tenant__wide" disabled={busy}>
            {t('tenant.signIn')}
          </button>
          <button
            type="button"
            className="button tenant__wide"
            onClick={() => {
              setMode(mode === 'code' ? 'password' : 'code');
              setHint(null);
              setSecret('');
              setError(null);
            }}
          >
            {mode === 'code' ? t('tenant.usePassword') : t('tenant.useCode')}
          </button>
        </form>
      )}
    </>
  );
}

function Home({ session, onSignedOut }: { session: TenantSession; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const [h, setH] = useState<TenantHousehold | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    tenantApi.household().then(setH, (e) => setError(messageOf(e, t('tenant.err.network'))));
  }, [t]);

  async function signOut(everywhere = false) {
    try {
      await tenantApi.signOut({ everywhere });
    } catch {
      // Already over on the server: signed out all the same.
    } finally {
      onSignedOut();
    }
  }

  return (
    <>
      <h1>{t('tenant.home')}</h1>
      {error && <p role="alert">{error}</p>}
      {!h && !error && <p role="status">{t('tenant.loading')}</p>}
      {h && (
        <>
          <TenantReceptionBanner />
          <TenantAppointments />
          <TenantNoticePreferences />
          <section aria-labelledby="t-address" className="tenant__card">
            <h2 id="t-address">{t('tenant.address')}</h2>
            <p>
              {h.address.building_name && <>{h.address.building_name}<br /></>}
              {h.address.street}
              <br />
              {h.address.postal_code} {h.address.commune}
            </p>
            <p>{t('tenant.dwelling', { reference: h.dwelling.reference, rooms: h.dwelling.rooms, surface: formatSurface(h.dwelling.surface_m2) })}</p>
            <p>{h.dwelling.floor === 0 ? t('tenant.groundFloor') : t('tenant.floor', { floor: h.dwelling.floor })}</p>
          </section>
          {h.members && (
            <section aria-labelledby="t-members" className="tenant__card">
              <h2 id="t-members">{t('tenant.members')}</h2>
              <ul>
                {h.members.map((m, i) => (
                  <li key={i}>{m.first_name}</li>
                ))}
              </ul>
            </section>
          )}
          {h.lease && (
            <section aria-labelledby="t-lease" className="tenant__card">
              <h2 id="t-lease">{t('tenant.lease')}</h2>
              {h.lease.start_date && <p>{t('tenant.leaseStart', { date: formatDateLong(h.lease.start_date) })}</p>}
              {h.lease.rent_cents !== undefined && (
                <p>{t('tenant.rent', { rent: formatMoney(h.lease.rent_cents), charges: formatMoney(h.lease.charges_cents ?? 0) })}</p>
              )}
            </section>
          )}
          <section aria-labelledby="t-landlord" className="tenant__card">
            <h2 id="t-landlord">{t('tenant.landlord')}</h2>
            <p>{h.landlord.name}</p>
            {h.agency && <p>{t('tenant.agency', { name: h.agency.name })}</p>}
            <p>{t('tenant.reference')} : {h.reference}</p>
          </section>
        </>
      )}
      {!session.tenant.has_password && <PasswordForm />}
      <button type="button" className="button tenant__wide" onClick={() => void signOut()}>
        {t('tenant.signOut')}
      </button>
      <button type="button" className="button tenant__wide" aria-describedby="t-everywhere-hint" onClick={() => void signOut(true)}>
        {t('tenant.signOutEverywhere')}
      </button>
      <p id="t-everywhere-hint" className="tenant__hint">
        {t('tenant.signOutEverywhereHint')}
      </p>
    </>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await tenantApi.setPassword(password);
      setDone(true);
    } catch (err) {
      setError(messageOf(err, t('tenant.err.network')));
    }
  }
  if (done) return <p role="status" className="tenant__card">{t('tenant.passwordSet')}</p>;
  return (
    <section aria-labelledby="t-password" className="tenant__card">
      <h2 id="t-password">{t('tenant.passwordTitle')}</h2>
      <p>{t('tenant.passwordIntro')}</p>
      <form onSubmit={submit} noValidate>
        <Field id="tenant-new-password" label={t('tenant.newPassword')} hint={t('tenant.newPasswordHint')} error={error}>
          {(c) => (
            <input {...c} className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button tenant__wide">
          {t('tenant.savePassword')}
        </button>
      </form>
    </section>
  );
}
