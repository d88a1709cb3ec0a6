import { expect, inject } from 'vitest';
import { apiAs, testChapterId } from './support.tsx';

/** Signs a pledge through the public API, as a supporter would; expects the 201. */
export async function signPublicly(slug: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${inject('apiUrl')}/api/v1/pledges/${slug}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
}

/**
 * A live pledge of the test chapter, with a generous rate limit (every test signs from the same
 * address) and three signatures made through the public API: Amélie Poulain, Bruno, Chloé,
 * all from https://ally.example, all answering "Data protection".
 *
 * @example
 * const { chapterId, pledgeId } = await signedPledge(`admin-test-${Date.now()}`, 'Admin test pledge');
 */
export async function signedPledge(slug: string, title: string) {
  const api = apiAs('organizer');
  const chapterId = await testChapterId();
  const pledge = await api.pledges.create.mutate({
    chapterId,
    slug,
    goal: 100,
    defaultLocale: 'en',
    rateLimit: { burst: { points: 100, seconds: 1 }, sustained: { points: 100, seconds: 1 } },
    questions: [
      {
        id: 'why',
        kind: 'single',
        required: false,
        label: { en: 'Why are you leaving?', fr: 'Pourquoi partez-vous ?' },
        options: [
          { id: 'privacy', label: { en: 'Data protection', fr: 'Protection des données' } },
          { id: 'price', label: { en: 'Price', fr: 'Prix' } },
        ],
      },
    ],
    translations: { en: { title, body: 'Hello' } },
  });
  await api.pledges.publish.mutate({ chapterId, pledgeId: pledge.id });
  for (const [email, name] of [
    ['amelie@example.org', 'Amélie Poulain'],
    ['bruno@example.org', 'Bruno'],
    ['chloe@example.org', 'Chloé'],
  ]) {
    await signPublicly(slug, {
      email,
      name,
      answers: { why: 'privacy' },
      source: 'https://ally.example',
    });
  }
  return { chapterId, pledgeId: pledge.id };
}
