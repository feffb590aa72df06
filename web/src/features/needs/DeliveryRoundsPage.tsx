// The "Tournées de livraison" page: choose a day and an agency, prepare the round (the waiting
// deliveries of the agency's buildings, grouped by building), print its list (PDF) and record
// each delivery as delivered or failed.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateLong, todayInParis } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useAgencies } from '../buildings/queries';
import { canEditHousehold, useSignedIn } from '../session/session';
import { roundPdfUrl, useBuildRound, useDeliveryRound, useDeliveryRounds, useRecordStop, type DeliveryRound } from './queries';
import './needs.css';

export function DeliveryRoundsPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const allowed = canEditHousehold(session.user.roles);
  const [date, setDate] = useState(todayInParis());
  const [agencyId, setAgencyId] = useState('');
  const [shown, setShown] = useState<number | null>(null);
  const agencies = useAgencies();
  const rounds = useDeliveryRounds(allowed ? date : '');
  const build = useBuildRound();
  const errors = build.error instanceof ApiError ? build.error.fieldErrors() : {};
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('rounds.title')} />
        <Notice tone="info">
          <p>{t('rounds.cannot')}</p>
        </Notice>
      </section>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    build.mutate({ date, agency_id: Number(agencyId) }, { onSuccess: (r) => setShown(r.id) });
  };
  return (
    <section className="rounds">
      <PageTitle title={t('rounds.title')} />
      <p className="muted">{t('rounds.intro')}</p>
      <form className="rounds__build" onSubmit={submit} noValidate>
        <div>
          <label htmlFor="round-date">{t('rounds.date')}</label>
          <input id="round-date" type="date" className="input" value={date} onChange={(e) => { setDate(e.target.value); setShown(null); }}
            aria-invalid={errors.date ? true : undefined} aria-describedby={errors.date ? 'round-date-error' : undefined} />
          {errors.date && <p id="round-date-error" className="field__error">{errors.date}</p>}
        </div>
        <div>
          <label htmlFor="round-agency">{t('rounds.agency')}</label>
          <select id="round-agency" className="input" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}
            aria-invalid={errors.agency_id ? true : undefined} aria-describedby={errors.agency_id ? 'round-agency-error' : undefined}>
            <option value="">{t('rounds.chooseAgency')}</option>
            {agencies.data?.items.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
          {errors.agency_id && <p id="round-agency-error" className="field__error">{errors.agency_id}</p>}
        </div>
        <button type="submit" className="button button--primary" disabled={build.isPending}>{t('rounds.build')}</button>
      </form>
      {build.error && Object.keys(errors).length === 0 && <QueryError error={build.error} />}
      {rounds.isPending ? (
        <Loading />
      ) : rounds.error ? (
        <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} />
      ) : rounds.data.items.length === 0 ? (
        <EmptyState icon="calendar" title={t('rounds.none')} />
      ) : (
        <ul aria-label={t('rounds.listCaption')}>
          {rounds.data.items.map((r) => (
            <li key={r.id}>
              <button type="button" className="button" aria-pressed={shown === r.id} onClick={() => setShown(r.id)}
                aria-label={t('rounds.show', { agency: r.agency.name })}>
                {r.agency.name}
              </button>{' '}
              {t('rounds.counts', { stops: r.stops, delivered: r.delivered, failed: r.failed })}
            </li>
          ))}
        </ul>
      )}
      {shown !== null && <RoundDetail id={shown} />}
    </section>
  );
}

function RoundDetail({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const round = useDeliveryRound(id);
  const record = useRecordStop(id);
  if (round.isPending) return <Loading />;
  if (round.error) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  const r: DeliveryRound = round.data;
  return (
    <section aria-labelledby="round-title">
      <h2 id="round-title">{t('rounds.roundTitle', { date: formatDateLong(r.date, localeOf(i18n.language)), agency: r.agency.name })}</h2>
      <p>
        {t('rounds.counts', { stops: r.stops, delivered: r.delivered, failed: r.failed })}{' '}
        <a className="button" href={roundPdfUrl(r.id)} target="_blank" rel="noreferrer">{t('rounds.pdf')}</a>
      </p>
      {record.error && <QueryError error={record.error} />}
      {(r.buildings ?? []).map((b) => (
        <table key={b.id} className="table rounds__building">
          <caption>{t('rounds.stopsCaption', { building: b.name ? `${b.name}, ${b.address}` : b.address })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rounds.household')}</th>
              <th scope="col">{t('rounds.where')}</th>
              <th scope="col">{t('rounds.phone')}</th>
              <th scope="col">{t('rounds.item')}</th>
              <th scope="col">{t('rounds.result')}</th>
            </tr>
          </thead>
          <tbody>
            {b.stops.map((s) => (
              <tr key={s.action_id}>
                <th scope="row">{s.household_name}</th>
                <td>{t('rounds.whereValue', { floor: s.floor, reference: s.dwelling_reference })}</td>
                <td>{s.phones.length ? s.phones.join(', ') : t('rounds.noPhone')}</td>
                <td>{t(`needs.items.${s.item}`)}</td>
                <td>
                  {s.result ? (
                    t(`rounds.results.${s.result}`)
                  ) : (
                    <span className="needs__buttons">
                      <button type="button" className="button" disabled={record.isPending}
                        aria-label={t('rounds.deliveredLabel', { name: s.household_name })}
                        onClick={() => record.mutate({ action_id: s.action_id, result: 'delivered' })}>
                        {t('rounds.delivered')}
                      </button>
                      <button type="button" className="button" disabled={record.isPending}
                        aria-label={t('rounds.failedLabel', { name: s.household_name })}
                        onClick={() => record.mutate({ action_id: s.action_id, result: 'failed' })}>
                        {t('rounds.failed')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
