// The forms of "Configuration de l'accueil" that managers use (issue 7): a new or changed
// appointment reason, a weekly opening range (valid between two dates or not), a staff absence
// and an exceptional closure, each refused field shown next to the field in the server's words;
// and the lists of absences and closures to come, with a button to remove one (asked first). Each
// form opens from a button and gives the focus to its first field; closing it gives the focus back
// to the button. The forms share useFormErrors, the two lists SetupRows.
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

/**
 * The errors of a form: the fields the server refused, and those the form found itself before
 * sending. `check` keeps the fields found, puts the focus on the first of them (in the order of
 * `ids`: field name -> element id) and says whether the form may be sent.
 */
function useFormErrors(error: unknown, ids: Record<string, string>) {
  const { t } = useTranslation();
  const [local, setLocal] = useState<Errors>({});
  const { fields, message } = problemOf(error, t);
  const check = (found: Errors) => {
    setLocal(found);
    const first = Object.keys(ids).find((k) => found[k]);
    if (first) document.getElementById(ids[first]!)?.focus();
    return !first;
  };
  return { errors: { ...fields, ...local }, message, check };
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

/** A new reason, or the change of `reason` (every field sent: the form shows them all). */
export function ReasonForm({ reason, onDone }: { reason?: AppointmentReason; onDone: () => void }) {
  const { t } = useTranslation();
  const add = useSetupChange(setupCalls.addReason);
  const change = useSetupChange(setupCalls.changeReason);
  const saving = reason ? change : add;
  const [kind, setKind] = useState<(typeof KINDS)[number]>(reason?.kind ?? 'custom');
  const [name, setName] = useState(reason?.name ?? '');
  const [minutes, setMinutes] = useState(String(reason?.duration_minutes ?? 30));
  const [modes, setModes] = useState<string[]>(reason?.modes ?? ['in_person']);
  const [bookers, setBookers] = useState<string[]>(reason?.booked_by ?? ['staff']);
  const [minHours, setMinHours] = useState(String(reason ? reason.min_delay_minutes / 60 : 24));
  const [maxDays, setMaxDays] = useState(String(reason?.max_delay_days ?? 60));
  const [instructions, setInstructions] = useState(reason?.instructions ?? '');
  const [documents, setDocuments] = useState(reason?.documents.join('\n') ?? '');
  const { errors, message, check } = useFormErrors(saving.error, { name: 'reason-name', modes: 'reason-mode-in_person' });
  const toggle = (list: string[], v: string, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Opened from a row's "Modifier" button, the form takes the focus itself.
    if (reason) form.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, [reason]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.name = t('reception.forms.errName');
    if (modes.length === 0) found.modes = t('reception.forms.errModes');
    if (!check(found)) return;
    const body = {
      kind, name: name.trim(), duration_minutes: Number(minutes), modes: modes as AppointmentReason['modes'],
      booked_by: bookers as AppointmentReason['booked_by'], min_delay_minutes: Math.round(Number(minHours) * 60), max_delay_days: Number(maxDays),
      instructions: instructions.trim(), documents: documents.split('\n').map((d) => d.trim()).filter(Boolean),
    };
    if (reason) change.mutate({ id: reason.id, body }, { onSuccess: onDone });
    else add.mutate(body, { onSuccess: onDone });
  };
  return (
    <form ref={form} className="reception-form" onSubmit={submit} aria-labelledby="reason-form-title" noValidate>
      <h3 id="reason-form-title">{reason ? t('reception.forms.editReasonTitle', { name: reason.name }) : t('reception.forms.reasonTitle')}</h3>
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
      <FormButtons busy={saving.isPending} onCancel={onDone} />
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
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const { errors, message, check } = useFormErrors(add.error, {
    site_id: 'range-site', staff_user_id: 'range-staff', end: 'range-end', valid_to: 'range-valid-to',
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!siteId) found.site_id = t('reception.forms.errSite');
    if (!staffId) found.staff_user_id = t('reception.forms.errStaff');
    if (start && end && end <= start) found.end = t('reception.forms.errEndTime');
    if (validFrom && validTo && validTo < validFrom) found.valid_to = t('reception.forms.errValidTo');
    if (!check(found)) return;
    add.mutate(
      {
        site_id: siteId, staff_user_id: staffId, weekday, start, end,
        ...(validFrom ? { valid_from: validFrom } : {}), ...(validTo ? { valid_to: validTo } : {}),
      },
      { onSuccess: onDone },
    );
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
      <div className="reception-filters">
        <Field id="range-valid-from" label={t('reception.forms.validFrom')} hint={t('reception.forms.validHint')} error={errors.valid_from}>
          {(p) => <input {...p} className="input input--date" type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
        <Field id="range-valid-to" label={t('reception.forms.validTo')} error={errors.valid_to}>
          {(p) => <input {...p} className="input input--date" type="date" value={validTo} min={validFrom || undefined} onChange={(e) => setValidTo(e.target.value)} />}
        </Field>
      </div>
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

/**
 * The rows of absences or closures to come: each said in words, with its label, and for managers a
 * button to remove it (asked first, naming the row).
 */
function SetupRows<T extends { id: number; label: string }>({
  query, empty, describe, removeLabel, remove, manager,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data?: { items: T[] }; refetch: () => unknown };
  empty: string;
  describe: (item: T) => string;
  removeLabel: (what: string) => string;
  remove: (id: number) => Promise<unknown>;
  manager: boolean;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Loading />;
  if (query.isError || !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="reception-rows">
      {query.data.items.map((item) => {
        const what = describe(item);
        return (
          <li key={item.id}>
            <span>{what}{item.label && ` (${item.label})`}</span>
            {manager && <RemoveButton label={removeLabel(what)} question={t('reception.forms.confirmRemove', { what })} remove={() => remove(item.id)} />}
          </li>
        );
      })}
    </ul>
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
      <SetupRows
        query={absences}
        empty={t('reception.forms.noAbsence')}
        describe={(a) => t('reception.forms.absenceText', { name: staffName(a.staff_user_id), from: formatDateTime(a.start_at, locale), to: formatDateTime(a.end_at, locale) })}
        removeLabel={(what) => t('reception.forms.removeAbsence', { what })}
        remove={(id) => remove.mutateAsync(id)}
        manager={manager}
      />
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
  const { errors, message, check } = useFormErrors(add.error, { staff_user_id: 'absence-staff', start_at: 'absence-from', end_at: 'absence-to' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const start = parisInstant(from, fromTime);
    const end = parisInstant(to, toTime);
    const found: Errors = {};
    if (!staffId) found.staff_user_id = t('reception.forms.errStaff');
    if (!start) found.start_at = t('reception.forms.errWhen');
    if (!end) found.end_at = t('reception.forms.errWhen');
    else if (start && end <= start) found.end_at = t('reception.forms.errEndAfter');
    if (!check(found)) return;
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
      <SetupRows
        query={closures}
        empty={t('reception.forms.noClosure')}
        describe={(c) => t('reception.forms.closureText', { site: siteName(c.site_id), from: formatDateLong(c.start_date, locale), to: formatDateLong(c.end_date, locale) })}
        removeLabel={(what) => t('reception.forms.removeClosure', { what })}
        remove={(id) => remove.mutateAsync(id)}
        manager={manager}
      />
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
  const { errors, message, check } = useFormErrors(add.error, { start_date: 'closure-from', end_date: 'closure-to' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!from) found.start_date = t('reception.forms.errWhen');
    if (!to) found.end_date = t('reception.forms.errWhen');
    else if (from && to < from) found.end_date = t('reception.forms.errEndAfter');
    if (!check(found)) return;
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
