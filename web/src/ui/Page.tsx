// The title of a page: the document title ("Page — Relais") and its h1. After a navigation inside
// the app the h1 takes the focus, so that screen-reader and keyboard users start at the new page
// (RGAA 12.x); the first page loaded keeps the browser's own focus (the skip link comes first).
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

let lastPath: string | null = null;

/** Forget the last page (tests; a new sign-in). */
export function resetPageFocus() {
  lastPath = null;
}

export function useDocumentTitle(page: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.title', { page });
  }, [page, t]);
}

/**
 * The h1 of a page. `focus` false leaves the focus alone (a page that focuses its main field
 * itself, like the household search).
 */
export function PageTitle({ title, children, focus = true, id }: { title: string; children?: ReactNode; focus?: boolean; id?: string }) {
  useDocumentTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (focus && lastPath !== null && lastPath !== pathname) ref.current?.focus();
    lastPath = pathname;
  }, [pathname, focus]);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}

/** True when the page was reached by a navigation inside the app (not the first page loaded). */
export function useArrivedByNavigation(): boolean {
  const { pathname } = useLocation();
  return lastPath !== null && lastPath !== pathname;
}
