// A message in the page: information, success, warning or error, always with a word-bearing icon
// and a title or text (never colour alone). `live` makes it announced when it appears.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

type Tone = 'info' | 'success' | 'warning' | 'error';
const ICONS: Record<Tone, IconName> = { info: 'info', success: 'check', warning: 'alert', error: 'alert' };

export function Notice({
  tone, title, children, live, className,
}: { tone: Tone; title?: ReactNode; children?: ReactNode; live?: 'polite' | 'assertive'; className?: string }) {
  const role = live === 'assertive' ? 'alert' : live === 'polite' ? 'status' : undefined;
  return (
    <div className={`notice notice--${tone}${className ? ` ${className}` : ''}`} role={role}>
      <Icon name={ICONS[tone]} className="notice__icon" />
      <div className="notice__body">
        {title && <p className="notice__title">{title}</p>}
        {children}
      </div>
    </div>
  );
}
