import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem, fakeApi } from '../../test/fakeApi';
import * as fx from '../../test/fixtures';
import { renderApp } from '../../test/render';

const CODES = Array.from({ length: 10 }, (_, i) => `AAAA-BBBB-CCCC-DD${'ABCDEFGHIJ'[i]}${'ABCDEFGHIJ'[i]}`);

async function signInWithPassword(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Adresse e-mail'), 'call_agent@demo.relais.test');
  await user.type(screen.getByLabelText('Mot de passe'), 'demo-relais-2026');
  await user.click(screen.getByRole('button', { name: 'Se connecter' }));
}

describe('login second step', () => {
  it('asks for the code after the password, announces a wrong one, then signs in', async () => {
    let tries = 0;
    const api = fakeApi({
      signedIn: false,
      routes: {
        'POST /api/v1/session': () => json({ stage: 'mfa', csrf_token: 'half-1' }, 202),
        'POST /api/v1/session/mfa': (c) => {
          tries++;
          return (c.body as { code: string }).code === '123456' ? json(fx.session) : problem(401, 'Code incorrect ou expiré.');
        },
      },
    });
    const { user } = renderApp('/connexion?retour=/menages/42');
    await signInWithPassword(user);

    expect(await screen.findByRole('heading', { level: 1, name: 'Vérification en deux étapes' })).toBeInTheDocument();
    const code = screen.getByLabelText('Code de vérification');
    // The focus moves in an effect, after the heading is shown.
    await waitFor(() => expect(code).toHaveFocus());
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');

    await user.click(screen.getByRole('button', { name: 'Vérifier' }));
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Saisissez le code de vérification.'));
    expect(tries).toBe(0);

    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Vérifier' }));
    expect(await screen.findByText('Code incorrect ou expiré.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'La connexion n’a pas abouti' }).parentElement).toHaveFocus();

    await user.clear(code);
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Vérifier' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/menages/42');
    const sent = api.calls.find((c) => c.path === '/api/v1/session/mfa' && (c.body as { code: string }).code === '123456');
    expect(sent?.headers.get('X-CSRF-Token')).toBe('half-1');
  });

  it('makes an account past its grace period enrol, shows the recovery codes once, then goes on', async () => {
    let signedIn = false;
    const api = fakeApi({
      signedIn: false,
      routes: {
        'GET /api/v1/session': () => (signedIn ? json(fx.session) : problem(401, 'Non connecté.')),
        'POST /api/v1/session': () => json({ stage: 'enrolment', csrf_token: 'half-2', mfa_deadline: '2026-11-01T00:00:00Z' }, 202),
        'POST /api/v1/account/mfa': () => json({ secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/x', qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }, 201),
        'POST /api/v1/account/mfa/confirm': () => {
          signedIn = true;
          return json({ recovery_codes: CODES, signed_in: true });
        },
      },
    });
    const { user } = renderApp('/connexion?retour=/menages/42');
    await signInWithPassword(user);

    expect(await screen.findByRole('heading', { level: 1, name: 'Activez la double authentification' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Activer la double authentification' }));
    const qr = await screen.findByRole('img', { name: 'QR code à scanner avec votre application d’authentification' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(atob(qr.getAttribute('src')!.split(',')[1]!)).toContain('<svg');
    expect(screen.getByText(/JBSWY3DPEHPK3PXP/)).toBeInTheDocument();
    const code = screen.getByLabelText('Code affiché par l’application');
    await waitFor(() => expect(code).toHaveFocus());
    await user.type(code, '654321');
    await user.click(screen.getByRole('button', { name: 'Confirmer' }));

    const codesTitle = await screen.findByRole('heading', { name: 'Vos 10 codes de secours' });
    await waitFor(() => expect(codesTitle).toHaveFocus());
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(CODES);
    expect(window.location.pathname).toBe('/connexion');
    await user.click(screen.getByRole('button', { name: 'J’ai noté mes codes de secours' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' })).toBeInTheDocument();
    const confirm = api.calls.find((c) => c.path === '/api/v1/account/mfa/confirm');
    expect(confirm?.body).toEqual({ code: '654321' });
    expect(confirm?.headers.get('X-CSRF-Token')).toBe('half-2');
  });
});
