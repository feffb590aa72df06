import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { household, sessionWith } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const asRoles = (roles: Schemas['Role'][], extra = {}) =>
  fakeApi({
    routes: {
      'GET /api/v1/session': () => json(sessionWith(roles)),
      'GET /api/v1/households/42/views': () => json({ items: [] }),
      ...extra,
    },
  });

const anonymised: Schemas['Household'] = {
  ...household,
  reference: 'ANONYME-42',
  display_name: 'Personne anonymisée',
  members: household.members.map((m) => ({ ...m, first_name: 'Personne', last_name: 'anonymisée', birth_date: null })),
  phones: [],
  email: '',
  notes: '',
  anonymised: true,
};

describe('personal data on the household record', () => {
  it('offers the subject-access downloads to an administrator, without anonymisation', async () => {
    asRoles(['administrator']);
    renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Données personnelles' });
    expect(within(card).getByRole('heading', { name: 'Droit d’accès' })).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Télécharger (JSON)' })).toHaveAttribute('href', '/api/v1/households/42/subject-access?format=json');
    expect(within(card).getByRole('link', { name: 'Télécharger (PDF)' })).toHaveAttribute('href', '/api/v1/households/42/subject-access?format=pdf');
    expect(within(card).queryByRole('button', { name: 'Anonymiser' })).not.toBeInTheDocument();
  });

  it.each([['call_agent'], ['manager'], ['caretaker']] as const)('is not shown to the role %s', async (role) => {
    asRoles([role]);
    renderApp('/menages/42');
    await screen.findByRole('heading', { level: 1, name: 'Hélène Martin' });
    expect(screen.queryByRole('region', { name: 'Données personnelles' })).not.toBeInTheDocument();
  });

  it('asks the data protection officer for a reason, then anonymises and shows the neutral record', async () => {
    const api = asRoles(['data_protection'], {
      'POST /api/v1/households/42/anonymise': () => json(anonymised),
    });
    const { user } = renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Données personnelles' });
    await user.click(within(card).getByRole('button', { name: 'Anonymiser' }));
    const dialog = screen.getByRole('dialog', { name: 'Anonymiser ce ménage ?' });
    expect(dialog).toHaveTextContent('C’est définitif');
    // No reason: refused here, nothing sent.
    await user.click(within(dialog).getByRole('button', { name: 'Anonymiser définitivement' }));
    expect(within(dialog).getByText('Indiquez le motif de l’anonymisation.')).toBeInTheDocument();
    expect(api.calls.some((c) => c.method === 'POST' && c.path.endsWith('/anonymise'))).toBe(false);

    await user.type(within(dialog).getByLabelText(/Motif/), 'Demande d’effacement du 2 novembre');
    await user.click(within(dialog).getByRole('button', { name: 'Anonymiser définitivement' }));
    expect(await screen.findByText('Le ménage a été anonymisé.')).toBeInTheDocument();
    const sent = api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/households/42/anonymise');
    expect(sent?.body).toEqual({ reason: 'Demande d’effacement du 2 novembre' });
    expect(sent?.headers.get('X-CSRF-Token')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Personne anonymisée' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Modifier le ménage' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Anonymiser' })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal in the dialog', async () => {
    asRoles(['data_protection'], {
      'POST /api/v1/households/42/anonymise': () => problem(409, 'Ce ménage est déjà anonymisé.'),
    });
    const { user } = renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Données personnelles' });
    await user.click(within(card).getByRole('button', { name: 'Anonymiser' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Motif/), 'Fin de conservation');
    await user.click(within(dialog).getByRole('button', { name: 'Anonymiser définitivement' }));
    expect(await within(dialog).findByText('Ce ménage est déjà anonymisé.')).toBeInTheDocument();
  });

  it('says an anonymised household is anonymised and offers no second anonymisation', async () => {
    asRoles(['data_protection'], { 'GET /api/v1/households/42': () => json(anonymised) });
    renderApp('/menages/42');
    const card = await screen.findByRole('region', { name: 'Données personnelles' });
    expect(card).toHaveTextContent('Ce ménage a été anonymisé');
    expect(within(card).queryByRole('button', { name: 'Anonymiser' })).not.toBeInTheDocument();
  });
});
