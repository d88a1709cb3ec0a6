import { describe, expect, it } from 'vitest';
import { guessColumns } from '../src/pages/imports/guess-columns.ts';

describe('guessing an import’s columns from its header line', () => {
  it('knows French headers', () => {
    expect(
      guessColumns(['Nom', 'Courriel', 'Code postal', 'Langue', 'Accord newsletter', 'Étiquettes']),
    ).toEqual({
      email: 'Courriel',
      name: 'Nom',
      postalCode: 'Code postal',
      locale: 'Langue',
      tags: 'Étiquettes',
    });
  });

  it('knows English headers, never takes a consent column for the e-mail, never picks consent', () => {
    expect(guessColumns(['E-mail consent', 'Full name', 'E-mail', 'ZIP', 'Tags'])).toEqual({
      email: 'E-mail',
      name: 'Full name',
      postalCode: 'ZIP',
      tags: 'Tags',
    });
  });

  it('leaves a role out when no column looks like it, and gives a column to one role only', () => {
    expect(guessColumns(['id', 'city', 'notes'])).toEqual({});
    expect(guessColumns(['email', 'email'])).toEqual({ email: 'email' });
  });
});
