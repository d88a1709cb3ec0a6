import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessageOf, fieldErrorsOf } from '../src/api/errors.ts';
import { serverWords } from '../src/api/server-words.ts';
import { createI18n } from '../src/i18n/index.tsx';

function serverError(message: string, data: Record<string, unknown>) {
  return new TRPCClientError(message, { result: { error: { message, code: -32600, data } } });
}

describe('server messages in the admin', () => {
  it('says the known ones in French, numbers and names included, and the rest as sent', () => {
    expect(serverWords('Required.', 'fr')).toBe('Obligatoire.');
    expect(serverWords('At most 20,000 characters.', 'fr')).toBe('Au plus 20\u202f000 caractères.');
    expect(serverWords('At least 1.', 'fr')).toBe('Au moins 1.');
    expect(serverWords('Already used: Bénévoles.', 'fr')).toBe('Déjà utilisé : Bénévoles.');
    expect(serverWords('Between 1 and 60 characters.', 'fr')).toBe('Entre 1 et 60 caractères.');
    expect(serverWords('Something nobody translated.', 'fr')).toBe('Something nobody translated.');
    expect(serverWords('Required.', 'en')).toBe('Required.');
  });

  it('applies to the field errors and the message of a refused request', () => {
    const fr = createI18n('fr');
    const error = serverError('Invalid input: name, goal.', {
      code: 'BAD_REQUEST',
      fields: { name: 'At most 200 characters.', goal: 'Must be a whole number.' },
    });
    expect(fieldErrorsOf(error, fr)).toEqual({
      name: 'Au plus 200 caractères.',
      goal: 'Un nombre entier est attendu.',
    });
    // Said where no field shows them (a prompt, a button): the fields' own messages.
    expect(errorMessageOf(error, fr)).toBe('Au plus 200 caractères. Un nombre entier est attendu.');
    expect(serverWords('Invalid input: name, goal.', 'fr')).toBe('Saisie à corriger : name, goal.');
    const en = createI18n('en');
    expect(fieldErrorsOf(error, en)).toEqual({
      name: 'At most 200 characters.',
      goal: 'Must be a whole number.',
    });
    const gone = serverError('No such tag.', { code: 'NOT_FOUND' });
    expect(errorMessageOf(gone, fr)).toBe('Étiquette introuvable.');
  });
});
