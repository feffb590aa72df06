import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

describe('login page', () => {
  it('sends a signed-out visitor to the login page, then back where they were going', async () => {
    const api = fakeApi({ signedIn: false });
    const { user } = renderApp('/menages/42');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/connexion');
    expect(new URLSearchParams(window.location.search).get('retour')).toBe('/menages/42');

    await user.type(screen.getByLabelText('Adresse e-mail'), 'call_agent@demo.relais.test');
    await user.type(screen.getByLabelText('Mot de passe'), 'demo-relais-2026');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/menages/42');
    const signIn = api.calls.find((c) => c.method === 'POST');
    expect(signIn?.body).toEqual({ email: 'call_agent@demo.relais.test', password: 'demo-relais-2026' });
  });

  it('says what is missing next to each field and in a summary that takes the focus', async () => {
    const api = fakeApi({ signedIn: false });
    const { user } = renderApp('/connexion');
    await user.click(await screen.findByRole('button', { name: 'Se connecter' }));

    const email = screen.getByLabelText('Adresse e-mail');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('Saisissez votre adresse e-mail.'));
    expect(screen.getByLabelText('Mot de passe')).toHaveAccessibleDescription(expect.stringContaining('Saisissez votre mot de passe.'));
    const summary = screen.getByRole('heading', { name: 'Le formulaire contient 2 erreurs' }).parentElement!;
    expect(summary).toHaveFocus();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(email, 'pas-une-adresse');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(email).toHaveAccessibleDescription(expect.stringContaining("L'adresse e-mail doit être au format nom@domaine.fr."));
  });

  it("shows the server's words for a refused login, keeping what was typed", async () => {
    fakeApi({ signedIn: false });
    const { user } = renderApp('/connexion');
    await user.type(await screen.findByLabelText('Adresse e-mail'), 'call_agent@demo.relais.test');
    await user.type(screen.getByLabelText('Mot de passe'), 'faux');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('Adresse e-mail ou mot de passe incorrect.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'La connexion n’a pas abouti' })).toBeInTheDocument();
    expect(screen.getByLabelText('Adresse e-mail')).toHaveValue('call_agent@demo.relais.test');
    expect(screen.getByLabelText('Mot de passe')).toHaveValue('faux');
  });

  it('shows the rate-limit message', async () => {
    fakeApi({
      signedIn: false,
      routes: { 'POST /api/v1/session': () => problem(429, 'Trop de tentatives de connexion. Réessayez dans 2 minutes.') },
    });
    const { user } = renderApp('/connexion');
    await user.type(await screen.findByLabelText('Adresse e-mail'), 'call_agent@demo.relais.test');
    await user.type(screen.getByLabelText('Mot de passe'), 'x');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('Trop de tentatives de connexion. Réessayez dans 2 minutes.')).toBeInTheDocument();
  });

  it('never sends anyone to another site after signing in', async () => {
    fakeApi({ signedIn: false });
    const { user } = renderApp('/connexion?retour=//evil.example/x');
    await user.type(await screen.findByLabelText('Adresse e-mail'), 'call_agent@demo.relais.test');
    await user.type(screen.getByLabelText('Mot de passe'), 'demo-relais-2026');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(window.location.pathname).toBe('/menages'));
  });

  it('explains an expired session', async () => {
    fakeApi({ signedIn: false });
    renderApp('/connexion?motif=expiree');
    expect(await screen.findByText('Session expirée')).toBeInTheDocument();
  });
});
