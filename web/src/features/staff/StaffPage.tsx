// "Administration" for the organisation's administrators: the staff accounts (roles, agencies,
// state, last sign-in), editing one, deactivating or reactivating it after a confirmation, inviting
// someone (the one-time link is shown once, to pass on), the pending invitations, the second-factor
// grace period and what tenants see in their portal.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { localeOf } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { EmptyState } from '../../ui/EmptyState';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PortalSettingsForm } from './PortalSettingsForm';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useAgencies } from '../buildings/queries';
import { canManageStaff, useSignedIn } from '../session/session';
import {
  ROLES, useInvitations, useInvite, useMfaPolicy, useResetMfa, useRevoke, useSetActive, useSetMfaPolicy, useStaff, useUpdateStaff,
  type Role, type StaffMember,
} from './queries';
import './staff.css';

export function StaffPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  if (!canManageStaff(session.user.roles)) {
    return (
      <div className="staff">
        <PageTitle title={t('staff.title')} />
        <Notice tone="info">
          <p>{t('staff.cannotManage')}</p>
        </Notice>
      </div>
    );
  }
  return (
    <div className="staff">
      <PageTitle title={t('staff.title')} />
      <StaffList />
      <InviteForm />
      <PendingInvitations />
      <MfaPolicyForm />
      <PortalSettingsForm />
    </div>
  );
}

function errorText(e: unknown, fallback: string): string {
  return e instanceof ApiError && e.problem ? e.problem.detail : fallback;
}

