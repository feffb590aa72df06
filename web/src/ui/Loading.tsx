import { useTranslation } from 'react-i18next';

/** A loading message, announced politely; the animation stops for people who reduce motion. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}
