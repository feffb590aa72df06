// The page of a support case (/accompagnement/:id): the household, the officer and the state, the
// next steps the state allows (buttons), the case's timeline, its tasks (add, done, cancelled),
// notes and documents (upload a PDF, JPEG or PNG; download). Officers change it; managers read.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateShort, formatDateTime, parseFrenchDate } from '../../lib/format';
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
  useSupportCase, type CaseEvent, type CaseOutcome, type SupportCase,
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
  const mayWork = canWorkOnSupportCases(session.user.roles);
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
            {t('support.openedOn', { date: formatDateShort(c.opened_at, locale) })}
          </p>
          <p>
            {t('support.stateLabel')} <span className="support-case__state">{t(`support.states.${c.state}`)}</span>
            {c.outcome && <> — {t(`support.outcomes.${c.outcome}`)}</>}
          </p>
        </div>
      </header>
      {c.reason && <p>{c.reason}</p>}
      <div className="record-grid">
        <div className="record-grid__main">
          {mayWork && <MoveForm c={c} />}
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
                — {t('support.documentMeta', { size: Math.max(1, Math.round(d.size_bytes / 1024)), by: d.uploaded_by.name, date: formatDateShort(d.uploaded_at, locale) })}
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