/** Role and agency checkboxes shared by the invitation and the edit forms. */
function RolesAndAgencies({
  idPrefix, roles, setRoles, agencyIds, setAgencyIds, rolesError,
}: {
  idPrefix: string;
  roles: Role[];
  setRoles: (r: Role[]) => void;
  agencyIds: number[];
  setAgencyIds: (a: number[]) => void;
  rolesError?: string | undefined;
}) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  return (
    <>
      <fieldset className="staff-choices" aria-describedby={rolesError ? `${idPrefix}-roles-error` : undefined}>
        <legend>{t('staff.roles')}</legend>
        {rolesError && (
          <p className="field__error" id={`${idPrefix}-roles-error`}>
            {rolesError}
          </p>
        )}
        {ROLES.map((r) => (
          <label key={r} className="staff-choice">
            <input
              type="checkbox"
              id={r === ROLES[0] ? `${idPrefix}-roles` : undefined}
              checked={roles.includes(r)}
              onChange={() => setRoles(toggle(roles, r))}
            />
            {t(`staff.role.${r}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="staff-choices">
        <legend>{t('staff.agencies')}</legend>
        <p className="field__hint">{t('staff.agenciesHint')}</p>
        {(agencies.data?.items ?? []).map((a) => (
          <label key={a.id} className="staff-choice">
            <input type="checkbox" checked={agencyIds.includes(a.id)} onChange={() => setAgencyIds(toggle(agencyIds, a.id))} />
            {a.name}
          </label>
        ))}
      </fieldset>
    </>
  );
}

function StaffList() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const staff = useStaff();
  const agencies = useAgencies();
  const setActive = useSetActive();
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [confirming, setConfirming] = useState<StaffMember | null>(null);
  const [resetting, setResetting] = useState<StaffMember | null>(null);
  const resetMfa = useResetMfa();
  const [done, setDone] = useState('');
  const agencyName = (id: number) => agencies.data?.items.find((a) => a.id === id)?.name ?? `n° ${id}`;

  if (staff.isPending) return <Loading />;
  if (staff.isError) return <QueryError error={staff.error} onRetry={() => void staff.refetch()} />;

  const confirm = () => {
    if (!confirming) return;
    const m = confirming;
    setActive.mutate(
      { id: m.id, active: !m.active },
      {
        onSuccess: () => {
          setDone(t(m.active ? 'staff.deactivated' : 'staff.reactivated', { name: m.display_name }));
          setConfirming(null);
        },
      },
    );
  };

  return (
    <section aria-labelledby="staff-list-title">
      <h2 id="staff-list-title">{t('staff.listTitle')}</h2>
      {done && (
        <Notice tone="success" live="polite">
          <p>{done}</p>
        </Notice>
      )}
      {resetting && (
        <Notice tone="warning" live="assertive">
          <p>{t('staff.confirmMfaReset', { name: resetting.display_name })}</p>
          {resetMfa.isError && <p>{errorText(resetMfa.error, t('errors.generic'))}</p>}
          <div className="staff-actions">
            <button
              type="button"
              className="button button--primary"
              disabled={resetMfa.isPending}
              onClick={() => {
                const m = resetting;
                resetMfa.mutate(m.id, {
                  onSuccess: () => {
                    setDone(t('staff.mfaResetDone', { name: m.display_name }));
                    setResetting(null);
                  },
                });
              }}
            >
              {t('staff.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => { setResetting(null); resetMfa.reset(); }}>
              {t('staff.cancel')}
            </button>
          </div>
        </Notice>
      )}
      {confirming && (
        <Notice tone="warning" live="assertive">
          <p>{t(confirming.active ? 'staff.confirmDeactivate' : 'staff.confirmReactivate', { name: confirming.display_name })}</p>
          {setActive.isError && <p>{errorText(setActive.error, t('errors.generic'))}</p>}
          <div className="staff-actions">
            <button type="button" className="button button--primary" onClick={confirm} disabled={setActive.isPending}>
              {t('staff.confirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => { setConfirming(null); setActive.reset(); }}>
              {t('staff.cancel')}
            </button>
          </div>
        </Notice>
      )}
      <div className="table-scroll" role="region" aria-labelledby="staff-list-title" tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{t('staff.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.colName')}</th>
              <th scope="col">{t('staff.colEmail')}</th>
              <th scope="col">{t('staff.colRoles')}</th>
              <th scope="col">{t('staff.colAgencies')}</th>
              <th scope="col">{t('staff.colState')}</th>
              <th scope="col">{t('staff.colLastSignIn')}</th>
              <th scope="col">{t('staff.colMfa')}</th>
              <th scope="col">{t('staff.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.data.items.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.display_name}</th>
                <td>{m.email}</td>
                <td>{m.roles.map((r) => t(`staff.role.${r}`)).join(', ')}</td>
                <td>{m.agency_ids.length ? m.agency_ids.map(agencyName).join(', ') : t('staff.allAgencies')}</td>
                <td>{m.active ? t('staff.active') : t('staff.inactive')}</td>
                <td>{m.last_sign_in_at ? formatDateTime(m.last_sign_in_at, locale) : t('staff.never')}</td>
                <td>{m.mfa_enabled ? t('staff.mfaEnabled') : t('staff.mfaDisabled')}</td>
                <td className="staff-actions">
                  <button type="button" className="button button--quiet" onClick={() => { setEditing(m); setDone(''); }}>
                    {t('staff.edit', { name: m.display_name })}
                  </button>
                  <button type="button" className="button button--quiet" onClick={() => { setConfirming(m); setResetting(null); setDone(''); setActive.reset(); }}>
                    {t(m.active ? 'staff.deactivate' : 'staff.reactivate', { name: m.display_name })}
                  </button>
                  {m.mfa_enabled && (
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => { setResetting(m); setConfirming(null); setDone(''); resetMfa.reset(); }}
                    >
                      {t('staff.mfaReset', { name: m.display_name })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <EditForm
          key={editing.id}
          member={editing}
          onDone={(name) => { setEditing(null); setDone(t('staff.saved', { name })); }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function EditForm({ member, onDone, onCancel }: { member: StaffMember; onDone: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateStaff();
  const [name, setName] = useState(member.display_name);
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const [agencyIds, setAgencyIds] = useState<number[]>(member.agency_ids);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.display_name = t('staff.err.nameRequired');
    if (!roles.length) found.roles = t('staff.err.rolesRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    update.mutate(
      { id: member.id, patch: { display_name: name.trim(), roles, agency_ids: agencyIds } },
      { onSuccess: (m) => onDone(m.display_name) },
    );
  };

  return (
    <form className="staff-form" onSubmit={submit} noValidate aria-labelledby="staff-edit-title">
      <h3 id="staff-edit-title">{t('staff.editTitle', { name: member.display_name })}</h3>
      <p className="field__hint">{t('staff.editHint')}</p>
      {update.isError && (
        <Notice tone="error" live="assertive">
          <p>{errorText(update.error, t('errors.generic'))}</p>
        </Notice>
      )}
      <Field id="staff-edit-name" label={t('staff.displayName')} error={errors.display_name} required>
        {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
      </Field>
      <RolesAndAgencies
        idPrefix="staff-edit"
        roles={roles}
        setRoles={setRoles}
        agencyIds={agencyIds}
        setAgencyIds={setAgencyIds}
        rolesError={errors.roles}
      />
      <div className="staff-actions">
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {t('staff.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('staff.cancel')}
        </button>
      </div>
    </form>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const invite = useInvite();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [agencyIds, setAgencyIds] = useState<number[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<{ email: string; link: string } | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!email.trim()) found.email = t('staff.err.emailRequired');
    if (!name.trim()) found.display_name = t('staff.err.nameRequired');
    if (!roles.length) found.roles = t('staff.err.rolesRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    setIssued(null);
    invite.mutate(
      { email: email.trim(), display_name: name.trim(), roles, agency_ids: agencyIds },
      {
        onSuccess: (res) => {
          setIssued({ email: res.invitation.email, link: new URL(res.link, window.location.origin).href });
          setEmail('');
          setName('');
          setRoles([]);
          setAgencyIds([]);
        },
        onError: (err) => {
          if (err instanceof ApiError) setErrors(err.fieldErrors());
        },
      },
    );
  };

  return (
    <section aria-labelledby="staff-invite-title">
      <h2 id="staff-invite-title">{t('staff.inviteTitle')}</h2>
      <p>{t('staff.inviteIntro')}</p>
      {issued && (
        <Notice tone="success" live="polite" title={t('staff.invited', { email: issued.email })}>
          <Field id="staff-invite-link" label={t('staff.linkLabel')} hint={t('staff.linkHint')}>
            {(p) => <input {...p} type="text" readOnly value={issued.link} onFocus={(e) => e.target.select()} />}
          </Field>
        </Notice>
      )}
      {invite.isError && !(invite.error instanceof ApiError && invite.error.problem?.field) && (
        <Notice tone="error" live="assertive">
          <p>{errorText(invite.error, t('errors.generic'))}</p>
        </Notice>
      )}
      <form className="staff-form" onSubmit={submit} noValidate>
        <Field id="staff-invite-email" label={t('staff.email')} error={errors.email} required>
          {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
        </Field>
        <Field id="staff-invite-name" label={t('staff.displayName')} error={errors.display_name} required>
          {(p) => <input {...p} type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        <RolesAndAgencies
          idPrefix="staff-invite"
          roles={roles}
          setRoles={setRoles}
          agencyIds={agencyIds}
          setAgencyIds={setAgencyIds}
          rolesError={errors.roles}
        />
        <button type="submit" className="button button--primary" disabled={invite.isPending}>
          {t('staff.invite')}
        </button>
      </form>
    </section>
  );
}

function PendingInvitations() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const invitations = useInvitations();
  const revoke = useRevoke();
  const [done, setDone] = useState('');
  if (invitations.isPending) return <Loading />;
  if (invitations.isError) return <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  return (
    <section aria-labelledby="staff-pending-title">
      <h2 id="staff-pending-title">{t('staff.pendingTitle')}</h2>
      {done && (
        <Notice tone="success" live="polite">
          <p>{done}</p>
        </Notice>
      )}
      {invitations.data.items.length === 0 ? (
        <EmptyState icon="mail" title={t('staff.pendingEmpty')} />
      ) : (
        <ul className="staff-pending">
          {invitations.data.items.map((i) => (
            <li key={i.id}>
              <span>
                {i.display_name} — {i.email} — {i.roles.map((r) => t(`staff.role.${r}`)).join(', ')} —{' '}
                {t('staff.expires', { date: formatDateTime(i.expires_at, locale) })}
              </span>
              <button
                type="button"
                className="button button--quiet"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(i.id, { onSuccess: () => setDone(t('staff.revoked', { email: i.email })) })}
              >
                {t('staff.revoke', { email: i.email })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The organisation's grace period for enrolling a second factor (ADR 0009). */
function MfaPolicyForm() {
  const { t } = useTranslation();
  const policy = useMfaPolicy();
  const save = useSetMfaPolicy();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  if (policy.isPending) return <Loading />;
  if (policy.isError) return <QueryError error={policy.error} onRetry={() => void policy.refetch()} />;
  const shown = value ?? (policy.data.grace_days === null ? '' : String(policy.data.grace_days));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const text = shown.trim();
    const days = text === '' ? null : Number(text);
    if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= 365)) {
      setError(t('account.graceInvalid'));
      return;
    }
    setError(undefined);
    save.mutate(days, {
      onSuccess: () => { setValue(null); setSaved(true); },
      onError: (err) => setError(err instanceof ApiError ? err.fieldErrors().grace_days ?? errorText(err, t('errors.generic')) : t('errors.generic')),
    });
  };

  return (
    <section aria-labelledby="mfa-policy-title">
      <h2 id="mfa-policy-title">{t('account.organisation')}</h2>
      {saved && (
        <Notice tone="success" live="polite">
          <p>{t('account.saved')}</p>
        </Notice>
      )}
      <form className="staff-form" onSubmit={submit} noValidate>
        <Field id="mfa-grace-days" label={t('account.graceDays')} hint={t('account.graceHint', { days: policy.data.default_grace_days })} error={error}>
          {(p) => (
            <input
              {...p}
              className="input input--short"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={shown}
              onChange={(e) => { setValue(e.target.value); setSaved(false); }}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('account.save')}
        </button>
      </form>
    </section>
  );
}
