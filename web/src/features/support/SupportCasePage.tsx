// The page of a support case (/accompagnement/:id): the household, the officer and the state, the
// next steps the state allows (buttons), the case's timeline, its tasks (add, done, cancelled),
// notes and documents (upload a PDF, JPEG or PNG; download). Officers change it; managers read.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateShort, formatDateTime, formatInstantDate, formatMoney, parseEuros, parseFrenchDate, todayInParis } from '../../lib/format';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { NotFound } from '../../app/NotFound';
import { useSignedIn } from '../session/session';
import {
  EVENTS_OF, OUTCOMES, canWorkOnSupportCases, fileToBase64, useAddDocument, useAddNote, useAddTask, useCloseTask, useMoveCase,
  useCaseSolutions, useClaimStep, usePrepareClaim, useRecordSolution, useSolutionStep,
  useCancelPlan, useFslDecision, useFslPayment, useFslReferral, usePaymentPlan, usePrepareFsl, useSendFsl, useSetUpPlan, useSupportCase,
  type CaseEvent, type CaseOutcome, type CaseSolutions, type FslReferral, type SupportCase,
} from './queries';
import './support.css';

function errorText(error: unknown, fallback: string): string | null {
  if (!error) return null;
  return error instanceof ApiError ? error.problem?.detail ?? fallback : fallback;
}
function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors()[field] : undefined;
}

export function SupportCasePage() {
  const { id } = useParams();
  const caseId = Number(id);
  if (!Number.isInteger(caseId) || caseId <= 0) return <NotFound />;
  return <CaseLoader id={caseId} />;
}

function CaseLoader({ id }: { id: number }) {
  const q = useSupportCase(id);
  if (q.isPending) return <Loading />;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  return <CaseView c={q.data} />;
}

function CaseView({ c }: { c: SupportCase }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const session = useSignedIn();
  // An anonymised case (retention) is read only: its texts are gone, its figures stay.
  const anonymised = Boolean(c.anonymised_at);
  const mayWork = canWorkOnSupportCases(session.user.roles) && !anonymised;
  return (
    <article className="support-case" aria-labelledby="case-title">
      <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/accompagnement">{t('nav.support')}</Link>
          </li>
          <li aria-current="page">{t('support.caseTitle', { id: c.id })}</li>
        </ol>
      </nav>
      <header className="record-header">
        <div>
          <PageTitle id="case-title" title={t('support.pageTitle', { name: c.household.name || c.household.reference })} />
          <p className="record-header__meta">
            <Link to={`/menages/${c.household.id}`}>{t('support.householdLink', { reference: c.household.reference })}</Link>
            {' · '}
            {t('support.officer', { name: c.officer.name })}
            {' · '}
            {t('support.openedOn', { date: formatInstantDate(c.opened_at, locale) })}
          </p>
          <p>
            {t('support.stateLabel')} <span className="support-case__state">{t(`support.states.${c.state}`)}</span>
            {c.outcome && <> — {t(`support.outcomes.${c.outcome}`)}</>}
          </p>
        </div>
      </header>
      {anonymised && (
        <Notice tone="info" title={t('support.anonymisedTitle')}>
          <p>{t('support.anonymisedText', { date: formatInstantDate(c.anonymised_at ?? '', locale) })}</p>
        </Notice>
      )}
      {c.reason && <p>{c.reason}</p>}
      <div className="record-grid">
        <div className="record-grid__main">
          {mayWork && <MoveForm c={c} />}
          <PlanCard c={c} mayWork={mayWork} />
          <FslCard c={c} mayWork={mayWork} />
          <SolutionsCards c={c} mayWork={mayWork} />
          <Tasks c={c} mayWork={mayWork} />
          <Notes c={c} mayWork={mayWork} />
          <Events c={c} />
        </div>
        <div className="record-grid__side">
          <Documents c={c} mayWork={mayWork} />
        </div>
      </div>
    </article>
  );
}

