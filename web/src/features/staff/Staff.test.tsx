import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const members: Schemas['StaffMember'][] = [
  {
    id: 1, email: 'claire.dubois@bailleur.fr', display_name: 'Claire Dubois', roles: ['administrator'], agency_ids: [],
    active: true, last_sign_in_at: '2026-11-27T13:30:00Z', created_at: '2026-01-01T08:00:00Z', mfa_enabled: false,
  },
  {
    id: 2, email: 'sami.benali@bailleur.fr', display_name: 'Sami Benali', roles: ['call_agent'], agency_ids: [1],
    active: true, last_sign_in_at: null, created_at: '2026-01-02T08:00:00Z', mfa_enabled: true,
  },
];

function staffApi(roles: Schemas['Role'][] = ['administrator'], extra = {}) {
  return fakeApi({
    routes: {
      'GET /api/v1/session': () => json(sessionWith(roles)),
      'GET /api/v1/staff': () => json({ items: members }),
      'GET /api/v1/staff/invitations': () => json({ items: [] }),
      'GET /api/v1/organisation/mfa-policy': () => json({ grace_days: null, default_grace_days: 30, effective_grace_days: 30 }),
      'GET /api/v1/tenant-portal/settings': () =>
        json({ show_members: true, show_rent: true, show_lease_start: true, show_agency: true }),
      ...extra,
    },
  });
}

