// The list of a form's errors above it, each a link to its field (GOV.UK / DSFR pattern). It takes
// the focus when it appears or changes, so that a screen-reader user hears what to correct.
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

/** The errors in the order of their fields on the page (errors of the whole form first). */
export function inPageOrder(errors: SummaryError[]): SummaryError[] {
  const pos = (e: SummaryError) => (e.fieldId ? document.getElementById(e.fieldId) : null);
  return [...errors].sort((a, b) => {
    const x = pos(a);
    const y = pos(b);
    if (!x || !y) return x ? 1 : y ? -1 : 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

export interface SummaryError {
  /** The id of the field to go to; empty for an error of the whole form. */
  fieldId: string;
  message: string;
}

export function ErrorSummary({ errors, focusKey, title }: { errors: SummaryError[]; focusKey: number; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
    // Focus again on each submission that fails, even with the same errors.
  }, [focusKey]); // eslint-disable-line react-hooks/exhaustive-deps
  if (errors.length === 0) return null;
  const go = (e: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const el = document.getElementById(fieldId);
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView?.({ block: 'center' });
  };
  return (
    <div className="error-summary" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        <Icon name="alert" />
        {title ?? t('errors.summaryTitle', { count: errors.length })}
      </h2>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.fieldId}-${i}`}>
            {e.fieldId ? (
              <a href={`#${e.fieldId}`} onClick={(ev) => go(ev, e.fieldId)}>
                {e.message}
              </a>
            ) : (
              e.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
