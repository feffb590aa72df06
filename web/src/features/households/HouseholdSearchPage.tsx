// Finding a household as a caller is on the line: type part of a name (accents optional), an
// address, digits of a phone number or the tenant reference; matches appear as you type (debounced),
// the arrow keys go through them and Enter opens the record. The query stays in the URL (?q=).
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { formatPhone } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { Combobox } from '../../ui/Combobox';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { PageTitle, useArrivedByNavigation } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { SEARCH_LIMIT, searchable, useHouseholdSearch, type HouseholdSummary } from './queries';
import './households.css';

export const SEARCH_DEBOUNCE_MS = 250;

export function HouseholdSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  const debounced = useDebounced(text, SEARCH_DEBOUNCE_MS).trim();
  const arrived = useArrivedByNavigation();

  // The URL follows what is typed (replacing: each letter is not a step of the history)...
  useEffect(() => {
    if (debounced !== urlQ) setParams(debounced ? { q: debounced } : {}, { replace: true });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps
  // ...and the field follows the URL when it changes otherwise (back, forward, a link).
  useEffect(() => {
    if (urlQ !== debounced) setText(urlQ);
  }, [urlQ]); // eslint-disable-line react-hooks/exhaustive-deps

  const search = useHouseholdSearch(debounced);
  const active = searchable(debounced);
  const items = active ? (search.data?.items ?? []) : [];
  const settled = active && !search.isPlaceholderData && search.isSuccess;

  const open = (h: HouseholdSummary) => navigate(`/menages/${h.id}`, { state: { search: debounced } });

  let status: ReactNode = null;
  if (text.trim() !== '' && !searchable(text)) status = t('households.typeMore');
  else if (active && search.isFetching && !settled) status = t('households.searching');
  else if (settled && items.length === 0) status = t('households.noResults', { q: debounced });
  else if (settled) status = t('households.results', { count: items.length });

  return (
    <div className="household-search">
      <PageTitle title={t('households.searchTitle')} focus={false} />
      <Combobox
        id="household-search"
        className="household-search__box"
        label={t('households.searchLabel')}
        hint={t('households.searchHint')}
        value={text}
        onValueChange={setText}
        options={items}
        optionKey={(h) => h.id}
        onSelect={open}
        onEnterWithoutOption={() => {
          if (items.length === 1) open(items[0]!);
        }}
        listLabel={t('households.resultsLabel')}
        status={status}
        inline
        autoFocus={arrived}
        renderOption={(h) => <SearchResult h={h} />}
      />
      {settled && items.length === SEARCH_LIMIT && <p className="household-search__more">{t('households.resultsMore', { count: SEARCH_LIMIT })}</p>}
      {settled && items.length === 0 && <p className="household-search__help">{t('households.noResultsHelp')}</p>}
      {search.isError && <QueryError error={search.error} onRetry={() => void search.refetch()} />}
      {text.trim() === '' && (
        <EmptyState icon="search" title={t('households.emptyTitle')}>
          <p>{t('households.emptyBody')}</p>
        </EmptyState>
      )}
    </div>
  );
}

/** The address with its commune, unless the address already ends with it. */
export function withCommune(address: string, commune: string): string {
  if (!commune || address.toLowerCase().includes(commune.toLowerCase())) return address;
  return address ? `${address}, ${commune}` : commune;
}

function SearchResult({ h }: { h: HouseholdSummary }) {
  const { t } = useTranslation();
  return (
    <span className="result">
      <span className="result__head">
        <span className="result__name">{h.display_name}</span>
        <span className="result__ref">{t('households.reference', { reference: h.reference })}</span>
      </span>
      <span className="result__line">
        <Icon name="pin" />
        {withCommune(h.address, h.commune_name)}
      </span>
      <span className="result__line">
        <Icon name="phone" />
        {h.phone ? <span className="result__phone">{formatPhone(h.phone)}</span> : t('households.noPhone')}
        <span className="result__members">
          <Icon name="households" />
          {t('households.members', { count: h.member_count })}
        </span>
      </span>
    </span>
  );
}
