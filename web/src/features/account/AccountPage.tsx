// "Mon compte": the signed-in person's own account. Sécurité: whether the second factor is on; when
// it is not, until when signing in still works without it (the grace period, ADR 0009), and
// enrolling it here (QR code, confirmation code, recovery codes shown once). Staff who receive
// appointments find their private calendar feed from here (it lives with reception).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { canBookAppointments } from '../reception/queries';
import { MfaEnrolment } from '../session/MfaEnrolment';
import { useSession, useSignedIn } from '../session/session';

export function AccountPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const { afterEnrolment } = useSession();
  const [enrolling, setEnrolling] = useState(false);
  const mfa = session.mfa;

  return (
    <div className="account">
      <PageTitle title={t('account.title')} />
      <p>{session.user.display_name} — {session.user.organisation.name}</p>
      <section aria-labelledby="account-security">
        <h2 id="account-security">{t('account.security')}</h2>
        {mfa.enabled && !enrolling ? (
          <Notice tone="success">
            <p>{t('account.mfaOn')}</p>
          </Notice>
        ) : (
          <>
            {!mfa.enabled && !enrolling && (
              <Notice tone="warning">
                <p>{t('account.mfaOff', { date: mfa.deadline ? formatDateTime(mfa.deadline, localeOf(i18n.language)) : '—' })}</p>
              </Notice>
            )}
            <MfaEnrolment
              headingLevel={3}
              onStart={() => setEnrolling(true)}
              onDone={async () => {
                await afterEnrolment();
                setEnrolling(false);
              }}
            />
          </>
        )}
      </section>
      {canBookAppointments(session.user.roles) && (
        <section aria-labelledby="account-calendar">
          <h2 id="account-calendar">{t('account.calendar')}</h2>
          <p>{t('account.calendarText')}</p>
          <p>
            <Link to="/rendez-vous/mon-agenda">{t('account.calendarOpen')}</Link>
          </p>
        </section>
      )}
    </div>
  );
}
