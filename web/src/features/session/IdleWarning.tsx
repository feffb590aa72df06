// The warning a minute before the idle time-out (WCAG 2.2.1): a modal alert dialog with the time
// left and one button to stay signed in. The rest of the page is inert meanwhile (see AppFrame);
// the focus goes to the button and comes back where it was. IdleWarningDialog is the dialog alone,
// for any session (the tenant portal's clock: features/tenant/tenantClock.ts).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/Icon';
import { useSession } from './session';

/** The staff app's warning, on the session of useSession(). */
export function IdleWarning() {
  const { deadline, extend, signOut } = useSession();
  return <IdleWarningDialog deadline={deadline} extend={extend} signOut={() => void signOut()} keepsDrafts />;
}

interface DialogProps {
  /** When the session ends if nothing happens (ms since epoch). */
  deadline: number | null;
  /** Asks the server again, which slides the idle deadline. */
  extend: () => Promise<void>;
  signOut: () => void;
  /** Drafts survive a time-out (the staff app): say so. */
  keepsDrafts?: boolean;
}

export function IdleWarningDialog({ deadline, extend, signOut, keepsDrafts = false }: DialogProps) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const stayRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    stayRef.current?.focus();
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  const seconds = Math.max(0, Math.ceil(((deadline ?? now) - now) / 1000));

  const stay = async () => {
    setBusy(true);
    try {
      await extend();
    } catch {
      // A 401 has ended the session already (the API listener); anything else: try again.
    } finally {
      setBusy(false);
    }
  };

  // Keep Tab inside the dialog; Escape means "stay".
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      void stay();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = dialogRef.current?.querySelectorAll<HTMLElement>('button:not([disabled])');
    if (!items || items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-warning-title"
        aria-describedby="idle-warning-body"
        onKeyDown={onKeyDown}
      >
        <h2 id="idle-warning-title" className="modal__title">
          <Icon name="clock" />
          {t('session.warningTitle')}
        </h2>
        <div id="idle-warning-body">
          <p>{t('session.warningBody', { count: seconds })}</p>
          {keepsDrafts && <p>{t('session.warningKept')}</p>}
        </div>
        <div className="modal__actions">
          <button ref={stayRef} type="button" className="button button--primary" onClick={() => void stay()} aria-disabled={busy || undefined}>
            {busy ? t('session.extending') : t('session.stay')}
          </button>
          <button type="button" className="button button--secondary" onClick={signOut}>
            {t('session.signOutNow')}
          </button>
        </div>
      </div>
    </div>
  );
}
