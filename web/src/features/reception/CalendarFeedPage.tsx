// "Mon agenda de rendez-vous": the staff member's private calendar feed (ADR 0017). The address is
// a secret shown only in the answer that made it: shown here once, with a button that copies it;
// making a new one or revoking cuts the previous one off at once, so both ask first.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { errorMessage, QueryError } from '../../ui/QueryError';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from './queries';
import './reception.css';

export function CalendarFeedPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState('');
  const [copied, setCopied] = useState<'yes' | 'no' | ''>('');
  const [revoked, setRevoked] = useState(false);
  const urlField = useRef<HTMLInputElement>(null);
  const failure = create.error ?? revoke.error;

  useEffect(() => {
    if (url) {
      urlField.current?.focus();
      urlField.current?.select();
    }
  }, [url]);

  const make = () => {
    if (feed.data?.active && !window.confirm(t('reception.feed.confirmReplace'))) return;
    setCopied('');
    setRevoked(false);
    create.mutate(undefined, { onSuccess: (f) => setUrl(f.url ?? '') });
  };
  const cut = () => {
    if (!window.confirm(t('reception.feed.confirmRevoke'))) return;
    setUrl('');
    setCopied('');
    revoke.mutate(undefined, { onSuccess: () => setRevoked(true) });
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard (an old browser, a page not allowed to): the field is selected, Ctrl+C works.
      urlField.current?.select();
      setCopied('no');
    }
  };

  return (
    <section className="reception">
      <PageTitle title={t('reception.feed.title')} />
      <p>
        <Link to="..">{t('reception.backToDay')}</Link>
      </p>
      <p>{t('reception.feed.intro')}</p>
      {failure && (
        <Notice tone="error" live="assertive">
          <p>{errorMessage(failure, t)}</p>
        </Notice>
      )}
      {feed.isPending ? (
        <Loading />
      ) : feed.isError ? (
        <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
      ) : (
        <>
          {revoked && (
            <Notice tone="success" live="polite">
              <p>{t('reception.feed.revoked')}</p>
            </Notice>
          )}
          {url ? (
            <section aria-labelledby="feed-new" className="reception-feed">
              <h2 id="feed-new">{t('reception.feed.newTitle')}</h2>
              <Notice tone="warning">
                <p>{t('reception.feed.onlyOnce')}</p>
              </Notice>
              <div className="field">
                <label className="field__label" htmlFor="feed-url">{t('reception.feed.address')}</label>
                <p className="field__hint" id="feed-url-hint">{t('reception.feed.addressHint')}</p>
                <input id="feed-url" ref={urlField} className="input reception-feed__url" readOnly value={url} aria-describedby="feed-url-hint" />
              </div>
              <p className="reception-actions">
                <button type="button" className="button button--primary" onClick={() => void copy()}>
                  {t('reception.feed.copy')}
                </button>
              </p>
              <div role="status">
                {copied === 'yes' && <p>{t('reception.feed.copied')}</p>}
                {copied === 'no' && <p>{t('reception.feed.copyByHand')}</p>}
              </div>
            </section>
          ) : (
            <p>
              {feed.data.active
                ? t('reception.feed.active', { date: feed.data.created_at ? formatDateTime(feed.data.created_at, locale) : '—' })
                : t('reception.feed.none')}
            </p>
          )}
          <p className="reception-actions">
            <button type="button" className={`button ${feed.data.active ? 'button--secondary' : 'button--primary'}`} disabled={create.isPending} onClick={make}>
              {feed.data.active ? t('reception.feed.replace') : t('reception.feed.create')}
            </button>
            {feed.data.active && (
              <button type="button" className="button button--secondary" disabled={revoke.isPending} onClick={cut}>
                {t('reception.feed.revoke')}
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
