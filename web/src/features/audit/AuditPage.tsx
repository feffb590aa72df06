// The access log ("Journal des accès") for administrators and the data protection officer: who read
// or changed which record, when and from where. Filters stay in the URL (?type=menage&numero=42
// &du=2026-11-01&au=2026-11-30&personne=7), keyset pagination (?apres=<cursor>&page=2), an empty
// state, and the CSV export of the same filters as a plain download link.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { localeOf } from '../../i18n';
import { isoToFrenchInput, parseFrenchDate } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { KeysetPagination, keysetPosition, withoutPosition } from '../../ui/KeysetPagination';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { canReadTrail, useSignedIn } from '../session/session';
import { EntryWhen, OperationWord, PersonName } from './words';
import {
  AUDIT_PAGE_SIZE, RECORD_TYPES, TYPE_IN_URL, exportHref, typeFromUrl, useAuditTrail, type AuditEntry, type AuditFilters,
} from './queries';
import './audit.css';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters written in the page's address; anything malformed there is ignored. */
function filtersFromUrl(params: URLSearchParams): AuditFilters {
  const positive = (v: string | null) => (v && /^\d{1,12}$/.test(v) && Number(v) > 0 ? Number(v) : null);
  const day = (v: string | null) => (v && ISO_DAY.test(v) && parseFrenchDate(v) ? v : '');
  const recordType = typeFromUrl(params.get('type'));
  return {
    userId: positive(params.get('personne')),
    recordType,
    recordId: recordType ? positive(params.get('numero')) : null,
    from: day(params.get('du')),
    to: day(params.get('au')),
  };
}

type FieldName = 'number' | 'from' | 'to';
const FIELD_IDS: Record<FieldName, string> = { number: 'audit-number', from: 'audit-from', to: 'audit-to' };

export function AuditPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  if (!canReadTrail(session.user.roles)) {
    return (
      <div className="audit">
        <PageTitle title={t('audit.title')} />
        <Notice tone="info">
          <p>{t('audit.cannotRead')}</p>
        </Notice>
      </div>
    );
  }
  return <AuditTrail />;
}

