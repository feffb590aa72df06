// "Prendre un rendez-vous" for someone on the phone or at the desk (UX.md: in under a minute):
// the reason, the site and the mode, then the person (a household found by name, reference or
// phone, or an applicant without a household), then one of the free slots of the next two weeks.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateLong, formatTime, todayInParis } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useHouseholdSearch, type HouseholdSummary } from '../households/queries';
import { useBook, useReasons, useSites, useSlots, type Appointment, type FreeSlot, type SlotSearch } from './queries';
import './reception.css';

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function BookingPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const reasons = useReasons();
  const sites = useSites();
  const [reasonId, setReasonId] = useState(0);
  const [siteId, setSiteId] = useState(0);
  const [mode, setMode] = useState<SlotSearch['mode']>('in_person');
  const [from, setFrom] = useState(todayInParis());
  const [who, setWho] = useState<'household' | 'applicant'>('household');
  const [query, setQuery] = useState('');
  const [household, setHousehold] = useState<HouseholdSummary | null>(null);
  const [applicant, setApplicant] = useState({ name: '', phone: '', email: '' });
  const [booked, setBooked] = useState<Appointment | null>(null);
  const search = useHouseholdSearch(useDebounced(query, 250));
  const book = useBook();
  const reason = reasons.data?.items.find((r) => r.id === reasonId);
  const slotSearch = reasonId > 0 ? { reason_id: reasonId, site_id: siteId, mode, from, to: addDays(from, 13) } : null;
  const slots = useSlots(slotSearch);
  const byDay = useMemo(() => {
    const groups = new Map<string, FreeSlot[]>();
    for (const s of slots.data?.items ?? []) groups.set(s.date, [...(groups.get(s.date) ?? []), s]);
    return [...groups.entries()];
  }, [slots.data]);

  const problem = book.error instanceof ApiError ? book.error.problem : undefined;
  const take = (slot: FreeSlot) => {
    setBooked(null);
    book.mutate(
      {
        reason_id: reasonId,
        site_id: slot.site_id,
        start_at: slot.start_at,
        staff_user_id: slot.staff_user_id,
        mode: slot.mode,
        ...(who === 'household' && household
          ? { household_id: household.id }
          : { applicant_name: applicant.name, applicant_phone: applicant.phone, applicant_email: applicant.email }),
      },
      { onSuccess: (a) => setBooked(a) },
    );
  };
  const personReady = who === 'household' ? household !== null : applicant.name.trim() !== '' && (applicant.phone.trim() !== '' || applicant.email.trim() !== '');

  return (
    <section className="reception">
      <PageTitle title={t('reception.bookTitle')} />
      <p>
        <Link to="..">{t('reception.backToDay')}</Link>
      </p>
      {booked && (
        <Notice tone="success" live="polite" title={t('reception.booked')}>
          <p>
            {t('reception.bookedText', {
              name: booked.person_name,
              reason: booked.reason_name,
              date: formatDateLong(booked.date, locale),
              time: formatTime(booked.start_at, locale),
              site: booked.site_name,
            })}
          </p>
          <p>
            <Link to={`../${booked.id}`}>{t('reception.bookedOpen')}</Link>
          </p>
        </Notice>
      )}
      {(reasons.isError || sites.isError) && <QueryError error={reasons.error ?? sites.error} onRetry={() => { void reasons.refetch(); void sites.refetch(); }} />}
      <form className="reception-form" onSubmit={(e: FormEvent) => e.preventDefault()}>
        <fieldset className="reception-fieldset">
          <legend>{t('reception.step1')}</legend>
          <div className="field">
            <label className="field__label" htmlFor="book-reason">{t('reception.reason')}</label>
            <select id="book-reason" className="input" value={reasonId} onChange={(e) => { setReasonId(Number(e.target.value)); setBooked(null); }}>
              <option value={0}>{t('reception.chooseReason')}</option>
              {reasons.data?.items.filter((r) => r.active).map((r) => (
                <option key={r.id} value={r.id}>{t('reception.reasonOption', { name: r.name, minutes: r.duration_minutes })}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="book-site">{t('reception.site')}</label>
            <select id="book-site" className="input" value={siteId} onChange={(e) => setSiteId(Number(e.target.value))}>
              <option value={0}>{t('reception.allSites')}</option>
              {sites.data?.items.filter((s) => s.active).map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
          </div>
          {reason && reason.modes.length > 1 && (
            <fieldset className="reception-fieldset">
              <legend>{t('reception.modeLegend')}</legend>
              {reason.modes.map((m) => (
                <label key={m} className="reception-check">
                  <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`reception.mode.${m}`)}
                </label>
              ))}
            </fieldset>
          )}
          {reason && reason.documents.length > 0 && (
            <p className="muted">{t('reception.documents', { list: reason.documents.join(', ') })}</p>
          )}
        </fieldset>
        <fieldset className="reception-fieldset">
          <legend>{t('reception.step2')}</legend>
          <label className="reception-check">
            <input type="radio" name="who" checked={who === 'household'} onChange={() => setWho('household')} /> {t('reception.forHousehold')}
          </label>
          <label className="reception-check">
            <input type="radio" name="who" checked={who === 'applicant'} onChange={() => setWho('applicant')} /> {t('reception.forApplicant')}
          </label>
          {who === 'household' ? (
            <>
              <div className="field">
                <label className="field__label" htmlFor="book-search">{t('reception.searchHousehold')}</label>
                <input id="book-search" className="input" type="search" value={query} onChange={(e) => { setQuery(e.target.value); setHousehold(null); }} />
              </div>
              {household ? (
                <p>
                  {t('reception.chosen', { name: household.display_name, reference: household.reference })}{' '}
                  <button type="button" className="button button--secondary" onClick={() => setHousehold(null)}>{t('reception.change')}</button>
                </p>
              ) : (
                search.data && (
                  <ul className="reception-results" aria-label={t('reception.results')}>
                    {search.data.items.map((h) => (
                      <li key={h.id}>
                        <button type="button" className="button button--secondary" onClick={() => setHousehold(h)}>
                          {h.display_name} ({h.reference}) — {h.address}
                        </button>
                      </li>
                    ))}
                  </ul>
                )
              )}
            </>
          ) : (
            <>
              {(['name', 'phone', 'email'] as const).map((k) => (
                <div className="field" key={k}>
                  <label className="field__label" htmlFor={`book-applicant-${k}`}>{t(`reception.applicant.${k}`)}</label>
                  <input
                    id={`book-applicant-${k}`}
                    className="input"
                    type={k === 'email' ? 'email' : k === 'phone' ? 'tel' : 'text'}
                    value={applicant[k]}
                    onChange={(e) => setApplicant({ ...applicant, [k]: e.target.value })}
                  />
                </div>
              ))}
            </>
          )}
        </fieldset>
        <fieldset className="reception-fieldset">
          <legend>{t('reception.step3')}</legend>
          <div className="field">
            <label className="field__label" htmlFor="book-from">{t('reception.from')}</label>
            <input id="book-from" className="input" type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} />
          </div>
          {problem && (
            <Notice tone="error" live="assertive">
              <p>{problem.detail}</p>
            </Notice>
          )}
          {!slotSearch ? (
            <p className="muted">{t('reception.chooseReasonFirst')}</p>
          ) : !personReady ? (
            <p className="muted">{t('reception.choosePersonFirst')}</p>
          ) : slots.isPending ? (
            <Loading />
          ) : slots.isError ? (
            <QueryError error={slots.error} onRetry={() => void slots.refetch()} />
          ) : byDay.length === 0 ? (
            <p>{t('reception.noSlot')}</p>
          ) : (
            byDay.map(([date, list]) => (
              <section key={date} aria-labelledby={`slots-${date}`}>
                <h3 id={`slots-${date}`}>{formatDateLong(date, locale)}</h3>
                {list.some((s) => s.mode !== mode) && (
                  <p className="reception-switched">{t('reception.switchedDay', { mode: t(`reception.mode.${list.find((s) => s.mode !== mode)!.mode}`) })}</p>
                )}
                <ul className="reception-slots">
                  {list.map((s) => (
                    <li key={`${s.start_at}-${s.staff_user_id}-${s.site_id}`}>
                      <button type="button" className="button button--secondary" disabled={book.isPending} onClick={() => take(s)}>
                        {formatTime(s.start_at, locale)}
                        {s.mode !== mode && <span> · {t(`reception.mode.${s.mode}`)}</span>}
                        {siteId === 0 && <span className="muted"> · {sites.data?.items.find((x) => x.id === s.site_id)?.name}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </fieldset>
      </form>
    </section>
  );
}
