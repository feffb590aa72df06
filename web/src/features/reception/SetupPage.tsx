// "Configuration de l'accueil": the sites and their capacity (with the sanitary capacity K of a
// crisis, that managers change here), the appointment reasons, the weekly opening hours of each
// staff member, absences and exceptional closures, and the year's public holidays; managers add
// and remove them here (SetupForms.tsx). Every staff member reads it to answer the phone.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateLong, todayInParis } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import { AbsencesSection, ClosuresSection, Disclosure, RangeForm, ReasonActiveButton, ReasonForm, RemoveButton } from './SetupForms';
import { canManageReception, setupCalls, useSetupChange, useChangeSite, useHolidays, useOpeningHours, useReasons, useReceivingStaff, useSites, type ReceptionSite } from './queries';
import './reception.css';

export function SetupPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const manager = canManageReception(useSignedIn().user.roles);
  const sites = useSites();
  const reasons = useReasons();
  const hours = useOpeningHours();
  const staff = useReceivingStaff();
  const year = Number(todayInParis().slice(0, 4));
  const holidays = useHolidays(year);
  const [editing, setEditing] = useState<ReceptionSite | null>(null);
  const [editingReason, setEditingReason] = useState<number | null>(null);
  const editedReason = reasons.data?.items.find((r) => r.id === editingReason);
  const removeRange = useSetupChange(setupCalls.removeRange);
  const staffName = (id: number) => staff.data?.items.find((s) => s.id === id)?.name ?? `#${id}`;
  /** "de 09 h 00 à 12 h 00", with the dates between which the range holds when it has any. */
  const rangeHours = (o: { start: string; end: string; valid_from?: string | null; valid_to?: string | null }) => {
    const range = t('reception.range', { start: o.start.replace(':', ' h '), end: o.end.replace(':', ' h ') });
    const from = o.valid_from ? formatDateLong(o.valid_from, locale) : '';
    const to = o.valid_to ? formatDateLong(o.valid_to, locale) : '';
    if (!from && !to) return range;
    const when = from && to ? t('reception.forms.validBoth', { from, to }) : from ? t('reception.forms.validSince', { from }) : t('reception.forms.validUntil', { to });
    return t('reception.forms.validity', { range, when });
  };
  const rangeText = (o: { site_id: number; staff_user_id: number; weekday: number; start: string; end: string }) =>
    `${staffName(o.staff_user_id)}, ${t(`reception.weekday.d${o.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)} ${t('reception.range', { start: o.start.replace(':', ' h '), end: o.end.replace(':', ' h ') })}`;

  return (
    <section className="reception">
      <PageTitle title={t('reception.setupTitle')} />
      <p>
        <Link to="..">{t('reception.backToDay')}</Link>
      </p>
      <section aria-labelledby="setup-sites">
        <h2 id="setup-sites">{t('reception.sitesTitle')}</h2>
        {sites.isPending ? <Loading /> : sites.isError ? <QueryError error={sites.error} onRetry={() => void sites.refetch()} /> : (
          <div className="table-scroll" role="region" aria-labelledby="setup-sites" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reception.colSite')}</th>
                  <th scope="col">{t('reception.colAddress')}</th>
                  <th scope="col">{t('reception.colCapacity')}</th>
                  <th scope="col">{t('reception.colSanitary')}</th>
                  {manager && <th scope="col">{t('reception.colActions')}</th>}
                </tr>
              </thead>
              <tbody>
                {sites.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}{!s.active && <span className="muted"> ({t('reception.inactive')})</span>}</td>
                    <td>{[s.address, s.postal_code, s.city].filter(Boolean).join(', ')}</td>
                    <td>{t('reception.people', { count: s.capacity })}</td>
                    <td>
                      {s.sanitary_capacity
                        ? t('reception.sanitary', {
                          count: s.sanitary_capacity,
                          from: formatDateLong(s.sanitary_start_date ?? '', locale),
                          to: s.sanitary_end_date ? formatDateLong(s.sanitary_end_date, locale) : t('reception.untilFurther'),
                        })
                        : t('reception.noSanitary')}
                    </td>
                    {manager && (
                      <td>
                        <button type="button" className="button button--secondary" aria-label={t('reception.editSiteFor', { name: s.name })} onClick={() => setEditing(s)}>
                          {t('reception.editSite')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editing && <CapacityForm site={editing} onDone={() => setEditing(null)} />}
      </section>

      <section aria-labelledby="setup-reasons">
        <h2 id="setup-reasons">{t('reception.reasonsTitle')}</h2>
        {reasons.isPending ? <Loading /> : reasons.isError ? <QueryError error={reasons.error} onRetry={() => void reasons.refetch()} /> : (
          <div className="table-scroll" role="region" aria-labelledby="setup-reasons" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reception.colReason')}</th>
                  <th scope="col">{t('reception.colDuration')}</th>
                  <th scope="col">{t('reception.colModes')}</th>
                  <th scope="col">{t('reception.colWho')}</th>
                  <th scope="col">{t('reception.colDocuments')}</th>
                  {manager && <th scope="col">{t('reception.colActions')}</th>}
                </tr>
              </thead>
              <tbody>
                {reasons.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{r.name}{!r.active && <span className="muted"> ({t('reception.forms.inactiveReason')})</span>}</td>
                    <td>{t('reception.minutes', { count: r.duration_minutes })}</td>
                    <td>{r.modes.map((m) => t(`reception.mode.${m}`)).join(', ')}</td>
                    <td>{r.booked_by.map((b) => t(`reception.bookedBy.${b}`)).join(', ')}</td>
                    <td>{r.documents.join(' ; ') || '—'}</td>
                    {manager && (
                      <td>
                        <button
                          id={`edit-reason-${r.id}`}
                          type="button"
                          className="button button--secondary"
                          aria-expanded={editingReason === r.id}
                          onClick={() => setEditingReason(r.id)}
                        >
                          {t('reception.forms.editReason')} <span className="visually-hidden">{r.name}</span>
                        </button>{' '}
                        <ReasonActiveButton reason={r} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manager && editedReason && (
          <ReasonForm
            key={editedReason.id}
            reason={editedReason}
            onDone={() => {
              setEditingReason(null);
              // Back to the row's button, as a closed form gives the focus back to its opener.
              requestAnimationFrame(() => document.getElementById(`edit-reason-${editedReason.id}`)?.focus());
            }}
          />
        )}
        {manager && <Disclosure label={t('reception.forms.addReason')}>{(close) => <ReasonForm onDone={close} />}</Disclosure>}
      </section>

      <section aria-labelledby="setup-hours">
        <h2 id="setup-hours">{t('reception.hoursTitle')}</h2>
        {hours.isPending ? <Loading /> : hours.isError ? <QueryError error={hours.error} onRetry={() => void hours.refetch()} /> : (
          <div className="table-scroll" role="region" aria-labelledby="setup-hours" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('reception.colSite')}</th>
                  <th scope="col">{t('reception.colStaff')}</th>
                  <th scope="col">{t('reception.colDay')}</th>
                  <th scope="col">{t('reception.colHours')}</th>
                  {manager && <th scope="col">{t('reception.colActions')}</th>}
                </tr>
              </thead>
              <tbody>
                {hours.data.items.map((o) => (
                  <tr key={o.id}>
                    <td>{sites.data?.items.find((s) => s.id === o.site_id)?.name ?? `#${o.site_id}`}</td>
                    <td>{staffName(o.staff_user_id)}</td>
                    <td>{t(`reception.weekday.d${o.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)}</td>
                    <td>{rangeHours(o)}</td>
                    {manager && (
                      <td>
                        <RemoveButton
                          label={t('reception.forms.removeRange', { what: rangeText(o) })}
                          question={t('reception.forms.confirmRemove', { what: rangeText(o) })}
                          remove={() => removeRange.mutateAsync(o.id)}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manager && <Disclosure label={t('reception.forms.addRange')}>{(close) => <RangeForm onDone={close} />}</Disclosure>}
      </section>

      <AbsencesSection manager={manager} />
      <ClosuresSection manager={manager} />

      <section aria-labelledby="setup-holidays">
        <h2 id="setup-holidays">{t('reception.holidaysTitle', { year })}</h2>
        <p className="muted">{t('reception.holidaysIntro')}</p>
        {holidays.data && (
          <ul>
            {holidays.data.items.map((h) => (
              <li key={h.date + h.name}>{formatDateLong(h.date, locale)} — {h.name}</li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function CapacityForm({ site, onDone }: { site: ReceptionSite; onDone: () => void }) {
  const { t } = useTranslation();
  const change = useChangeSite();
  const [capacity, setCapacity] = useState(String(site.capacity));
  const [sanitary, setSanitary] = useState(site.sanitary_capacity ? String(site.sanitary_capacity) : '');
  const [from, setFrom] = useState(site.sanitary_start_date ?? '');
  const [to, setTo] = useState(site.sanitary_end_date ?? '');
  const problem = change.error instanceof ApiError ? change.error.problem : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      {
        id: site.id,
        body: {
          capacity: Number(capacity),
          sanitary_capacity: sanitary ? Number(sanitary) : null,
          sanitary_start_date: sanitary ? from || null : null,
          sanitary_end_date: sanitary ? to || null : null,
        },
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="reception-form" onSubmit={submit} aria-labelledby="capacity-title">
      <h3 id="capacity-title">{t('reception.capacityTitle', { name: site.name })}</h3>
      {problem && (
        <Notice tone="error" live="assertive">
          <p>{problem.detail}</p>
        </Notice>
      )}
      <div className="field">
        <label className="field__label" htmlFor="cap-capacity">{t('reception.capacity')}</label>
        <input id="cap-capacity" className="input" type="number" min={1} max={500} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="cap-sanitary">{t('reception.sanitaryCapacity')}</label>
        <p className="field__hint" id="cap-sanitary-hint">{t('reception.sanitaryHint')}</p>
        <input id="cap-sanitary" aria-describedby="cap-sanitary-hint" className="input" type="number" min={1} max={500} value={sanitary} onChange={(e) => setSanitary(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="cap-from">{t('reception.sanitaryFrom')}</label>
        <input id="cap-from" className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="cap-to">{t('reception.sanitaryTo')}</label>
        <input id="cap-to" className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="reception-actions">
        <button type="submit" className="button button--primary" disabled={change.isPending}>{t('reception.save')}</button>
        <button type="button" className="button button--secondary" onClick={onDone}>{t('reception.cancel')}</button>
      </div>
    </form>
  );
}