function AuditTrail() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(params);
  const { after, page } = keysetPosition(params);
  const list = useAuditTrail(filters, after);

  // The form, filled from the URL.
  const [type, setType] = useState<string>(filters.recordType);
  const [number, setNumber] = useState(filters.recordId ? String(filters.recordId) : '');
  const [from, setFrom] = useState(isoToFrenchInput(filters.from));
  const [to, setTo] = useState(isoToFrenchInput(filters.to));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  useEffect(() => {
    setType(filters.recordType);
    setNumber(filters.recordId ? String(filters.recordId) : '');
    setFrom(isoToFrenchInput(filters.from));
    setTo(isoToFrenchInput(filters.to));
    setErrors({});
  }, [filters.recordType, filters.recordId, filters.from, filters.to]);

  /** The address of the page with these changes, back to the first page of the list. */
  const withParams = (changes: Record<string, string | null>) => {
    const next = withoutPosition(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    return next;
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const found: Partial<Record<FieldName, string>> = {};
    const n = number.trim();
    if (n && !/^\d{1,12}$/.test(n)) found.number = t('audit.err.numberInvalid');
    else if (n && Number(n) < 1) found.number = t('audit.err.numberInvalid');
    else if (n && !type) found.number = t('audit.err.numberNeedsType');
    const fromIso = from.trim() ? parseFrenchDate(from) : '';
    const toIso = to.trim() ? parseFrenchDate(to) : '';
    if (fromIso === null) found.from = t('audit.err.fromInvalid');
    if (toIso === null) found.to = t('audit.err.toInvalid');
    else if (fromIso && toIso && toIso < fromIso) found.to = t('audit.err.toBeforeFrom');
    setErrors(found);
    const first = (Object.keys(FIELD_IDS) as FieldName[]).find((f) => found[f]);
    if (first) {
      document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    const recordType = RECORD_TYPES.find((r) => r === type) ?? '';
    setParams(
      withParams({
        type: recordType ? TYPE_IN_URL[recordType] : null,
        numero: recordType && n ? String(Number(n)) : null,
        du: fromIso || null,
        au: toIso || null,
      }),
    );
  };

  const items = list.data?.items ?? [];
  const nextCursor = list.data?.next_cursor ?? null;
  const filtered = Boolean(filters.userId || filters.recordType || filters.from || filters.to);
  const personName = filters.userId
    ? (items.find((i) => i.user_id === filters.userId)?.user_name || t('audit.personUnknown', { id: filters.userId }))
    : '';

  const showPerson = (userId: number) => setParams(withParams({ personne: String(userId) }));

  return (
    <div className="audit">
      <PageTitle title={t('audit.title')} />
      <p className="audit__intro">{t('audit.intro')}</p>

      <form className="filters audit-filters" role="search" aria-label={t('audit.filters')} onSubmit={apply} noValidate>
        <Field id="audit-type" label={t('audit.recordType')}>
          {(c) => (
            <select {...c} className="input select" value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">{t('audit.recordTypeAll')}</option>
              {RECORD_TYPES.map((r) => (
                <option key={r} value={r}>
                  {t(`audit.type.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={FIELD_IDS.number} label={t('audit.recordNumber')} hint={t('audit.recordNumberHint')} error={errors.number}>
          {(c) => (
            <input {...c} className="input input--number" type="text" inputMode="numeric" autoComplete="off" value={number}
              onChange={(e) => setNumber(e.target.value)} />
          )}
        </Field>
        <fieldset className="audit-filters__period">
          <legend className="field__label">{t('audit.period')}</legend>
          <Field id={FIELD_IDS.from} label={t('audit.from')} hint={t('audit.fromHint')} error={errors.from}>
            {(c) => (
              <input {...c} className="input input--date" type="text" inputMode="numeric" autoComplete="off" value={from}
                onChange={(e) => setFrom(e.target.value)} />
            )}
          </Field>
          <Field id={FIELD_IDS.to} label={t('audit.to')} hint={t('audit.toHint')} error={errors.to}>
            {(c) => (
              <input {...c} className="input input--date" type="text" inputMode="numeric" autoComplete="off" value={to}
                onChange={(e) => setTo(e.target.value)} />
            )}
          </Field>
        </fieldset>
        <div className="filters__actions">
          <button type="submit" className="button button--primary">
            <Icon name="search" />
            {t('audit.apply')}
          </button>
          {filtered && (
            <Link to="." className="button button--secondary">
              {t('audit.clear')}
            </Link>
          )}
        </div>
      </form>

      {filters.userId && (
        <ul className="tags audit-person" aria-label={t('audit.colPerson')}>
          <li>
            <Icon name="user" />
            {t('audit.person', { name: personName })}
            <button type="button" className="button button--quiet audit-person__remove" onClick={() => setParams(withParams({ personne: null }))}>
              <Icon name="cross" />
              <span className="visually-hidden">{t('audit.personRemove')}</span>
            </button>
          </li>
        </ul>
      )}

      <section className="audit-export" aria-labelledby="audit-export-title">
        <h2 id="audit-export-title" className="visually-hidden">
          {t('audit.exportTitle')}
        </h2>
        <a className="button button--secondary" href={exportHref(filters)} download aria-describedby="audit-export-help">
          <Icon name="download" />
          {t('audit.export')}
        </a>
        <p id="audit-export-help" className="muted">
          {t('audit.exportHelp')}
        </p>
      </section>

      {list.isPending && <Loading />}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 &&
        (filtered ? (
          <EmptyState icon="search" title={t('audit.emptyFiltered')}>
            <p>{t('audit.emptyFilteredHelp')}</p>
            <p>
              <Link to=".">{t('audit.clear')}</Link>
            </p>
          </EmptyState>
        ) : (
          <EmptyState icon="shield" title={t('audit.empty')}>
            <p>{t('audit.emptyHelp')}</p>
          </EmptyState>
        ))}
      {items.length > 0 && (
        <>
          <p className="muted" role="status">
            {t('audit.pageOf', { from: (page - 1) * AUDIT_PAGE_SIZE + 1, to: (page - 1) * AUDIT_PAGE_SIZE + items.length })}
          </p>
          <div className="table-scroll" role="region" aria-label={t('audit.scroll')} tabIndex={0}>
            <table className="table audit-table">
              <caption className="visually-hidden">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.colWhen')}</th>
                  <th scope="col">{t('audit.colPerson')}</th>
                  <th scope="col">{t('audit.colOperation')}</th>
                  <th scope="col">{t('audit.colRecord')}</th>
                  <th scope="col">{t('audit.colAddress')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <EntryRow key={e.seq} e={e} filteredOnPerson={filters.userId === e.user_id} onPerson={showPerson} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <KeysetPagination params={params} nextCursor={nextCursor} label={t('audit.pagination')} first={t('audit.first')} next={t('audit.next')} />
    </div>
  );
}

function EntryRow({ e, filteredOnPerson, onPerson }: { e: AuditEntry; filteredOnPerson: boolean; onPerson: (userId: number) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <tr>
      <td>
        <EntryWhen at={e.at} locale={locale} />
      </td>
      <td>
        <span className="audit-table__person">
          <PersonName e={e} />
        </span>
        {e.user_id > 0 && !filteredOnPerson && (
          <button type="button" className="button button--quiet audit-table__actions" aria-label={t('audit.seeActionsOf', { name: e.user_name })}
            onClick={() => onPerson(e.user_id)}>
            {t('audit.seeActions')}
          </button>
        )}
      </td>
      <td>
        <OperationWord op={e.operation} />
      </td>
      <td>
        <RecordCell e={e} />
      </td>
      <td className="mono">{e.remote_ip}</td>
    </tr>
  );
}

function RecordCell({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  const label = t(`audit.record.${e.record_type}`, { id: e.record_id });
  if (e.record_type === 'household' && e.record_id > 0) {
    return (
      <Link to={`/menages/${e.record_id}`}>
        <Icon name="households" />
        {label}
      </Link>
    );
  }
  if (e.record_type === 'building' && e.record_id > 0) {
    return (
      <Link to={`/patrimoine/${e.record_id}`}>
        <Icon name="building" />
        {label}
      </Link>
    );
  }
  return <>{label}</>;
}
