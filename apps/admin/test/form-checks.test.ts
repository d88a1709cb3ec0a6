import { describe, expect, it } from 'vitest';
import { check } from '../src/components/form.ts';
import { createI18n } from '../src/i18n/index.tsx';

describe('form checks', () => {
  it('names what is missing or wrong, in the page language', () => {
    const fr = createI18n('fr');
    const values = { name: ' ', email: 'late@example', password: 'short' };
    const errors = check.required(values, ['email', 'name', 'password'], fr);
    check.email(values, 'email', fr, errors);
    check.password(values, 'password', fr, errors);
    expect(errors).toEqual({
      name: 'Veuillez remplir ce champ.',
      email: 'Veuillez saisir une adresse e-mail comme nom@exemple.org.',
      password: 'Utilisez au moins 8 caractères.',
    });
    const fine = { name: 'Late Comer', email: 'late@example.org', password: 'long enough' };
    const none = check.required(fine, ['email', 'name', 'password'], fr);
    check.email(fine, 'email', fr, none);
    check.password(fine, 'password', fr, none);
    expect(none).toEqual({});
  });
});
