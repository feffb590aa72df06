// Editing a household: contacts, language, members, notes. Labels above fields, errors in words next
// to each field and in a summary; nothing typed is lost on an error, a reload or a session time-out
// (the values are kept as a draft in this tab until they are saved or abandoned).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { languageName, todayInParis } from '../../lib/format';
import { ErrorSummary, inPageOrder, type SummaryError } from '../../ui/ErrorSummary';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError, errorMessage } from '../../ui/QueryError';
import { clearDraft, loadDraft, saveDraft } from '../session/drafts';
import { canEditHousehold, useSignedIn } from '../session/session';
import {
  MAX_MEMBERS, MAX_NOTES, MAX_PHONES, RELATIONS, emptyMember, emptyPhone, fieldId, sameValues, serverErrorsToForm,
  validate, valuesOf, type FormValues, type MemberRow, type PhoneRow,
} from './householdForm';
import { useHousehold, useUpdateHousehold, type Household } from './queries';
import './households.css';

/** Languages offered first; any other code already on the record is kept in the list. */
const LANGUAGES = ['fr', 'en', 'ar', 'pt', 'es', 'tr', 'ro', 'ru', 'uk', 'pl', 'it', 'de', 'nl', 'zh', 'vi', 'ps', 'fa', 'ta', 'so', 'ff', 'wo', 'bm', 'sw', 'ln', 'hy', 'ka', 'sq', 'sr'];

export default function HouseholdEditPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const household = useHousehold(id);
  const session = useSignedIn();
  if (!canEditHousehold(session.user.roles)) {
    return (
      <>
        <PageTitle title={t('households.edit')} />
        <Notice tone="info">
          <p>{t('households.cannotEdit')}</p>
        </Notice>
        <p>
          <Link to={`/menages/${id}`}>{t('households.backToRecord')}</Link>
        </p>
      </>
    );
  }
  if (household.isPending) return <Loading />;
  if (household.isError) {
    return (
      <>
        <PageTitle title={t('errors.title')} />
        <QueryError error={household.error} onRetry={() => void household.refetch()} />
      </>
    );
  }
  return <EditForm h={household.data} />;
}

