// The forms of "Configuration de l'accueil" that managers use (issue 7): a new appointment reason,
// a weekly opening range, a staff absence and an exceptional closure, each refused field shown
// next to the field in the server's words; and the lists of absences and closures to come, with
// a button to remove one (asked first). Each form opens from a button and gives the focus to its
// first field; closing it gives the focus back to the button.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateLong, formatDateTime, parisInstant, todayInParis } from '../../lib/format';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { errorMessage, QueryError } from '../../ui/QueryError';
import {
  setupCalls, useAbsences, useClosures, useReceivingStaff, useSetupChange, useSites,
  type AppointmentReason,
} from './queries';

type Errors = Record<string, string>;
/** The refused fields of a failed change, and its message when no field is named. */
function problemOf(error: unknown, t: Parameters<typeof errorMessage>[1]): { fields: Errors; message: string } {
  if (error instanceof ApiError && error.problem?.field) return { fields: error.fieldErrors(), message: '' };
  return { fields: {}, message: error ? errorMessage(error, t) : '' };
}

/** A button that opens a form below it; the form gets the focus, closing gives it back. */
export function Disclosure({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      {!open && (
        <p>
          <button ref={button} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            {label}
          </button>
        </p>
      )}
      {open && <div ref={panel}>{children(() => setOpen(false))}</div>}
    </>
  );
}

function FormButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="reception-actions">
      <button type="submit" className="button button--primary" disabled={busy}>{t('reception.save')}</button>
      <button type="button" className="button button--secondary" onClick={onCancel}>{t('reception.cancel')}</button>
    </div>
  );
}

const KINDS = ['lease_signing', 'key_handover', 'inspection', 'rental_management', 'social_support', 'custom'] as const;
const MODES = ['in_person', 'phone', 'video'] as const;
const BOOKERS = ['staff', 'tenant', 'applicant'] as const;

