// How an entry of the trail is shown, in the journal and on the household record: its time in
// Paris, the person, the operation in words (with an icon, never colour alone).
import { useTranslation } from 'react-i18next';
import { formatDateTime, type Locale } from '../../lib/format';
import { Icon, type IconName } from '../../ui/Icon';
import type { AuditEntry, Operation } from './queries';

/**
 * The icon of each operation of the trail. Typed by the API's AuditOperation enum (the server's one
 * list, src/modules/audit/audit_routes.cc), so an operation missing here, or one the server does
 * not write, fails tsc.
 */
const OPERATION_ICONS: Record<Operation, IconName> = {
  read: 'eye',
  create: 'plus',
  update: 'edit',
  delete: 'trash',
  export: 'download',
  import: 'upload',
  anonymise: 'shield',
  invite: 'mail',
  revoke: 'cross',
  deactivate: 'cross',
  reactivate: 'check',
  sign_in_code: 'user',
  sign_in_password: 'user',
  mfa_enrol: 'shield',
  mfa_reset: 'shield',
};

/** Every operation of the trail, in the server's order. */
export const OPERATIONS: readonly Operation[] = Object.keys(OPERATION_ICONS) as Operation[];

export function EntryWhen({ at, locale }: { at: string; locale: Locale }) {
  return <time dateTime={at}>{formatDateTime(at, locale)}</time>;
}

export function OperationWord({ op }: { op: Operation }) {
  const { t } = useTranslation();
  return (
    <span className={`operation operation--${op}`}>
      <Icon name={OPERATION_ICONS[op]} />
      {t(`audit.operation.${op}`)}
    </span>
  );
}

export function PersonName({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  return <>{e.user_name || (e.user_id === 0 ? t('audit.system') : t('audit.personUnknown', { id: e.user_id }))}</>;
}
