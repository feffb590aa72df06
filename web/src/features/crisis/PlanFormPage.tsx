// Declaring or changing a crisis plan (managers and administrators). The cadence starts from the
// kind's default as the server reports it (GET /crisis-plans, default_cadence); the server checks
// everything and its errors are shown next to their field and in a summary above the form.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { useDebounced } from '../../lib/useDebounced';
import { ErrorSummary, type SummaryError } from '../../ui/ErrorSummary';
import { Field, FieldError } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useAgencies, useBuildings, useCommune, useCommunes } from '../buildings/queries';
import { useSignedIn } from '../session/session';
import { canManageCrisisPlans, KINDS, usePlan, usePlans, useSavePlan, type Cadence, type CrisisPlan, type PlanInput } from './queries';
import './crisis.css';

const LEVELS = ['level3_days', 'level2_days', 'level1_days'] as const;

/** The id of the control that shows the error of an API field. */
export function fieldIdOf(field: string): string {
  if (field.startsWith('perimeter.agency_ids')) return 'crisis-agencies';
  if (field.startsWith('perimeter.communes')) return 'crisis-commune-search';
  if (field.startsWith('perimeter.building_ids')) return 'crisis-building-search';
  if (field.startsWith('perimeter')) return 'crisis-perimeter-all';
  if (field.startsWith('cadence.')) return `crisis-${field.slice('cadence.'.length)}`;
  if (field.startsWith('cadence')) return 'crisis-level3_days';
  if (field.startsWith('call_hours')) return 'crisis-hours-0-start';
  return `crisis-${field.replace(/_/g, '-')}`;
}

function inputOf(p: CrisisPlan): PlanInput {
  return {
    kind: p.kind, name: p.name, start_date: p.start_date, end_date: p.end_date, perimeter: { ...p.perimeter },
    cadence: { ...p.cadence }, call_hours: p.call_hours.map((h) => ({ ...h })), saturday: p.saturday,
    escalation_days: p.escalation_days, call_script: p.call_script,
  };
}

function blank(cadence: Cadence): PlanInput {
  return {
    kind: 'heatwave', name: '', start_date: '', end_date: null,
    perimeter: { all: true, agency_ids: [], communes: [], building_ids: [] }, cadence,
    call_hours: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '18:00' }], saturday: false, escalation_days: 2, call_script: '',
  };
}

export function PlanFormPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const { id: idParam } = useParams();
  const id = idParam ? Number(idParam) : null;
  const plans = usePlans();
  const plan = usePlan(id ?? 0);
  const title = id === null ? t('crisis.declareTitle') : t('crisis.editTitle');
  if (!canManageCrisisPlans(session.user.roles)) {
    return (
      <section>
        <PageTitle title={title} />
        <Notice tone="info">
          <p>{t('crisis.cannotManage')}</p>
        </Notice>
      </section>
    );
  }
  const loading = plans.isPending || (id !== null && plan.isPending);
  const error = plans.error ?? (id !== null ? plan.error : null);
  return (
    <section className="crisis">
      <p>
        <Link to={id === null ? '..' : '../..'} relative="path">{t('crisis.back')}</Link>
      </p>
      <PageTitle title={title} />
      {loading ? (
        <Loading />
      ) : error ? (
        <QueryError error={error} onRetry={() => { void plans.refetch(); void plan.refetch(); }} />
      ) : (
        <PlanForm
          id={id}
          initial={id !== null && plan.data ? inputOf(plan.data) : blank(plans.data!.default_cadence.heatwave)}
          defaults={plans.data!.default_cadence}
        />
      )}
    </section>
  );
}

