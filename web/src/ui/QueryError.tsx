// Why data could not be shown, in words, with a way to try again.
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/client';
import { Notice } from './Notice';

export function errorMessage(error: unknown, t: (k: 'errors.network' | 'errors.forbidden' | 'errors.notFound' | 'errors.generic') => string): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (error instanceof ApiError) {
    if (error.status === 403) return t('errors.forbidden');
    if (error.status === 404) return t('errors.notFound');
    if (error.problem?.detail && error.status < 500) return error.problem.detail;
  }
  return t('errors.generic');
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <Notice tone="error" title={t('errors.title')} live="assertive">
      <p>{errorMessage(error, t)}</p>
      {onRetry && !notFound && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </Notice>
  );
}
