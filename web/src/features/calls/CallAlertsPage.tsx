// The managers' "Alertes" page, /alertes: level-3 tenants unreachable for the plan's escalation
// days. For each open alert: the phones, the action chosen (caretaker's visit, emergency contact,
// town social service, emergency services) with an outcome note, and closing with the outcome.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { NotFound } from '../../app/NotFound';
import { localeOf } from '../../i18n';
import { formatDateShort, formatDateTime, formatPhone } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import {
  ESCALATION_ACTIONS, canManageEscalations, useCloseEscalation, useEscalationAction, useEscalations,
  type Escalation, type EscalationAction,
} from './CallPageQueries';
import './CallPage.css';

export function CallAlertsPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const status = params.get('etat') === 'closes' ? 'closed' : 'open';
  const allowed = canManageEscalations(session.user.roles);
  const list = useEscalations(status, allowed);
  const locale = localeOf(i18n.language);
  if (!allowed) {
    return (
      <section>
        <PageTitle title={t('alerts.title')} />
        <Notice tone="info">
          <p>{t('alerts.cannotRead')}</p>
        </Notice>
      </section>
    );
  }
  return (
    <section>
      <PageTitle title={t('alerts.title')} />
      <p className="muted">{t('alerts.intro')}</p>
      <div role="group" aria-label={t('alerts.title')} className="segmented">
        {(['open', 'closed'] as const).map((s) => (
          <button key={s} type="button" className={s === status ? 'button button--primary' : 'button'} aria-pressed={s === status}
            onClick={() => setParams(s === 'closed' ? { etat: 'closes' } : {})}>
            {t(`alerts.${s}`)}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState icon="alert" title={status === 'open' ? t('alerts.empty') : t('alerts.emptyClosed')} />
      ) : (
        list.data.items.map((e) => (
          <article key={e.id} className="call-alert" aria-labelledby={`alert-${e.id}`}>
            <h2 id={`alert-${e.id}`}>
              <Link to={`/menages/${e.household.id}`}>{e.member.name}</Link>
            </h2>
            <p>
              <strong>{t('alerts.since', { date: formatDateShort(e.unreachable_since, locale) })}</strong> — {e.plan.name}
              {e.agency.name && <> — {e.agency.name}</>}
            </p>
            <p className="muted">{t('alerts.raisedAt', { when: formatDateTime(e.raised_at, locale) })}</p>
            {e.phones.length > 0 && (
              <p>
                {e.phones.map((p) => (
                  <a key={p.number} className="button" href={`tel:${p.number.replace(/[^0-9+]/g, '')}`}>{formatPhone(p.number)}</a>
                ))}
              </p>
            )}
            <p>
              <strong>{t('alerts.action')} :</strong> {e.action ? t(`alerts.actions.${e.action}`) : t('alerts.noAction')}
              {e.outcome && <> — {e.outcome}</>}
            </p>
            {e.status === 'open' ? <AlertForms escalation={e} /> : e.closed_at && (
              <p className="muted">{t('alerts.closedBy', { when: formatDateTime(e.closed_at, locale), name: e.closed_by_name })}</p>
            )}
          </article>
        ))
      )}
    </section>
  );
}

function AlertForms({ escalation }: { escalation: Escalation }) {
  const { t } = useTranslation();
  const act = useEscalationAction();
  const close = useCloseEscalation();
  const [action, setAction] = useState<EscalationAction | ''>(escalation.action ?? '');
  const [outcome, setOutcome] = useState(escalation.outcome);
  const [missing, setMissing] = useState('');
  const id = escalation.id;
  const serverError = (close.error ?? act.error) instanceof ApiError ? ((close.error ?? act.error) as ApiError).fieldErrors() : {};
  const outcomeError = missing || serverError.outcome;

  const saveAction = (ev: FormEvent) => {
    ev.preventDefault();
    if (!action) return;
    act.mutate({ id, action, outcome });
  };
  const closeIt = () => {
    if (!outcome.trim()) {
      setMissing(t('alerts.outcomeRequired'));
      document.getElementById(`alert-outcome-${id}`)?.focus();
      return;
    }
    setMissing('');
    close.mutate({ id, outcome: outcome.trim() });
  };
  return (
    <form onSubmit={saveAction} noValidate>
      <Field id={`alert-action-${id}`} label={t('alerts.action')} error={serverError.action}>
        {(p) => (
          <select {...p} className="input" value={action} onChange={(e) => setAction(e.target.value as EscalationAction)}>
            <option value="">{t('alerts.noAction')}</option>
            {ESCALATION_ACTIONS.map((a) => (
              <option key={a} value={a}>{t(`alerts.actions.${a}`)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`alert-outcome-${id}`} label={t('alerts.outcome')} error={outcomeError}>
        {(p) => <textarea {...p} className="input" rows={2} maxLength={4000} value={outcome} onChange={(e) => setOutcome(e.target.value)} />}
      </Field>
      <div>
        <button type="submit" className="button" disabled={!action || act.isPending}>{t('alerts.saveAction')}</button>{' '}
        <button type="button" className="button button--primary" disabled={close.isPending} onClick={closeIt}
          aria-label={t('alerts.closeLabel', { name: escalation.member.name })}>
          {t('alerts.close')}
        </button>
      </div>
    </form>
  );
}

export default function CallAlertsRoutes() {
  return (
    <Routes>
      <Route index element={<CallAlertsPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