function PlanForm({ id, initial, defaults }: { id: number | null; initial: PlanInput; defaults: Record<PlanInput['kind'], Cadence> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSavePlan();
  const [v, setV] = useState<PlanInput>(initial);
  const [attempt, setAttempt] = useState(0);
  const set = <K extends keyof PlanInput>(k: K, value: PlanInput[K]) => setV((old) => ({ ...old, [k]: value }));
  const errors: Record<string, string> = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const errorOf = (...fields: string[]) => {
    for (const [f, m] of Object.entries(errors)) if (fields.some((x) => f === x || f.startsWith(`${x}.`) || f.startsWith(`${x}[`))) return m;
    return undefined;
  };
  const summary: SummaryError[] = save.isError
    ? Object.keys(errors).length > 0
      ? Object.entries(errors).map(([f, m]) => ({ fieldId: fieldIdOf(f), message: m }))
      : [{ fieldId: '', message: save.error instanceof ApiError && save.error.problem ? save.error.problem.detail : t('errors.generic') }]
    : [];

  const changeKind = (kind: PlanInput['kind']) => {
    // A new plan takes the cadence of its kind; a plan being changed keeps its own.
    setV((old) => ({ ...old, kind, ...(id === null ? { cadence: { ...defaults[kind] } } : {}) }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempt((n) => n + 1);
    save.mutate(
      { id, body: { ...v, end_date: v.end_date || null } },
      { onSuccess: () => void navigate(id === null ? '..' : '../..', { relative: 'path', state: { saved: id === null ? 'declared' : 'changed' } }) },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="crisis-form">
      <ErrorSummary errors={summary} focusKey={attempt} />
      <Field id="crisis-kind" label={t('crisis.kindLabel')} error={errorOf('kind')} required>
        {(c) => (
          <select {...c} value={v.kind} onChange={(e) => changeKind(e.target.value as PlanInput['kind'])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>{t(`crisis.kind.${k}`)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id="crisis-name" label={t('crisis.nameLabel')} hint={t('crisis.nameHint')} error={errorOf('name')} required={v.kind === 'custom'}>
        {(c) => <input {...c} type="text" value={v.name} maxLength={200} onChange={(e) => set('name', e.target.value)} />}
      </Field>

      <Perimeter v={v} setV={setV} errorOf={errorOf} />

      <fieldset className="crisis-fieldset">
        <legend>{t('crisis.periodLegend')}</legend>
        <Field id="crisis-start-date" label={t('crisis.startDate')} error={errorOf('start_date')} required>
          {(c) => <input {...c} type="date" value={v.start_date} onChange={(e) => set('start_date', e.target.value)} />}
        </Field>
        <Field id="crisis-end-date" label={t('crisis.endDate')} hint={t('crisis.endDateHint')} error={errorOf('end_date')}>
          {(c) => <input {...c} type="date" value={v.end_date ?? ''} onChange={(e) => set('end_date', e.target.value || null)} />}
        </Field>
      </fieldset>

      <fieldset className="crisis-fieldset">
        <legend>{t('crisis.cadenceLegend')}</legend>
        <p className="field__hint">{t('crisis.cadenceHint')}</p>
        {LEVELS.map((l) => (
          <Field key={l} id={`crisis-${l}`} label={t(`crisis.${l}`)} error={errorOf(`cadence.${l}`)} required>
            {(c) => (
              <input {...c} type="number" inputMode="numeric" min={1} max={90} value={v.cadence[l]}
                onChange={(e) => set('cadence', { ...v.cadence, [l]: Number(e.target.value) })} />
            )}
          </Field>
        ))}
      </fieldset>

      <fieldset className="crisis-fieldset" aria-describedby={errorOf('call_hours') ? 'crisis-hours-error' : undefined}>
        <legend>{t('crisis.hoursLegend')}</legend>
        <p className="field__hint">{t('crisis.hoursHint')}</p>
        {errorOf('call_hours') && <FieldError id="crisis-hours-error">{errorOf('call_hours')}</FieldError>}
        {v.call_hours.map((h, i) => (
          <div key={i} className="crisis-hours">
            <Field id={`crisis-hours-${i}-start`} label={t('crisis.hoursStart', { n: i + 1 })}>
              {(c) => <input {...c} type="time" value={h.start} onChange={(e) => set('call_hours', v.call_hours.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} />}
            </Field>
            <Field id={`crisis-hours-${i}-end`} label={t('crisis.hoursEnd', { n: i + 1 })}>
              {(c) => <input {...c} type="time" value={h.end} onChange={(e) => set('call_hours', v.call_hours.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))} />}
            </Field>
            <button type="button" className="button button--secondary" onClick={() => set('call_hours', v.call_hours.filter((_, j) => j !== i))}>
              {t('crisis.hoursRemove', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" className="button button--secondary" onClick={() => set('call_hours', [...v.call_hours, { start: '14:00', end: '18:00' }])}>
          {t('crisis.hoursAdd')}
        </button>
        <label className="crisis-check">
          <input type="checkbox" checked={v.saturday} onChange={(e) => set('saturday', e.target.checked)} />
          {t('crisis.saturday')}
        </label>
      </fieldset>

      <Field id="crisis-escalation-days" label={t('crisis.escalationLabel')} hint={t('crisis.escalationHint')} error={errorOf('escalation_days')} required>
        {(c) => <input {...c} type="number" inputMode="numeric" min={1} max={30} value={v.escalation_days} onChange={(e) => set('escalation_days', Number(e.target.value))} />}
      </Field>
      <Field id="crisis-call-script" label={t('crisis.scriptLabel')} hint={t('crisis.scriptHint')} error={errorOf('call_script')}>
        {(c) => <textarea {...c} rows={6} value={v.call_script} onChange={(e) => set('call_script', e.target.value)} />}
      </Field>
      <div className="crisis-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {id === null ? t('crisis.submitDeclare') : t('crisis.submitSave')}
        </button>
        <Link to={id === null ? '..' : '../..'} relative="path">{t('crisis.cancel')}</Link>
      </div>
    </form>
  );
}

type ErrorOf = (...fields: string[]) => string | undefined;

function Perimeter({ v, setV, errorOf }: { v: PlanInput; setV: (f: (old: PlanInput) => PlanInput) => void; errorOf: ErrorOf }) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const p = v.perimeter;
  const setP = (change: Partial<PlanInput['perimeter']>) => setV((old) => ({ ...old, perimeter: { ...old.perimeter, ...change } }));
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const agencyError = errorOf('perimeter.agency_ids');
  return (
    <fieldset className="crisis-fieldset" aria-describedby={errorOf('perimeter') && !agencyError ? 'crisis-perimeter-error' : undefined}>
      <legend>{t('crisis.perimeterLegend')}</legend>
      {errorOf('perimeter') && !errorOf('perimeter.agency_ids', 'perimeter.communes', 'perimeter.building_ids') && (
        <FieldError id="crisis-perimeter-error">{errorOf('perimeter')}</FieldError>
      )}
      <label className="crisis-check">
        <input type="radio" name="crisis-perimeter" id="crisis-perimeter-all" checked={p.all} onChange={() => setP({ all: true })} />
        {t('crisis.perimeterAll')}
      </label>
      <label className="crisis-check">
        <input type="radio" name="crisis-perimeter" checked={!p.all} onChange={() => setP({ all: false })} />
        {t('crisis.perimeterSome')}
      </label>
      {!p.all && (
        <>
          <fieldset className="crisis-fieldset" aria-describedby={agencyError ? 'crisis-agencies-error' : undefined}>
            <legend>{t('crisis.agenciesLegend')}</legend>
            {agencyError && <FieldError id="crisis-agencies-error">{agencyError}</FieldError>}
            {(agencies.data?.items ?? []).map((a, i) => (
              <label key={a.id} className="crisis-check">
                <input type="checkbox" id={i === 0 ? 'crisis-agencies' : undefined} checked={p.agency_ids.includes(a.id)}
                  onChange={() => setP({ agency_ids: toggle(p.agency_ids, a.id) })} />
                {a.name}
              </label>
            ))}
          </fieldset>
          <CommunePicker chosen={p.communes} onChange={(communes) => setP({ communes })} error={errorOf('perimeter.communes')} />
          <BuildingPicker chosen={p.building_ids} onChange={(building_ids) => setP({ building_ids })} error={errorOf('perimeter.building_ids')} />
        </>
      )}
    </fieldset>
  );
}

function CommuneName({ insee }: { insee: string }) {
  const c = useCommune(insee);
  return <>{c.data ? `${c.data.name} (${insee})` : insee}</>;
}

function CommunePicker({ chosen, onChange, error }: { chosen: string[]; onChange: (c: string[]) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 250);
  const found = useCommunes(debounced);
  return (
    <fieldset className="crisis-fieldset">
      <legend>{t('crisis.communesLegend')}</legend>
      <ChosenList items={chosen.map((c) => ({ key: c, label: <CommuneName insee={c} /> }))} onRemove={(k) => onChange(chosen.filter((c) => c !== k))} />
      <Field id="crisis-commune-search" label={t('crisis.communeSearch')} hint={t('crisis.searchHint')} error={error}>
        {(c) => <input {...c} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      {debounced.trim().length >= 2 && (
        <ul className="crisis-found" aria-label={t('crisis.communeResults')}>
          {(found.data?.items ?? []).filter((c) => !chosen.includes(c.insee)).map((c) => (
            <li key={c.insee}>
              <button type="button" className="button button--secondary" onClick={() => onChange([...chosen, c.insee])}>
                {t('crisis.add', { name: `${c.name} (${c.insee})` })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function BuildingPicker({ chosen, onChange, error }: { chosen: number[]; onChange: (b: number[]) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 250);
  const found = useBuildings({ commune: '', q: debounced.trim().length >= 2 ? debounced : '', after: '' });
  const [names, setNames] = useState<Record<number, string>>({});
  // Names of the buildings already in the plan.
  const known = useQueries({
    queries: chosen.filter((id) => !(id in names)).map((id) => ({
      queryKey: ['buildings', id] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => call(api.GET('/api/v1/buildings/{id}', { params: { path: { id } }, signal })),
    })),
  });
  useEffect(() => {
    const add: Record<number, string> = {};
    for (const k of known) if (k.data && !(k.data.id in names)) add[k.data.id] = buildingLabel(k.data);
    if (Object.keys(add).length > 0) setNames((n) => ({ ...n, ...add }));
  }, [known, names]);
  return (
    <fieldset className="crisis-fieldset">
      <legend>{t('crisis.buildingsLegend')}</legend>
      <ChosenList items={chosen.map((id) => ({ key: String(id), label: names[id] ?? t('crisis.buildingNumber', { id }) }))}
        onRemove={(k) => onChange(chosen.filter((id) => String(id) !== k))} />
      <Field id="crisis-building-search" label={t('crisis.buildingSearch')} hint={t('crisis.searchHint')} error={error}>
        {(c) => <input {...c} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
      </Field>
      {debounced.trim().length >= 2 && (
        <ul className="crisis-found" aria-label={t('crisis.buildingResults')}>
          {(found.data?.items ?? []).filter((b) => !chosen.includes(b.id)).map((b) => (
            <li key={b.id}>
              <button type="button" className="button button--secondary"
                onClick={() => { setNames((n) => ({ ...n, [b.id]: buildingLabel(b) })); onChange([...chosen, b.id]); }}>
                {t('crisis.add', { name: buildingLabel(b) })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function buildingLabel(b: { reference: string; name: string; street: string }): string {
  return [b.reference, b.name, b.street].filter(Boolean).join(' — ');
}

function ChosenList({ items, onRemove }: { items: { key: string; label: ReactNode }[]; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('crisis.noneChosen')}</p>;
  return (
    <ul className="crisis-chosen">
      {items.map((i) => (
        <li key={i.key}>
          <span>{i.label}</span>{' '}
          <button type="button" className="button button--secondary" onClick={() => onRemove(i.key)}>
            {t('crisis.remove')}<span className="visually-hidden"> : {i.key}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
