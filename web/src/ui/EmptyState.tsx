import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

/** What an empty list or area means and what to do about it. */
export function EmptyState({ icon, title, children }: { icon: IconName; title: ReactNode; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <Icon name={icon} className="empty-state__icon" />
      <p className="empty-state__title">{title}</p>
      {children && <div className="empty-state__body">{children}</div>}
    </div>
  );
}
