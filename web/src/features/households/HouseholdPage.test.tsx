import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, problem } from '../../test/fakeApi';
import { session } from '../../test/fixtures';
import { json } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('household record', () => {
  beforeEach(() => {
    // Ages depend on the day: 13 March 2026, noon in Paris.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-13T11:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shows who they are, how to call them, their lease and their dwelling', async () => {
    fakeApi();
    renderApp('/menages/42');
    expect(await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' })).toBeInTheDocument();
    expect(document.title).toBe('Hélène Martin — Relais');
    expect(screen.getByText('T100042')).toBeInTheDocument();

    const call = screen.getByRole('link', { name: 'Appeler le 06 12 34 56 78 (portable)' });
    expect(call).toHaveAttribute('href', 'tel:+33612345678');
    expect(screen.getByRole('link', { name: 'Appeler le 02 31 00 00 11' })).toHaveAttribute('href', 'tel:+33231000011');
    expect(screen.getByRole('link', { name: 'helene.martin@exemple.fr' })).toHaveAttribute('href', 'mailto:helene.martin@exemple.fr');
    expect(screen.getByText('Arabe')).toBeInTheDocument();

    const members = screen.getByRole('region', { name: /Personnes du ménage/ });
    expect(within(members).getByText('76 ans')).toBeInTheDocument();
    expect(within(members).getByText('Titulaire du bail')).toBeInTheDocument();
    expect(within(members).getByText(/date de naissance : inconnue/i)).toBeInTheDocument();

    const lease = screen.getByRole('region', { name: 'Bail' });
    expect(within(lease).getByText('jeudi 12 mars 2026')).toBeInTheDocument();
    expect(plain(lease.textContent)).toContain('1 234,56 €');
    expect(plain(lease.textContent)).toContain('200,00 €, versée au bailleur (tiers payant)');
    expect(plain(lease.textContent)).toContain('Reste à charge du ménage1 114,56 € par mois');

    const dwelling = screen.getByRole('region', { name: 'Logement' });
    expect(await within(dwelling).findByRole('link', { name: /Résidence Les Tilleuls \(B-0003\)/ })).toHaveAttribute('href', '/patrimoine/3');
    expect(await within(dwelling).findByText('Rez-de-chaussée')).toBeInTheDocument();
    expect(within(dwelling).getByText('Accessible')).toBeInTheDocument();

    const timeline = screen.getByRole('region', { name: 'Chronologie' });
    expect(within(timeline).getByText('Rien pour l’instant.')).toBeInTheDocument();
    expect(within(timeline).getByText(/Les appels, rendez-vous, impayés/)).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'Modifier le ménage' })).toHaveAttribute('href', '/menages/42/modifier');
  });

  it('offers no edit to a role that may not change households', async () => {
    fakeApi({ routes: { 'GET /api/v1/session': () => json({ ...session, user: { ...session.user, roles: ['caretaker'] } }) } });
    renderApp('/menages/42');
    await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' });
    expect(screen.queryByRole('link', { name: 'Modifier le ménage' })).not.toBeInTheDocument();
  });

  it('says so when the household does not exist for this landlord', async () => {
    fakeApi({ routes: { 'GET /api/v1/households/99': () => problem(404, 'Ménage introuvable.') } });
    renderApp('/menages/99');
    expect(await screen.findByText("Cette fiche n'existe pas, ou elle ne fait pas partie de votre organisme.")).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Rechercher un ménage' })).toHaveAttribute('href', '/menages');
  });
});
