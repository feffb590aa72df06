// "Fiche du rendez-vous" (issue 7): one appointment as the desk needs it on the phone: who, what,
// when, where; its convocation (PDF, the proof that the trip is to a public service) and its
// calendar file to download; and the log of the notices sent about it, with their delivery
// status, so that an agent can tell the person "the e-mail left at 9 h 02" or call them when a
// message was abandoned.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatDateLong, formatDateTime, formatTime } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Icon, type IconName } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { calendarHref, convocationHref, hasConvocation, useAppointment, useNotices, type Appointment, type AppointmentNotice } from './queries';
import './reception.css';

const NOTICE_ICON: Record<AppointmentNotice['status'], IconName> = { pending: 'clock', sent: 'check', abandoned: 'alert', purged: 'info' };

export function AppointmentPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id) || 0;
  const appointment = useAppointment(id);
  // One h1 through loading and loaded, so that it keeps the focus given on arrival.
  return (
    <section className="reception">
      <PageTitle title={appointment.data ? t('reception.appointment.titleFor', { name: appointment.data.person_name }) : t('reception.appointment.title')} />
      {appointment.isPending ? (
        <Loading />
      ) : appointment.isError ? (
        <QueryError error={appointment.error} onRetry={() => void appointment.refetch()} />
      ) : (
        <AppointmentView a={appointment.data} />
      )}
    </section>
  );
}

function AppointmentView({ a }: { a: Appointment }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const notices = useNotices(a.id);
  const convocation = hasConvocation(a);
  return (
    <>
      <p>
        <Link to={`..?date=${a.date}`}>{t('reception.backToDay')}</Link>
      </p>
      {a.rescheduled_to && (
        <p>
          <Link to={`../${a.rescheduled_to}`}>{t('reception.appointment.movedTo')}</Link>
        </p>
      )}
      <dl className="reception-facts">
        <div>
          <dt>{t('reception.colReason')}</dt>
          <dd>{a.reason_name}</dd>
        </div>
        <div>
          <dt>{t('reception.appointment.when')}</dt>
          <dd>{t('reception.appointment.whenText', { date: formatDateLong(a.date, locale), start: formatTime(a.start_at, locale), end: formatTime(a.end_at, locale) })}</dd>
        </div>
        <div>
          <dt>{t('reception.appointment.where')}</dt>
          <dd>{a.mode === 'in_person' ? a.site_name : `${t(`reception.mode.${a.mode}`)} (${a.site_name})`}</dd>
        </div>
        <div>
          <dt>{t('reception.colStaff')}</dt>
          <dd>{a.staff_name}</dd>
        </div>
        <div>
          <dt>{t('reception.colState')}</dt>
          <dd>
            <span className="reception-state">
              <Icon name={a.state === 'booked' ? 'clock' : a.state === 'confirmed' || a.state === 'seen' ? 'check' : a.state === 'rescheduled' ? 'calendar' : 'cross'} />{' '}
              {t(`reception.state.${a.state}`)}
            </span>
            {a.cancel_reason && <span className="muted"> · {a.cancel_reason}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('reception.colPerson')}</dt>
          <dd>
            {a.household_id ? <Link to={`/menages/${a.household_id}`}>{a.person_name}</Link> : a.person_name}
            {a.household_reference && <span className="muted"> ({a.household_reference})</span>}
            {a.applicant_phone && <span> · {a.applicant_phone}</span>}
            {a.applicant_email && <span> · {a.applicant_email}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('reception.appointment.bookedBy')}</dt>
          <dd>{t(`reception.appointment.by.${a.booked_by}`)}</dd>
        </div>
      </dl>

      <section aria-labelledby="apt-files">
        <h2 id="apt-files">{t('reception.appointment.files')}</h2>
        <ul className="reception-downloads">
          {convocation && (
            <li>
              <a className="button button--primary" href={convocationHref(a.id)} download={`convocation-${a.id}.pdf`}>
                <Icon name="note" /> {t('reception.appointment.convocation')}
              </a>
              <span className="muted"> {t('reception.appointment.convocationHint')}</span>
            </li>
          )}
          <li>
            <a className="button button--secondary" href={calendarHref(a.id)} download={`rendez-vous-${a.id}.ics`}>
              <Icon name="calendar" /> {t('reception.appointment.ics')}
            </a>
            <span className="muted"> {t('reception.appointment.icsHint')}</span>
          </li>
        </ul>
        {!convocation && (
          <p>{a.mode === 'in_person' ? t('reception.appointment.noConvocationState') : t('reception.appointment.noConvocationRemote')}</p>
        )}
      </section>

      <section aria-labelledby="apt-notices">
        <h2 id="apt-notices">{t('reception.notices.title')}</h2>
        {notices.isPending ? (
          <Loading />
        ) : notices.isError ? (
          <QueryError error={notices.error} onRetry={() => void notices.refetch()} />
        ) : notices.data.items.length === 0 ? (
          <EmptyState icon="mail" title={t('reception.notices.none')}>
            <p>{t('reception.notices.noneHint')}</p>
          </EmptyState>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="apt-notices" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t('reception.notices.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reception.notices.colQueued')}</th>
                  <th scope="col">{t('reception.notices.colKind')}</th>
                  <th scope="col">{t('reception.notices.colChannel')}</th>
                  <th scope="col">{t('reception.notices.colStatus')}</th>
                  <th scope="col">{t('reception.notices.colDone')}</th>
                </tr>
              </thead>
              <tbody>
                {notices.data.items.map((n) => (
                  <tr key={n.id}>
                    <td>{formatDateTime(n.created_at, locale)}</td>
                    <td>{t(`reception.notices.kind.${n.kind}`)}</td>
                    <td>
                      <Icon name={n.channel === 'email' ? 'mail' : 'phone'} /> {t(`reception.notices.channel.${n.channel}`)}
                    </td>
                    <td>
                      <span className={`reception-state reception-notice--${n.status}`}>
                        <Icon name={NOTICE_ICON[n.status]} /> {t(`reception.notices.status.${n.status}`)}
                      </span>
                      {n.attempts > 1 && <span className="muted"> · {t('reception.notices.attempts', { count: n.attempts })}</span>}
                      {n.last_error && n.status !== 'sent' && <span className="muted"> · {n.last_error}</span>}
                    </td>
                    <td>{n.done_at ? formatDateTime(n.done_at, locale) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {notices.data?.items.some((n) => n.status === 'abandoned') && <p>{t('reception.notices.abandonedHint')}</p>}
      </section>
    </>
  );
}
