import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '../../test/fakeApi';
import * as fx from '../../test/fixtures';
import { renderApp } from '../../test/render';

const CODES = Array.from({ length: 10 }, (_, i) => `AAAA-BBBB-CCCC-DD${'ABCDEFGHIJ'[i]}${'ABCDEFGHIJ'[i]}`);

describe('account page', () => {
  it('says the second factor is on', async () => {
    fakeApi();
    renderApp('/mon-compte');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon compte' })).toBeInTheDocument();
    expect(screen.getByText('La double authentification est activée.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Activer la double authentification' })).not.toBeInTheDocument();
  });

  it('shows the grace deadline, enrols, shows the recovery codes once, then the new state', async () => {
    let enabled = false;
    const api = fakeApi({
      routes: {
        'GET /api/v1/session': () =>
          json({ ...fx.session, mfa: enabled ? { enabled: true, deadline: null } : { enabled: false, deadline: '2026-12-15T09:00:00Z' } }),
        'POST /api/v1/account/mfa': () => json({ secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/x', qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>' }, 201),
        'POST /api/v1/account/mfa/confirm': () => {
          enabled = true;
          return json({ recovery_codes: CODES, signed_in: false });
        },
      },
    });
    const { user } = renderApp('/mon-compte');
    expect(await screen.findByText(/n’est pas encore activée\. Activez-la avant le mardi 15 décembre 2026 à 10 h 00/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Activer la double authentification' }));
    const qr = await screen.findByRole('img', { name: /QR code/ });
    expect(atob(qr.getAttribute('src')!.replace('data:image/svg+xml;base64,', ''))).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    expect(document.querySelector('svg rect')).toBeNull();
    await user.type(screen.getByLabelText('Code affiché par l’application'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Confirmer' }));
    const codesTitle = await screen.findByRole('heading', { level: 3, name: 'Vos 10 codes de secours' });
    await waitFor(() => expect(codesTitle).toHaveFocus());
    expect(screen.getByText('AAAA-BBBB-CCCC-DDAA')).toBeInTheDocument();
    expect(api.calls.find((c) => c.path === '/api/v1/account/mfa/confirm')?.body).toEqual({ code: '123456' });

    await user.click(screen.getByRole('button', { name: 'J’ai noté mes codes de secours' }));
    expect(await screen.findByText('La double authentification est activée.')).toBeInTheDocument();
    expect(screen.queryByText('AAAA-BBBB-CCCC-DDAA')).not.toBeInTheDocument();
  });
});
