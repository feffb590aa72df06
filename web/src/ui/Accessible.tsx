import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

/** Accessible to persons with reduced mobility (PMR), in words and with an icon. */
export function Accessible({ yes }: { yes: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={yes ? 'status status--yes' : 'status status--no'}>
      <Icon name={yes ? 'accessible' : 'cross'} />
      {yes ? t('buildings.accessible') : t('buildings.notAccessible')}
    </span>
  );
}
