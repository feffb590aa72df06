// The buildings of the landlord: filters by commune and by words that stay in the URL
// (?commune=14118&q=tilleuls), keyset pagination ("Suivant", ?apres=<cursor>&page=2), an empty
// state that says what to do.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDebounced } from '../../lib/useDebounced';
import { Combobox } from '../../ui/Combobox';
import { EmptyState } from '../../ui/EmptyState';
import { Field, FieldError } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { KeysetPagination, keysetPosition } from '../../ui/KeysetPagination';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { DEPARTEMENTS, PAGE_SIZE, useAgencies, useBuildings, useCommune, useCommunes, type Building, type Commune } from './queries';
import './buildings.css';

export function BuildingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const commune = params.get('commune') ?? '';
  const q = params.get('q') ?? '';
  const { after, page } = keysetPosition(params);

  const list = useBuildings({ commune, q, after });
  const agencies = useAgencies();
  const agencyName = (id: number | null) => agencies.data?.items.find((a) => a.id === id)?.name;

  // The form, filled from the URL.
  const [text, setText] = useState(q);
  const [communeText, setCommuneText] = useState('');
  const [chosen, setChosen] = useState<Commune | null>(null);
  const [communeError, setCommuneError] = useState<string | null>(null);
  const fromUrl = useCommune(commune);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (!commune) {
      setChosen(null);
      setCommuneText('');
    } else if (fromUrl.data) {
      setChosen(fromUrl.data);
      setCommuneText(fromUrl.data.name);
    }
  }, [commune, fromUrl.data]);

  const debouncedCommune = useDebounced(communeText, 200);
  const showSuggestions = communeText.trim().length >= 2 && communeText !== chosen?.name;
  const suggestions = useCommunes(showSuggestions ? debouncedCommune : '');
  const options = showSuggestions ? (suggestions.data?.items ?? []) : [];

  const apply = (e: FormEvent) => {
    e.preventDefault();
    let insee = '';
    if (communeText.trim()) {
      if (chosen && communeText === chosen.name) insee = chosen.insee;
      else if (options.length === 1) insee = options[0]!.insee;
      else {
        setCommuneError(t('buildings.communePick'));
        document.getElementById('filter-commune')?.focus();
        return;
      }
    }
    setCommuneError(null);
    const next = new URLSearchParams();
    if (insee) next.set('commune', insee);
    if (text.trim()) next.set('q', text.trim());
    setParams(next);
  };

  const filtered = Boolean(commune || q);
  const items = list.data?.items ?? [];
  const nextCursor = list.data?.next_cursor ?? null;

  let communeStatus: string | null = null;
  if (showSuggestions && suggestions.isSuccess && !suggestions.isPlaceholderData) {
    communeStatus = options.length === 0 ? t('buildings.noCommune') : t('buildings.communes', { count: options.length });
  }

  return (
    <div className="buildings">
      <PageTitle title={t('buildings.listTitle')} />
      <p>{t('buildings.listIntro')}</p>
      <form className="filters" role="search" aria-label={t('buildings.filters')} onSubmit={apply}>
        <Field id="filter-text" label={t('buildings.text')} hint={t('buildings.textHint')}>
          {(c) => <input {...c} className="input" type="search" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <div className="field">
          <Combobox
            id="filter-commune"
            label={t('buildings.commune')}
            hint={t('buildings.communeHint')}
            value={communeText}
            onValueChange={(v) => {
              setCommuneText(v);
              setCommuneError(null);
            }}
            options={options}
            optionKey={(c) => c.insee}
            onSelect={(c) => {
              setChosen(c);
              setCommuneText(c.name);
            }}
            listLabel={t('buildings.communesLabel')}
            status={communeStatus}
            error={communeError ? <FieldError id="filter-commune-error-text">{communeError}</FieldError> : undefined}
            renderOption={(c) => (
              <>
                {c.name} <span className="muted">— {DEPARTEMENTS[c.departement] ?? c.departement} ({c.departement})</span>
              </>
            )}
          />
        </div>
        <div className="filters__actions">
          <button type="submit" className="button button--primary">
            <Icon name="search" />
            {t('buildings.apply')}
          </button>
          {filtered && (
            <Link to="." className="button button--secondary">
              {t('buildings.clear')}
            </Link>
          )}
        </div>
      </form>

      {list.isPending && <Loading />}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && (
        filtered ? (
          <EmptyState icon="search" title={t('buildings.emptyFiltered')}>
            <p>{t('buildings.emptyFilteredHelp')}</p>
            <p>
              <Link to=".">{t('buildings.clear')}</Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState icon="building" title={t('buildings.empty')}>
            <p>{t('buildings.emptyHelp')}</p>
          </EmptyState>
        )
      )}
      {items.length > 0 && (
        <>
          <p className="muted" role="status">
            {t('buildings.pageOf', { from: (page - 1) * PAGE_SIZE + 1, to: (page - 1) * PAGE_SIZE + items.length })}
          </p>
          <ul className="building-list">
            {items.map((b) => (
              <BuildingItem key={b.id} b={b} agency={agencyName(b.agency_id)} />
            ))}
          </ul>
        </>
      )}
      <KeysetPagination params={params} nextCursor={nextCursor} label={t('buildings.pagination')} first={t('buildings.first')} next={t('buildings.next')} />
    </div>
  );
}

function BuildingItem({ b, agency }: { b: Building; agency: string | undefined }) {
  const { t } = useTranslation();
  return (
    <li className="building-card">
      <h2 className="building-card__title">
        <Link to={`/patrimoine/${b.id}`}>{b.name || b.street}</Link>
      </h2>
      <p className="building-card__ref mono">{t('buildings.reference', { reference: b.reference })}</p>
      <p>
        <Icon name="pin" />
        {b.street}, {b.postal_code} {b.commune_name}
      </p>
      <ul className="tags">
        <li>
          <Icon name="home" />
          {t('buildings.dwellings', { count: b.dwelling_count })}
        </li>
        <li>{b.floors > 0 ? t('buildings.floors', { count: b.floors }) : t('buildings.floorsNone')}</li>
        <li>
          <Icon name={b.has_lift ? 'lift' : 'cross'} />
          {b.has_lift ? t('buildings.lift') : t('buildings.noLift')}
        </li>
        {b.qpv && (
          <li>
            <Icon name="pin" />
            {t('buildings.qpv')}
          </li>
        )}
        {agency && <li>{agency}</li>}
      </ul>
    </li>
  );
}