export function ReasonForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const add = useSetupChange(setupCalls.addReason);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('custom');
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [modes, setModes] = useState<string[]>(['in_person']);
  const [bookers, setBookers] = useState<string[]>(['staff']);
  const [minHours, setMinHours] = useState('24');
  const [maxDays, setMaxDays] = useState('60');
  const [instructions, setInstructions] = useState('');
  const [documents, setDocuments] = useState('');
  const [local, setLocal] = useState<Errors>({});
  const { fields, message } = problemOf(add.error, t);
  const errors = { ...fields, ...local };
  const toggle = (list: string[], v: string, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.name = t('reception.forms.errName');
    if (modes.length === 0) found.modes = t('reception.forms.errModes');
    setLocal(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.name ? 'reason-name' : 'reason-mode-in_person')?.focus();
      return;
    }
    add.mutate(
      {
        kind, name: name.trim(), duration_minutes: Number(minutes), modes: modes as AppointmentReason['modes'],
        booked_by: bookers as AppointmentReason['booked_by'], min_delay_minutes: Math.round(Number(minHours) * 60), max_delay_days: Number(maxDays),
        instructions: instructions.trim(), documents: documents.split('\n').map((d) => d.trim()).filter(Boolean),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="reception-form" onSubmit={submit} aria-labelledby="reason-form-title" noValidate>
      <h3 id="reason-form-title">{t('reception.forms.reasonTitle')}</h3>
      {message && <Notice tone="error" live="assertive"><p>{message}</p></Notice>}
      <Field id="reason-kind" label={t('reception.forms.kind')} error={errors.kind}>
        {(p) => (
          <select {...p} className="input" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`reception.forms.kinds.${k}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="reason-name" label={t('reception.forms.name')} error={errors.name} required>
        {(p) => <input {...p} className="input" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="reason-minutes" label={t('reception.forms.minutes')} error={errors.duration_minutes} required>
        {(p) => <input {...p} className="input" type="number" min={5} max={480} step={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
      </Field>
      <fieldset className="reception-fieldset" aria-describedby={errors.modes ? 'reason-modes-error' : undefined}>
        <legend>{t('reception.colModes')}</legend>
        {errors.modes && <p className="field__error" id="reason-modes-error">{errors.modes}</p>}
        {MODES.map((m) => (
          <label key={m} className="reception-check">
            <input id={`reason-mode-${m}`} type="checkbox" checked={modes.includes(m)} onChange={(e) => setModes(toggle(modes, m, e.target.checked))} /> {t(`reception.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="reception-fieldset">
        <legend>{t('reception.colWho')}</legend>
        {BOOKERS.map((b) => (
          <label key={b} className="reception-check">
            <input type="checkbox" checked={bookers.includes(b)} disabled={b === 'staff'} onChange={(e) => setBookers(toggle(bookers, b, e.target.checked))} /> {t(`reception.bookedBy.${b}`)}
          </label>
        ))}
      </fieldset>
      <Field id="reason-min" label={t('reception.forms.minHours')} hint={t('reception.forms.minHoursHint')} error={errors.min_delay_minutes}>
        {(p) => <input {...p} className="input" type="number" min={0} value={minHours} onChange={(e) => setMinHours(e.target.value)} />}
      </Field>
      <Field id="reason-max" label={t('reception.forms.maxDays')} error={errors.max_delay_days}>
        {(p) => <input {...p} className="input" type="number" min={1} max={365} value={maxDays} onChange={(e) => setMaxDays(e.target.value)} />}
      </Field>
      <Field id="reason-instructions" label={t('reception.forms.instructions')} error={errors.instructions}>
        {(p) => <textarea {...p} className="input textarea" rows={2} value={instructions} onChange={(e) => setInstructions(e.target.value)} />}
      </Field>
      <Field id="reason-documents" label={t('reception.colDocuments')} hint={t('reception.forms.documentsHint')} error={errors.documents}>
        {(p) => <textarea {...p} className="input textarea" rows={3} value={documents} onChange={(e) => setDocuments(e.target.value)} />}
      </Field>
      <FormButtons busy={add.isPending} onCancel={onDone} />
    </form>
  );
}

/** "Désactiver" / "Réactiver" a reason: an inactive reason is no longer offered. */
export function ReasonActiveButton({ reason }: { reason: AppointmentReason }) {
  const { t } = useTranslation();
  const change = useSetupChange(setupCalls.changeReason);
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        disabled={change.isPending}
        onClick={() => change.mutate({ id: reason.id, body: { active: !reason.active } })}
      >
        {reason.active ? t('reception.forms.deactivate') : t('reception.forms.activate')}{' '}
        <span className="visually-hidden">{reason.name}</span>
      </button>
      {change.isError && <span role="alert"> {errorMessage(change.error, t)}</span>}
    </>
  );
}

export function RangeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const sites = useSites();
  const staff = useReceivingStaff();
  const add = useSetupChange(setupCalls.addRange);
  const [siteId, setSiteId] = useState(0);
  const [staffId, setStaffId] = useState(0);
  const [weekday, setWeekday] = useState(1);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('12:00');
  const [local, setLocal] = useState<Errors>({});
  const { fields, message } = problemOf(add.error, t);
  const errors = { ...fields, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!siteId) found.site_id = t('reception.forms.errSite');
    if (!staffId) found.staff_user_id = t('reception.forms.errStaff');
    if (start && end && end <= start) found.end = t('reception.forms.errEndTime');
    setLocal(found);
    const first = ['site_id', 'staff_user_id', 'end'].find((k) => found[k]);
    if (first) {
      document.getElementById({ site_id: 'range-site', staff_user_id: 'range-staff', end: 'range-end' }[first]!)?.focus();
      return;
    }
    add.mutate({ site_id: siteId, staff_user_id: staffId, weekday, start, end }, { onSuccess: onDone });
  };
  return (
    <form className="reception-form" onSubmit={submit} aria-labelledby="range-form-title" noValidate>
      <h3 id="range-form-title">{t('reception.forms.rangeTitle')}</h3>
      {message && <Notice tone="error" live="assertive"><p>{message}</p></Notice>}
      <Field id="range-site" label={t('reception.colSite')} error={errors.site_id} required>
        {(p) => (
          <select {...p} className="input" value={siteId} onChange={(e) => setSiteId(Number(e.target.value))}>
            <option value={0}>{t('reception.forms.choose')}</option>
            {sites.data?.items.filter((s) => s.active).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        )}
      </Field>
      <Field id="range-staff" label={t('reception.colStaff')} error={errors.staff_user_id} required>
        {(p) => (
          <select {...p} className="input" value={staffId} onChange={(e) => setStaffId(Number(e.target.value))}>
            <option value={0}>{t('reception.forms.choose')}</option>
            {staff.data?.items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        )}
      </Field>
      <Field id="range-day" label={t('reception.colDay')} error={errors.weekday}>
        {(p) => (
          <select {...p} className="input" value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
            {([1, 2, 3, 4, 5, 6, 7] as const).map((d) => <option key={d} value={d}>{t(`reception.weekday.d${d}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id="range-start" label={t('reception.forms.startTime')} error={errors.start}>
        {(p) => <input {...p} className="input" type="time" value={start} onChange={(e) => setStart(e.target.value)} />}
      </Field>
      <Field id="range-end" label={t('reception.forms.endTime')} error={errors.end}>
        {(p) => <input {...p} className="input" type="time" value={end} onChange={(e) => setEnd(e.target.value)} />}
      </Field>
      <FormButtons busy={add.isPending} onCancel={onDone} />
    </form>
  );
}

/** "Retirer" a row, asked first; the question names what goes. */
export function RemoveButton({ label, question, remove }: { label: string; question: string; remove: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        aria-label={label}
        disabled={busy}
        onClick={async () => {
          if (!window.confirm(question)) return;
          setBusy(true);
          setError('');
          try {
            await remove();
          } catch (e) {
            setError(errorMessage(e, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('reception.forms.remove')}
      </button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

export function AbsencesSection({ manager }: { manager: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const absences = useAbsences();
  const staff = useReceivingStaff();
  const remove = useSetupChange(setupCalls.removeAbsence);
  const staffName = (id: number) => staff.data?.items.find((s) => s.id === id)?.name ?? `#${id}`;
  return (
    <section aria-labelledby="setup-absences">
      <h2 id="setup-absences">{t('reception.forms.absencesTitle')}</h2>
      {absences.isPending ? <Loading /> : absences.isError ? <QueryError error={absences.error} onRetry={() => void absences.refetch()} /> : absences.data.items.length === 0 ? (
        <p>{t('reception.forms.noAbsence')}</p>
      ) : (
        <ul className="reception-rows">
          {absences.data.items.map((a) => {
            const what = t('reception.forms.absenceText', { name: staffName(a.staff_user_id), from: formatDateTime(a.start_at, locale), to: formatDateTime(a.end_at, locale) });
            return (
              <li key={a.id}>
                <span>{what}{a.label && ` (${a.label})`}</span>
                {manager && <RemoveButton label={t('reception.forms.removeAbsence', { what })} question={t('reception.forms.confirmRemove', { what })} remove={() => remove.mutateAsync(a.id)} />}
              </li>
            );
          })}
        </ul>
      )}
      {manager && <Disclosure label={t('reception.forms.addAbsence')}>{(close) => <AbsenceForm onDone={close} />}</Disclosure>}
    </section>
  );
}

function AbsenceForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const staff = useReceivingStaff();
  const add = useSetupChange(setupCalls.addAbsence);
  const today = todayInParis();
  const [staffId, setStaffId] = useState(0);
  const [from, setFrom] = useState(today);
  const [fromTime, setFromTime] = useState('08:00');
  const [to, setTo] = useState(today);
  const [toTime, setToTime] = useState('18:00');
  const [label, setLabel] = useState('');
  const [local, setLocal] = useState<Errors>({});
  const { fields, message } = problemOf(add.error, t);
  const errors = { ...fields, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const start = parisInstant(from, fromTime);
    const end = parisInstant(to, toTime);
    const found: Errors = {};
    if (!staffId) found.staff_user_id = t('reception.forms.errStaff');
    if (!start) found.start_at = t('reception.forms.errWhen');
    if (!end) found.end_at = t('reception.forms.errWhen');
    else if (start && end <= start) found.end_at = t('reception.forms.errEndAfter');
    setLocal(found);
    const first = ['staff_user_id', 'start_at', 'end_at'].find((k) => found[k]);
    if (first) {
      document.getElementById({ staff_user_id: 'absence-staff', start_at: 'absence-from', end_at: 'absence-to' }[first]!)?.focus();
      return;
    }
    add.mutate({ staff_user_id: staffId, start_at: start!, end_at: end!, label: label.trim() }, { onSuccess: onDone });
  };
  return (
    <form className="reception-form" onSubmit={submit} aria-labelledby="absence-form-title" noValidate>
      <h3 id="absence-form-title">{t('reception.forms.addAbsence')}</h3>
      {message && <Notice tone="error" live="assertive"><p>{message}</p></Notice>}
      <Field id="absence-staff" label={t('reception.colStaff')} error={errors.staff_user_id} required>
        {(p) => (
          <select {...p} className="input" value={staffId} onChange={(e) => setStaffId(Number(e.target.value))}>
            <option value={0}>{t('reception.forms.choose')}</option>
            {staff.data?.items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        )}
      </Field>
      <div className="reception-filters">
        <Field id="absence-from" label={t('reception.forms.fromDay')} error={errors.start_at}>
          {(p) => <input {...p} className="input input--date" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field id="absence-from-time" label={t('reception.forms.atTime')}>
          {(p) => <input {...p} className="input" type="time" value={fromTime} onChange={(e) => setFromTime(e.target.value)} />}
        </Field>
      </div>
      <div className="reception-filters">
        <Field id="absence-to" label={t('reception.forms.toDay')} error={errors.end_at}>
          {(p) => <input {...p} className="input input--date" type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Field id="absence-to-time" label={t('reception.forms.atTime')}>
          {(p) => <input {...p} className="input" type="time" value={toTime} onChange={(e) => setToTime(e.target.value)} />}
        </Field>
      </div>
      <Field id="absence-label" label={t('reception.forms.label')} hint={t('reception.forms.absenceLabelHint')} error={errors.label}>
        {(p) => <input {...p} className="input" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <FormButtons busy={add.isPending} onCancel={onDone} />
    </form>
  );
}

export function ClosuresSection({ manager }: { manager: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const closures = useClosures();
  const sites = useSites();
  const remove = useSetupChange(setupCalls.removeClosure);
  const siteName = (id: number | null) => (id ? sites.data?.items.find((s) => s.id === id)?.name ?? `#${id}` : t('reception.allSites'));
  return (
    <section aria-labelledby="setup-closures">
      <h2 id="setup-closures">{t('reception.forms.closuresTitle')}</h2>
      {closures.isPending ? <Loading /> : closures.isError ? <QueryError error={closures.error} onRetry={() => void closures.refetch()} /> : closures.data.items.length === 0 ? (
        <p>{t('reception.forms.noClosure')}</p>
      ) : (
        <ul className="reception-rows">
          {closures.data.items.map((c) => {
            const what = t('reception.forms.closureText', { site: siteName(c.site_id), from: formatDateLong(c.start_date, locale), to: formatDateLong(c.end_date, locale) });
            return (
              <li key={c.id}>
                <span>{what}{c.label && ` (${c.label})`}</span>
                {manager && <RemoveButton label={t('reception.forms.removeClosure', { what })} question={t('reception.forms.confirmRemove', { what })} remove={() => remove.mutateAsync(c.id)} />}
              </li>
            );
          })}
        </ul>
      )}
      {manager && <Disclosure label={t('reception.forms.addClosure')}>{(close) => <ClosureForm onDone={close} />}</Disclosure>}
    </section>
  );
}

function ClosureForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const sites = useSites();
  const add = useSetupChange(setupCalls.addClosure);
  const today = todayInParis();
  const [siteId, setSiteId] = useState(0);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [label, setLabel] = useState('');
  const [local, setLocal] = useState<Errors>({});
  const { fields, message } = problemOf(add.error, t);
  const errors = { ...fields, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!from) found.start_date = t('reception.forms.errWhen');
    if (!to) found.end_date = t('reception.forms.errWhen');
    else if (from && to < from) found.end_date = t('reception.forms.errEndAfter');
    setLocal(found);
    if (found.start_date || found.end_date) {
      document.getElementById(found.start_date ? 'closure-from' : 'closure-to')?.focus();
      return;
    }
    add.mutate({ ...(siteId ? { site_id: siteId } : {}), start_date: from, end_date: to, label: label.trim() }, { onSuccess: onDone });
  };
  return (
    <form className="reception-form" onSubmit={submit} aria-labelledby="closure-form-title" noValidate>
      <h3 id="closure-form-title">{t('reception.forms.addClosure')}</h3>
      {message && <Notice tone="error" live="assertive"><p>{message}</p></Notice>}
      <Field id="closure-site" label={t('reception.site')} error={errors.site_id}>
        {(p) => (
          <select {...p} className="input" value={siteId} onChange={(e) => setSiteId(Number(e.target.value))}>
            <option value={0}>{t('reception.allSites')}</option>
            {sites.data?.items.filter((s) => s.active).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        )}
      </Field>
      <Field id="closure-from" label={t('reception.forms.fromDay')} error={errors.start_date} required>
        {(p) => <input {...p} className="input input--date" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
      </Field>
      <Field id="closure-to" label={t('reception.forms.toDayIncluded')} error={errors.end_date} required>
        {(p) => <input {...p} className="input input--date" type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />}
      </Field>
      <Field id="closure-label" label={t('reception.forms.label')} hint={t('reception.forms.closureLabelHint')} error={errors.label}>
        {(p) => <input {...p} className="input" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />}
      </Field>
      <FormButtons busy={add.isPending} onCancel={onDone} />
    </form>
  );
}
