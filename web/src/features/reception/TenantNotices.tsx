// The tenant portal's side of appointment notices (issue 7, ADR 0017): the banner of a crisis
// switch (the landlord's reception is by phone or video for a while), and the tenant's choice to
// receive SMS about appointments or not (e-mails always go). Both stay quiet when the server
// cannot answer: the rest of the tenant's page matters more.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { localeOf } from '../../i18n';
import { formatDateLong } from '../../lib/format';
import { Icon } from '../../ui/Icon';
import { TenantApiError, tenantRequest } from '../tenant/api';

type CrisisSwitch = components['schemas']['CrisisSwitch'];
type NoticePreferences = components['schemas']['NoticePreferences'];

/** The temporary changes of the landlord's reception, in force or to come, newest first. */
export function TenantReceptionBanner() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [items, setItems] = useState<CrisisSwitch[]>([]);
  useEffect(() => {
    tenantRequest<{ items: CrisisSwitch[] }>('GET', '/api/v1/tenant/reception-banners').then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, []);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="t-banner" className="tenant__card tenant-banner">
      <h2 id="t-banner">
        <Icon name="alert" /> {t('tenantRdv.banner.title')}
      </h2>
      {items.map((s) => (
        <div key={s.id} className="tenant-banner__item">
          <p>{s.message}</p>
          <p className="tenant-banner__when">
            {t('tenantRdv.banner.when', { from: formatDateLong(s.start_date, locale), to: formatDateLong(s.end_date, locale), mode: t(`tenantRdv.banner.mode.${s.mode}`) })}
          </p>
        </div>
      ))}
    </section>
  );
}

/** "Recevoir aussi un SMS": saved as soon as it is ticked or unticked. */
export function TenantNoticePreferences() {
  const { t } = useTranslation();
  const [sms, setSms] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    tenantRequest<NoticePreferences>('GET', '/api/v1/tenant/notice-preferences').then(
      (p) => setSms(p.sms),
      () => setSms(null),
    );
  }, []);
  if (sms === null) return null;

  async function change(next: boolean) {
    // The box follows the tap at once; it goes back if the choice could not be saved.
    setSms(next);
    setSaving(true);
    setSaved('');
    setError('');
    try {
      const p = await tenantRequest<NoticePreferences>('PUT', '/api/v1/tenant/notice-preferences', { sms: next });
      setSms(p.sms);
      setSaved(p.sms ? t('tenantRdv.sms.on') : t('tenantRdv.sms.off'));
    } catch (e) {
      setSms(!next);
      setError(e instanceof TenantApiError && e.message ? e.message : t('tenant.err.network'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="t-notices" className="tenant__card">
      <h2 id="t-notices">{t('tenantRdv.sms.title')}</h2>
      <p id="t-notices-hint">{t('tenantRdv.sms.intro')}</p>
      <label className="tenant-check">
        <input type="checkbox" checked={sms} disabled={saving} aria-describedby="t-notices-hint" onChange={(e) => void change(e.target.checked)} />
        {t('tenantRdv.sms.label')}
      </label>
      <div role="status">{saved && <p className="tenant__sent">{saved}</p>}</div>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
