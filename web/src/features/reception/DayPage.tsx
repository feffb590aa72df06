// "Accueil du jour" (the desk's day view, UX.md "Reception agent"): today's appointments by site
// and hour, who has arrived, who was received, who did not come; one button per step, each named
// with the person, so that the desk works from the keyboard and with a screen reader.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateLong, formatTime, todayInParis } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Icon, type IconName } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { canBookAppointments, canManageReception, canRecordAttendance, deskEvents, useDay, useDeskEvent, type Appointment, type AppointmentState, type DeskEvent } from './queries';
import './reception.css';

const STATE_ICON: Record<AppointmentState, IconName> = {
  booked: 'clock', confirmed: 'check', seen: 'check', no_show: 'cross', cancelled_by_tenant: 'cross', cancelled_by_landlord: 'cross', rescheduled: 'calendar',
};

export function DayPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const session = useSignedIn();
  const roles = session.user.roles;
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? todayInParis();
  const siteId = Number(params.get('site') ?? 0) || 0;
  const day = useDay(date, siteId);
  const event = useDeskEvent();
  const [done, setDone] = useState('');
  const desk = canRecordAttendance(roles);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const act = (a: Appointment, e: DeskEvent) => {
    setDone('');
    event.mutate({ id: a.id, event: e }, { onSuccess: () => setDone(t(`reception.done.${e}`, { name: a.person_name, time: a.time })) });
  };

  return (
    <section className="reception">
      <PageTitle title={t('reception.dayTitle')} />
      <p className="reception-links">
        {canBookAppointments(roles) && (
          <Link className="button button--primary" to="prendre">
            {t('reception.book')}
          </Link>
        )}
        <Link className="button button--secondary" to="configuration">
          {canManageReception(roles) ? t('reception.setupManage') : t('reception.setupRead')}
        </Link>
        {canBookAppointments(roles) && (
          <Link className="button button--secondary" to="mon-agenda">
            {t('reception.feed.title')}
          </Link>
        )}
        <Link className="button button--secondary" to="bascule">
          {canManageReception(roles) ? t('reception.crisis.title') : t('reception.crisis.listTitle')}
        </Link>
      </p>
      <form className="reception-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label className="field__label" htmlFor="day-date">{t('reception.date')}</label>
          <input id="day-date" type="date" className="input" value={date} onChange={(e) => setParam('date', e.target.value)} />
        </div>
        {day.data && day.data.sites.length > 1 && (
          <div className="field">
            <label className="field__label" htmlFor="day-site">{t('reception.site')}</label>
            <select id="day-site" className="input" value={siteId} onChange={(e) => setParam('site', e.target.value === '0' ? '' : e.target.value)}>
              <option value={0}>{t('reception.allSites')}</option>
              {day.data.sites.map((s) => (
                <option key={s.id} value={s.id}>{s.name}</option>
              ))}
            </select>
          </div>
        )}
      </form>
      <p className="muted">{formatDateLong(date, locale)}</p>
      {done && (
        <Notice tone="success" live="polite">
          <p>{done}</p>
        </Notice>
      )}
      {event.isError && (
        <Notice tone="error" live="assertive">
          <p>{event.error instanceof ApiError && event.error.problem ? event.error.problem.detail : t('errors.generic')}</p>
        </Notice>
      )}
      {day.isPending ? (
        <Loading />
      ) : day.isError ? (
        <QueryError error={day.error} onRetry={() => void day.refetch()} />
      ) : (
        <>
          <dl className="reception-counts" aria-label={t('reception.countsLabel')}>
            {(['expected', 'arrived', 'seen', 'no_show'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`reception.count.${k}`)}</dt>
                <dd>{day.data.counts[k]}</dd>
              </div>
            ))}
          </dl>
          {day.data.items.length === 0 ? (
            <EmptyState icon="calendar" title={t('reception.emptyDay')}>
              <p>{t('reception.emptyDayHint')}</p>
            </EmptyState>
          ) : (
            day.data.sites
              .filter((s) => day.data.items.some((a) => a.site_id === s.id))
              .map((s) => {
                const titleId = `site-${s.id}`;
                const items = day.data.items.filter((a) => a.site_id === s.id);
                return (
                  <section key={s.id} aria-labelledby={titleId} className="reception-site">
                    <h2 id={titleId}>
                      {s.name} ({items.length})
                    </h2>
                    <div className="table-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
                      <table className="table">
                        <caption className="visually-hidden">{t('reception.caption', { site: s.name })}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t('reception.colTime')}</th>
                            <th scope="col">{t('reception.colPerson')}</th>
                            <th scope="col">{t('reception.colReason')}</th>
                            <th scope="col">{t('reception.colStaff')}</th>
                            <th scope="col">{t('reception.colState')}</th>
                            {desk && <th scope="col">{t('reception.colActions')}</th>}
                          </tr>
                        </thead>
                        <tbody>
                          {items.map((a) => (
                            <tr key={a.id}>
                              <td>
                                <Link to={String(a.id)}>
                                  {formatTime(a.start_at, locale)}
                                  <span className="visually-hidden"> : {t('reception.openAppointment', { name: a.person_name })}</span>
                                </Link>
                                <span className="muted"> – {formatTime(a.end_at, locale)}</span>
                              </td>
                              <td>
                                {a.household_id ? <Link to={`/menages/${a.household_id}`}>{a.person_name}</Link> : a.person_name}
                                {a.household_reference && <span className="muted"> ({a.household_reference})</span>}
                              </td>
                              <td>
                                {a.reason_name}
                                <span className="muted"> · {t(`reception.mode.${a.mode}`)}</span>
                              </td>
                              <td>{a.staff_name}</td>
                              <td>
                                <span className={`reception-state reception-state--${a.state}`}>
                                  <Icon name={STATE_ICON[a.state]} /> {t(`reception.state.${a.state}`)}
                                </span>
                                {a.arrived_at && <span className="muted"> · {t('reception.arrivedAt', { time: formatTime(a.arrived_at, locale) })}</span>}
                              </td>
                              {desk && (
                                <td className="reception-actions">
                                  {deskEvents(a, Date.now()).map((e) => (
                                    <button
                                      key={e}
                                      type="button"
                                      className={`button ${e === 'seen' ? 'button--primary' : 'button--secondary'}`}
                                      disabled={event.isPending}
                                      aria-label={t(`reception.actionFor.${e}`, { name: a.person_name, time: a.time })}
                                      onClick={() => act(a, e)}
                                    >
                                      {t(`reception.action.${e}`)}
                                    </button>
                                  ))}
                                </td>
                              )}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </section>
                );
              })
          )}
        </>
      )}
    </section>
  );
}