describe('administration', () => {
  it('is in the navigation of administrators', async () => {
    staffApi(['administrator']);
    renderApp('/patrimoine');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Administration' })).toHaveAttribute('href', '/administration');
  });

  it('is not in the navigation of other roles', async () => {
    staffApi(['manager']);
    renderApp('/patrimoine');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: 'Administration' })).not.toBeInTheDocument();
  });

  it('says the page is not for other roles, without asking the server', async () => {
    const api = staffApi(['manager']);
    renderApp('/administration');
    expect(await screen.findByText(/réservée aux administrateurs/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.startsWith('/api/v1/staff'))).toBe(false);
  });

  it('lists the staff with roles, agencies, state and last sign-in', async () => {
    staffApi();
    renderApp('/administration');
    const table = await screen.findByRole('table', { name: 'Comptes du personnel de votre organisme' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Administrateur·rice');
    expect(rows[0]).toHaveTextContent('Tout l’organisme');
    expect(rows[1]).toHaveTextContent('Chargé·e d’appels');
    expect(rows[1]).toHaveTextContent('Agence de Caen');
    expect(rows[1]).toHaveTextContent('Jamais');
  });

  it('deactivates only after a confirmation', async () => {
    const api = staffApi(['administrator'], {
      'POST /api/v1/staff/2/deactivate': () => json({ ...members[1], active: false }),
    });
    const { user } = renderApp('/administration');
    await user.click(await screen.findByRole('button', { name: 'Désactiver Sami Benali' }));
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    expect(screen.getByText(/Ses sessions se ferment tout de suite/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(await screen.findByText('Le compte de Sami Benali est désactivé.')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/staff/2/deactivate']);
  });

  it('shows the server\'s reason when the last administrator would lose the role', async () => {
    staffApi(['administrator'], {
      'PATCH /api/v1/staff/1': () => problem(409, "L'organisme doit garder au moins un compte administrateur actif."),
    });
    const { user } = renderApp('/administration');
    await user.click(await screen.findByRole('button', { name: 'Modifier Claire Dubois' }));
    const form = screen.getByRole('form', { name: 'Modifier le compte de Claire Dubois' });
    await user.click(within(form).getByRole('checkbox', { name: 'Administrateur·rice' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Responsable' }));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText(/garder au moins un compte administrateur/)).toBeInTheDocument();
  });

  it('invites someone and shows the link to pass on once', async () => {
    const api = staffApi(['administrator'], {
      'POST /api/v1/staff/invitations': (c: { body: unknown }) =>
        json({
          invitation: {
            id: 5, email: 'lea.martin@bailleur.fr', display_name: 'Léa Martin', roles: ['reception'], agency_ids: [],
            invited_by: 1, created_at: '2026-11-28T08:00:00Z', expires_at: '2026-12-05T08:00:00Z',
          },
          link: '/invitation/abcdefghijklmnopqrstuv',
          echo: c.body,
        }, 201),
    });
    const { user } = renderApp('/administration');
    await user.click(await screen.findByRole('button', { name: 'Créer l’invitation' }));
    expect(await screen.findByText('Cochez au moins un rôle.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText(/^Adresse e-mail/), 'lea.martin@bailleur.fr');
    const invite = screen.getByRole('region', { name: 'Inviter une personne' });
    await user.type(within(invite).getByLabelText(/^Nom affiché/), 'Léa Martin');
    await user.click(within(invite).getByRole('checkbox', { name: 'Accueil' }));
    await user.click(screen.getByRole('button', { name: 'Créer l’invitation' }));
    const link = await screen.findByLabelText('Lien à transmettre');
    expect(link).toHaveValue(`${window.location.origin}/invitation/abcdefghijklmnopqrstuv`);
    const post = api.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ email: 'lea.martin@bailleur.fr', display_name: 'Léa Martin', roles: ['reception'], agency_ids: [] });
  });
});

describe('invitation page', () => {
  const TOKEN = 'abcdefghijklmnopqrstuv';
  const open = {
    [`GET /api/v1/invitations/${TOKEN}`]: () =>
      json({ organisation: { name: 'Habitat du Bocage' }, email: 'lea.martin@bailleur.fr', display_name: 'Léa Martin', expires_at: '2026-12-05T08:00:00Z' }),
  };

  it('creates the account with a confirmed password, then offers to sign in', async () => {
    const api = fakeApi({ signedIn: false, routes: { ...open, [`POST /api/v1/invitations/${TOKEN}`]: () => new Response(null, { status: 204 }) } });
    const { user } = renderApp(`/invitation/${TOKEN}`);
    expect(await screen.findByText(/Habitat du Bocage vous invite/)).toHaveTextContent('lea.martin@bailleur.fr');
    await user.type(screen.getByLabelText(/^Mot de passe/), 'une phrase assez longue');
    await user.type(screen.getByLabelText(/^Confirmez/), 'une autre phrase');
    await user.click(screen.getByRole('button', { name: 'Créer mon compte' }));
    expect(await screen.findByText('Les deux mots de passe ne sont pas identiques.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await user.clear(screen.getByLabelText(/^Confirmez/));
    await user.type(screen.getByLabelText(/^Confirmez/), 'une phrase assez longue');
    await user.click(screen.getByRole('button', { name: 'Créer mon compte' }));
    expect(await screen.findByText(/Votre compte est créé/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Se connecter' })).toHaveAttribute('href', '/connexion');
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({ password: 'une phrase assez longue' });
  });

  it('shows the password policy of the server next to the field', async () => {
    fakeApi({
      signedIn: false,
      routes: {
        ...open,
        [`POST /api/v1/invitations/${TOKEN}`]: () =>
          problem(400, 'Le mot de passe doit contenir au moins 12 caractères.', [{ field: 'password', message: 'Le mot de passe doit contenir au moins 12 caractères.' }]),
      },
    });
    const { user } = renderApp(`/invitation/${TOKEN}`);
    await user.type(await screen.findByLabelText(/^Mot de passe/), 'court');
    await user.type(screen.getByLabelText(/^Confirmez/), 'court');
    await user.click(screen.getByRole('button', { name: 'Créer mon compte' }));
    await waitFor(() => expect(screen.getByLabelText(/^Mot de passe/)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('Le mot de passe doit contenir au moins 12 caractères.')).toBeInTheDocument();
  });

  it('says when the link no longer works', async () => {
    fakeApi({ signedIn: false, routes: { [`GET /api/v1/invitations/${TOKEN}`]: () => problem(404, 'Introuvable.') } });
    renderApp(`/invitation/${TOKEN}`);
    expect(await screen.findByText(/n’est plus valable/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Créer mon compte' })).not.toBeInTheDocument();
  });

  it("resets a staff member's second factor after a confirmation", async () => {
    const api = staffApi(['administrator'], { 'POST /api/v1/staff/2/mfa/reset': () => new Response(null, { status: 204 }) });
    const { user } = renderApp('/administration');
    const table = await screen.findByRole('table', { name: 'Comptes du personnel de votre organisme' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Non activée');
    expect(rows[1]).toHaveTextContent('Activée');
    // Nothing to reset without a second factor.
    expect(screen.queryByRole('button', { name: 'Réinitialiser la double authentification de Claire Dubois' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Réinitialiser la double authentification de Sami Benali' }));
    expect(screen.getByText(/Réinitialiser la double authentification de Sami Benali \?/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.endsWith('/mfa/reset'))).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(await screen.findByText('La double authentification de Sami Benali est réinitialisée.')).toBeInTheDocument();
    const reset = api.calls.find((c) => c.path === '/api/v1/staff/2/mfa/reset');
    expect(reset?.method).toBe('POST');
  });

  it("sets the organisation's grace period, refusing a value out of range", async () => {
    const api = staffApi(['administrator'], {
      'PUT /api/v1/organisation/mfa-policy': (c: { body: unknown }) => {
        const d = (c.body as { grace_days: number | null }).grace_days;
        return json({ grace_days: d, default_grace_days: 30, effective_grace_days: d ?? 30 });
      },
    });
    const { user } = renderApp('/administration');
    const field = await screen.findByLabelText('Délai pour activer la double authentification (jours)');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('(30 jours)'));
    await user.type(field, '400');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('entre 0 et 365'));
    expect(api.calls.some((c) => c.method === 'PUT')).toBe(false);
    await user.clear(field);
    await user.type(field, '14');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Délai enregistré.')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'PUT')?.body).toEqual({ grace_days: 14 });
    expect(field).toHaveValue('14');
  });

  it('chooses what tenants see in their portal', async () => {
    const api = staffApi(['administrator'], {
      'PUT /api/v1/tenant-portal/settings': (c: { body: unknown }) => json(c.body),
    });
    const { user } = renderApp('/administration');
    const rent = await screen.findByRole('checkbox', { name: 'Le loyer et les charges' });
    expect(rent).toBeChecked();
    await user.click(rent);
    await user.click(screen.getByRole('button', { name: 'Enregistrer les réglages de l’espace locataire' }));
    expect(await screen.findByText('Les réglages de l’espace locataire sont enregistrés.')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'PUT' && c.path === '/api/v1/tenant-portal/settings')?.body).toEqual({
      show_members: true, show_rent: false, show_lease_start: true, show_agency: true,
    });
    expect(screen.getByRole('checkbox', { name: 'Le loyer et les charges' })).not.toBeChecked();
  });
});
