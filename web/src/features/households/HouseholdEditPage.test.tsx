import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { session } from '../../test/fixtures';
import { renderApp } from '../../test/render';

describe('household edit form', () => {
  it('shows the record in fields, labels above, phone numbers readable', async () => {
    fakeApi();
    renderApp('/menages/42/modifier');
    expect(await screen.findByRole('heading', { level: 1, name: 'Modifier le ménage Hélène Martin' })).toBeInTheDocument();
    expect(screen.getByLabelText('Numéro de téléphone 1')).toHaveValue('06 12 34 56 78');
    expect(screen.getByLabelText('Précision sur le numéro 1')).toHaveValue('portable');
    expect(screen.getByLabelText('Adresse e-mail')).toHaveValue('helene.martin@exemple.fr');
    expect(screen.getByLabelText('Langue préférée')).toHaveValue('ar');
    const first = screen.getByRole('group', { name: 'Personne 1 : Hélène Martin' });
    expect(within(first).getByLabelText(/Date de naissance/)).toHaveValue('12/03/1950');
    expect(within(first).getByLabelText(/Prénom/)).toHaveAttribute('aria-required', 'true');
  });

  it('says in words what is wrong, next to the field and in a summary, and keeps what was typed', async () => {
    const api = fakeApi();
    const { user } = renderApp('/menages/42/modifier');
    const phone = await screen.findByLabelText('Numéro de téléphone 1');
    await user.clear(phone);
    await user.type(phone, '06 12');
    const second = screen.getByRole('group', { name: 'Personne 2 : Lucas Martin' });
    const birth = within(second).getByLabelText(/Date de naissance/);
    await user.type(birth, '31/02/2019');
    await user.clear(within(second).getByLabelText(/Prénom/));
    await user.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));

    expect(api.calls.some((c) => c.method === 'PATCH')).toBe(false);
    expect(phone).toHaveAccessibleDescription(expect.stringContaining('Le numéro doit être un numéro français à 10 chiffres'));
    expect(birth).toHaveAccessibleDescription(expect.stringContaining('La date de naissance doit être au format JJ/MM/AAAA'));
    const summary = screen.getByRole('heading', { name: 'Le formulaire contient 3 erreurs' }).parentElement!;
    expect(summary).toHaveFocus();
    // In the order of the page: the phone, then the first name, then the birth date.
    expect(within(summary).getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
      '#hh-phones-0-number', '#hh-members-1-first_name', '#hh-members-1-birth_date',
    ]);
    await user.click(within(summary).getAllByRole('link')[0]!);
    expect(phone).toHaveFocus();
    expect(phone).toHaveValue('06 12');
    expect(birth).toHaveValue('31/02/2019');
  });

  it('sends the changes, then shows the record with a confirmation', async () => {
    const api = fakeApi();
    const { user } = renderApp('/menages/42/modifier');
    await user.click(await screen.findByRole('button', { name: 'Ajouter un numéro' }));
    const third = screen.getByLabelText('Numéro de téléphone 3');
    expect(third).toHaveFocus();
    await user.type(third, '+33 6 99 88 77 66');
    await user.click(screen.getByRole('button', { name: 'Retirer le numéro 2' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter une personne' }));
    await user.type(screen.getByLabelText(/Prénom/, { selector: '#hh-members-2-first_name' }), 'Zoé');
    await user.type(screen.getByLabelText(/Nom/, { selector: '#hh-members-2-last_name' }), 'Martin');
    await user.type(screen.getByLabelText(/Date de naissance/, { selector: '#hh-members-2-birth_date' }), '1/9/2015');
    await user.selectOptions(screen.getByLabelText('Lien avec le bail', { selector: '#hh-members-2-relation' }), 'child');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));

    expect(await screen.findByText('Les modifications sont enregistrées.')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/menages/42');
    const patch = api.calls.find((c) => c.method === 'PATCH');
    expect(patch?.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(patch?.body).toEqual({
      email: 'helene.martin@exemple.fr',
      preferred_language: 'ar',
      notes: 'Préfère être appelée le matin.',
      phones: [{ number: '0612345678', label: 'portable' }, { number: '0699887766' }],
      members: [
        { id: 1, first_name: 'Hélène', last_name: 'Martin', birth_date: '1950-03-12', relation: 'holder' },
        { id: 2, first_name: 'Lucas', last_name: 'Martin', birth_date: null, relation: 'child' },
        { first_name: 'Zoé', last_name: 'Martin', birth_date: '2015-09-01', relation: 'child' },
      ],
    });
  });

  it("puts the server's field errors next to the right field", async () => {
    fakeApi({
      routes: {
        'PATCH /api/v1/households/42': () =>
          problem(400, 'Plusieurs champs sont à corriger.', [
            { field: 'phones[1].number', message: 'Le numéro « 0299 » n’est pas un numéro français à 10 chiffres.' },
            { field: 'email', message: 'Adresse e-mail refusée.' },
          ]),
      },
    });
    const { user } = renderApp('/menages/42/modifier');
    // A blank row first: the body's phones[1] is the form's third row.
    await user.click(await screen.findByRole('button', { name: 'Ajouter un numéro' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter un numéro' }));
    await user.clear(screen.getByLabelText('Numéro de téléphone 2'));
    await user.type(screen.getByLabelText('Numéro de téléphone 4'), '02 99 00 00 00');
    await user.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));
    expect(await screen.findByRole('heading', { name: 'Le formulaire contient 2 erreurs' })).toBeInTheDocument();
    expect(screen.getByLabelText('Numéro de téléphone 4')).toHaveAccessibleDescription(expect.stringContaining('Le numéro « 0299 »'));
    expect(screen.getByLabelText('Adresse e-mail')).toHaveAccessibleDescription(expect.stringContaining('Adresse e-mail refusée.'));
    expect(screen.getByLabelText('Numéro de téléphone 4')).toHaveValue('02 99 00 00 00');
  });

  it('says why when the change is refused as a whole', async () => {
    fakeApi({ routes: { 'PATCH /api/v1/households/42': () => problem(403, 'Action non permise pour votre rôle.') } });
    const { user } = renderApp('/menages/42/modifier');
    await user.click(await screen.findByRole('button', { name: 'Enregistrer les modifications' }));
    expect(await screen.findByText(/Votre rôle ne permet pas cette action/)).toBeInTheDocument();
  });

  it('tells a role that may not change households so, instead of a form that would be refused', async () => {
    fakeApi({ routes: { 'GET /api/v1/session': () => json({ ...session, user: { ...session.user, roles: ['technical'] } }) } });
    renderApp('/menages/42/modifier');
    expect(await screen.findByText(/Votre rôle permet de consulter les ménages, pas de les modifier/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer les modifications' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Retour à la fiche du ménage' })).toHaveAttribute('href', '/menages/42');
  });

  it('keeps unsaved changes as a draft, restored when the person comes back', async () => {
    fakeApi();
    const first = renderApp('/menages/42/modifier');
    const notes = await screen.findByLabelText('Notes sur le ménage');
    await first.user.clear(notes);
    await first.user.type(notes, 'Rappeler jeudi.');
    first.unmount();

    const again = renderApp('/menages/42/modifier');
    expect(await screen.findByText(/Vous aviez commencé des modifications/)).toBeInTheDocument();
    expect(screen.getByLabelText('Notes sur le ménage')).toHaveValue('Rappeler jeudi.');
    await again.user.click(screen.getByRole('button', { name: 'Revenir à la fiche enregistrée' }));
    expect(screen.getByLabelText('Notes sur le ménage')).toHaveValue('Préfère être appelée le matin.');
    await waitFor(() => expect(sessionStorage.length).toBe(0));
  });
});
