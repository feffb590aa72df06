// "Retour au début" / "Suivant" under a list read page by page with a cursor (keyset pagination):
// the cursor and the page number stay in the URL (?apres=<cursor>&page=2) beside the list's
// filters, so that a page can be bookmarked and the browser's back button works.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Icon } from './Icon';

/** The cursor and the page number (1 on the first page) that the URL holds. */
export function keysetPosition(params: URLSearchParams): { after: string; page: number } {
  return { after: params.get('apres') ?? '', page: Math.max(1, Number(params.get('page')) || 1) };
}

/** The same search parameters without the position: back to the first page. */
export function withoutPosition(params: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(params);
  p.delete('apres');
  p.delete('page');
  return p;
}

export function KeysetPagination({
  params,
  nextCursor,
  label,
  first,
  next,
}: {
  params: URLSearchParams;
  nextCursor: string | null;
  /** The navigation landmark's name ("Pages du journal"). */
  label: string;
  first: ReactNode;
  next: ReactNode;
}) {
  const { after, page } = keysetPosition(params);
  if (!nextCursor && !after) return null;
  const firstHref = () => {
    const s = withoutPosition(params).toString();
    return s ? `?${s}` : '.';
  };
  const nextHref = (cursor: string) => {
    const p = new URLSearchParams(params);
    p.set('apres', cursor);
    p.set('page', String(page + 1));
    return `?${p.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={label}>
      {after && (
        <Link to={firstHref()} className="button button--secondary">
          <Icon name="chevronLeft" />
          {first}
        </Link>
      )}
      {nextCursor && (
        <Link to={nextHref(nextCursor)} className="button button--primary">
          {next}
          <Icon name="chevronRight" />
        </Link>
      )}
    </nav>
  );
}
