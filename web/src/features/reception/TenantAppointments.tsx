// "Mes rendez-vous" in the tenant portal (issue 7): the household's appointments, and "Prendre
// rendez-vous" one step per screen (UX.md, tenants on a small phone): the reason, the place, a
// day and a time, then a summary with the documents to bring before confirming. Each appointment
// to come offers its calendar file and, in person, its convocation (the proof of the trip).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n';
import { civilDateInParis, formatDateLong, formatTime } from '../../lib/format';
import type { components } from '../../api/schema';
import { TenantApiError, tenantRequest } from '../tenant/api';

type Reason = components['schemas']['AppointmentReason'];
type Site = components['schemas']['TenantReceptionSite'];
type Slot = components['schemas']['TenantSlot'];
type Appointment = components['schemas']['TenantAppointment'];
type WaitlistEntry = components['schemas']['WaitlistEntry'];

const list = <T,>(path: string) => tenantRequest<{ items: T[] }>('GET', path).then((r) => r.items);
const messageOf = (e: unknown, fallback: string) => (e instanceof TenantApiError && e.message ? e.message : fallback);

export function TenantAppointments() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [mine, setMine] = useState<Appointment[] | null>(null);
  const [booking, setBooking] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const reload = () => list<Appointment>('/api/v1/tenant/appointments').then(setMine, (e) => setError(messageOf(e, t('tenant.err.network'))));
  useEffect(() => {
    void reload();
  }, []);  // eslint-disable-line react-hooks/exhaustive-deps

  const upcoming = (mine ?? []).filter((a) => (a.state === 'booked' || a.state === 'confirmed') && Date.parse(a.end_at) > Date.now());
  async function cancel(a: Appointment) {
    if (!window.confirm(t('tenantRdv.confirmCancel', { reason: a.reason_name, date: formatDateLong(a.date, locale), time: formatTime(a.start_at, locale) }))) return;
    try {
      await tenantRequest('POST', `/api/v1/tenant/appointments/${a.id}/cancel`);
      setNotice(t('tenantRdv.cancelled'));
      await reload();
    } catch (e) {
      setError(messageOf(e, t('tenant.err.network')));
    }
  }

  if (booking) {
    return (
      <Booking
        onDone={(a) => {
          setBooking(false);
          if (a) setNotice(t('tenantRdv.booked', { reason: a.reason_name, date: formatDateLong(a.date, locale), time: formatTime(a.start_at, locale), site: a.site_name }));
          void reload();
        }}
      />
    );
  }
  return (
    <section aria-labelledby="t-rdv" className="tenant__card">
      <h2 id="t-rdv">{t('tenantRdv.title')}</h2>
      {notice && <p role="status" className="tenant__sent">{notice}</p>}
      {error && <p role="alert">{error}</p>}
      {mine === null && !error ? (
        <p role="status">{t('tenant.loading')}</p>
      ) : upcoming.length === 0 ? (
        <p>{t('tenantRdv.none')}</p>
      ) : (
        <ul className="tenant-rdv">
          {upcoming.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{a.reason_name}</strong>
                <br />
                {t('tenantRdv.when', { date: formatDateLong(a.date, locale), time: formatTime(a.start_at, locale) })}
                <br />
                {a.mode === 'in_person' ? a.site_name : t(`tenantRdv.mode.${a.mode}`)}
              </p>
              {a.mode === 'in_person' && (
                <>
                  <a className="button button--primary tenant__wide" href={`/api/v1/tenant/appointments/${a.id}/convocation.pdf`} download={`convocation-${a.id}.pdf`}>
                    {t('tenantRdv.convocation')}{' '}
                    <span className="visually-hidden">{t('tenantRdv.forAppointment', { reason: a.reason_name, date: formatDateLong(a.date, locale) })}</span>
                  </a>
                  <p className="tenant-choices__hint">{t('tenantRdv.convocationHint')}</p>
                </>
              )}
              <a className="button button--secondary tenant__wide" href={`/api/v1/tenant/appointments/${a.id}/calendar.ics`} download={`rendez-vous-${a.id}.ics`}>
                {t('tenantRdv.ics')}{' '}
                <span className="visually-hidden">{t('tenantRdv.forAppointment', { reason: a.reason_name, date: formatDateLong(a.date, locale) })}</span>
              </a>
              <EarlierSlot a={a} onMoved={(m) => { setNotice(t('tenantRdv.wait.moved', { date: formatDateLong(m.date, locale), time: formatTime(m.start_at, locale) })); void reload(); }} />
              <button type="button" className="button tenant__wide" onClick={() => void cancel(a)}>
                {t('tenantRdv.cancel')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--primary tenant__wide" onClick={() => { setNotice(''); setBooking(true); }}>
        {t('tenantRdv.book')}
      </button>
    </section>
  );
}

/**
 * The waiting list of one appointment: ask for an earlier slot; while waiting, say so; when one is
 * offered, show it with a button to take it (it may have gone meanwhile: the server says so).
 */
function EarlierSlot({ a, onMoved }: { a: Appointment; onMoved: (moved: Appointment) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [entry, setEntry] = useState<WaitlistEntry | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const load = () =>
    tenantRequest<{ entry: WaitlistEntry | null }>('GET', `/api/v1/tenant/appointments/${a.id}/waitlist`).then(
      (r) => setEntry(r.entry),
      () => setEntry(undefined),
    );
  useEffect(() => {
    void load();
  }, [a.id]);  // eslint-disable-line react-hooks/exhaustive-deps
  if (entry === undefined) return null;

  async function act(fn: () => Promise<void>) {
    setBusy(true);
    setError('');
    try {
      await fn();
    } catch (e) {
      setError(messageOf(e, t('tenant.err.network')));
      await load();
    } finally {
      setBusy(false);
    }
  }
  const what = t('tenantRdv.forAppointment', { reason: a.reason_name, date: formatDateLong(a.date, locale) });
  return (
    <div className="tenant-wait">
      {error && <p role="alert">{error}</p>}
      {entry?.state === 'waiting' ? (
        <p role="status">{t('tenantRdv.wait.waiting')}</p>
      ) : entry?.state === 'offered' && entry.offered_start_at ? (
        <>
          <p role="status">
            <strong>{t('tenantRdv.wait.offered', { date: formatDateLong(civilDateInParis(new Date(entry.offered_start_at)), locale), time: formatTime(entry.offered_start_at, locale) })}</strong>
          </p>
          <button
            type="button"
            className="button button--primary tenant__wide"
            disabled={busy}
            onClick={() => void act(async () => onMoved(await tenantRequest<Appointment>('POST', `/api/v1/tenant/waitlist/${entry.id}/accept`)))}
          >
            {t('tenantRdv.wait.accept')}{' '}
            <span className="visually-hidden">{what}</span>
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button button--secondary tenant__wide"
          disabled={busy}
          onClick={() => void act(async () => setEntry(await tenantRequest<WaitlistEntry>('POST', `/api/v1/tenant/appointments/${a.id}/waitlist`)))}
        >
          {t('tenantRdv.wait.ask')}{' '}
          <span className="visually-hidden">{what}</span>
        </button>
      )}
    </div>
  );
}

function Booking({ onDone }: { onDone: (a: Appointment | null) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [reasons, setReasons] = useState<Reason[] | null>(null);
  const [sites, setSites] = useState<Site[] | null>(null);
  const [reason, setReason] = useState<Reason | null>(null);
  const [site, setSite] = useState<Site | null>(null);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = !reason ? 'reason' : !site ? 'site' : !slot ? 'slot' : 'confirm';

  useEffect(() => {
    Promise.all([list<Reason>('/api/v1/tenant/appointment-reasons'), list<Site>('/api/v1/tenant/reception-sites')]).then(
      ([r, s]) => {
        setReasons(r);
        setSites(s);
      },
      (e) => setError(messageOf(e, t('tenant.err.network'))),
    );
  }, [t]);
  useEffect(() => {
    if (sites && sites.length === 1 && reason && !site) setSite(sites[0]!);
  }, [sites, reason, site]);
  useEffect(() => {
    heading.current?.focus();
  }, [step]);
  useEffect(() => {
    if (!reason || !site) return;
    setSlots(null);
    list<Slot>(`/api/v1/tenant/slots?reason_id=${reason.id}&site_id=${site.id}`).then(setSlots, (e) => setError(messageOf(e, t('tenant.err.network'))));
  }, [reason, site, t]);

  async function confirm() {
    if (!reason || !site || !slot) return;
    setBusy(true);
    setError('');
    try {
      const a = await tenantRequest<Appointment>('POST', '/api/v1/tenant/appointments', { reason_id: reason.id, site_id: site.id, start_at: slot.start_at, mode: slot.mode });
      onDone(a);
    } catch (e) {
      setError(messageOf(e, t('tenant.err.network')));
      setSlot(null);
    } finally {
      setBusy(false);
    }
  }
  const back = () => {
    setError('');
    if (slot) setSlot(null);
    else if (site && sites && sites.length > 1) setSite(null);
    else if (reason) { setReason(null); setSite(null); }
    else onDone(null);
  };

  const days = new Map<string, Slot[]>();
  for (const s of slots ?? []) days.set(s.date, [...(days.get(s.date) ?? []), s]);

  return (
    <section aria-labelledby="t-book" className="tenant__card">
      <h2 id="t-book" ref={heading} tabIndex={-1}>{t(`tenantRdv.step.${step}`)}</h2>
      {error && <p role="alert">{error}</p>}
      {step === 'reason' && (
        reasons === null ? <p role="status">{t('tenant.loading')}</p> : reasons.length === 0 ? <p>{t('tenantRdv.noReason')}</p> : (
          <ul className="tenant-choices">
            {reasons.map((r) => (
              <li key={r.id}>
                <button type="button" className="button tenant__wide" onClick={() => setReason(r)}>
                  {r.name}
                  <span className="tenant-choices__hint"> ({t('tenantRdv.minutes', { count: r.duration_minutes })})</span>
                </button>
              </li>
            ))}
          </ul>
        )
      )}
      {step === 'site' && (
        <ul className="tenant-choices">
          {(sites ?? []).map((s) => (
            <li key={s.id}>
              <button type="button" className="button tenant__wide" onClick={() => setSite(s)}>
                {s.name}
                <span className="tenant-choices__hint"> — {s.address}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {step === 'slot' && (
        slots === null ? <p role="status">{t('tenant.loading')}</p> : slots.length === 0 ? <p>{t('tenantRdv.noSlot')}</p> : (
          [...days.entries()].slice(0, 7).map(([date, list]) => (
            <div key={date} role="group" aria-labelledby={`t-day-${date}`} className="tenant-day">
              <h3 id={`t-day-${date}`}>{formatDateLong(date, locale)}</h3>
              {list.some((s) => s.mode !== 'in_person') && (
                <p>{t('tenantRdv.switchedDay', { mode: t(`tenantRdv.mode.${list.find((s) => s.mode !== 'in_person')!.mode}`) })}</p>
              )}
              <ul className="tenant-times">
                {list.map((s) => (
                  <li key={s.start_at}>
                    <button
                      type="button"
                      className="button"
                      aria-label={
                        s.mode === 'in_person'
                          ? t('tenantRdv.timeLabel', { date: formatDateLong(date, locale), time: formatTime(s.start_at, locale) })
                          : t('tenantRdv.timeModeLabel', { date: formatDateLong(date, locale), time: formatTime(s.start_at, locale), mode: t(`tenantRdv.mode.${s.mode}`) })
                      }
                      onClick={() => setSlot(s)}
                    >
                      {formatTime(s.start_at, locale)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )
      )}
      {step === 'confirm' && reason && site && slot && (
        <>
          <p>
            <strong>{reason.name}</strong>
            <br />
            {t('tenantRdv.when', { date: formatDateLong(slot.date, locale), time: formatTime(slot.start_at, locale) })}
            <br />
            {slot.mode === 'in_person' ? `${site.name}, ${site.address} ${site.postal_code} ${site.city}` : t('tenantRdv.remoteWhere', { mode: t(`tenantRdv.mode.${slot.mode}`) })}
          </p>
          {slot.mode === 'in_person' && site.access_notes && <p>{site.access_notes}</p>}
          {reason.instructions && <p>{reason.instructions}</p>}
          {reason.documents.length > 0 && (
            <>
              <h3>{t('tenantRdv.bring')}</h3>
              <ul>
                {reason.documents.map((d) => <li key={d}>{d}</li>)}
              </ul>
            </>
          )}
          <button type="button" className="button button--primary tenant__wide" disabled={busy} onClick={() => void confirm()}>
            {t('tenantRdv.confirm')}
          </button>
        </>
      )}
      <button type="button" className="button tenant__wide" onClick={back}>
        {t('tenantRdv.back')}
      </button>
    </section>
  );
}
