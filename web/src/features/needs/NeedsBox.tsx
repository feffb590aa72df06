// The "Besoins" card of a household's page: the needs with their actions, a form to record a need,
// and for each open need a form to add an action (a delivery, a referral to a partner with the
// tenant's consent, a task). The current user owns the actions they add. The server decides.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateShort, todayInParis } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { QueryError } from '../../ui/QueryError';
import { ConsentFields, consentBody, noConsent, type Consent } from '../referrals/ConsentFields';
import { usePartners } from '../referrals/queries';
import { useSignedIn } from '../session/session';
import {
  NEED_CATEGORIES, useAddAction, useCancelNeed, useCloseAction, useNeeds, useRecordNeed, type ActionBody, type Need, type NeedAction, type NeedCategory,
} from './queries';
import './needs.css';

export function NeedsBox({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const needs = useNeeds(householdId, true);
  return (
    <section className="card needs" aria-labelledby="needs-title">
      <h2 id="needs-title" className="card__title">
        <Icon name="alert" />
        {t('needs.boxTitle')}
      </h2>
      <p className="muted">{t('needs.intro')}</p>
      {needs.isPending ? (
        <Loading />
      ) : needs.error ? (
        <QueryError error={needs.error} onRetry={() => void needs.refetch()} />
      ) : needs.data.items.length === 0 ? (
        <p className="muted">{t('needs.empty')}</p>
      ) : (
        <ul className="needs__list">
          {needs.data.items.map((n) => (
            <NeedItem key={n.id} need={n} householdId={householdId} />
          ))}
        </ul>
      )}
      <RecordNeedForm householdId={householdId} />
    </section>
  );
}

function NeedItem({ need, householdId }: { need: Need; householdId: number }) {
  const { t, i18n } = useTranslation();
  const close = useCloseAction(householdId);
  const cancel = useCancelNeed(householdId);
  const headingId = useId();
  const category = t(`needs.categories.${need.category}`);
  const what = (a: NeedAction) => (a.kind === 'delivery' && a.item ? t(`needs.items.${a.item}`) : t(`needs.kinds.${a.kind}`));
  return (
    <li className="needs__item">
      <h3 id={headingId} className="needs__heading">
        {t('needs.needHeading', { category, status: t(`needs.status.${need.status}`) })}
      </h3>
      {need.description && <p>{need.description}</p>}
      {need.support_case_id != null && <p className="muted">{t('needs.supportCase', { id: need.support_case_id })}</p>}
      {need.actions.length > 0 && (
        <ul className="needs__actions" aria-labelledby={headingId}>
          {need.actions.map((a) => (
            <li key={a.id}>
              <span>
                {t('needs.actionLine', {
                  kind: a.kind === 'referral' && a.partner_name ? `${what(a)} (${a.partner_name})` : what(a),
                  status: t(`needs.status.${a.status}`),
                  date: formatDateShort(a.due_date, localeOf(i18n.language)),
                  owner: a.owner.name,
                })}
              </span>
              {a.description && a.kind === 'task' && <span className="muted"> — {a.description}</span>}
              {a.status === 'open' && a.kind !== 'referral' && (
                <span className="needs__buttons">
                  <button type="button" className="button" disabled={close.isPending}
                    aria-label={t('needs.markDoneLabel', { what: what(a) })}
                    onClick={() => close.mutate({ needId: need.id, actionId: a.id, status: 'done' })}>
                    {t('needs.markDone')}
                  </button>
                  <button type="button" className="button" disabled={close.isPending}
                    aria-label={t('needs.cancelActionLabel', { what: what(a) })}
                    onClick={() => close.mutate({ needId: need.id, actionId: a.id, status: 'cancelled' })}>
                    {t('needs.cancelAction')}
                  </button>
                </span>
              )}
              {a.status === 'open' && a.kind === 'referral' && <span className="muted"> — {t('needs.referralFollow')}</span>}
            </li>
          ))}
        </ul>
      )}
      {close.error && <QueryError error={close.error} />}
      {cancel.error && <QueryError error={cancel.error} />}
      {need.status === 'open' && <AddActionForm need={need} householdId={householdId} />}
      {need.status === 'open' && (
        <button type="button" className="button" disabled={cancel.isPending}
          aria-label={t('needs.cancelNeedLabel', { category })} onClick={() => cancel.mutate(need.id)}>
          {t('needs.cancelNeed')}
        </button>
      )}
    </li>
  );
}

function RecordNeedForm({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const record = useRecordNeed(householdId);
  const [category, setCategory] = useState<NeedCategory | ''>('');
  const [description, setDescription] = useState('');
  const errors = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(
      { category: category as NeedCategory, description },
      { onSuccess: () => { setCategory(''); setDescription(''); } },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="needs__form" aria-labelledby="need-record-title">
      <h3 id="need-record-title">{t('needs.record')}</h3>
      <label htmlFor="need-category">{t('needs.category')}</label>
      <select id="need-category" className="input" value={category} onChange={(e) => setCategory(e.target.value as NeedCategory)}
        aria-invalid={errors.category ? true : undefined} aria-describedby={errors.category ? 'need-category-error' : undefined}>
        <option value="">{t('needs.chooseCategory')}</option>
        {NEED_CATEGORIES.map((c) => (
          <option key={c} value={c}>{t(`needs.categories.${c}`)}</option>
        ))}
      </select>
      {errors.category && <p id="need-category-error" className="field__error">{errors.category}</p>}
      <label htmlFor="need-description">{t('needs.description')}</label>
      <p id="need-description-hint" className="muted">{t('needs.descriptionHint')}</p>
      <textarea id="need-description" className="input" maxLength={2000} value={description}
        onChange={(e) => setDescription(e.target.value)} aria-describedby="need-description-hint" />
      {record.error && Object.keys(errors).length === 0 && <QueryError error={record.error} />}
      {record.isSuccess && (
        <Notice tone="success" live="polite">
          <p>{t('needs.recorded')}</p>
        </Notice>
      )}
      <button type="submit" className="button button--primary" disabled={record.isPending}>{t('needs.submit')}</button>
    </form>
  );
}

type Kind = ActionBody['kind'];

function AddActionForm({ need, householdId }: { need: Need; householdId: number }) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const add = useAddAction(householdId);
  const partners = usePartners(true);
  const id = useId();
  const deliverable = need.category === 'food' || need.category === 'medicines' || need.category === 'shopping';
  const [kind, setKind] = useState<Kind>(deliverable ? 'delivery' : 'task');
  const [dueDate, setDueDate] = useState(todayInParis());
  const [item, setItem] = useState<'food_parcel' | 'medicines'>(need.category === 'medicines' ? 'medicines' : 'food_parcel');
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState('');
  const [consent, setConsent] = useState<Consent>(noConsent);
  const [description, setDescription] = useState('');
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const field = (name: string) => `${id}-${name}`;
  const invalid = (name: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${field(name)}-error` : undefined,
  });
  const error = (name: string) => errors[name] && <p id={`${field(name)}-error`} className="field__error">{errors[name]}</p>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: ActionBody = { kind, owner_id: session.user.id, due_date: dueDate };
    if (kind === 'delivery') body.item = item;
    if (kind === 'referral') {
      if (partnerId) body.partner_id = Number(partnerId);
      body.reason = reason;
      Object.assign(body, consentBody(consent));
    }
    if (kind === 'task') body.description = description;
    add.mutate({ needId: need.id, body });
  };
  return (
    <details className="needs__add">
      <summary>{t('needs.addAction')}</summary>
      <form onSubmit={submit} noValidate className="needs__form">
        <label htmlFor={field('kind')}>{t('needs.kind')}</label>
        <select id={field('kind')} className="input" value={kind} onChange={(e) => setKind(e.target.value as Kind)} {...invalid('kind')}>
          {deliverable && <option value="delivery">{t('needs.kinds.delivery')}</option>}
          <option value="referral">{t('needs.kinds.referral')}</option>
          <option value="task">{t('needs.kinds.task')}</option>
        </select>
        {error('kind')}
        {kind === 'delivery' && (
          <>
            <label htmlFor={field('item')}>{t('needs.item')}</label>
            <select id={field('item')} className="input" value={item} onChange={(e) => setItem(e.target.value as typeof item)} {...invalid('item')}>
              <option value="food_parcel">{t('needs.items.food_parcel')}</option>
              <option value="medicines">{t('needs.items.medicines')}</option>
            </select>
            {error('item')}
          </>
        )}
        {kind === 'referral' && (
          <>
            <label htmlFor={field('partner_id')}>{t('needs.partner')}</label>
            <select id={field('partner_id')} className="input" value={partnerId} onChange={(e) => setPartnerId(e.target.value)} {...invalid('partner_id')}>
              <option value="">{t('referrals.noPartner')}</option>
              {partners.data?.items.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
            {error('partner_id')}
            <label htmlFor={field('reason')}>{t('needs.reason')}</label>
            <textarea id={field('reason')} className="input" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} {...invalid('reason')} />
            {error('reason')}
            <ConsentFields value={consent} onChange={setConsent} errors={errors} />
          </>
        )}
        {kind === 'task' && (
          <>
            <label htmlFor={field('description')}>{t('needs.taskDescription')}</label>
            <textarea id={field('description')} className="input" maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('description')} />
            {error('description')}
          </>
        )}
        <label htmlFor={field('due_date')}>{t('needs.dueDate')}</label>
        <input id={field('due_date')} type="date" className="input" value={dueDate} onChange={(e) => setDueDate(e.target.value)} {...invalid('due_date')} />
        {error('due_date')}
        {error('owner_id')}
        {add.error && Object.keys(errors).length === 0 && <QueryError error={add.error} />}
        <button type="submit" className="button button--primary" disabled={add.isPending}>{t('needs.submitAction')}</button>
      </form>
    </details>
  );
}
