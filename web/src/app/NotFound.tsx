import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../ui/EmptyState';
import { PageTitle } from '../ui/Page';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('app.notFoundTitle')} />
      <EmptyState icon="info" title={t('app.notFoundBody')}>
        <p>
          <Link to="/menages">{t('app.notFoundLink')}</Link>
        </p>
      </EmptyState>
    </>
  );
}
