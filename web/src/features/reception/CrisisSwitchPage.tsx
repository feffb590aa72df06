// "Basculer l'accueil à distance" (issue 7, the crisis switch): a manager switches a site, or every
// site, to phone or video for a date range. Three steps, because the action touches many people at
// once and cannot be undone in one click: the form; a confirmation that says how many
// appointments in person will be converted or cancelled (read from the appointments of the range,
// with the server's rule); then what the server did. Every staff member sees the switches in force.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateLong, formatDateTime, todayInParis } from '../../lib/format';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { errorMessage, QueryError } from '../../ui/QueryError';
import { useSignedIn } from '../session/session';
import {
  appointmentsInRange, canManageReception, PREVIEW_LIMIT, switchPreview, useCrisisSwitches, useReasons, useSites, useSwitchToRemote,
  type CrisisSwitch, type CrisisSwitchRequest,
} from './queries';
import './reception.css';

type Preview = { total: number; converted: number; cancelled: number; capped: boolean };

export function CrisisSwitchPage() {
  const { t } = useTranslation();
  const manager = canManageReception(useSignedIn().user.roles);
  const switches = useCrisisSwitches();
  return (
    <section className="reception">
      <PageTitle title={t('reception.crisis.title')} />
      <p>
        <Link to="..">{t('reception.backToDay')}</Link>
      </p>
      <p>{t('reception.crisis.intro')}</p>
      {manager ? <SwitchForm /> : <p className="muted">{t('reception.crisis.managersOnly')}</p>}
      <section aria-labelledby="crisis-list">
        <h2 id="crisis-list">{t('reception.crisis.listTitle')}</h2>
        {switches.isPending ? (
          <Loading />
        ) : switches.isError ? (
          <QueryError error={switches.error} onRetry={() => void switches.refetch()} />
        ) : switches.data.items.length === 0 ? (
          <p>{t('reception.crisis.listEmpty')}</p>
        ) : (
          <ul className="reception-switches">
            {switches.data.items.map((s) => (
              <SwitchItem key={s.id} s={s} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function SwitchItem({ s }: { s: CrisisSwitch }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <li>
      <p>
        <strong>{s.site_id ? s.site_name : t('reception.allSites')}</strong>
        {' — '}
        {t('reception.crisis.period', { from: formatDateLong(s.start_date, locale), to: formatDateLong(s.end_date, locale), mode: t(`reception.mode.${s.mode}`) })}
      </p>
      <p>« {s.message} »</p>
      <p className="muted">
        {t('reception.crisis.outcome', { converted: s.converted, cancelled: s.cancelled, notified: s.notified })}{' '}
        {t('reception.crisis.madeAt', { date: formatDateTime(s.created_at, locale) })}
      </p>
    </li>
  );
}

function SwitchForm() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const sites = useSites();
  const reasons = useReasons();
  const doSwitch = useSwitchToRemote();
  const [form, setForm] = useState<CrisisSwitchRequest>({ site_id: null, start_date: todayInParis(), end_date: '', mode: 'phone', cancel_in_person: false, message: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState('');
  const [done, setDone] = useState<CrisisSwitch | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const step = done ? 'done' : preview ? 'confirm' : 'form';
  const siteName = form.site_id ? sites.data?.items.find((s) => s.id === form.site_id)?.name ?? '' : t('reception.allSites');

  useEffect(() => {
    if (step !== 'form') stepHeading.current?.focus();
  }, [step]);

  const set = <K extends keyof CrisisSwitchRequest>(k: K, v: CrisisSwitchRequest[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };

  const review = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!form.start_date) found.start_date = t('reception.crisis.errStart');
    if (!form.end_date) found.end_date = t('reception.crisis.errEnd');
    else if (form.start_date && form.end_date < form.start_date) found.end_date = t('reception.crisis.errOrder');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.start_date ? 'crisis-start' : 'crisis-end')?.focus();
      return;
    }
    setChecking(true);
    setCheckError('');
    try {
      const items = await appointmentsInRange({ from: form.start_date, to: form.end_date, site_id: form.site_id });
      const counted = switchPreview(items, reasons.data?.items ?? [], form.mode, form.cancel_in_person);
      setPreview({ total: counted.converted + counted.cancelled, ...counted, capped: items.length >= PREVIEW_LIMIT });
    } catch (err) {
      setCheckError(errorMessage(err, t));
    } finally {
      setChecking(false);
    }
  };

  const confirm = () => {
    doSwitch.mutate(form, {
      onSuccess: (s) => setDone(s),
      onError: (err) => {
        // A refused field goes back to the form, next to the field.
        if (err instanceof ApiError && err.problem?.field) {
          setErrors(err.fieldErrors());
          setPreview(null);
        }
      },
    });
  };

  if (step === 'done' && done) {
    return (
      <section aria-labelledby="crisis-step" className="reception-form">
        <h2 id="crisis-step" ref={stepHeading} tabIndex={-1}>{t('reception.crisis.doneTitle')}</h2>
        <Notice tone="success" live="polite">
          <p>{t('reception.crisis.doneText', { site: done.site_id ? done.site_name : t('reception.crisis.everySite'), from: formatDateLong(done.start_date, locale), to: formatDateLong(done.end_date, locale), mode: t(`reception.mode.${done.mode}`) })}</p>
          <p>{t('reception.crisis.outcome', { converted: done.converted, cancelled: done.cancelled, notified: done.notified })}</p>
        </Notice>
        <p>{t('reception.crisis.bannerShown')}</p>
        <p>« {done.message} »</p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDone(null);
            setPreview(null);
            doSwitch.reset();
            setForm((f) => ({ ...f, end_date: '', message: '' }));
          }}
        >
          {t('reception.crisis.another')}
        </button>
      </section>
    );
  }

  if (step === 'confirm' && preview) {
    const failure = doSwitch.error;
    return (
      <section aria-labelledby="crisis-step" className="reception-form">
        <h2 id="crisis-step" ref={stepHeading} tabIndex={-1}>{t('reception.crisis.confirmTitle')}</h2>
        {failure && (
          <Notice tone="error" live="assertive">
            <p>{errorMessage(failure, t)}</p>
          </Notice>
        )}
        <dl className="reception-facts">
          <div>
            <dt>{t('reception.site')}</dt>
            <dd>{siteName}</dd>
          </div>
          <div>
            <dt>{t('reception.crisis.periodLabel')}</dt>
            <dd>{t('reception.crisis.fromTo', { from: formatDateLong(form.start_date, locale), to: formatDateLong(form.end_date, locale) })}</dd>
          </div>
          <div>
            <dt>{t('reception.crisis.modeLabel')}</dt>
            <dd>{t(`reception.crisis.modeOption.${form.mode}`)}</dd>
          </div>
          <div>
            <dt>{t('reception.crisis.messageLabel')}</dt>
            <dd>{form.message.trim() ? `« ${form.message.trim()} »` : t('reception.crisis.defaultMessage')}</dd>
          </div>
        </dl>
        <p className="reception-count">
          {preview.total === 0
            ? t('reception.crisis.countNone')
            : t(preview.capped ? 'reception.crisis.countAtLeast' : 'reception.crisis.count', { count: preview.total })}
        </p>
        {preview.total > 0 && (
          <ul>
            {preview.converted > 0 && <li>{t('reception.crisis.willConvert', { count: preview.converted, mode: t(`reception.mode.${form.mode}`) })}</li>}
            {preview.cancelled > 0 && <li>{t('reception.crisis.willCancel', { count: preview.cancelled })}</li>}
            <li>{t('reception.crisis.willNotify')}</li>
          </ul>
        )}
        <p className="reception-actions">
          <button type="button" className="button button--primary" disabled={doSwitch.isPending} onClick={confirm}>
            {preview.total === 0 ? t('reception.crisis.doIt') : t('reception.crisis.doItCount', { count: preview.total })}
          </button>
          <button type="button" className="button button--secondary" disabled={doSwitch.isPending} onClick={() => { doSwitch.reset(); setPreview(null); }}>
            {t('reception.crisis.change')}
          </button>
        </p>
      </section>
    );
  }

  return (
    <form className="reception-form" onSubmit={(e) => void review(e)} aria-labelledby="crisis-form-title" noValidate>
      <h2 id="crisis-form-title">{t('reception.crisis.formTitle')}</h2>
      {(sites.isError || reasons.isError) && <QueryError error={sites.error ?? reasons.error} onRetry={() => { void sites.refetch(); void reasons.refetch(); }} />}
      {checkError && (
        <Notice tone="error" live="assertive">
          <p>{checkError}</p>
        </Notice>
      )}
      <Field id="crisis-site" label={t('reception.site')} error={errors.site_id || undefined}>
        {(p) => (
          <select {...p} className="input" value={form.site_id ?? 0} onChange={(e) => set('site_id', Number(e.target.value) || null)}>
            <option value={0}>{t('reception.allSites')}</option>
            {sites.data?.items.filter((s) => s.active).map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id="crisis-start" label={t('reception.crisis.start')} error={errors.start_date || undefined} required>
        {(p) => <input {...p} type="date" className="input input--date" value={form.start_date} onChange={(e) => set('start_date', e.target.value)} />}
      </Field>
      <Field id="crisis-end" label={t('reception.crisis.end')} hint={t('reception.crisis.endHint')} error={errors.end_date || undefined} required>
        {(p) => <input {...p} type="date" className="input input--date" value={form.end_date} min={form.start_date || undefined} onChange={(e) => set('end_date', e.target.value)} />}
      </Field>
      <fieldset className="reception-fieldset">
        <legend>{t('reception.crisis.modeLabel')}</legend>
        {(['phone', 'video'] as const).map((m) => (
          <label key={m} className="reception-check">
            <input type="radio" name="crisis-mode" checked={form.mode === m} onChange={() => set('mode', m)} /> {t(`reception.crisis.modeOption.${m}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="reception-fieldset">
        <legend>{t('reception.crisis.fateLabel')}</legend>
        <label className="reception-check">
          <input type="radio" name="crisis-fate" checked={!form.cancel_in_person} onChange={() => set('cancel_in_person', false)} /> {t('reception.crisis.fateConvert')}
        </label>
        <label className="reception-check">
          <input type="radio" name="crisis-fate" checked={form.cancel_in_person} onChange={() => set('cancel_in_person', true)} /> {t('reception.crisis.fateCancel')}
        </label>
      </fieldset>
      <Field id="crisis-message" label={t('reception.crisis.messageLabel')} hint={t('reception.crisis.messageHint')} error={errors.message || undefined}>
        {(p) => <textarea {...p} className="input textarea" rows={3} maxLength={500} value={form.message} onChange={(e) => set('message', e.target.value)} />}
      </Field>
      <p className="reception-actions">
        <button type="submit" className="button button--primary" disabled={checking || reasons.isPending}>
          {t('reception.crisis.review')}
        </button>
      </p>
    </form>
  );
}