function EditForm({ h }: { h: Household }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const navigate = useNavigate();
  const search = ((useLocation().state ?? {}) as { search?: string }).search;
  const session = useSignedIn();
  const draftKey = `household.${h.id}`;
  const saved = useMemo(() => valuesOf(h), [h]);
  const [restored] = useState(() => loadDraft<FormValues>(draftKey, session.user.id));
  const [values, setValues] = useState<FormValues>(() => restored ?? saved);
  const [showRestored, setShowRestored] = useState(restored !== null && !sameValues(restored, saved));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submits, setSubmits] = useState(0);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const update = useUpdateHousehold(h.id);
  const phoneRowsRef = useRef<number[]>([]);

  // The draft follows every change; an untouched form leaves none.
  useEffect(() => {
    if (sameValues(values, saved)) clearDraft(draftKey);
    else saveDraft(draftKey, session.user.id, values);
  }, [values, saved, draftKey, session.user.id]);

  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => setValues((old) => ({ ...old, [k]: v }));
  const setPhone = (i: number, patch: Partial<PhoneRow>) =>
    set('phones', values.phones.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const setMember = (i: number, patch: Partial<MemberRow>) =>
    set('members', values.members.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (update.isPending) return;
    setFormError(null);
    const result = validate(values, t, todayInParis());
    if (!result.ok) {
      setErrors(result.errors);
      setSubmits((n) => n + 1);
      return;
    }
    setErrors({});
    phoneRowsRef.current = result.value.phoneRows;
    update.mutate(result.value.body, {
      onSuccess: () => {
        clearDraft(draftKey);
        navigate(`/menages/${h.id}`, { state: { saved: true, search } });
      },
      onError: (err) => {
        if (err instanceof ApiError && err.status === 401) return; // the session has ended: the draft waits
        const fields = err instanceof ApiError && err.status === 400 ? serverErrorsToForm(err.fieldErrors(), phoneRowsRef.current) : {};
        const known = Object.fromEntries(Object.entries(fields).filter(([p]) => document.getElementById(fieldId(p))));
        setErrors(known);
        if (Object.keys(known).length === 0) setFormError(errorMessage(err, t));
        setSubmits((n) => n + 1);
      },
    });
  };

  const discardDraft = () => {
    clearDraft(draftKey);
    setValues(valuesOf(h));
    setErrors({});
    setShowRestored(false);
  };

  const summary: SummaryError[] = inPageOrder([
    ...(formError ? [{ fieldId: '', message: formError }] : []),
    ...Object.entries(errors).map(([path, message]) => ({ fieldId: fieldId(path), message })),
  ]);
  const err = (path: string) => errors[path];
  const languages = LANGUAGES.includes(values.language) ? LANGUAGES : [values.language, ...LANGUAGES];

  return (
    <div className="household-edit">
      <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={search ? `/menages?q=${encodeURIComponent(search)}` : '/menages'}>{t('nav.households')}</Link>
          </li>
          <li>
            <Link to={`/menages/${h.id}`} state={{ search }}>
              {h.display_name}
            </Link>
          </li>
          <li aria-current="page">{t('households.edit')}</li>
        </ol>
      </nav>
      <PageTitle title={t('households.editTitle', { name: h.display_name })} />
      {showRestored && (
        <Notice tone="info" live="polite">
          <p>{t('households.draftRestored')}</p>
          <button type="button" className="button button--secondary" onClick={discardDraft}>
            {t('households.draftDiscard')}
          </button>
        </Notice>
      )}
      <p>{t('households.editIntro')}</p>
      <ErrorSummary errors={summary} focusKey={submits} />

      <form noValidate onSubmit={onSubmit} className="form form--wide">
        <fieldset className="form-section">
          <legend className="form-section__title">
            <Icon name="phone" />
            {t('households.contactSection')}
          </legend>
          {values.phones.map((p, i) => (
            <div className="row" key={p.key}>
              <Field
                id={fieldId(`phones[${i}].number`)}
                label={t('households.phoneNumber', { n: i + 1 })}
                hint={t('households.phoneNumberHint')}
                error={err(`phones[${i}].number`)}
              >
                {(c) => (
                  <input {...c} className="input input--phone" type="tel" autoComplete="off" inputMode="tel" value={p.number}
                    onChange={(e) => setPhone(i, { number: e.target.value })} />
                )}
              </Field>
              <Field
                id={fieldId(`phones[${i}].label`)}
                label={t('households.phoneLabel', { n: i + 1 })}
                hint={t('households.phoneLabelHint')}
                error={err(`phones[${i}].label`)}
              >
                {(c) => (
                  <input {...c} className="input" type="text" maxLength={60} value={p.label}
                    onChange={(e) => setPhone(i, { label: e.target.value })} />
                )}
              </Field>
              <button
                type="button"
                className="button button--quiet row__remove"
                onClick={() => {
                  set('phones', values.phones.filter((_, j) => j !== i));
                  setFocusTarget(values.phones.length > 1 ? fieldId(`phones[${Math.max(0, i - 1)}].number`) : 'hh-phones');
                }}
              >
                <Icon name="trash" />
                {t('households.removePhone', { n: i + 1 })}
              </button>
            </div>
          ))}
          {values.phones.length < MAX_PHONES ? (
            <button
              type="button"
              id="hh-phones"
              className="button button--secondary"
              onClick={() => {
                set('phones', [...values.phones, emptyPhone()]);
                setFocusTarget(fieldId(`phones[${values.phones.length}].number`));
              }}
            >
              <Icon name="plus" />
              {t('households.addPhone')}
            </button>
          ) : (
            <p className="muted" id="hh-phones" tabIndex={-1}>
              {t('households.phoneMax')}
            </p>
          )}
          <Field id="hh-email" label={t('households.emailField')} hint={t('households.emailHint')} error={err('email')}>
            {(c) => (
              <input {...c} className="input" type="email" autoComplete="off" inputMode="email" spellCheck={false}
                value={values.email} onChange={(e) => set('email', e.target.value)} />
            )}
          </Field>
          <Field id="hh-language" label={t('households.languageField')} hint={t('households.languageHint')} error={err('language')}>
            {(c) => (
              <select {...c} className="input select" value={values.language} onChange={(e) => set('language', e.target.value)}>
                {languages.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, locale)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset className="form-section">
          <legend className="form-section__title">
            <Icon name="households" />
            {t('households.membersSection')}
          </legend>
          {values.members.map((m, i) => {
            const name = `${m.first_name} ${m.last_name}`.trim();
            return (
              <fieldset className="member-fieldset" key={m.key}>
                <legend>{name ? `${t('households.memberLegend', { n: i + 1 })} : ${name}` : t('households.memberLegend', { n: i + 1 })}</legend>
                <div className="row">
                  <Field id={fieldId(`members[${i}].first_name`)} label={t('households.firstName')} required error={err(`members[${i}].first_name`)}>
                    {(c) => (
                      <input {...c} className="input" type="text" autoComplete="off" value={m.first_name}
                        onChange={(e) => setMember(i, { first_name: e.target.value })} />
                    )}
                  </Field>
                  <Field id={fieldId(`members[${i}].last_name`)} label={t('households.lastName')} required error={err(`members[${i}].last_name`)}>
                    {(c) => (
                      <input {...c} className="input" type="text" autoComplete="off" value={m.last_name}
                        onChange={(e) => setMember(i, { last_name: e.target.value })} />
                    )}
                  </Field>
                </div>
                <div className="row">
                  <Field
                    id={fieldId(`members[${i}].birth_date`)}
                    label={t('households.birthDate')}
                    hint={t('households.birthDateHint')}
                    error={err(`members[${i}].birth_date`)}
                  >
                    {(c) => (
                      <input {...c} className="input input--date" type="text" inputMode="numeric" autoComplete="off" value={m.birth}
                        onChange={(e) => setMember(i, { birth: e.target.value })} />
                    )}
                  </Field>
                  <Field id={fieldId(`members[${i}].relation`)} label={t('households.relationField')} error={err(`members[${i}].relation`)}>
                    {(c) => (
                      <select {...c} className="input select" value={m.relation}
                        onChange={(e) => setMember(i, { relation: e.target.value as MemberRow['relation'] })}>
                        {RELATIONS.map((r) => (
                          <option key={r} value={r}>
                            {t(`households.relation.${r}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
                {values.members.length > 1 && (
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => {
                      set('members', values.members.filter((_, j) => j !== i));
                      setFocusTarget(fieldId(`members[${Math.max(0, i - 1)}].first_name`));
                    }}
                  >
                    <Icon name="trash" />
                    {name ? t('households.removeMember', { name }) : t('households.removeMemberUnnamed', { n: i + 1 })}
                  </button>
                )}
              </fieldset>
            );
          })}
          {values.members.length < MAX_MEMBERS && (
            <button
              type="button"
              id="hh-members"
              className="button button--secondary"
              onClick={() => {
                set('members', [...values.members, emptyMember()]);
                setFocusTarget(fieldId(`members[${values.members.length}].first_name`));
              }}
            >
              <Icon name="plus" />
              {t('households.addMember')}
            </button>
          )}
        </fieldset>

        <fieldset className="form-section">
          <legend className="form-section__title">
            <Icon name="note" />
            {t('households.notesSection')}
          </legend>
          <Field
            id="hh-notes"
            label={t('households.notesField')}
            hint={
              <>
                {t('households.notesHint')} <span className="nowrap">{t('households.notesCount', { count: values.notes.length, max: MAX_NOTES })}</span>
              </>
            }
            error={err('notes')}
          >
            {(c) => <textarea {...c} className="input textarea" rows={6} value={values.notes} onChange={(e) => set('notes', e.target.value)} />}
          </Field>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button--primary button--large" aria-disabled={update.isPending || undefined}>
            <Icon name="check" />
            {update.isPending ? t('households.submitting') : t('households.submit')}
          </button>
          <Link
            to={`/menages/${h.id}`}
            state={{ search }}
            className="button button--secondary button--large"
            onClick={() => clearDraft(draftKey)}
          >
            {t('households.cancel')}
          </Link>
        </div>
      </form>
    </div>
  );
}
