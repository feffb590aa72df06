// The public page of an invitation (/invitation/:token): the invitee sees which organisation
// invites which address, chooses a password (the server's policy applies) and then signs in.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { Field } from '../../ui/Field';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { LOGIN_PATH } from '../session/session';
import { useAcceptInvitation, useOpenInvitation } from './queries';
import './staff.css';

export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invitation = useOpenInvitation(token);
  const accept = useAcceptInvitation(token);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!password) found.password = t('invitation.passwordRequired');
    else if (password !== again) found.again = t('invitation.mismatch');
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(found.password ? 'invitation-password' : 'invitation-again')?.focus();
      return;
    }
    accept.mutate(password, {
      onError: (err) => {
        if (err instanceof ApiError) setErrors(err.fieldErrors());
      },
    });
  };

  let body;
  if (invitation.isPending) body = <Loading />;
  else if (invitation.isError) {
    body =
      invitation.error instanceof ApiError && invitation.error.status === 404 ? (
        <Notice tone="warning">
          <p>{t('invitation.closed')}</p>
        </Notice>
      ) : (
        <QueryError error={invitation.error} onRetry={() => void invitation.refetch()} />
      );
  } else if (accept.isSuccess) {
    body = (
      <Notice tone="success" live="polite">
        <p>{t('invitation.done')}</p>
        <p>
          <Link to={LOGIN_PATH} className="button button--primary">
            {t('invitation.signIn')}
          </Link>
        </p>
      </Notice>
    );
  } else {
    const closed = accept.error instanceof ApiError && accept.error.status === 404;
    body = (
      <>
        <p>{t('invitation.intro', { organisation: invitation.data.organisation.name, email: invitation.data.email })}</p>
        {closed && (
          <Notice tone="warning" live="assertive">
            <p>{t('invitation.closed')}</p>
          </Notice>
        )}
        <form className="staff-form" onSubmit={submit} noValidate>
          <input type="email" name="username" autoComplete="username" value={invitation.data.email} readOnly hidden />
          <Field id="invitation-password" label={t('invitation.password')} hint={t('invitation.passwordHint')} error={errors.password} required>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <Field id="invitation-again" label={t('invitation.confirm')} error={errors.again} required>
            {(p) => <input {...p} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />}
          </Field>
          <button type="submit" className="button button--primary" disabled={accept.isPending}>
            {t('invitation.submit')}
          </button>
        </form>
      </>
    );
  }
  return (
    <main id="contenu" tabIndex={-1} className="main main--bare">
      <div className="staff staff--invitation">
        <PageTitle title={t('invitation.title')} />
        {body}
      </div>
    </main>
  );
}