function MoveForm({ c }: { c: SupportCase }) {
  const { t } = useTranslation();
  const move = useMoveCase(c.id);
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [comment, setComment] = useState('');
  const id = useId();
  const events = EVENTS_OF[c.state];
  const run = (event: CaseEvent) => {
    move.mutate(
      { event, ...(event === 'close' && outcome ? { outcome } : {}), ...(comment.trim() ? { comment } : {}) },
      { onSuccess: () => { setComment(''); setOutcome(''); } },
    );
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <Icon name="check" />
        {t('support.nextStep')}
      </h2>
      <Field id={`${id}-comment`} label={t('support.commentLabel')}>
        {(p) => <input {...p} type="text" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      {events.includes('close') && (
        <Field id={`${id}-outcome`} label={t('support.outcomeLabel')} hint={t('support.outcomeHint')} error={fieldError(move.error, 'outcome')}>
          {(p) => (
            <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value as CaseOutcome | '')}>
              <option value="">{t('support.outcomeNone')}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`support.outcomes.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div className="support-case__actions">
        {events.map((e) => (
          <button key={e} type="button" className={e === 'close' ? 'button' : 'button button--primary'} disabled={move.isPending} onClick={() => run(e)}>
            {t(`support.events.${e}`)}
          </button>
        ))}
      </div>
      {move.error && !fieldError(move.error, 'outcome') && (
        <Notice tone="error" live="assertive">
          <p>{errorText(move.error, t('errors.generic'))}</p>
        </Notice>
      )}
    </section>
  );
}

function Tasks({ c, mayWork }: { c: SupportCase; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const add = useAddTask(c.id);
  const close = useCloseTask(c.id);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [dateError, setDateError] = useState<string | undefined>();
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const iso = parseFrenchDate(due);
    if (!iso) {
      setDateError(t('support.dueDateInvalid'));
      return;
    }
    setDateError(undefined);
    add.mutate({ title, due_date: iso }, { onSuccess: () => { setTitle(''); setDue(''); } });
  };
  const tasks = c.tasks ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <Icon name="calendar" />
        {t('support.tasksTitle')}
      </h2>
      {tasks.length === 0 ? (
        <p className="muted">{t('support.noTasks')}</p>
      ) : (
        <ul className="support-case__tasks">
          {tasks.map((task) => (
            <li key={task.id}>
              <span>
                {t('support.taskLine', {
                  title: task.title,
                  date: formatDateShort(task.due_date, locale),
                  owner: task.owner.name,
                  status: t(`support.taskStatus.${task.status}`),
                })}
              </span>
              {task.source === 'system' && <span className="muted"> — {t('support.systemTask')}</span>}
              {mayWork && task.status === 'open' && c.state !== 'closed' && (
                <span className="support-case__buttons">
                  <button type="button" className="button" disabled={close.isPending}
                    aria-label={t('support.taskDoneLabel', { title: task.title })}
                    onClick={() => close.mutate({ task_id: task.id, status: 'done' })}>
                    {t('support.taskDone')}
                  </button>
                  <button type="button" className="button" disabled={close.isPending}
                    aria-label={t('support.taskCancelLabel', { title: task.title })}
                    onClick={() => close.mutate({ task_id: task.id, status: 'cancelled' })}>
                    {t('support.taskCancel')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayWork && c.state !== 'closed' && (
        <form className="support-case__form" onSubmit={submit} noValidate>
          <Field id={`${id}-task`} label={t('support.taskTitleLabel')} required error={fieldError(add.error, 'title')}>
            {(p) => <input {...p} type="text" value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <Field id={`${id}-due`} label={t('support.dueDateLabel')} hint={t('support.dueDateHint')} required
            error={dateError ?? fieldError(add.error, 'due_date')}>
            {(p) => <input {...p} type="text" inputMode="numeric" value={due} onChange={(e) => setDue(e.target.value)} />}
          </Field>
          {add.error && !fieldError(add.error, 'title') && !fieldError(add.error, 'due_date') && (
            <Notice tone="error" live="assertive"><p>{errorText(add.error, t('errors.generic'))}</p></Notice>
          )}
          <div>
            <button type="submit" className="button button--primary" disabled={add.isPending}>
              <Icon name="plus" />
              {t('support.addTask')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Notes({ c, mayWork }: { c: SupportCase; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const add = useAddNote(c.id);
  const [body, setBody] = useState('');
  const id = useId();
  const notes = c.notes ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ body }, { onSuccess: () => setBody('') });
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <Icon name="note" />
        {t('support.notesTitle')}
      </h2>
      {notes.length === 0 ? (
        <p className="muted">{t('support.noNotes')}</p>
      ) : (
        <ul className="support-case__notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="muted">{t('support.noteBy', { name: n.author.name, at: formatDateTime(n.created_at, locale) })}</p>
              <p className="notes">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      {mayWork && (
        <form className="support-case__form" onSubmit={submit} noValidate>
          <Field id={`${id}-note`} label={t('support.noteLabel')} required error={fieldError(add.error, 'body')}>
            {(p) => <textarea {...p} rows={3} value={body} maxLength={10000} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          <div>
            <button type="submit" className="button button--primary" disabled={add.isPending}>
              {t('support.addNote')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

const TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
type DocType = (typeof TYPES)[number];

function Documents({ c, mayWork }: { c: SupportCase; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const add = useAddDocument(c.id);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const [inputKey, setInputKey] = useState(0);
  const id = useId();
  const docs = c.documents ?? [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setLocalError(t('support.fileMissing'));
      return;
    }
    if (!(TYPES as readonly string[]).includes(file.type)) {
      setLocalError(t('support.fileType'));
      return;
    }
    setLocalError(undefined);
    add.mutate(
      { filename: file.name, content_type: file.type as DocType, content_base64: await fileToBase64(file) },
      { onSuccess: () => { setFile(null); setInputKey((k) => k + 1); } },
    );
  };
  const serverError = add.error ? errorText(add.error, t('errors.generic')) ?? undefined : undefined;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <Icon name="download" />
        {t('support.documentsTitle')}
      </h2>
      {docs.length === 0 ? (
        <p className="muted">{t('support.noDocuments')}</p>
      ) : (
        <ul className="support-case__documents">
          {docs.map((d) => (
            <li key={d.id}>
              <a href={`/api/v1/support-cases/${c.id}/documents/${d.id}`} download={d.filename}>
                {d.filename}
              </a>
              <span className="muted">
                {' '}
                — {t('support.documentMeta', { size: Math.max(1, Math.round(d.size_bytes / 1024)), by: d.uploaded_by.name, date: formatInstantDate(d.uploaded_at, locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayWork && (
        <form className="support-case__form" onSubmit={(e) => void submit(e)} noValidate>
          <Field id={`${id}-file`} label={t('support.fileLabel')} hint={t('support.fileHint')} error={localError ?? serverError}>
            {(p) => (
              <input {...p} key={inputKey} type="file" accept="application/pdf,image/jpeg,image/png"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            )}
          </Field>
          <div>
            <button type="submit" className="button button--primary" disabled={add.isPending}>
              <Icon name="upload" />
              {t('support.addDocument')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Events({ c }: { c: SupportCase }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const id = useId();
  const events = [...(c.events ?? [])].reverse();
  const line = (e: NonNullable<SupportCase['events']>[number]): string => {
    switch (e.kind) {
      case 'opened':
        return t('support.eventWords.opened');
      case 'transition':
        return t('support.eventWords.transition', { state: e.to_state ? t(`support.states.${e.to_state as SupportCase['state']}`) : '' });
      case 'officer':
        return t('support.eventWords.officer');
      case 'task_added':
        return t('support.eventWords.task_added', { text: e.text });
      case 'task_closed':
        return t('support.eventWords.task_closed', { text: e.text, status: t(`support.taskStatus.${(e.to_state ?? 'done') as 'done'}`) });
      case 'note_added':
        return t('support.eventWords.note_added');
      case 'document_added':
        return t('support.eventWords.document_added', { text: e.text });
      case 'plan_completed':
        return t('support.eventWords.plan_completed');
      case 'outreach_need':
        return t('support.eventWords.outreach_need', { text: e.text });
      case 'fsl_prepared':
      case 'fsl_sent':
      case 'fsl_decision':
      case 'fsl_paid':
        return t('support.eventWords.fsl', { text: e.text });
      default:
        return e.text;
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <Icon name="clock" />
        {t('support.eventsTitle')}
      </h2>
      <ol className="support-case__events">
        {events.map((e) => (
          <li key={e.id}>
            <p>
              <strong>{line(e)}</strong>
              {e.kind === 'transition' && e.text && <> — {e.text}</>}
            </p>
            <p className="muted">
              {formatDateTime(e.at, locale)} · {e.by ? e.by.name : t('support.system')}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

// Cancelling a running plan: a destructive step, so a first button opens the reason (required)
// and a confirmation; "Garder le plan" closes it without change.
function CancelPlan({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const cancel = useCancelPlan(caseId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const id = useId();
  if (!open) {
    return (
      <p>
        <button type="button" className="button" onClick={() => setOpen(true)}>{t('support.plan.cancel')}</button>
      </p>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setLocal(t('support.plan.cancelReasonRequired'));
      return;
    }
    setLocal(undefined);
    cancel.mutate({ reason: reason.trim() });
  };
  const general = cancel.error && !fieldError(cancel.error, 'reason') ? errorText(cancel.error, t('errors.generic')) : null;
  return (
    <form className="support-case__form" onSubmit={submit} noValidate>
      <Field id={`${id}-reason`} label={t('support.plan.cancelReasonLabel')} hint={t('support.plan.cancelReasonHint')} required
        error={local ?? fieldError(cancel.error, 'reason')}>
        {(p) => <input {...p} type="text" maxLength={1000} value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {general && <Notice tone="error" live="assertive"><p>{general}</p></Notice>}
      <div className="support-case__actions">
        <button type="submit" className="button button--primary" disabled={cancel.isPending}>{t('support.plan.cancelConfirm')}</button>
        <button type="button" className="button" onClick={() => { setOpen(false); setReason(''); setLocal(undefined); }}>
          {t('support.plan.cancelBack')}
        </button>
      </div>
    </form>
  );
}

function PlanCard({ c, mayWork }: { c: SupportCase; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const q = usePaymentPlan(c.id);
  const setUp = useSetUpPlan(c.id);
  const today = todayInParis();
  const [months, setMonths] = useState('6');
  const [first, setFirst] = useState('');
  const [signed, setSigned] = useState(isoToFr(today));
  const [local, setLocal] = useState<Record<string, string>>({});
  const id = useId();
  const plan = q.data?.plan ?? null;
  const canSetUp = mayWork && EVENTS_OF[c.state].includes('start_plan');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const firstIso = parseFrenchDate(first);
    const signedIso = parseFrenchDate(signed);
    if (!firstIso) errors.first_due_on = t('support.plan.dateInvalid');
    if (!signedIso) errors.signed_on = t('support.plan.dateInvalid');
    setLocal(errors);
    if (!firstIso || !signedIso) return;
    setUp.mutate({ months: Number(months), first_due_on: firstIso, signed_on: signedIso });
  };
  const err = (f: string) => local[f] ?? fieldError(setUp.error, f);
  const general = setUp.error && !['months', 'first_due_on', 'signed_on'].some((f) => fieldError(setUp.error, f))
    ? errorText(setUp.error, t('errors.generic')) : null;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <Icon name="euro" />
        {t('support.plan.title')}
      </h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : plan ? (
        <>
          <p>
            {t('support.plan.summary', { debt: formatMoney(plan.debt_cents, locale), months: plan.months, date: formatDateShort(plan.signed_on, locale) })}
            {' '}— {t(`support.plan.status.${plan.status}`)}
          </p>
          {plan.status === 'broken' && plan.ended_on && (
            <Notice tone="warning"><p>{t('support.plan.brokenOn', { date: formatDateShort(plan.ended_on, locale) })}</p></Notice>
          )}
          {plan.status === 'cancelled' && plan.ended_on && (
            <p>{t('support.plan.cancelledOn', { date: formatDateShort(plan.ended_on, locale), reason: plan.end_reason })}</p>
          )}
          {plan.status === 'active' && (
            <p>
              {plan.behind_cents > 0
                ? t('support.plan.behind', { amount: formatMoney(plan.behind_cents, locale), n: plan.first_missed ?? 0 })
                : t('support.plan.onTrack')}
            </p>
          )}
          <table className="support-list">
            <caption>{t('support.plan.schedule')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('support.plan.colNumber')}</th>
                <th scope="col">{t('support.plan.colDue')}</th>
                <th scope="col">{t('support.plan.colAmount')}</th>
                <th scope="col">{t('support.plan.colFollowUp')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.instalments.map((i) => (
                <tr key={i.number}>
                  <td>{i.number}</td>
                  <td>{formatDateShort(i.due_on, locale)}</td>
                  <td>{formatMoney(i.amount_cents, locale)}</td>
                  <td>{i.missed_task_id ? t('support.plan.missed') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href={`/api/v1/support-cases/${c.id}/plan/pdf`} download={`plan-apurement-${c.id}.pdf`}>
              <Icon name="download" />
              {t('support.plan.pdf')}
            </a>
          </p>
          {mayWork && plan.status === 'active' && <CancelPlan caseId={c.id} />}
        </>
      ) : (
        <p className="muted">{t('support.plan.none')}</p>
      )}
      {canSetUp && (
        <form className="support-case__form" onSubmit={submit} noValidate>
          <Field id={`${id}-months`} label={t('support.plan.monthsLabel')} required error={err('months')}>
            {(p) => <input {...p} type="number" min={1} max={120} value={months} onChange={(e) => setMonths(e.target.value)} />}
          </Field>
          <Field id={`${id}-first`} label={t('support.plan.firstLabel')} hint={t('support.dueDateHint')} required error={err('first_due_on')}>
            {(p) => <input {...p} type="text" inputMode="numeric" value={first} onChange={(e) => setFirst(e.target.value)} />}
          </Field>
          <Field id={`${id}-signed`} label={t('support.plan.signedLabel')} hint={t('support.dueDateHint')} required error={err('signed_on')}>
            {(p) => <input {...p} type="text" inputMode="numeric" value={signed} onChange={(e) => setSigned(e.target.value)} />}
          </Field>
          {general && (
            <Notice tone="error" live="assertive"><p>{general}</p></Notice>
          )}
          <div>
            <button type="submit" className="button button--primary" disabled={setUp.isPending}>
              {t('support.plan.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function isoToFr(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const AID_KINDS: readonly FslReferral['aid_kind'][] = ['arrears', 'energy', 'water', 'insurance'];

/** The FSL referral (Fonds de solidarité pour le logement): prepare the file, print it, then record
 * its sending, the fund's decision and the payment (posted to the tenant's ledger). */
function FslCard({ c, mayWork }: { c: SupportCase; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const q = useFslReferral(c.id);
  const id = useId();
  const f = q.data?.referral ?? null;
  const open = c.state !== 'closed';
  const settled = !f || f.status === 'refused' || f.status === 'paid';
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        <Icon name="euro" />
        {t('support.fsl.title')}
      </h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : f ? (
        <FslSummary c={c} f={f} locale={locale} />
      ) : (
        <p className="muted">{t('support.fsl.none')}</p>
      )}
      {mayWork && open && (settled || f?.status === 'prepared') && <FslPrepareForm c={c} f={f?.status === 'prepared' ? f : null} />}
      {mayWork && f?.status === 'prepared' && <FslDateForm c={c} kind="send" />}
      {mayWork && f?.status === 'sent' && <FslDecisionForm c={c} />}
      {mayWork && (f?.status === 'granted' || f?.status === 'partial') && <FslDateForm c={c} kind="payment" />}
    </section>
  );
}

function FslSummary({ c, f, locale }: { c: SupportCase; f: FslReferral; locale: ReturnType<typeof localeOf> }) {
  const { t } = useTranslation();
  const money = (cents: number) => formatMoney(cents, locale);
  return (
    <>
      <p>
        {t('support.fsl.summary', { departement: f.departement.name, amount: money(f.requested_cents), date: formatDateShort(f.prepared_on, locale) })}
        {' '}— <strong>{t(`support.fsl.status.${f.status}`)}</strong>
      </p>
      <dl className="support-case__facts">
        <dt>{t('support.fsl.household')}</dt>
        <dd>{t('support.fsl.persons', { count: f.household_size })} : {f.members.map((m) => `${m.first_name} ${m.last_name}`).join(', ')}</dd>
        <dt>{t('support.fsl.resources')}</dt>
        <dd>
          {money(f.monthly_resources_cents)}
          {' — '}
          {f.resources_ceiling_cents === null
            ? t('support.fsl.ceilingNone')
            : f.resources_within_ceiling
              ? t('support.fsl.ceilingWithin', { ceiling: money(f.resources_ceiling_cents) })
              : t('support.fsl.ceilingAbove', { ceiling: money(f.resources_ceiling_cents) })}
        </dd>
        <dt>{t('support.fsl.rent')}</dt>
        <dd>{t('support.fsl.rentLine', { rent: money(f.rent_cents), charges: money(f.charges_cents), benefit: money(f.housing_benefit_cents) })}</dd>
        <dt>{t('support.fsl.debt')}</dt>
        <dd>{money(f.debt_cents)}</dd>
        {f.decision && (
          <>
            <dt>{t('support.fsl.decision')}</dt>
            <dd>
              {t(`support.fsl.decisions.${f.decision}`)}
              {f.granted_cents !== null && <> : {money(f.granted_cents)}</>}
              {f.decided_on && <> ({formatDateShort(f.decided_on, locale)})</>}
            </dd>
          </>
        )}
        {f.paid_on && (
          <>
            <dt>{t('support.fsl.paid')}</dt>
            <dd>{t('support.fsl.paidLine', { date: formatDateShort(f.paid_on, locale) })}</dd>
          </>
        )}
      </dl>
      {!f.departement.fund_address && <p className="muted">{t('support.fsl.addressNone')}</p>}
      <p>
        <a href={`/api/v1/support-cases/${c.id}/fsl/pdf`} download={`dossier-fsl-${c.id}.pdf`}>
          <Icon name="download" />
          {t('support.fsl.pdf')}
        </a>
      </p>
    </>
  );
}

function FslPrepareForm({ c, f }: { c: SupportCase; f: FslReferral | null }) {
  const { t } = useTranslation();
  const prepare = usePrepareFsl(c.id);
  const id = useId();
  const [kind, setKind] = useState<FslReferral['aid_kind']>(f?.aid_kind ?? 'arrears');
  const [resources, setResources] = useState(f ? String(f.monthly_resources_cents / 100).replace('.', ',') : '');
  const [note, setNote] = useState(f?.resources_note ?? '');
  const [difficulty, setDifficulty] = useState(f?.difficulty ?? '');
  const [requested, setRequested] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const res = parseEuros(resources);
    const req = requested.trim() ? parseEuros(requested) : undefined;
    if (res === null) errors.monthly_resources_cents = t('support.fsl.amountInvalid');
    if (req === null) errors.requested_cents = t('support.fsl.amountInvalid');
    setLocal(errors);
    if (res === null || req === null) return;
    prepare.mutate({
      aid_kind: kind, monthly_resources_cents: res, ...(note.trim() ? { resources_note: note } : {}),
      ...(difficulty.trim() ? { difficulty } : {}), ...(req !== undefined ? { requested_cents: req } : {}),
    });
  };
  const fields = ['aid_kind', 'monthly_resources_cents', 'requested_cents'];
  const err = (k: string) => local[k] ?? fieldError(prepare.error, k);
  const general = prepare.error && !fields.some((k) => fieldError(prepare.error, k)) ? errorText(prepare.error, t('errors.generic')) : null;
  return (
    <form className="support-case__form" onSubmit={submit} noValidate aria-label={t('support.fsl.prepareTitle')}>
      <h3>{f ? t('support.fsl.prepareAgain') : t('support.fsl.prepareTitle')}</h3>
      <p className="muted">{t('support.fsl.prepareHint')}</p>
      <Field id={`${id}-kind`} label={t('support.fsl.kindLabel')} required error={err('aid_kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as FslReferral['aid_kind'])}>
            {AID_KINDS.map((k) => <option key={k} value={k}>{t(`support.fsl.kinds.${k}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${id}-resources`} label={t('support.fsl.resourcesLabel')} hint={t('support.fsl.amountHint')} required error={err('monthly_resources_cents')}>
        {(p) => <input {...p} type="text" inputMode="decimal" value={resources} onChange={(e) => setResources(e.target.value)} />}
      </Field>
      <Field id={`${id}-note`} label={t('support.fsl.resourcesNoteLabel')}>
        {(p) => <input {...p} type="text" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <Field id={`${id}-difficulty`} label={t('support.fsl.difficultyLabel')}>
        {(p) => <textarea {...p} maxLength={4000} value={difficulty} onChange={(e) => setDifficulty(e.target.value)} />}
      </Field>
      <Field id={`${id}-requested`} label={t('support.fsl.requestedLabel')} hint={t('support.fsl.requestedHint')} error={err('requested_cents')}>
        {(p) => <input {...p} type="text" inputMode="decimal" value={requested} onChange={(e) => setRequested(e.target.value)} />}
      </Field>
      {general && <Notice tone="error" live="assertive"><p>{general}</p></Notice>}
      <div>
        <button type="submit" className="button button--primary" disabled={prepare.isPending}>{t('support.fsl.prepareSubmit')}</button>
      </div>
    </form>
  );
}

/** The day the file was sent, or the day the fund paid. */
function FslDateForm({ c, kind }: { c: SupportCase; kind: 'send' | 'payment' }) {
  const { t } = useTranslation();
  const send = useSendFsl(c.id);
  const pay = useFslPayment(c.id);
  const m = kind === 'send' ? send : pay;
  const field = kind === 'send' ? 'sent_on' : 'paid_on';
  const id = useId();
  const [day, setDay] = useState(isoToFr(todayInParis()));
  const [local, setLocal] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const iso = parseFrenchDate(day);
    setLocal(iso ? undefined : t('support.plan.dateInvalid'));
    if (!iso) return;
    if (kind === 'send') send.mutate({ sent_on: iso });
    else pay.mutate({ paid_on: iso });
  };
  const general = m.error && !fieldError(m.error, field) ? errorText(m.error, t('errors.generic')) : null;
  return (
    <form className="support-case__form" onSubmit={submit} noValidate aria-label={t(`support.fsl.${kind}Title`)}>
      <h3>{t(`support.fsl.${kind}Title`)}</h3>
      {kind === 'payment' && <p className="muted">{t('support.fsl.paymentHint')}</p>}
      <Field id={`${id}-day`} label={t(`support.fsl.${kind}Label`)} hint={t('support.dueDateHint')} required error={local ?? fieldError(m.error, field)}>
        {(p) => <input {...p} type="text" inputMode="numeric" value={day} onChange={(e) => setDay(e.target.value)} />}
      </Field>
      {general && <Notice tone="error" live="assertive"><p>{general}</p></Notice>}
      <div>
        <button type="submit" className="button button--primary" disabled={m.isPending}>{t(`support.fsl.${kind}Submit`)}</button>
      </div>
    </form>
  );
}

function FslDecisionForm({ c }: { c: SupportCase }) {
  const { t } = useTranslation();
  const decide = useFslDecision(c.id);
  const id = useId();
  const [decision, setDecision] = useState<'granted' | 'partial' | 'refused'>('granted');
  const [amount, setAmount] = useState('');
  const [day, setDay] = useState(isoToFr(todayInParis()));
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const iso = parseFrenchDate(day);
    const cents = decision === 'refused' ? undefined : parseEuros(amount);
    if (!iso) errors.decided_on = t('support.plan.dateInvalid');
    if (cents === null) errors.granted_cents = t('support.fsl.amountInvalid');
    setLocal(errors);
    if (!iso || cents === null) return;
    decide.mutate({ decision, decided_on: iso, ...(cents !== undefined ? { granted_cents: cents } : {}), ...(note.trim() ? { note } : {}) });
  };
  const fields = ['decision', 'granted_cents', 'decided_on'];
  const err = (k: string) => local[k] ?? fieldError(decide.error, k);
  const general = decide.error && !fields.some((k) => fieldError(decide.error, k)) ? errorText(decide.error, t('errors.generic')) : null;
  return (
    <form className="support-case__form" onSubmit={submit} noValidate aria-label={t('support.fsl.decisionTitle')}>
      <h3>{t('support.fsl.decisionTitle')}</h3>
      <Field id={`${id}-decision`} label={t('support.fsl.decisionLabel')} required error={err('decision')}>
        {(p) => (
          <select {...p} value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)}>
            {(['granted', 'partial', 'refused'] as const).map((d) => <option key={d} value={d}>{t(`support.fsl.decisions.${d}`)}</option>)}
          </select>
        )}
      </Field>
      {decision !== 'refused' && (
        <Field id={`${id}-amount`} label={t('support.fsl.grantedLabel')} hint={t('support.fsl.amountHint')} required error={err('granted_cents')}>
          {(p) => <input {...p} type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
      )}
      <Field id={`${id}-day`} label={t('support.fsl.decidedLabel')} hint={t('support.dueDateHint')} required error={err('decided_on')}>
        {(p) => <input {...p} type="text" inputMode="numeric" value={day} onChange={(e) => setDay(e.target.value)} />}
      </Field>
      <Field id={`${id}-note`} label={t('support.fsl.decisionNoteLabel')}>
        {(p) => <input {...p} type="text" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {general && <Notice tone="error" live="assertive"><p>{general}</p></Notice>}
      <div>
        <button type="submit" className="button button--primary" disabled={decide.isPending}>{t('support.fsl.decisionSubmit')}</button>
      </div>
    </form>
  );
}

type Claim = CaseSolutions['claims'][number];
type Other = CaseSolutions['others'][number];

/** Guarantee claims (Visale, Loca-Pass) and the other solutions (Action Logement, housing-benefit
 * review, social worker): what the lease allows today, the claims and their steps. */
function SolutionsCards({ c, mayWork }: { c: SupportCase; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const q = useCaseSolutions(c.id);
  const id = useId();
  const open = c.state !== 'closed';
  const body = (node: (s: CaseSolutions) => React.ReactNode) =>
    q.isPending ? <Loading /> : q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : node(q.data);
  return (
    <>
      <section className="card" aria-labelledby={`${id}-g`}>
        <h2 id={`${id}-g`} className="card__title">
          <Icon name="euro" />
          {t('support.guarantee.title')}
        </h2>
        {body((s) => (
          <>
            {(['visale', 'loca_pass'] as const).map((g) => {
              const e = s.eligibility[g];
              if (!e) return <p key={g} className="muted">{t('support.guarantee.noLease')}</p>;
              return (
                <div key={g}>
                  <h3>{t(`support.guarantee.kinds.${g}`)}</h3>
                  <p>
                    <strong>{e.eligible ? t('support.guarantee.eligible') : t('support.guarantee.notEligible')}</strong>
                    {' — '}{t('support.guarantee.max', { amount: formatMoney(e.max_claim_cents, locale) })}
                  </p>
                  {e.notice_deadline && <p>{t('support.guarantee.notice', { date: formatDateShort(e.notice_deadline, locale) })}</p>}
                  {e.claim_from && <p>{t('support.guarantee.claimFrom', { date: formatDateShort(e.claim_from, locale) })}</p>}
                  {e.reasons.length > 0 && <ul>{e.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
                </div>
              );
            })}
            {s.claims.length > 0 && (
              <ul className="support-case__tasks">
                {s.claims.map((claim) => <ClaimItem key={claim.id} c={c} claim={claim} mayWork={mayWork} />)}
              </ul>
            )}
            {mayWork && open && <ClaimForm c={c} />}
          </>
        ))}
      </section>
      <section className="card" aria-labelledby={`${id}-o`}>
        <h2 id={`${id}-o`} className="card__title">
          <Icon name="check" />
          {t('support.others.title')}
        </h2>
        {body((s) => (
          <>
            {s.others.length === 0 ? (
              <p className="muted">{t('support.others.none')}</p>
            ) : (
              <ul className="support-case__tasks">
                {s.others.map((o) => <OtherItem key={o.id} c={c} o={o} mayWork={mayWork} />)}
              </ul>
            )}
            {mayWork && open && <OtherForm c={c} />}
          </>
        ))}
      </section>
    </>
  );
}

function ClaimItem({ c, claim, mayWork }: { c: SupportCase; claim: Claim; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const step = useClaimStep(c.id);
  const id = useId();
  const [amount, setAmount] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const today = todayInParis();
  const pay = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseEuros(amount);
    setLocal(cents === null ? t('support.fsl.amountInvalid') : undefined);
    if (cents === null) return;
    step.mutate({ claim: claim.id, step: 'payments', body: { paid_on: today, amount_cents: cents } }, { onSuccess: () => setAmount('') });
  };
  return (
    <li>
      <p>
        {t('support.guarantee.claimLine', {
          kind: t(`support.guarantee.kinds.${claim.guarantee}`), debt: formatMoney(claim.debt_cents, locale),
          paid: formatMoney(claim.paid_cents, locale), date: formatDateShort(claim.prepared_on, locale),
        })}
        {' — '}<strong>{t(`support.guarantee.status.${claim.status}`)}</strong>
        {claim.outcome && <> ({t(`support.guarantee.outcomes.${claim.outcome}`)})</>}
      </p>
      <p>
        <a href={`/api/v1/support-cases/${c.id}/guarantee-claims/${claim.id}/pdf`} download={`garantie-${c.id}-${claim.id}.pdf`}>
          <Icon name="download" />
          {t('support.guarantee.pdf')}
        </a>
      </p>
      {mayWork && claim.status === 'prepared' && (
        <button type="button" className="button button--primary" disabled={step.isPending}
          onClick={() => step.mutate({ claim: claim.id, step: 'send', body: { sent_on: today } })}>
          {t('support.guarantee.send')}
        </button>
      )}
      {mayWork && claim.status === 'sent' && (
        <form className="support-case__form" onSubmit={pay} noValidate aria-label={t('support.guarantee.payTitle')}>
          <Field id={`${id}-amount`} label={t('support.guarantee.amountLabel')} hint={t('support.fsl.amountHint')} required
            error={local ?? fieldError(step.error, 'amount_cents')}>
            {(p) => <input {...p} type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
          </Field>
          <div className="support-case__actions">
            <button type="submit" className="button button--primary" disabled={step.isPending}>{t('support.guarantee.pay')}</button>
            {(['settled', 'refused', 'withdrawn'] as const).map((o) => (
              <button key={o} type="button" className="button" disabled={step.isPending}
                onClick={() => step.mutate({ claim: claim.id, step: 'close', body: { outcome: o, closed_on: today } })}>
                {t(`support.guarantee.close.${o}`)}
              </button>
            ))}
          </div>
        </form>
      )}
      {step.error && !fieldError(step.error, 'amount_cents') && (
        <Notice tone="error" live="assertive"><p>{errorText(step.error, t('errors.generic'))}</p></Notice>
      )}
    </li>
  );
}

function ClaimForm({ c }: { c: SupportCase }) {
  const { t } = useTranslation();
  const prepare = usePrepareClaim(c.id);
  const id = useId();
  const [guarantee, setGuarantee] = useState<'visale' | 'loca_pass'>('visale');
  const [reference, setReference] = useState('');
  const [obtained, setObtained] = useState('');
  const [notice, setNotice] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const obtainedIso = obtained.trim() ? parseFrenchDate(obtained) : undefined;
    const noticeIso = notice.trim() ? parseFrenchDate(notice) : undefined;
    if (obtainedIso === null) errors.obtained_on = t('support.plan.dateInvalid');
    if (noticeIso === null) errors.notice_sent_on = t('support.plan.dateInvalid');
    setLocal(errors);
    if (obtainedIso === null || noticeIso === null) return;
    prepare.mutate({
      guarantee, ...(reference.trim() ? { guarantee_reference: reference } : {}),
      ...(obtainedIso ? { obtained_on: obtainedIso } : {}), ...(noticeIso ? { notice_sent_on: noticeIso } : {}),
    });
  };
  const fields = ['obtained_on', 'notice_sent_on'];
  const err = (k: string) => local[k] ?? fieldError(prepare.error, k);
  const general = prepare.error && !fields.some((k) => fieldError(prepare.error, k)) ? errorText(prepare.error, t('errors.generic')) : null;
  return (
    <form className="support-case__form" onSubmit={submit} noValidate aria-label={t('support.guarantee.prepareTitle')}>
      <h3>{t('support.guarantee.prepareTitle')}</h3>
      <Field id={`${id}-kind`} label={t('support.guarantee.kindLabel')} required>
        {(p) => (
          <select {...p} value={guarantee} onChange={(e) => setGuarantee(e.target.value as 'visale' | 'loca_pass')}>
            <option value="visale">{t('support.guarantee.kinds.visale')}</option>
            <option value="loca_pass">{t('support.guarantee.kinds.loca_pass')}</option>
          </select>
        )}
      </Field>
      <Field id={`${id}-ref`} label={t('support.guarantee.referenceLabel')}>
        {(p) => <input {...p} type="text" maxLength={60} value={reference} onChange={(e) => setReference(e.target.value)} />}
      </Field>
      {guarantee === 'loca_pass' && (
        <Field id={`${id}-obtained`} label={t('support.guarantee.obtainedLabel')} hint={t('support.dueDateHint')} required error={err('obtained_on')}>
          {(p) => <input {...p} type="text" inputMode="numeric" value={obtained} onChange={(e) => setObtained(e.target.value)} />}
        </Field>
      )}
      <Field id={`${id}-notice`} label={t('support.guarantee.noticeLabel')} hint={t('support.dueDateHint')} error={err('notice_sent_on')}>
        {(p) => <input {...p} type="text" inputMode="numeric" value={notice} onChange={(e) => setNotice(e.target.value)} />}
      </Field>
      {general && <Notice tone="error" live="assertive"><p>{general}</p></Notice>}
      <div>
        <button type="submit" className="button button--primary" disabled={prepare.isPending}>{t('support.guarantee.prepareSubmit')}</button>
      </div>
    </form>
  );
}

function OtherItem({ c, o, mayWork }: { c: SupportCase; o: Other; mayWork: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const step = useSolutionStep(c.id);
  const id = useId();
  const [amount, setAmount] = useState('');
  const [jobLoss, setJobLoss] = useState(false);
  const [local, setLocal] = useState<string | undefined>();
  const today = todayInParis();
  const outcomes = o.kind === 'social_worker' ? (['done', 'declined'] as const) : (['granted', 'refused'] as const);
  const decide = (outcome: 'granted' | 'refused' | 'done' | 'declined') => {
    let cents: number | undefined;
    if (o.kind === 'action_logement' && outcome === 'granted') {
      const parsed = parseEuros(amount);
      setLocal(parsed === null ? t('support.fsl.amountInvalid') : undefined);
      if (parsed === null) return;
      cents = parsed;
    }
    step.mutate({ solution: o.id, step: 'outcome', body: { outcome, outcome_on: today, ...(cents !== undefined ? { amount_cents: cents, job_loss: jobLoss } : {}) } });
  };
  return (
    <li>
      <p>
        {t(`support.others.kinds.${o.kind}`)} — {formatDateShort(o.started_on, locale)}{o.detail && <> — {o.detail}</>}
        {' — '}<strong>{t(`support.others.outcomes.${o.outcome}`)}</strong>
        {o.amount_cents !== null && <> ({formatMoney(o.amount_cents, locale)})</>}
        {o.paid_on && <> — {t('support.others.paid', { date: formatDateShort(o.paid_on, locale) })}</>}
      </p>
      {mayWork && o.outcome === 'pending' && (
        <div className="support-case__form">
          {o.kind === 'action_logement' && (
            <>
              <Field id={`${id}-amount`} label={t('support.others.amountLabel')} hint={t('support.others.amountHint')} error={local ?? fieldError(step.error, 'amount_cents')}>
                {(p) => <input {...p} type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
              </Field>
              <label>
                <input type="checkbox" checked={jobLoss} onChange={(e) => setJobLoss(e.target.checked)} /> {t('support.others.jobLoss')}
              </label>
            </>
          )}
          <div className="support-case__actions">
            {outcomes.map((x) => (
              <button key={x} type="button" className="button" disabled={step.isPending} onClick={() => decide(x)}>
                {t(`support.others.record.${x}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {mayWork && o.kind === 'action_logement' && o.outcome === 'granted' && !o.paid_on && (
        <button type="button" className="button button--primary" disabled={step.isPending}
          onClick={() => step.mutate({ solution: o.id, step: 'payment', body: { paid_on: today } })}>
          {t('support.others.pay')}
        </button>
      )}
      {step.error && !fieldError(step.error, 'amount_cents') && (
        <Notice tone="error" live="assertive"><p>{errorText(step.error, t('errors.generic'))}</p></Notice>
      )}
    </li>
  );
}

function OtherForm({ c }: { c: SupportCase }) {
  const { t } = useTranslation();
  const record = useRecordSolution(c.id);
  const id = useId();
  const [kind, setKind] = useState<'action_logement' | 'benefit_review' | 'social_worker'>('action_logement');
  const [detail, setDetail] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate({ kind, started_on: todayInParis(), ...(detail.trim() ? { detail } : {}) }, { onSuccess: () => setDetail('') });
  };
  return (
    <form className="support-case__form" onSubmit={submit} noValidate aria-label={t('support.others.addTitle')}>
      <h3>{t('support.others.addTitle')}</h3>
      <Field id={`${id}-kind`} label={t('support.others.kindLabel')} required error={fieldError(record.error, 'kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {(['action_logement', 'benefit_review', 'social_worker'] as const).map((k) => <option key={k} value={k}>{t(`support.others.kinds.${k}`)}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${id}-detail`} label={t('support.others.detailLabel')}>
        {(p) => <input {...p} type="text" maxLength={2000} value={detail} onChange={(e) => setDetail(e.target.value)} />}
      </Field>
      {record.error && !fieldError(record.error, 'kind') && <Notice tone="error" live="assertive"><p>{errorText(record.error, t('errors.generic'))}</p></Notice>}
      <div>
        <button type="submit" className="button button--primary" disabled={record.isPending}>{t('support.others.addSubmit')}</button>
      </div>
    </form>
  );
}
