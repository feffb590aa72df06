// The frame of every signed-in page: skip link, header (organisation, user, language, sign-out),
// main navigation built from MODULES, the <main> landmark, and the idle time-out warning. While the
// warning is open the frame is inert, so that focus and screen readers stay in the dialog.
import { Suspense, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { IdleWarning } from '../features/session/IdleWarning';
import { useSession, useSignedIn } from '../features/session/session';
import { setLanguage } from '../i18n';
import { Icon } from '../ui/Icon';
import { Loading } from '../ui/Loading';
import { modulesFor } from './modules';

export function AppFrame() {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const { phase, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const warning = phase === 'warning';

  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById('contenu')?.focus();
  };

  return (
    <>
      <div className="frame" inert={warning}>
        <a className="skip-link" href="#contenu" onClick={skip}>
          {t('app.skipLink')}
        </a>
        <header className="header">
          <div className="header__inner">
            <p className="header__brand">
              <Icon name="home" />
              <span className="header__app">{t('app.name')}</span>
              <span className="header__org">{session.user.organisation.name}</span>
            </p>
            <div className="header__user">
              <p className="header__name">
                <Icon name="user" />
                <span className="visually-hidden">{t('app.signedInAs', { name: '' })}</span>
                {session.user.display_name}
              </p>
              <button
                type="button"
                className="button button--quiet"
                lang={i18n.language === 'fr' ? 'en' : 'fr'}
                aria-label={t('app.languageSwitchLabel')}
                onClick={() => setLanguage(i18n.language === 'fr' ? 'en' : 'fr')}
              >
                <Icon name="globe" />
                {t('app.languageSwitch')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-disabled={signingOut || undefined}
                onClick={() => {
                  if (signingOut) return;
                  setSigningOut(true);
                  void signOut().finally(() => setSigningOut(false));
                }}
              >
                <Icon name="logout" />
                {signingOut ? t('app.signingOut') : t('app.signOut')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-disabled={signingOut || undefined}
                title={t('app.signOutEverywhereHint')}
                onClick={() => {
                  if (signingOut) return;
                  setSigningOut(true);
                  void signOut({ everywhere: true }).finally(() => setSigningOut(false));
                }}
              >
                <Icon name="logout" />
                {t('app.signOutEverywhere')}
              </button>
            </div>
          </div>
          <nav className="nav" aria-label={t('app.mainNav')}>
            <ul className="nav__list">
              {modulesFor(session.user.roles).map((m) => (
                <li key={m.id}>
                  <NavLink to={`/${m.path}`} className="nav__link">
                    <Icon name={m.icon} />
                    {t(m.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="contenu" tabIndex={-1} className="main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      {warning && <IdleWarning />}
    </>
  );
}
