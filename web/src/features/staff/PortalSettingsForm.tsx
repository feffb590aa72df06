// What the landlord shows its tenants in the tenant portal (ADR 0012): the address, the dwelling
// and the reference always; the household's first names, the rent, the lease start and the agency
// as the administrator chooses here.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { QueryError } from '../../ui/QueryError';
import { usePortalSettings, useSetPortalSettings, type PortalSettings } from './queries';

const CHOICES = ['show_members', 'show_rent', 'show_lease_start', 'show_agency'] as const;

export function PortalSettingsForm() {
  const { t } = useTranslation();
  const settings = usePortalSettings();
  const save = useSetPortalSettings();
  const [draft, setDraft] = useState<PortalSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const shown = draft ?? settings.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setError(undefined);
    save.mutate(shown, {
      onSuccess: () => { setDraft(null); setSaved(true); },
      onError: (err) => setError(err instanceof ApiError && err.problem ? err.problem.detail : t('errors.generic')),
    });
  };

  return (
    <section aria-labelledby="portal-settings-title">
      <h2 id="portal-settings-title">{t('staff.portal.title')}</h2>
      <p>{t('staff.portal.intro')}</p>
      {saved && (
        <Notice tone="success" live="polite">
          <p>{t('staff.portal.saved')}</p>
        </Notice>
      )}
      {error && (
        <Notice tone="error" live="assertive">
          <p>{error}</p>
        </Notice>
      )}
      <form className="staff-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('staff.portal.legend')}</legend>
          {CHOICES.map((key) => (
            <label key={key} className="checkbox">
              <input
                type="checkbox"
                checked={shown[key]}
                onChange={(e) => { setDraft({ ...shown, [key]: e.target.checked }); setSaved(false); }}
              />{' '}
              {t(`staff.portal.${key}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('staff.portal.save')}
        </button>
      </form>
    </section>
  );
}
