import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { household, referrals, sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const asRoles = (roles: Schemas['Role'][]) => ({ 'GET /api/v1/session': () => json(sessionWith(roles)) });

describe('home page', () => {
  it.each([
    [['call_agent'], '/menages'],
    [['partner_worker'], '/orientations'],
    [['regional_observer'], '/tableau-de-bord'],
  ] as const)('sends %s to %s', async (roles, path) => {
    fakeApi({ routes: { ...asRoles([...roles]), 'GET /api/v1/dashboard/figures': () => json({ scope: 'region', by: 'commune', threshold: 11, columns: [], rows: [], totals: [] }) } });
    renderApp('/');
    await waitFor(() => expect(window.location.pathname).toBe(path));
  });

  it('shows a partner only the referrals, an observer only the dashboard', async () => {
    fakeApi({ routes: asRoles(['partner_worker']) });
    renderApp('/orientations');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Orientations']);
  });
});

describe('referrals page', () => {
  it('lists the open referrals with the partner, and closes one', async () => {
    const api = fakeApi({
      routes: {
        'POST /api/v1/referrals/5/close': () => json({ ...referrals[0], status: 'closed', closed_at: '2026-11-28T10:00:00Z' }),
      },
    });
    const { user } = renderApp('/orientations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Orientations' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Orientations, les plus récentes d’abord' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(within(rows[0]!).getByRole('link', { name: 'Hélène Martin' })).toHaveAttribute('href', '/menages/42');
    expect(rows[0]).toHaveTextContent('CCAS de Caen');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Clore l’orientation de Hélène Martin' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/referrals/5/close')).toBe(true));
    expect(api.calls.find((c) => c.path === '/api/v1/referrals/5/close')!.headers.get('x-csrf-token')).toBe('csrf-123');
  });

  it('shows a partner the landlord instead of the partner', async () => {
    fakeApi({ routes: asRoles(['partner_worker']) });
    renderApp('/orientations');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Bailleur');
    expect(screen.getByText(/Les ménages que les bailleurs vous ont orientés/)).toBeInTheDocument();
  });

  it('says the page is not for a caretaker, without asking the server', async () => {
    const api = fakeApi({ routes: asRoles(['caretaker']) });
    renderApp('/orientations');
    expect(await screen.findByText(/réservées aux personnes en contact/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/api/v1/referrals')).toBe(false);
  });
});

describe('referring from the household page', () => {
  it('refers only with the tenant’s consent: the server’s refusals name the field, then it refers', async () => {
    const consentMessage = 'Le consentement du locataire au partage avec ce partenaire est obligatoire : indiquez sa date.';
    const partnerMessage = 'Ce partenaire ne travaille pas avec votre organisme dans la commune de ce ménage.';
    let attempts = 0;
    const api = fakeApi({
      routes: {
        'POST /api/v1/referrals': () => {
          attempts++;
          if (attempts === 1) return problem(400, consentMessage, [{ field: 'consent_on', message: consentMessage }]);
          if (attempts === 2) return problem(400, partnerMessage, [{ field: 'partner_id', message: partnerMessage }]);
          return json({ ...referrals[0], partner: { id: 21, name: 'CCAS de Caen' } }, 201);
        },
      },
    });
    const { user } = renderApp('/menages/42');
    const box = await screen.findByRole('region', { name: 'Orienter vers un partenaire' }, { timeout: 5000 });
    await within(box).findByRole('option', { name: 'Association Entraide' });
    await user.selectOptions(within(box).getByLabelText('Partenaire'), 'Association Entraide');
    await user.type(within(box).getByLabelText('Motif'), 'Aide au budget');
    await user.click(within(box).getByRole('button', { name: 'Orienter' }));
    // No consent yet: refused, the date of the consent is the field in error.
    const consentOn = within(box).getByLabelText('Date du consentement du locataire');
    await waitFor(() => expect(consentOn).toHaveAttribute('aria-invalid', 'true'));
    expect(consentOn).toHaveAccessibleDescription(/avec son accord.*obligatoire : indiquez sa date/);
    fireEvent.change(consentOn, { target: { value: '2026-07-01' } });
    await user.type(within(box).getByLabelText('Consentement donné par'), 'La locataire');
    await user.click(within(box).getByRole('button', { name: 'Orienter' }));
    expect(await within(box).findByText(/ne travaille pas avec votre organisme/)).toBeInTheDocument();
    expect(within(box).getByLabelText('Partenaire')).toHaveAttribute('aria-invalid', 'true');
    await user.selectOptions(within(box).getByLabelText('Partenaire'), 'CCAS de Caen');
    await user.click(within(box).getByRole('button', { name: 'Orienter' }));
    expect(await within(box).findByText('Ménage orienté vers CCAS de Caen.')).toBeInTheDocument();
    const sent = api.calls.filter((c) => c.path === '/api/v1/referrals' && c.method === 'POST').map((c) => c.body);
    expect(sent[0]).toEqual({ household_id: 42, partner_id: 22, reason: 'Aide au budget', consent_given_by: '' });
    expect(sent[2]).toEqual({ household_id: 42, partner_id: 21, reason: 'Aide au budget', consent_on: '2026-07-01', consent_given_by: 'La locataire' });
  }, 20_000);

  it('shows a partner the shared record without the lease, the notes, the timeline or the referral box', async () => {
    const api = fakeApi({
      routes: {
        ...asRoles(['partner_worker']),
        'GET /api/v1/households/42': () => json({ ...household, lease: null, notes: '', email: '', dwelling_id: 0, building_id: 0 }),
      },
    });
    renderApp('/menages/42');
    expect(await screen.findByRole('heading', { level: 1, name: household.display_name })).toBeInTheDocument();
    expect(screen.getByText(/Fiche transmise par orientation/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Adresse' })).toHaveTextContent(household.address);
    expect(screen.queryByText(/Date de naissance/)).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Orienter vers un partenaire' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Modifier/ })).not.toBeInTheDocument();
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/dwellings') || c.path === '/api/v1/partners')).toBe(false);
  });
});
