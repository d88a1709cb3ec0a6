import { describe, expect, it } from 'vitest';
import { actionLabels, detailLabels, detailPairs } from '../src/pages/audit/actions.ts';

describe('audit log words', () => {
  it('names every action in both languages, as a past action', () => {
    for (const [action, words] of Object.entries(actionLabels)) {
      expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(words.en).toMatch(/^[A-Z]/);
      expect(words.fr).toMatch(/^A /);
    }
    for (const words of Object.values(detailLabels)) {
      expect(words.en.length * words.fr.length).toBeGreaterThan(0);
    }
  });

  it('shows details as name: value pairs, nested values as JSON', () => {
    expect(detailPairs({ from: 'Élus', to: 'ÉLUS', people: 2, fields: ['name'] })).toEqual([
      ['from', 'Élus'],
      ['to', 'ÉLUS'],
      ['people', '2'],
      ['fields', '["name"]'],
    ]);
    expect(detailPairs({})).toEqual([]);
    expect(detailPairs(null)).toEqual([]);
    expect(detailPairs(['x'])).toEqual([['', '["x"]']]);
  });
});
